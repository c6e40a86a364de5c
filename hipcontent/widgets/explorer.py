"""The hip-angle explorer: three sliders (flexion, adduction, internal rotation) that redraw the
side view and the length and moment-arm curves of the gait2392 psoas and iliacus.

`explore_hip_angles(flexion=30)` is an anywidget (front end: static/explorer.js and explorer.css).
Its sliders are native `<input type="range">` elements named by their `<label>` (the angle and
its unit) whose arrow keys move the slider and never the notebook. The picture's alt text follows
the angles (a short alt; the model's numbers in words are its longer description), and the words
are a persistent polite live region, so a screen reader hears the new pose once a slider settles.

The browser draws it: the front end (static/explorer_model.js, the model's path maths ported;
explorer_look.js and explorer_draw.js, the canvas; explorer.js, the sliders and words; joined by
`static_text`) computes
the paths, lengths and moment arms from `PAYLOAD` (hipcontent.model.browser's data with
hipcontent.figures.function's style), the same text for every explorer, so the picture and its words
follow the sliders with no kernel (the static site) and with one (JupyterLab). The kernel keeps the
angles, checks them, and says the same words (`describe()`).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import anywidget
import traitlets

from hipcontent.figures.function import _describe, explorer_style
from hipcontent.model import browser
from hipcontent.model import paths as model
from hipcontent.views.display import course_css
from hipcontent.widgets.cells import StableText

__all__ = ["PAYLOAD", "SLIDERS", "HipAngleExplorer", "explore_hip_angles", "short_alt", "static_text"]

STATIC = Path(__file__).resolve().parent / "static"
# The front end by role, joined in this order into one `_esm` (anywidget loads it from a blob: URL,
# where relative imports cannot resolve): the model's maths and words, the look (colours, layout,
# curve panels, key), the canvas with the bones, the widget.
MODULES = ("explorer_model.js", "explorer_look.js", "explorer_draw.js", "explorer.js")
LOCAL_IMPORT = "import "  # a line starting so and naming "./..." is dropped when the modules are joined

# name -> (visible label, spoken unit phrase, min, max, step): degrees, as the model takes them
SLIDERS = {
    "flexion": ("Hip flexion (degrees)", "degrees of flexion", -30, 120, 5),
    "adduction": ("Adduction (degrees)", "degrees of adduction", -30, 30, 5),
    "rotation": ("Internal rotation (degrees)", "degrees of internal rotation", -30, 30, 5),
}


@cache
def _static(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


@cache
def static_text(name: str = "explorer.js") -> str:
    """The front end: explorer.js with its sibling modules joined in (or explorer.css)."""
    if name == "explorer.css":
        return _static(name)
    if name != "explorer.js":
        raise ValueError(f"no front-end file {name!r}; use explorer.js or explorer.css")
    parts = []
    for module in MODULES:
        lines = _static(module).splitlines()
        kept = [line for line in lines if not (line.startswith(LOCAL_IMPORT) and '"./' in line)]
        if any(line.startswith(LOCAL_IMPORT) for line in kept):  # a module's imports are one line each
            raise ValueError(f"{module}: write each import of a sibling module on one line")
        parts.append(f"// ---- {module} ----\n" + "\n".join(kept))
    return "\n".join(parts) + "\n"


# What the browser computes and draws from: the model and bones (hipcontent.model.browser) and the
# style (hipcontent.figures.function.explorer_style). One text, made once, shared by every explorer.
PAYLOAD = browser.payload_text({"style": explorer_style()})


def short_alt(flexion: float, adduction: float, rotation: float) -> str:
    """The picture's alt text: what it shows, at which angles (the numbers are in the description)."""
    return (f"Hip-angle explorer at flexion {flexion:g}°, adduction {adduction:g}°, internal rotation "
            f"{rotation:g}°: the right hip from the side with the model's psoas and iliacus paths, and "
            "their length and flexion moment arm across the flexion range with the current angle marked.")


class HipAngleExplorer(StableText, anywidget.AnyWidget):
    """Sliders for hip flexion, adduction and rotation that redraw the side view and curves.

    Keyboard: Tab to a slider, then the arrow keys (one step of 5°), Page Up/Down (15°), Home/End.
    The words under the picture say the same in numbers (for screen readers and printouts).
    """

    # What an unrun, untrusted lesson shows in place of the widget (widgets/cells.py: StableText).
    UNRUN_NAME = "The hip-angle explorer (sliders for hip flexion, adduction and rotation)"
    _esm = static_text("explorer.js")
    _css = course_css() + static_text("explorer.css")  # the course stylesheet first (views.display's rule)

    sliders = traitlets.Unicode("[]").tag(sync=True)
    flexion = traitlets.Int(0, min=SLIDERS["flexion"][2], max=SLIDERS["flexion"][3]).tag(sync=True)
    adduction = traitlets.Int(0, min=SLIDERS["adduction"][2], max=SLIDERS["adduction"][3]).tag(sync=True)
    rotation = traitlets.Int(0, min=SLIDERS["rotation"][2], max=SLIDERS["rotation"][3]).tag(sync=True)
    # The model, bones and style the browser draws from (the same text for every explorer).
    payload = traitlets.Unicode(PAYLOAD, read_only=True).tag(sync=True)

    def __init__(self, flexion: float = 0, adduction: float = 0, rotation: float = 0):
        model._angles(flexion=flexion, adduction=adduction, rotation=rotation)  # clear errors first
        records = [{"name": name, "label": label, "unit": unit, "min": low, "max": high, "step": step}
                   for name, (label, unit, low, high, step) in SLIDERS.items()]
        super().__init__(sliders=json.dumps(records), flexion=round(flexion), adduction=round(adduction),
                         rotation=round(rotation))

    @property
    def pose(self) -> tuple[float, float, float]:
        """(flexion, adduction, rotation) in degrees, as the sliders show them."""
        return float(self.flexion), float(self.adduction), float(self.rotation)

    @property
    def alt(self) -> str:
        """The picture's short alt text at the current angles (the browser sets the same)."""
        return short_alt(*self.pose)

    def set(self, flexion: float, adduction: float = 0.0, rotation: float = 0.0) -> None:
        """Move the sliders to these angles (whole degrees), as a learner would; the browser redraws."""
        model._angles(flexion=flexion, adduction=adduction, rotation=rotation)
        with self.hold_trait_notifications():
            self.flexion, self.adduction, self.rotation = (round(float(v)) for v in (flexion, adduction, rotation))

    def describe(self) -> str:
        """The pose and the model's numbers in words (the picture's long description)."""
        return _describe(*self.pose)

    def __repr__(self) -> str:
        flexion, adduction, rotation = self.pose
        return f"HipAngleExplorer(flexion={flexion:g}°, adduction={adduction:g}°, rotation={rotation:g}°)"


def explore_hip_angles(flexion: float = 0, adduction: float = 0, rotation: float = 0) -> HipAngleExplorer:
    """The interactive hip-angle explorer for the lesson."""
    return HipAngleExplorer(flexion, adduction, rotation)

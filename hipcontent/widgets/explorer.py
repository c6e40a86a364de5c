"""The hip-angle explorer: three sliders (flexion, adduction, internal rotation) that redraw the
side view and the length and moment-arm curves of the gait2392 psoas and iliacus.

`explore_hip_angles(flexion=30)` is an anywidget (front end: static/explorer.js and explorer.css).
Its sliders are native `<input type="range">` elements named by their `<label>` (the angle and
its unit) whose arrow keys move the slider and never the notebook. The picture's alt text follows
the angles (a short alt; the model's numbers in words are its longer description), and the words
are a persistent polite live region, so a screen reader hears the new pose once a slider settles.

The drawing is hipcontent.figures.function.ExplorerFigure, redrawn in the kernel on each change.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import anywidget
import traitlets

from hipcontent.figures.function import ExplorerFigure, _describe
from hipcontent.model import paths as model
from hipcontent.views.display import course_css
from hipcontent.widgets.cells import StableText

__all__ = ["SLIDERS", "HipAngleExplorer", "explore_hip_angles", "short_alt"]

STATIC = Path(__file__).resolve().parent / "static"
# The picture is drawn at 1.5 times the explorer figure's old 80 dpi and shown at a CSS width
# (explorer.css), so it stays sharp when it is shown larger (wide screens, the projector switch).
DPI = 120
GROUND = re.compile(r"#[0-9a-f]{6}")

# name -> (visible label, spoken unit phrase, min, max, step): degrees, as the model takes them
SLIDERS = {
    "flexion": ("Hip flexion (degrees)", "degrees of flexion", -30, 120, 5),
    "adduction": ("Adduction (degrees)", "degrees of adduction", -30, 30, 5),
    "rotation": ("Internal rotation (degrees)", "degrees of internal rotation", -30, 30, 5),
}


@cache
def _static(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


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
    _esm = _static("explorer.js")
    _css = course_css() + _static("explorer.css")  # the course stylesheet first (views.display's rule)

    sliders = traitlets.Unicode("[]").tag(sync=True)
    flexion = traitlets.Int(0, min=SLIDERS["flexion"][2], max=SLIDERS["flexion"][3]).tag(sync=True)
    adduction = traitlets.Int(0, min=SLIDERS["adduction"][2], max=SLIDERS["adduction"][3]).tag(sync=True)
    rotation = traitlets.Int(0, min=SLIDERS["rotation"][2], max=SLIDERS["rotation"][3]).tag(sync=True)
    png = traitlets.Bytes(b"").tag(sync=True)  # the picture (JPEG bytes; the name is kept for old front ends)
    alt = traitlets.Unicode("").tag(sync=True)
    description = traitlets.Unicode("").tag(sync=True)
    # The page's ground colour behind the picture (#rrggbb), sent by the front end, which reads it
    # from the page and sends it again when the JupyterLab theme changes: the JPEG is drawn on it,
    # so the dark theme shows no white box.
    ground = traitlets.Unicode("#ffffff").tag(sync=True)

    def __init__(self, flexion: float = 0, adduction: float = 0, rotation: float = 0):
        model._angles(flexion=flexion, adduction=adduction, rotation=rotation)  # clear errors first
        self.drawing = ExplorerFigure(round(flexion), round(adduction), round(rotation), dpi=DPI)
        records = [{"name": name, "label": label, "unit": unit, "min": low, "max": high, "step": step}
                   for name, (label, unit, low, high, step) in SLIDERS.items()]
        super().__init__(sliders=json.dumps(records), flexion=round(flexion), adduction=round(adduction),
                         rotation=round(rotation))
        self._show()
        self.observe(self._changed, names=["flexion", "adduction", "rotation"])
        self.observe(self._on_ground, names=["ground"])

    @traitlets.validate("ground")
    def _valid_ground(self, proposal):
        value = str(proposal["value"]).strip().lower()
        if not GROUND.fullmatch(value):
            raise traitlets.TraitError(f"ground must be a colour like '#1a1b1c'; got {proposal['value']!r}")
        return value

    def _on_ground(self, _change=None) -> None:
        if self.ground != self.drawing.ground:
            self.drawing.set_ground(self.ground)
            self._show()

    def _changed(self, _change=None) -> None:
        pose = (float(self.flexion), float(self.adduction), float(self.rotation))
        if pose != self.drawing.pose:  # one redraw when several angles change together
            self.drawing.update(*pose)
            self._show()

    def _show(self) -> None:
        with self.hold_trait_notifications():
            self.png = self.drawing.jpeg()  # the picture's bytes (JPEG: fast enough for a slider)
            self.alt = short_alt(*self.drawing.pose)
            self.description = _describe(*self.drawing.pose)

    def set(self, flexion: float, adduction: float = 0.0, rotation: float = 0.0) -> None:
        """Move the sliders to these angles (whole degrees) and redraw, as a learner would."""
        model._angles(flexion=flexion, adduction=adduction, rotation=rotation)
        with self.hold_trait_notifications():
            self.flexion, self.adduction, self.rotation = (round(float(v)) for v in (flexion, adduction, rotation))

    def describe(self) -> str:
        """The pose and the model's numbers in words (the picture's long description)."""
        return _describe(*self.drawing.pose)

    def __repr__(self) -> str:
        flexion, adduction, rotation = self.drawing.pose
        return f"HipAngleExplorer(flexion={flexion:g}°, adduction={adduction:g}°, rotation={rotation:g}°)"


def explore_hip_angles(flexion: float = 0, adduction: float = 0, rotation: float = 0) -> HipAngleExplorer:
    """The interactive hip-angle explorer for the lesson."""
    return HipAngleExplorer(flexion, adduction, rotation)

"""Projector style: figures readable from the back of a room, switched on in one place.

A coach turns it on for a whole notebook with `use_projector_style()` (and off again with
`use_projector_style(False)`), or for a few figures with `with projector_style(): ...`.
The course's projector switch, `hipcontent.projector()`, does the first for you when it is
pressed (and makes the page's course text and figures twice as large as well).
Both set matplotlib's rcParams only: large fonts, thick lines and ticks, black text on white,
and the Okabe–Ito colour cycle. Figures read rcParams when they are *built*, so switch the
style on before calling a drawing function.

Drawing functions in hipcontent give their text relative sizes ("small", "large",
"x-large") rather than points, so every label grows with `font.size` when the style is on.

Slides: the lessons can also be shown as slides (jupyterlab-rise or `jupyter nbconvert --to
slides`), which read each cell's `slideshow.slide_type` metadata. `slide_problems()` checks
that every lesson cell carries a valid one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import matplotlib
from cycler import cycler

from hipcontent.figures.palette import OKABE_ITO

# Okabe–Ito in a projector-friendly order: strongest contrast on white first. Yellow is left
# out because it is too faint against a white screen; colour is never the only cue anyway.
PROJECTOR_CYCLE = tuple(
    OKABE_ITO[name]
    for name in ("blue", "vermillion", "bluish_green", "reddish_purple", "orange", "sky_blue", "black")
)

# Every setting the projector style changes, in one place (matplotlib's defaults in comments).
PROJECTOR_RC = {
    "font.size": 18,  # 10: relative sizes below scale from this
    "axes.titlesize": "x-large",
    "axes.titleweight": "bold",
    "axes.labelsize": "large",
    "axes.labelweight": "bold",
    "xtick.labelsize": "medium",
    "ytick.labelsize": "medium",
    "legend.fontsize": "medium",
    "figure.titlesize": "x-large",
    "lines.linewidth": 3.5,  # 1.5
    "lines.markersize": 11,  # 6
    "patch.linewidth": 2.0,  # 1.0
    "axes.linewidth": 2.0,  # 0.8
    "xtick.major.width": 2.0,
    "ytick.major.width": 2.0,
    "xtick.major.size": 7,
    "ytick.major.size": 7,
    "grid.linewidth": 1.2,
    # High contrast: pure black ink on a white ground.
    "text.color": "black",
    "axes.labelcolor": "black",
    "axes.edgecolor": "black",
    "xtick.color": "black",
    "ytick.color": "black",
    "axes.facecolor": "white",
    "figure.facecolor": "white",
    # Saved with the figure's own face: white, except for the course's theme-safe figures, which
    # have none (hipcontent.figures.theme), so projector mode in the dark theme shows no white box.
    "savefig.facecolor": "auto",
    "axes.prop_cycle": cycler(color=list(PROJECTOR_CYCLE)),
}

_saved_rc: dict | None = None  # the values use_projector_style(True) replaced


def projector_rc() -> dict:
    """A copy of the rcParams the projector style sets (for inspection or your own rc_context)."""
    return dict(PROJECTOR_RC)


@contextmanager
def projector_style() -> Iterator[None]:
    """Build figures in projector style inside the `with` block; rcParams are restored after it.

    >>> with projector_style():
    ...     shown = plan.timeline()
    """
    with matplotlib.rc_context(PROJECTOR_RC):
        yield


def use_projector_style(on: bool = True) -> "ProjectorState":
    """Switch the projector style on (or off with `on=False`) for every figure built afterwards.

    Returns the new state, which reads as one line in a notebook cell.
    Switching on twice, or off when it is already off, does nothing.
    """
    global _saved_rc
    if not isinstance(on, bool):
        raise ValueError(f"use_projector_style(on=...) takes True or False; got {on!r}")
    params = matplotlib.rcParams
    if on and _saved_rc is None:
        _saved_rc = {key: params[key] for key in PROJECTOR_RC}
        params.update(PROJECTOR_RC)
    elif not on and _saved_rc is not None:
        params.update(_saved_rc)
        _saved_rc = None
    return ProjectorState(is_projector_style_on())


def is_projector_style_on() -> bool:
    """True while `use_projector_style()` is in force."""
    return _saved_rc is not None


class ProjectorState:
    """What `use_projector_style` returns: a readable, deterministic line for the notebook."""

    def __init__(self, on: bool):
        self.on = on

    def __repr__(self) -> str:
        if self.on:
            return f"Projector style on: text {PROJECTOR_RC['font.size']} pt, lines {PROJECTOR_RC['lines.linewidth']} pt, Okabe–Ito colours."
        return "Projector style off: matplotlib's usual sizes."

    def __bool__(self) -> bool:
        return self.on


# --- slides ---------------------------------------------------------------------------------

SLIDE_TYPES = ("slide", "subslide", "fragment", "skip", "notes", "-")
NAVIGATION_TAG = "navigation"  # generated link cells: tools/run_notebooks.py rewrites them


def slide_problems(notebook) -> list[str]:
    """What stops a notebook from working as slides; an empty list when every cell is fine.

    `notebook` is an nbformat notebook (or the dict it reads as). Each lesson cell needs
    `metadata.slideshow.slide_type` set to one of SLIDE_TYPES, and the first lesson cell must
    start a slide. Navigation cells are generated without it and are skipped here.
    """
    problems = []
    lesson_cells = [
        (number, cell)
        for number, cell in enumerate(notebook["cells"], start=1)
        if NAVIGATION_TAG not in cell.get("metadata", {}).get("tags", [])
    ]
    if not lesson_cells:
        return ["the notebook has no lesson cells"]
    for number, cell in lesson_cells:
        slide_type = cell.get("metadata", {}).get("slideshow", {}).get("slide_type")
        if slide_type is None:
            problems.append(f"cell {number}: no slideshow.slide_type (set one of {', '.join(SLIDE_TYPES)})")
        elif slide_type not in SLIDE_TYPES:
            problems.append(f"cell {number}: slide_type {slide_type!r} is not one of {', '.join(SLIDE_TYPES)}")
    first_number, first = lesson_cells[0]
    if first.get("metadata", {}).get("slideshow", {}).get("slide_type") != "slide":
        problems.append(f"cell {first_number}: the first lesson cell must start a slide (slide_type 'slide')")
    return problems

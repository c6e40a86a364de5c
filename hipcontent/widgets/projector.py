"""One projector switch for the whole course: `hipcontent.projector()`.

It shows a small toggle button (an anywidget; front end `static/projector.js`). Pressed, it makes
every course output on the page twice as large — fact cards, tables, quizzes, messages, figures,
and the lesson's prose and code — by setting the CSS custom property `--hip-scale` on the page's
root element, which `hipcontent/views/static/course.css` sizes everything from. The browser
remembers the choice (localStorage), so each lesson opened afterwards on that browser starts the
way the coach left it as soon as its `hipcontent.projector()` cell runs, and every lesson already
open on the page follows at once.

The kernel hears the choice too (the `on` trait): while it is on, `use_projector_style()` from
hipcontent.figures.style is in force, so figures drawn afterwards are drawn in projector style.
Figures drawn before the switch are high-resolution PNGs and are simply shown larger.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import anywidget
import traitlets

from hipcontent.figures.style import use_projector_style
from hipcontent.views.display import course_css
from hipcontent.widgets.cells import StableText

__all__ = ["PROJECTOR_SCALE", "ProjectorSwitch", "projector"]

STATIC = Path(__file__).resolve().parent / "static"
PROJECTOR_SCALE = 2.0  # course text 14 px -> 28 px, small print 12 px -> 24 px


@cache
def _esm() -> str:
    return (STATIC / "projector.js").read_text(encoding="utf-8")


class ProjectorSwitch(StableText, anywidget.AnyWidget):
    """The toggle. `on` is True in projector mode (set by the button, by the browser's remembered
    choice, or from code: `switch.on = True`)."""

    _esm = _esm()
    css = traitlets.Unicode("").tag(sync=True)  # the course stylesheet, put into the page head once
    on = traitlets.Bool(False).tag(sync=True)
    scale = traitlets.Float(PROJECTOR_SCALE).tag(sync=True)
    requested = traitlets.Bool(False).tag(sync=True)  # True: the kernel chose; the browser obeys

    def __init__(self, on: bool | None = None):
        if on is not None and not isinstance(on, bool):
            raise ValueError(f"projector(on=...) takes True, False or None (the browser remembers); got {on!r}")
        chosen = {} if on is None else {"on": on, "requested": True}
        super().__init__(css=course_css(), **chosen)  # on=None: the kernel's style waits for the browser
        if on is not None:
            use_projector_style(on)

    @traitlets.observe("on")
    def _figures_follow(self, change) -> None:
        if change["new"] != change["old"]:
            use_projector_style(bool(change["new"]))

    UNRUN_NAME = "The projector switch (course text and figures twice as large)"

    def __repr__(self) -> str:
        state = "on" if self.on else "off"
        return (f"Projector switch ({state}): press it to make course text, tables and figures twice as large; "
                "the browser remembers the choice for every lesson.")



def projector(on: bool | None = None) -> ProjectorSwitch:
    """The projector switch for this lesson. `on=None` (default): the browser's remembered choice;
    `on=True` / `on=False`: switch it from code (and remember that)."""
    return ProjectorSwitch(on)

"""The session builder form: tick exercises, choose each one's preset and the rest, press "Plan session".

The form makes the same plan as `hipcontent.coaching.session.plan_session` and keeps it as
`builder.plan` for the next cells. It lists the exercises of the library the coach passes
(None: the built-in library).
"""

from __future__ import annotations

from collections.abc import Iterable

from hipcontent.coaching.session import SessionPlan, plan_session
from hipcontent.content.exercises import Exercise, ExerciseLibrary
from hipcontent.timing.timers import library_or_builtin
from hipcontent.views.display import escape


class SessionBuilder:
    """A small form: tick exercises, choose each one's preset and the rest, then press "Plan session".

    Everything is keyboard-operable (checkboxes, drop-downs, a number box and a button). The
    plan appears under the form as a table; `builder.plan` is the latest plan for the next cells.
    exercises: the `Exercise`s (or ids in `library`) to offer; None: every exercise of `library`.
    """

    def __init__(
        self,
        exercises: Iterable[Exercise | str] | None = None,
        rest_between: int = 60,
        *,
        library: ExerciseLibrary | None = None,
    ):
        import ipywidgets as widgets

        self.library = library_or_builtin(library)
        if exercises is None:
            exercises = self.library
        elif isinstance(exercises, (str, Exercise)) or not isinstance(exercises, Iterable):
            raise ValueError(f"exercises must be a list of exercises or their ids; got {type(exercises).__name__}")
        self._exercises = [self.library.resolve(item) for item in exercises]
        if not self._exercises:
            raise ValueError("the exercise library is empty: there is nothing to choose from")
        if isinstance(rest_between, bool) or not isinstance(rest_between, int) or not 0 <= rest_between <= 600:
            raise ValueError(f"rest_between must be a whole number of seconds from 0 to 600; got {rest_between!r}")
        self.plan: SessionPlan | None = None
        self.rows = []
        for exercise in self._exercises:
            tick = widgets.Checkbox(value=False, description=exercise.name, indent=False,
                                    layout=widgets.Layout(width="24rem"))
            choose = widgets.Dropdown(
                options=[(preset.label, preset.id) for preset in exercise.dosage],
                value=exercise.default_preset.id,
                description="Preset", layout=widgets.Layout(width="26rem"),
            )
            self.rows.append((exercise, tick, choose))
        self.rest = widgets.BoundedIntText(value=rest_between, min=0, max=600, step=5,
                                           description="Rest (s)", layout=widgets.Layout(width="12rem"))
        self.button = widgets.Button(description="Plan session", icon="list", button_style="primary",
                                     tooltip="Make the plan from the ticked exercises")
        self.result = widgets.HTML("<p>Tick one or more exercises, then press <b>Plan session</b>.</p>")
        self.button.on_click(self._on_plan)
        self.widget = widgets.VBox(
            [widgets.HBox([tick, choose]) for _, tick, choose in self.rows]
            + [widgets.HBox([self.rest, self.button]), self.result]
        )
        self.widget.add_class("hipcontent-session-builder")

    def selection(self) -> list[tuple[Exercise, str]]:
        return [(exercise, choose.value) for exercise, tick, choose in self.rows if tick.value]

    def make_plan(self) -> SessionPlan:
        """The plan for the current choices (what the button does), or a ValueError saying what is missing."""
        self.plan = plan_session(self.selection(), rest_between=self.rest.value, library=self.library)
        return self.plan

    def _on_plan(self, _button=None) -> None:
        try:
            self.result.value = self.make_plan().table().html
        except ValueError as error:
            self.result.value = f"<p><b>Cannot plan yet:</b> {escape(error)}</p>"

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude) or {}
        bundle["text/plain"] = repr(self)
        return bundle

    def __repr__(self) -> str:
        chosen = len(self.selection())
        return (
            f"Session builder: {len(self.rows)} exercise{'s' if len(self.rows) != 1 else ''} to choose from, "
            f"{chosen} chosen, "
            f"rest {self.rest.value} s between exercises"
        )

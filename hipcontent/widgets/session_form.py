"""The session form: choose exercises, put them in order, pick presets, then time, print or share.

    builder = SessionBuilder(folder="my-session")   # every exercise of the built-in library
    builder = SessionBuilder(start=30, library=my_library, folder="my-session")  # from a ready class
    builder                                         # the form; the timer appears under it

The form makes the same plan as `hipcontent.coaching.session.plan_session` and keeps it as
`builder.plan` for the next cells. Everything comes from `library` (a coach's own, from
`load_library`; None: the built-in one): the offered exercises, ids and the ready classes.
From the form itself: **Start from this class** fills the list with a ready class
(`hipcontent.ready_class`), **Show the timer** puts the whole session under the form as one
browser timer, **Print the handout**, **Print the class sheets** and **Save the player** write
their files into `folder`. A file already there is never replaced: the form writes the next free
name ("session-handout-2.pdf") and its status line says where every file went. Every refusal
(choices that make no plan, a failed write) is said in words in that status line, a live region.
The same actions are methods (`start_from`, `show_timer`, `print_handout`, `print_sheets`,
`save_player`), and the list can be edited from code (`add`, `move`, `set_preset`, `remove`),
which is what the tests do.

Its front end is `static/session_form.js` and `.css`: native controls only (drop-downs, buttons,
a number box), each with an accessible name; reordering is by Up and Down buttons.

The browser makes the plan too (`static/session_plan.js`, from the payload that
`hipcontent.widgets.session_payload` builds: every offered exercise's phases at every preset), so
the table and total follow each change at once and the form works with no kernel (the static
site). The table shown is always the browser's; `builder.plan` (and `form.plan_html`, `total`,
`problem`) is the kernel's, kept in step, and the browser tests check that the two agree. With
no kernel (`experimental.hipcontentOffline`) the buttons act in the browser: the timer is the
player's own code, the player a download, the handout and the class sheets printable pages
(the same words as the PDFs, which matplotlib draws in Python).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import anywidget
import traitlets

from hipcontent.coaching.session import SessionPlan, plan_session
from hipcontent.content.exercises import DosagePreset, Exercise, ExerciseLibrary
from hipcontent.timing.program import MAX_SESSION_EXERCISES, MAX_TITLE_TEXT
from hipcontent.timing.timers import format_seconds, library_or_builtin, resolve_preset
from hipcontent.views.display import course_css
from hipcontent.widgets.cells import CellOwned, needs_python
from hipcontent.widgets.session_payload import browser_plan_data, esm_text

__all__ = ["SessionBuilder", "SessionFormWidget"]

STATIC = Path(__file__).resolve().parent / "static"
MAX_REST = 600
HANDOUT = "session-handout.pdf"
PLAYER = "session-player.html"
CLASS_SHEET = "class-sheet.pdf"
COACH_SHEET = "coach-sheet.pdf"
MAX_NAME_TRIES = 20
READY_MINUTES = (15, 30, 45)  # the ready classes (hipcontent.ready_class) the form can start from
START = "Choose an exercise, press Add to the session, and repeat."
NO_TOTAL = "No total time: these choices make no plan (the message under the buttons says why)."


def _static(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


class SessionFormWidget(anywidget.AnyWidget):
    """The form's front end (anywidget). SessionBuilder drives it; use that."""

    _esm = esm_text()  # session_plan.js + session_offline.js + session_form.js (widgets.session_payload)
    _css = course_css() + _static("session_form.css")  # the course stylesheet first (views.display's rule)

    payload = traitlets.Unicode("{}").tag(sync=True)
    chosen = traitlets.List().tag(sync=True)  # [exercise id, preset id] in session order
    rest = traitlets.Int(60).tag(sync=True)
    plan_html = traitlets.Unicode("").tag(sync=True)
    total = traitlets.Unicode("").tag(sync=True)
    status = traitlets.Unicode("").tag(sync=True)
    said = traitlets.Int(0).tag(sync=True)  # bumped with every message: the same words are announced again
    problem = traitlets.Unicode("").tag(sync=True)  # why these choices make no plan ("" when they do)
    busy = traitlets.Bool(False).tag(sync=True)
    timer_shown = traitlets.Int(0).tag(sync=True)


def _whole_rest(seconds: float) -> int:
    return int(round(seconds))


# Re-running the form's cell stops the timers the forms of its earlier run showed.
CELLS = CellOwned()


class SessionBuilder:
    """A form to build a session and use it: add exercises, reorder them (Up/Down), pick each one's
    preset and the rest between exercises; the plan's table and total time follow every change.

    exercises: the `Exercise`s (or ids in `library`) to offer; None: every exercise of `library`.
    rest_between: seconds of rest between exercises (0 to 600; None: 60, or the start plan's).
    library: the library everything is taken from: ids, the offered list and the ready classes
    (`load_library(...)`, a coach's own; None: the built-in library). folder: where the handout and
    the player are written (created when first needed); a file already there is never replaced:
    the form writes the next free name ("session-handout-2.pdf") and says where it wrote.
    title: the session's title (None: "Session", or the start plan's).
    start: what the form starts with: a ready class's length in minutes (15, 30, 45:
    `hipcontent.ready_class(start, library=library)`) or any `SessionPlan` made from the same library.
    """

    def __init__(
        self,
        exercises: Iterable[Exercise | str] | None = None,
        rest_between: int | None = None,
        *,
        library: ExerciseLibrary | None = None,
        folder: str | Path = ".",
        title: str | None = None,
        start: SessionPlan | int | None = None,
    ):
        import ipywidgets as widgets

        self.library = library_or_builtin(library)
        begin = self._start_plan(start)
        self._ready_chosen = start if start in READY_MINUTES and not isinstance(start, bool) else 30
        if exercises is None:
            exercises = self.library
        elif isinstance(exercises, (str, Exercise)) or not isinstance(exercises, Iterable):
            raise ValueError(f"exercises must be a list of exercises or their ids; got {type(exercises).__name__}")
        offered = [self.library.resolve(item) for item in exercises]
        if not offered:
            raise ValueError("the exercise library is empty: there is nothing to choose from")
        self._offered: dict[str, Exercise] = {}
        for exercise in [*offered, *(item.exercise for item in begin.items)] if begin else offered:
            self._offered.setdefault(exercise.id, exercise)
        if rest_between is None:
            rest_between = _whole_rest(begin.rest_between) if begin else 60
        if isinstance(rest_between, bool) or not isinstance(rest_between, int) or not 0 <= rest_between <= MAX_REST:
            raise ValueError(f"rest_between must be a whole number of seconds from 0 to {MAX_REST}; got {rest_between!r}")
        if not isinstance(folder, (str, Path)) or not str(folder).strip():
            raise ValueError(f"folder must be a folder path; got {folder!r}")
        if title is None:
            title = begin.title if begin else "Session"
        if not isinstance(title, str) or not title.strip():
            raise ValueError(f"title must be some text; got {title!r}")
        if len(title.strip()) > MAX_TITLE_TEXT:
            raise ValueError(f"title must be at most {MAX_TITLE_TEXT} characters; got {len(title.strip())}")
        self.folder = Path(folder)
        self.title = title.strip()
        self.plan: SessionPlan | None = None
        self.timer = None
        self.form = SessionFormWidget(payload=json.dumps(self._payload(), ensure_ascii=False, separators=(",", ":")), rest=rest_between)
        self.timer_box = widgets.Box(layout=widgets.Layout(display="block", width="100%"))
        self.widget = widgets.VBox([self.form, self.timer_box])
        self.widget.add_class("hipcontent-session-builder")
        self.form.observe(self._on_chosen, names="chosen")
        self.form.observe(self._on_rest, names="rest")
        self.form.on_msg(self._on_message)
        self._accepted = rest_between  # the last rest accepted (reverts a bad one typed in the form)
        self._dropped = 0  # entries of the browser's list left out, said with the next update
        if begin:
            self.form.chosen = [[item.exercise_id, item.preset] for item in begin.items]
            self._update(f"Started from {begin.title}: {len(begin.items)} exercises, "
                         f"{format_seconds(begin.total_seconds)}. Change anything, then time, print or save it.")
        else:
            self._update()
        CELLS.adopt(self, SessionBuilder._retire)

    def _start_plan(self, start) -> SessionPlan | None:
        """The plan the form starts with: None, a ready class (minutes) or a SessionPlan, checked
        to come from this form's library (an exercise is never swapped for another one of its id)."""
        if start is None:
            return None
        if isinstance(start, int) and not isinstance(start, bool):
            from hipcontent.coaching.ready import ready_class

            try:
                return ready_class(start, library=self.library)
            except ValueError as error:
                raise ValueError(f"start: {error}") from None
        if not isinstance(start, SessionPlan):
            raise ValueError("start must be a ready class's length in minutes (15, 30 or 45) or a SessionPlan; "
                             f"got {type(start).__name__}")
        for item in start.items:
            if item.exercise_id in self.library and self.library[item.exercise_id] != item.exercise:
                raise ValueError(f"start: the plan's exercise {item.exercise_id!r} is not the one this form's library "
                                 "has under that id; make the plan with the same library= as the form")
        if not 0 <= start.rest_between <= MAX_REST:
            raise ValueError(f"start: the plan rests {start.rest_between:g} s between exercises; "
                             f"the form allows 0 to {MAX_REST}")
        return start

    def start_from(self, minutes: int) -> SessionPlan:
        """Replace the form's list with a ready class of `minutes` (15, 30, 45) from the form's
        library, as the form's "Start from" button does, and say what was replaced."""
        from hipcontent.coaching.ready import ready_class

        plan = ready_class(minutes, library=self.library)
        missing = [item.name for item in plan.items if item.exercise_id not in self._offered]
        if missing:
            raise ValueError(f"the {minutes}-minute class uses exercises this form does not offer ("
                             + ", ".join(missing) + "): make the form without exercises= to offer the whole library")
        replaced = len(self.form.chosen)
        with self.form.hold_sync():
            self._accepted = _whole_rest(plan.rest_between)
            self.form.rest = self._accepted
            self.form.chosen = [[item.exercise_id, item.preset] for item in plan.items]
        kept = f" (it replaced the {replaced} exercise{'s' if replaced != 1 else ''} you had)" if replaced else ""
        self._say(f"Started from {plan.title}{kept}: {len(plan.items)} exercises, "
                  f"{format_seconds(self.plan.total_seconds if self.plan else plan.total_seconds)}. "
                  "Change anything, then time, print or save it.")
        return plan

    def _payload(self) -> dict:
        return {
            "title": f"Plan a session: {self.title}" if self.title != "Session" else "Plan a session",
            "how": ("Add exercises in the order to do them; Up and Down change the order. "
                    "The plan and its total time follow every change."),
            "max_rest": MAX_REST,
            "ready": list(READY_MINUTES),
            "ready_chosen": self._ready_chosen,
            "handout": (self.folder / HANDOUT).as_posix(),
            "player": (self.folder / PLAYER).as_posix(),
            "sheets": f"{(self.folder / CLASS_SHEET).as_posix()} and {(self.folder / COACH_SHEET).as_posix()}",
            "words": {"start": START, "no_total": NO_TOTAL},
            # Everything the browser needs to make any plan of these exercises itself (no kernel).
            **browser_plan_data(self._offered, self.library, self.title, READY_MINUTES),
        }

    # -- the list, from code (the form's buttons do the same) --
    @property
    def rest(self) -> int:
        return self.form.rest

    @rest.setter
    def rest(self, seconds: int) -> None:
        self.form.rest = seconds

    def selection(self) -> list[tuple[Exercise, str]]:
        """The session so far: (exercise, preset id) in order."""
        return [(self._offered[exercise_id], preset) for exercise_id, preset in self.form.chosen]

    def add(self, exercise: Exercise | str, preset: DosagePreset | str | None = None) -> None:
        """Add an offered exercise (or its id) at the end, at `preset` (None: its default)."""
        offered = isinstance(exercise, str) and self._offered.get(exercise)
        found = offered or self.library.resolve(exercise)
        if found.id not in self._offered:
            raise ValueError(f"exercise {found.id!r} is not offered in this form")
        if len(self.form.chosen) >= MAX_SESSION_EXERCISES:
            raise ValueError(f"a session may have at most {MAX_SESSION_EXERCISES} exercises")
        chosen = resolve_preset(self._offered[found.id], preset)
        self.form.chosen = [*self.form.chosen, [found.id, chosen.id]]

    def _index(self, index: int) -> int:
        count = len(self.form.chosen)
        if isinstance(index, bool) or not isinstance(index, int) or not -count <= index < count:
            raise ValueError(f"index must be a place in the session, 0 to {count - 1}; got {index!r}")
        return index % count

    def move(self, index: int, by: int) -> None:
        """Move the exercise at `index` (0 = first) by `by` places (-1 = up, 1 = down), within the list."""
        index = self._index(index)
        chosen = [list(pair) for pair in self.form.chosen]
        to = min(max(index + by, 0), len(chosen) - 1)
        chosen.insert(to, chosen.pop(index))
        self.form.chosen = chosen

    def set_preset(self, index: int, preset: DosagePreset | str) -> None:
        index = self._index(index)
        chosen = [list(pair) for pair in self.form.chosen]
        chosen[index][1] = resolve_preset(self._offered[chosen[index][0]], preset).id
        self.form.chosen = chosen

    def remove(self, index: int) -> None:
        index = self._index(index)
        self.form.chosen = [list(pair) for i, pair in enumerate(self.form.chosen) if i != index]

    # -- the plan --
    def make_plan(self) -> SessionPlan:
        """The plan for the current choices, or a ValueError saying what is missing."""
        self.plan = plan_session(self.selection(), rest_between=self.form.rest, title=self.title, library=self.library)
        return self.plan

    def _say(self, text: str) -> None:
        """Put `text` in the form's status line (a live region: screen readers announce it, again
        when the same words come twice)."""
        with self.form.hold_sync():  # one message: the browser sees the words and the count together
            self.form.status = text
            self.form.said += 1

    def _refusal(self, error: ValueError) -> str:
        """Why the current choices make no plan, in a coach's words where the form knows better."""
        for number, (exercise, preset_id) in enumerate(self.selection(), start=1):
            chosen = resolve_preset(exercise, preset_id)
            if not chosen.timeable:
                return (f"exercise {number}, {exercise.name}, at “{chosen.label}” counts reps but its data give "
                        "no pace (seconds per rep), so it cannot be timed: choose another preset or remove it")
        return f"{error}; change a preset or the rest, or remove an exercise"

    def _update(self, note: str = "") -> None:
        """Make the plan for the current choices and show it, or say in the status line why there is none."""
        said, problem = [note] if note else [], ""
        if not self.form.chosen:
            self.plan = None
            self.form.plan_html, self.form.total = "", ""
            said = said or [START]
        else:
            try:
                plan = self.make_plan()
            except ValueError as error:
                self.plan = None
                problem = self._refusal(error)
                self.form.plan_html, self.form.total = "", NO_TOTAL
                said.append(f"No plan for these choices: {problem}.")
            else:
                self.form.plan_html = plan.table().html
                self.form.total = f"Total time: {format_seconds(plan.total_seconds)} (minutes:seconds), rests included"
        self.form.problem = problem
        if self.timer is not None and (self.plan is None or tuple(self.plan.program) != self.timer.program):
            said.append("The timer below still plays the earlier plan: press Show the timer for this one.")
        if said or self.form.status:
            self._say(" ".join(said))

    def _on_chosen(self, change) -> None:
        clean, dropped = [], 0
        for pair in change["new"]:  # the browser's list: keep only offered exercises and their presets
            try:
                exercise_id, preset = pair
                exercise = self._offered[exercise_id]
                clean.append([exercise.id, resolve_preset(exercise, preset).id])
            except (KeyError, TypeError, ValueError):
                dropped += 1
        if len(clean) > MAX_SESSION_EXERCISES:
            dropped += len(clean) - MAX_SESSION_EXERCISES
            clean = clean[:MAX_SESSION_EXERCISES]
        if clean != change["new"]:
            self._dropped += dropped
            self.form.chosen = clean  # observed again, with the clean list
            return
        note = ""
        if self._dropped:
            note = (f"Left out {self._dropped} entr{'y' if self._dropped == 1 else 'ies'} this form does not offer "
                    f"(an unknown exercise or preset, or past {MAX_SESSION_EXERCISES:,} exercises).")
            self._dropped = 0
        self._update(note)

    def _on_rest(self, change) -> None:
        seconds = change["new"]
        if not 0 <= seconds <= MAX_REST:
            self.form.rest = self._accepted
            self._say(f"The rest must be from 0 to {MAX_REST} seconds; kept {self._accepted} s.")
            return
        self._accepted = seconds
        self._update()

    # -- what the form's buttons do --
    def _plan_or_error(self) -> SessionPlan:
        if self.plan is None:
            if self.form.problem:
                raise ValueError(f"these choices make no plan: {self.form.problem}")
            raise ValueError("no exercises chosen: add at least one exercise to the session first")
        return self.plan

    def show_timer(self):
        """Put the whole session under the form as one browser timer (an earlier one is closed)."""
        plan = self._plan_or_error()
        if self.timer is not None:
            self.timer.close()
        self.timer = plan.timer()
        self.timer_box.children = (self.timer,)
        self.form.timer_shown += 1
        self._say(f"Timer ready below ({format_seconds(plan.total_seconds)}): "
                  "press its Start button, or Space while it has the focus.")
        return self.timer

    def _ready_folder(self) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        return self.folder

    def _write(self, name: str, write):
        """Write `name` into the folder through `write(path)` (which never replaces a file): at the
        first free name ("session-handout.pdf", else "session-handout-2.pdf", ...), taking the next
        one if another writer took it meanwhile. Returns (what was written, a note on the name)."""
        from hipcontent.printing.files import next_free_path

        wanted = self._ready_folder() / name
        for _ in range(MAX_NAME_TRIES):
            path = next_free_path(wanted)
            try:
                written = write(path)
            except FileExistsError:
                continue  # made between the look and the write: the next free name
            note = "" if path == wanted else f" ({wanted.name} was already there and is kept as it was)"
            return written, note
        raise FileExistsError(f"{wanted.as_posix()} and the next {MAX_NAME_TRIES} free names were taken "
                              "while writing; try again")

    def print_handout(self):
        """Write the handout PDF to `folder`/session-handout.pdf (or the next free name: an existing
        file is never replaced) and return what was written (its `path` says where)."""
        plan = self._plan_or_error()
        written, note = self._write(HANDOUT, plan.handout)
        self._say(f"{written!r}{note}")
        return written

    def save_player(self):
        """Write the stand-alone player to `folder`/session-player.html (or the next free name)
        and return what was written (its `path` says where)."""
        plan = self._plan_or_error()
        written, note = self._write(PLAYER, plan.save_player)
        self._say(f"{written!r}{note}")
        return written

    def print_sheets(self):
        """Write the class sheet (for participants) and the coach's sheet into `folder` (each at the
        next free name) and return both."""
        plan = self._plan_or_error()
        sheet, note = self._write(CLASS_SHEET, plan.participant_sheet)
        coach, coach_note = self._write(COACH_SHEET, plan.coach_sheet)
        self._say(f"{sheet!r}{note}. {coach!r}{coach_note}")
        return sheet, coach

    def _on_message(self, _widget, content, _buffers) -> None:
        action = content.get("action") if isinstance(content, dict) else None
        minutes = content.get("minutes") if action == "ready" else None
        doing = {"timer": (self.show_timer, "Making the timer…"),
                 "print": (self.print_handout, "Printing the handout…"),
                 "sheets": (self.print_sheets, "Printing the class sheet and the coach's sheet…"),
                 "save": (self.save_player, "Saving the player…"),
                 "ready": (lambda: self.start_from(minutes), "Starting from the ready class…")}.get(action)
        if doing is None:
            return
        self.form.busy = True
        self._say(doing[1])
        try:
            doing[0]()
        except (ValueError, OSError) as error:
            self._say(f"Could not do that: {error}")
        except Exception as error:  # noqa: BLE001 - a button's failure is said in the form, never lost in a log
            self._say(f"Could not do that ({type(error).__name__}): {error}")
        finally:
            self.form.busy = False

    # -- showing --
    def close(self) -> None:
        """Close the form and its timer (the timer's clock and sounds stop)."""
        if self.timer is not None:
            self.timer.close()
            self.timer = None
        self.widget.close()
        self.form.close()
        self.timer_box.close()

    def _retire(self) -> None:
        """What an earlier run of this form's cell leaves behind: its timer stops."""
        if self.timer is not None:
            self.timer.close()
            self.timer = None

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude) or {}
        bundle["text/plain"] = needs_python("The session builder")  # what an unrun lesson shows
        return bundle

    def __repr__(self) -> str:
        offered, chosen = len(self._offered), len(self.form.chosen)
        return (
            f"Session builder: {offered} exercise{'s' if offered != 1 else ''} to choose from, "
            f"{chosen} in the session, rest {self.form.rest} s between exercises"
        )

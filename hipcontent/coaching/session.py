"""A coached session: pick exercises and presets, see the plan, time it, print a handout.

    plan = plan_session(["supine-toe-tap", "psoas-march"], rest_between=60)
    plan                          # the plan as a table, with the total time
    plan.timeline()               # a labelled timeline figure (alt text and caption included)
    plan.timer()                  # the whole session as one browser timer, projector layout
    plan.handout("handout.pdf")   # plan pages + each exercise's card pages, one PDF to print
    plan.save_player("session.html")  # one HTML file that plays the session anywhere, no Python
    plan.participant_sheet("class-sheet.pdf")  # one A4 page for the class: pictures, doses, the pain rule
    plan.coach_sheet("coach-sheet.pdf")  # start times, the screen, the stop-and-refer list
    plan.cards("cards.pdf")       # the detailed exercise cards at the plan's presets

Every save method returns what it wrote (usable as a path) and never replaces an existing file
unless told `overwrite=True` (FileExistsError names the file and the way out otherwise).
A ready-made class of 15, 30 or 45 minutes comes from `hipcontent.coaching.ready.ready_class`.

A selection item is an `Exercise`, an exercise id, or a pair `(exercise or id, preset)`; ids are
looked up in `library` (the one the coach loaded with `load_library`; None: the built-in one).
This module is the plan itself. The timeline is drawn by `hipcontent.figures.timeline`, the
handout printed by `hipcontent.printing.handout`, the timer is the browser-side clock of
`hipcontent.widgets.clock` (the kernel-side `hipcontent.widgets.timer.ExerciseTimer` stays for
scripts and tests), the player is written by `hipcontent.printing.player` and the form is
`hipcontent.widgets.session_form.SessionBuilder`.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from hipcontent.content.exercises import DosagePreset, Exercise, ExerciseLibrary
from hipcontent.timing.program import MAX_SESSION_EXERCISES, MAX_TITLE_TEXT, Phase, check_seconds
from hipcontent.timing.timers import (
    change_of_exercise,
    check_program,
    exercise_program,
    format_seconds,
    library_or_builtin,
    resolve_preset,
)
from hipcontent.views.display import AccessibleFigure, HTMLBlock

if TYPE_CHECKING:
    from hipcontent.printing.pdf import PrintedPDF
    from hipcontent.printing.player import SavedPlayer
    from hipcontent.widgets.clock import BrowserTimer


@dataclass(frozen=True)
class SessionItem:
    """One exercise in a session, at one of its dosage presets, with its own timer program."""

    exercise: Exercise = field(repr=False)
    dosage: DosagePreset = field(repr=False)
    program: tuple[Phase, ...] = field(repr=False)

    @property
    def exercise_id(self) -> str:
        return self.exercise.id

    @property
    def name(self) -> str:
        return self.exercise.name

    @property
    def preset(self) -> str:
        """The preset's id."""
        return self.dosage.id

    @property
    def preset_label(self) -> str:
        return self.dosage.label

    def __post_init__(self):
        if not isinstance(self.exercise, Exercise):
            raise ValueError(f"a session item's exercise must be an Exercise; got {type(self.exercise).__name__}")
        if not isinstance(self.dosage, DosagePreset) or self.dosage not in self.exercise.dosage:
            raise ValueError(f"a session item's dosage must be one of exercise {self.exercise.id!r}'s presets")
        object.__setattr__(self, "program", check_program(self.program, name=f"the program of {self.exercise.id!r}"))

    @property
    def seconds(self) -> float:
        return math.fsum(phase.seconds for phase in self.program)

    def __repr__(self) -> str:
        return f"SessionItem({self.exercise_id!r}, {self.preset!r}, {format_seconds(self.seconds)})"


@dataclass(frozen=True)
class Block:
    """A stretch of the timeline: one exercise (number >= 1) or a rest between exercises (number 0)."""

    start: float
    seconds: float
    number: int
    text: str


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


SECTIONS = ("Warm-up", "Main", "Cool-down")


def default_section(exercise: Exercise) -> str:
    """An exercise's part of a class from its goals: warm_up, cool_down, or the main block."""
    if "warm_up" in exercise.goals:
        return "Warm-up"
    if "cool_down" in exercise.goals:
        return "Cool-down"
    return "Main"


@dataclass(frozen=True)
class SessionPlan:
    """The exercises in order, the rest between them, the whole program and its total time.

    sections: the part of the class each item belongs to (one of SECTIONS per item); empty: from
    each exercise's goals (warm_up, cool_down, else the main block).
    """

    items: tuple[SessionItem, ...]
    rest_between: float
    title: str = "Session"
    sections: tuple[str, ...] = ()
    library: ExerciseLibrary | None = field(default=None, compare=False, repr=False)  # where ids were looked up

    def __post_init__(self):
        """The bounds of hipcontent.timing.program hold for every plan, however it was made."""
        items = tuple(self.items)
        if not items:
            raise ValueError("no exercises chosen: a session needs at least one exercise, e.g. ['supine-toe-tap']")
        if len(items) > MAX_SESSION_EXERCISES:
            raise ValueError(f"a session may have at most {MAX_SESSION_EXERCISES} exercises")
        for item in items:
            if not isinstance(item, SessionItem):
                raise ValueError(f"a plan's items must be SessionItems; got {type(item).__name__}")
        if not isinstance(self.title, str) or not self.title.strip():
            raise ValueError(f"title must be some text; got {self.title!r}")
        if len(self.title.strip()) > MAX_TITLE_TEXT:
            raise ValueError(f"title must be at most {MAX_TITLE_TEXT} characters; got {len(self.title.strip())}")
        object.__setattr__(self, "items", items)
        sections = tuple(self.sections) if not isinstance(self.sections, str) else (self.sections,)
        if sections and (len(sections) != len(items) or any(s not in SECTIONS for s in sections)):
            raise ValueError(f"sections must name one of {', '.join(SECTIONS)} for each of the {len(items)} items")
        object.__setattr__(self, "sections", sections or tuple(default_section(item.exercise) for item in items))
        object.__setattr__(self, "rest_between", _check_rest(self.rest_between))
        object.__setattr__(self, "title", self.title.strip())
        check_program(self.program, name=f"the session {self.title!r}")

    @property
    def rest_phases(self) -> tuple[Phase, ...]:
        if not self.rest_between:
            return ()
        return tuple(change_of_exercise(self.rest_between, following.name) for following in self.items[1:])

    @property
    def program(self) -> list[Phase]:
        """Every phase of the session in order: what the session timer plays."""
        program: list[Phase] = []
        rests = self.rest_phases
        for index, item in enumerate(self.items):
            program.extend(item.program)
            if index < len(rests):
                program.append(rests[index])
        return program

    @property
    def exercise_seconds(self) -> float:
        return math.fsum(item.seconds for item in self.items)

    @property
    def rest_seconds(self) -> float:
        return self.rest_between * (len(self.items) - 1)

    @property
    def total_seconds(self) -> float:
        return math.fsum(phase.seconds for phase in self.program)

    def blocks(self) -> list[Block]:
        """Exercise and rest blocks with their start times, for the timeline and the handout."""
        blocks, start = [], 0.0
        for number, item in enumerate(self.items, start=1):
            blocks.append(Block(start, item.seconds, number, item.name))
            start += item.seconds
            if number < len(self.items) and self.rest_between:
                blocks.append(Block(start, self.rest_between, 0, "Rest"))
                start += self.rest_between
        return blocks

    # -- what a coach calls --
    def timeline(self, width: float = 11.0) -> AccessibleFigure:
        """The timeline figure with its alt text and caption, ready to show in a notebook."""
        from hipcontent.figures.timeline import timeline_figure

        if isinstance(width, bool) or not isinstance(width, (int, float)) or not 4 <= width <= 30:
            raise ValueError(f"width must be a figure width in inches from 4 to 30; got {width!r}")
        return AccessibleFigure(timeline_figure(self, width=width), alt=self.alt_text(), caption=self.caption())

    def timer(self, size: str = "projector", **options) -> BrowserTimer:
        """The whole session as one timer whose clock runs in the browser (hipcontent.widgets.clock).

        It keeps counting while the kernel is busy; options are BrowserTimer's (title, sound, voice).
        """
        from hipcontent.widgets.clock import BrowserTimer

        return BrowserTimer(self.program, size=size, **self._timer_options(options))

    def save_player(self, path: str | Path, **options) -> SavedPlayer:
        """Write the stand-alone player: one HTML file that plays this session in any web browser,
        with no Python and no network (hipcontent.printing.player.save_player; written atomically).

        options: save_player's (title, sound, voice). Returns what save_player returns.
        """
        from hipcontent.printing.player import save_player

        return save_player(self.program, path, **self._timer_options(options))

    def _timer_options(self, options: dict) -> dict:
        """What the timer and the player show of this plan, unless the caller says otherwise."""
        options.setdefault("title", f"{self.title}: {_plural(len(self.items), 'exercise')}")
        options.setdefault("side_word", "side")  # the library's cues speak of sides
        # identity is the id (never the display name); the screen attaches each one's picture by id
        options.setdefault("exercises", {item.exercise_id: item.exercise for item in self.items})
        if self.library is not None:  # easier/harder options are named from the coach's library
            options.setdefault("library", self.library)
        return options

    def handout(self, path: str | Path, *, card_pages: Callable | None = None, overwrite: bool = False) -> PrintedPDF:
        """Write the printable handout PDF (plan pages, then each exercise's card pages at its preset).

        card_pages(exercise, preset) -> Figure or list of Figures; by default the exercise cards'.
        An existing file is replaced only with overwrite=True, and only when every page is written.
        """
        from hipcontent.printing.handout import write_handout

        if card_pages is not None and not callable(card_pages):
            raise ValueError(f"card_pages must be a function (exercise, preset) -> pages; got {type(card_pages).__name__}")
        return write_handout(self, path, card_pages=card_pages, overwrite=overwrite)

    def participant_sheet(self, path: str | Path, *, overwrite: bool = False) -> PrintedPDF:
        """Write the sheet for the class: each exercise's picture, dose and one cue, the pain rule and
        when to stop (one A4 page for a ready 30-minute class). See hipcontent.printing.sheets."""
        from hipcontent.printing.sheets import write_participant_sheet

        return write_participant_sheet(self, path, overwrite=overwrite)

    def coach_sheet(self, path: str | Path, *, overwrite: bool = False) -> PrintedPDF:
        """Write the coach's sheet: the plan with start times, the pre-session screen, the
        stop-and-refer list and the pain rule. See hipcontent.printing.sheets."""
        from hipcontent.printing.sheets import write_coach_sheet

        return write_coach_sheet(self, path, overwrite=overwrite)

    def cards(self, path: str | Path, *, per_page: int = 1, overwrite: bool = False) -> PrintedPDF:
        """Write the detailed exercise cards of this plan, each at its preset, once per exercise."""
        from hipcontent.printing.cards import card_pages
        from hipcontent.printing.pdf import pdf_path, save_pdf

        path = pdf_path(path, overwrite)
        chosen = list(dict.fromkeys((item.exercise, item.dosage) for item in self.items))
        if per_page == 2:
            from hipcontent.printing.cards import pocket_pages

            pages = pocket_pages(chosen)
        elif per_page == 1 and not isinstance(per_page, bool):
            pages = [page for exercise, dosage in chosen for page in _as_list(card_pages(exercise, dosage))]
        else:
            raise ValueError(f"per_page must be 1 (a full card a page) or 2 (two short cards a page); got {per_page!r}")
        return save_pdf(pages, path, what="Cards", title=f"{self.title}: exercise cards", overwrite=overwrite)

    def section_rows(self) -> list[tuple[str, list[int]]]:
        """The plan's parts in order, each with the indexes of its items: [("Warm-up", [0, 1]), ...]."""
        parts: list[tuple[str, list[int]]] = []
        for index, section in enumerate(self.sections):
            if not parts or parts[-1][0] != section:
                parts.append((section, []))
            parts[-1][1].append(index)
        return parts

    # -- words --
    def caption(self) -> str:
        return (
            f"{self.title}: {_plural(len(self.items), 'exercise')} "
            f"in {format_seconds(self.total_seconds)} (minutes:seconds), rests included."
        )

    def alt_text(self, limit: int = 30) -> str:
        """The timeline in words; past `limit` exercises it points to the plan's table for the rest."""
        parts = []
        for block in self.blocks():
            if block.number > limit:
                parts.append(f"and {len(self.items) - limit} more exercises, listed in the plan's table")
                break
            what = f"exercise {block.number}, {block.text}" if block.number else "rest"
            parts.append(f"{what} from {format_seconds(block.start)} for {format_seconds(block.seconds)}")
        return (
            "Timeline of the session from left to right. Top row: every timer phase, shaded by kind. "
            "Bottom row: " + "; ".join(parts) + f". Total {format_seconds(self.total_seconds)}."
        )

    def rows(self) -> list[tuple[str, str, str, str, str]]:
        """(number, starts, exercise, preset, length) for each exercise."""
        return [
            (str(block.number), format_seconds(block.start), item.name, item.preset_label, format_seconds(item.seconds))
            for block, item in zip((b for b in self.blocks() if b.number), self.items)
        ]

    def summary_line(self) -> str:
        rest = f"{format_seconds(self.rest_between)} rest between exercises" if self.rest_between else "no rest between exercises"
        return (
            f"{self.title}: {_plural(len(self.items), 'exercise')}, "
            f"{format_seconds(self.total_seconds)} in total ({format_seconds(self.exercise_seconds)} exercising, {rest})"
        )

    def table(self) -> HTMLBlock:
        return HTMLBlock.table(self.summary_line(), ("#", "Starts", "Exercise", "Preset", "Length"), self.rows())

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.table()._repr_mimebundle_()

    def __repr__(self) -> str:
        return self.table().text


# --- building a plan ------------------------------------------------------------------------------


def _as_list(pages):
    from matplotlib.figure import Figure

    return [pages] if isinstance(pages, Figure) else list(pages)


def _check_rest(rest_between) -> float:
    """0 (or None) for no rest, else 1 s to 1 hour (the phase bounds of hipcontent.timing.program)."""
    if rest_between is None or (not isinstance(rest_between, bool) and rest_between == 0):
        return 0.0
    try:
        return check_seconds("rest_between", rest_between)
    except ValueError as error:
        raise ValueError(str(error).replace("must be from", "must be 0 (no rest) or from", 1)) from None


def _split_item(item, preset):
    if isinstance(item, tuple):
        if len(item) != 2:
            raise ValueError(f"a session item is an exercise (or its id) or a pair (exercise, preset); got {item!r}")
        return item
    return item, preset


def make_item(item, preset=None, *, library: ExerciseLibrary | None = None) -> SessionItem:
    """One session item: `item` an `Exercise` or its id in `library`, at `preset` (id, preset, or None)."""
    exercise = library_or_builtin(library).resolve(item)
    dosage = resolve_preset(exercise, preset)
    return SessionItem(exercise, dosage, tuple(exercise_program(exercise, dosage)))


def plan_session(
    exercises: Iterable,
    preset: DosagePreset | str | None = None,
    rest_between: float | None = 60,
    *,
    title: str = "Session",
    library: ExerciseLibrary | None = None,
) -> SessionPlan:
    """Plan a session from the exercise library, e.g.

        plan_session(["supine-toe-tap", ("psoas-march", "standard")], rest_between=60)

    exercises: `Exercise`s or exercise ids, or (exercise, preset) pairs, in the order to do them.
    preset: the preset for items that name none (None: each exercise's default).
    rest_between: seconds of rest between exercises (0 or None: none; else 1 s to 1 hour).
    library: where ids are looked up: the library you loaded (None: the built-in library).
    Raises ValueError for an empty selection, an unknown exercise or preset, a rest out of bounds,
    more than 1,000 exercises or a session over 4 hours.
    """
    if isinstance(exercises, (str, bytes, Exercise)):
        raise ValueError(f"exercises must be a list, e.g. [{exercises!r}]; got {type(exercises).__name__}")
    if not isinstance(exercises, Iterable):
        raise ValueError(f"exercises must be a list of exercise ids; got {type(exercises).__name__}")
    if not isinstance(title, str):
        raise ValueError(f"title must be some text; got {title!r}")
    rest = _check_rest(rest_between)
    chosen = list(itertools.islice(exercises, MAX_SESSION_EXERCISES + 1))
    if len(chosen) > MAX_SESSION_EXERCISES:
        raise ValueError(f"a session may have at most {MAX_SESSION_EXERCISES} exercises")
    library = library_or_builtin(library)  # loaded once for the whole selection
    items = tuple(make_item(*_split_item(item, preset), library=library) for item in chosen)
    return SessionPlan(items, rest, title, library=library)

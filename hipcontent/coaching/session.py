"""A coached session: pick exercises and presets, see the plan, time it, print a handout.

    plan = plan_session(["supine-toe-tap", "psoas-march"], rest_between=60)
    plan                          # the plan as a table, with the total time
    plan.timeline()               # a labelled timeline figure (alt text and caption included)
    plan.timer()                  # the whole session as one timer, projector layout (issue #6's view)
    plan.handout("handout.pdf")   # plan page + each exercise's card pages, one PDF to print

`SessionBuilder()` is the same choice as a small form. A selection item is an exercise id (or
the exercise itself), or a pair `(id, preset)`; `preset=` applies to items that name none.
Nothing here draws a timer or a card itself: the program comes from `hipcontent.timing.timers`, the
timer view from `hipcontent.widgets.timer`, the card pages from `hipcontent.printing.cards`.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from hipcontent.figures.palette import OKABE_ITO
from hipcontent.timing.program import Phase
from hipcontent.timing.timers import change_of_exercise, format_seconds
from hipcontent.views.display import AccessibleFigure, HTMLBlock, escape

if TYPE_CHECKING:
    from hipcontent.printing.cards import PrintedPDF

A4_PORTRAIT = (8.27, 11.69)  # inches
KIND_WORDS = {"prep": "Get ready", "work": "Work", "hold": "Hold", "switch": "Switch sides", "rest": "Rest"}
# A hatch per phase kind, so the timeline never relies on colour alone (the key names each one).
KIND_HATCH = {"prep": "..", "work": "//", "hold": "xx", "switch": "\\\\", "rest": ""}


def _kind_colours() -> dict[str, str]:
    """The timer view's phase colours, so the plan and the projector timer agree."""
    from hipcontent.widgets.timer import PHASE_LOOK

    return {kind: look[2] for kind, look in PHASE_LOOK.items() if kind in KIND_WORDS}


# --- presets: read from whatever the exercise library offers ----------------------------------


def _attr(item: object, name: str, default=None):
    if isinstance(item, Mapping):
        return item.get(name, default)
    return getattr(item, name, default)


def preset_labels(exercise: object) -> dict[str, str]:
    """{preset id: label} for an exercise, in the library's order (empty if it lists none)."""
    presets = None
    for name in ("presets", "dosages", "dosage"):
        presets = _attr(exercise, name)
        if presets:
            break
    if not presets:
        return {}
    if isinstance(presets, Mapping):
        return {str(key): str(_attr(value, "label", "") or key) for key, value in presets.items()}
    labels = {}
    for preset in presets:
        if isinstance(preset, str):
            labels[preset] = preset
        elif _attr(preset, "id"):
            labels[str(_attr(preset, "id"))] = str(_attr(preset, "label", "") or _attr(preset, "id"))
    return labels


def default_preset(exercise: object) -> str | None:
    """The preset an exercise uses when none is named: the one marked default, else the first."""
    default = _attr(exercise, "default_preset")
    if isinstance(default, str):
        return default
    for name in ("presets", "dosages", "dosage"):
        presets = _attr(exercise, name)
        if presets and not isinstance(presets, Mapping) and not isinstance(presets, str):
            for preset in presets:
                if not isinstance(preset, str) and _attr(preset, "default"):
                    return str(_attr(preset, "id"))
            break
    labels = preset_labels(exercise)
    return next(iter(labels), None)


# --- the plan -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionItem:
    """One exercise in a session, at one preset, with its own timer program."""

    exercise: object = field(repr=False, compare=False)
    exercise_id: str
    name: str
    preset: str | None
    preset_label: str
    program: tuple[Phase, ...] = field(repr=False)

    @property
    def seconds(self) -> float:
        return math.fsum(phase.seconds for phase in self.program)


@dataclass(frozen=True)
class Block:
    """A stretch of the timeline: one exercise (number >= 1) or a rest between exercises (number 0)."""

    start: float
    seconds: float
    number: int
    text: str


@dataclass(frozen=True)
class SessionPlan:
    """The exercises in order, the rest between them, the whole program and its total time."""

    items: tuple[SessionItem, ...]
    rest_between: float
    title: str = "Session"

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
        return AccessibleFigure(timeline_figure(self, width=width), alt=self.alt_text(), caption=self.caption())

    def timer(self, size: str = "projector", **options):
        """The whole session as one timer in the timer view (hipcontent.timer_widget)."""
        from hipcontent.widgets.timer import ExerciseTimer

        options.setdefault("title", f"{self.title}: {len(self.items)} exercise{'s' if len(self.items) != 1 else ''}")
        return ExerciseTimer(self.program, size=size, **options)

    def handout(self, path: str | Path, *, card_pages: Callable | None = None) -> PrintedPDF:
        """Write the printable handout PDF (plan page, then each exercise's card pages at its preset)."""
        return write_handout(self, path, card_pages=card_pages)

    # -- words --
    def caption(self) -> str:
        return (
            f"{self.title}: {len(self.items)} exercise{'s' if len(self.items) != 1 else ''} "
            f"in {format_seconds(self.total_seconds)} (minutes:seconds), rests included."
        )

    def alt_text(self) -> str:
        parts = []
        for block in self.blocks():
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
            f"{self.title}: {len(self.items)} exercise{'s' if len(self.items) != 1 else ''}, "
            f"{format_seconds(self.total_seconds)} in total ({format_seconds(self.exercise_seconds)} exercising, {rest})"
        )

    def table(self) -> HTMLBlock:
        header = ("#", "Starts", "Exercise", "Preset", "Length")
        rows = self.rows()
        html = (
            f"<table><caption>{escape(self.summary_line())}</caption><thead><tr>"
            + "".join(f'<th scope="col">{name}</th>' for name in header)
            + "</tr></thead><tbody>"
            + "".join("<tr>" + "".join(f"<td>{escape(value)}</td>" for value in row) + "</tr>" for row in rows)
            + "</tbody></table>"
        )
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        lines = [self.summary_line()] + [
            "  ".join(value.ljust(widths[i]) for i, value in enumerate(row)).rstrip() for row in [header, *rows]
        ]
        return HTMLBlock(html, "\n".join(lines))

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.table()._repr_mimebundle_()

    def __repr__(self) -> str:
        return self.table().text


# --- building a plan ------------------------------------------------------------------------------


def _check_rest(rest_between) -> float:
    if rest_between is None:
        return 0.0
    if isinstance(rest_between, bool) or not isinstance(rest_between, (int, float)):
        raise ValueError(f"rest_between must be a number of seconds (0 for none); got {rest_between!r}")
    if not math.isfinite(rest_between) or rest_between < 0:
        raise ValueError(f"rest_between must be 0 or more seconds; got {rest_between!r}")
    return float(rest_between)


def _split_item(item, preset):
    if isinstance(item, tuple):
        if len(item) != 2:
            raise ValueError(f"a session item is an exercise id or a pair (id, preset); got {item!r}")
        item, own = item
        return item, own
    return item, preset


def _make_item(item, preset) -> SessionItem:
    from hipcontent.timing import timers
    from hipcontent.widgets.timer import find_exercise

    exercise = find_exercise(item)  # ValueError naming the library's ids when unknown
    exercise_id = str(_attr(exercise, "id", "") or _attr(exercise, "name"))
    name = str(_attr(exercise, "name"))
    labels = preset_labels(exercise)
    if preset is not None:
        if not isinstance(preset, str) or not preset.strip():
            raise ValueError(f"preset must be a preset id (text) or None; got {preset!r} for {exercise_id!r}")
        if labels and preset not in labels:
            raise ValueError(
                f"exercise {exercise_id!r} has no preset {preset!r}; choose one of: {', '.join(labels)}"
            )
    try:
        program = timers.exercise_program(exercise, preset)
    except (KeyError, LookupError) as error:
        raise ValueError(f"exercise {exercise_id!r} cannot use preset {preset!r}: {error}") from None
    chosen = preset if preset is not None else default_preset(exercise)
    label = labels.get(chosen, chosen or "default") if chosen else "default"
    return SessionItem(exercise, exercise_id, name, chosen, label, tuple(program))


def plan_session(
    exercises: Iterable,
    preset: str | None = None,
    rest_between: float | None = 60,
    *,
    title: str = "Session",
) -> SessionPlan:
    """Plan a session from the exercise library, e.g.

        plan_session(["supine-toe-tap", ("psoas-march", "standard")], rest_between=60)

    exercises: exercise ids (or exercises), or (id, preset) pairs, in the order to do them.
    preset: the preset for items that name none (None: each exercise's default).
    rest_between: seconds of rest between exercises (0 or None: none).
    Raises ValueError for an empty selection, an unknown exercise or preset, or a negative rest.
    """
    if isinstance(exercises, (str, bytes)):
        raise ValueError(
            f"exercises must be a list, e.g. [{exercises!r}]; got {type(exercises).__name__} {exercises!r}"
        )
    if not isinstance(exercises, Iterable):
        raise ValueError(f"exercises must be a list of exercise ids; got {type(exercises).__name__}")
    if not isinstance(title, str) or not title.strip():
        raise ValueError(f"title must be some text; got {title!r}")
    rest = _check_rest(rest_between)
    items = tuple(_make_item(*_split_item(item, preset)) for item in exercises)
    if not items:
        raise ValueError("no exercises chosen: a session needs at least one exercise, e.g. ['supine-toe-tap']")
    return SessionPlan(items, rest, title.strip())


# --- the timeline figure ---------------------------------------------------------------------------


def _time_ticks(total: float) -> list[float]:
    for step in (15, 30, 60, 120, 300, 600, 900, 1800):
        if total / step <= 10:
            return [tick * step for tick in range(int(total // step) + 1)]
    return [0.0, total]


def draw_timeline(axes, plan: SessionPlan, *, key: bool = True) -> None:
    """Draw the plan's timeline on `axes`: phases (top row) and exercise/rest blocks (bottom row)."""
    colours = _kind_colours()
    total = plan.total_seconds
    start = 0.0
    for phase in plan.program:
        axes.broken_barh(
            [(start, phase.seconds)], (1.15, 0.7), facecolors=colours[phase.kind],
            edgecolors="black", linewidth=0.6, hatch=KIND_HATCH[phase.kind], zorder=2,
        )
        start += phase.seconds
    for block in plan.blocks():
        fill = "white" if block.number else OKABE_ITO["bluish_green"]
        axes.broken_barh(
            [(block.start, block.seconds)], (0.1, 0.8), facecolors=fill, edgecolors="black", linewidth=1.2, zorder=2
        )
        middle = block.start + block.seconds / 2
        text = str(block.number) if block.number else "R"
        axes.text(middle, 0.5, text, ha="center", va="center", fontsize="large", fontweight="bold", zorder=3)
    axes.set_xlim(0, total)
    axes.set_ylim(0, 2.0)
    axes.set_yticks([0.5, 1.5], ["Exercises", "Phases"])
    ticks = _time_ticks(total)
    axes.set_xticks(ticks, [format_seconds(tick) for tick in ticks])
    axes.set_xlabel("Time into the session (minutes:seconds)")
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.tick_params(axis="y", length=0)
    if key:
        kinds = [kind for kind in KIND_WORDS if any(phase.kind == kind for phase in plan.program)]
        handles = [
            Patch(facecolor=colours[kind], edgecolor="black", hatch=KIND_HATCH[kind], label=KIND_WORDS[kind])
            for kind in kinds
        ]
        axes.legend(
            handles=handles, loc="lower left", bbox_to_anchor=(0, 1.02), ncol=len(handles),
            frameon=False, fontsize="small", handlelength=2.2, handleheight=1.2, borderaxespad=0,
        )


def timeline_figure(plan: SessionPlan, width: float = 11.0) -> Figure:
    """The session timeline as a Figure: phase row, numbered exercise blocks, and a key to the numbers."""
    if not isinstance(plan, SessionPlan):
        raise ValueError(f"timeline_figure needs a SessionPlan from plan_session(); got {type(plan).__name__}")
    lines = [
        f"{number}  {item.name} ({item.preset_label}): {format_seconds(item.seconds)}"
        for number, item in enumerate(plan.items, start=1)
    ]
    if plan.rest_between and len(plan.items) > 1:
        lines.append(f"R  Rest between exercises: {format_seconds(plan.rest_between)}")
    key_height = 0.32 * len(lines) * matplotlib.rcParams["font.size"] / 10
    figure = Figure(figsize=(width, 2.9 + key_height), layout="constrained")
    axes_box, key_box = figure.subfigures(2, 1, height_ratios=[2.9, key_height])
    axes = axes_box.add_subplot()
    draw_timeline(axes, plan)
    axes.set_title(f"{plan.title}: {format_seconds(plan.total_seconds)} in total", loc="left", fontsize="large", pad=34)
    for row, line in enumerate(lines):
        key_box.text(0.01, 1 - (row + 0.5) / len(lines), line, ha="left", va="center", fontsize="medium")
    return figure


# --- the handout -----------------------------------------------------------------------------------


def _print_style():
    """Handouts are printed: matplotlib's usual sizes even while the projector style is on."""
    from hipcontent.figures.style import PROJECTOR_RC

    return matplotlib.rc_context({key: matplotlib.rcParamsDefault[key] for key in PROJECTOR_RC})


def plan_page(plan: SessionPlan) -> Figure:
    """The handout's first page (A4 portrait): title, total, timeline and the exercises in order."""
    figure = Figure(figsize=A4_PORTRAIT)
    figure.text(0.08, 0.95, plan.title, fontsize=24, fontweight="bold", va="top")
    figure.text(0.08, 0.905, plan.summary_line().split(": ", 1)[1].capitalize(), fontsize=12, va="top")
    axes = figure.add_axes((0.16, 0.70, 0.76, 0.12))
    draw_timeline(axes, plan)
    y = 0.62
    figure.text(0.08, y, "In order", fontsize=15, fontweight="bold", va="top")
    y -= 0.035
    # Shrink the list, never the page count, when a long session would run off the page.
    per_item = 0.055 + (0.025 if plan.rest_between else 0)
    scale = min(1.0, (y - 0.10) / (per_item * len(plan.items)))
    for number, (start, name, label, length) in enumerate(
        ((row[1], row[2], row[3], row[4]) for row in plan.rows()), start=1
    ):
        figure.text(0.08, y, f"{number}.", fontsize=12 * scale, fontweight="bold", va="top")
        figure.text(0.12, y, textwrap.shorten(name, 70), fontsize=12 * scale, fontweight="bold", va="top")
        figure.text(
            0.12, y - 0.022 * scale, textwrap.shorten(f"{label} · starts at {start} · lasts {length}", 95),
            fontsize=10.5 * scale, va="top",
        )
        y -= 0.055 * scale
        if number < len(plan.items) and plan.rest_between:
            figure.text(
                0.12, y + 0.012 * scale, f"Rest {format_seconds(plan.rest_between)}",
                fontsize=10.5 * scale, style="italic", va="top",
            )
            y -= 0.025 * scale
    figure.text(
        0.08, 0.06,
        "Each exercise's card follows, with its steps, cues and cautions.\n"
        "Teaching material about training, not medical advice.",
        fontsize=9.5, va="bottom",
    )
    return figure


def _figures(pages) -> list[Figure]:
    if isinstance(pages, Figure):
        return [pages]
    pages = list(pages)
    for page in pages:
        if not isinstance(page, Figure):
            raise ValueError(f"card pages must be matplotlib Figures; got {type(page).__name__}")
    return pages


def write_handout(plan: SessionPlan, path: str | Path, *, card_pages: Callable | None = None) -> PrintedPDF:
    """Write the handout PDF: the plan page, then the card pages of each exercise, in order.

    An exercise listed twice at the same preset gets its card once.
    card_pages(exercise, preset) -> Figure or list of Figures; by default hipcontent.printing.cards'.
    The PDF carries no creation date, so the same plan gives the same bytes.
    """
    from hipcontent.printing.cards import card_pages as library_card_pages
    from hipcontent.printing.cards import pdf_path, save_pdf

    if not isinstance(plan, SessionPlan):
        raise ValueError(f"write_handout needs a SessionPlan from plan_session(); got {type(plan).__name__}")
    path = pdf_path(path)
    card_pages = card_pages or library_card_pages
    seen, pages = set(), []
    with _print_style():
        pages.append(plan_page(plan))
        for item in plan.items:
            if (item.exercise_id, item.preset) in seen:
                continue
            seen.add((item.exercise_id, item.preset))
            pages.extend(_figures(card_pages(item.exercise, item.preset)))
    return save_pdf(pages, path, what="Handout", title=f"{plan.title}: handout", subject=plan.summary_line())


# --- the form -----------------------------------------------------------------------------------------


def _library_exercises() -> list:
    from hipcontent.content.exercises import load_library

    library = load_library()
    items = getattr(library, "exercises", library)
    return list(items.values()) if isinstance(items, Mapping) else list(items)


class SessionBuilder:
    """A small form: tick exercises, choose each one's preset and the rest, then press "Plan session".

    Everything is keyboard-operable (checkboxes, drop-downs, a number box and a button). The
    plan appears under the form as a table; `builder.plan` is the latest plan for the next cells.
    """

    def __init__(self, exercises: Sequence | None = None, rest_between: int = 60):
        import ipywidgets as widgets

        self._exercises = list(exercises) if exercises is not None else _library_exercises()
        if not self._exercises:
            raise ValueError("the exercise library is empty: there is nothing to choose from")
        self.plan: SessionPlan | None = None
        self.rows = []
        for exercise in self._exercises:
            labels = preset_labels(exercise)
            tick = widgets.Checkbox(value=False, description=str(_attr(exercise, "name")), indent=False,
                                    layout=widgets.Layout(width="24rem"))
            choose = widgets.Dropdown(
                options=[(label, preset) for preset, label in labels.items()] or [("default", None)],
                value=default_preset(exercise) if labels else None,
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

    def selection(self) -> list[tuple[object, str | None]]:
        return [(exercise, choose.value) for exercise, tick, choose in self.rows if tick.value]

    def make_plan(self) -> SessionPlan:
        """The plan for the current choices (what the button does), or a ValueError saying what is missing."""
        self.plan = plan_session(self.selection(), rest_between=self.rest.value)
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

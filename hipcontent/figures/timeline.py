"""The session timeline: every timer phase (top row) and the numbered exercises (bottom row).

Drawn for a `hipcontent.coaching.session.SessionPlan` (reach it as `plan.timeline()`); the handout
draws the same rows on its first page with `draw_timeline`. Colour is never the only cue: each
phase kind also has a hatch and a word in the key, each exercise a number. Names from the data
are drawn with ``parse_math=False``.
"""

from __future__ import annotations

import matplotlib
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from hipcontent.figures.palette import OKABE_ITO, PHASE_COLOURS
from hipcontent.figures.text import PLAIN, shared_measure
from hipcontent.figures.theme import theme_safe
from hipcontent.timing.program import KIND_WORDS
from hipcontent.timing.timers import format_seconds

# A hatch per phase kind, so the timeline never relies on colour alone (the key names each one).
KIND_HATCH = {"prep": "..", "work": "//", "hold": "xx", "switch": "\\\\", "rest": ""}
KEY_LINES = 30  # the figure's key lists this many exercises at most; the plan table lists them all
NUMBER_WIDTH_IN = 0.11  # about one digit of the block numbers, in inches


def _time_ticks(total: float) -> list[float]:
    for step in (15, 30, 60, 120, 300, 600, 900, 1800):
        if total / step <= 10:
            return [tick * step for tick in range(int(total // step) + 1)]
    return [0.0, total]


def draw_timeline(axes, plan, *, key: bool = True, width_in: float | None = None) -> None:
    """Draw the plan's timeline on `axes`: phases (top row) and exercise/rest blocks (bottom row).

    A block is numbered only where the number fits (`width_in`: the axes' width in inches).
    """
    total = plan.total_seconds
    if width_in is None:
        width_in = axes.get_position().width * axes.get_figure().get_figwidth()
    start = 0.0
    for phase in plan.program:
        axes.broken_barh(
            [(start, phase.seconds)], (1.15, 0.7), facecolors=PHASE_COLOURS[phase.kind],
            edgecolors="black", linewidth=0.6 if len(plan.program) < 400 else 0.2,
            hatch=KIND_HATCH[phase.kind], zorder=2,
        )
        start += phase.seconds
    for block in plan.blocks():
        fill = "white" if block.number else OKABE_ITO["bluish_green"]
        axes.broken_barh(
            [(block.start, block.seconds)], (0.1, 0.8), facecolors=fill, edgecolors="black",
            linewidth=1.2 if len(plan.items) < 100 else 0.3, zorder=2,
        )
        text = str(block.number) if block.number else "R"
        if block.seconds / total * width_in >= NUMBER_WIDTH_IN * (len(text) + 1):
            middle = block.start + block.seconds / 2
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
            Patch(facecolor=PHASE_COLOURS[kind], edgecolor="black", hatch=KIND_HATCH[kind], label=KIND_WORDS[kind])
            for kind in kinds
        ]
        axes.legend(
            handles=handles, loc="lower left", bbox_to_anchor=(0, 1.02), ncol=len(handles),
            frameon=False, fontsize="small", handlelength=2.2, handleheight=1.2, borderaxespad=0,
        )


def key_lines(plan, limit: int = KEY_LINES) -> list[str]:
    """The key to the block numbers: one line an exercise (at most `limit`), then the rest."""
    lines = [
        f"{number}  {item.name} ({item.preset_label}): {format_seconds(item.seconds)}"
        for number, item in enumerate(plan.items[:limit], start=1)
    ]
    if len(plan.items) > limit:
        lines.append(f"… and {len(plan.items) - limit} more exercises: the plan's table lists every one")
    if plan.rest_between and len(plan.items) > 1:
        lines.append(f"R  Rest between exercises: {format_seconds(plan.rest_between)}")
    return lines


def timeline_figure(plan, width: float = 11.0) -> Figure:
    """The session timeline as a Figure: phase row, numbered exercise blocks, and a key to the numbers."""
    size = matplotlib.rcParams["font.size"]
    measure = shared_measure(matplotlib.rcParams["font.family"][0])
    line_width = width - 0.3
    lines = [
        piece
        for line in key_lines(plan)
        for piece in ([line] if measure.width(line, size) <= line_width else measure.wrap(line, line_width, size))
    ]
    key_height = 0.32 * len(lines) * size / 10
    figure = Figure(figsize=(width, 2.9 + key_height), layout="constrained")
    axes_box, key_box = figure.subfigures(2, 1, height_ratios=[2.9, key_height])
    axes = axes_box.add_subplot()
    draw_timeline(axes, plan, width_in=width - 1.4)
    title = measure.shorten(f"{plan.title}: {format_seconds(plan.total_seconds)} in total", line_width, size * 1.2)
    axes.set_title(title, loc="left", fontsize="large", pad=34, **PLAIN)
    for row, line in enumerate(lines):
        key_box.text(0.01, 1 - (row + 0.5) / len(lines), line, ha="left", va="center", fontsize="medium", **PLAIN)
    return theme_safe(figure)

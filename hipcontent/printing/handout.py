"""The session handout: plan pages (title, totals, timeline, the exercises in order), then each
exercise's card pages, in one PDF. Reach it as `plan.handout("handout.pdf")`.

The list keeps its print size however long the session: it flows onto continuation pages
(a 500-exercise plan prints on many pages at 10.5 pt, never on one page at 1 pt).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import matplotlib
from matplotlib.figure import Figure

from hipcontent.figures.timeline import draw_timeline
from hipcontent.printing.layout import PageFlow
from hipcontent.printing.pdf import PrintedPDF, pdf_path, save_pdf
from hipcontent.timing.timers import format_seconds

TIMELINE_HEIGHT_IN = 1.5
CLOSING_NOTE = ("Each exercise's card follows, with its steps, cues and cautions. "
                "Teaching material about training, not medical advice.")


def print_style():
    """Handouts are printed: matplotlib's usual sizes even while the projector style is on."""
    from hipcontent.figures.style import PROJECTOR_RC

    return matplotlib.rc_context({key: matplotlib.rcParamsDefault[key] for key in PROJECTOR_RC})


def plan_pages(plan) -> list[Figure]:
    """The handout's plan pages (A4 portrait): title, total, timeline and the exercises in order."""
    flow = PageFlow(plan.title)
    flow.text(plan.title, size=24, weight="bold", gap_after=0.08)
    flow.text(plan.summary_line().split(": ", 1)[1].capitalize(), size=12, gap_after=0.5)

    def timeline(figure, box):
        left = 0.08 * box[2]  # room for the row names
        axes = figure.add_axes((box[0] + left, box[1], box[2] - left, box[3]))
        draw_timeline(axes, plan, width_in=flow.width_in * 0.92)

    flow.figure(timeline, TIMELINE_HEIGHT_IN)
    flow.space(0.45)
    flow.heading("In order", size=15)
    rows = plan.rows()
    hang = max(0.28, flow.measure.width(f"{len(rows)}.", 12, "bold") + 0.08)  # one indent for the whole list
    parts = len(set(plan.sections)) > 1  # a class with a warm-up or cool-down: name the parts
    for number, (_, start, name, label, length) in enumerate(rows, start=1):
        if parts and (number == 1 or plan.sections[number - 1] != plan.sections[number - 2]):
            flow.heading(plan.sections[number - 1], size=12.5, keep_with=0.45)
        flow.need(0.45)  # keep an exercise's two lines together
        flow.text(name, size=12, weight="bold", hanging=f"{number}.", hang_width=hang, gap_after=0.0)
        resting = number < len(rows) and plan.rest_between
        flow.text(f"{label} · starts at {start} · lasts {length}", size=10.5, indent=hang,
                  gap_after=0.04 if resting else 0.16)
        if resting:
            flow.text(f"Rest {format_seconds(plan.rest_between)}", size=10.5, indent=hang, style="italic",
                      gap_after=0.16)
    flow.space(0.2)
    flow.text(CLOSING_NOTE, size=9.5)
    flow.footer(f"{plan.title} · session handout")
    return flow.pages


def _figures(pages) -> list[Figure]:
    if isinstance(pages, Figure):
        return [pages]
    pages = list(pages)
    for page in pages:
        if not isinstance(page, Figure):
            raise ValueError(f"card pages must be matplotlib Figures; got {type(page).__name__}")
    return pages


def write_handout(plan, path: str | Path, *, card_pages: Callable | None = None, overwrite: bool = False) -> PrintedPDF:
    """Write the handout PDF: the plan pages, then the card pages of each exercise, in order.

    An exercise listed twice at the same preset gets its card once.
    card_pages(exercise, preset) -> Figure or list of Figures; by default hipcontent.printing.cards'.
    An existing file is replaced only with overwrite=True (FileExistsError otherwise).
    """
    from hipcontent.printing.cards import card_pages as library_card_pages

    path = pdf_path(path, overwrite)
    card_pages = card_pages or library_card_pages
    seen, pages = set(), []
    with print_style():
        pages.extend(plan_pages(plan))
        for item in plan.items:
            if (item.exercise_id, item.preset) in seen:
                continue
            seen.add((item.exercise_id, item.preset))
            pages.extend(_figures(card_pages(item.exercise, item.dosage)))
    return save_pdf(pages, path, what="Handout", title=f"{plan.title}: handout", subject=plan.summary_line(),
                    overwrite=overwrite)

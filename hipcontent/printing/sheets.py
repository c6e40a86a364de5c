"""Paper for a class, from any plan: a participant sheet and a coach's sheet (A4 PDFs).

    plan.participant_sheet("class-sheet.pdf")   # each exercise's picture, dose and one cue,
                                                # the pain rule and when to stop
    plan.coach_sheet("coach-sheet.pdf")         # start times, the pre-session screen, the
                                                # stop-and-refer list and the pain rule

The participant sheet is laid out at the largest picture size that keeps it on one page (a ready
30-minute class fits one A4 page); a longer plan continues on more pages at the smallest size
rather than shrinking the print. The pain rule, the stop signs, the red flags and the screens are
the course's one safety record (hipcontent.content.safety), printed word for word. Footers count
pages over the whole document ("page 2 of 3"). The detailed cards stay available: `plan.cards()`.
"""

from __future__ import annotations

from pathlib import Path

from matplotlib.patches import FancyBboxPatch

from hipcontent.content.safety import load_safety
from hipcontent.figures.poses import draw_pose, pose_geometry
from hipcontent.printing.handout import print_style
from hipcontent.printing.layout import A4_PORTRAIT, MARGIN, PageFlow
from hipcontent.printing.pdf import PrintedPDF, pdf_path, save_pdf
from hipcontent.timing.timers import format_seconds

PICTURE_HEIGHTS_IN = (1.0, 0.9, 0.8, 0.7, 0.6)  # tried in order: the first that fits one page wins
PICTURE_ASPECT = 1.35  # a picture's box is this many times wider than high
TILE_GAP_IN = 0.12
COLUMN_GAP_IN = 0.35
GREY = "#333333"
CLOSING = "Teaching material about training, not medical advice."


def dose_line(dosage) -> str:
    """A preset in a few words for a participant: its label, and the tempo of a counted rep."""
    text = dosage.label
    if dosage.tempo:
        text += " (" + ", ".join(str(step) for step in dosage.tempo) + ")"
    return text


def _picture(exercise):
    bands = "mini_band" in exercise.equipment

    def draw(figure, box):
        axes = figure.add_axes(box)
        axes.set_aspect("equal")
        axes.axis("off")
        draw_pose(axes, pose_geometry(exercise.diagram_pose), bands=bands, labels=False)

    return draw


def _pain_rule_box(flow: PageFlow, size: float) -> None:
    """The pain rule in a framed box across the page."""
    rule = load_safety().pain_rule
    top = flow.y
    flow.space(0.08)
    flow.text("Pain rule", size=size, weight="bold", indent=0.12, gap_after=0.02)
    flow.text(rule, size=size + 1, weight="bold", indent=0.12, gap_after=0.08)
    if not flow.dry:
        w, h = A4_PORTRAIT
        box = FancyBboxPatch((MARGIN / w, 1 - flow.y / h), flow.width_in / w, (flow.y - top) / h,
                             boxstyle="round,pad=0,rounding_size=0.004", transform=flow.fig.transFigure,
                             facecolor="#FFF4D6", edgecolor="#8A6D00", linewidth=1.2, zorder=-1)
        flow.fig.patches.append(box)
    flow.space(0.12)


def _stop_signs(flow: PageFlow, size: float) -> None:
    flow.heading("When to stop: stop now and tell the coach if you have", size=size + 1.5, keep_with=0.4)
    for sign in load_safety().stop_signs:
        flow.text(sign, size=size, hanging="•", hang_width=0.18, gap_after=0.02)


def _tile(flow: PageFlow, number: int, item, picture_in: float, size: float) -> None:
    """One exercise: its picture on the left, its number and name, dose and one cue beside it."""
    exercise = item.exercise
    has_picture = bool(exercise.diagram_pose)
    indent = picture_in * PICTURE_ASPECT + 0.1 if has_picture else 0.0
    lines = [(f"{number}. {exercise.name}", size + 1, "bold", "normal"),
             (dose_line(item.dosage), size, "normal", "normal"),
             (exercise.cues[0], size, "normal", "italic")]
    text_in = sum(flow.height(text, s, w, indent=indent, gap_after=0.01) for text, s, w, _ in lines)
    flow.need(max(text_in, picture_in if has_picture else 0) + TILE_GAP_IN)
    top = flow.y
    if has_picture and not flow.dry:
        w, h = A4_PORTRAIT
        box = (flow.left_in / w, 1 - (top + picture_in) / h, picture_in * PICTURE_ASPECT / w, picture_in / h)
        _picture(exercise)(flow.fig, box)
    for text, s, weight, style in lines:
        flow.text(text, size=s, weight=weight, style=style, indent=indent, gap_after=0.01)
    flow.y = max(flow.y, top + (picture_in if has_picture else 0)) + TILE_GAP_IN


def _participant(flow: PageFlow, plan, picture_in: float) -> None:
    size = 9.5
    flow.text(plan.title, size=18, weight="bold", gap_after=0.03)
    minutes = round(plan.total_seconds / 60)
    flow.text(f"{len(plan.items)} exercises, about {minutes} minutes with short rests. "
              "Work at your own level: the coach shows an easier and a harder option.", size=size, color=GREY,
              gap_after=0.1)
    _pain_rule_box(flow, size + 1)
    flow.columns(2, gap=COLUMN_GAP_IN)
    number = 0
    for section, indexes in plan.section_rows():
        flow.heading(section, size=size + 2, before=0.02, after=0.04, keep_with=picture_in)
        for index in indexes:
            number += 1
            _tile(flow, number, plan.items[index], picture_in, size)
    flow.columns(1)
    _stop_signs(flow, size)
    flow.space(0.06)
    flow.text(CLOSING, size=8, color=GREY)


def participant_pages(plan) -> list:
    """The participant sheet's pages (A4 portrait Figures): the largest picture size at which the
    two columns of exercises, balanced, leave room on one page for the stop signs below them."""
    def lay_out(picture_in, columns_end=None, dry=False):
        flow = PageFlow(plan.title, columns_end=columns_end, dry=dry)
        _participant(flow, plan, picture_in)
        return flow

    chosen = (PICTURE_HEIGHTS_IN[-1], None)
    bottom = A4_PORTRAIT[1] - MARGIN
    for picture_in in PICTURE_HEIGHTS_IN:
        end = _first_fit(lambda columns_end, p=picture_in: len(lay_out(p, columns_end, True).pages) == 1,
                         MARGIN + 2.0, bottom)
        if end is not None:
            chosen = (picture_in, end)
            break
    with print_style():
        flow = lay_out(*chosen)
    flow.footer(f"{plan.title} · class sheet")
    return flow.pages


def _first_fit(fits, low: float, high: float, step: float = 0.1) -> float | None:
    """The least columns_end from `low` to `high` (in `step`s) at which everything fits one page."""
    end = low
    while end <= high + 1e-9:
        if fits(end):
            return end
        end += step
    return None


def _coach(flow: PageFlow, plan) -> None:
    safety = load_safety()
    body = 9.5
    flow.text(f"{plan.title} · coach's sheet", size=17, weight="bold", gap_after=0.03)
    summary = plan.summary_line()[len(plan.title) + 2:]
    flow.text(summary[:1].upper() + summary[1:] + ".", size=body, color=GREY, gap_after=0.08)
    _pain_rule_box(flow, body + 1)
    flow.heading("The plan, with start times", size=12.5)
    starts = [block.start for block in plan.blocks() if block.number]
    for section, indexes in plan.section_rows():
        flow.text(section, size=body + 1, weight="bold", color="#00557F", gap_after=0.02)
        for index in indexes:
            item = plan.items[index]
            flow.text(f"{item.name}: {dose_line(item.dosage)}; lasts {format_seconds(item.seconds)}",
                      size=body, hanging=format_seconds(starts[index]), hang_width=0.5, gap_after=0.015)
            links = _options(item.exercise)
            if links:
                flow.text(links, size=8.5, indent=0.5, color=GREY, gap_after=0.015)
        flow.space(0.04)
    if plan.rest_between:
        flow.text(f"Between exercises: {format_seconds(plan.rest_between)} to change position (part of the "
                  "times above).", size=body, style="italic", gap_after=0.05)
    flow.columns(2, gap=COLUMN_GAP_IN)
    flow.heading("Before the session: the screen", size=11.5)
    for screen in safety.screens:
        flow.text(screen.name, size=body, weight="bold", gap_after=0.01)
        flow.text(f"{screen.note} ({screen.url})", size=8.5, gap_after=0.05)
    flow.text("At every session, ask who has something new, and how the last session felt the next day.",
              size=body, gap_after=0.05)
    flow.heading("Stop now (participant tells the coach)", size=11.5)
    for sign in safety.stop_signs:
        flow.text(sign, size=body, hanging="•", hang_width=0.16, gap_after=0.015)
    flow.heading("Stop and refer (red flags: refer, do not adapt)", size=11.5)
    for flag in safety.refer:
        flow.text(flag, size=body, hanging="•", hang_width=0.16, gap_after=0.015)
    if safety.pregnancy_stop_signs:
        flow.heading("In pregnancy: stop and contact the midwife or doctor", size=11.5)
        for sign in safety.pregnancy_stop_signs:
            flow.text(sign, size=body, hanging="•", hang_width=0.16, gap_after=0.015)
    flow.heading("The pain rule, and why", size=11.5)
    flow.text(safety.pain_rule_detail, size=8.5, gap_after=0.05)
    flow.columns(1)
    flow.text(CLOSING, size=8, color=GREY)


def _options(exercise) -> str:
    """Easier and harder options by name, for the coach's plan ('easier: ...; harder: ...')."""
    parts = []
    if exercise.regressions:
        parts.append("easier: " + ", ".join(link.id.replace("-", " ") for link in exercise.regressions))
    if exercise.progressions:
        parts.append("harder: " + ", ".join(link.id.replace("-", " ") for link in exercise.progressions))
    return "; ".join(parts)


def coach_pages(plan) -> list:
    """The coach's sheet's pages (A4 portrait Figures)."""
    with print_style():
        flow = PageFlow(f"{plan.title} · coach's sheet")
        _coach(flow, plan)
    flow.footer(f"{plan.title} · coach's sheet")
    return flow.pages


def write_participant_sheet(plan, path: str | Path, *, overwrite: bool = False) -> PrintedPDF:
    """Write the participant sheet; an existing file is replaced only with overwrite=True."""
    path = pdf_path(path, overwrite)
    return save_pdf(participant_pages(plan), path, what="Class sheet", title=f"{plan.title}: class sheet",
                    subject=plan.summary_line(), overwrite=overwrite)


def write_coach_sheet(plan, path: str | Path, *, overwrite: bool = False) -> PrintedPDF:
    """Write the coach's sheet; an existing file is replaced only with overwrite=True."""
    path = pdf_path(path, overwrite)
    return save_pdf(coach_pages(plan), path, what="Coach sheet", title=f"{plan.title}: coach's sheet",
                    subject=plan.summary_line(), overwrite=overwrite)

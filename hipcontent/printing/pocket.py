"""Two cards a page: the short form of each exercise card, one on each half of an A4 sheet.

    write_cards_pdf(["supine-toe-tap", "psoas-march"], "pocket.pdf", per_page=2)

A half card keeps what a coach needs on the floor: the name, the position drawing, the steps, the
dose (with what it rests on) and every caution. Cues, faults, muscles and evidence stay on the
full card. The sizes are the full card's (9 pt body, 8.5 pt at the least); a card whose short form
does not fit its half at those sizes is printed as its full card on a page of its own instead,
never smaller. A dashed line marks where to cut the sheet.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from hipcontent.content.exercises import DosagePreset, Exercise
from hipcontent.printing.layout import A4_PORTRAIT, MARGIN, PageFlow, balanced

HALF_GAP = 0.3  # inches kept free on each side of the cut line
TOP_HALF = (MARGIN, A4_PORTRAIT[1] / 2 - HALF_GAP)
BOTTOM_HALF = (A4_PORTRAIT[1] / 2 + HALF_GAP, A4_PORTRAIT[1] - MARGIN)  # no footer on these sheets


def _half_card(flow: PageFlow, ex: Exercise, chosen: DosagePreset, sizes) -> None:
    from hipcontent.printing.cards import (
        ACTION_WORDS,
        CARD_GAP,
        _draw_diagram,
        _words,
        diagram_height,
    )

    body, grey = sizes.body, "#333333"
    flow.text(ex.name, size=sizes.title - 2, weight="bold", gap_after=0.03)
    meta = f"{ex.level.capitalize()} · {_words(ex.position)}"
    meta += f" · equipment: {', '.join(_words(e) for e in ex.equipment) or 'none'}"
    flow.text(meta, size=body, color=grey, gap_after=0.06)
    flow.columns(2, gap=CARD_GAP)
    if ex.diagram_pose:
        bands = "mini_band" in ex.equipment
        height = diagram_height(ex.diagram_pose, bands, flow.width_in, sizes.diagram_in)
        flow.figure(lambda fig, box: _draw_diagram(fig, box, ex.diagram_pose, bands), height)

    def heading(text):
        flow.heading(text, size=sizes.heading, before=0.06, after=0.03, keep_with=0.3)

    heading("Steps")
    for n, step in enumerate(ex.steps, 1):
        flow.text(step, size=body, hanging=f"{n}.", hang_width=0.18, gap_after=0.02)
    heading("Dosage")
    flow.text(f"{chosen.label}: {chosen.describe()}.", size=body, weight="bold", gap_after=0.03)
    basis = "Source" if chosen.basis_kind == "cited" else "Course suggestion"
    note = chosen.basis_note if chosen.basis_note.startswith(basis) else f"{basis}: {chosen.basis_note}"
    flow.text(note, size=sizes.note, indent=0.18, color=grey, gap_after=0.03)
    heading("Cautions")
    for caution in ex.cautions:
        flow.text(f"{ACTION_WORDS[caution.action]}: {caution.text}", size=body, hanging="!", hang_width=0.18,
                  gap_after=0.02)
    flow.text(f"Cues, faults, muscles and evidence: the full card. Text {ex.license_spdx}, "
              f"{ex.license_attribution}.", size=sizes.small, color=grey, gap_after=0.0)


def _lay_out(ex: Exercise, chosen: DosagePreset, sizes, half: tuple[float, float], sheet: Figure | None = None,
             columns_end: float | None = None, dry: bool = False) -> PageFlow:
    flow = PageFlow(ex.name, figure=sheet, top=half[0], bottom=half[1], columns_end=columns_end, dry=dry)
    _half_card(flow, ex, chosen, sizes)
    return flow


def _fits(ex: Exercise, chosen: DosagePreset, half: tuple[float, float]):
    """The first of the card sizes at which the half card fits `half`, or None (dry runs)."""
    from hipcontent.printing.cards import CARD_SIZES

    for sizes in CARD_SIZES:
        if len(_lay_out(ex, chosen, sizes, half, dry=True).pages) == 1:
            return sizes
    return None


def _cut_line(sheet: Figure) -> None:
    w = A4_PORTRAIT[0]
    sheet.add_artist(Line2D([MARGIN / w, 1 - MARGIN / w], [0.5, 0.5], transform=sheet.transFigure,
                            color="#777777", lw=0.8, ls=(0, (4, 3))))


def pocket_pages(cards: list[tuple[Exercise, DosagePreset]]) -> list[Figure]:
    """A4 sheets with two half cards each, in order; a card too long for a half gets its full card."""
    from hipcontent.printing.cards import card_pages

    pages: list[Figure] = []
    sheet = None  # a sheet whose bottom half is still free
    for ex, chosen in cards:
        half = BOTTOM_HALF if sheet is not None else TOP_HALF
        sizes = _fits(ex, chosen, half)
        if sizes is None and sheet is not None:  # maybe it fits the taller top half of a new sheet
            sheet, half = None, TOP_HALF
            sizes = _fits(ex, chosen, half)
        if sizes is None:
            sheet = None
            pages.extend(card_pages(ex, chosen))
            continue
        if sheet is None:
            sheet = Figure(figsize=A4_PORTRAIT)
            _cut_line(sheet)
            pages.append(sheet)
        def trial(columns_end=None, dry=True, ex=ex, chosen=chosen, sizes=sizes, half=half):
            return _lay_out(ex, chosen, sizes, half, columns_end=columns_end, dry=dry)

        _lay_out(ex, chosen, sizes, half, sheet, balanced(trial, *half))  # columns of even length
        sheet = sheet if half is TOP_HALF else None
    return pages

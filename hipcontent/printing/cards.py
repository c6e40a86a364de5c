"""Exercise cards: an HTML card for the notebook, a library table, and printable PDF pages.

    exercise_card("supine-toe-tap")               # HTML card (escaped) with a plain-text twin
    exercise_table()                              # the library as a table
    write_cards_pdf(["supine-toe-tap", "psoas-march"], "cards.pdf")               # a card a page
    write_cards_pdf(["supine-toe-tap", "psoas-march"], "pocket.pdf", per_page=2)  # two short cards a page
    card_pages(exercise) -> [Figure, ...]         # the A4 pages, for a handout to add its own

PDF pages are matplotlib ``Figure`` objects written with the PDF backend (no LaTeX, no browser).
A card is one A4 page: the title across, then two columns, at the largest of `CARD_SIZES` that
fits (body text 9 pt, 8.5 pt at the least); a longer card flows onto a continuation page rather
than shrinking further. Every string from the data is drawn with ``parse_math=False`` so a ``$``
is just a dollar sign.
The position diagrams are stick figures drawn from joint angles (``pose_geometry``), so tests
can check the angles they show, e.g. 90 degrees at hip and knee for the toe tap.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from hipcontent.content.exercises import BASIS_WORDS, DosagePreset, Exercise, ExerciseLibrary, muscles
from hipcontent.figures.poses import draw_pose, pose_geometry
from hipcontent.printing.layout import A4_PORTRAIT, MARGIN, PageFlow, balanced
from hipcontent.printing.pdf import PrintedPDF, pdf_path, save_pdf
from hipcontent.timing.timers import library_or_builtin, resolve_exercise, resolve_preset
from hipcontent.views.display import HTMLBlock, escape, table_html

__all__ = ["A4_PORTRAIT", "MARGIN", "PrintedPDF", "card_figures", "card_pages", "exercise_card", "exercise_table",
           "write_cards_pdf"]

ACTION_WORDS = {"stop": "STOP", "modify": "MODIFY", "see_clinician": "SEE A CLINICIAN"}
GOAL_WORDS = {"motor_control": "motor control"}


def _words(value: str) -> str:
    return GOAL_WORDS.get(value, value.replace("_", " "))


# --------------------------------------------------------------------------------------------
# HTML: one card and the library table


def _progression_links(ex) -> list[str]:
    """'Easier: …' and 'Harder: …' lines naming the neighbouring exercises by id."""
    links = []
    if ex.regressions:
        links.append("Easier: " + ", ".join(lk.id for lk in ex.regressions))
    if ex.progressions:
        links.append("Harder: " + ", ".join(lk.id for lk in ex.progressions))
    return links


def exercise_card(
    exercise: Exercise | str, preset: DosagePreset | str | None = None, *, library: ExerciseLibrary | None = None
) -> HTMLBlock:
    """One exercise as an HTML card (every data string escaped) plus a plain-text version.

    exercise: an `Exercise`, or its id in `library` (None: the built-in library).
    preset: the dosage preset to show first (its id, or the preset itself; None: the default).
    """
    ex = resolve_exercise(exercise, library)
    chosen = resolve_preset(ex, preset)
    table = muscles()
    h, t = [], []
    meta = f"{ex.level.capitalize()} · {_words(ex.position)} · {', '.join(_words(g) for g in ex.goals)}"
    equipment = ", ".join(_words(e) for e in ex.equipment) or "none"
    h.append(f'<section class="hip-card exercise-card" aria-label="{escape(ex.name)}">')
    h.append(f"<h3>{escape(ex.name)}</h3><p><em>{escape(meta)}</em>; equipment: {escape(equipment)}</p>")
    h.append(f"<p>{escape(ex.summary)}</p>")
    t += [ex.name, "=" * len(ex.name), f"{meta}; equipment: {equipment}", ex.summary]
    if ex.origin:
        h.append(f'<p class="hip-note">{escape(ex.origin)}</p>')
        t.append(ex.origin)
    prim = ", ".join(table[m].name for m in ex.primary)
    sec = ", ".join(table[m].name for m in ex.secondary) or "none listed"
    h.append(f"<p><strong>Muscles ({escape(ex.action)}):</strong> main: {escape(prim)}; also: {escape(sec)}</p>")
    t.append(f"Muscles ({ex.action}): main: {prim}; also: {sec}")
    sections = [
        ("Steps", "ol", ex.steps),
        ("Coaching cues", "ul", ex.cues),
        ("Common faults", "ul", [f"{f} Fix: {x}" for f, x in ex.common_faults]),
    ]
    for title, tag, items in sections:
        if not items:
            continue
        h.append(f"<h4>{title}</h4><{tag}>" + "".join(f"<li>{escape(i)}</li>" for i in items) + f"</{tag}>")
        t.append(f"{title}:")
        t += [f"  {n}. {i}" if tag == "ol" else f"  - {i}" for n, i in enumerate(items, 1)]
    h.append(f"<h4>Dosage</h4><p><strong>{escape(chosen.label)}</strong>: {escape(chosen.describe())}</p>")
    t += ["Dosage:", f"  {chosen.label}: {chosen.describe()}"]
    extra = [x for x in (chosen.intensity, chosen.frequency) if x]
    if extra:
        h.append(f"<p>{escape(' '.join(x.rstrip('.') + '.' for x in extra))}</p>")
        t.append("  " + " ".join(x.rstrip(".") + "." for x in extra))
    basis = BASIS_WORDS[chosen.basis_kind]
    h.append(f'<p class="hip-note">{basis}: {escape(chosen.basis_note)}</p>')
    t.append(f"  {basis}: {chosen.basis_note}")
    others = [d for d in ex.dosage if d.id != chosen.id]
    if others:
        h.append("<p>Other presets: " + "; ".join(f"{escape(d.label)} (<code>{escape(d.id)}</code>)" for d in others) + "</p>")
        t.append("  Other presets: " + "; ".join(f"{d.label} ({d.id})" for d in others))
    h.append("<h4>Cautions</h4><ul>" + "".join(
        f"<li><strong>{ACTION_WORDS[c.action]}</strong>: {escape(c.text)}</li>" for c in ex.cautions) + "</ul>")
    t.append("Cautions:")
    t += [f"  {ACTION_WORDS[c.action]}: {c.text}" for c in ex.cautions]
    direct = "measured for this exercise" if ex.evidence.direct else "no direct evidence for this exercise"
    h.append(f"<h4>Evidence ({direct})</h4><p>{escape(ex.evidence.statement)}</p><ul>"
             + "".join(f"<li>{escape(s.citation)}" + (f" [{escape(s.grade)}]" if s.grade else "") + "</li>"
                       for s in ex.evidence.sources) + "</ul>")
    t += [f"Evidence ({direct}): {ex.evidence.statement}"]
    t += [f"  - {s.citation}" + (f" [{s.grade}]" if s.grade else "") for s in ex.evidence.sources]
    links = _progression_links(ex)
    if links:
        h.append(f"<p>{escape('. '.join(links))}</p>")
        t.append(". ".join(links))
    h.append(f'<p class="hip-note">Text licence: {escape(ex.license_spdx)}, {escape(ex.license_attribution)}</p></section>')
    t.append(f"Text licence: {ex.license_spdx}, {ex.license_attribution}")
    return HTMLBlock("".join(h), "\n".join(t))


def exercise_table(
    exercises: Iterable[Exercise | str] | ExerciseLibrary | None = None,
    caption: str = "The exercise library",
    *,
    library: ExerciseLibrary | None = None,
) -> HTMLBlock:
    """The library (or any list of exercises/ids) as a table: level, goals, position, equipment,
    main muscles, default dosage and whether there is direct evidence.

    exercises: None (every exercise of `library`), a library, or `Exercise`s and ids in `library`.
    """
    library = library_or_builtin(library)
    if exercises is None:
        exercises = library
    if isinstance(exercises, (str, Exercise)):
        exercises = [exercises]
    if not isinstance(caption, str):
        raise ValueError(f"caption must be text; got {type(caption).__name__}")
    items = [library.resolve(e) for e in exercises]
    table = muscles()
    heads = ["Exercise", "Level", "Goals", "Position", "Equipment", "Main muscles", "Default dosage", "Direct evidence"]
    rows, lines = [], []
    for ex in items:
        cells = [
            f"{ex.name} ({ex.id})", ex.level, ", ".join(_words(g) for g in ex.goals), _words(ex.position),
            ", ".join(_words(e) for e in ex.equipment) or "none", ", ".join(table[m].name for m in ex.primary),
            ex.default_preset.describe(), "yes" if ex.evidence.direct else "no",
        ]
        rows.append(cells)
        lines.append(f"{ex.id}: {ex.level}, {cells[2]}, {cells[3]}; main: {cells[5]}; direct evidence: {cells[7]}")
    html = table_html(f"{caption} ({len(items)} exercises)", heads, rows, numeric=())
    return HTMLBlock(html, f"{caption} ({len(items)} exercises)\n" + "\n".join(lines))


# --------------------------------------------------------------------------------------------
# PDF pages


@dataclass(frozen=True)
class CardSizes:
    """Print sizes of a card, in points (the diagram's height in inches)."""

    title: float
    heading: float
    summary: float
    body: float
    note: float  # the muscle note, the dosage's basis, other presets
    small: float  # citations and the diagram's description
    diagram_in: float


# A card is laid out at the first of these that fits one page; a card that fits none flows onto a
# continuation page at the last. Body text never goes below 8.5 pt, nothing below MIN_TEXT_PT.
CARD_SIZES = (
    CardSizes(title=16, heading=10.5, summary=10, body=9, note=8.5, small=8, diagram_in=1.5),
    CardSizes(title=15, heading=10, summary=9.5, body=8.5, note=8, small=8, diagram_in=1.25),
    CardSizes(title=14, heading=9.5, summary=9, body=8.5, note=8, small=8, diagram_in=1.05),  # the longest cards
)


def _draw_diagram(fig: Figure, box, pose: str, bands: bool):
    ax = fig.add_axes(box)
    ax.set_aspect("equal")
    ax.axis("off")
    draw_pose(ax, pose_geometry(pose), bands=bands)
    return ax


@lru_cache(maxsize=64)
def diagram_height(pose: str, bands: bool, width_in: float, height_in: float) -> float:
    """The height to print a position diagram at: `height_in`, or taller (up to 2.5 in) when its
    labels, whose size is fixed in points, would overlap at that size in a box `width_in` wide."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    fig = Figure(figsize=(width_in, height_in))  # drawn once; each taller size only re-measures
    ax = _draw_diagram(fig, (0, 0, 1, 1), pose, bands)
    canvas = FigureCanvasAgg(fig)
    labels = [t for t in ax.findobj(Text) if t.get_text() and t.get_visible()]
    for height in (height_in, *(h / 4 for h in range(round(height_in * 4) + 1, 11))):
        fig.set_size_inches(width_in, height)
        ax.apply_aspect()  # where the equal-aspect drawing really sits at this size
        renderer = canvas.get_renderer()
        boxes = [t.get_window_extent(renderer) for t in labels]
        if not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:]):
            return height
    return height


CARD_GAP = 0.25  # inches between a card's two columns


def card_pages(
    exercise: Exercise | str, preset: DosagePreset | str | None = None, *, library: ExerciseLibrary | None = None
) -> list[Figure]:
    """The printable card of one exercise as A4 portrait Figures: one page, in two columns below
    the title, at the largest of `CARD_SIZES` that fits (a coach's very long exercise flows onto a
    continuation page instead of shrinking further): title, position diagram, muscles, steps,
    cues, faults, dosage, cautions, evidence and licence.
    exercise: an `Exercise`, or its id in `library` (None: the built-in one)."""
    ex = resolve_exercise(exercise, library)
    chosen = resolve_preset(ex, preset)
    for sizes in CARD_SIZES:  # trials draw nothing: they only count pages

        def lay_out(columns_end=None, dry=False, sizes=sizes):
            flow = PageFlow(ex.name, columns_end=columns_end, dry=dry)
            _card(flow, ex, chosen, sizes)
            return flow

        if len(lay_out(dry=True).pages) == 1:
            break
    flow = lay_out(columns_end=balanced(lay_out, MARGIN, A4_PORTRAIT[1]))  # columns of even length
    flow.footer(f"{ex.name} · hipcontent exercise card · text {ex.license_spdx}, {ex.license_attribution}")
    return flow.pages


def _card(flow: PageFlow, ex: Exercise, chosen: DosagePreset, sizes: CardSizes) -> None:
    """Lay one card down `flow`: a full-width head, then two columns."""
    table = muscles()
    body, grey = sizes.body, "#333333"
    flow.text(ex.name, size=sizes.title, weight="bold", gap_after=0.03)
    meta = f"{ex.level.capitalize()} · {_words(ex.position)} · goals: {', '.join(_words(g) for g in ex.goals)}"
    meta += f" · equipment: {', '.join(_words(e) for e in ex.equipment) or 'none'}"
    flow.text(meta, size=body, color=grey, gap_after=0.03)
    flow.text(ex.summary, size=sizes.summary, gap_after=0.1)
    flow.columns(2, gap=CARD_GAP)

    if ex.diagram_pose:
        bands = "mini_band" in ex.equipment
        flow.figure(lambda fig, box: _draw_diagram(fig, box, ex.diagram_pose, bands),
                    diagram_height(ex.diagram_pose, bands, flow.width_in, sizes.diagram_in))
        flow.text("Diagram: " + ex.diagram_alt, size=sizes.small, color=grey, gap_after=0.02)

    def heading(text, keep_with=0.3):
        flow.heading(text, size=sizes.heading, before=0.07, after=0.03, keep_with=keep_with)

    def item(text, mark, size=body, **kw):
        flow.text(text, size=size, hanging=mark, hang_width=0.18, gap_after=0.025, **kw)

    prim = ", ".join(table[m].name for m in ex.primary)
    sec = ", ".join(table[m].name for m in ex.secondary) or "none listed"
    heading("Muscles")
    flow.text(f"Main ({ex.action}): {prim}. Also working: {sec}.", size=body, gap_after=0.03)
    if ex.muscle_note:
        flow.text(ex.muscle_note, size=sizes.note, color=grey, gap_after=0.03)
    heading("Steps")
    for n, step in enumerate(ex.steps, 1):
        item(step, f"{n}.")
    heading("Coaching cues")
    for cue in ex.cues:
        item(cue, "•")
    if ex.common_faults:
        heading("Common faults and fixes")
        for fault, fix in ex.common_faults:
            item(f"{fault} Fix: {fix}", "•")
    basis = BASIS_WORDS[chosen.basis_kind]
    note = chosen.basis_note if chosen.basis_note.startswith(basis) else f"{basis}: {chosen.basis_note}"
    heading("Dosage", keep_with=flow.height(f"{chosen.label}: {chosen.describe()}.", body, "bold") + 0.15)
    flow.text(f"{chosen.label}: {chosen.describe()}.", size=body, weight="bold", gap_after=0.03)
    for extra in (chosen.intensity, chosen.frequency):
        if extra:
            flow.text(extra, size=body, indent=0.18, gap_after=0.025)
    flow.text(note, size=sizes.note, indent=0.18, color=grey, gap_after=0.03)
    others = [other.label for other in ex.dosage if other.id != chosen.id]
    if others:  # their labels say the dose; each one's full card is a preset= away
        flow.text("Also: " + "; ".join(others) + ".", size=sizes.note, gap_after=0.02)
    heading("Cautions")
    for c in ex.cautions:
        item(f"{ACTION_WORDS[c.action]}: {c.text}", "!")
    direct = "measured for this exercise" if ex.evidence.direct else "no direct evidence for this exercise"
    heading(f"Evidence ({direct})")
    flow.text(ex.evidence.statement, size=body, gap_after=0.04)
    for s in ex.evidence.sources:
        item(s.citation + (f" [{s.grade}]" if s.grade else ""), "-", size=sizes.small, color=grey)
    links = _progression_links(ex)
    if links:
        flow.space(0.04)
        flow.text(". ".join(links) + ".", size=body)


# --------------------------------------------------------------------------------------------
# Two cards a page: the short form of each card, one on each half of an A4 sheet. A half card keeps
# what a coach needs on the floor: the drawing, the steps, the dose (with what it rests on) and
# every caution; cues, faults, muscles and evidence stay on the full card. The sizes are the full
# card's; a card whose short form does not fit half a page is printed as its full card instead,
# never smaller. A dashed line marks where to cut the sheet.

HALF_GAP = 0.3  # inches kept free on each side of the cut line
TOP_HALF = (MARGIN, A4_PORTRAIT[1] / 2 - HALF_GAP)
BOTTOM_HALF = (A4_PORTRAIT[1] / 2 + HALF_GAP, A4_PORTRAIT[1] - MARGIN)  # no footer on these sheets


def _half_card(flow: PageFlow, ex: Exercise, chosen: DosagePreset, sizes) -> None:
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
    basis = BASIS_WORDS[chosen.basis_kind]
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


def _selection(exercises, library: ExerciseLibrary | None) -> list[Exercise]:
    if isinstance(exercises, (str, Exercise)):
        exercises = [exercises]
    if not isinstance(exercises, Iterable):
        raise ValueError(f"exercises must be an exercise, its id, or a list of them; got {type(exercises).__name__}")
    library = library_or_builtin(library)
    selection = [library.resolve(item) for item in exercises]
    if not selection:
        raise ValueError("no exercises given: nothing to print")
    return selection


def _per_page(per_page) -> int:
    if per_page not in (1, 2) or isinstance(per_page, bool):
        raise ValueError(f"per_page must be 1 (a full card a page) or 2 (two short cards a page); got {per_page!r}")
    return per_page


def card_figures(
    exercises, preset: DosagePreset | str | None = None, *, library: ExerciseLibrary | None = None, per_page: int = 1
) -> list[Figure]:
    """Card pages for several exercises (`Exercise`s or ids in `library`), in order.

    per_page: 1, each full card on its own page; 2, the short form of two cards on each page
    (see `pocket_pages`)."""
    per_page = _per_page(per_page)
    selection = _selection(exercises, library)
    if per_page == 2:
        return pocket_pages([(ex, resolve_preset(ex, preset)) for ex in selection])
    return [page for ex in selection for page in card_pages(ex, preset)]


def write_cards_pdf(
    exercises, path, preset: DosagePreset | str | None = None, *, library: ExerciseLibrary | None = None,
    per_page: int = 1, overwrite: bool = False,
) -> PrintedPDF:
    """Write printable cards for one exercise or a selection to a PDF (returns path and page count).

    exercises: `Exercise`s or ids in `library` (None: the built-in library). per_page: 1 (each
    full card on one A4 page) or 2 (two short cards a page: steps, dose and cautions; a card too
    long for half a page is printed in full). An existing file at `path` is replaced only with
    overwrite=True (FileExistsError otherwise), and only when every page has been written.
    """
    path = pdf_path(path, overwrite)
    per_page = _per_page(per_page)
    selection = _selection(exercises, library)
    names = ", ".join(dict.fromkeys(ex.name for ex in selection))
    pages = card_figures(selection, preset, per_page=per_page)
    return save_pdf(pages, path, what="Cards", title=f"Exercise cards: {names}", overwrite=overwrite)

"""Exercise cards: an HTML card for the notebook, a library table, and printable PDF pages.

    exercise_card("supine-toe-tap")               # HTML card (escaped) with a plain-text twin
    exercise_table()                              # the library as a table
    write_cards_pdf(["supine-toe-tap", "psoas-march"], "cards.pdf")
    card_pages(exercise) -> [Figure, ...]         # the A4 pages, for a handout to add its own

PDF pages are matplotlib ``Figure`` objects written with the PDF backend (no LaTeX, no browser).
Text is wrapped to the page and flows onto a continuation page when it does not fit; every
string from the data is drawn with ``parse_math=False`` so a ``$`` is just a dollar sign.
The position diagrams are stick figures drawn from joint angles (``pose_geometry``), so tests
can check the angles they show, e.g. 90 degrees at hip and knee for the toe tap.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

from hipcontent.content.exercises import Exercise, load_library, muscles
from hipcontent.figures.poses import draw_pose, pose_geometry
from hipcontent.views.display import HTMLBlock, escape

A4_PORTRAIT = (8.27, 11.69)  # inches
MARGIN = 0.7  # inches on every side
FONT = "DejaVu Sans"  # ships with matplotlib: the same glyphs (and widths) everywhere

ACTION_WORDS = {"stop": "STOP", "modify": "MODIFY", "see_clinician": "SEE A CLINICIAN"}
GOAL_WORDS = {"motor_control": "motor control"}


def _exercise(item) -> Exercise:
    if isinstance(item, Exercise):
        return item
    if isinstance(item, str):
        return load_library()[item]
    raise TypeError(f"expected an exercise or an exercise id; got {type(item).__name__}")


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


def exercise_card(exercise, preset: str | None = None) -> HTMLBlock:
    """One exercise as an HTML card (every data string escaped) plus a plain-text version."""
    ex = _exercise(exercise)
    chosen = ex.preset(preset)
    table = muscles()
    h, t = [], []
    meta = f"{ex.level.capitalize()} · {_words(ex.position)} · {', '.join(_words(g) for g in ex.goals)}"
    equipment = ", ".join(_words(e) for e in ex.equipment) or "none"
    h.append(f'<section class="exercise-card" aria-label="{escape(ex.name)}">')
    h.append(f"<h3>{escape(ex.name)}</h3><p><em>{escape(meta)}</em>; equipment: {escape(equipment)}</p>")
    h.append(f"<p>{escape(ex.summary)}</p>")
    t += [ex.name, "=" * len(ex.name), f"{meta}; equipment: {equipment}", ex.summary]
    if ex.origin:
        h.append(f"<p><small>{escape(ex.origin)}</small></p>")
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
    basis = "Source" if chosen.basis_kind == "cited" else "Course suggestion"
    h.append(f"<p><small>{basis}: {escape(chosen.basis_note)}</small></p>")
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
    h.append(f"<p><small>Text licence: {escape(ex.license_spdx)}, {escape(ex.license_attribution)}</small></p></section>")
    t.append(f"Text licence: {ex.license_spdx}, {ex.license_attribution}")
    return HTMLBlock("".join(h), "\n".join(t))


def exercise_table(exercises=None, caption: str = "The exercise library") -> HTMLBlock:
    """The library (or any list of exercises/ids) as a table: level, goals, position, equipment,
    main muscles, default dosage and whether there is direct evidence."""
    items = list(load_library()) if exercises is None else [_exercise(e) for e in exercises]
    table = muscles()
    heads = ["Exercise", "Level", "Goals", "Position", "Equipment", "Main muscles", "Default dosage", "Direct evidence"]
    rows, lines = [], []
    for ex in items:
        cells = [
            f"{ex.name} ({ex.id})", ex.level, ", ".join(_words(g) for g in ex.goals), _words(ex.position),
            ", ".join(_words(e) for e in ex.equipment) or "none", ", ".join(table[m].name for m in ex.primary),
            ex.default_preset.describe(), "yes" if ex.evidence.direct else "no",
        ]
        rows.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
        lines.append(f"{ex.id}: {ex.level}, {cells[2]}, {cells[3]}; main: {cells[5]}; direct evidence: {cells[7]}")
    html = (f"<table><caption>{escape(caption)} ({len(items)} exercises)</caption><thead><tr>"
            + "".join(f"<th>{x}</th>" for x in heads) + f"</tr></thead><tbody>{''.join(rows)}</tbody></table>")
    return HTMLBlock(html, f"{caption} ({len(items)} exercises)\n" + "\n".join(lines))


# --------------------------------------------------------------------------------------------
# PDF pages


class _Flow:
    """Lays wrapped text down A4 pages, starting a continuation page when one is full."""

    def __init__(self, title: str):
        self.title = title
        self.pages: list[Figure] = []
        self.width_in = A4_PORTRAIT[0] - 2 * MARGIN
        self._renderer = RendererAgg(10, 10, 100)  # only measures text; widths vary ~3% with hinting
        self._widths: dict[tuple, float] = {}
        self._new_page(first=True)

    def _new_page(self, first=False):
        fig = Figure(figsize=A4_PORTRAIT)
        self.pages.append(fig)
        self.fig = fig
        self.y = MARGIN  # inches from the top
        if not first:
            self.text(f"{self.title} (continued)", size=11, weight="bold", gap_after=0.1)

    def _place(self, x_in, text, size, **kw):
        w, h = A4_PORTRAIT
        self.fig.text(x_in / w, 1 - self.y / h, text, fontsize=size, va="top", ha="left", family=FONT,
                      parse_math=False, **kw)

    def space(self, inches):
        self.y += inches

    def need(self, inches):
        if self.y + inches > A4_PORTRAIT[1] - MARGIN - 0.3:  # keep room for the footer
            self._new_page()

    def _width_in(self, text, size, weight) -> float:
        """Width of a line of text in inches, measured with the font's own metrics (memoised:
        each measurement costs about a millisecond, and cards repeat their words)."""
        key = (text, size, weight)
        if key not in self._widths:
            prop = FontProperties(family=FONT, size=size, weight=weight)
            width, _height, _descent = self._renderer.get_text_width_height_descent(text, prop, ismath=False)
            self._widths[key] = width / 100 / 0.97  # keep 3% in hand for hinting differences
        return self._widths[key]

    def wrap(self, text, width_in, size, weight="normal") -> list[str]:
        """Greedy word wrap by measured width; words longer than a line are split.

        A line's width is the sum of its words and spaces, each measured once.
        """
        measure = lambda piece: self._width_in(piece, size, weight)  # noqa: E731
        space = measure("x x") - measure("xx")
        lines, line, line_width = [], "", 0.0
        for word in str(text).split():
            while measure(word) > width_in:  # a very long word: split it
                cut = len(word) - 1
                while cut > 1 and measure(word[:cut]) > width_in:
                    cut -= 1
                if line:
                    lines.append(line)
                    line, line_width = "", 0.0
                lines.append(word[:cut])
                word = word[cut:]
            word_width = measure(word)
            if not line:
                line, line_width = word, word_width
            elif line_width + space + word_width <= width_in:
                line, line_width = f"{line} {word}", line_width + space + word_width
            else:
                lines.append(line)
                line, line_width = word, word_width
        if line or not lines:
            lines.append(line)
        return lines

    def text(self, text, size=10, weight="normal", indent=0.0, hanging="", gap_after=0.04, color="#000000"):
        """A paragraph, wrapped to the page width; `hanging` (e.g. '1.' or '-') sits in the indent."""
        hang_w = 0.28 if hanging else 0.0
        avail_in = self.width_in - indent - hang_w
        lines = self.wrap(text, avail_in, size, weight)
        step = size * 1.32 / 72
        for i, line in enumerate(lines):
            self.need(step)
            if i == 0 and hanging:
                self._place(MARGIN + indent, hanging, size, weight=weight, color=color)
            self._place(MARGIN + indent + hang_w, line, size, weight=weight, color=color)
            self.y += step
        self.y += gap_after

    def heading(self, text):
        self.need(0.55)  # never leave a heading alone at the bottom of a page
        self.space(0.08)
        self.text(text, size=12.5, weight="bold", gap_after=0.06)

    def figure(self, fig_factory, height_in):
        self.need(height_in)
        w, h = A4_PORTRAIT
        ax_box = (MARGIN / w, 1 - (self.y + height_in) / h, self.width_in / w, height_in / h)
        fig_factory(self.fig, ax_box)
        self.y += height_in + 0.1

    def footer(self, text):
        w, h = A4_PORTRAIT
        n = len(self.pages)
        for i, fig in enumerate(self.pages, 1):
            page = f" · page {i} of {n}"
            line = text
            while line and self._width_in(line + page, 7.5, "normal") > self.width_in:
                line = line[:-2].rstrip() + "…"  # shorten a long name rather than run off the page
            fig.text(MARGIN / w, MARGIN / 2 / h, line + page, fontsize=7.5, color="#333333",
                     family=FONT, va="bottom", ha="left", parse_math=False)


def card_pages(exercise, preset: str | None = None) -> list[Figure]:
    """The printable card of one exercise as A4 portrait Figures (usually one page, more if the
    text needs it): title, position diagram, muscles, steps, cues, faults, dosage, cautions,
    evidence and licence."""
    ex = _exercise(exercise)
    chosen = ex.preset(preset)
    table = muscles()
    flow = _Flow(ex.name)
    flow.text(ex.name, size=20, weight="bold", gap_after=0.06)
    meta = f"{ex.level.capitalize()} · {_words(ex.position)} · goals: {', '.join(_words(g) for g in ex.goals)}"
    meta += f" · equipment: {', '.join(_words(e) for e in ex.equipment) or 'none'}"
    flow.text(meta, size=10, color="#333333")
    flow.text(ex.summary, size=10.5, gap_after=0.08)

    if ex.diagram_pose:
        def draw(fig, box):
            ax = fig.add_axes(box)
            ax.set_aspect("equal")
            ax.axis("off")
            draw_pose(ax, pose_geometry(ex.diagram_pose), bands="mini_band" in ex.equipment)
        flow.figure(draw, 2.5)
        flow.text("Diagram: " + ex.diagram_alt, size=8, color="#333333", gap_after=0.06)

    prim = ", ".join(table[m].name for m in ex.primary)
    sec = ", ".join(table[m].name for m in ex.secondary) or "none listed"
    flow.heading("Muscles")
    flow.text(f"Main ({ex.action}): {prim}. Also working: {sec}.", size=10)
    if ex.muscle_note:
        flow.text(ex.muscle_note, size=9, color="#333333")
    flow.heading("Steps")
    for n, step in enumerate(ex.steps, 1):
        flow.text(step, hanging=f"{n}.")
    flow.heading("Coaching cues")
    for cue in ex.cues:
        flow.text(cue, hanging="•")
    if ex.common_faults:
        flow.heading("Common faults and fixes")
        for fault, fix in ex.common_faults:
            flow.text(f"{fault} Fix: {fix}", hanging="•")
    flow.heading("Dosage")
    flow.text(f"{chosen.label}: {chosen.describe()}.", weight="bold")
    for extra in (chosen.intensity, chosen.frequency):
        if extra:
            flow.text(extra, indent=0.28)
    basis = "Source" if chosen.basis_kind == "cited" else "Course suggestion"
    flow.text(f"{basis}: {chosen.basis_note}", size=8.5, indent=0.28, color="#333333")
    for other in ex.dosage:
        if other.id != chosen.id:
            flow.text(f"Also: {other.label}: {other.describe()}.", size=9)
    flow.heading("Cautions")
    for c in ex.cautions:
        flow.text(f"{ACTION_WORDS[c.action]}: {c.text}", hanging="!")
    flow.heading("Evidence" + (" (measured for this exercise)" if ex.evidence.direct else " (no direct evidence for this exercise)"))
    flow.text(ex.evidence.statement, size=9.5)
    for s in ex.evidence.sources:
        flow.text(s.citation + (f" [{s.grade}]" if s.grade else ""), size=8, hanging="-", color="#333333", gap_after=0.02)
    links = _progression_links(ex)
    if links:
        flow.space(0.06)
        flow.text(". ".join(links) + ".", size=9)
    flow.footer(f"{ex.name} · hipcontent exercise card · text {ex.license_spdx}, {ex.license_attribution}")
    return flow.pages


def card_figures(exercises, preset: str | None = None) -> list[Figure]:
    """Card pages for several exercises (ids or Exercise objects), in order."""
    if isinstance(exercises, (str, Exercise)):
        exercises = [exercises]
    pages = []
    for item in exercises:
        pages.extend(card_pages(item, preset))
    return pages


@dataclass(frozen=True)
class PrintedPDF:
    """A written PDF: what it is, where it is (as you gave it) and how many pages it has."""

    what: str  # "Cards", "Handout": the first word of the summary line
    path: Path
    pages: int

    def __repr__(self) -> str:
        return f"{self.what} written: {self.path.as_posix()} ({self.pages} page{'s' if self.pages != 1 else ''})"


def pdf_path(path) -> Path:
    """Check a PDF file name before any page is drawn: it must end in .pdf, in a folder that exists."""
    if not isinstance(path, (str, Path)) or not str(path).strip():
        raise ValueError(f"path must be a file name such as 'session-handout.pdf'; got {path!r}")
    path = Path(path)
    if path.suffix.lower() != ".pdf":
        raise ValueError(f"path must end in .pdf; got {path.as_posix()!r}")
    if not path.parent.exists():
        raise ValueError(f"the folder for {path.as_posix()!r} does not exist: create it first")
    return path


def save_pdf(pages, path, *, what: str, title: str, subject: str = "") -> PrintedPDF:
    """Write Figures as the pages of one PDF. The one place hipcontent writes PDFs.

    The PDF carries no creation date, so the same pages give the same bytes.
    """
    from matplotlib.backends.backend_pdf import PdfPages

    path = pdf_path(path)
    if not pages:
        raise ValueError("no pages given: nothing to print")
    metadata = {"Title": title[:200], "Subject": subject, "Author": "hipcontent", "Creator": "hipcontent",
                "CreationDate": None}
    with PdfPages(path, metadata=metadata) as pdf:
        for page in pages:
            pdf.savefig(page)
    return PrintedPDF(what, path, len(pages))


def write_cards_pdf(exercises, path, preset: str | None = None) -> PrintedPDF:
    """Write printable cards for one exercise or a selection to a PDF (returns path and page count)."""
    path = pdf_path(path)
    selection = [exercises] if isinstance(exercises, (str, Exercise)) else list(exercises)
    if not selection:
        raise ValueError("no exercises given: nothing to print")
    names = ", ".join(dict.fromkeys(_exercise(e).name for e in selection))
    return save_pdf(card_figures(selection, preset), path, what="Cards", title=f"Exercise cards: {names}")

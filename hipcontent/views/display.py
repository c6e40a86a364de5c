"""What a notebook shows: figures with alt text and captions, and escaped HTML blocks.

Every rich output also carries a plain-text version. nbval compares that text (never pixels),
screen readers and handouts fall back to it, and it reads well in a terminal.

The look of every course output is ONE stylesheet, `hipcontent/views/static/course.css`
(JupyterLab theme colours, sizes scaled by `--hip-scale`, `hip-` class names). It reaches the page
three ways, because JupyterLab's sanitizer removes every `<style>` element (and `calc()`/`var()`
values in `style` attributes) from the stored outputs of a notebook that is not trusted, while it
keeps `class` attributes:
1. `course_html(body)` puts the body in the root element `<div class="hip">` and ONE `<style>`
   with the stylesheet first: live outputs (trusted), trusted notebooks and HTML exports.
2. Course widgets (anywidget) set `_css = course_css() + ...`: anywidget adds it to the page head.
   The projector switch (hipcontent.widgets.projector) does so too, so after one
   `hipcontent.projector()` every course output on the page is styled, stored ones included.
3. Markup that must read well with no stylesheet at all keeps sanitizer-safe inline styles
   (`text-align`, `width` in px), never colours or font sizes.
"""

from __future__ import annotations

import base64
import html
import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from matplotlib.figure import Figure

STATIC = Path(__file__).resolve().parent / "static"

# A table cell that is a number (optionally signed, with a unit or a clock time): right-aligned.
CSS_PX_PER_INCH = 96
MIN_TEXT_PX = 12.0  # the course's floor for any text, figure labels included (at --hip-scale 1)
MAX_ENLARGE = 1.25  # a figure is shown at most this much wider than its own size to reach it
_BARE_LINK = re.compile(r"<a (?![^>]*\bstyle=)")
_NUMBER = re.compile(r"[-+−]?(\d+([.,:]\d+)*|\.\d+)\s*(%|°|s|min|mm|cm|m|kg|N|x|×|reps?)?")


def escape(text: object) -> str:
    """HTML-escape any text that came from data (quotes included, for attributes)."""
    return html.escape(str(text), quote=True)


def link(url: str, label: str | None = None, *, new_tab: bool = True, markup: bool = False) -> str:
    """A link in text: underlined (course.css does it too; inline, it survives the sanitizer of an
    untrusted notebook), so it is never told apart by colour alone. `label` is escaped unless
    `markup=True`; None shows the address itself."""
    shown = label if markup and label is not None else escape(url if label is None else label)
    target = ' target="_blank" rel="noopener"' if new_tab else ""
    return f'<a href="{escape(url)}"{target} style="text-decoration:underline">{shown}</a>'


@cache
def course_css() -> str:
    """The course stylesheet, comments and extra spaces removed (what every output carries)."""
    text = (STATIC / "course.css").read_text(encoding="utf-8")
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL)
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"\s*([{};,>])\s*", r"\1", text).strip()


def course_html(body: str) -> str:
    """One course output: the root `<div class="hip">`, the stylesheet, then `body` (already escaped).

    Every link in `body` without a style of its own is underlined inline as well: a link in text
    must not be told apart by colour alone, also where the sanitizer has removed the stylesheet.
    """
    body = _BARE_LINK.sub('<a style="text-decoration:underline" ', body)
    return f'<div class="hip"><style>{course_css()}</style>{body}</div>'


def is_number(cell: str) -> bool:
    """True when a table cell holds a number (it is then right-aligned with class hip-num)."""
    return bool(_NUMBER.fullmatch(cell.strip()))


def number_columns(rows: Sequence[Sequence[str]]) -> frozenset[int]:
    """The columns whose every non-empty cell is a number (and that have at least one)."""
    columns = max((len(row) for row in rows), default=0)
    found = set()
    for i in range(columns):
        cells = [str(row[i]).strip() for row in rows if i < len(row) and str(row[i]).strip() not in ("", "—", "-")]
        if cells and all(is_number(cell) for cell in cells):
            found.add(i)
    return frozenset(found)


def cell_attrs(is_num: bool) -> str:
    """A table cell's attributes: class hip-num for numbers, and the same alignment inline.

    The inline alignment survives JupyterLab's sanitizer, so a stored output of an untrusted
    notebook (whose `<style>` is removed) still reads text left and numbers right, from the top.
    """
    return ' class="hip-num" style="text-align:right;vertical-align:top"' if is_num else ' style="text-align:left;vertical-align:top"'


def table_html(
    caption: str,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    numeric: Sequence[int] | None = None,
    row_headers: bool = False,
    markup: bool = False,
    css_class: str = "",
) -> str:
    """One `hip-table`: caption, a header row, body rows.

    Cells are text and escaped here, unless `markup=True` (then they are HTML already built from
    escaped data, and numeric columns must be given). `numeric`: column indexes right-aligned
    (None: found by `number_columns`). `row_headers`: the first cell of each row is its header.
    """
    nums = (frozenset() if markup else number_columns(rows)) if numeric is None else frozenset(numeric)
    cell = (lambda value: str(value)) if markup else escape
    classes = "hip-table" + (f" {css_class}" if css_class else "")
    head = "".join(
        f'<th scope="col"{cell_attrs(i in nums)}>{escape(name)}</th>' for i, name in enumerate(header)
    )
    body = []
    for row in rows:
        cells = []
        for i, value in enumerate(row):
            tag = "th" if row_headers and i == 0 else "td"
            scope = ' scope="row"' if tag == "th" else ""
            cells.append(f"<{tag}{scope}{cell_attrs(i in nums)}>{cell(value)}</{tag}>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f'<table class="{classes}"><caption>{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


@dataclass(frozen=True)
class HTMLBlock:
    """Ready-made HTML plus its plain-text equivalent. Build `html` only from escaped data."""

    html: str
    text: str

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": course_html(self.html), "text/plain": self.text}

    def __str__(self) -> str:
        return self.text

    @classmethod
    def table(
        cls, caption: str, header: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[int] | None = None
    ) -> HTMLBlock:
        """A captioned `hip-table` (every cell escaped) and its text twin: the caption, then aligned columns.

        Text is left-aligned; columns of numbers (found by `number_columns`, or given as `numeric`
        column indexes) are right-aligned, header included.
        """
        html = table_html(caption, header, rows, numeric=numeric)
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        lines = [caption] + [
            "  ".join(value.ljust(widths[i]) for i, value in enumerate(row)).rstrip() for row in [header, *rows]
        ]
        return cls(html, "\n".join(lines))


SHORT_ALT = 250  # characters: longer alt texts are split into a first sentence and a description


@dataclass(frozen=True)
class AccessibleFigure:
    """A matplotlib figure shown as an <img> with alt text and a visible caption.

    `figure` stays available for tests, saving or further drawing. The PNG is rendered when
    the notebook displays it and shown at a fixed CSS width: the figure's own width (96 CSS px an
    inch), enlarged (at most by MAX_ENLARGE) until its smallest label is MIN_TEXT_PX (24 px for a
    figure drawn in projector style). It has at least two image pixels per CSS pixel (`dpi` is
    raised to that when needed), and course.css zooms it by `--hip-scale`, so in projector mode it
    is twice as wide and still sharp. A figure drawn in projector style is not zoomed again.

    `transparent=True` saves the PNG without its white ground (figure and axes), for figures drawn
    to read on light and dark themes alike (text in light boxes, lines with a light halo): the
    dark theme then shows no white box. In projector mode course.css fits every figure to the
    visible height.
    """

    figure: Figure
    alt: str
    caption: str
    dpi: int = 192  # two image pixels per CSS pixel (96 a CSS inch)
    projector: bool | None = None  # drawn in projector style? None: as the style is now
    transparent: bool = False

    def __post_init__(self):
        if self.projector is None:
            from hipcontent.figures.style import is_projector_style_on

            object.__setattr__(self, "projector", is_projector_style_on())
        if not isinstance(self.alt, str) or not self.alt.strip():
            raise ValueError("alt text must describe the figure for people who cannot see it")
        if isinstance(self.dpi, bool) or not isinstance(self.dpi, int) or not 50 <= self.dpi <= 600:
            raise ValueError(f"dpi must be a whole number from 50 to 600; got {self.dpi!r}")

    def smallest_text_pt(self) -> float | None:
        """The font size (points) of the smallest visible text in the figure; None without text."""
        from matplotlib.text import Text

        sizes = [t.get_fontsize() for t in self.figure.findobj(Text) if t.get_visible() and t.get_text().strip()]
        return min(sizes, default=None)

    def enlargement(self) -> float:
        """How much wider than its own size the figure is shown, so its smallest label is readable."""
        smallest = self.smallest_text_pt()
        if not smallest:
            return 1.0
        target = MIN_TEXT_PX * (2 if self.projector else 1)  # a projector figure is not zoomed by CSS
        return min(MAX_ENLARGE, max(1.0, target / (smallest * CSS_PX_PER_INCH / 72)))

    def css_width(self) -> int:
        """The width the figure is shown at, in CSS pixels (before the projector zoom; a projector-style
        figure's tight box may make the shown one a little different)."""
        return round(self.figure.get_figwidth() * CSS_PX_PER_INCH * self.enlargement())

    def render_dpi(self) -> int:
        """`dpi`, raised when needed to two image pixels per CSS pixel at the shown width."""
        return max(self.dpi, math.ceil(2 * CSS_PX_PER_INCH * self.enlargement()))

    def png_bytes(self) -> bytes:
        """The PNG; characters the font lacks are named in one warning (not one per glyph)."""
        from hipcontent.figures.text import glyphs_checked

        # Projector style makes labels larger than the figure was laid out for: a tight box keeps
        # the ones that would run off the edge (the picture is then a little larger); 0.1 in of
        # margin keeps whole the light boxes behind titles and labels (figures/theme.py), which pad
        # about 0.05 in beyond their text.
        tight = {"bbox_inches": "tight", "pad_inches": 0.1} if self.projector else {}
        buffer = io.BytesIO()
        with glyphs_checked(self.figure, f"Figure {self.caption[:60]!r}"):
            self.figure.savefig(buffer, format="png", dpi=self.render_dpi(), metadata={"Software": None},
                                transparent=self.transparent, **tight)
        return buffer.getvalue()

    def _repr_mimebundle_(self, include=None, exclude=None):
        png = self.png_bytes()
        encoded = base64.b64encode(png).decode("ascii")
        width_px = self.css_width()
        if self.projector:  # the tight box changed the size: the same CSS pixels per image pixel
            image_px = int.from_bytes(png[16:20], "big")  # the PNG header's width
            width_px = round(image_px / self.render_dpi() * CSS_PX_PER_INCH * self.enlargement())
        short, more = self.short_alt()
        # A long description is one click away (a disclosure right under the picture), so a screen
        # reader reads a one-sentence alt first instead of 900 characters in one block.
        described = (f'<details class="hip-description"><summary>The figure in words</summary>'
                     f"<p>{escape(self.alt)}</p></details>") if more else ""
        markup = (
            f'<figure class="hip-figure{" hip-figure-projector" if self.projector else ""}'
            f'{" hip-figure-transparent" if self.transparent else ""}" style="margin:0">'
            f'<img src="data:image/png;base64,{encoded}" alt="{escape(short)}" width="{width_px}" '
            f'style="max-width:100%;width:{width_px}px;height:auto">'
            f"<figcaption>{escape(self.caption)}</figcaption>{described}"
            "</figure>"
        )
        return {"text/html": course_html(markup), "text/plain": self.text}

    def short_alt(self) -> tuple[str, bool]:
        """(the alt text's first sentence, whether the full text says more). A long alt text is
        read as one block by a screen reader; the rest goes into the figure's description."""
        match = re.match(r"(.{40,}?[.;])\s+(?=[A-Z])", self.alt, re.S)
        if len(self.alt) <= SHORT_ALT or match is None:
            return self.alt, False
        return match.group(1).rstrip(";") + ("." if match.group(1).endswith(";") else ""), True

    @property
    def text(self) -> str:
        return f"Figure: {self.caption}\nDescription: {self.alt}"

    def __str__(self) -> str:
        return self.text

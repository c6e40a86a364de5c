"""A4 pages laid out top to bottom: wrapped paragraphs, headings, figures, columns, continuation pages.

`PageFlow` is what exercise cards and session handouts print with. Text keeps its size: when a
column or page is full, the flow moves to the next column, then to a continuation page (titled
"… (continued)"), instead of shrinking. Nothing is printed below `MIN_TEXT_PT`. Every string is
drawn with ``parse_math=False``, in one font whose widths the wrap measures.

A flow can also start in a part of a page another flow has already used (`top=`, `bottom=`,
`figure=`): two short cards share one A4 sheet that way.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from matplotlib.figure import Figure

from hipcontent.figures.text import FONT, PLAIN, TextMeasure, shared_measure

A4_PORTRAIT = (8.27, 11.69)  # inches
MARGIN = 0.5  # inches on every side (12.7 mm: inside what office printers can print)
FOOTER_ROOM = 0.15  # inches kept free above the bottom margin; the footer itself sits in the margin
FOOTER_FROM_BOTTOM = 0.3  # inches from the paper's edge to the footer's baseline
FOOTER_PT = 8
MIN_TEXT_PT = 8  # the smallest print on any page (footers, citations); body text is 9 pt or more
LINE_SPACING = 1.22  # a line's height, in multiples of its font size


@lru_cache(maxsize=8192)
def _wrapped(measure: TextMeasure, text: str, width_in: float, size: float, weight: str) -> tuple[str, ...]:
    """A paragraph's lines, remembered: trial layouts (sizes, balanced columns) wrap the same
    paragraphs at the same widths many times."""
    return tuple(measure.wrap(text, width_in, size, weight))


class PageFlow:
    """Lays wrapped text down A4 pages in one or more columns, starting a continuation page when
    the last column is full.

    title: repeated as "title (continued)" at the top of continuation pages.
    figure, top, bottom: start on this existing page between `top` and `bottom` (inches from the
    top of the page) instead of on a new page of its own; continuation pages are whole pages.
    columns_end: on the first page, columns end this far down (inches from the top of the page)
        instead of at `bottom`: a layout can balance its columns by searching for the least
        value at which everything still fits (see `balanced`).
    dry: lay out without drawing anything (pages are counted, nothing is printed): a quick
        trial of whether the text fits.
    """

    def __init__(self, title: str, measure: TextMeasure | None = None, *, figure: Figure | None = None,
                 top: float = MARGIN, bottom: float | None = None, columns_end: float | None = None,
                 dry: bool = False):
        self.title = title
        self.dry = dry
        self.columns_end = columns_end
        self.measure = measure or shared_measure(FONT)
        self.page_width_in = A4_PORTRAIT[0] - 2 * MARGIN
        self.pages: list[Figure] = []
        self.shared = figure is not None  # the first page belongs to someone else: no footer on it
        self._columns, self._gap, self._column = 1, 0.0, 0
        self._set_column(0)
        self._lowest = top
        if figure is None:
            self._new_page(first=True)
        else:
            self.pages.append(figure)
            self.fig = figure
        self.top = self.y = self._lowest = top
        self.bottom = A4_PORTRAIT[1] - MARGIN - FOOTER_ROOM if bottom is None else bottom

    # --- where the next line goes ----------------------------------------------------------------

    def _set_column(self, index: int) -> None:
        self._column = index
        self.width_in = (self.page_width_in - (self._columns - 1) * self._gap) / self._columns
        self.left_in = MARGIN + index * (self.width_in + self._gap)

    def _new_page(self, first=False):
        fig = None if self.dry else Figure(figsize=A4_PORTRAIT)
        self.pages.append(fig)
        self.fig = fig
        self.y = self.top = self._lowest = MARGIN
        self.bottom = A4_PORTRAIT[1] - MARGIN - FOOTER_ROOM
        if not first:
            columns, gap = self._columns, self._gap
            self.columns(1)
            room = self.width_in - self.measure.width(" (continued)", 11, "bold")
            self.text(self.measure.shorten(self.title, room, 11, "bold") + " (continued)",
                      size=11, weight="bold", gap_after=0.1)
            self.columns(columns, gap)

    def columns(self, count: int, gap: float = 0.3) -> None:
        """From here on, fill `count` columns side by side (`gap` inches apart), left one first,
        starting below everything printed so far; `columns(1)` goes back to the full width."""
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise ValueError(f"columns must be a whole number from 1; got {count!r}")
        self.y = max(self.y, self._lowest)
        self._columns, self._gap = count, (gap if count > 1 else 0.0)
        self.top = self._lowest = self.y
        self._set_column(0)

    def room(self) -> float:
        """Inches left in the current column above the footer."""
        return self.bottom - self.y

    def _column_bottom(self) -> float:
        if self.columns_end is not None and self._columns > 1 and len(self.pages) == 1:
            return min(self.bottom, self.columns_end)
        return self.bottom

    def need(self, inches):
        """Move to the next column (or start a new page) unless `inches` still fit in this one."""
        if self.y + inches <= self._column_bottom() + 1e-9:
            return
        self._lowest = max(self._lowest, self.y)
        if self._column + 1 < self._columns:
            self._set_column(self._column + 1)
            self.y = self.top
        else:
            self._set_column(0)
            self._new_page()

    def space(self, inches):
        self.y += inches

    # --- what is printed ----------------------------------------------------------------------------

    def _place(self, x_in, text, size, **kw):
        if self.dry:
            return
        w, h = A4_PORTRAIT
        where = f"column {self._column + 1} of {self._columns}" if self._columns > 1 else "full width"
        self.fig.text(x_in / w, 1 - self.y / h, text, fontsize=size, va="top", ha="left", family=FONT, gid=where,
                      **PLAIN, **kw)

    def _wrap(self, text, width_in, size, weight) -> tuple[str, ...]:
        return _wrapped(self.measure, str(text), round(width_in, 6), size, weight)

    def _hang_width(self, hanging, size, weight, hang_width):
        return max(hang_width, self.measure.width(hanging, size, weight) + 0.08) if hanging else 0.0

    def height(self, text, size=10, weight="normal", indent=0.0, hanging="", gap_after=0.04, hang_width=0.28,
               **_style) -> float:
        """Inches the paragraph `text(...)` would take in the current column (nothing is printed)."""
        avail_in = self.width_in - indent - self._hang_width(hanging, size, weight, hang_width)
        return len(self._wrap(text, avail_in, size, weight)) * size * LINE_SPACING / 72 + gap_after

    def text(self, text, size=10, weight="normal", indent=0.0, hanging="", gap_after=0.04, color="#000000",
             style="normal", hang_width=0.28, keep=1):
        """A paragraph, wrapped to the column width; `hanging` (e.g. '1.' or '-') sits in the indent
        (`hang_width` inches wide, or wider when `hanging` needs it). `keep` lines stay together
        at the top of a paragraph (a heading and its first line, say)."""
        if size < MIN_TEXT_PT:
            raise ValueError(f"text size must be at least {MIN_TEXT_PT} pt to be read on paper; got {size!r}")
        hang_w = self._hang_width(hanging, size, weight, hang_width)
        avail_in = self.width_in - indent - hang_w
        lines = self._wrap(text, avail_in, size, weight)
        step = size * LINE_SPACING / 72
        self.need(step * min(keep, len(lines)))
        for i, line in enumerate(lines):
            self.need(step)
            if i == 0 and hanging:
                self._place(self.left_in + indent, hanging, size, weight=weight, color=color, style=style)
            self._place(self.left_in + indent + hang_w, line, size, weight=weight, color=color, style=style)
            self.y += step
        self.y += gap_after

    def heading(self, text, size=12.5, before=0.08, after=0.06, keep_with=0.3):
        """A bold heading, never alone at the foot of a column: `keep_with` inches of what follows
        must fit below it."""
        lines = len(self._wrap(text, self.width_in, size, "bold"))
        self.need(before + lines * size * LINE_SPACING / 72 + after + keep_with)
        if self.y > self.top + 1e-9:
            self.space(before)
        self.text(text, size=size, weight="bold", gap_after=after)

    def figure(self, fig_factory: Callable[[Figure, tuple], None], height_in: float, width_in: float | None = None):
        """Let `fig_factory(figure, axes_box)` draw in a box `height_in` high and the column's width
        (or `width_in`, centred in the column)."""
        self.need(height_in)
        w, h = A4_PORTRAIT
        width = self.width_in if width_in is None else min(width_in, self.width_in)
        left = self.left_in + (self.width_in - width) / 2
        ax_box = (left / w, 1 - (self.y + height_in) / h, width / w, height_in / h)
        if not self.dry:
            fig_factory(self.fig, ax_box)
        self.y += height_in + 0.08

    def footer(self, text):
        """`text · page i of n` at the foot of every page of this flow, shortened with '…' to fit.
        Printed in a document, `number_pages` renumbers them over the whole document."""
        w, h = A4_PORTRAIT
        pages = self.pages[1:] if self.shared else self.pages
        for fig in pages:
            artist = fig.text(MARGIN / w, FOOTER_FROM_BOTTOM / h, "", fontsize=FOOTER_PT, color="#333333",
                              family=FONT, va="baseline", ha="left", **PLAIN)
            fig._hipcontent_footer = PageFooter(str(text), artist, self.measure, self.page_width_in)
        number_pages(pages)


class PageFooter:
    """A page's footer line: its text, and the page number it shows, set by `number_pages`."""

    def __init__(self, text, artist, measure, width_in):
        self.text, self.artist, self.measure, self.width_in = text, artist, measure, width_in

    def number(self, index: int, count: int) -> None:
        page = f" · page {index} of {count}"
        line = self.measure.shorten(self.text, self.width_in - self.measure.width(page, FOOTER_PT), FOOTER_PT)
        self.artist.set_text(line + page)


def number_pages(pages) -> None:
    """Number the footers of one document's pages in order: "page i of n" where n counts every
    page of the document (pages without a footer, such as pocket-card sheets, count but show none)."""
    pages = list(pages)
    for index, fig in enumerate(pages, 1):
        footer = getattr(fig, "_hipcontent_footer", None)
        if footer is not None:
            footer.number(index, len(pages))


def balanced(lay_out: Callable[..., PageFlow], top: float, bottom: float, step: float = 0.04) -> float | None:
    """The least `columns_end` (between `top` and `bottom`) at which `lay_out(columns_end=...,
    dry=True)` still fits one page: columns of even length. None when it needs every inch."""
    if len(lay_out(columns_end=None, dry=True).pages) > 1:
        return None
    low, high = top, bottom  # fits at `high`; assume it does not at `low`
    while high - low > step:
        middle = (low + high) / 2
        if len(lay_out(columns_end=middle, dry=True).pages) == 1:
            high = middle
        else:
            low = middle
    return high if high < bottom - step else None

"""A4 pages laid out top to bottom: wrapped paragraphs, headings, figures, continuation pages.

`PageFlow` is what exercise cards and session handouts print with. Text keeps its size: when a
page is full, the flow starts a continuation page (titled "… (continued)") instead of shrinking.
Every string is drawn with ``parse_math=False``, in one font whose widths the wrap measures.
"""

from __future__ import annotations

from collections.abc import Callable

from matplotlib.figure import Figure

from hipcontent.figures.text import FONT, PLAIN, TextMeasure, shared_measure

A4_PORTRAIT = (8.27, 11.69)  # inches
MARGIN = 0.7  # inches on every side
FOOTER_ROOM = 0.3  # inches kept free above the bottom margin for the footer


class PageFlow:
    """Lays wrapped text down A4 pages, starting a continuation page when one is full."""

    def __init__(self, title: str, measure: TextMeasure | None = None):
        self.title = title
        self.pages: list[Figure] = []
        self.width_in = A4_PORTRAIT[0] - 2 * MARGIN
        self.measure = measure or shared_measure(FONT)
        self._new_page(first=True)

    def _new_page(self, first=False):
        fig = Figure(figsize=A4_PORTRAIT)
        self.pages.append(fig)
        self.fig = fig
        self.y = MARGIN  # inches from the top
        if not first:
            room = self.width_in - self.measure.width(" (continued)", 11, "bold")
            self.text(self.measure.shorten(self.title, room, 11, "bold") + " (continued)",
                      size=11, weight="bold", gap_after=0.1)

    def _place(self, x_in, text, size, **kw):
        w, h = A4_PORTRAIT
        self.fig.text(x_in / w, 1 - self.y / h, text, fontsize=size, va="top", ha="left", family=FONT, **PLAIN, **kw)

    def space(self, inches):
        self.y += inches

    def need(self, inches):
        """Start a new page unless `inches` still fit above the footer."""
        if self.y + inches > A4_PORTRAIT[1] - MARGIN - FOOTER_ROOM:
            self._new_page()

    def text(self, text, size=10, weight="normal", indent=0.0, hanging="", gap_after=0.04, color="#000000",
             style="normal", hang_width=0.28):
        """A paragraph, wrapped to the page width; `hanging` (e.g. '1.' or '-') sits in the indent
        (`hang_width` inches wide, or wider when `hanging` needs it)."""
        hang_w = max(hang_width, self.measure.width(hanging, size, weight) + 0.08) if hanging else 0.0
        avail_in = self.width_in - indent - hang_w
        lines = self.measure.wrap(text, avail_in, size, weight)
        step = size * 1.32 / 72
        for i, line in enumerate(lines):
            self.need(step)
            if i == 0 and hanging:
                self._place(MARGIN + indent, hanging, size, weight=weight, color=color, style=style)
            self._place(MARGIN + indent + hang_w, line, size, weight=weight, color=color, style=style)
            self.y += step
        self.y += gap_after

    def heading(self, text, size=12.5):
        self.need(0.55)  # never leave a heading alone at the bottom of a page
        self.space(0.08)
        self.text(text, size=size, weight="bold", gap_after=0.06)

    def figure(self, fig_factory: Callable[[Figure, tuple], None], height_in: float):
        """Let `fig_factory(figure, axes_box)` draw in a box of the page width and `height_in`."""
        self.need(height_in)
        w, h = A4_PORTRAIT
        ax_box = (MARGIN / w, 1 - (self.y + height_in) / h, self.width_in / w, height_in / h)
        fig_factory(self.fig, ax_box)
        self.y += height_in + 0.1

    def footer(self, text):
        """`text · page i of n` at the foot of every page, shortened with '…' to fit the width."""
        w, h = A4_PORTRAIT
        n = len(self.pages)
        for i, fig in enumerate(self.pages, 1):
            page = f" · page {i} of {n}"
            line = self.measure.shorten(text, self.width_in - self.measure.width(page, 7.5), 7.5)
            fig.text(MARGIN / w, MARGIN / 2 / h, line + page, fontsize=7.5, color="#333333",
                     family=FONT, va="bottom", ha="left", **PLAIN)

"""Text on figures and printed pages: measured widths, word wrap, and glyphs the font lacks.

Every string that comes from data or from a coach is drawn with ``parse_math=False`` (a ``$`` is
a dollar sign, never the start of a formula): use `PLAIN` as the keyword arguments.

`TextMeasure.wrap` splits text into lines that fit a width, measuring each word once with the
font's own metrics; a word longer than a line is cut by summing its letters' widths, so a
20,000-letter word costs one pass, not one measurement per letter per line.

`glyphs_checked(figures, where)` is the context to save figures in: matplotlib's one warning per
missing glyph is silenced, and one `MissingGlyphWarning` names every character the font lacks.
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import unicodedata
import warnings
from collections.abc import Iterable, Iterator
from functools import lru_cache

from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.ft2font import FT2Font
from matplotlib.text import Text

FONT = "DejaVu Sans"  # ships with matplotlib: the same glyphs (and widths) everywhere
PLAIN = {"parse_math": False}  # keyword arguments for every text that is not ours
MATPLOTLIB_GLYPH_WARNING = r"Glyph \d+ .*missing from font"  # matplotlib warns once per glyph per draw


class MissingGlyphWarning(UserWarning):
    """Some characters have no glyph in the font: they print as empty boxes."""


class TextMeasure:
    """Widths of text in inches at a size and weight, memoised (each measurement costs ~1 ms)."""

    def __init__(self, family: str = FONT, slack: float = 0.97):
        self.family = family
        self.slack = slack  # keep 3% in hand: widths vary a little with hinting
        self._renderer = RendererAgg(10, 10, 100)  # only measures text
        self._widths: dict[tuple, float] = {}

    MAX_REMEMBERED = 50_000  # widths kept between calls; forgotten all at once past this

    def width(self, text: str, size: float, weight: str = "normal") -> float:
        key = (text, size, weight)
        if key not in self._widths:
            if len(self._widths) >= self.MAX_REMEMBERED:
                self._widths.clear()
            prop = FontProperties(family=self.family, size=size, weight=weight)
            with warnings.catch_warnings():  # missing glyphs are reported once, when the pages are saved
                warnings.filterwarnings("ignore", message=MATPLOTLIB_GLYPH_WARNING, category=UserWarning)
                width, _height, _descent = self._renderer.get_text_width_height_descent(text, prop, ismath=False)
            self._widths[key] = width / 100 / self.slack
        return self._widths[key]

    def _letter_edges(self, word: str, size: float, weight: str) -> list[float]:
        """Running width after each letter (letters measured one by one: linear in the word)."""
        return list(itertools.accumulate(self.width(letter, size, weight) for letter in word))

    def cut(self, text: str, width_in: float, size: float, weight: str = "normal") -> list[str]:
        """`text` (one word) cut into pieces that each fit `width_in`; at least one letter a piece."""
        edges, pieces, start, offset = self._letter_edges(text, size, weight), [], 0, 0.0
        while start < len(text):
            end = bisect.bisect_right(edges, offset + width_in, lo=start)
            end = max(end, start + 1)
            pieces.append(text[start:end])
            offset, start = edges[end - 1], end
        return pieces

    def wrap(self, text: str, width_in: float, size: float, weight: str = "normal") -> list[str]:
        """Greedy word wrap by measured width; words longer than a line are cut.

        A line's width is the sum of its words and spaces, each measured once.
        """
        space = self.width("x x", size, weight) - self.width("xx", size, weight)
        lines, line, line_width = [], "", 0.0
        for word in str(text).split():
            word_width = self.width(word, size, weight)
            if word_width > width_in:  # a very long word: its own lines, cut by letter widths
                pieces = self.cut(word, width_in, size, weight)
                if line:
                    lines.append(line)
                lines.extend(pieces[:-1])
                word = pieces[-1]
                word_width = self.width(word, size, weight)
                line = ""
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

    def shorten(self, text: str, width_in: float, size: float, weight: str = "normal") -> str:
        """`text` cut with '…' to fit `width_in` (one bisection over letter widths: linear)."""
        if self.width(text, size, weight) <= width_in:
            return text
        room = width_in - self.width("…", size, weight)
        edges = self._letter_edges(text, size, weight)
        return text[: bisect.bisect_right(edges, room)].rstrip() + "…"


@lru_cache(maxsize=4)
def shared_measure(family: str = FONT) -> TextMeasure:
    """One TextMeasure per font for the whole process, so cards printed again reuse their widths."""
    return TextMeasure(family)


# --- glyphs the font lacks ----------------------------------------------------------------------


@lru_cache(maxsize=16)
def _charmap(path: str) -> frozenset[int]:
    return frozenset(FT2Font(path).get_charmap())


def _font_codes(prop: FontProperties) -> frozenset[int]:
    return _charmap(findfont(prop))


def missing_glyphs(figures: Figure | Iterable[Figure]) -> dict[str, set[str]]:
    """{font file name: characters drawn in that font that it has no glyph for} over every Text."""
    if isinstance(figures, Figure):
        figures = [figures]
    missing: dict[str, set[str]] = {}
    for figure in figures:
        for text in figure.findobj(Text):
            content = text.get_text()
            if not content or content.isascii():
                continue
            codes = _font_codes(text.get_fontproperties())
            lacking = {char for char in content if ord(char) not in codes and not char.isspace()}
            if lacking:
                name = findfont(text.get_fontproperties()).rsplit("/", 1)[-1]
                missing.setdefault(name, set()).update(lacking)
    return missing


def _describe(char: str) -> str:
    return f"{char!r} (U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')})"


@contextlib.contextmanager
def glyphs_checked(figures: Figure | Iterable[Figure], where: str) -> Iterator[None]:
    """Draw or save `figures` inside this: one clear warning for characters the font lacks
    (naming them), instead of matplotlib's warning per glyph."""
    figures = [figures] if isinstance(figures, Figure) else list(figures)
    missing = missing_glyphs(figures)
    if missing:
        chars = sorted(set().union(*missing.values()))
        shown = ", ".join(_describe(char) for char in chars[:12]) + (f" and {len(chars) - 12} more" if len(chars) > 12 else "")
        warnings.warn(
            f"{where}: the font ({', '.join(sorted(missing))}) has no glyph for {shown}; "
            "they print as empty boxes: write them as words instead",
            MissingGlyphWarning,
            stacklevel=3,
        )
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=MATPLOTLIB_GLYPH_WARNING, category=UserWarning)
        yield

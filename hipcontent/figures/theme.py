"""Figures that read on JupyterLab's light and dark themes alike: no white box in the dark theme.

A notebook cannot know which theme will show a stored PNG (and JupyterLab removes the course's
`<style>` from an untrusted notebook), so a course figure carries no ground of its own and is
drawn to read on white and on a dark page alike, the way the anatomy views are
(hipcontent.figures.diagrams): the figure and axes grounds are transparent, every text sits in a
light box, dark lines and outlines get a light halo, and axis lines and ticks are a middle grey
that keeps at least 3:1 contrast on white and on JupyterLab's dark ground (#111111).

    theme_safe(figure) -> figure     call it last, when the figure is complete

The figure's own face is then transparent, so `savefig` writes a transparent PNG whatever the
caller passes (AccessibleFigure, the quiz, a handout): nothing else needs to change.
"""

from __future__ import annotations

import warnings

from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure, SubFigure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Arc, FancyArrowPatch
from matplotlib.text import Annotation, Text

from hipcontent.figures.text import MATPLOTLIB_GLYPH_WARNING

CLEAR = (1.0, 1.0, 1.0, 0.0)  # no ground: the page shows through
# The light box behind every text: 95 % white over a dark page is #F3F3F3, so the course's darkest
# text colours and Okabe-Ito blue (#0072B2, 4.6:1 there) stay above 4.5:1.
TEXT_BOX = {"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.95}
# Axis lines and ticks: #808080 is 3.9:1 on white and 4.8:1 on #111111 (WCAG 1.4.11 asks 3:1).
AXIS_GREY = "#808080"
GRID = (0.5, 0.5, 0.5, 0.2)  # 0.9 grey on white (matplotlib's usual grid), dark grey on a dark page
SHADE = (0.5, 0.5, 0.5, 0.25)  # a shaded band: 0.88 grey on white, dark grey on a dark page
HALO = "white"
SPARE_TICKS = 2  # ticks boxed beyond those the axes show now, should the layout add one
# A line under this relative luminance has less than 3:1 contrast on JupyterLab's dark ground
# (#111111, luminance 0.0056): (0.117 + 0.05) / (0.0056 + 0.05) = 3. Such lines get a halo.
DARK = 0.117


def luminance(colour) -> float:
    """WCAG relative luminance of a colour (alpha ignored)."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b, _ = to_rgba(colour)
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _is_dark(colour) -> bool:
    """Dark and solid enough to draw: faint lines (grids, alpha under 0.5) are left alone."""
    rgba = to_rgba(colour)
    return rgba[3] >= 0.5 and luminance(rgba) < DARK


def contrast(a, b) -> float:
    """WCAG contrast ratio of two colours (alpha ignored)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _box_on_dark(box) -> tuple:
    """A text box's colour as it shows over JupyterLab's dark ground (sRGB blend, as a browser does)."""
    r, g, b, a = box.get_facecolor()
    return tuple(a * c + (1 - a) * 17 / 255 for c in (r, g, b))


def readable(colour, ground, ratio: float = 4.5):
    """`colour`, darkened in its own hue until it has `ratio` contrast on `ground` (vermillion
    #D55E00 is 3.9:1 on white: as text it becomes a darker vermillion; lines keep their colour)."""
    r, g, b, a = to_rgba(colour)
    for step in range(21):
        factor = 1 - step / 20
        candidate = (r * factor, g * factor, b * factor, a)
        if contrast(candidate, ground) >= ratio:
            return candidate
    return (0.0, 0.0, 0.0, a)


def _in_legend(text: Text, legends: list[Legend]) -> bool:
    return any(text in legend.texts or text is legend.get_title() for legend in legends)


def _halo_width(artist) -> float:
    return float(artist.get_linewidth()) + 2.4


def theme_safe(figure: Figure) -> Figure:
    """Make a finished figure read on light and dark pages (see the module docstring); returns it.

    Tick labels are boxed too: the figure is laid out (if it has a layout engine) and the ticks the
    axes will draw are made now, so call this when the limits and ticks are set; two spare ticks are
    boxed as well. The figure's artists
    are walked once (each walk asks every axis for its ticks, which is most of the cost).
    """
    engine = figure.get_layout_engine()
    if engine is not None:  # lay out now: the ticks the axes will draw depend on their final size
        with warnings.catch_warnings():  # missing glyphs are reported once, when the figure is saved
            warnings.filterwarnings("ignore", message=MATPLOTLIB_GLYPH_WARNING, category=UserWarning)
            engine.execute(figure)
    everything = figure.findobj()
    for face in [figure, *(a for a in everything if isinstance(a, SubFigure))]:
        face.patch.set_facecolor(CLEAR)
    legends = [a for a in everything if isinstance(a, Legend)]
    for legend in legends:
        legend.set_frame_on(True)
        frame = legend.get_frame()
        frame.set_facecolor("white")
        frame.set_edgecolor("none")
        frame.set_alpha(TEXT_BOX["alpha"])
    for ax in (a for a in everything if isinstance(a, Axes)):
        ax.patch.set_facecolor(CLEAR)
        if not ax.axison:
            continue
        for spine in ax.spines.values():
            spine.set_edgecolor(AXIS_GREY)
        ax.tick_params(which="both", color=AXIS_GREY)
        for axis in (ax.xaxis, ax.yaxis):
            ticks = axis.get_major_ticks(len(axis.get_majorticklocs()) + SPARE_TICKS)
            for tick in ticks:
                tick.label1.set_bbox(dict(TEXT_BOX))
                tick.label2.set_bbox(dict(TEXT_BOX))
                if tick.gridline.get_visible():
                    tick.gridline.set_color(GRID)
    for text in (a for a in everything if isinstance(a, Text)):
        if not text.get_text().strip():
            continue
        if text.get_bbox_patch() is None and not _in_legend(text, legends):
            text.set_bbox(dict(TEXT_BOX))
        box = text.get_bbox_patch()
        if box is not None:
            text.set_color(readable(text.get_color(), _box_on_dark(box)))
    for legend in legends:
        for text in legend.texts:
            text.set_color(readable(text.get_color(), _box_on_dark(legend.get_frame())))
    for line in (a for a in everything if isinstance(a, Line2D)):
        if line.get_visible() and not line.get_path_effects() and line.get_alpha() != 0 and (
                _is_dark(line.get_color()) or _is_dark(line.get_markeredgecolor())):
            line.set_path_effects([patheffects.withStroke(linewidth=_halo_width(line), foreground=HALO)])
    arrows = [a.arrow_patch for a in everything if isinstance(a, Annotation) and a.arrow_patch is not None]
    for patch in [*(a for a in everything if isinstance(a, (Arc, FancyArrowPatch))), *arrows]:
        if not patch.get_path_effects() and _is_dark(patch.get_edgecolor()):
            patch.set_path_effects([patheffects.withStroke(linewidth=_halo_width(patch), foreground=HALO)])
    figure.theme_safe = True  # for tests and for callers that check
    return figure

"""Course figures follow JupyterLab's dark theme: no opaque ground, text readable on light and dark.

The PNGs are checked as the notebook shows them (AccessibleFigure.png_bytes, with whatever flag the
caller passes), composited on white and on JupyterLab's dark ground #111111; and the figure's
artists are checked for what makes them readable there (light text boxes, halos on dark lines).
The explorer draws in the browser on the page's own colours (tests/browser/test_explorer_browser.py).
"""

import io

import numpy as np
import pytest
from matplotlib.colors import to_rgba
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.text import Annotation, Text
from PIL import Image

from hipcontent.figures import function, quiz_diagrams, testing_figures, theme
from hipcontent.figures.poses import show_position
from hipcontent.figures.timeline import timeline_figure
from hipcontent.views.display import AccessibleFigure



def _plan():
    from hipcontent import plan_session

    return plan_session(["supine-toe-tap", ("psoas-march", "standard")], rest_between=60)


FIGURES = {
    "curves": lambda: function.curves_figure(),
    "seated test": lambda: testing_figures.seated_hip_flexion_test(110),
    "Kendall test": lambda: testing_figures.kendall_iliopsoas_test(30),
    "Thomas test": lambda: testing_figures.thomas_test(15),
    "flat Thomas test": lambda: testing_figures.thomas_test(0),
    "modified Thomas test": lambda: testing_figures.modified_thomas_test(-10, 80),
    "timeline": lambda: timeline_figure(_plan()),
    "quiz label diagram": lambda: quiz_diagrams.front_view_schematic("iliacus"),
    "exercise position": lambda: show_position("psoas-march").figure,
}


def _contrast(a, b) -> float:
    high, low = sorted((theme.luminance(a), theme.luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _over(colour, ground) -> tuple:
    """An RGBA colour composited over an opaque ground (sRGB values, as a browser blends)."""
    r, g, b, a = to_rgba(colour)
    ground = to_rgba(ground)
    return tuple(a * c + (1 - a) * d for c, d in zip((r, g, b), ground[:3])) + (1.0,)


def _png(figure) -> np.ndarray:
    # As the quiz shows it: no transparent=True passed; the figure itself has no ground.
    png = AccessibleFigure(figure, alt="a figure", caption="caption", dpi=60).png_bytes()
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


@pytest.mark.parametrize("name", FIGURES)
def test_the_png_has_no_opaque_white_ground(name):
    pixels = _png(FIGURES[name]())
    corners = pixels[[0, 0, -1, -1], [0, -1, 0, -1], 3]
    assert (corners == 0).all(), f"{name}: the corners are opaque, a box in the dark theme"
    opaque_white = ((pixels[..., 3] > 250) & (pixels[..., :3].min(axis=2) > 245)).mean()
    # Light text boxes, white table blocks and the head circle are allowed; a white ground is not.
    assert opaque_white < 0.25, f"{name}: {opaque_white:.0%} of the picture is opaque white"
    assert (pixels[..., 3] == 0).mean() > 0.2


@pytest.mark.parametrize("name", FIGURES)
def test_every_text_sits_on_a_light_box_it_contrasts_with_on_a_dark_page(name):
    figure = FIGURES[name]()
    _png(figure)  # draw it, so the tick labels that are shown exist
    legends = figure.findobj(Legend)
    checked = 0
    for text in figure.findobj(Text):
        if not (text.get_visible() and text.get_text().strip()):
            continue
        legend = next((lg for lg in legends if text in lg.texts), None)
        if legend is not None:
            box = legend.get_frame()
            assert legend.get_frame_on(), f"{name}: legend text {text.get_text()!r} without a frame"
        else:
            box = text.get_bbox_patch()
            assert box is not None, f"{name}: {text.get_text()!r} has no light box: unreadable on a dark page"
        ground = _over(box.get_facecolor(), "#111111")
        ratio = _contrast(text.get_color(), ground)
        assert ratio >= 4.5, f"{name}: {text.get_text()!r} is {ratio:.1f}:1 on its box over a dark page"
        checked += 1
    assert checked >= 1 or name == "exercise position"  # a drawing with no words is fine


@pytest.mark.parametrize("name", FIGURES)
def test_dark_lines_have_a_light_halo(name):
    figure = FIGURES[name]()
    for line in figure.findobj(Line2D):
        colour = to_rgba(line.get_color())
        if not line.get_visible() or line.get_alpha() == 0 or colour[3] < 0.5 or not len(line.get_xdata()):
            continue
        if _contrast(colour, "#111111") < 3:
            assert line.get_path_effects(), f"{name}: a dark line ({line.get_gid()}) vanishes on a dark page"
    for text in figure.findobj(Annotation):  # leader lines (an annotation's arrow is not its child)
        arrow = text.arrow_patch
        if arrow is not None and _contrast(arrow.get_edgecolor(), "#111111") < 3:
            assert arrow.get_path_effects(), f"{name}: the leader of {text.get_text()!r} vanishes on a dark page"


def test_the_quiz_diagram_credit_line_reads_on_a_dark_page():
    """Last session's transparent quiz diagram had a black credit line on the dark page."""
    figure = quiz_diagrams.front_view_schematic("lesser_trochanter")
    source = next(t for t in figure.texts if "MyoSuite" in t.get_text())
    box = source.get_bbox_patch()
    assert box is not None and _contrast(source.get_color(), _over(box.get_facecolor(), "#111111")) >= 7
    pixels = _png(figure)
    dark = np.zeros_like(pixels[..., :3], dtype=float) + 17
    alpha = pixels[..., 3:4] / 255
    shown = pixels[..., :3] * alpha + dark * (1 - alpha)
    bottom = shown[-int(0.04 * len(shown)):]  # the credit line's strip: a light box with dark text
    assert bottom.max() > 230 and bottom.min() < 60


def test_theme_safe_boxes_ticks_the_layout_adds_later():
    figure = function.curves_figure()
    axis = figure.axes[1].yaxis
    spare = axis.get_major_ticks(len(axis.get_majorticklocs()) + 2)
    assert all(tick.label1.get_bbox_patch() is not None for tick in spare)


# --------------------------------------------------------------------------- the explorer


def test_the_explorer_panel_keeps_every_bone_and_pose_inside_it():
    from hipcontent.figures import meshes
    from hipcontent.model import bones
    from hipcontent.model import paths as model

    left, right = function.EXPLORER_XLIM
    bottom = function.EXPLORER_YLIM[0]
    pelvis = meshes.triangles(bones.PELVIS_MESHES).reshape(-1, 3)
    assert pelvis[:, 0].min() > left and pelvis[:, 0].max() < right
    femur = bones.mesh("r_femur").vertices
    for flexion in range(-30, 121, 15):
        for adduction in (-30, 30):
            for rotation in (-30, 30):
                points = femur @ model.femur_rotation(flexion, adduction, rotation).T
                shown = points[points[:, 1] >= bottom]
                assert shown[:, 0].min() > left, f"femur cut off behind at {flexion}/{adduction}/{rotation}"


def _drawn_tick_labels_are_boxed(figure):
    for ax in figure.axes:
        if not ax.axison:
            continue
        for label in [*ax.get_xticklabels(), *ax.get_yticklabels()]:
            if label.get_visible() and label.get_text().strip():
                assert label.get_bbox_patch() is not None, f"tick label {label.get_text()!r} has no light box"


@pytest.mark.parametrize("name", ["curves", "timeline", "modified Thomas test", "quiz label diagram"])
def test_projector_style_keeps_the_ground_transparent(name):
    from hipcontent.figures.style import projector_style

    with projector_style():
        figure = FIGURES[name]()
        png = AccessibleFigure(figure, alt="a figure", caption="caption", dpi=60).png_bytes()
    _drawn_tick_labels_are_boxed(figure)  # the larger projector text changes how many ticks fit
    alpha = np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))[..., 3]
    # The tight crop of projector mode may cut through a text's light box at the edge; the rest of
    # the border is the page (a white ground would make it all opaque).
    border = np.concatenate([alpha[0], alpha[-1], alpha[:, 0], alpha[:, -1]])
    assert (border == 0).mean() > 0.3 and (alpha == 0).mean() > 0.3


def test_the_quiz_diagram_text_is_at_least_12_css_px_at_the_quizs_420_px():
    """quiz.css shows the diagram at most 420 CSS px wide: its smallest text must stay readable there
    (a 6-inch drawing shrunk to 420 px showed its credit line at 8 px)."""
    figure = quiz_diagrams.front_view_schematic("iliacus")
    shown = min(420.0, figure.get_figwidth() * 96)
    scale = shown / (figure.get_figwidth() * 96)
    smallest = min(t.get_fontsize() for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip())
    assert smallest * 96 / 72 * scale >= 12

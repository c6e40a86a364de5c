"""The projector switch: kernel side (the browser side is tests/browser/test_projector_browser.py)."""

import re

import matplotlib
import pytest
from matplotlib.figure import Figure

import hipcontent
from hipcontent.figures.style import PROJECTOR_RC, is_projector_style_on, use_projector_style
from hipcontent.views.display import AccessibleFigure, course_css
from hipcontent.widgets.projector import PROJECTOR_SCALE, STATIC, ProjectorSwitch, projector


@pytest.fixture(autouse=True)
def _style_off():
    use_projector_style(False)
    yield
    use_projector_style(False)


def test_projector_is_a_public_name():
    assert hipcontent.projector is projector and "projector" in hipcontent.__all__


def test_the_switch_carries_the_course_stylesheet_and_the_scale():
    switch = projector()
    assert switch.css == course_css() and switch.scale == PROJECTOR_SCALE == 2.0
    assert switch.on is False and switch.requested is False


def test_by_default_the_browser_decides_and_the_kernel_style_is_left_alone():
    use_projector_style(True)
    projector()
    assert is_projector_style_on()  # a coach's own use_projector_style() is not undone by showing the switch


def test_the_browser_choice_switches_the_figure_style():
    switch = projector()
    switch.on = True  # what the browser sends when the button is pressed (or remembered)
    assert is_projector_style_on() and matplotlib.rcParams["font.size"] == PROJECTOR_RC["font.size"]
    switch.on = False
    assert not is_projector_style_on()


def test_from_code_the_choice_is_explicit():
    switch = projector(on=True)
    assert switch.on and switch.requested and is_projector_style_on()
    with pytest.raises(ValueError, match="True, False or None"):
        projector(on="yes")


def test_plain_text_is_one_line_that_says_how_to_bring_it_to_life():
    """What an unrun, untrusted lesson shows in its place (JupyterLab draws widgets only for trusted
    outputs), so it says what to do, in one line."""
    bundle = ProjectorSwitch()._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert data["text/plain"] == ("▶ The projector switch (course text and figures twice as large) needs Python: "
                                  "click this cell and press Shift+Enter (or Run ▸ Run All Cells).")
    assert "application/vnd.jupyter.widget-view+json" in data
    assert repr(ProjectorSwitch()).startswith("Projector switch (off): press it")


def test_front_end_sets_the_scale_remembers_and_tells_the_kernel():
    js = (STATIC / "projector.js").read_text(encoding="utf-8")
    assert 'setProperty("--hip-scale"' in js and "localStorage" in js and 'model.set("on"' in js
    assert 'aria-pressed' in js and 'role", "status"' in js


def test_figures_drawn_in_projector_style_are_not_zoomed_twice():
    figure = Figure(figsize=(4, 3))
    figure.add_subplot().plot([0, 1])
    assert 'class="hip-figure"' in AccessibleFigure(figure, "a", "b")._repr_mimebundle_()["text/html"]
    use_projector_style(True)
    shown = AccessibleFigure(figure, "a", "b")
    assert shown.projector and 'class="hip-figure hip-figure-projector"' in shown._repr_mimebundle_()["text/html"]
    assert re.search(r"figure\.hip-figure-projector img\{zoom: 1", course_css())


def test_projector_figures_keep_labels_that_run_off_the_edge():
    figure = Figure(figsize=(4, 3))
    figure.add_subplot().text(0.95, 0.5, "a label that runs off the right edge", transform=figure.axes[0].transAxes)
    use_projector_style(True)
    shown = AccessibleFigure(figure, "a", "b")
    png = shown.png_bytes()
    assert int.from_bytes(png[16:20], "big") > 4 * shown.render_dpi()  # wider than the 4 in canvas
    html = shown._repr_mimebundle_()["text/html"]
    width = int(re.search(r'width="(\d+)"', html)[1])
    assert width > shown.css_width()

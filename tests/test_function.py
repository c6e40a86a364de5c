"""hipcontent.figures.function: the lesson's curves, side view, hip-angle explorer and lunge-stretch numbers."""


import matplotlib
import numpy as np
import pytest
from matplotlib.figure import Figure

from hipcontent.figures import function
from hipcontent.model import paths as model
from hipcontent.views import model_tables
from hipcontent.views.display import AccessibleFigure, HTMLBlock

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_curves_follow_the_model_and_name_each_muscle():
    figure = function.curves_figure()
    assert isinstance(figure, Figure)
    length_axes, _arm_axes = figure.axes
    lines = [line for line in length_axes.get_lines() if line.get_label() != "_nolegend_" and len(line.get_xdata()) > 10]
    assert len(lines) == 2
    flexion = np.asarray(lines[0].get_xdata())
    assert flexion[0] == -30 and flexion[-1] == 120
    expected = model.path_length("psoas", flexion) * 1000
    unmasked = ~np.ma.getmaskarray(lines[0].get_ydata())
    assert np.allclose(np.ma.getdata(lines[0].get_ydata())[unmasked], expected[unmasked])
    texts = {t.get_text() for axes in figure.axes for t in axes.texts}
    assert {"psoas major", "iliacus", "model\nunreliable", "femoral-head\npoint drops out"} <= texts
    # The unreliable zone starts at 70 degrees, where the model's trend departs from the cadaver data.
    (span,) = figure.axes[1].patches
    assert span.get_x() == pytest.approx(70.0)


def test_curves_break_at_the_brim_switch_instead_of_drawing_a_false_slope():
    figure = function.curves_figure()
    line = figure.axes[0].get_lines()[0]
    flexion = np.asarray(line.get_xdata())
    masked = np.ma.getmaskarray(line.get_ydata())
    assert masked[np.argmin(np.abs(flexion - 45))] and not masked[np.argmin(np.abs(flexion - 40))]


def test_line_widths_follow_rcparams_so_the_projector_style_thickens_them():
    with matplotlib.rc_context({"lines.linewidth": 4.0}):
        thick = function.curves_figure().axes[0].get_lines()[0].get_linewidth()
    thin = function.curves_figure().axes[0].get_lines()[0].get_linewidth()
    assert thick == pytest.approx(4.0) and thick > thin


def test_show_curves_has_caption_and_alt_text_naming_the_artefact():
    shown = function.show_flexion_curves()
    assert isinstance(shown, AccessibleFigure)
    assert "unreliable" in shown.alt and "Delp" in shown.caption
    assert "99 degrees" in shown.alt and "102 degrees" in shown.alt  # where the moment arms cross zero
    assert "70 degrees" in shown.alt and "extend the hip" in shown.alt
    side = function.show_side_view(20)
    assert "psoas major 246.8 mm long" in side.alt and "Delp" in side.caption


def test_side_view_reuses_the_anatomy_drawing_with_model_moved_femur_points():
    figure = function.side_view_figure(flexion=60.0, adduction=10.0)
    axes = figure.axes[0]
    gids = {artist.get_gid() for artist in [*axes.patches, *axes.lines, *axes.collections]}
    assert {"bone:skeleton", "muscle:psoas_major:belly"} <= gids  # drawn by hipcontent.figures.diagrams
    crosses = next(line for line in axes.lines if line.get_gid() == "model:psoas_major")
    insertion = model.path_points("psoas", 60.0, 10.0)[-1]
    assert np.allclose([crosses.get_xdata()[-1], crosses.get_ydata()[-1]], insertion[:2])


def test_side_view_drops_the_line_of_pull_where_the_model_pull_would_extend_the_hip():
    gids = lambda figure: {line.get_gid() for line in figure.axes[0].lines}
    assert "line_of_action" in gids(function.side_view_figure(60.0))
    assert "line_of_action" not in gids(function.side_view_figure(110.0))
    deep = function.show_side_view(110)
    assert "would extend the hip" in deep.caption and "-30.4 mm (negative" in deep.alt


def test_deep_flexion_rows_show_which_point_drops_out_and_where_the_sign_flips():
    rows = {row["flexion_deg"]: row for row in model_tables.deep_flexion_rows()}
    assert "femoral head" in rows[45.0]["points"] and "femoral head" not in rows[46.0]["points"]
    assert all("brim" in row["points"] for row in rows.values())  # the brim point never drops out
    assert rows[99.0]["psoas_arm_mm"] > 0 > rows[100.0]["psoas_arm_mm"]
    # The lesson's "falls by about 38 % between 60 and 90 degrees" (cadavers: rising after 50 degrees).
    at60, at90 = (model.moment_arm("psoas", "flexion", angle) for angle in (60.0, 90.0))
    assert (at60 - at90) / at60 == pytest.approx(0.38, abs=0.01)
    assert function.TRUSTED_FLEXION_DEG == (-30.0, 70.0)
    assert rows[102.0]["iliacus_arm_mm"] > 0 > rows[110.0]["iliacus_arm_mm"]
    # At 110 degrees the path is still in front of the hip centre; a straight line would still flex.
    assert rows[110.0]["femur_point_front_mm"] == pytest.approx(47, abs=1)
    assert rows[110.0]["straight_line_arm_mm"] > 40
    # The femur point has risen above the brim point once the sign has flipped.
    assert rows[110.0]["femur_point_above_mm"] > rows[110.0]["brim_above_mm"]
    table = model_tables.deep_flexion_table()
    assert table.html.count("<tr>") == len(model_tables.DEEP_FLEXION_DEG) + 1 and "−30.4" not in table.text
    assert "-30.4 mm" in table.text and "+42.6 mm" in table.text


def test_the_explorer_style_says_how_the_browser_draws_the_sign_and_each_muscle():
    style = function.explorer_style()
    assert style["lever"]["positive"]["color"] == function.POSITIVE_LEVER["color"]
    assert style["lever"]["positive"]["dashes"] == []  # solid: flexes the hip
    assert style["lever"]["negative"]["color"] == function.NEGATIVE_LEVER["color"]
    assert style["lever"]["negative"]["dashes"] == [3.0, 1.5]  # dashed: colour is not the only cue
    assert "would extend it" in style["lever"]["negative"]["label"]
    assert {name: (s["color"], s["marker"], bool(s["dashes"])) for name, s in style["muscles"].items()} == {
        "psoas": (function.STYLES["psoas"]["color"], "circle", False),
        "iliacus": (function.STYLES["iliacus"]["color"], "square", True)}
    assert style["trusted_flexion_deg"] == function.TRUSTED_FLEXION_DEG[1] == 70.0
    assert style["side_xlim"] == list(function.EXPLORER_XLIM)


def test_lunge_lengthening_matches_the_model():
    change = model_tables.hip_extension_lengthening("psoas", -20.0)
    expected = (model.path_length("psoas", -20.0) - model.path_length("psoas", 0.0)) * 1000
    assert change.change_mm == pytest.approx(expected)
    assert change.change_percent == pytest.approx(100 * expected / (model.path_length("psoas", 0.0) * 1000))
    assert 5 < change.change_mm < 20  # hip extension lengthens the path by about a centimetre


def test_lunge_lengthening_refuses_flexion():
    with pytest.raises(ValueError, match="to_deg .* must be below from_deg"):
        model_tables.hip_extension_lengthening("iliacus", to_deg=10.0)


def test_stretch_table_text_and_html_agree():
    table = model_tables.lunge_stretch_table(angles=(-10.0, -20.0))
    assert isinstance(table, HTMLBlock)
    change = model_tables.hip_extension_lengthening("iliacus", -20.0)
    assert f"{change.change_mm:.1f} mm" in table.text and f"{change.change_mm:.1f} mm" in table.html
    # Percent of the whole path and, separately, the fibres' share if the tendon does not stretch.
    assert change.fibre_share_percent == pytest.approx(change.change_mm / 100.0 * 100)  # 10 cm fibres
    assert change.fibre_share_percent > change.change_percent
    assert f"{change.fibre_share_percent:.1f} %" in table.text and "Of the whole path" in table.html
    assert table.text.count("\n") == 5 and table.html.count("<tr>") == 5
    assert '<th scope="col"' in table.html  # header cells are named as column headers


def test_validation_summary_reports_the_opensim_check():
    summary = model_tables.opensim_check()
    assert "OpenSim 4.6" in summary.text and "0.1 mm" in summary.text
    assert "less than 0.001 mm" in summary.text


def test_the_function_modules_stay_under_500_lines():
    from pathlib import Path

    for module in (function, model_tables):
        assert len(Path(module.__file__).read_text(encoding="utf-8").splitlines()) < 500, module.__name__

"""Diagrams: labels for everything claimed, highlight and marker options, coordinates, determinism."""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Polygon
from matplotlib.text import Text

from hipcontent.figures import diagrams
from hipcontent.model import bones, gait2392

VIEWS = {"front": diagrams.front_view, "side": diagrams.side_view}
MUSCLE_LABELS = ["Psoas major", "Psoas minor", "Iliacus"]
FRONT_LANDMARKS = ["T12", "L1", "L2", "L3", "L4", "L5", "L3 transverse process", "Sacrum", "Iliac crest",
                   "Iliac fossa", "ASIS", "AIIS", "Pubic tubercle", "Iliopubic eminence", "Femur", "Femoral head",
                   "Femoral neck", "Greater trochanter", "Lesser trochanter", "Inguinal ligament",
                   "Iliopsoas tendon", "Hip joint centre", "Muscular lacuna"]
SIDE_LANDMARKS = ["T12", "L1", "L5", "L3 transverse process", "Sacrum", "Iliac crest", "Iliac fossa", "ASIS",
                  "AIIS", "Femur", "Femoral head", "Femoral neck", "Greater trochanter", "Lesser trochanter",
                  "Hip joint centre", "Iliopubic eminence", "Line of pull", "Lever arm"]


def _texts(figure: Figure) -> list[str]:
    return [" ".join(t.get_text().split()) for t in figure.findobj(Text) if t.get_text().strip()]


def _patches(figure: Figure, muscle: str) -> list[Polygon]:
    found = [p for p in figure.axes[0].patches if (p.get_gid() or "").startswith(f"muscle:{muscle}:")]
    assert found, muscle
    return found


def _marker(figure: Figure, gid: str):
    return next(line for line in figure.axes[0].lines if line.get_gid() == gid)


@pytest.mark.parametrize("view, landmarks", [("front", FRONT_LANDMARKS), ("side", SIDE_LANDMARKS)])
def test_every_muscle_and_landmark_has_a_text_label(view, landmarks):
    figure = VIEWS[view]()
    assert isinstance(figure, Figure)
    texts = _texts(figure)
    for name in MUSCLE_LABELS + landmarks:
        assert any(text == name or text.startswith((name + " ", name + ":")) for text in texts), name
    # Every landmark the drawing reports (used for the alt text) is really labelled.
    for name in figure.drawn.landmarks:
        if name != "line of action":
            assert name in texts, name


@pytest.mark.parametrize("view", VIEWS)
def test_labels_have_leader_lines(view):
    figure = VIEWS[view]()
    for key, annotation in figure.drawn.labels.items():
        assert annotation.arrow_patch is not None, key


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("muscle", diagrams.MUSCLES)
def test_highlighted_muscle_stands_out(view, muscle):
    figure = VIEWS[view](highlight=muscle)
    others = [m for m in diagrams.MUSCLES if m != muscle]
    for patch in _patches(figure, muscle):
        for other in others:
            for other_patch in _patches(figure, other):
                assert patch.get_facecolor()[3] > other_patch.get_facecolor()[3]
                assert patch.get_linewidth() > other_patch.get_linewidth()
                assert patch.get_zorder() > other_patch.get_zorder()
    assert any(t.get_text() == diagrams.MUSCLE_NAMES[muscle] and t.get_fontweight() == "bold"
               for t in figure.findobj(Text))


def test_without_highlight_all_muscles_are_drawn_alike():
    figure = diagrams.front_view()
    alphas = {p.get_facecolor()[3] for m in diagrams.MUSCLES for p in _patches(figure, m)}
    assert len(alphas) == 1


@pytest.mark.parametrize("bad", ["psoas", "Iliacus", "quadriceps", 3])
def test_invalid_highlight_names_the_choices(bad):
    for draw in VIEWS.values():
        with pytest.raises(ValueError, match="'psoas_major', 'psoas_minor', 'iliacus' or None"):
            draw(highlight=bad)


@pytest.mark.parametrize("view", VIEWS)
def test_origins_and_insertions_have_distinct_marker_shapes(view):
    figure = VIEWS[view]()
    for muscle in diagrams.MUSCLES:
        origin, insertion = _marker(figure, f"origin:{muscle}"), _marker(figure, f"insertion:{muscle}")
        assert origin.get_marker() == "o" and insertion.get_marker() == "s"
    legend_texts = [t.get_text() for t in figure.axes[0].get_legend().get_texts()]
    assert "origin (circle)" in legend_texts and "insertion (square)" in legend_texts


@pytest.mark.parametrize("view", VIEWS)
def test_attachments_can_be_hidden(view):
    figure = VIEWS[view](show_attachments=False)
    assert not [line for line in figure.axes[0].lines if (line.get_gid() or "").startswith(("origin:", "insertion:"))]


def test_front_view_draws_gait2392_points_in_its_coordinates():
    figure = diagrams.front_view()
    for muscle, model_name in diagrams.GAIT2392_NAME.items():
        drawn = np.column_stack(_marker(figure, f"model:{muscle}").get_data())
        expected = np.array([p.location for p in gait2392.muscle(model_name).points])
        np.testing.assert_allclose(drawn, np.column_stack([-expected[:, 2], expected[:, 1]]))
    # The femur mesh's head is centred on gait2392's hip centre (a sphere fitted to it).
    head = bones.mesh("r_femur").vertices
    head = head[np.linalg.norm(head, axis=1) < 0.03]
    solution = np.linalg.lstsq(np.c_[2 * head, np.ones(len(head))], (head**2).sum(1), rcond=None)[0]
    assert np.linalg.norm(solution[:3]) < 0.002
    # Psoas major and iliacus end at the lesser trochanter (gait2392 insertion), psoas minor on the pelvis.
    insertion = _marker(figure, "insertion:psoas_major").get_xydata()[0]
    np.testing.assert_allclose(insertion, [-0.0104, -0.0597])
    assert _marker(figure, "insertion:psoas_minor").get_xydata()[0][1] > 0


@pytest.mark.parametrize("view", VIEWS)
def test_drawn_muscles_lie_on_the_validated_model_path(view):
    """Every gait2392 path point lies inside the muscle drawn for it (belly, fan or tendon)."""
    from matplotlib.path import Path

    figure = VIEWS[view]()
    project = (lambda p: p[:, :2]) if view == "side" else (lambda p: np.column_stack([-p[:, 2], p[:, 1]]))
    for muscle, model_name in diagrams.GAIT2392_NAME.items():
        shapes = [Path(patch.get_xy()) for patch in _patches(figure, muscle)]
        points = np.array([p.location for p in gait2392.muscle(model_name).points])
        for point in project(points):
            assert any(shape.contains_point(point, radius=0.002) or shape.contains_point(point, radius=-0.002)
                       for shape in shapes), (muscle, point)


def test_side_view_line_of_action_passes_in_front_of_the_hip_centre():
    figure = diagrams.side_view()
    line = _marker(figure, "line_of_action")
    (x0, x1), (y0, y1) = line.get_data()
    start, end = np.array([x0, y0]), np.array([x1, y1])
    direction = (end - start) / np.linalg.norm(end - start)  # femur -> pelvis: the pull on the femur
    moment = start[0] * direction[1] - start[1] * direction[0]  # about the hip centre; + = flexion
    assert moment > 0.01
    lever = _marker(figure, "lever_arm").get_xydata()
    assert lever[1][0] > 0  # the foot of the lever arm is in front of the centre


def test_side_view_draws_the_psoas_beside_the_lumbar_bodies_not_in_front_of_them():
    figure = diagrams.side_view()
    band = _patches(figure, "psoas_major")[0].get_xy()
    for number in (1, 2, 3, 4):
        body = bones.mesh(f"lumbar{number}").vertices
        low, high = body[:, 1].min(), body[:, 1].max()
        level = band[(band[:, 1] > low) & (band[:, 1] < high)]
        # At every lumbar level the muscle overlaps the vertebra: it starts behind the body's front edge.
        assert level[:, 0].min() < body[:, 0].max() - 0.005, number
    origins = _marker(figure, "origin:psoas_major").get_xydata()
    spine = np.vstack([bones.mesh(f"lumbar{n}").vertices for n in range(1, 6)])
    assert origins[:, 0].max() < spine[:, 0].max()  # the origins sit on the bodies, not in front of them


def test_side_view_psoas_minor_does_not_reach_the_femur():
    figure = diagrams.side_view()
    minor = _marker(figure, "insertion:psoas_minor").get_xydata()[0]
    major = _marker(figure, "insertion:psoas_major").get_xydata()[0]
    assert minor[1] > 0 and major[1] < -0.04


def test_flexion_rotates_the_femur_about_the_hip_centre():
    def femur(angle):
        figure = Figure()
        drawn = diagrams.draw_side_view(figure.add_subplot(), angle, separate_femur=True, show_labels=False)
        return np.vstack([path.vertices for path in drawn.bones["bone:femur"].get_paths()])

    upright, flexed = femur(0.0), femur(90.0)
    np.testing.assert_allclose(flexed, np.column_stack([-upright[:, 1], upright[:, 0]]), atol=1e-12)


def test_every_figure_credits_the_bone_models_and_licence():
    for figure in (diagrams.front_view(), diagrams.side_view()):
        source = " ".join(_texts(figure))
        for words in ("Rajagopal", "Delp", "MyoSuite", "Apache-2.0", "gait2392"):
            assert words in source, words


def test_conditional_brim_point_is_dropped_beyond_its_range():
    upright = _marker(diagrams.side_view(0), "model:psoas_major").get_xydata()
    deep = _marker(diagrams.side_view(60), "model:psoas_major").get_xydata()
    assert len(upright) == 5 and len(deep) == 4


def test_femur_points_from_outside_replace_the_models():
    placed = {"psoas": np.array([[0.03, -0.04, 0.0], [0.01, -0.05, 0.0]]),
              "iliacus": np.array([[0.031, -0.041, 0.0], [0.011, -0.051, 0.0]])}
    figure = Figure()
    ax = figure.add_subplot()
    drawn = diagrams.draw_side_view(ax, 20.0, femur_points=placed, highlight="iliacus")
    points = _marker(figure, "model:psoas_major").get_xydata()
    np.testing.assert_allclose(points[-2:], placed["psoas"][:, :2])
    np.testing.assert_allclose(drawn.markers["insertion:iliacus"].get_xydata()[0], [0.011, -0.051])
    assert drawn.flexion_deg == 20.0 and drawn.highlight == "iliacus"


def test_sizes_follow_rcparams_for_projector_styles():
    with mpl.rc_context({"lines.linewidth": 1.0, "font.size": 10}):
        small = diagrams.front_view()
    with mpl.rc_context({"lines.linewidth": 3.0, "font.size": 20}):
        large = diagrams.front_view()
    assert _patches(large, "iliacus")[0].get_linewidth() == pytest.approx(3 * _patches(small, "iliacus")[0].get_linewidth())
    size = {f: {t.get_text(): t.get_fontsize() for t in f.findobj(Text)} for f in (small, large)}
    assert size[large]["Iliacus"] == pytest.approx(2 * size[small]["Iliacus"])
    assert size[large]["L3"] == pytest.approx(2 * size[small]["L3"])


@pytest.mark.parametrize("show, kwargs", [
    (diagrams.show_front_view, {"highlight": "iliacus"}),
    (diagrams.show_anatomy_side_view, {"flexion_deg": 30, "highlight": "psoas_major"}),
])
def test_figures_are_deterministic_png(show, kwargs):
    assert show(**kwargs).png_bytes() == show(**kwargs).png_bytes()


def test_alt_text_describes_what_is_drawn():
    shown = diagrams.show_front_view(highlight="psoas_minor")
    for words in ("psoas major (blue)", "psoas minor", "iliacus", "lesser trochanter", "inguinal ligament",
                  "circles", "squares", "Psoas minor is highlighted", "T12"):
        assert words.lower() in shown.alt.lower(), words
    assert "Psoas minor is highlighted" in shown.caption
    side = diagrams.show_anatomy_side_view(show_line_of_action=False)
    assert "line of pull" not in side.alt and "does not cross the hip" in side.alt
    assert "in front of the hip joint centre" in diagrams.show_anatomy_side_view().alt


def test_drawing_functions_do_not_use_pyplot_state():
    import sys

    diagrams.front_view()
    diagrams.side_view()
    assert "matplotlib.pyplot" not in sys.modules or not __import__("matplotlib.pyplot").pyplot.get_fignums()


def test_the_drawing_kit_lives_in_its_own_module_and_diagrams_re_exports_it():
    from pathlib import Path

    from hipcontent.figures import drawing

    for name in ("line_width", "marker_size", "band_outline", "label", "describe", "DrawnView", "MUSCLES",
                 "check_highlight"):
        assert getattr(diagrams, name) is getattr(drawing, name), name
    for module in (diagrams, drawing):
        assert len(Path(module.__file__).read_text(encoding="utf-8").splitlines()) < 500, module.__name__

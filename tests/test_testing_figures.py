"""The drawn test positions show the angles and labels they claim, at the geometry they claim."""

import io

import pytest
from matplotlib.figure import Figure

from hipcontent.figures.quiz_diagrams import (
    FRONT_VIEW_STRUCTURES,
    front_view_alt,
    front_view_schematic,
)
from hipcontent.figures.testing_figures import (
    line_angle,
    modified_thomas_test,
    seated_hip_flexion_test,
    thomas_test,
)


def _texts(figure):
    texts = [t.get_text() for ax in figure.axes for t in ax.texts]
    return texts + [figure._suptitle.get_text()] if figure._suptitle else texts


def _renders(figure):
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=40)
    return buffer.getvalue().startswith(b"\x89PNG")


@pytest.mark.parametrize("flexion", [95, 110, 125])
def test_seated_test_marks_hip_flexion_above_90(flexion):
    figure = seated_hip_flexion_test(flexion)
    assert isinstance(figure, Figure) and _renders(figure)
    texts = _texts(figure)
    assert f"Hip flexion {flexion}°" in texts
    assert f"Thigh {flexion - 90}° above the seat" in texts
    assert "Tester pushes down\njust above the knee" in texts
    # the thigh really is drawn at (flexion - 90)° above horizontal
    assert line_angle(figure, "test-thigh") == pytest.approx(flexion - 90)
    arcs = {p.get_gid(): p for p in figure.axes[0].patches if p.get_gid()}
    assert arcs["hip-flexion"].theta2 - arcs["hip-flexion"].theta1 == pytest.approx(flexion)


@pytest.mark.parametrize("bad", [80, 150, float("nan"), "110", True])
def test_seated_test_refuses_impossible_angles(bad):
    with pytest.raises(ValueError, match="hip_flexion"):
        seated_hip_flexion_test(bad)


def test_thomas_test_flat_and_lifted():
    flat = thomas_test(0)
    assert "Thigh stays flat on the table (0°)" in _texts(flat)
    assert line_angle(flat, "test-thigh") == pytest.approx(0)
    lifted = thomas_test(15)
    assert "Thigh lifts 15° off the table" in _texts(lifted)
    assert line_angle(lifted, "test-thigh") == pytest.approx(15)
    assert "Thomas test (original)" in _texts(lifted)
    with pytest.raises(ValueError, match="thigh_lift must be between 0° and 40°"):
        thomas_test(-5)


@pytest.mark.parametrize(
    "thigh, knee, thigh_text",
    [(-10, 80, "Thigh 10° below horizontal"), (15, 50, "Thigh 15° above horizontal"),
     (0, 67, "Thigh level with horizontal (0°)")],
)
def test_modified_thomas_marks_thigh_and_knee_angles(thigh, knee, thigh_text):
    figure = modified_thomas_test(thigh, knee)
    assert _renders(figure)
    texts = _texts(figure)
    assert thigh_text in texts and f"Knee flexion {knee}°" in texts
    assert line_angle(figure, "test-thigh") == pytest.approx(thigh)
    # the knee angle is the bend between the thigh's line and the shank
    assert line_angle(figure, "test-thigh") - line_angle(figure, "test-shank") == pytest.approx(knee)


def test_modified_thomas_shows_one_and_two_joint_muscles_in_words_not_colour_alone():
    figure = modified_thomas_test()
    texts = " ".join(_texts(figure))
    assert "One-joint: iliopsoas" in texts and "crosses the hip only" in texts
    assert "Two-joint: rectus femoris, dashed" in texts and "crosses hip and knee" in texts
    lines = {line.get_gid(): line for line in figure.axes[0].lines if line.get_gid()}
    assert lines["two-joint"].get_linestyle() != lines["one-joint"].get_linestyle()
    bare = modified_thomas_test(show_muscles=False)
    assert not any(line.get_gid() in ("one-joint", "two-joint") for line in bare.axes[0].lines)


def test_modified_thomas_refuses_out_of_range_knee():
    with pytest.raises(ValueError, match="knee_flexion must be between 0° and 140°"):
        modified_thomas_test(knee_flexion=170)


@pytest.mark.parametrize("marker", sorted(FRONT_VIEW_STRUCTURES))
def test_label_schematic_has_one_numbered_marker_and_no_names(marker):
    figure = front_view_schematic(marker)
    texts = _texts(figure)
    assert texts.count("1") == 1
    names = {structure.name for structure in FRONT_VIEW_STRUCTURES.values()}
    assert not names & set(texts), "the label quiz must not print the answer"
    assert FRONT_VIEW_STRUCTURES[marker].where in front_view_alt(marker)
    assert _renders(figure)


def test_label_schematic_marker_points_at_the_structure():
    figure = front_view_schematic("lesser_trochanter")
    leader = [line for line in figure.axes[0].lines if line.get_gid() is None][-1]
    assert (leader.get_xdata()[-1], leader.get_ydata()[-1]) == FRONT_VIEW_STRUCTURES["lesser_trochanter"].anchor


def test_label_schematic_without_marker_and_unknown_marker():
    assert "1" not in _texts(front_view_schematic(None))
    with pytest.raises(ValueError, match="unknown structure 'spleen'.*choose one of"):
        front_view_schematic("spleen")


def test_figures_do_not_use_pyplot():
    import subprocess
    import sys

    code = ("import sys, matplotlib; matplotlib.use('Agg');"
            "from hipcontent.figures import testing_figures as t, quiz_diagrams as q;"
            "t.seated_hip_flexion_test(); t.thomas_test(); t.modified_thomas_test(); q.front_view_schematic('iliacus');"
            "print('matplotlib.pyplot' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_shown_figures_carry_alt_text_and_captions_that_match_the_angles():
    import hipcontent

    seated = hipcontent.show_seated_flexion_test(120)
    assert "30 degrees above the seat" in seated.alt and "flexed 120 degrees" in seated.alt
    assert "120°" in seated.caption
    negative = hipcontent.show_modified_thomas_test(-10, 80)
    assert "10 degrees below horizontal" in negative.alt and "no sign of short two-joint" in negative.alt
    positive = hipcontent.show_modified_thomas_test(15, 50)
    assert "15 degrees above horizontal" in positive.alt and "rectus femoris" in positive.alt
    assert positive.caption == "Modified Thomas test: thigh at +15° to horizontal, knee flexed 50°."
    assert "(negative)" in hipcontent.show_thomas_test(0).caption
    assert "(positive)" in hipcontent.show_thomas_test(15).caption


def test_seated_test_table_holds_the_thigh_and_the_hand_does_not_suggest_leaning_back():
    from matplotlib.patches import Rectangle

    from hipcontent.figures.testing_figures import THIGH

    figure = seated_hip_flexion_test(110)
    ax = figure.axes[0]
    table = next(p for p in ax.patches if isinstance(p, Rectangle))
    assert table.get_x() + table.get_width() >= 0.8 * THIGH  # the table edge is near the knee, hip at x=0
    arm = next(line for line in ax.lines if line.get_gid() == "arm")
    assert min(arm.get_xdata()) >= 0  # the hand rests beside or in front of the hip, never behind it
    assert any(line.get_gid() == "other-leg" for line in ax.lines)


def test_modified_thomas_muscle_labels_are_a_key_without_leader_lines():
    from matplotlib.text import Annotation

    figure = modified_thomas_test(15, 50)
    for text in figure.axes[0].texts:
        if text.get_text().startswith(("One-joint", "Two-joint")):
            assert not isinstance(text, Annotation)
            assert text.get_position()[1] < -0.9  # below the table, away from the body


def test_kendall_test_draws_the_stated_hip_angle_and_names_what_a_side_view_cannot_show():
    from hipcontent.figures.testing_figures import kendall_iliopsoas_test, show_kendall_iliopsoas_test

    figure = kendall_iliopsoas_test(30)
    assert _renders(figure)
    assert line_angle(figure, "test-thigh") == pytest.approx(30)
    texts = " ".join(_texts(figure))
    assert "Hip flexed 30°" in texts and "turned out" in texts and "Tester pushes the leg back" in texts
    shown = show_kendall_iliopsoas_test(30)
    assert "raised 30 degrees" in shown.alt and "30°" in shown.caption
    with pytest.raises(ValueError, match="hip_flexion must be between 15° and 45°"):
        kendall_iliopsoas_test(90)

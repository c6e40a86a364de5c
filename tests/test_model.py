"""hipcontent.model against OpenSim's own answers (hipcontent/data/gait2392_reference.csv)."""

import math
from importlib import resources

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hipcontent.model import paths as model
from hipcontent.model.paths import (
    COORDINATES,
    MUSCLES,
    moment_arm,
    path_length,
    path_points,
)

TOLERANCE_M = 1e-4  # 0.1 mm, the acceptance limit
ROWS = model.opensim_reference()


def _ids(row):
    return f"{row['muscle']}-f{row['flexion_deg']:g}-a{row['adduction_deg']:g}-r{row['rotation_deg']:g}"


def test_reference_covers_the_validation_sweeps():
    for name in MUSCLES:
        flexion = {r["flexion_deg"] for r in ROWS if r["sweep"] == "flexion" and r["muscle"] == name}
        assert set(range(-30, 91, 5)) <= flexion
        for coordinate in ("adduction", "rotation"):
            swept = {r[f"{coordinate}_deg"] for r in ROWS if r["sweep"] == coordinate and r["muscle"] == name}
            assert swept == set(range(-30, 31, 5))


def test_reference_file_credits_gait2392_and_names_its_tool():
    text = resources.files("hipcontent").joinpath(model.REFERENCE_FILE).read_text("utf-8")
    assert "tools/opensim_reference.py" in text and "CC BY 3.0" in text and "Delp" in text


@pytest.mark.parametrize("row", ROWS, ids=_ids)
def test_length_and_moment_arms_match_opensim_within_a_tenth_of_a_millimetre(row):
    angles = (row["flexion_deg"], row["adduction_deg"], row["rotation_deg"])
    assert abs(path_length(row["muscle"], *angles) - row["length_m"]) < TOLERANCE_M
    for coordinate in COORDINATES:
        expected = row[f"moment_arm_{coordinate}_m"]
        assert abs(moment_arm(row["muscle"], coordinate, *angles) - expected) < TOLERANCE_M, coordinate


def test_largest_differences_are_reported_per_quantity():
    differences = model.opensim_differences()
    assert set(differences) == {"length", "moment_arm_flexion", "moment_arm_adduction", "moment_arm_rotation"}
    assert max(differences.values()) < TOLERANCE_M


def test_arrays_broadcast_and_agree_with_single_angles():
    flexion = np.array([[-20.0, 10.0], [60.0, 100.0]])
    lengths = path_length("psoas", flexion, adduction=5.0, rotation=np.array([-10.0, 15.0]))
    assert lengths.shape == (2, 2)
    assert lengths[1, 0] == pytest.approx(path_length("psoas", 60.0, 5.0, -10.0), abs=1e-12)
    arms = moment_arm("iliacus", "rotation", flexion)
    assert arms[0, 1] == pytest.approx(moment_arm("iliacus", "rotation", 10.0), abs=1e-12)
    assert isinstance(path_length("iliacus", 0), float)


@settings(max_examples=60, deadline=None)
@given(
    muscle=st.sampled_from(MUSCLES),
    coordinate=st.sampled_from(COORDINATES),
    flexion=st.floats(-100, 110),
    adduction=st.floats(-40, 40),
    rotation=st.floats(-40, 40),
)
def test_moment_arm_is_minus_the_slope_of_length(muscle, coordinate, flexion, adduction, rotation):
    switches = (model.via_point_switch_deg(muscle), -90.0)
    if coordinate == "flexion" and min(abs(flexion - s) for s in switches) < 0.01:
        return  # the central difference would straddle the via-point switch
    step = 1e-4
    angles = {"flexion": flexion, "adduction": adduction, "rotation": rotation}
    plus, minus = dict(angles), dict(angles)
    plus[coordinate] += step
    minus[coordinate] -= step
    slope = (path_length(muscle, **plus) - path_length(muscle, **minus)) / (2 * math.radians(step))
    assert moment_arm(muscle, coordinate, **angles) == pytest.approx(-slope, abs=1e-7)


def test_length_and_moment_arm_in_one_pass_equal_the_separate_calls():
    flexion = np.arange(-30.0, 121.0, 5.0)
    for coordinate in COORDINATES:
        length, arm = model.length_and_moment_arm("iliacus", coordinate, flexion, 12.0, -8.0)
        assert np.array_equal(length, path_length("iliacus", flexion, 12.0, -8.0))
        assert np.array_equal(arm, moment_arm("iliacus", coordinate, flexion, 12.0, -8.0))
    assert model.length_and_moment_arm("psoas", "flexion", 0) == (path_length("psoas", 0), moment_arm("psoas", "flexion", 0))


def test_flexion_moves_the_femur_forward_and_shortens_the_path():
    knee = np.array([0.0, -0.4, 0.0])
    assert (model.femur_rotation(30.0) @ knee)[0] > 0  # anterior
    assert (model.femur_rotation(0.0, adduction=20.0) @ knee)[2] < 0  # medial for the right leg
    front = np.array([0.05, 0.0, 0.0])
    assert (model.femur_rotation(0.0, rotation=20.0) @ front)[2] < 0  # internal rotation turns it medial
    assert path_length("psoas", 30.0) < path_length("psoas", 0.0) < path_length("psoas", -20.0)


def test_femur_rotation_is_a_proper_rotation():
    matrix = model.femur_rotation(37.0, -12.0, 21.0)
    assert np.allclose(matrix @ matrix.T, np.eye(3)) and np.linalg.det(matrix) == pytest.approx(1.0)


def test_path_points_drop_the_femoral_head_point_above_the_switch_and_sum_to_the_length():
    for flexion, count in ((0.0, 5), (44.0, 5), (46.0, 4), (100.0, 4)):
        points = path_points("iliacus", flexion, 10.0, -5.0)
        assert len(points) == count
        segments = np.linalg.norm(np.diff(points, axis=0), axis=1).sum()
        assert segments == pytest.approx(path_length("iliacus", flexion, 10.0, -5.0), abs=1e-12)
    assert np.allclose(path_points("psoas", 80.0)[0], path_points("psoas", -20.0)[0])  # origin fixed


def test_length_jumps_where_the_femoral_head_point_leaves():
    switch = model.via_point_switch_deg("psoas")
    assert 45.0 < switch < 45.001
    assert path_length("psoas", switch - 1e-6) - path_length("psoas", switch + 1e-6) > 1e-5


def test_gait2392_moment_arm_turns_negative_in_deep_flexion():
    assert 95.0 < model.flexion_moment_arm_zero_deg("psoas") < 103.0
    assert 95.0 < model.flexion_moment_arm_zero_deg("iliacus") < 106.0
    assert moment_arm("psoas", "flexion", 110.0) < 0 < moment_arm("psoas", "flexion", 90.0)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: path_length("psoas major", 0.0), "'psoas', 'iliacus'"),
        (lambda: moment_arm("iliacus", "extension", 0.0), "'flexion', 'adduction', 'rotation'"),
        (lambda: moment_arm("sartorius", "flexion", 0.0), "'psoas', 'iliacus'"),
        (lambda: path_length("psoas", float("nan")), "flexion must be finite"),
        (lambda: moment_arm("psoas", "flexion", 0.0, rotation=np.array([0.0, np.inf])), "rotation must be finite"),
        (lambda: path_length("psoas", 0.0, adduction=150.0), "adduction must lie within"),
        (lambda: path_length("psoas", "ninety"), "flexion must be a number"),
        (lambda: path_points("psoas", np.array([0.0, 10.0])), "one pose"),
    ],
)
def test_bad_input_says_what_was_wrong(call, message):
    with pytest.raises(ValueError, match=message):
        call()

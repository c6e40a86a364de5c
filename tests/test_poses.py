"""The exercise stick figures show the positions the exercise texts describe (issue #11, section 2)."""

import math

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from hipcontent.content.exercises import load_library
from hipcontent.figures.poses import (
    FOREARM,
    HEAD_R,
    hip_flexion,
    joint_angle,
    knee_flexion,
    pose_geometry,
    position_figure,
    show_position,
)


def _segments(points):
    return list(zip(points, points[1:]))


def _distance_to_segment(p, a, b):
    ax, ay = a
    bx, by = b
    t = ((p[0] - ax) * (bx - ax) + (p[1] - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)
    t = max(0.0, min(1.0, t))
    return math.hypot(p[0] - (ax + t * (bx - ax)), p[1] - (ay + t * (by - ay)))


@pytest.mark.parametrize("pose, leg", [("supine-heel-slide", 0), ("supine-single-leg-90", 0),
                                       ("supine-straight-leg-raise", 0)])
def test_crook_lying_support_knee_is_bent_about_90_degrees_with_the_foot_down(pose, leg):
    g = pose_geometry(pose)
    assert knee_flexion(g, leg) == pytest.approx(90, abs=1)
    support = g["legs"][leg]
    assert 0 <= support["ankle"][1] <= 0.03 and support["toe"][1] == pytest.approx(support["ankle"][1])


def test_straight_leg_raise_thighs_are_clearly_apart():
    g = pose_geometry("supine-straight-leg-raise")
    assert hip_flexion(g, 1) - hip_flexion(g, 0) >= 15


def test_toe_tap_moving_hip_opens_to_about_40_degrees():
    tap = pose_geometry("supine-90-90")["ghost_legs"][0]
    thigh = math.degrees(math.atan2(tap["knee"][1] - tap["hip"][1], tap["knee"][0] - tap["hip"][0]))
    assert 30 <= thigh <= 45  # the hip travels from 90 to about 40 degrees


def test_psoas_march_reaching_leg_stays_low_and_the_other_knee_is_held_in():
    g = pose_geometry("supine-march")
    assert hip_flexion(g, 0) > 90  # drawn in over the hip
    assert hip_flexion(g, 1) < 25 and knee_flexion(g, 1) < 15  # nearly straight, just above the floor


def test_seated_knee_lift_support_foot_rests_on_the_floor_and_the_seat_holds_the_thigh():
    g = pose_geometry("seated-knee-lift")
    support = g["legs"][0]
    assert support["ankle"][1] == pytest.approx(0, abs=0.005)
    assert hip_flexion(g, 1) == pytest.approx(112, abs=1)  # the lift is about 22 degrees above the seat
    assert ("chair_front", g["trunk"]["hip"][1] - 0.03) in g["props"]  # near the front edge (issue 18 item 12)


def test_half_kneeling_back_foot_stays_on_or_above_the_floor():
    for pose in ("half-kneeling", "half-kneeling-side-bend"):
        for leg in pose_geometry(pose)["legs"]:
            assert min(leg["knee"][1], leg["ankle"][1], leg["toe"][1]) >= -0.001, pose


@pytest.mark.parametrize("pose", ["standing-march", "standing-split-stretch"])
def test_standing_support_is_beside_the_body_with_the_hand_on_it(pose):
    g = pose_geometry(pose)
    kinds = dict(g["props"])
    assert "support" not in kinds and "chair_beside" in kinds
    hand = g["arms"][0]["hand"]
    assert hand[1] == pytest.approx(kinds["chair_beside"])
    assert abs(hand[0] - g["trunk"]["hip"][0]) < 0.12  # beside the body, not reaching behind it


def test_side_bend_lunge_is_drawn_from_the_front_and_the_arm_clears_the_head():
    g = pose_geometry("half-kneeling-side-bend")
    assert g["view"] == "front"
    head = g["trunk"]["head"]
    reach = g["arms"][0]
    points = [reach["shoulder"], reach["elbow"], reach["hand"]]
    assert all(_distance_to_segment(head, a, b) > HEAD_R for a, b in _segments(points))
    assert reach["hand"][1] > head[1] + HEAD_R  # the hand passes over the head
    assert reach["hand"][0] > reach["shoulder"][0] + FOREARM / 2  # ... towards the side bent away to
    spine = g["lines"][1]
    assert spine[-1][0] > spine[0][0] + 0.03  # the trunk bends away from the kneeling (right) side
    assert show_position("deep-lunge-side-bend-stretch").caption.endswith("(side and front views, not to scale).")


def _behind_the_trunk(leg) -> float:
    """Degrees the thigh points behind the vertical (an upright trunk): hip extension."""
    return math.degrees(math.atan2(leg["hip"][0] - leg["knee"][0], leg["hip"][1] - leg["knee"][1]))


def test_deep_lunge_is_paired_with_a_side_view_showing_the_hip_behind_the_trunk():
    side = pose_geometry("half-kneeling-side-bend")["companion"]
    assert side["view"] == "side"
    t, back = side["trunk"], side["legs"][1]
    assert back["knee"][0] < t["hip"][0] - 0.1  # the back knee well behind the hip
    assert _behind_the_trunk(back) >= 25  # the back hip extended: the thigh 25+ degrees behind the trunk line
    front = side["legs"][0]
    assert front["knee"][0] == pytest.approx(front["ankle"][0], abs=0.005)  # front knee over the ankle
    assert min(p[1] for leg in side["legs"] for p in leg.values()) >= -0.001
    assert side["arms"][0]["hand"][1] > t["head"][1] + HEAD_R  # the reach goes overhead
    front_view_left = min(p[0] for leg in pose_geometry("half-kneeling-side-bend")["legs"] for p in leg.values())
    assert max(p[0] for leg in side["legs"] for p in leg.values()) < front_view_left - 0.2  # side by side


@pytest.mark.parametrize("pose", ["supine-90-90", "supine-single-leg-90"])
def test_toe_tap_lands_on_the_toes_not_the_heel(pose):
    tap = pose_geometry(pose)["ghost_legs"][0]
    assert tap["toe"][1] == pytest.approx(0, abs=0.003)
    assert tap["ankle"][1] > tap["toe"][1]  # the heel stays off the floor
    assert 175 >= 180 - joint_angle(tap["hip"], tap["knee"], tap["ankle"]) >= 85  # the knee still at 90


def test_seated_knee_lift_sits_near_the_front_of_the_chair():
    g = pose_geometry("seated-knee-lift")
    assert g["trunk"]["hip"][0] > -0.08  # the hip is near the seat's front edge (x 0.06), not the backrest (x -0.32)


def test_warm_up_poses_show_what_their_steps_say():
    march = pose_geometry("march-on-the-spot")
    assert hip_flexion(march, 1) == pytest.approx(88, abs=5)  # knee up to about hip height
    assert march["legs"][0]["ankle"][1] == pytest.approx(0, abs=0.005)
    swing = pose_geometry("standing-leg-swing")
    assert hip_flexion(swing, 1) > 25 and "chair_beside" in dict(swing["props"])
    assert _behind_the_trunk(swing["ghost_legs"][0]) > 10  # the dashed swing goes behind the body
    tilt = pose_geometry("supine-pelvic-tilt")
    assert all(knee_flexion(tilt, i) == pytest.approx(90, abs=1) for i in (0, 1))


def test_hanging_hands_reach_the_bar_above_the_head():
    g = pose_geometry("hanging-knee-raise")
    head = g["trunk"]["head"]
    bar = dict(g["props"])["bar"]
    assert g["arms"][0]["hand"][1] == pytest.approx(bar, abs=0.02) and bar > head[1] + HEAD_R


def test_every_builtin_position_draws():
    for exercise in load_library():
        FigureCanvasAgg(position_figure(exercise)).draw()

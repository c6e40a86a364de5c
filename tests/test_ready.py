"""Ready-made classes (issue 17 item 1): 15, 30 and 45 minutes, each within a minute of its name,
with a warm-up (general, then hip flexors and trunk), a main block around the three signature
exercises and their progressions, and a cool-down; short rests for bodyweight drills."""

import pytest
from typed_exercises import COACH_NAME, coach_library

from hipcontent.coaching.ready import CLASSES, SIGNATURE, ready_class
from hipcontent.coaching.session import SECTIONS, SessionPlan
from hipcontent.content.exercises import load_library


@pytest.fixture(scope="module", params=[15, 30, 45])
def plan(request):
    return request.param, ready_class(request.param)


def test_each_class_lasts_what_its_name_says(plan):
    minutes, plan = plan
    assert isinstance(plan, SessionPlan)
    assert abs(plan.total_seconds - minutes * 60) <= 60
    assert plan.title == f"{minutes}-minute ready class"


def test_warm_up_main_block_and_cool_down_in_that_order(plan):
    minutes, plan = plan
    assert [name for name, _ in plan.section_rows()] == list(SECTIONS)
    warm_up = [plan.items[i].exercise for i in plan.section_rows()[0][1]]
    assert warm_up[0].id == "march-on-the-spot" and warm_up[0].position == "standing"  # general first
    assert {"standing-leg-swing", "supine-pelvic-tilt"} <= {ex.id for ex in warm_up}  # hip flexors, trunk
    assert all("warm_up" in ex.goals for ex in warm_up)
    cool_down = [plan.items[i].exercise for i in plan.section_rows()[-1][1]]
    assert cool_down[0].id == "easy-walk-cool-down" and "cool_down" in cool_down[0].goals


def test_the_main_block_is_built_around_the_signature_exercises_and_their_ladders(plan):
    minutes, plan = plan
    main = [plan.items[i].exercise for i in plan.section_rows()[1][1]]
    ids = [ex.id for ex in main]
    assert set(SIGNATURE) <= set(ids)
    if minutes >= 30:  # the steps before them on their ladders too
        assert "single-leg-toe-tap" in ids and "half-kneeling-hip-flexor-stretch" in ids
        assert ids.index("single-leg-toe-tap") < ids.index("supine-toe-tap")
        assert ids.index("half-kneeling-hip-flexor-stretch") < ids.index("deep-lunge-side-bend-stretch")
    library = load_library()
    for ex in main:
        assert ex.progressions or ex.regressions  # an easier or harder option to show the class
        assert set(ex.equipment) <= {"mat", "chair", "knee_pad", "support"}  # no bands or bars needed


def test_rests_suit_bodyweight_control_drills(plan):
    minutes, plan = plan
    assert 15 <= plan.rest_between <= 90
    assert max(phase.seconds for phase in plan.program if phase.kind == "rest") <= 90  # never 2-3 min


def test_every_item_plays_in_a_timer_and_each_exercise_has_a_picture(plan):
    from hipcontent.figures.pictures import exercise_svg

    minutes, plan = plan
    for item in plan.items:
        assert item.program and item.exercise.diagram_pose
        assert exercise_svg(item.exercise).startswith("<svg")


@pytest.mark.parametrize("minutes", [20, 0, -15, 30.0, "30", True, None, 10**400])
def test_other_lengths_are_refused_naming_the_argument(minutes):
    with pytest.raises(ValueError, match=r"minutes must be one of 15, 30, 45"):
        ready_class(minutes)


def test_a_coachs_library_is_used_when_passed(tmp_path):
    plan = ready_class(15, library=coach_library(tmp_path / "mine"))
    assert COACH_NAME in [item.name for item in plan.items]  # the coach's version of the toe tap
    assert COACH_NAME not in [item.name for item in ready_class(15).items]
    assert abs(plan.total_seconds - 900) <= 60


def test_a_library_without_the_class_exercises_names_the_missing_one():
    from hipcontent.content.exercises import ExerciseLibrary

    with pytest.raises(ValueError, match="has no exercise 'march-on-the-spot'"):
        ready_class(15, library=ExerciseLibrary([load_library()["supine-toe-tap"]]))
    with pytest.raises(ValueError, match="library must be an ExerciseLibrary"):
        ready_class(15, library="my-folder")


def test_every_class_lists_only_library_exercises():
    library = load_library()
    for entries in CLASSES.values():
        for section, exercise_id, presets in entries:
            assert section in SECTIONS and exercise_id in library


def test_the_warm_up_lasts_at_least_five_minutes_as_the_march_card_says(plan):
    """ACSM's guide: a warm-up of at least 5-10 minutes of low- to moderate-level activity (the
    march's basis note counts the drills that follow it, and the moves between them)."""
    minutes, plan = plan
    starts = [block.start for block in plan.blocks() if block.number]
    first_main = plan.section_rows()[1][1][0]
    assert starts[first_main] >= 5 * 60


def test_the_plan_keeps_the_library_it_was_made_from(tmp_path):
    library = coach_library(tmp_path / "mine")
    plan = ready_class(15, library=library)
    assert plan.library is library
    assert plan._timer_options({})["library"] is library  # the screen names easier/harder from it

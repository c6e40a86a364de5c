import pytest

from hipcontent.model import gait2392


def test_both_muscles_have_five_points_with_one_conditional_femoral_head_point():
    for name in gait2392.MUSCLES:
        data = gait2392.muscle(name)
        assert [p.body for p in data.points] == ["pelvis"] * 3 + ["femur"] * 2
        assert [p.active_flexion_deg is not None for p in data.points] == [False, False, True, False, False]


def test_unknown_muscle_names_the_valid_choices():
    with pytest.raises(ValueError, match="'psoas', 'iliacus'"):
        gait2392.muscle("psoas minor")


def test_credit_names_the_original_authors():
    assert "Delp" in gait2392.credit() and "CC BY 3.0" in gait2392.raw()["license"]

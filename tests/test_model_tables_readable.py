"""Lesson 02's moment-arm numbers as readable tables (issue 20 item 5: no raw arrays or lists)."""

from __future__ import annotations

import pytest

from hipcontent import moment_arm, moment_arm_table, rotation_moment_arms


def test_moment_arm_table_gives_each_angle_its_signed_value_in_mm():
    block = moment_arm_table("psoas", (0, 110))
    assert "0°" in block.text and "110°" in block.text
    assert f"+{moment_arm('psoas', 'flexion', 0) * 1000:.1f} mm" in block.text
    assert f"\u2212{abs(moment_arm('psoas', 'flexion', 110)) * 1000:.1f} mm" in block.text  # extends: a true minus
    assert "array" not in block.text and "[" not in block.text
    assert block.html.count("<tr>") == 2 and "Psoas major" in block.text and "<caption>Hip-flexion" in block.html


def test_rotation_moment_arms_name_the_three_movements():
    block = rotation_moment_arms("iliacus", 0)
    for words in ("Flexion", "Adduction", "Internal rotation"):
        assert words in block.text
    assert f"{moment_arm('iliacus', 'rotation', 0) * 1000:+.1f} mm".replace("-", "\u2212") in block.text


def test_an_unknown_muscle_is_refused():
    with pytest.raises(ValueError, match="muscle must be one of"):
        moment_arm_table("rectus")

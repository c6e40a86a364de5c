import math

import pytest

from hipcontent.timing.program import Phase


def test_a_valid_phase_keeps_its_fields():
    phase = Phase("work", 30, side="right", cue="Tap the floor", exercise="Toe tap", label="Set 1 of 1")
    assert (phase.kind, phase.seconds, phase.side) == ("work", 30, "right")


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"kind": "nap", "seconds": 5}, "kind"),
        ({"kind": "work", "seconds": 0}, "seconds"),
        ({"kind": "work", "seconds": -1}, "seconds"),
        ({"kind": "work", "seconds": math.nan}, "seconds"),
        ({"kind": "work", "seconds": math.inf}, "seconds"),
        ({"kind": "work", "seconds": "30"}, "seconds"),
        ({"kind": "work", "seconds": True}, "seconds"),
        ({"kind": "work", "seconds": 5, "side": "up"}, "side"),
        ({"kind": "work", "seconds": 5, "cue": None}, "cue"),
    ],
)
def test_bad_phases_raise_value_error_naming_the_field(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Phase(**kwargs)

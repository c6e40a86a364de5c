"""The timer engine and program factories, on a fake clock (no waiting, no widgets)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hipcontent.timing.program import Phase
from hipcontent.timing.timers import (
    TimerEngine,
    alternating,
    countdown,
    exercise_program,
    format_seconds,
    intervals,
    program_seconds,
    schedule,
    session_program,
)


class FakeClock:
    def __init__(self, now: float = 1000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class FakeExercise:
    def __init__(self, name, program):
        self.name = name
        self._program = program
        self.presets_asked = []

    def timer_program(self, preset=None):
        self.presets_asked.append(preset)
        return list(self._program)


def _engine(program, now=1000.0):
    clock = FakeClock(now)
    return TimerEngine(program, clock=clock), clock


# --- factories ----------------------------------------------------------------------------------


def test_countdown_is_one_phase():
    assert countdown(30) == [Phase("work", 30)]
    assert countdown(2.5, cue="Plank", kind="hold") == [Phase("hold", 2.5, cue="Plank")]


def test_intervals_alternate_work_and_rest_without_a_final_rest():
    program = intervals(40, 20, 3)
    assert [(p.kind, p.seconds) for p in program] == [
        ("work", 40), ("rest", 20), ("work", 40), ("rest", 20), ("work", 40)
    ]
    assert program[0].label == "Round 1 of 3" and program[-1].label == "Round 3 of 3"
    assert intervals(40, 20, 1) == [Phase("work", 40)]


def test_alternating_names_the_side_and_switches_between_sides():
    program = alternating(30, rounds=2)
    assert [(p.kind, p.side) for p in program] == [
        ("hold", "right"), ("switch", "left"), ("hold", "left"), ("switch", "right"),
        ("hold", "right"), ("switch", "left"), ("hold", "left"),
    ]
    assert program_seconds(program) == 4 * 30 + 3 * 10
    assert program[1].cue == "Switch to the left side"


def test_alternating_options():
    assert [p.side for p in alternating(20, sides=("left", "right"), switch=None)] == ["left", "right"]
    one_side = alternating(20, sides=("left",), switch=5, rounds=2)
    assert [(p.kind, p.side) for p in one_side] == [("hold", "left"), ("switch", "left"), ("hold", "left")]
    assert one_side[1].cue == "Release, then again"


BAD_SECONDS = [0, -1, -0.5, math.nan, math.inf, -math.inf, True, False, "30", None, [30]]


@pytest.mark.parametrize("value", BAD_SECONDS, ids=repr)
@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("seconds", lambda v: countdown(v)),
        ("work", lambda v: intervals(v, 20, 3)),
        ("rest", lambda v: intervals(40, v, 3)),
        ("seconds_per_side", lambda v: alternating(v)),
        ("switch", lambda v: alternating(30, switch=v)),
        ("rest_between", lambda v: session_program([FakeExercise("A", [Phase("work", 5)])], v)),
    ],
)
def test_bad_durations_name_the_argument(name, build, value):
    if name in ("switch", "rest_between") and value is None:
        build(value)  # None means "no pause" there
        return
    with pytest.raises(ValueError, match=rf"^{name} must"):
        build(value)


@pytest.mark.parametrize("value", [0, -2, 1.5, True, "3", None, math.nan])
def test_bad_round_counts_name_the_argument(value):
    with pytest.raises(ValueError, match=r"^rounds must"):
        intervals(40, 20, value)
    with pytest.raises(ValueError, match=r"^rounds must"):
        alternating(30, rounds=value)


@pytest.mark.parametrize("sides", ["right", (), ("up",), ["right", "middle"], None, 3])
def test_bad_sides(sides):
    with pytest.raises(ValueError, match=r"^sides "):
        alternating(30, sides=sides)


def test_bad_kind_and_cue():
    with pytest.raises(ValueError, match=r"^kind must be one of"):
        countdown(30, kind="sprint")
    with pytest.raises(ValueError, match=r"^cue must be text"):
        intervals(30, 10, 2, cue=7)


def test_exercise_program_fills_in_the_exercise_name_and_passes_the_preset():
    toe_tap = FakeExercise("Supine toe tap", [Phase("prep", 10), Phase("work", 6, side="left", exercise="Own")])
    program = exercise_program(toe_tap, "older-adults")
    assert toe_tap.presets_asked == ["older-adults"]
    assert [p.exercise for p in program] == ["Supine toe tap", "Own"]
    exercise_program(toe_tap)
    assert toe_tap.presets_asked[-1] is None


@pytest.mark.parametrize(
    ("exercise", "message"),
    [
        (object(), "must have a name"),
        (FakeExercise("", [Phase("work", 5)]), "must have a name"),
        (type("NoTimer", (), {"name": "Plank"})(), "no timer_program"),
        (FakeExercise("Empty", []), "is empty"),
        (FakeExercise("Odd", [("work", 5)]), r"\[0\] must be a hipcontent.timing.program.Phase"),
    ],
)
def test_exercise_program_rejects_what_cannot_be_timed(exercise, message):
    with pytest.raises(ValueError, match=message):
        exercise_program(exercise)


def test_session_program_puts_a_named_rest_between_exercises():
    a = FakeExercise("Toe tap", [Phase("work", 6), Phase("work", 6)])
    b = FakeExercise("March", [Phase("work", 5)])
    program = session_program([a, b], 30)
    assert [(p.kind, p.seconds, p.exercise) for p in program] == [
        ("work", 6, "Toe tap"), ("work", 6, "Toe tap"), ("rest", 30, ""), ("work", 5, "March"),
    ]
    assert program[2].cue == "Get ready: March"
    assert len(session_program([a, b], None)) == 3


@pytest.mark.parametrize("exercises", [[], "toe tap", None, 5])
def test_session_program_needs_a_list_of_exercises(exercises):
    with pytest.raises(ValueError, match=r"^exercises "):
        session_program(exercises)


# --- the engine ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("program", "message"),
    [([], "is empty"), ("work", "must be a list"), (None, "must be a list"), ([Phase("work", 1), 5], r"\[1\]")],
)
def test_engine_rejects_bad_programs(program, message):
    with pytest.raises(ValueError, match=message):
        TimerEngine(program)


def test_engine_rejects_a_clock_that_is_not_a_function():
    with pytest.raises(ValueError, match="^clock must be"):
        TimerEngine(countdown(5), clock=12.0)


def test_a_run_through_start_pause_resume_skip_reset():
    engine, clock = _engine(alternating(30, switch=10))  # hold R 30, switch 10, hold L 30
    assert engine.state == "ready" and engine.total == 70
    clock.advance(100)  # time before Start does not count
    assert engine.phase_remaining == 30 and engine.total_remaining == 70
    engine.start()
    clock.advance(12.25)
    assert engine.state == "running"
    assert engine.phase.side == "right" and engine.phase_remaining == pytest.approx(17.75)
    engine.pause()
    clock.advance(500)
    assert engine.state == "paused" and engine.phase_remaining == pytest.approx(17.75)
    engine.pause()  # idempotent
    engine.resume()
    clock.advance(20)
    assert engine.phase.kind == "switch" and engine.phase_remaining == pytest.approx(7.75)
    assert engine.next_phase.side == "left"
    engine.skip()
    assert engine.phase.kind == "hold" and engine.phase.side == "left" and engine.phase_remaining == 30
    assert engine.running
    clock.advance(31)
    assert engine.finished and engine.state == "finished"
    assert engine.phase is None and engine.next_phase is None
    assert engine.phase_remaining == 0 and engine.total_remaining == 0 and engine.phase_index == 3
    engine.start()  # a finished timer stays finished until reset
    assert engine.finished
    engine.reset()
    assert engine.state == "ready" and engine.total_remaining == 70 and engine.phase_index == 0


def test_toggle_is_the_start_pause_button():
    engine, clock = _engine(countdown(10))
    engine.toggle()
    assert engine.running
    clock.advance(0)
    engine.toggle()
    assert engine.state == "paused"  # even a pause at 0:10 is a pause
    engine.toggle()
    assert engine.running


def test_resume_does_nothing_unless_paused():
    engine, clock = _engine(countdown(10))
    engine.resume()
    assert engine.state == "ready"


def test_a_late_reading_shows_the_true_time():
    """A busy kernel reads the engine late: it still shows where the program really is."""
    engine, clock = _engine(intervals(5, 5, 3))
    engine.start()
    clock.advance(17.5)  # nobody looked for 17.5 s
    assert engine.phase_index == 3 and engine.phase.kind == "rest"
    assert engine.phase_remaining == pytest.approx(2.5) and engine.total_remaining == pytest.approx(7.5)


def test_skip_while_paused_stays_paused():
    engine, clock = _engine(intervals(5, 5, 2))
    engine.start()
    clock.advance(2)
    engine.pause()
    engine.skip()
    clock.advance(100)
    assert engine.state == "paused" and engine.phase.kind == "rest" and engine.phase_remaining == 5


def test_seconds_to_next_change_lands_on_the_next_shown_second():
    engine, clock = _engine(countdown(30))
    assert engine.seconds_to_next_change() == 1.0
    engine.start()
    clock.advance(0.7)
    assert engine.seconds_to_next_change() == pytest.approx(0.3)  # 29.3 s left: 0:30 until 29.0
    clock.advance(0.7)
    assert format_seconds(engine.phase_remaining) == "0:29"
    clock.advance(30)
    assert engine.seconds_to_next_change() == 0.0


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0:00"), (-3, "0:00"), (0.2, "0:01"), (1, "0:01"), (59.5, "1:00"), (60, "1:00"), (61, "1:01"),
     (90, "1:30"), (3600, "60:00"), (29.0000000001, "0:29")],
)
def test_format_seconds_rounds_up(seconds, text):
    assert format_seconds(seconds) == text


def test_engine_repr():
    engine, clock = _engine(countdown(90))
    assert repr(engine) == "TimerEngine(1 phases, 1:30 total, ready, 1:30 left)"


def test_schedule_lists_every_phase_with_its_start():
    block = schedule(session_program([FakeExercise("Toe <tap>", [Phase("prep", 10), Phase("work", 6, side="left")])]))
    lines = block.text.splitlines()
    assert lines[0] == "Timer schedule: 2 phases, 0:16 in all"
    assert lines[2].split() == ["1", "0:00", "Get", "ready", "0:10", "Toe", "<tap>"]
    assert lines[3].split()[:5] == ["2", "0:10", "Work", "left", "leg"]
    assert "Toe &lt;tap&gt;" in block.html and "<tap>" not in block.html


# --- properties -------------------------------------------------------------------------------

phases = st.builds(
    Phase,
    kind=st.sampled_from(["prep", "work", "hold", "switch", "rest"]),
    seconds=st.one_of(st.integers(1, 120), st.floats(0.05, 120, allow_nan=False, allow_infinity=False)),
    side=st.sampled_from([None, "right", "left"]),
)
programs = st.lists(phases, min_size=1, max_size=12)
actions = st.lists(
    st.one_of(
        st.tuples(st.just("advance"), st.floats(0, 50, allow_nan=False, allow_infinity=False)),
        st.tuples(st.sampled_from(["start", "pause", "resume", "toggle", "skip", "reset"]), st.none()),
    ),
    max_size=30,
)


def _check_readouts(engine):
    program = engine.program
    assert 0 <= engine.elapsed <= engine.total
    assert engine.total_remaining >= 0 and engine.phase_remaining >= 0
    index = engine.phase_index
    assert 0 <= index <= len(program)
    if index < len(program):
        assert 0 < engine.phase_remaining <= program[index].seconds + 1e-9
        later = math.fsum(p.seconds for p in program[index + 1:])
        assert engine.total_remaining == pytest.approx(engine.phase_remaining + later, abs=1e-6)
        assert not engine.finished
    else:
        assert engine.finished and engine.total_remaining == 0


@settings(max_examples=200, deadline=None)
@given(programs, actions)
def test_invariants_under_any_sequence_of_presses(program, steps):
    engine, clock = _engine(program)
    assert engine.total == pytest.approx(math.fsum(p.seconds for p in program))
    for action, amount in steps:
        before_total, before_phase, was_running = engine.total_remaining, engine.phase_remaining, engine.running
        before_index = engine.phase_index
        if action == "advance":
            clock.advance(amount)
            if was_running:  # time only ever runs down while running
                assert engine.total_remaining <= before_total + 1e-9
                assert engine.phase_index >= before_index
                if engine.phase_index == before_index:
                    assert engine.phase_remaining <= before_phase + 1e-9
            else:  # and stands still otherwise
                assert engine.total_remaining == before_total
        else:
            getattr(engine, action)()
            if action == "reset":
                assert engine.state == "ready" and engine.total_remaining == pytest.approx(engine.total)
            if action == "pause":
                assert not engine.running
            if action == "skip" and before_index < len(program):
                assert engine.phase_index == before_index + 1
        _check_readouts(engine)


@settings(max_examples=200, deadline=None)
@given(programs, st.lists(st.floats(0, 30, allow_nan=False, allow_infinity=False), min_size=1, max_size=10))
def test_pausing_never_loses_or_adds_time(program, runs):
    """Run for r1, pause for a while, run for r2, ...: elapsed is exactly the sum of the runs."""
    engine, clock = _engine(program)
    for run in runs:
        engine.start()
        clock.advance(run)
        engine.pause()
        clock.advance(123.0)  # paused time never counts
    assert engine.elapsed == pytest.approx(min(math.fsum(runs), engine.total), abs=1e-6)


@settings(max_examples=100, deadline=None)
@given(programs, st.booleans())
def test_skip_at_every_position(program, running):
    engine, clock = _engine(program)
    if running:
        engine.start()
    for position in range(len(program)):
        assert engine.phase_index == position
        assert engine.phase_remaining == pytest.approx(program[position].seconds)
        assert engine.total_remaining == pytest.approx(math.fsum(p.seconds for p in program[position:]))
        engine.skip()
    assert engine.finished and engine.phase is None
    engine.skip()  # skipping past the end is harmless
    assert engine.finished

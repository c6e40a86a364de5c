"""The timer engine and program factories, on a fake clock (no waiting, no widgets)."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from typed_exercises import exercise, preset

from hipcontent.content.exercises import load_library
from hipcontent.timing.program import MAX_PHASE_SECONDS, MAX_PROGRAM_SECONDS, MAX_ROUNDS, Phase
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


TAP = exercise("toe-tap", "Toe tap", preset("short", 6, reps=2), preset("long", 40, prep=10))
MARCH = exercise("march", "March", preset("easy", 5))


def _engine(program, now=1000.0):
    clock = FakeClock(now)
    return TimerEngine(program, clock=clock), clock


# --- factories ----------------------------------------------------------------------------------


def test_countdown_is_one_phase():
    assert countdown(30) == [Phase("work", 30)]
    assert countdown(2.5, cue="Plank", kind="hold") == [Phase("hold", 2.5, cue="Plank")]
    assert countdown(np.int64(30)) == countdown(np.float32(30.0)) == [Phase("work", 30)]


BOUNDS = [
    # what a coach types -> the start of the error (the bound is named in one place: timing.program)
    (lambda: countdown(1e-9), "seconds must be from 1 to 3600 seconds"),
    (lambda: countdown(1e12), "seconds must be from 1 to 3600 seconds"),
    (lambda: countdown(MAX_PHASE_SECONDS + 1), "seconds must be from"),
    (lambda: intervals(40, 20, 10**8), "rounds must be from 1 to 100"),
    (lambda: intervals(40, 20, MAX_ROUNDS + 1), "rounds must be from 1 to 100"),
    (lambda: alternating(30, rounds=np.int64(10**6)), "rounds must be from 1 to 100"),
    (lambda: intervals(3600, 3600, 3), "intervals lasts"),
    (lambda: Phase("work", 0.5), "phase seconds must be from 1"),
    (lambda: Phase("work", 5, cue="x" * 501), "phase cue must be at most 500 characters"),
    (lambda: TimerEngine([Phase("work", 3600)] * 5), "program lasts 300:00"),
    (lambda: TimerEngine(itertools.repeat(Phase("work", 1))), "program has more than 14400 phases"),
    (lambda: session_program(itertools.repeat(MARCH)), "exercises: a session may have at most 1000 exercises"),
]


@pytest.mark.parametrize(("build", "message"), BOUNDS)
def test_every_number_has_bounds(build, message):
    with pytest.raises(ValueError, match=f"^{message}"):
        build()


def test_the_bounds_themselves_are_accepted():
    assert countdown(1) == [Phase("work", 1)]
    assert countdown(MAX_PHASE_SECONDS)[0].seconds == 3600
    assert len(intervals(1, 1, MAX_ROUNDS)) == 2 * MAX_ROUNDS - 1
    assert TimerEngine([Phase("work", 3600)] * 4).total == MAX_PROGRAM_SECONDS


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
        ("rest_between", lambda v: session_program([MARCH, TAP], v)),
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


def test_exercise_program_uses_the_exercise_and_its_preset():
    assert [(p.kind, p.seconds, p.exercise) for p in exercise_program(TAP)] == [
        ("work", 6, "Toe tap"), ("work", 6, "Toe tap"),
    ]
    assert [(p.kind, p.seconds) for p in exercise_program(TAP, "long")] == [("prep", 10), ("work", 40)]
    assert exercise_program(TAP, TAP.dosage[1]) == exercise_program(TAP, "long")


def test_exercise_program_resolves_ids_in_the_library_given():
    library = load_library()
    assert exercise_program("supine-toe-tap") == library["supine-toe-tap"].timer_program()
    assert exercise_program("supine-toe-tap", library=library) == library["supine-toe-tap"].timer_program()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: exercise_program(object()), "^exercise must be an Exercise or an exercise id"),
        (lambda: exercise_program("toe tap"), "^no exercise 'toe tap' in the (built-in )?library"),
        (lambda: exercise_program(TAP, "medium"), "has no dosage preset 'medium'; choose one of: short, long"),
        (lambda: exercise_program(TAP, MARCH.dosage[0]), "^preset 'easy' is not one of exercise 'toe-tap'"),
        (lambda: exercise_program(TAP, 3), "^preset must be a preset id"),
        (lambda: exercise_program("toe-tap", library=[TAP]), "^library must be an ExerciseLibrary"),
    ],
)
def test_exercise_program_refuses_what_is_not_the_librarys(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_session_program_puts_a_named_rest_between_exercises():
    program = session_program([TAP, MARCH], 30)
    assert [(p.kind, p.seconds, p.exercise) for p in program] == [
        ("work", 6, "Toe tap"), ("work", 6, "Toe tap"), ("rest", 30, ""), ("work", 5, "March"),
    ]
    assert program[2].cue == "Get ready: March"
    assert len(session_program([TAP, MARCH], None)) == 3


@pytest.mark.parametrize("exercises", [[], "toe tap", None, 5])
def test_session_program_needs_a_list_of_exercises(exercises):
    with pytest.raises(ValueError, match=r"^exercises "):
        session_program(exercises)


def test_a_session_longer_than_four_hours_is_refused():
    hour = exercise("hour", "An hour", preset("long", 3600))
    with pytest.raises(ValueError, match="^the session lasts 300:00"):
        session_program([hour] * 5, None)


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
    tap = exercise("toe-tap", "Toe <tap>", preset("short", 6, prep=10))
    block = schedule(session_program([tap]) + [Phase("work", 6, side="left")])
    lines = block.text.splitlines()
    assert lines[0] == "Timer schedule: 3 phases, 0:22 in all"
    assert lines[2].split()[:7] == ["1", "0:00", "Get", "ready", "0:10", "Toe", "<tap>"]
    assert lines[4].split()[:5] == ["3", "0:16", "Work", "left", "leg"]
    assert "Toe &lt;tap&gt;" in block.html and "<tap>" not in block.html


# --- properties -------------------------------------------------------------------------------

phases = st.builds(
    Phase,
    kind=st.sampled_from(["prep", "work", "hold", "switch", "rest"]),
    seconds=st.one_of(st.integers(1, 120), st.floats(1, 120, allow_nan=False, allow_infinity=False)),
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

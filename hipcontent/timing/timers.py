"""Exercise timers without widgets: programs of phases and a drift-free engine that plays them.

A timer program is an ordered list of `hipcontent.timing.program.Phase` (prep, work, hold, switch,
rest). The factories below build programs a coach asks for: a plain countdown, work/rest
intervals, holds on alternating sides, one exercise at its dosage, or a whole session.

`TimerEngine` plays a program. It never counts ticks: it stores *when* it was started and
paused, read from a monotonic clock, and works out every read-out from those timestamps.
A display that updates late (a busy kernel, a slow network) therefore shows the true time as
soon as it updates, and the exercise never gets longer. Inject a fake clock to test it.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import math
import time
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from hipcontent.timing.program import (
    KIND_WORDS,
    MAX_PROGRAM_PHASES,
    MAX_PROGRAM_SECONDS,
    MAX_ROUNDS,
    MAX_SESSION_EXERCISES,
    PHASE_KINDS,
    SIDES,
    Phase,
    check_count,
    check_seconds,
    check_text,
    shown,
)

if TYPE_CHECKING:
    from hipcontent.content.exercises import DosagePreset, Exercise, ExerciseLibrary

__all__ = [
    "TimerEngine",
    "alternating",
    "check_program",
    "countdown",
    "exercise_program",
    "format_seconds",
    "intervals",
    "library_or_builtin",
    "program_seconds",
    "resolve_exercise",
    "resolve_preset",
    "schedule",
    "session_program",
]

READY, RUNNING, PAUSED, FINISHED = "ready", "running", "paused", "finished"


# --- argument checks: every error names the argument and says why ---------------------------


def _seconds(name: str, value: object) -> float:
    return check_seconds(name, value)


def _count(name: str, value: object) -> int:
    return check_count(name, value)


def _text(name: str, value: object) -> str:
    return check_text(name, value)


def check_program(program: object, name: str = "program") -> tuple[Phase, ...]:
    """The program as a tuple of Phases, at most MAX_PROGRAM_SECONDS long, or a ValueError starting with `name`."""
    if isinstance(program, (str, bytes)) or not isinstance(program, Iterable):
        raise ValueError(f"{name} must be a list of Phase objects; got {type(program).__name__}")
    phases = tuple(itertools.islice(program, MAX_PROGRAM_PHASES + 1))  # an endless generator stops here
    if len(phases) > MAX_PROGRAM_PHASES:
        raise ValueError(f"{name} has more than {MAX_PROGRAM_PHASES} phases (1 s each would pass 4 hours)")
    if not phases:
        raise ValueError(f"{name} is empty: a timer needs at least one phase")
    for index, phase in enumerate(phases):
        if not isinstance(phase, Phase):
            raise ValueError(
                f"{name}[{index}] must be a hipcontent.timing.program.Phase; got {type(phase).__name__}"
            )
    total = math.fsum(phase.seconds for phase in phases)
    if total > MAX_PROGRAM_SECONDS:
        raise ValueError(
            f"{name} lasts {format_seconds(total)} (minutes:seconds); a timer program may last at most "
            f"{MAX_PROGRAM_SECONDS // 3600} hours"
        )
    return phases


def format_seconds(seconds: float) -> str:
    """Whole seconds left, rounded up, as m:ss ("1:30"); a countdown shows 0:00 only at its end."""
    whole = max(0, math.ceil(seconds - 1e-9))
    minutes, secs = divmod(whole, 60)
    return f"{minutes}:{secs:02d}"


def program_seconds(program: Sequence[Phase]) -> float:
    """The total length of a program in seconds."""
    return math.fsum(phase.seconds for phase in check_program(program))


# --- factories --------------------------------------------------------------------------------


def countdown(seconds: float, *, cue: str = "", kind: str = "work") -> list[Phase]:
    """One phase of `seconds`: the plainest timer."""
    _seconds("seconds", seconds)
    if not isinstance(kind, str) or kind not in PHASE_KINDS:
        raise ValueError(f"kind must be one of {', '.join(PHASE_KINDS)}; got {shown(kind)}")
    return [Phase(kind, seconds, cue=_text("cue", cue))]


def intervals(work: float, rest: float, rounds: int, *, cue: str = "") -> list[Phase]:
    """`rounds` rounds of work then rest; no rest after the last round."""
    _seconds("work", work)
    _seconds("rest", rest)
    _count("rounds", rounds)
    _text("cue", cue)
    program = []
    for number in range(1, rounds + 1):
        label = f"Round {number} of {rounds}" if rounds > 1 else ""
        program.append(Phase("work", work, cue=cue, label=label))
        if number < rounds:
            program.append(Phase("rest", rest, cue="Rest", label=label))
    return list(check_program(program, name="intervals"))


def alternating(
    seconds_per_side: float,
    sides: Sequence[str] = SIDES,
    switch: float | None = 10,
    *,
    rounds: int = 1,
    cue: str = "",
) -> list[Phase]:
    """Holds on each side in turn, with a `switch` pause between sides (None: no pause).

    alternating(30, rounds=2) -> hold right 30 s, switch 10 s, hold left 30 s, switch, ... (4 holds).
    """
    _seconds("seconds_per_side", seconds_per_side)
    if isinstance(sides, str) or not isinstance(sides, Sequence) or not sides:
        raise ValueError(f"sides must be a non-empty list of 'right'/'left'; got {shown(sides)}")
    if len(sides) > 2 * MAX_ROUNDS:
        raise ValueError(f"sides may list at most {2 * MAX_ROUNDS} sides; got {len(sides)}")
    for side in sides:
        if not isinstance(side, str) or side not in SIDES:
            raise ValueError(f"sides may only contain 'right' and 'left'; got {shown(side)}")
    if switch is not None:
        _seconds("switch", switch)
    _count("rounds", rounds)
    _text("cue", cue)
    program: list[Phase] = []
    holds = [(number, side) for number in range(1, rounds + 1) for side in sides]
    for index, (number, side) in enumerate(holds):
        label = f"Round {number} of {rounds}" if rounds > 1 else ""
        program.append(Phase("hold", seconds_per_side, side=side, cue=cue, label=label))
        if index + 1 < len(holds) and switch is not None:
            next_side = holds[index + 1][1]
            switch_cue = f"Switch to the {next_side} side" if next_side != side else "Release, then again"
            program.append(Phase("switch", switch, side=next_side, cue=switch_cue, label=label))
    return list(check_program(program, name="alternating holds"))


# --- exercises: the library's own types, or ids resolved against the library the coach loaded ---


def library_or_builtin(library: ExerciseLibrary | None = None) -> ExerciseLibrary:
    """`library` itself (checked to be an ExerciseLibrary), or the built-in library when it is None."""
    from hipcontent.content.exercises import ExerciseLibrary, load_library

    if library is None:
        return load_library()
    if not isinstance(library, ExerciseLibrary):
        raise ValueError(f"library must be an ExerciseLibrary from load_library(); got {type(library).__name__}")
    return library


def resolve_exercise(item: Exercise | str, library: ExerciseLibrary | None = None) -> Exercise:
    """The `Exercise` itself, or the exercise with this id in `library` (None: the built-in library).

    Raises ExerciseNotFound (a ValueError and a KeyError) naming the id and the closest ids.
    """
    from hipcontent.content.exercises import Exercise

    if isinstance(item, Exercise) and library is None:
        return item  # used as given: no library to load
    return library_or_builtin(library).resolve(item)


def resolve_preset(exercise: Exercise, preset: DosagePreset | str | None = None) -> DosagePreset:
    """The exercise's `DosagePreset` named by `preset`: a preset of this exercise, its id, or None (the default)."""
    from hipcontent.content.exercises import DosagePreset

    if preset is None:
        return exercise.default_preset
    if isinstance(preset, DosagePreset):
        if preset not in exercise.dosage:
            raise ValueError(
                f"preset {preset.id!r} is not one of exercise {exercise.id!r}'s presets: "
                + ", ".join(d.id for d in exercise.dosage)
            )
        return preset
    if not isinstance(preset, str):
        raise ValueError(f"preset must be a preset id (text), a DosagePreset or None; got {type(preset).__name__}")
    try:
        return exercise.preset(preset)
    except KeyError as error:
        raise ValueError(error.args[0]) from None


def exercise_program(
    exercise: Exercise | str,
    preset: DosagePreset | str | None = None,
    *,
    library: ExerciseLibrary | None = None,
) -> list[Phase]:
    """The program of one exercise at one dosage preset (None: its default preset).

    exercise: an `Exercise`, or its id in `library` (None: the built-in library).
    """
    exercise = resolve_exercise(exercise, library)
    chosen = resolve_preset(exercise, preset)
    program = check_program(exercise.timer_program(chosen.id), name=f"the timer program of {exercise.id!r}")
    return [
        phase if phase.exercise and phase.exercise_id
        else dataclasses.replace(phase, exercise=phase.exercise or exercise.name,
                                 exercise_id=phase.exercise_id or exercise.id)
        for phase in program
    ]


def change_of_exercise(seconds: float, upcoming: str) -> Phase:
    """The rest between two exercises of a session, naming the one that comes next."""
    return Phase("rest", seconds, cue=f"Get ready: {upcoming}", exercise="", label="Change exercise")


def session_program(
    exercises: Iterable[Exercise | str],
    rest_between: float | None = 30,
    *,
    preset: DosagePreset | str | None = None,
    library: ExerciseLibrary | None = None,
) -> list[Phase]:
    """A whole session: each exercise's program in turn, with `rest_between` seconds between them.

    exercises: `Exercise` objects or ids in `library` (None: the built-in library).
    """
    if isinstance(exercises, (str, bytes)) or not isinstance(exercises, Iterable):
        raise ValueError(f"exercises must be a list of exercises; got {type(exercises).__name__}")
    library = library_or_builtin(library)
    exercises = [library.resolve(item) for item in itertools.islice(exercises, MAX_SESSION_EXERCISES + 1)]
    if len(exercises) > MAX_SESSION_EXERCISES:
        raise ValueError(f"exercises: a session may have at most {MAX_SESSION_EXERCISES} exercises")
    if not exercises:
        raise ValueError("exercises is empty: a session needs at least one exercise")
    if rest_between is not None:
        _seconds("rest_between", rest_between)
    program: list[Phase] = []
    for index, exercise in enumerate(exercises):
        program.extend(exercise_program(exercise, preset))
        if rest_between is not None and index + 1 < len(exercises):
            program.append(change_of_exercise(rest_between, exercises[index + 1].name))
    return list(check_program(program, name="the session"))


# --- the engine --------------------------------------------------------------------------------


class TimerEngine:
    """Plays a program against a clock: start, pause, resume, reset, skip; read-outs from timestamps.

    States: "ready" -> "running" <-> "paused" -> "finished". `start()` is idempotent (it resumes a
    paused timer); `pause()`/`resume()` do nothing when they do not apply; `reset()` goes back to
    "ready". Elapsed time = time banked while paused + (now - the moment it last started).
    """

    def __init__(self, program: Sequence[Phase], clock: Callable[[], float] = time.monotonic):
        if not callable(clock):
            raise ValueError(f"clock must be a function returning seconds; got {type(clock).__name__}")
        self.program: tuple[Phase, ...] = check_program(program)
        self.clock = clock
        ends, total = [], 0.0
        for phase in self.program:
            total += phase.seconds
            ends.append(total)
        self._ends = ends  # running end time of each phase, seconds from the start
        self.total = ends[-1]
        self._banked = 0.0  # elapsed seconds not counting the current run
        self._run_start: float | None = None  # clock reading when the current run began
        self._started = False  # started since the last reset (so a pause at 0:00 is still a pause)

    # -- controls --
    def start(self) -> None:
        """Start (or resume) the timer; nothing happens when it is already running or finished."""
        if self._run_start is None and not self.finished:
            self._run_start = self.clock()
            self._started = True

    def pause(self) -> None:
        """Freeze the timer; nothing happens unless it is running."""
        if self._run_start is not None:
            self._banked = self.elapsed
            self._run_start = None

    def resume(self) -> None:
        """Carry on after a pause; nothing happens unless it is paused."""
        if self.state == PAUSED:
            self.start()

    def toggle(self) -> None:
        """What a Start/Pause button does: pause when running, otherwise start."""
        if self.running:
            self.pause()
        else:
            self.start()

    def reset(self) -> None:
        """Back to the start of the first phase, stopped."""
        self._banked = 0.0
        self._run_start = None
        self._started = False

    def skip(self) -> None:
        """Jump to the start of the next phase (or the end), keeping running or paused as it was."""
        if self.finished:
            return
        target = self._ends[self.phase_index]
        if self._run_start is not None:
            self._run_start = self.clock()
        self._banked = target

    # -- read-outs --
    @property
    def elapsed(self) -> float:
        """Seconds of the program played so far (0 to total)."""
        elapsed = self._banked
        if self._run_start is not None:
            elapsed += max(0.0, self.clock() - self._run_start)
        return min(elapsed, self.total)

    @property
    def finished(self) -> bool:
        return self.elapsed >= self.total

    @property
    def running(self) -> bool:
        return self._run_start is not None and not self.finished

    @property
    def state(self) -> str:
        if self.finished:
            return FINISHED
        if self._run_start is not None:
            return RUNNING
        return PAUSED if self._started else READY

    def _index_at(self, elapsed: float) -> int:
        return bisect.bisect_right(self._ends, elapsed)

    @property
    def phase_index(self) -> int:
        """Index of the current phase; len(program) once finished."""
        return self._index_at(self.elapsed)

    @property
    def phase(self) -> Phase | None:
        """The current phase, or None once finished."""
        index = self.phase_index
        return self.program[index] if index < len(self.program) else None

    @property
    def next_phase(self) -> Phase | None:
        """The phase after the current one, or None."""
        index = self.phase_index + 1
        return self.program[index] if index < len(self.program) else None

    @property
    def phase_remaining(self) -> float:
        """Seconds left in the current phase (0 once finished)."""
        elapsed = self.elapsed
        index = self._index_at(elapsed)
        return self._ends[index] - elapsed if index < len(self.program) else 0.0

    @property
    def total_remaining(self) -> float:
        """Seconds left in the whole program."""
        return self.total - self.elapsed

    def snapshot(self) -> dict:
        """Every read-out at one clock reading (what a display draws in one go)."""
        elapsed = self.elapsed
        index = self._index_at(elapsed)
        done = index >= len(self.program)
        return {
            "state": self.state,
            "elapsed": elapsed,
            "phase_index": index,
            "phase": None if done else self.program[index],
            "next_phase": self.program[index + 1] if index + 1 < len(self.program) else None,
            "phase_remaining": 0.0 if done else self._ends[index] - elapsed,
            "total_remaining": self.total - elapsed,
        }

    def seconds_to_next_change(self) -> float:
        """How long until the shown whole second (m:ss, rounded up) or the phase changes."""
        remaining = self.phase_remaining
        if remaining <= 0:
            return 0.0
        fraction = remaining - math.floor(remaining)
        return fraction if fraction > 1e-9 else 1.0

    def __repr__(self) -> str:
        return (
            f"TimerEngine({len(self.program)} phases, {format_seconds(self.total)} total, "
            f"{self.state}, {format_seconds(self.total_remaining)} left)"
        )


def schedule(program: Sequence[Phase], side_word: str = "leg"):
    """The program as a table (HTML plus plain text): for a handout, or where widgets do not show."""
    from hipcontent.views.display import HTMLBlock

    phases = check_program(program)
    rows, start = [], 0.0
    for number, phase in enumerate(phases, 1):
        side = f"{phase.side} {side_word}" if phase.side else ""
        what = " · ".join(part for part in (phase.exercise, phase.label, phase.cue) if part)
        rows.append((str(number), format_seconds(start), KIND_WORDS[phase.kind], side,
                     format_seconds(phase.seconds), what))
        start += phase.seconds
    caption = f"Timer schedule: {len(phases)} phases, {format_seconds(program_seconds(phases))} in all"
    return HTMLBlock.table(caption, ("#", "Starts", "Phase", "Side", "Length", "What"), rows)

"""The timer constructors a coach uses, shared by the browser-side timer (clock.py) and the
kernel-side one (timer.py): each builds a program with hipcontent.timing.timers, gives it a title,
and passes it to `cls(program, **options)`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from hipcontent.timing import timers
from hipcontent.timing.program import MAX_SESSION_EXERCISES, SIDES

if TYPE_CHECKING:
    from hipcontent.content.exercises import DosagePreset, Exercise, ExerciseLibrary


class TimerConstructors:
    @classmethod
    def _exercise_options(cls, found: list[Exercise], options: dict, library: ExerciseLibrary | None = None) -> dict:
        """Options a timer adds for the exercises it plays (the browser timer shows their steps)."""
        return options

    @classmethod
    def countdown(cls, seconds: float, *, cue: str = "", **options):
        """A single countdown of `seconds`."""
        program = timers.countdown(seconds, cue=cue)
        options.setdefault("title", f"Countdown {timers.format_seconds(program[0].seconds)}")
        return cls(program, **options)

    @classmethod
    def intervals(cls, work: float, rest: float, rounds: int, **options):
        """`rounds` rounds of `work` seconds then `rest` seconds."""
        program = timers.intervals(work, rest, rounds)
        options.setdefault(
            "title", f"Intervals: {rounds} × {timers.format_seconds(work)} work, {timers.format_seconds(rest)} rest"
        )
        return cls(program, **options)

    @classmethod
    def alternating(
        cls, seconds_per_side: float, sides: Sequence[str] = SIDES, switch: float | None = 10,
        *, rounds: int = 1, cue: str = "", **options,
    ):
        """Holds of `seconds_per_side` on each side in turn, `switch` seconds to change sides."""
        program = timers.alternating(seconds_per_side, sides, switch, rounds=rounds, cue=cue)
        options.setdefault("title", f"Alternating holds: {timers.format_seconds(seconds_per_side)} per side")
        return cls(program, **options)

    @classmethod
    def for_exercise(
        cls,
        exercise: Exercise | str,
        preset: DosagePreset | str | None = None,
        *,
        library: ExerciseLibrary | None = None,
        **options,
    ):
        """One exercise at a dosage preset: an `Exercise`, or its id in `library` (None: the
        built-in library; pass the library you loaded to time your own exercises)."""
        found = timers.resolve_exercise(exercise, library)
        chosen = timers.resolve_preset(found, preset)
        program = timers.exercise_program(found, chosen)
        options.setdefault("title", found.name if preset is None else f"{found.name} ({chosen.id})")
        options.setdefault("side_word", "side")  # the library's cues speak of sides
        return cls(program, **cls._exercise_options([found], options, library))

    @classmethod
    def for_session(
        cls,
        exercises: Iterable[Exercise | str],
        rest_between: float | None = 30,
        *,
        preset: DosagePreset | str | None = None,
        library: ExerciseLibrary | None = None,
        **options,
    ):
        """A whole session: each exercise in turn, `rest_between` seconds between them."""
        if isinstance(exercises, (str, bytes)) or not isinstance(exercises, Iterable):
            raise ValueError(f"exercises must be a list of exercises or their ids; got {type(exercises).__name__}")
        found = [timers.resolve_exercise(item, library)
                 for item in itertools.islice(exercises, MAX_SESSION_EXERCISES + 1)]  # read once, bounded
        if len(found) > MAX_SESSION_EXERCISES:
            raise ValueError(f"exercises: a session may have at most {MAX_SESSION_EXERCISES} exercises")
        program = timers.session_program(found, rest_between, preset=preset, library=library)
        options.setdefault("title", f"Session: {len(found)} exercise{'s' if len(found) != 1 else ''}")
        options.setdefault("side_word", "side")
        return cls(program, **cls._exercise_options(found, options, library))

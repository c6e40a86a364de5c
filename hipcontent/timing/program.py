"""A timer program: the ordered phases of an exercise or a session, and the bounds on every number.

The exercise library derives programs from each exercise's dosage; the timer engine and its
widgets play them. This module is the contract between the two and checks every phase.

The bounds below are the ONE place the course says how long a timer may run. The timer builders
(`hipcontent.timing.timers`), the session planner and the exercise data checks all use them:

    a phase            1 s to 1 hour      (no 1-ns phase, no 1e12-s countdown)
    rounds, sets       1 to 100           (no 10**8 rounds)
    a whole program    at most 4 hours    (a coached session, not a day), so at most 14,400 phases
    a session          at most 1,000 exercises
    a text in a phase  at most 500 characters (cue, exercise name, label); a title at most 200
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

PHASE_KINDS = ("prep", "work", "hold", "switch", "rest")
KIND_WORDS = {"prep": "Get ready", "work": "Work", "hold": "Hold", "switch": "Switch sides", "rest": "Rest"}
SIDES = ("right", "left")

MIN_PHASE_SECONDS = 1
MAX_PHASE_SECONDS = 3600
MAX_ROUNDS = 100
MAX_PROGRAM_SECONDS = 4 * 3600
MAX_PROGRAM_PHASES = MAX_PROGRAM_SECONDS // MIN_PHASE_SECONDS  # 1-s phases filling 4 hours
MAX_SESSION_EXERCISES = 1000
MAX_PHASE_TEXT = 500
MAX_TITLE_TEXT = 200
MAX_PHASE_REPS = 1000  # counted reps in one phase
MAX_TEMPO_STEPS = 8  # steps of one rep's tempo ("Lower 2 s", "Raise 2 s")
MIN_TEMPO_SECONDS = 0.25
MAX_TEMPO_SECONDS = 60
MAX_TEMPO_ACTION = 40


def check_seconds(name: str, value: object, *, low: float = MIN_PHASE_SECONDS, high: float = MAX_PHASE_SECONDS) -> float:
    """`value` as float seconds within [low, high], or a ValueError that starts with `name`.

    Any real number is accepted (int, float, numpy numbers); bool, text, NaN and infinity are not.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a number of seconds; got {shown(value)} ({type(value).__name__})")
    try:
        seconds = float(value)
    except (OverflowError, ValueError):  # 10**400: too large for any clock
        raise ValueError(f"{name} must be from {low:g} to {high:g} seconds; got {shown(value)}") from None
    if not math.isfinite(seconds):
        raise ValueError(f"{name} must be a finite number of seconds; got {shown(value)}")
    if not low <= seconds <= high:
        raise ValueError(f"{name} must be from {low:g} to {high:g} seconds; got {shown(value)}")
    return seconds


def shown(value: object, limit: int = 60) -> str:
    """repr(value) cut to `limit` characters, for an error message (10**400 has 401 digits)."""
    try:
        text = repr(value)
    except Exception:  # a repr that fails, or an int too long to print
        return f"a {type(value).__name__}"
    return text if len(text) <= limit else f"{text[:limit - 12]}... ({len(text)} characters)"


def check_text(name: str, value: object, limit: int = MAX_PHASE_TEXT) -> str:
    """`value` as text of at most `limit` characters that can be written to a file (no lone surrogate)."""
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text; got {shown(value)} ({type(value).__name__})")
    if len(value) > limit:
        raise ValueError(f"{name} must be at most {limit} characters; got {len(value)}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValueError(
            f"{name} holds a broken character at position {error.start} (a lone surrogate, "
            f"{value[error.start]!r}): retype that part of the text"
        ) from None
    return value


def check_count(name: str, value: object, *, high: int = MAX_ROUNDS) -> int:
    """`value` as a whole number from 1 to `high` (numpy integers accepted), else a ValueError naming it."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be a whole number (1 or more); got {shown(value)} ({type(value).__name__})")
    if not 1 <= value <= high:
        raise ValueError(f"{name} must be from 1 to {high}; got {shown(value)}")
    return int(value)


@dataclass(frozen=True)
class Phase:
    """One phase of a timer program.

    kind: one of PHASE_KINDS; seconds: its duration (MIN_PHASE_SECONDS to MAX_PHASE_SECONDS);
    side: "right", "left" or None when both or neither; cue: what to do, in words; exercise:
    the exercise's name (whole sessions mix exercises); label: where we are, e.g. "Set 1 of 2".

    exercise_id: the exercise's id ("" for a plain timer). Identity is the id: the timer and the
    player look an exercise's steps, cues and picture up by it, never by the display name.
    reps: counted reps in this phase (0: not counted; the screen shows "rep 4 of 10").
    tempo: one rep's steps as (action, seconds) pairs, e.g. (("Lower", 2.0), ("Raise", 2.0));
    empty: each rep lasts seconds / reps. side_label: what the exercise calls this side
    ("right knee down"); "" means "right side"/"left side".
    """

    kind: str
    seconds: float
    side: str | None = None
    cue: str = ""
    exercise: str = ""
    label: str = ""
    exercise_id: str = ""
    reps: int = 0
    tempo: tuple[tuple[str, float], ...] = ()
    side_label: str = ""

    def __post_init__(self):
        if not isinstance(self.kind, str) or self.kind not in PHASE_KINDS:
            raise ValueError(f"phase kind must be one of {', '.join(PHASE_KINDS)}; got {shown(self.kind)}")
        object.__setattr__(self, "seconds", check_seconds("phase seconds", self.seconds))
        if self.side is not None and (not isinstance(self.side, str) or self.side not in SIDES):
            raise ValueError(f"phase side must be 'right', 'left' or None; got {shown(self.side)}")
        for field in ("cue", "exercise", "label", "exercise_id", "side_label"):
            check_text(f"phase {field}", getattr(self, field))
        if isinstance(self.reps, bool) or not isinstance(self.reps, numbers.Integral):
            raise ValueError(f"phase reps must be a whole number (0: not counted); got {self.reps!r}")
        if not 0 <= self.reps <= MAX_PHASE_REPS:
            raise ValueError(f"phase reps must be from 0 to {MAX_PHASE_REPS}; got {self.reps!r}")
        object.__setattr__(self, "reps", int(self.reps))
        object.__setattr__(self, "tempo", check_tempo(self.tempo))
        if self.tempo and not self.reps:
            raise ValueError("a phase with a tempo must count its reps: give reps (1 or more)")


def check_tempo(tempo: object, name: str = "phase tempo") -> tuple[tuple[str, float], ...]:
    """One rep's tempo as ((action, seconds), ...), or a ValueError starting with `name`.

    Accepts pairs or objects with `action` and `seconds` (content.exercise_models.TempoStep).
    """
    if isinstance(tempo, (str, bytes)) or not isinstance(tempo, (tuple, list)):
        raise ValueError(f"{name} must be a list of (action, seconds) steps; got {type(tempo).__name__}")
    if len(tempo) > MAX_TEMPO_STEPS:
        raise ValueError(f"{name} may have at most {MAX_TEMPO_STEPS} steps; got {len(tempo)}")
    steps = []
    for index, step in enumerate(tempo):
        if hasattr(step, "action") and hasattr(step, "seconds"):
            action, seconds = step.action, step.seconds
        elif isinstance(step, (tuple, list)) and len(step) == 2:
            action, seconds = step
        else:
            raise ValueError(f"{name}[{index}] must be an (action, seconds) pair; got {step!r}")
        if not isinstance(action, str) or not action.strip() or len(action) > MAX_TEMPO_ACTION:
            raise ValueError(f"{name}[{index}] action must be a word or two (1 to {MAX_TEMPO_ACTION} characters); "
                             f"got {action!r}")
        steps.append((action, check_seconds(f"{name}[{index}] seconds", seconds,
                                            low=MIN_TEMPO_SECONDS, high=MAX_TEMPO_SECONDS)))
    return tuple(steps)

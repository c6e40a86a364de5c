"""A timer whose clock runs in the browser: it keeps counting whatever the kernel does.

`BrowserTimer(program)` is an anywidget: the kernel sends the program (a list of
`hipcontent.timing.program.Phase`) and the settings once; the browser keeps the time from
`performance.now()` timestamps (never by counting ticks), plays the cues (Web Audio tones,
spoken words through the browser's speech synthesis, a flash on screen with each one), keeps the
screen awake while it runs, and reports its state back to the kernel (`state`, `phase_index`,
`remaining`, `elapsed`) when a phase changes or it is paused, not every frame.

Its front end is `hipcontent/widgets/static/clock.js` and `clock.css`: the same two files make
the stand-alone player (`hipcontent.printing.player.save_player`), so the two never disagree.
Projector and compact layouts, words, symbols and colours are those of the kernel-side
`ExerciseTimer` (hipcontent.widgets.timer.PHASE_LOOK).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import anywidget
import traitlets

from hipcontent.timing import timers
from hipcontent.timing.program import Phase
from hipcontent.timing.sound import CUES
from hipcontent.widgets.cells import CellOwned, StableText
from hipcontent.widgets.constructors import TimerConstructors

if TYPE_CHECKING:
    from hipcontent.content.exercises import Exercise

__all__ = ["BrowserTimer", "exercise_details", "phase_record", "timer_payload"]

STATIC = Path(__file__).resolve().parent / "static"
SIZES = ("projector", "compact")
MAX_TITLE = 500


@cache
def static_text(name: str) -> str:
    """The text of one front-end file (clock.js or clock.css)."""
    if name not in ("clock.js", "clock.css"):
        raise ValueError(f"no front-end file {name!r}; use clock.js or clock.css")
    return (STATIC / name).read_text(encoding="utf-8")


def phase_record(phase: Phase) -> dict:
    """One phase as JSON-ready data (what the browser plays)."""
    return {
        "kind": phase.kind,
        "seconds": float(phase.seconds),
        "side": phase.side,
        "cue": phase.cue,
        "exercise": phase.exercise,
        "label": phase.label,
    }


def check_program(program: object, name: str = "program") -> tuple[Phase, ...]:
    """The program as a tuple of Phase, or a ValueError naming what is wrong."""
    if isinstance(program, (str, bytes)) or not isinstance(program, Iterable):
        raise ValueError(f"{name} must be a list of Phase objects; got {type(program).__name__}")
    phases = tuple(program)
    if not phases:
        raise ValueError(f"{name} is empty: a timer needs at least one phase")
    for index, phase in enumerate(phases):
        if not isinstance(phase, Phase):
            raise ValueError(f"{name}[{index}] must be a hipcontent.timing.program.Phase; got {type(phase).__name__}")
    return phases


def _check_text(name: str, value: object, limit: int = MAX_TITLE) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text; got {type(value).__name__}")
    if len(value) > limit:
        raise ValueError(f"{name} must be at most {limit} characters; got {len(value)}")
    return value


def _check_flag(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{name} must be True or False; got {value!r}")
    return value


def default_title(program: Sequence[Phase]) -> str:
    """The exercise's name when the program has one exercise, else "Session: N exercises" or "Timer"."""
    names = list(dict.fromkeys(phase.exercise for phase in program if phase.exercise))
    if len(names) == 1:
        return names[0]
    if len(names) > 1:
        return f"Session: {len(names)} exercises"
    return "Timer"


def exercise_details(exercise: Exercise) -> dict:
    """What the player shows beside the timer while an exercise plays: summary, steps, cues."""
    return {
        "summary": exercise.summary,
        "steps": list(exercise.steps),
        "cues": list(exercise.cues),
    }


def timer_payload(
    program: Sequence[Phase],
    *,
    title: str | None = None,
    size: str = "projector",
    sound: bool = True,
    voice: bool = True,
    side_word: str = "leg",
    exercises: dict | None = None,
) -> dict:
    """Everything the browser needs, as JSON-ready data: program, look, fonts, cue tones, settings.

    exercises: exercise name -> exercise_details(...), shown by the player as each one plays.
    """
    from hipcontent.widgets.timer import _FONTS, PHASE_LOOK

    phases = check_program(program)
    if size not in SIZES:
        raise ValueError(f"size must be 'projector' or 'compact'; got {size!r}")
    title = default_title(phases) if title is None or title == "" else _check_text("title", title)
    return {
        "title": title,
        "size": size,
        "sound": _check_flag("sound", sound),
        "voice": _check_flag("voice", voice),
        "side_word": _check_text("side_word", side_word, 40),
        "phases": [phase_record(phase) for phase in phases],
        "look": {kind: list(look) for kind, look in PHASE_LOOK.items()},
        "fonts": list(_FONTS[size]),
        "cues": {name: [list(note) for note in notes] for name, notes in CUES.items() if name != "silence"},
        "exercises": exercises or {},
    }


# Re-running a cell closes the timers its earlier run made (their clocks and sounds stop).
CELLS = CellOwned()


class BrowserTimer(TimerConstructors, StableText, anywidget.AnyWidget):
    """A projector or compact timer that keeps its own clock in the browser.

    program: a list of Phase. title: shown above the panel (default: the exercise's name).
    size: "projector" (big digits for a room) or "compact". sound, voice: start with tones /
    spoken cues on. side_word: what a side is called ("leg"; the exercise library says "side").
    exercises: exercise name -> exercise_details(exercise), for the player's steps and cues
    (for_exercise and for_session fill it in).

    Read back from the browser: `state` ("ready", "running", "paused", "finished"),
    `phase_index`, `remaining` (seconds left in the phase) and `elapsed`, as of the last phase
    change, pause or button press. `start()`, `pause()`, `reset()`, `skip()`, `back()` and
    `add_time()` ask the browser to do the same as the buttons.
    """

    _esm = static_text("clock.js")
    _css = static_text("clock.css")

    payload = traitlets.Unicode("{}").tag(sync=True)
    _key = traitlets.Unicode("").tag(sync=True)
    _resume = traitlets.Unicode("").tag(sync=True)  # the browser's clock as last reported (for a page reload)
    state = traitlets.Unicode("ready").tag(sync=True)
    phase_index = traitlets.Int(0).tag(sync=True)
    remaining = traitlets.Float(0.0).tag(sync=True)
    elapsed = traitlets.Float(0.0).tag(sync=True)
    sound = traitlets.Bool(True).tag(sync=True)
    voice = traitlets.Bool(True).tag(sync=True)

    def __init__(
        self,
        program: Sequence[Phase],
        *,
        title: str | None = None,
        size: str = "projector",
        sound: bool = True,
        voice: bool = True,
        side_word: str = "leg",
        exercises: dict | None = None,
    ):
        data = timer_payload(
            program, title=title, size=size, sound=sound, voice=voice, side_word=side_word, exercises=exercises
        )
        self.program: tuple[Phase, ...] = check_program(program)
        self.title: str = data["title"]
        self.size: str = size
        self.side_word: str = side_word
        super().__init__(
            payload=json.dumps(data, ensure_ascii=False, separators=(",", ":")),
            _key=uuid.uuid4().hex,
            remaining=float(self.program[0].seconds),
            sound=sound,
            voice=voice,
        )
        CELLS.adopt(self, lambda old: old.close())

    @classmethod
    def _exercise_options(cls, found, options: dict) -> dict:
        options.setdefault("exercises", {item.name: exercise_details(item) for item in found})
        return options

    # -- the same as the buttons, from the kernel --
    def _command(self, command: str) -> None:
        self.send({"command": command})

    def start(self) -> None:
        """Start or resume (no sound until someone has clicked the page: a browser rule)."""
        self._command("start")

    def pause(self) -> None:
        self._command("pause")

    def reset(self) -> None:
        self._command("reset")

    def skip(self) -> None:
        self._command("next")

    def back(self) -> None:
        self._command("back")

    def add_time(self) -> None:
        """Add 30 seconds to the phase now playing."""
        self._command("add")

    # -- words --
    @property
    def total_seconds(self) -> float:
        return timers.program_seconds(self.program)

    def schedule(self):
        """The whole program as a table: a handout, or a fallback where widgets do not show."""
        return timers.schedule(self.program, self.side_word)

    def __repr__(self) -> str:
        count = len(self.program)
        return (
            f"Timer: {self.title} — {count} phase{'s' if count != 1 else ''}, "
            f"{timers.format_seconds(self.total_seconds)} total"
        )


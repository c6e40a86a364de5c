"""A timer whose clock runs in the browser: it keeps counting whatever the kernel does.

`BrowserTimer(program)` is an anywidget: the kernel sends the program (a list of
`hipcontent.timing.program.Phase`) and the settings once; the browser keeps the time from
`performance.now()` timestamps (never by counting ticks), plays the cues (Web Audio tones,
spoken words through the browser's speech synthesis, a flash on screen with each one), keeps the
screen awake while it runs, and reports its state back to the kernel (`state`, `phase_index`,
`remaining`, `elapsed`) when a phase changes or it is paused, not every frame.

What it sends is built by `hipcontent.timing.payload.timer_payload` (this module only attaches each
exercise's picture, by id). Its front end is `hipcontent/widgets/static/clock_*.js` (by role:
rules, voice, controller, picture, view) and `clock.js` (the anywidget entry), joined in that order
by `static_text("clock.js")`, and `clock.css`: the same text makes the stand-alone player
(`hipcontent.printing.player.save_player`), so the two never disagree. Projector and compact
layouts, words, symbols and colours are those of the kernel-side `ExerciseTimer`
(hipcontent.timing.payload.PHASE_LOOK).
"""

from __future__ import annotations

import itertools
import json
import math
import uuid
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import anywidget
import traitlets

from hipcontent.timing import timers
from hipcontent.timing.payload import exercise_details as text_details
from hipcontent.timing.payload import phase_record, timer_payload
from hipcontent.timing.program import MAX_PROGRAM_SECONDS, MAX_SESSION_EXERCISES, Phase
from hipcontent.widgets.cells import CellOwned, StableText
from hipcontent.widgets.constructors import TimerConstructors

if TYPE_CHECKING:
    from hipcontent.content.exercises import Exercise, ExerciseLibrary

__all__ = ["BrowserTimer", "exercise_details", "exercise_pictures", "phase_record", "timer_payload"]

STATIC = Path(__file__).resolve().parent / "static"
STATES = ("ready", "running", "paused", "finished")
MAX_ADDED_SECONDS = 3600  # +30 s presses the browser accepts on top of a program (clock_rules.js)
# The front end by role, joined in dependency order (anywidget loads `_esm` from a blob: URL, where
# relative imports cannot resolve; the player inlines the same text). Pure timing and cue rules
# (clock_rules.js) stay apart from the DOM, so `node --test` can run them.
CLOCK_MODULES = ("clock_rules.js", "clock_voice.js", "clock_controller.js", "clock_picture.js", "clock_view.js",
                 "clock.js")
LOCAL_IMPORT = "import "  # a line starting so and naming "./..." is dropped when the modules are joined


@cache
def static_text(name: str) -> str:
    """The text of one front-end file: clock.js (every module, joined) or clock.css."""
    if name == "clock.css":
        return (STATIC / name).read_text(encoding="utf-8")
    if name != "clock.js":
        raise ValueError(f"no front-end file {name!r}; use clock.js or clock.css")
    parts = []
    for module in CLOCK_MODULES:
        lines = (STATIC / module).read_text(encoding="utf-8").splitlines()
        kept = [line for line in lines if not (line.startswith(LOCAL_IMPORT) and '"./' in line)]
        if any(line.startswith(LOCAL_IMPORT) for line in kept):  # a module's imports are one line each
            raise ValueError(f"{module}: write each import of a sibling module on one line")
        parts.append(f"// ---- {module} ----\n" + "\n".join(kept))
    return "\n".join(parts) + "\n"


def exercise_pictures(exercises: Iterable[Exercise]) -> dict[str, str]:
    """exercise id -> its drawing as one self-contained <svg> (hipcontent.figures.pictures), once per id."""
    try:
        from hipcontent.figures.pictures import exercise_svg
    except ImportError:  # the drawings module is not there: words only
        return {}
    pictures: dict[str, str] = {}
    for exercise in exercises:
        if exercise.id not in pictures:
            pictures[exercise.id] = exercise_svg(exercise)
    return pictures


def exercise_details(exercise: Exercise, library: ExerciseLibrary | None = None) -> dict:
    """timing.payload.exercise_details with the exercise's picture: what a screen shows for one id."""
    details = text_details(exercise, library)
    details.update({"picture": svg} if (svg := exercise_pictures([exercise]).get(exercise.id)) else {})
    return details


def exercise_objects(exercises: object) -> list[Exercise]:
    """The Exercise objects among `exercises` (a list, or a mapping's values): those get pictures."""
    from hipcontent.content.exercises import Exercise

    values = exercises.values() if isinstance(exercises, Mapping) else exercises
    if not isinstance(values, (list, tuple, type({}.values()))):
        return []
    return [item for item in values if isinstance(item, Exercise)]


def bounded_exercises(exercises: object) -> object:
    """`exercises` with any one-shot iterable read once, at most MAX_SESSION_EXERCISES + 1 items
    (timer_payload refuses more); a list, tuple, mapping or None as given; else a ValueError."""
    if exercises is None or isinstance(exercises, (Mapping, list, tuple)):
        return exercises
    if isinstance(exercises, (str, bytes)) or not isinstance(exercises, Iterable):
        raise ValueError(
            "exercises must be a list of Exercise objects or a mapping from exercise id to an Exercise; "
            f"got {type(exercises).__name__}"
        )
    return list(itertools.islice(exercises, MAX_SESSION_EXERCISES + 1))


def screen_payload(program: Iterable[Phase], *, exercises: object = None, library=None, **options) -> dict:
    """timer_payload(...) with each Exercise's picture attached by id (hipcontent.figures.pictures)."""
    exercises = bounded_exercises(exercises)
    pictures = exercise_pictures(exercise_objects(exercises))
    return timer_payload(program, exercises=exercises, library=library, pictures=pictures, **options)


# Re-running a cell closes the timers its earlier run made (their clocks and sounds stop).
CELLS = CellOwned()


class BrowserTimer(TimerConstructors, StableText, anywidget.AnyWidget):
    """A projector or compact timer that keeps its own clock in the browser.

    program: a list of Phase. title: shown above the panel (default: the exercise's name).
    size: "projector" (big digits for a room) or "compact". sound, voice: start with tones /
    spoken cues on. side_word: what a side is called ("leg"; the exercise library says "side").
    exercises: the Exercises the program plays (or a mapping id -> Exercise or exercise_details),
    looked up by each phase's exercise_id for the picture, easier/harder line and the player's
    steps and cues (for_exercise and for_session fill it in). library: where their progression
    links are looked up (None: the built-in library).

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
        program: Iterable[Phase],
        *,
        title: str | None = None,
        size: str = "projector",
        sound: bool = True,
        voice: bool = True,
        side_word: str = "leg",
        exercises: object = None,
        library: ExerciseLibrary | None = None,
    ):
        program = timers.check_program(program)  # timing's one check: read once, lazily, within its bounds
        data = screen_payload(
            program, title=title, size=size, sound=sound, voice=voice, side_word=side_word, exercises=exercises,
            library=library,
        )
        self.program: tuple[Phase, ...] = program
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

    # What the browser reports is checked like any input (a damaged saved notebook, a stray message):
    # never NaN, never a phase or remainder the program does not have.
    @traitlets.validate("phase_index")
    def _valid_index(self, proposal) -> int:
        return min(max(0, int(proposal["value"])), len(getattr(self, "program", ())) or 0)

    @traitlets.validate("remaining", "elapsed")
    def _valid_seconds(self, proposal) -> float:
        value = proposal["value"]
        if not math.isfinite(value) or value < 0:
            return 0.0
        return min(value, MAX_PROGRAM_SECONDS + MAX_ADDED_SECONDS)

    @traitlets.validate("state")
    def _valid_state(self, proposal) -> str:
        return proposal["value"] if proposal["value"] in STATES else "ready"

    @classmethod
    def _exercise_options(cls, found, options: dict, library=None) -> dict:
        options.setdefault("exercises", list(found))
        options.setdefault("library", library)
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

    def unrun_name(self) -> str:
        """An unrun lesson shows "▶ The timer "Supine toe tap" needs Python: …" in its place."""
        return f'The timer "{self.title}"'

    def __repr__(self) -> str:
        count = len(self.program)
        return (
            f"Timer: {self.title} — {count} phase{'s' if count != 1 else ''}, "
            f"{timers.format_seconds(self.total_seconds)} total"
        )


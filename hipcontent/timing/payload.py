"""What a timer screen plays, as JSON-ready data: the program, each exercise's details by id, the look.

The browser timer (`hipcontent.widgets.clock.BrowserTimer`) and the stand-alone player
(`hipcontent.printing.player`) both send `timer_payload(...)` to the same front end, so the two
never disagree. No widget module builds it.

Identity is the id: every phase carries its exercise's `exercise_id`, and `exercises` in the
payload maps each id to that exercise's details (name, summary, steps, cues, easier and harder
options, and the picture the widget or player layer attaches by id). A coach's variant with a
built-in's name but its own id therefore shows its own steps.

Every count is bounded: the program by `timers.check_program` (at most 14,400 phases and 4 hours,
any iterable read once and lazily), the exercises by MAX_SESSION_EXERCISES, every text and
picture by a length.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from hipcontent.figures.palette import PHASE_COLOURS
from hipcontent.timing.program import MAX_PHASE_TEXT, MAX_SESSION_EXERCISES, Phase, check_text, shown
from hipcontent.timing.sound import CUES
from hipcontent.timing.timers import check_program

if TYPE_CHECKING:
    from hipcontent.content.exercises import Exercise, ExerciseLibrary

__all__ = ["FONTS", "PHASE_LOOK", "SIZES", "exercise_details", "phase_record", "timer_payload"]

# kind -> (word, icon, background, text colour). Black text on every Okabe-Ito colour but blue.
PHASE_LOOK = {
    "prep": ("GET READY", "◔", PHASE_COLOURS["prep"], "#000000"),
    "work": ("WORK", "▲", PHASE_COLOURS["work"], "#000000"),
    "hold": ("HOLD", "■", PHASE_COLOURS["hold"], "#000000"),
    "switch": ("SWITCH SIDES", "⇄", PHASE_COLOURS["switch"], "#000000"),
    "rest": ("REST", "●", PHASE_COLOURS["rest"], "#000000"),
    "done": ("DONE", "✓", PHASE_COLOURS["done"], "#FFFFFF"),
}
SIZES = ("projector", "compact")
FONTS = {  # size -> (title, phase word, digits, cue) CSS font sizes
    "projector": ("2rem", "clamp(2rem, 5vw, 4rem)", "clamp(5rem, 17vw, 15rem)", "clamp(1.3rem, 2.6vw, 2.2rem)"),
    "compact": ("1rem", "1.4rem", "3.2rem", "1rem"),
}
MAX_TITLE = 500
MAX_DETAIL_ITEMS = 50  # steps or cues of one exercise
MAX_PICTURE_CHARS = 400_000  # one exercise's drawing as SVG text
DETAIL_TEXT = ("id", "name", "summary")
DETAIL_LISTS = ("steps", "cues", "easier", "harder")


def phase_record(phase: Phase) -> dict:
    """One phase as JSON-ready data (what the browser plays)."""
    return {
        "kind": phase.kind,
        "seconds": float(phase.seconds),
        "side": phase.side,
        "cue": phase.cue,
        "exercise": phase.exercise,
        "label": phase.label,
        "exercise_id": phase.exercise_id,
        "reps": phase.reps,
        "tempo": [[action, float(seconds)] for action, seconds in phase.tempo],
        "side_label": phase.side_label,
    }


def _names(exercise: Exercise, library: ExerciseLibrary | None, which: str) -> list[str]:
    """The names of the exercise's easier ("regressions") or harder ("progressions") options, by id."""
    if library is not None and exercise.id in library and library[exercise.id] == exercise:
        found = library.regressions(exercise.id) if which == "regressions" else library.progressions(exercise.id)
        return [item.name for item in found]
    names = []
    for link in getattr(exercise, which):
        if library is not None and link.id in library:
            names.append(library[link.id].name)
    return names


def exercise_details(exercise: Exercise, library: ExerciseLibrary | None = None) -> dict:
    """What the screen shows beside the clock while an exercise plays, keyed in the payload by its id.

    id, name, summary, steps, cues, and the names of its easier and harder options (the library's
    progression links; `library`: the one the exercise came from, None: the built-in one).
    """
    from hipcontent.timing.timers import library_or_builtin

    library = library_or_builtin(library)
    return {
        "id": exercise.id,
        "name": exercise.name,
        "summary": exercise.summary,
        "steps": list(exercise.steps),
        "cues": list(exercise.cues),
        "easier": _names(exercise, library, "regressions"),
        "harder": _names(exercise, library, "progressions"),
    }


def _check_details(key: object, value: object) -> dict:
    """A details dict (as exercise_details makes), checked like any input; ValueError names `exercises`."""
    where = f"exercises[{key!r}]" if isinstance(key, str) and len(key) <= 80 else "exercises"
    if not isinstance(value, Mapping):
        raise ValueError(f"{where} must be an Exercise or exercise_details(exercise); got {type(value).__name__}")
    details: dict = {}
    for field in DETAIL_TEXT:
        details[field] = check_text(f"{where}[{field!r}]", value.get(field, ""), MAX_PHASE_TEXT * 4)
    for field in DETAIL_LISTS:
        items = value.get(field, [])
        if isinstance(items, (str, bytes)) or not isinstance(items, (list, tuple)) or len(items) > MAX_DETAIL_ITEMS:
            raise ValueError(f"{where}[{field!r}] must be a list of at most {MAX_DETAIL_ITEMS} texts")
        details[field] = [check_text(f"{where}[{field!r}][{i}]", item, MAX_PHASE_TEXT * 4)
                          for i, item in enumerate(items)]
    if "picture" in value:
        details["picture"] = _check_picture(where, value["picture"])
    return details


def _check_picture(where: str, svg: object) -> str:
    if not isinstance(svg, str) or not svg.lstrip().startswith("<svg") or len(svg) > MAX_PICTURE_CHARS:
        raise ValueError(f"{where} picture must be one <svg> drawing of at most {MAX_PICTURE_CHARS} characters")
    return svg


def exercises_by_id(
    exercises: object, program: Sequence[Phase], library: ExerciseLibrary | None = None
) -> dict[str, dict]:
    """`exercises` (Exercises, or a mapping to Exercises or details) as {exercise id: details}.

    A details dict that carries its own "id" is filed under that id, whatever its key says (so an
    old name-keyed mapping cannot show one exercise's steps for another). Ids the program never
    plays are left out.
    """
    from hipcontent.content.exercises import Exercise

    if exercises is None:
        return {}
    if isinstance(exercises, (str, bytes)) or not isinstance(exercises, Iterable):
        raise ValueError(
            "exercises must be a list of Exercise objects or a mapping from exercise id to an Exercise; "
            f"got {type(exercises).__name__}"
        )
    items = exercises.items() if isinstance(exercises, Mapping) else ((None, item) for item in exercises)
    played = {phase.exercise_id for phase in program if phase.exercise_id}
    found: dict[str, dict] = {}
    for count, (key, value) in enumerate(items):
        if count >= MAX_SESSION_EXERCISES:
            raise ValueError(f"exercises may hold at most {MAX_SESSION_EXERCISES} exercises")
        if isinstance(value, Exercise):
            details = exercise_details(value, library)
        elif key is None:
            raise ValueError(f"exercises[{count}] must be an Exercise; got {type(value).__name__}")
        else:
            if not isinstance(key, str):
                raise ValueError(f"exercises: every key must be an exercise id (text); got {type(key).__name__}")
            details = _check_details(key, value)
            if not details["id"]:
                details["id"] = key
        if details["id"] in played:
            found[details["id"]] = details
    return found


def _check_text(name: str, value: object, limit: int = MAX_TITLE) -> str:
    return check_text(name, value, limit)


def _check_flag(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{name} must be True or False; got {shown(value)}")
    return value


def default_title(program: Sequence[Phase]) -> str:
    """The exercise's name when the program has one exercise, else "Session: N exercises" or "Timer"."""
    names = list(dict.fromkeys(phase.exercise_id or phase.exercise for phase in program if phase.exercise))
    if len(names) == 1:
        return next(phase.exercise for phase in program if phase.exercise)
    if len(names) > 1:
        return f"Session: {len(names)} exercises"
    return "Timer"


def timer_payload(
    program: Iterable[Phase],
    *,
    title: str | None = None,
    size: str = "projector",
    sound: bool = True,
    voice: bool = True,
    side_word: str = "leg",
    exercises: object = None,
    library: ExerciseLibrary | None = None,
    pictures: Mapping[str, str] | None = None,
) -> dict:
    """Everything the browser needs, as JSON-ready data: program, look, fonts, cue tones, settings.

    program: any iterable of Phase, read once (timers.check_program: at most 14,400 phases, 4 hours).
    exercises: Exercises (or a mapping id -> Exercise or exercise_details), shown as each one plays.
    pictures: exercise id -> one <svg> drawing, attached once per id by the widget or player layer.
    """
    phases = check_program(program)
    if not isinstance(size, str) or size not in SIZES:
        raise ValueError(f"size must be 'projector' or 'compact'; got {shown(size)}")
    title = default_title(phases) if title is None or title == "" else _check_text("title", title)
    details = exercises_by_id(exercises, phases, library)
    if pictures is not None:
        if not isinstance(pictures, Mapping):
            raise ValueError(f"pictures must map exercise ids to SVG text; got {type(pictures).__name__}")
        for exercise_id, entry in details.items():
            if exercise_id in pictures:
                entry["picture"] = _check_picture(f"pictures[{exercise_id!r}]", pictures[exercise_id])
    return {
        "title": title,
        "size": size,
        "sound": _check_flag("sound", sound),
        "voice": _check_flag("voice", voice),
        "side_word": _check_text("side_word", side_word, 40),
        "phases": [phase_record(phase) for phase in phases],
        "look": {kind: list(look) for kind, look in PHASE_LOOK.items()},
        "fonts": list(FONTS[size]),
        "cues": {name: [list(note) for note in notes] for name, notes in CUES.items() if name != "silence"},
        "exercises": details,
        "pain_rule": _pain_rule() if any(phase.exercise_id for phase in phases) else "",
    }


def _pain_rule() -> str:
    """The course's one pain rule, verbatim (content.safety), shown while a class plays exercises."""
    from hipcontent.content.safety import load_safety

    return load_safety().pain_rule



# --- pieces for a front end that assembles a timer payload itself (the session form offline) -----

REST_NEXT = "{next}"  # where the next exercise's name goes in the rest template's cue
SCREEN_KEYS = ("size", "sound", "voice", "side_word", "look", "fonts", "cues")


def screen_settings(*, size: str = "projector", sound: bool = True, voice: bool = True, side_word: str = "leg") -> dict:
    """The keys of timer_payload(...) that do not depend on the program (size, sound, voice,
    side_word, look, fonts, cues), exactly as timer_payload writes them."""
    from hipcontent.timing.timers import change_of_exercise

    whole = timer_payload([change_of_exercise(1, "x")], size=size, sound=sound, voice=voice, side_word=side_word)
    return {key: whole[key] for key in SCREEN_KEYS}


def rest_template() -> dict:
    """The rest between two exercises of a session (timers.change_of_exercise) as a phase record,
    1 s long, its cue holding REST_NEXT where the next exercise's name goes: a front end sets
    "seconds" and replaces REST_NEXT to get what phase_record(change_of_exercise(s, name)) gives."""
    from hipcontent.timing.timers import change_of_exercise

    return phase_record(change_of_exercise(1, REST_NEXT))


def pain_rule() -> str:
    """The pain rule a payload carries when its program plays exercises ("" otherwise)."""
    return _pain_rule()

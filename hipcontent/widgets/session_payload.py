"""What the session form's front end needs to make any plan in the browser, with no kernel.

`browser_plan_data(offered, library, title)` is the part of the form's payload that lets
`static/session_plan.js` build, from the form's `chosen` and `rest` alone, what Python's
`SessionPlan` makes: the table (rows, caption), the total, the refusal words, the timer payload
(`plan.timer()`) and the stand-alone player page (`plan.save_player()`). For each offered exercise
and preset: its timer phases as `hipcontent.timing.payload.phase_record` writes them, its length,
its label and whether it can be timed; each exercise's details and picture once (what the player
shows beside the clock), its cautions and part of a class for the printed handout; the rest
template, the screen settings, the ready classes' lists and the player page's template.

`esm_text()` is the form's front end: session_plan.js, session_sheets.js, session_offline.js and
session_form.js joined in that order (anywidget loads `_esm` from a blob: URL, where relative imports cannot
resolve), like hipcontent.widgets.clock.static_text joins the clock's modules.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from hipcontent.coaching.session import default_section, make_item
from hipcontent.content.exercises import Exercise, ExerciseLibrary
from hipcontent.timing.payload import REST_NEXT, pain_rule, phase_record, rest_template, screen_settings
from hipcontent.timing.program import KIND_WORDS, MAX_PROGRAM_PHASES, MAX_PROGRAM_SECONDS, MAX_SESSION_EXERCISES
from hipcontent.widgets.clock import exercise_details

__all__ = ["FORM_MODULES", "browser_plan_data", "esm_text"]

STATIC = Path(__file__).resolve().parent / "static"
FORM_MODULES = ("session_plan.js", "session_sheets.js", "session_offline.js", "session_form.js")
ACTION_WORDS = {"stop": "STOP", "modify": "MODIFY", "see_clinician": "SEE A CLINICIAN"}  # printing.cards'


@cache
def esm_text() -> str:
    """The form's front end as one module (each `import ... "./x.js"` line dropped)."""
    parts = []
    for module in FORM_MODULES:
        lines = (STATIC / module).read_text(encoding="utf-8").splitlines()
        kept = [line for line in lines if not (line.startswith("import ") and '"./' in line)]
        if any(line.startswith("import ") for line in kept):
            raise ValueError(f"{module}: write each import of a sibling module on one line")
        parts.append(f"// ---- {module} ----\n" + "\n".join(kept))
    return "\n".join(parts) + "\n"


def dose_line(dosage) -> str:
    from hipcontent.printing.sheets import dose_line as words

    return words(dosage)


def sheet_options(exercise: Exercise) -> str:
    from hipcontent.printing.sheets import _options

    return _options(exercise)


def _preset(exercise: Exercise, preset, library: ExerciseLibrary) -> dict:
    option = preset.label if preset.timeable else f"{preset.label} (no pace: cannot be timed)"
    entry = {"id": preset.id, "label": preset.label, "option": option, "timeable": preset.timeable,
             "dose": preset.describe(), "dose_line": dose_line(preset), "phases": None, "seconds": 0.0, "error": ""}
    if not preset.timeable:
        return entry
    try:
        item = make_item(exercise, preset.id, library=library)
    except ValueError as error:  # the plan would refuse it in these words
        entry["error"] = str(error)
        return entry
    entry["phases"] = [phase_record(phase) for phase in item.program]
    entry["seconds"] = item.seconds
    return entry


def _exercise(exercise: Exercise, library: ExerciseLibrary) -> dict:
    return {
        "id": exercise.id,
        "name": exercise.name,
        "default": exercise.default_preset.id,
        "section": default_section(exercise),
        "has_picture": bool(exercise.diagram_pose),  # the class sheet draws only these (printing.sheets)
        "options": sheet_options(exercise),
        "details": exercise_details(exercise, library),  # what the player shows, its picture included
        "cautions": [[ACTION_WORDS.get(c.action, c.action.upper()), c.text] for c in exercise.cautions],
        "presets": [_preset(exercise, preset, library) for preset in exercise.dosage],
    }


def _ready(minutes: int, offered: dict[str, Exercise], library: ExerciseLibrary) -> dict:
    """A ready class as the form's "Start from this class" uses it, or the words of its refusal."""
    from hipcontent.coaching.ready import ready_class

    try:
        plan = ready_class(minutes, library=library)
    except ValueError as error:
        return {"error": str(error)}
    missing = [item.name for item in plan.items if item.exercise_id not in offered]
    if missing:
        return {"error": f"the {minutes}-minute class uses exercises this form does not offer ("
                + ", ".join(missing) + "): make the form without exercises= to offer the whole library"}
    return {"title": plan.title, "rest": int(round(plan.rest_between)),
            "items": [[item.exercise_id, item.preset] for item in plan.items]}


def browser_plan_data(offered: dict[str, Exercise], library: ExerciseLibrary, title: str,
                      ready: tuple[int, ...]) -> dict:
    """The payload keys session_plan.js reads (see the module docstring); `offered`: id -> Exercise."""
    from hipcontent.content.safety import load_safety
    from hipcontent.printing.handout import CLOSING_NOTE
    from hipcontent.printing.player import player_template
    from hipcontent.printing.sheets import CLOSING

    safety = load_safety()

    return {
        "plan_title": title,
        "title_repr": repr(title),  # how Python names the session in a refusal ("the session 'Session' ...")
        "exercises": [_exercise(exercise, library) for exercise in offered.values()],
        "rest_template": rest_template(),
        "rest_next": REST_NEXT,
        "screen": screen_settings(size="projector", side_word="side"),  # SessionPlan._timer_options
        "pain_rule": pain_rule(),
        "kind_words": dict(KIND_WORDS),
        "limits": {"max_exercises": MAX_SESSION_EXERCISES, "max_phases": MAX_PROGRAM_PHASES,
                   "max_seconds": MAX_PROGRAM_SECONDS},
        "ready_classes": {str(minutes): _ready(minutes, offered, library) for minutes in ready},
        "player_page": player_template(),
        "closing_note": CLOSING_NOTE,
        "sheet_closing": CLOSING,
        "safety": {"pain_rule": safety.pain_rule, "pain_rule_detail": safety.pain_rule_detail,
                   "stop_signs": list(safety.stop_signs), "refer": list(safety.refer),
                   "pregnancy_stop_signs": list(safety.pregnancy_stop_signs),
                   "screens": [[screen.name, screen.note, screen.url] for screen in safety.screens]},
    }


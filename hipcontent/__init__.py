"""hipcontent: the library behind the iliopsoas teaching notebooks.

`import hipcontent` is cheap: each public name is imported from its module on first use,
so a notebook pays for matplotlib or ipywidgets only when it draws or shows a widget.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

# Public name -> the submodule that defines it. One line per name, grouped by module.
_EXPORTS = {
    # course.py: the lesson catalogue
    "lessons": "course",
    "lesson_table": "course",
    # display.py: figures with alt text and captions, escaped HTML
    "AccessibleFigure": "display",
    # palette.py: colour-blind-safe colours
    "OKABE_ITO": "palette",
    # anatomy.py: sourced anatomy facts, fact cards and tables (issue #3)
    "fact_card": "anatomy",
    "comparison_table": "anatomy",
    "key_relations": "anatomy",
    "where_sources_disagree": "anatomy",
    "popular_claims_corrected": "anatomy",
    "anatomy_references": "anatomy",
    # diagrams.py: labelled front and side views of the iliopsoas (issue #3)
    "show_front_view": "diagrams",
    "show_anatomy_side_view": "diagrams",
    # model.py: the gait2392 psoas/iliacus path model (validated against OpenSim)
    "path_length": "model",
    "moment_arm": "model",
    "path_points": "model",
    "femur_rotation": "model",
    "length_and_moment_arm": "model",
    # function.py: the function lesson's curves, side view, hip-angle explorer, lunge stretch
    "show_flexion_curves": "function",
    "show_side_view": "function",
    "explore_hip_angles": "function",
    "HipAngleExplorer": "function",
    "lunge_stretch_table": "function",
    "hip_extension_lengthening": "function",
    "opensim_check": "function",
    # timers.py: timer programs and the drift-free engine (no widgets)
    "TimerEngine": "timers",
    "countdown": "timers",
    "intervals": "timers",
    "alternating": "timers",
    "exercise_program": "timers",
    "session_program": "timers",
    # timer_widget.py: projector and compact timer views (ipywidgets)
    "ExerciseTimer": "timer_widget",
    "session_timer": "timer_widget",
    "stop_all_timers": "timer_widget",
    # exercises.py: the exercise library (YAML + schema), queries, timer programs
    "load_library": "exercises",
    "ExerciseDataError": "exercises",
    "ExerciseLibrary": "exercises",
    "Exercise": "exercises",
    "phase_table": "exercises",
    "exercise_template": "exercises",
    # cards.py: exercise cards (HTML and printable PDF pages) and position diagrams
    "exercise_card": "cards",
    "exercise_table": "cards",
    "card_pages": "cards",
    "write_cards_pdf": "cards",
    "show_position": "cards",
    # style.py: projector style for figures (issue #8)
    "use_projector_style": "style",
    "projector_style": "style",
    # classroom.py: class links (issue #8)
    "nbgitpuller_link": "classroom",
    "binder_link": "classroom",
    # session.py: session builder, plan, handout (issue #8)
    "plan_session": "session",
    "SessionBuilder": "session",
    # quiz.py: self-check quizzes for every lesson (issue #7)
    "quiz_for": "quiz",
    "quiz_handout": "quiz",
    "load_quiz": "quiz",
    "QuizDataError": "quiz",
    # testing_figures.py: drawn test positions, shown with caption and alt text (issue #7)
    "show_seated_flexion_test": "testing_figures",
    "show_thomas_test": "testing_figures",
    "show_modified_thomas_test": "testing_figures",
    # evidence.py: lesson 03 claims with verdicts, myths, red flags, exercise cautions (issue #7)
    "claims_table": "evidence",
    "verdict_summary": "evidence",
    "myths_table": "evidence",
    "red_flags_table": "evidence",
    "exercise_cautions": "evidence",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    try:
        module_name = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'hipcontent' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(f"{__name__}.{module_name}"), name)
    globals()[name] = value  # later look-ups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

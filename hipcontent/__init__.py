"""hipcontent: the library behind the iliopsoas teaching notebooks.

`import hipcontent` is cheap: each public name is imported from its module on first use,
so a notebook pays for matplotlib or ipywidgets only when it draws or shows a widget.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

# Public name -> the submodule that defines it. One line per name, grouped by module.
_EXPORTS = {
    # content/lessons.py: the lesson catalogue
    "lessons": "content.lessons",
    "lesson_table": "views.lessons",
    # views/display.py: figures with alt text and captions, escaped HTML
    "AccessibleFigure": "views.display",
    # figures/palette.py: colour-blind-safe colours
    "OKABE_ITO": "figures.palette",
    # content/anatomy.py: sourced anatomy facts, fact cards and tables (issue #3)
    "fact_card": "views.anatomy",
    "comparison_table": "views.anatomy",
    "key_relations": "views.anatomy",
    "where_sources_disagree": "views.anatomy",
    "popular_claims_corrected": "views.anatomy",
    "anatomy_references": "views.anatomy",
    # figures/diagrams.py: labelled front and side views of the iliopsoas (issue #3)
    "show_front_view": "figures.diagrams",
    "show_anatomy_side_view": "figures.diagrams",
    # model/paths.py: the gait2392 psoas/iliacus path model (validated against OpenSim)
    "path_length": "model.paths",
    "moment_arm": "model.paths",
    "path_points": "model.paths",
    "femur_rotation": "model.paths",
    "length_and_moment_arm": "model.paths",
    # figures/function.py: the function lesson's curves, side view, hip-angle explorer, lunge stretch
    "show_flexion_curves": "figures.function",
    "show_side_view": "figures.function",
    "explore_hip_angles": "figures.function",
    "HipAngleExplorer": "figures.function",
    "lunge_stretch_table": "figures.function",
    "hip_extension_lengthening": "figures.function",
    "opensim_check": "figures.function",
    # timing/timers.py: timer programs and the drift-free engine (no widgets)
    "TimerEngine": "timing.timers",
    "countdown": "timing.timers",
    "intervals": "timing.timers",
    "alternating": "timing.timers",
    "exercise_program": "timing.timers",
    "session_program": "timing.timers",
    # widgets/timer.py: projector and compact timer views (ipywidgets)
    "ExerciseTimer": "widgets.timer",
    "session_timer": "widgets.timer",
    "stop_all_timers": "widgets.timer",
    # content/exercises.py: the exercise library (YAML + schema), queries, timer programs
    "load_library": "content.exercises",
    "ExerciseDataError": "content.exercises",
    "ExerciseLibrary": "content.exercises",
    "Exercise": "content.exercises",
    "phase_table": "views.program",
    "exercise_template": "content.exercises",
    # printing/cards.py: exercise cards (HTML and printable PDF pages) and position diagrams
    "exercise_card": "printing.cards",
    "exercise_table": "printing.cards",
    "card_pages": "printing.cards",
    "write_cards_pdf": "printing.cards",
    "show_position": "figures.poses",
    # figures/style.py: projector style for figures (issue #8)
    "use_projector_style": "figures.style",
    "projector_style": "figures.style",
    # coaching/classroom.py: class links (issue #8)
    "nbgitpuller_link": "coaching.classroom",
    "binder_link": "coaching.classroom",
    # coaching/session.py: session builder, plan, handout (issue #8)
    "plan_session": "coaching.session",
    "SessionBuilder": "widgets.session_form",
    # content/quiz.py: self-check quizzes for every lesson (issue #7)
    "quiz_for": "widgets.quiz",
    "quiz_handout": "views.quiz",
    "load_quiz": "content.quiz",
    "QuizDataError": "content.quiz",
    # figures/testing_figures.py: drawn test positions, shown with caption and alt text (issue #7)
    "show_seated_flexion_test": "figures.testing_figures",
    "show_thomas_test": "figures.testing_figures",
    "show_modified_thomas_test": "figures.testing_figures",
    # content/evidence.py: lesson 03 claims with verdicts, myths, red flags, exercise cautions (issue #7)
    "claims_table": "views.evidence",
    "verdict_summary": "views.evidence",
    "myths_table": "views.evidence",
    "red_flags_table": "views.evidence",
    "exercise_cautions": "views.evidence",
    "lesson_references": "views.evidence",
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

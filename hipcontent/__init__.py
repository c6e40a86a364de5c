"""hipcontent: the library behind the iliopsoas teaching notebooks.

`import hipcontent` is cheap: each public name is imported from its module on first use,
so a notebook pays for matplotlib or ipywidgets only when it draws or shows a widget.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

# Public name -> the module that defines it (relative to hipcontent). One line per name, grouped
# by module; the README's "map of the house" says what each sub-package is for.
_EXPORTS = {
    # content: the one reader of every data file, its models and its errors
    "lessons": "content.lessons",
    "load_library": "content.exercises",
    "ExerciseLibrary": "content.exercises",
    "Exercise": "content.exercises",
    "ExerciseDataError": "content.exercises",
    "exercise_template": "content.exercises",
    "load_quiz": "content.quiz",
    "QuizDataError": "content.quiz",
    # views: how course content shows in a notebook (escaped HTML, figures with alt text)
    "AccessibleFigure": "views.display",
    "mistake_on_purpose": "views.mistakes",
    "lesson_table": "views.lessons",
    "fact_card": "views.anatomy",
    "comparison_table": "views.anatomy",
    "key_relations": "views.anatomy",
    "where_sources_disagree": "views.anatomy",
    "popular_claims_corrected": "views.anatomy",
    "anatomy_references": "views.anatomy",
    "claims_table": "views.evidence",
    "verdict_summary": "views.evidence",
    "myths_table": "views.evidence",
    "red_flags_table": "views.evidence",
    "exercise_cautions": "views.evidence",
    "safety_box": "views.safety",
    "lesson_references": "views.references",
    "quiz_handout": "views.quiz",
    "phase_table": "views.program",
    "lunge_stretch_table": "views.model_tables",
    "hip_extension_lengthening": "views.model_tables",
    "deep_flexion_table": "views.model_tables",
    "opensim_check": "views.model_tables",
    "moment_arm_table": "views.model_tables",
    "rotation_moment_arms": "views.model_tables",
    # model: the gait2392 psoas/iliacus path model (validated against OpenSim)
    "path_length": "model.paths",
    "moment_arm": "model.paths",
    "path_points": "model.paths",
    "femur_rotation": "model.paths",
    "length_and_moment_arm": "model.paths",
    # figures: matplotlib drawings, palettes and the projector style
    "OKABE_ITO": "figures.palette",
    "use_projector_style": "figures.style",
    "projector_style": "figures.style",
    "show_front_view": "figures.diagrams",
    "show_anatomy_side_view": "figures.diagrams",
    "show_flexion_curves": "figures.function",
    "show_side_view": "figures.function",
    "show_seated_flexion_test": "figures.testing_figures",
    "show_kendall_iliopsoas_test": "figures.testing_figures",
    "show_thomas_test": "figures.testing_figures",
    "show_modified_thomas_test": "figures.testing_figures",
    "show_position": "figures.poses",
    "exercise_svg": "figures.pictures",
    # timing: timer programs and the drift-free engine (no widgets)
    "TimerEngine": "timing.timers",
    "countdown": "timing.timers",
    "intervals": "timing.timers",
    "alternating": "timing.timers",
    "exercise_program": "timing.timers",
    "session_program": "timing.timers",
    # widgets: what a lesson lets you click, drag and answer
    "BrowserTimer": "widgets.clock",
    "ExerciseTimer": "widgets.timer",
    "session_timer": "widgets.timer",
    "stop_all_timers": "widgets.timer",
    "quiz_for": "widgets.quiz",
    "explore_hip_angles": "widgets.explorer",
    "HipAngleExplorer": "widgets.explorer",
    "SessionBuilder": "widgets.session_form",
    "projector": "widgets.projector",
    "ProjectorSwitch": "widgets.projector",
    # review: spaced review of the quiz questions (FSRS), lesson 07
    "studied_lessons": "review.session",
    "review_session": "review.session",
    "anki_button": "review.session",
    "spacing_example": "review.session",
    # printing: exercise cards (HTML and A4 PDF pages) and the stand-alone timer player
    "save_player": "printing.player",
    "exercise_card": "printing.cards",
    "exercise_table": "printing.cards",
    "card_pages": "printing.cards",
    "write_cards_pdf": "printing.cards",
    # coaching: session plans and class links
    "plan_session": "coaching.session",
    "ready_class": "coaching.ready",
    "nbgitpuller_link": "coaching.classroom",
    "binder_link": "coaching.classroom",
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

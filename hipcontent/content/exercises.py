"""The exercise library: one YAML file per exercise, checked, queried and turned into timer programs.

    library = load_library()                      # the built-in exercises
    library = load_library(["my-exercises"])      # plus a coach's own folder(s)
    library["supine-toe-tap"].timer_program()     # [Phase(kind="prep", ...), Phase("work", ...)]
    library.resolve("supine-toe-tap")             # an Exercise (an Exercise passes through as given)

Every file is read by the one hardened reader (content.reader), checked against
``data/exercise.schema.json`` and then by the checks a schema cannot express. Loading is all or
nothing: every problem in every file is collected and raised together as one
``ExerciseDataError``; no exercise is silently skipped.

This module gathers the public names of the modules that do the work:

    exercise_models.py    Exercise, DosagePreset, Duration, Count, ... and the vocabularies
    exercise_program.py   how a dosage preset becomes a timer program
    exercise_checks.py    reading and checking one file; links and cycles across files
    library.py            ExerciseLibrary, load_library, exercise_template
    muscles.py            the muscle vocabulary
"""

from __future__ import annotations

from hipcontent.content.errors import ExerciseDataError, Problem
from hipcontent.content.exercise_checks import MAX_FILE_BYTES, load_exercise_file
from hipcontent.content.exercise_models import (
    BASIS_WORDS,
    BUILTIN_FOLDER,
    EQUIPMENT,
    GOALS,
    LEVELS,
    POSES,
    POSITIONS,
    YAML_SUFFIXES,
    Caution,
    Citation,
    Count,
    DosagePreset,
    Duration,
    Evidence,
    Exercise,
    Link,
    Source,
    exercise_schema,
)
from hipcontent.content.exercise_program import derive_program, program_seconds
from hipcontent.content.library import (
    ExerciseLibrary,
    ExerciseNotFound,
    SkippedFilesWarning,
    exercise_template,
    load_library,
)
from hipcontent.content.muscles import Muscle, muscles, resolve_muscles

__all__ = [
    "BASIS_WORDS", "BUILTIN_FOLDER", "EQUIPMENT", "GOALS", "LEVELS", "MAX_FILE_BYTES", "POSES", "POSITIONS", "YAML_SUFFIXES",
    "Caution", "Citation", "Count", "DosagePreset", "Duration", "Evidence", "Exercise", "ExerciseDataError",
    "ExerciseLibrary", "ExerciseNotFound", "Link", "Muscle", "Problem", "SkippedFilesWarning", "Source",
    "derive_program", "exercise_schema", "exercise_template", "load_exercise_file", "load_library",
    "muscles", "program_seconds", "resolve_muscles",
]


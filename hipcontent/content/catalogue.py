"""Every data file of the course checked in one go, for authors and for CI:

    from hipcontent.content.catalogue import check_all
    check_all()                       # the package's data
    check_all(["my-exercises"])       # plus a coach's exercise folders

Loads the bibliography, lessons, muscles, anatomy facts, lesson 03's evidence, every quiz and the
exercise library, and raises one ContentError listing every problem of every file (each loader
still raises its own kind when called alone). Returns a count of what was checked.
"""

from __future__ import annotations

from hipcontent.content.anatomy import load_facts
from hipcontent.content.bibliography import load_bibliography
from hipcontent.content.errors import ContentError
from hipcontent.content.evidence import load_evidence_file
from hipcontent.content.exercises import load_library
from hipcontent.content.lessons import load_lessons
from hipcontent.content.muscles import load_muscles
from hipcontent.content.quiz import load_quizzes


def _entries(evidence) -> tuple:
    return (*evidence.claims, *evidence.myths, *evidence.red_flags)


def check_all(exercise_folders=()) -> dict[str, int]:
    """Check every data file; raise one ContentError with all problems, else return counts."""
    loaders = {
        "sources": load_bibliography,
        "lessons": load_lessons,
        "muscles": load_muscles,
        "anatomy facts": lambda: [f for m in load_facts().muscles.values() for f in m.facts],
        "evidence entries": lambda: _entries(load_evidence_file()),
        "quizzes": load_quizzes,
        "exercises": lambda: load_library(exercise_folders),
    }
    counts, problems = {}, []
    for name, load in loaders.items():
        try:
            counts[name] = len(load())
        except ContentError as error:
            problems.extend(error.problems)
    if problems:
        raise ContentError(problems)
    return counts

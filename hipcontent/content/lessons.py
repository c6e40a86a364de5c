"""The lesson catalogue: one list, read from data/lessons.yaml, used by the course map
(hipcontent.views.lessons.lesson_table), the README check and the notebooks' navigation links."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache

from hipcontent.content.bibliography import check_citations
from hipcontent.content.errors import LessonDataError
from hipcontent.content.reader import read_data
from hipcontent.content.schema import checked

FILE = "hipcontent/data/lessons.yaml"


@dataclass(frozen=True)
class Lesson:
    file: str
    title: str
    summary: str
    minutes: int
    sources: tuple[str, ...] = ()  # bibliography ids the lesson's prose cites (tests/test_citations.py)

    @property
    def number(self) -> str:
        return self.file[:2]


@cache
def lessons() -> tuple[Lesson, ...]:
    """Every lesson, in the order the course is meant to be taken."""
    return load_lessons()


def load_lessons(path=None) -> tuple[Lesson, ...]:
    """Read and check a lesson catalogue (the package's own unless a path is given)."""
    document, display = read_data(path, "data/lessons.yaml", LessonDataError)
    return parse_lessons(document, display)


def parse_lessons(document: object, display: str = FILE) -> tuple[Lesson, ...]:
    """Check the parsed catalogue and build the lessons, or raise LessonDataError (every problem)."""
    problems = checked(document, "lessons.schema.json", display, LessonDataError)
    counts = Counter(entry["file"] for entry in document)  # linear: no pairwise comparison
    for entry in document:
        if counts[entry["file"]] > 1:
            problems.add(entry["file"], "file", "is listed twice")
        check_citations(entry.get("sources", ()), problems, display, entry["file"], "sources")
    problems.raise_if_any(LessonDataError)
    return tuple(Lesson(**{**entry, "minutes": int(entry["minutes"]), "sources": tuple(entry.get("sources", ()))})
                 for entry in document)


"""One error family for every data file: a `ContentError` carries every `Problem` found.

A problem names the file, the entry (an id, or a position such as "#3"), the field (a dotted
path such as "dosage[0].sets") and the reason. Loaders collect all problems in all the files
they read and raise once, so an author fixes everything in one pass and nothing is half-loaded.
The subclasses keep the names lessons and coaches' code already catch.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one data file: where, and why (in words an author can act on)."""

    file: str
    entry: str = ""
    field: str = ""
    reason: str = ""

    def __str__(self) -> str:
        place = [self.file] if self.file else []
        if self.entry:
            place.append(f"entry {self.entry!r}")
        if self.field:
            place.append(f"field {self.field}")
        return f"{', '.join(place)}: {self.reason}" if place else self.reason


class ContentError(ValueError):
    """A data file (or several) is malformed. `.problems` holds every problem found, in order;
    `.file`, `.entry`, `.field` and `.reason` are those of the first one."""

    def __init__(self, problems: Problem | str | Iterable[Problem]):
        if isinstance(problems, str):
            problems = (Problem("", reason=problems),)
        elif isinstance(problems, Problem):
            problems = (problems,)
        self.problems: tuple[Problem, ...] = tuple(problems)
        if not self.problems:
            raise ValueError("a ContentError needs at least one problem")
        first = self.problems[0]
        self.file, self.entry, self.field, self.reason = first.file, first.entry, first.field, first.reason
        count = len(self.problems)
        heading = "" if count == 1 else f"{count} problems:\n"
        super().__init__(heading + "\n".join(str(problem) for problem in self.problems))

    def __reduce__(self):  # picklable (multiprocessing, pytest-xdist)
        return (type(self), (self.problems,))


class ExerciseDataError(ContentError):
    """An exercise file (data/exercises/*.yaml or a coach's own) is malformed."""


class QuizDataError(ContentError):
    """A quiz file (data/quizzes/*.yaml) is malformed."""


class AnatomyDataError(ContentError):
    """The anatomy facts (data/anatomy/facts.yaml) are malformed."""


class EvidenceDataError(ContentError):
    """Lesson 03's evidence (data/lesson03/evidence.yaml) is malformed."""


class LessonDataError(ContentError):
    """The lesson catalogue (data/lessons.yaml) is malformed."""


class BibliographyError(ContentError):
    """The bibliography (data/bibliography.yaml) is malformed, or a data file cites an id it lacks."""


class Problems:
    """A collector: `add(...)` problems while checking, then `raise_if_any(ErrorClass)`."""

    def __init__(self, file: str = ""):
        self.file = file
        self.items: list[Problem] = []

    def add(self, entry: object = "", field: str = "", reason: str = "", file: str | None = None) -> None:
        self.items.append(Problem(self.file if file is None else file, str(entry or ""), field, reason))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def raise_if_any(self, error: type[ContentError]) -> None:
        if self.items:
            raise error(self.items)

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

    def __post_init__(self):
        object.__setattr__(self, "entry", "" if self.entry is None else str(self.entry))

    @property
    def exercise_id(self) -> str | None:
        """The entry, under the name exercise code has always used (None when there is none)."""
        return self.entry or None

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

    what = "the data"  # how a message with several problems names what was read
    after = ""  # a closing sentence for the message, e.g. what to do next

    def __init__(self, problems: Problem | str | Iterable[Problem], *, loading: bool = True):
        if isinstance(problems, str):
            problems = (Problem("", reason=problems),)
        elif isinstance(problems, Problem):
            problems = (problems,)
        self.problems: tuple[Problem, ...] = tuple(problems)
        if not self.problems:
            raise ValueError("a ContentError needs at least one problem")
        first = self.problems[0]
        self.file, self.entry, self.field, self.reason = first.file, first.entry, first.field, first.reason
        self.loading = loading
        if len(self.problems) == 1:
            message = str(first)
        else:
            message = f"{len(self.problems)} problems in {self.what}:\n" + "\n".join(f"  - {p}" for p in self.problems)
        if loading and self.after:
            message += "\n" + self.after
        super().__init__(message)

    @property
    def exercise_id(self) -> str | None:
        return self.entry or None

    def __reduce__(self):  # picklable (multiprocessing, pytest-xdist)
        return (_rebuild, (type(self), self.problems, self.loading))


class ExerciseDataError(ContentError):
    """An exercise file (data/exercises/*.yaml or a coach's own) is malformed, or a preset cannot
    be timed. `.exercise_id` is the first problem's entry (None when the file has no usable id)."""

    what = "the exercise data"
    after = "Nothing was loaded: fix the file(s) and load the library again."


class QuizDataError(ContentError):
    """A quiz file (data/quizzes/*.yaml) is malformed."""

    what = "the quiz"


class AnatomyDataError(ContentError):
    """The anatomy facts (data/anatomy/facts.yaml) are malformed."""


class EvidenceDataError(ContentError):
    """Lesson 03's evidence (data/lesson03/evidence.yaml) is malformed."""


class LessonDataError(ContentError):
    """The lesson catalogue (data/lessons.yaml) is malformed."""


class MuscleDataError(ContentError):
    """The muscle vocabulary (data/muscles.yaml) is malformed."""


class BibliographyError(ContentError):
    """The bibliography (data/bibliography.yaml) is malformed, or a data file cites an id it lacks."""


def path_text(path) -> str:
    """A path into a document as an author reads it: ``dosage[0].sets``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def locate(document: object, path, keyed: bool = False) -> tuple[str, str]:
    """(entry, field) for a place in a document. The entry is the `id` of the outermost mapping
    on the path that has one (an exercise file's own id; a quiz question's; a fact's), or for a
    file keyed by id (the bibliography) the top-level key, or "#n" for the n-th item of a
    top-level list; the field is the rest of the path, e.g. ``dosage[0].prep.target``."""
    steps = list(path)
    if isinstance(document, dict) and isinstance(document.get("id"), str):
        return document["id"], path_text(steps)
    if keyed and steps and isinstance(steps[0], str):
        return steps[0], path_text(steps[1:])
    node = document
    for depth, step in enumerate(steps):
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            return node["id"], path_text(steps[depth + 1:])
    if steps and isinstance(steps[0], int):
        return f"#{steps[0] + 1}", path_text(steps[1:])
    return "", path_text(steps)


def _rebuild(kind, problems, loading):
    return kind(problems, loading=loading)


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

"""The learner's review progress: one JSON file, read with bounds, written atomically.

    progress = load_progress()          # notebooks/hipcontent-review.json beside the lessons
    progress = load_progress("my.json")  # any other file (tests, a second learner)
    progress.save()

The file (version 1)::

    {"format": "hipcontent-review", "version": 1,
     "lessons": ["01-anatomy", "02-function"],          # the lessons the learner has studied
     "cards": {"01-anatomy/iliopsoas-insertion": {"state": 2, "stability": 2.3, "difficulty": 2.1,
               "due": "2026-12-07T09:00:00+00:00", "last_review": "2026-12-05T09:00:00+00:00",
               "reviews": 1, "lapses": 0}}}

"lessons" is what the learner ticked in lesson 07 ("I have studied this lesson"): their quiz
questions join the review. A question is keyed "<lesson>/<question id>"; an entry whose question
no longer exists (the quiz was rewritten) stays in the file untouched and is skipped.

A file that cannot be read as this format (not JSON, cut short, another program's file, a value
out of bounds, a newer version) is never overwritten or deleted: it is renamed aside to
"hipcontent-review-damaged.json" (or "-damaged-2.json", ...), `notice` says which file, why and
where it now is, and the learner starts afresh. Every write goes through printing.files.replacing
(a temporary file, then one rename), so a crash never leaves half a file.
"""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from hipcontent.printing.files import next_free_path, replacing

__all__ = ["DEFAULT_NAME", "FORMAT", "VERSION", "Progress", "ProgressFileError", "default_path", "load_progress",
           "read_progress", "set_aside"]

FORMAT = "hipcontent-review"
VERSION = 1
DEFAULT_NAME = "hipcontent-review.json"
MAX_BYTES = 2_000_000  # the course's ~50 questions take about 10 kB; refuse a file far past any real one
MAX_CARDS = 5000  # entries under "cards" (the four quizzes hold about 50 questions)
MAX_LESSONS = 50  # entries under "lessons" (lessons.schema.json allows 50 lessons)
MAX_KEY = 200  # characters in a key "<lesson>/<question id>"
MAX_COUNT = 1_000_000  # reviews or lapses of one question
MAX_STABILITY = 1_000_000.0  # days; FSRS's stabilities stay far below
KEY = re.compile(r"[0-9]{2}-[a-z0-9-]{1,80}/[A-Za-z0-9][A-Za-z0-9_.-]{0,110}")
LESSON = re.compile(r"[0-9]{2}-[a-z0-9-]{1,80}")
CARD_FIELDS = {"state", "stability", "difficulty", "due", "last_review", "reviews", "lapses"}
EARLIEST, LATEST = datetime(2000, 1, 1, tzinfo=timezone.utc), datetime(2200, 1, 1, tzinfo=timezone.utc)


class ProgressFileError(ValueError):
    """The progress file cannot be read as this format; `reason` says why in plain words."""

    def __init__(self, path: Path, reason: str):
        self.path, self.reason = path, reason
        super().__init__(f"{path.as_posix()}: {reason}")


def default_path() -> Path:
    """The learner's file: hipcontent-review.json in the folder the notebook runs in (the
    notebooks/ folder when a lesson is open), so it lives beside the learner's lessons."""
    return Path.cwd() / DEFAULT_NAME


@dataclass
class Progress:
    """What the learner has studied and each question's schedule record (see review.schedule)."""

    path: Path
    lessons: list[str] = field(default_factory=list)
    cards: dict[str, dict] = field(default_factory=dict)
    notice: str = ""  # what happened while loading (a damaged file set aside), shown to the learner

    def to_json(self) -> str:
        document = {"format": FORMAT, "version": VERSION, "lessons": list(self.lessons),
                    "cards": {key: self.cards[key] for key in sorted(self.cards)}}
        return json.dumps(document, indent=1, ensure_ascii=False, allow_nan=False) + "\n"

    def save(self) -> None:
        """Write the file in one step (temporary file, then rename): the old file stays whole until then."""
        text = self.to_json()  # fails (allow_nan) before any file is touched
        with replacing(self.path, text=True, overwrite=True) as handle:
            handle.write(text)


def load_progress(path: str | os.PathLike | None = None) -> Progress:
    """The learner's progress from `path` (default: default_path()). A missing file is a fresh
    start; an unreadable one is renamed aside (see set_aside) and `notice` says so."""
    path = default_path() if path is None else _checked_path(path)
    try:
        lessons, cards = read_progress(path)
    except FileNotFoundError:
        return Progress(path)
    except IsADirectoryError:
        raise IsADirectoryError(f"{path.as_posix()} is a folder; give the review file's name, e.g. "
                                f"'{path.as_posix()}/{DEFAULT_NAME}'") from None
    except PermissionError:
        raise PermissionError(f"{path.as_posix()} may not be read (no permission); choose another file, "
                              f"e.g. review_session('my-review.json')") from None
    except ProgressFileError as error:
        try:
            aside = set_aside(path)
        except OSError as problem:
            raise OSError(f"{path.as_posix()} could not be read ({error.reason}) and could not be renamed aside "
                          f"({problem.strerror or problem}); move it away yourself, then run the cell again") from None
        notice = (f"Your review file {path.name} could not be read: {error.reason}. It was kept as {aside.name} "
                  f"(nothing deleted) and your review starts afresh.")
        return Progress(path, notice=notice)
    return Progress(path, lessons, cards)


def _checked_path(path) -> Path:
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a file name such as 'my-review.json'; got {type(path).__name__}")
    path = Path(path)
    if path.suffix.lower() != ".json":
        raise ValueError(f"the review file must end in .json, e.g. 'my-review.json'; got {path.name!r}")
    return path


def set_aside(path: Path) -> Path:
    """Rename `path` to the first free "<stem>-damaged.json" beside it, never replacing a file."""
    for _ in range(100):
        target = next_free_path(path.with_name(f"{path.stem}-damaged{path.suffix}"))
        try:
            os.link(path, target)  # fails if `target` appeared meanwhile: nothing is ever replaced
        except FileExistsError:
            continue
        except OSError:  # no hard links on this file system: rename, having checked the name is free
            if os.path.lexists(target):
                continue
            os.rename(path, target)
            return target
        os.unlink(path)
        return target
    raise FileExistsError(f"no free name beside {path.as_posix()} to keep it under")


def read_progress(path: Path) -> tuple[list[str], dict[str, dict]]:
    """(lessons, cards) from the file, or ProgressFileError saying what is wrong (FileNotFoundError
    if there is no file). Every value is checked and bounded before it is used."""
    with open(path, "rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ProgressFileError(path, f"it is larger than {MAX_BYTES // 1_000_000} MB, far more than a review file holds")
    if not data.strip():
        raise ProgressFileError(path, "it is empty")
    try:
        document = json.loads(data.decode("utf-8"), parse_constant=_no_constant)
    except UnicodeDecodeError:
        raise ProgressFileError(path, "it is not text (not UTF-8)") from None
    except RecursionError:
        raise ProgressFileError(path, "it is nested too deeply to be a review file") from None
    except ValueError as problem:
        reason = "it is cut short (the end of the file is missing)" if _truncated(problem) else f"it is not valid JSON ({problem})"
        raise ProgressFileError(path, reason) from None
    return _checked_document(path, document)


def _no_constant(name: str):
    raise ValueError(f"{name} is not a number a review file holds")


def _truncated(problem: ValueError) -> bool:
    """The JSON ends in the middle of a value: the error is at the very end, or a string never closes."""
    if not isinstance(problem, json.JSONDecodeError):
        return False
    return problem.pos >= len(problem.doc.rstrip()) - 1 or problem.msg.startswith("Unterminated string")


def _checked_document(path: Path, document: object) -> tuple[list[str], dict[str, dict]]:
    def fail(reason: str):
        raise ProgressFileError(path, reason)

    if not isinstance(document, dict) or document.get("format") != FORMAT:
        fail(f"it is not a hipcontent review file (no \"format\": \"{FORMAT}\")")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        fail("its \"version\" is missing or not a whole number")
    if version > VERSION:
        fail(f"it was written by a newer hipcontent (version {version}); this one reads version {VERSION}: "
             f"update hipcontent to keep using it")
    extra = set(document) - {"format", "version", "lessons", "cards"}
    if extra:
        fail(f"it has fields a review file does not have: {', '.join(sorted(map(str, extra)))[:200]}")
    lessons, cards = document.get("lessons", []), document.get("cards", {})
    if not isinstance(lessons, list) or len(lessons) > MAX_LESSONS:
        fail(f"\"lessons\" must be a list of at most {MAX_LESSONS} lesson names")
    for lesson in lessons:
        if not isinstance(lesson, str) or not LESSON.fullmatch(lesson):
            fail(f"\"lessons\" holds {_shown(lesson)}, which is not a lesson name such as \"01-anatomy\"")
    if len(set(lessons)) != len(lessons):
        fail("\"lessons\" names a lesson twice")
    if not isinstance(cards, dict) or len(cards) > MAX_CARDS:
        fail(f"\"cards\" must map questions to their schedule, at most {MAX_CARDS:,} of them")
    for key, record in cards.items():
        if len(key) > MAX_KEY or not KEY.fullmatch(key):
            fail(f"\"cards\" holds the key {_shown(key)}, which is not \"<lesson>/<question id>\"")
        reason = card_problem(record)
        if reason:
            fail(f"the entry for {key} {reason}")
    return list(lessons), dict(cards)


def _shown(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, str) else type(value).__name__
    return text if len(text) <= 60 else text[:57] + "..."


def card_problem(record: object) -> str:
    """Why a stored schedule record is unusable ("" if it is fine)."""
    if not isinstance(record, dict) or set(record) != CARD_FIELDS:
        return f"must have exactly the fields {', '.join(sorted(CARD_FIELDS))}"
    state = record["state"]
    if state not in (1, 2, 3) or isinstance(state, bool):
        return "has a \"state\" that is not 1, 2 or 3"
    for name, low, high in (("stability", 0.001, MAX_STABILITY), ("difficulty", 1.0, 10.0)):
        value = record[name]
        if value is None and state == 1:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)) \
                or (isinstance(value, float) and not math.isfinite(value)) or not low <= value <= high:
            return f"has a \"{name}\" outside {low:g}–{high:g}"
    for name in ("reviews", "lapses"):
        value = record[name]
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
            return f"has a \"{name}\" that is not a whole number from 0 to {MAX_COUNT:,}"
    for name in ("due", "last_review"):
        value = record[name]
        if value is None and name == "last_review":
            continue
        if not isinstance(value, str) or len(value) > 40:
            return f"has a \"{name}\" that is not a date and time"
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return f"has a \"{name}\" that is not a date and time"
        if moment.tzinfo is None or not EARLIEST <= moment <= LATEST:
            return f"has a \"{name}\" without a time zone or outside the years 2000–2199"
    return ""

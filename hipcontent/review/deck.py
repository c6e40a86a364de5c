"""The review without widgets: which questions are in it, what is due today, a session's
questions, and recording an answer (hipcontent.review.session only shows what this decides).

    review = Review()                          # the learner's file, the real clock
    review.study(["01-anatomy"])               # "I have studied lesson 01": its questions join
    review.due()                               # due today, oldest first, then new ones
    review.answer("01-anatomy/iliopsoas-insertion", correct=True)

**Which lessons count as opened.** The learner says so: lesson 07 lists the lessons that have a
quiz with a tick box each ("I have studied this lesson"); the ticks are stored in the progress
file. Nothing is recorded behind the learner's back, running a lesson (or the course's tests)
writes no file, and a learner who studied on paper or in class can tick a lesson too.

Every change (a tick, an answer) reads the file again, changes it and writes it at once, so the
tick boxes, the session and a second open notebook never undo each other's writes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from functools import cached_property

from fsrs import Card, State

from hipcontent.content.errors import QuizDataError
from hipcontent.content.quiz import QUIZ_IDS, Question, Quiz, load_quiz
from hipcontent.review import schedule
from hipcontent.review.progress import Progress, load_progress

__all__ = ["SESSION_SIZE", "DueQuestion", "Review", "question_key"]

SESSION_SIZE = 10  # questions in one sitting
MAX_SESSION = 60  # the largest session anyone can ask for (a quiz widget's own bound)


def question_key(lesson: str, question_id: str) -> str:
    """The progress file's key for a question: "<lesson>/<question id>"."""
    return f"{lesson}/{question_id}"


@dataclass(frozen=True)
class DueQuestion:
    key: str
    lesson: str
    question: Question
    card: Card
    new: bool  # never reviewed


class Review:
    """A learner's spaced review: their progress file, the course's quizzes and a clock."""

    def __init__(self, path: str | os.PathLike | None = None, *, now: datetime | None = None,
                 quizzes: Mapping[str, Quiz] | None = None):
        """`path`: the progress file (default: hipcontent-review.json beside the notebooks);
        `now`: a fixed time for examples and tests (default: the computer's clock, in its time
        zone); `quizzes`: lesson -> Quiz (default: the course's own)."""
        if now is not None:
            schedule.as_utc(now)  # refuses a naive or non-datetime time at once
        self._now = now
        self._quizzes = dict(quizzes) if quizzes is not None else None
        self.problems: list[str] = []  # quizzes that could not be read, in words
        self.progress: Progress = load_progress(path)
        self.path = self.progress.path

    def reload(self) -> None:
        """Read the progress file again (another cell may have changed it)."""
        notice = self.progress.notice
        self.progress = load_progress(self.path)
        self.progress.notice = self.progress.notice or notice

    # -- the clock and the questions --
    def now(self) -> datetime:
        return self._now if self._now is not None else datetime.now(timezone.utc).astimezone()

    @cached_property
    def quizzes(self) -> dict[str, Quiz]:
        """Every lesson's quiz that loads; a quiz that does not is named in `problems`, not fatal."""
        if self._quizzes is not None:
            return self._quizzes
        found = {}
        for lesson in QUIZ_IDS:
            try:
                found[lesson] = load_quiz(lesson)
            except QuizDataError as error:
                self.problems.append(f"the quiz of lesson {lesson} could not be read ({error.problems[0]})")
        return found

    @property
    def notice(self) -> str:
        return self.progress.notice

    def lessons(self) -> list[tuple[str, str, int]]:
        """(lesson, title, number of questions) for every lesson with a quiz, in course order."""
        return [(lesson, quiz.title, len(quiz.questions)) for lesson, quiz in self.quizzes.items()]

    def studied(self) -> list[str]:
        """The lessons the learner ticked that still have a quiz, in course order."""
        return [lesson for lesson in self.quizzes if lesson in self.progress.lessons]

    def questions(self) -> dict[str, tuple[str, Question]]:
        """key -> (lesson, question) for every question of the studied lessons."""
        return {question_key(lesson, q.id): (lesson, q) for lesson in self.studied() for q in self.quizzes[lesson].questions}

    def skipped(self) -> list[str]:
        """Keys in the file whose question no longer exists (kept in the file, left out of the review)."""
        current = {question_key(lesson, q.id) for lesson, quiz in self.quizzes.items() for q in quiz.questions}
        return sorted(key for key in self.progress.cards if key not in current)

    # -- what is due --
    def card(self, key: str) -> Card:
        record = self.progress.cards.get(key)
        return schedule.from_record(record) if record is not None else schedule.new_card(self.now())

    def due(self) -> list[DueQuestion]:
        """Every question due today: reviewed ones by due time (oldest first), then new ones in
        course order."""
        now, reviewed, new = self.now(), [], []
        for key, (lesson, question) in self.questions().items():
            is_new = key not in self.progress.cards
            card = self.card(key)
            if schedule.is_due(card, now):
                (new if is_new else reviewed).append(DueQuestion(key, lesson, question, card, is_new))
        reviewed.sort(key=lambda item: (item.card.due, item.key))
        return reviewed + new

    def upcoming(self, days: int = 7) -> list[int]:
        """How many questions come due on each of the next `days` days (index 0 is tomorrow)."""
        counts = [0] * max(0, min(int(days), 366))
        now = self.now()
        for key in self.questions():
            if key in self.progress.cards:
                ahead = schedule.interval_days(self.card(key), now)
                if 1 <= ahead <= len(counts):
                    counts[ahead - 1] += 1
        return counts

    def session_questions(self, size: int = SESSION_SIZE) -> list[DueQuestion]:
        """The first `size` due questions (about ten make one sitting)."""
        if isinstance(size, bool) or not isinstance(size, int) or not 1 <= size <= MAX_SESSION:
            raise ValueError(f"a session has from 1 to {MAX_SESSION} questions; got {size!r}")
        return self.due()[:size]

    def session_quiz(self, size: int = SESSION_SIZE) -> tuple[Quiz, list[DueQuestion]]:
        """The session as one Quiz for the quiz widget: each question's id is its key, so
        questions from different lessons never clash."""
        chosen = self.session_questions(size)
        lessons = sorted({item.lesson[:2] for item in chosen})
        intro = (f"{len(chosen)} question{'s' if len(chosen) != 1 else ''} due today, from "
                 f"lesson{'s' if len(lessons) != 1 else ''} {_joined(lessons)}." if chosen else "")
        questions = tuple(replace(item.question, id=item.key) for item in chosen)
        return Quiz("07-review", "today's review", questions, intro), chosen

    # -- changes (each one reads the file afresh, changes it and writes it) --
    def _update(self, change: Callable[[Progress], None]) -> None:
        fresh = load_progress(self.path)
        if fresh.notice and not self.progress.notice:
            self.progress.notice = fresh.notice
        change(fresh)
        fresh.save()
        fresh.notice = self.progress.notice
        self.progress = fresh

    def study(self, lessons: Iterable[str], studied: bool = True) -> None:
        """Tick (or untick) lessons as studied: their questions join (or leave) the review. A
        question's schedule is kept when its lesson is unticked."""
        if isinstance(lessons, str):
            lessons = [lessons]
        names = list(lessons)
        unknown = [name for name in names if name not in self.quizzes]
        if unknown:
            raise ValueError(f"{unknown[0]!r} is not a lesson with a quiz; use one of {', '.join(self.quizzes)}")

        def change(progress: Progress) -> None:
            kept = [lesson for lesson in progress.lessons if lesson not in names]
            progress.lessons = [*kept, *names] if studied else kept

        self._update(change)

    def answer(self, key: str, correct: bool) -> Card:
        """Record a checked answer now: FSRS reschedules the question; the file is written."""
        if key not in self.questions():
            raise KeyError(f"{key!r} is not a question of a studied lesson")
        now = self.now()
        result: list[Card] = []

        def change(progress: Progress) -> None:
            record = progress.cards.get(key)
            card = schedule.from_record(record) if record is not None else schedule.new_card(now)
            reviews = record["reviews"] if record else 0
            lapses = record["lapses"] if record else 0
            reviewed = schedule.review(card, correct, now)
            lapse = not correct and card.state == State.Review
            progress.cards[key] = schedule.record_of(reviewed, reviews + 1, lapses + lapse)
            result.append(reviewed)

        self._update(change)
        return result[0]


def _joined(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"

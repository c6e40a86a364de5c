"""Lesson 07's widgets: tick the lessons you have studied, today's session, the Anki file.

    studied_lessons()      # a tick box per lesson with a quiz, and what is due today
    review_session()       # about ten due questions in the course's quiz widget
    anki_button()          # a button that saves the questions as a file Anki imports
    spacing_example()      # how FSRS spaces one question out (a fixed example, no file)

Each call reads the progress file itself (review.deck.Review), so every cell works when run on its
own, and nothing is written until the learner ticks a box, answers or presses the button.

Each is an anywidget (front end: widgets/static/review.js, see hipcontent.widgets.review). In
JupyterLab the page sends ticks, answers and the button's press here and shows the words made here;
the progress file is Python's. On the static site (no kernel) the same front end keeps the progress
in the browser (localStorage) and grades with FSRS in JavaScript from the question bank each widget
carries; the Anki button downloads the same file. The session's questions are shown by the course
quiz's own front end; right is FSRS's Good, wrong its Again. Only the first check of each question
in a session counts for its schedule (checking again after reading the feedback would otherwise
always count as right).
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta, timezone

import anywidget
import traitlets

from hipcontent.content.quiz import Question, QuizState, Verdict
from hipcontent.review import schedule
from hipcontent.review.deck import SESSION_SIZE, Review
from hipcontent.review.export import export_anki
from hipcontent.views.display import HTMLBlock
from hipcontent.widgets.cells import StableText
from hipcontent.widgets.quiz import quiz_payload, read_answer
from hipcontent.widgets.review import anki_bank, dump, front_end, lessons_bank, session_bank, style, tick_label

__all__ = ["AnkiButton", "ReviewSession", "StudiedLessons", "anki_button", "review_session", "spacing_example",
           "studied_lessons"]

HOW = ("Answer a question, press Check (or Enter), and read why. Your first answer to each question "
       "sets when it comes back, and is saved in your review file.")
HOW_OFFLINE = ("Answer a question, press Check (or Enter), and read why. Your first answer to each question "
               "sets when it comes back, and is kept in this browser.")  # the static site (no kernel)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def notices(review: Review) -> list[str]:
    """What the learner should know about their file: set aside, questions skipped, quizzes unread."""
    found = [review.notice] if review.notice else []
    skipped = review.skipped()
    if skipped:
        found.append(f"{_plural(len(skipped), 'saved question')} no longer in the course's quizzes "
                     f"{'is' if len(skipped) == 1 else 'are'} skipped (kept in your file).")
    found += [f"{problem[:1].upper()}{problem[1:]}." for problem in review.problems]
    return found


def due_line(review: Review) -> str:
    """ "Due today: 12 questions (5 new). Next 7 days: 9." — or what to do when nothing is studied."""
    if not review.studied():
        return "Nothing to review yet: tick the lessons you have studied."
    due = review.due()
    new = sum(item.new for item in due)
    line = f"Due today: {_plural(len(due), 'question')}" + (f" ({new} new)." if new else ".")
    week = sum(review.upcoming(7))
    return f"{line} Coming up in the next 7 days: {week}."


class _Panel(StableText, anywidget.AnyWidget):
    """One part of the review on screen (widgets/static/review.js): with a kernel it shows `view`
    (made here) and sends ticks, answers and presses here; with no kernel it works from `bank`."""

    UNRUN_NAME = "This part of the review"
    PART = ""
    _esm = front_end()
    _css = style()

    part = traitlets.Unicode("").tag(sync=True)
    view = traitlets.Unicode("{}").tag(sync=True)  # the kernel's words (JSON)
    bank = traitlets.Unicode("").tag(sync=True)  # what the page needs with no kernel (JSON)

    def __init__(self, review: Review, bank: dict):
        self.review = review
        super().__init__(part=self.PART, bank=dump(bank))
        self._refresh()
        self.on_msg(self._on_message)

    def __repr__(self) -> str:
        return f"{type(self).__name__}: {due_line(self.review)}"

    @property
    def notice(self) -> str:
        return " ".join(json.loads(self.view).get("notices", []))

    @property
    def status(self) -> str:
        return json.loads(self.view).get("status", "")

    def _set_view(self, **view) -> None:
        self.view = dump({"notices": notices(self.review), **view})

    def _on_message(self, _widget, content, _buffers=None) -> None:
        if isinstance(content, dict):
            self._message(content)


class StudiedLessons(_Panel):
    """A tick box per lesson with a quiz ("I have studied it"), and the due-today line."""

    UNRUN_NAME = "The list of lessons to tick"
    PART = "lessons"

    def __init__(self, review: Review):
        self._status = ""
        super().__init__(review, lessons_bank(review))

    def _refresh(self, status: str | None = None) -> None:
        boxes = [{"lesson": lesson, "label": tick_label(lesson, title, count), "checked": lesson in self.review.studied()}
                 for lesson, title, count in self.review.lessons()]
        self._set_view(boxes=boxes, status=status or due_line(self.review))

    def tick(self, lesson: str, studied: bool = True) -> None:
        """Tick (or untick) a lesson, as its box does."""
        try:
            self.review.study([lesson], bool(studied))
        except (OSError, ValueError) as problem:
            self._refresh(f"Your tick could not be saved: {problem}")
            return
        self._refresh()

    def _message(self, content: dict) -> None:
        if content.get("type") == "tick" and isinstance(content.get("lesson"), str) \
                and content["lesson"] in self.review.quizzes:
            self.tick(content["lesson"], content.get("value") is True)


class ReviewSession(_Panel):
    """About ten due questions shown by the course quiz's front end; each first answer is saved."""

    UNRUN_NAME = "Today's review"
    PART = "session"

    def __init__(self, review: Review, size: int = SESSION_SIZE):
        self.quiz, self.chosen = review.session_quiz(size)
        self.state = QuizState(self.quiz)
        self.graded: dict[str, bool] = {}
        self._last = ""
        super().__init__(review, session_bank(review, size, HOW_OFFLINE))

    @property
    def payload(self) -> str:
        """The session as the quiz front end's payload ("" when nothing is due)."""
        return json.loads(self.view).get("quiz") or ""

    def _refresh(self) -> None:
        quiz = dump(quiz_payload(self.quiz, HOW, reveal=False)) if self.chosen else None
        self._set_view(status=self._words(self._last), quiz=quiz)

    def _words(self, last: str) -> str:
        if not self.chosen:
            text = due_line(self.review)
            if self.review.studied():
                text += " Come back tomorrow, or run this cell again later."
            return text
        parts = [due_line(self.review)]
        if self.graded:
            right = sum(self.graded.values())
            parts.append(f"This session: {right} of {len(self.graded)} answered right.")
        if last:
            parts.append(last)
        if len(self.graded) == len(self.chosen) and self.review.due():
            parts.append("Run this cell again for the next questions.")
        return " ".join(parts)

    def _say(self, last: str) -> None:
        self._last = last
        self._refresh()

    def check(self, key: str, answer) -> Verdict | None:
        """Check an answer to a session question, as Check does in the page (an option index, a
        list of indices, or text); the first checked answer of each question is saved."""
        question = self.quiz.question(key)
        try:
            verdict = self.state.check(question.id, read_answer(question, answer))
        except ValueError:  # no answer yet, or not a number: the page says what to do
            return None
        self._answered(question, verdict)
        return verdict

    def _answered(self, question: Question, verdict: Verdict) -> None:
        key = question.id  # the session's ids are "<lesson>/<question id>"
        if key in self.graded:
            self._say("Only your first answer to a question counts for when it comes back.")
            return
        try:
            card = self.review.answer(key, verdict.correct)
        except (OSError, ValueError, KeyError) as problem:
            self._say(f"Your answer could not be saved: {problem}")
            return
        self.graded[key] = verdict.correct
        days = schedule.interval_days(card, self.review.now())
        self._say(f"That question comes back {'tomorrow' if days == 1 else f'in {days} days'}.")

    def _message(self, content: dict) -> None:
        if content.get("type") == "answer" and isinstance(content.get("id"), str):
            try:
                self.check(content["id"], content.get("answer"))
            except KeyError:
                return


class AnkiButton(_Panel):
    """A button that saves the studied lessons' questions (all lessons if none is ticked) for Anki."""

    UNRUN_NAME = "The Anki button"
    PART = "anki"

    def __init__(self, review: Review, to: str | os.PathLike | None = None):
        self.to = to
        super().__init__(review, anki_bank(review.quizzes))

    @property
    def message(self) -> str:
        return json.loads(self.view).get("message", "")

    def _refresh(self, message: str = "") -> None:
        self.view = dump({"message": message})

    def _message(self, content: dict) -> None:
        if content.get("type") == "anki":
            self.save()

    def save(self):
        self.review.reload()  # the boxes may have been ticked since this cell ran
        lessons = self.review.studied() or list(self.review.quizzes)
        try:
            result = export_anki([self.review.quizzes[lesson] for lesson in lessons], self.to)
        except (OSError, ValueError) as problem:
            self._refresh(f"The file could not be saved: {problem}")
            return None
        which = "the lessons you ticked" if self.review.studied() else "every lesson (none is ticked)"
        where = " It is in the folder of this notebook." if self.to is None else ""
        self._refresh(f"{result.describe()} Questions from {which}.{where} In Anki: File > Import, then choose the file.")
        return result


def studied_lessons(path: str | os.PathLike | None = None, *, now: datetime | None = None) -> StudiedLessons:
    """Tick boxes for the lessons you have studied, and how many questions are due today."""
    return StudiedLessons(Review(path, now=now))


def review_session(path: str | os.PathLike | None = None, *, now: datetime | None = None,
                   size: int = SESSION_SIZE) -> ReviewSession:
    """Today's review: up to `size` due questions (about ten make one sitting)."""
    return ReviewSession(Review(path, now=now), size)


def anki_button(path: str | os.PathLike | None = None, *, to: str | os.PathLike | None = None) -> AnkiButton:
    """A button that saves the questions as a text file Anki imports (`to`: its name)."""
    return AnkiButton(Review(path), to)


def _run(pattern: list[bool]) -> list[tuple[int, int]]:
    start = datetime(2026, 1, 1, 9, 0, tzinfo=timezone.utc)
    card, moment, rows = schedule.new_card(start), start, []
    for correct in pattern:
        card = schedule.review(card, correct, moment)
        rows.append(((moment - start).days, (card.due - moment) // timedelta(days=1)))
        moment = card.due
    return rows


def spacing_example(reviews: int = 5) -> HTMLBlock:
    """One question's schedule under the course's FSRS settings, answered right every time, and
    answered wrong at the third review (computed, not typed in)."""
    reviews = max(3, min(int(reviews), 8))
    right = _run([True] * reviews)
    slip = _run([True, True, False] + [True] * (reviews - 3))
    rows = [[str(n), str(a[0]), str(a[1]), str(b[0]) + (" (wrong)" if n == 3 else ""), str(b[1])]
            for n, (a, b) in enumerate(zip(right, slip), start=1)]
    return HTMLBlock.table("One question's reviews: the day of each review and the days until the next",
                           ["Review", "Always right: day", "next in (days)", "Wrong at review 3: day",
                            "next in (days)"], rows, numeric=[0, 1, 2, 3, 4])

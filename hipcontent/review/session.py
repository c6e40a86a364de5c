"""Lesson 07's widgets: tick the lessons you have studied, today's session, the Anki file.

    studied_lessons()      # a tick box per lesson with a quiz, and what is due today
    review_session()       # about ten due questions in the course's quiz widget
    anki_button()          # a button that saves the questions as a file Anki imports
    spacing_example()      # how FSRS spaces one question out (a fixed example, no file)

Each call reads the progress file itself (review.deck.Review), so every cell works when run on its
own, and nothing is written until the learner ticks a box, answers or presses the button.

The session is the course's own quiz widget (hipcontent.widgets.quiz.QuizWidget) over a Quiz of
the due questions; its `on_answer` grades FSRS: right is Good, wrong is Again. Only the first
check of each question in a session counts for its schedule (checking again after reading the
feedback would otherwise always count as right).
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone

import ipywidgets

from hipcontent.content.quiz import Question, Verdict
from hipcontent.review import schedule
from hipcontent.review.deck import SESSION_SIZE, Review
from hipcontent.review.export import export_anki
from hipcontent.views.display import HTMLBlock, escape
from hipcontent.widgets.cells import StableText
from hipcontent.widgets.quiz import QuizWidget

__all__ = ["AnkiButton", "ReviewSession", "StudiedLessons", "anki_button", "review_session", "spacing_example",
           "studied_lessons"]

HOW = ("Answer a question, press Check (or Enter), and read why. Your first answer to each question "
       "sets when it comes back, and is saved in your review file.")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _paragraph(text: str, *, strong: bool = False) -> str:
    body = f"<strong>{escape(text)}</strong>" if strong else escape(text)
    return f'<p class="hip-review-status" style="line-height:1.5;margin:0.4em 0">{body}</p>'


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


class _Panel(StableText, ipywidgets.VBox):
    """A VBox whose stored text/plain is the course's one line saying how to bring it to life
    (widgets.cells.needs_python), not a repr of its children."""

    UNRUN_NAME = "This part of the review"

    def __repr__(self) -> str:
        return f"{type(self).__name__}: {due_line(self.review)}"


class StudiedLessons(_Panel):
    """A tick box per lesson with a quiz ("I have studied it"), and the due-today line."""

    UNRUN_NAME = "The list of lessons to tick"

    def __init__(self, review: Review):
        self.review = review
        self.notice = ipywidgets.HTML("".join(_paragraph(text) for text in notices(review)))
        self.boxes = {}
        for lesson, title, count in review.lessons():
            box = ipywidgets.Checkbox(value=lesson in review.studied(), indent=False,
                                      description=f"{lesson[:2]} · {title} ({_plural(count, 'question')})",
                                      layout=ipywidgets.Layout(width="auto"))
            box.observe(lambda change, lesson=lesson: self._ticked(lesson, change["new"]), names="value")
            self.boxes[lesson] = box
        self.status = ipywidgets.HTML(_paragraph(due_line(review), strong=True))
        heading = ipywidgets.HTML(_paragraph("I have studied these lessons:"))
        super().__init__([self.notice, heading, *self.boxes.values(), self.status])
        self.add_class("hip-review")

    def _ticked(self, lesson: str, studied: bool) -> None:
        try:
            self.review.study([lesson], studied)
        except (OSError, ValueError) as problem:
            self.status.value = _paragraph(f"Your tick could not be saved: {problem}", strong=True)
            return
        self.notice.value = "".join(_paragraph(text) for text in notices(self.review))
        self.status.value = _paragraph(due_line(self.review), strong=True)


class ReviewSession(_Panel):
    """About ten due questions in the course's quiz widget; each first answer is saved."""

    UNRUN_NAME = "Today's review"

    def __init__(self, review: Review, size: int = SESSION_SIZE):
        self.review = review
        quiz, self.chosen = review.session_quiz(size)
        self.graded: dict[str, bool] = {}
        self.notice = ipywidgets.HTML("".join(_paragraph(text) for text in notices(review)))
        self.status = ipywidgets.HTML()
        self.quiz = None
        children = [self.notice, self.status]
        if quiz.questions:
            self.quiz = QuizWidget(quiz, on_answer=self._answered, how=HOW, reveal=False)
            children.append(self.quiz)
        self._show("")
        super().__init__(children)
        self.add_class("hip-review")

    def _show(self, last: str) -> None:
        if not self.chosen:
            text = due_line(self.review)
            if self.review.studied():
                text += " Come back tomorrow, or run this cell again later."
            self.status.value = _paragraph(text, strong=True)
            return
        parts = [due_line(self.review)]
        if self.graded:
            right = sum(self.graded.values())
            parts.append(f"This session: {right} of {len(self.graded)} answered right.")
        if last:
            parts.append(last)
        if len(self.graded) == len(self.chosen) and self.review.due():
            parts.append("Run this cell again for the next questions.")
        self.status.value = _paragraph(" ".join(parts), strong=True)

    def _answered(self, question: Question, verdict: Verdict) -> None:
        key = question.id  # the session's ids are "<lesson>/<question id>"
        if key in self.graded:
            self._show("Only your first answer to a question counts for when it comes back.")
            return
        try:
            card = self.review.answer(key, verdict.correct)
        except (OSError, ValueError, KeyError) as problem:
            self._show(f"Your answer could not be saved: {problem}")
            return
        self.graded[key] = verdict.correct
        days = schedule.interval_days(card, self.review.now())
        self._show(f"That question comes back {'tomorrow' if days == 1 else f'in {days} days'}.")


class AnkiButton(_Panel):
    """A button that saves the studied lessons' questions (all lessons if none is ticked) for Anki."""

    UNRUN_NAME = "The Anki button"

    def __init__(self, review: Review, to: str | os.PathLike | None = None):
        self.review, self.to = review, to
        self.button = ipywidgets.Button(description="Save the questions for Anki", icon="download",
                                        tooltip="Writes a text file Anki imports (File > Import); never replaces a file",
                                        layout=ipywidgets.Layout(width="auto"))
        self.button.on_click(lambda _button: self.save())
        self.message = ipywidgets.HTML()
        super().__init__([self.button, self.message], layout=ipywidgets.Layout(align_items="flex-start"))
        self.add_class("hip-review")

    def save(self):
        self.review.reload()  # the boxes may have been ticked since this cell ran
        lessons = self.review.studied() or list(self.review.quizzes)
        try:
            result = export_anki([self.review.quizzes[lesson] for lesson in lessons], self.to)
        except (OSError, ValueError) as problem:
            self.message.value = _paragraph(f"The file could not be saved: {problem}", strong=True)
            return None
        which = "the lessons you ticked" if self.review.studied() else "every lesson (none is ticked)"
        where = " It is in the folder of this notebook." if self.to is None else ""
        self.message.value = _paragraph(f"{result.describe()} Questions from {which}.{where} In Anki: "
                                        f"File > Import, then choose the file.", strong=True)
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

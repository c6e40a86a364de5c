"""The self-check quiz as a widget that works with a keyboard and a screen reader.

`quiz_for("01-anatomy")` is an anywidget (front end: static/quiz_judge.js + quiz.js, quiz.css). Each question
is a `<fieldset>` named by its `<legend>` (number, kind and prompt): single-choice and label
questions are one native radio group (one Tab stop; the arrow keys move the choice and never the
notebook), multiple-choice questions are check boxes, number questions a text box where Enter
checks. Feedback and the score are persistent polite live regions whose text is updated.

The browser checks each answer itself (static/quiz_judge.js: the rules of hipcontent.content.quiz,
the words and escaping of hipcontent.views.quiz), so the quiz works with no kernel; when a kernel is
there the browser also sends the answer, the kernel checks it again (that verdict is what
`on_answer` hears) and the browser keeps the page's words unless the kernel's differ. The browser
puts data text into the page with textContent, never as HTML.

    quiz_for("01-anatomy")        # the widget for a lesson (notebooks use this)
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path

import anywidget
import traitlets

from hipcontent.content.quiz import MAX_QUESTIONS, Question, Quiz, QuizState, Verdict, load_quiz
from hipcontent.views.display import course_css, escape
from hipcontent.views.quiz import label_picture, reveal_html, source_html, verdict_html
from hipcontent.widgets.cells import StableText

__all__ = ["QuestionCard", "QuizWidget", "quiz_for"]

STATIC = Path(__file__).resolve().parent / "static"
MAX_TYPED = 200  # characters of a typed number answer the kernel reads
# At most this many questions in one quiz widget: the loader's bound (content.quiz refuses a longer
# file as it reads it); the widget checks a Quiz made any other way too.
MAX_QUIZ_QUESTIONS = MAX_QUESTIONS


# The front end: the pure checking (quiz_judge.js, also run by `node --test`) and the page
# (quiz.js), joined in that order (anywidget loads `_esm` from a blob: URL, where a relative import
# cannot resolve). A line importing "./..." is dropped when they are joined.
QUIZ_MODULES = ("quiz_judge.js", "quiz.js")


@cache
def _static(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


@cache
def front_end() -> str:
    """quiz.js with the modules it imports, as one ES module."""
    parts = []
    for module in QUIZ_MODULES:
        kept = [line for line in _static(module).splitlines() if not (line.startswith("import ") and '"./' in line)]
        parts.append(f"// ---- {module} ----\n" + "\n".join(kept))
    return "\n".join(parts) + "\n"


def quiz_for(lesson: str) -> QuizWidget:
    """The self-check quiz for a lesson, ready to display: ``quiz_for("01-anatomy")``."""
    return QuizWidget(load_quiz(lesson))


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def problem_html(problem: str) -> str:
    """What to do when an answer cannot be checked (no answer yet, not a number)."""
    return f"<p><strong>ⓘ {escape(_sentence(problem))}.</strong></p>"


def question_record(number: int, total: int, question: Question, figures: dict | None = None,
                    sources: dict | None = None) -> dict:
    """One question as JSON-ready data for the browser (plain text; the browser uses textContent).

    A label question's picture goes into `figures` once (key -> src, alt, caption) and the record
    names its key: questions that show the same diagram share one picture in the page."""
    record = {
        "id": question.id,
        "number": number,
        "heading": f"Question {number} of {total}",
        "kind": question.kind,
        "kind_name": question.kind_name,
        "prompt": question.prompt,
        "options": [o.text for o in question.options],
        "hint": f"Tick {question.correct_count} options." if question.kind == "multiple" else "",
        "unit": question.unit,
        "reveal": reveal_html(question),
        "judge": judge_record(question, sources),
        "figure": None,
    }
    if question.kind == "label":
        key = f"{question.diagram}/{question.marker}"
        if figures is not None and key not in figures:
            picture = label_picture(question)
            figures[key] = {"src": picture.src, "alt": picture.alt, "caption": picture.caption}
        record["figure"] = key
    return record


def judge_record(question: Question, sources: dict | None = None) -> dict:
    """What the browser needs to check an answer itself (static/quiz_judge.js) with the kernel's
    words: which options are right and why (plain text), and the source ids; each source line goes
    into `sources` once (id -> the kernel's escaped HTML). Every answer is in the page anyway, for
    "Reveal all answers"."""
    cited = [question.source] if question.kind == "numeric" else [o.source for o in question.options]
    if sources is not None:
        for source in cited:
            if source not in sources:
                sources[source] = source_html(source)
    if question.kind == "numeric":
        return {"answer": question.answer, "tolerance": question.tolerance, "unit": question.unit,
                "answer_text": question.answer_text(), "feedback": question.feedback, "source": question.source}
    return {"correct": [o.correct for o in question.options], "feedback": [o.feedback for o in question.options],
            "sources": cited}


HOW = "Answer a question, press Check (or Enter), and read why. Nothing is saved or sent anywhere."


def quiz_payload(quiz: Quiz, how: str | None = None, reveal: bool = True) -> dict:
    """Everything the browser shows, as JSON-ready data (each distinct picture once, in "figures");
    `how` replaces the line that says how to use the quiz (HOW); `reveal=False` leaves out the
    "Reveal all answers" switch."""
    total = len(quiz.questions)
    check_size(quiz)
    figures: dict[str, dict] = {}
    sources: dict[str, str] = {}
    questions = [question_record(n, total, q, figures, sources) for n, q in enumerate(quiz.questions, start=1)]
    return {
        "lesson": quiz.lesson,
        "title": f"Check yourself: {quiz.title}",
        "intro": quiz.intro,
        "how": HOW if how is None else how,
        "reveal_switch": bool(reveal),
        "questions": questions,
        "figures": figures,
        "sources": sources,
    }


def check_size(quiz: Quiz) -> None:
    """Refuse, before any work, a quiz with more questions than one page can sensibly hold."""
    count = len(quiz.questions)
    if count > MAX_QUIZ_QUESTIONS:
        raise ValueError(f"quiz {quiz.lesson!r} has {count:,} questions; a quiz may have at most "
                         f"{MAX_QUIZ_QUESTIONS:,}: split it into several quizzes")


def read_answer(question: Question, raw: object):
    """The answer the browser sent, in the form content.quiz checks; anything malformed counts as
    no answer (the learner then reads what to do), so a crafted message cannot raise in the kernel."""
    count = len(question.options)
    if question.kind in ("single", "label"):
        if isinstance(raw, int) and not isinstance(raw, bool) and 0 <= raw < count:
            return raw
        return None
    if question.kind == "multiple":
        if not isinstance(raw, list):
            return []
        return sorted({i for i in raw if isinstance(i, int) and not isinstance(i, bool) and 0 <= i < count})
    return raw[:MAX_TYPED] if isinstance(raw, str) else None


class QuestionCard:
    """One question as the kernel sees it: its data, its latest feedback and revealed answer."""

    def __init__(self, owner: QuizWidget, question: Question):
        self._owner = owner
        self.question = question

    def check(self, answer) -> Verdict | None:
        """Check an answer as the Check button does (an option index, a list of indices, or text)."""
        return self._owner.check(self.question.id, answer)

    @property
    def feedback(self) -> str:
        """The HTML the feedback live region shows now ("" before the first check)."""
        entry = self._owner.feedback.get(self.question.id)
        return entry["html"] if entry else ""

    @property
    def reveal(self) -> str:
        """The answer and why, as HTML, while "Reveal all answers" is on; else ""."""
        return reveal_html(self.question) if self._owner.revealed else ""


class QuizWidget(StableText, anywidget.AnyWidget):
    """The quiz on screen: native radio groups, check boxes, text boxes and buttons."""

    _esm = front_end()
    _css = course_css() + _static("quiz.css")  # the course stylesheet first (views.display's rule)

    payload = traitlets.Unicode("{}").tag(sync=True)
    # question id -> {"html": feedback HTML, "count": checks so far, "correct": True/False, or None
    # when the answer could not be checked}; the count pairs each verdict with the browser's check.
    feedback = traitlets.Dict().tag(sync=True)
    score = traitlets.Unicode("").tag(sync=True)
    revealed = traitlets.Bool(False).tag(sync=True)
    cleared = traitlets.Int(0).tag(sync=True)  # bumped by restart(): the browser clears its inputs

    def __init__(self, quiz: Quiz, *, on_answer: Callable[[Question, Verdict], None] | None = None,
                 how: str | None = None, reveal: bool = True):
        """`on_answer(question, verdict)` is called in the kernel after every checked answer (the
        Check button, Enter, or `check()` from Python); not for an answer that cannot be checked
        (nothing chosen, not a number). The spaced review records progress with it. `how` replaces
        the line under the title that says how the quiz works (HOW: "... Nothing is saved ...");
        `reveal=False` leaves out the "Reveal all answers" switch (a review session)."""
        if on_answer is not None and not callable(on_answer):
            raise TypeError(f"on_answer must be a function taking (question, verdict); got {type(on_answer).__name__}")
        if how is not None and not isinstance(how, str):
            raise TypeError(f"how must be text; got {type(how).__name__}")
        self.quiz = quiz
        self.on_answer = on_answer
        self.state = QuizState(quiz)
        self.cards = tuple(QuestionCard(self, q) for q in quiz.questions)
        super().__init__(
            payload=json.dumps(quiz_payload(quiz, how, reveal), ensure_ascii=False, separators=(",", ":")),
            score=self.state.score_text(),
        )
        self.on_msg(self._on_message)

    def __repr__(self) -> str:
        return self.quiz.describe()

    def unrun_name(self) -> str:
        count = len(self.quiz.questions)
        return f"This quiz ({count} question{'s' if count != 1 else ''})"

    def card(self, question_id: str) -> QuestionCard:
        for card in self.cards:
            if card.question.id == question_id:
                return card
        raise KeyError(f"no question {question_id!r} in quiz {self.quiz.lesson}")

    # -- what the browser asks for --
    def _on_message(self, _widget, content, _buffers=None) -> None:
        if not isinstance(content, dict):
            return
        kind = content.get("type")
        if kind == "check" and isinstance(content.get("id"), str):
            try:
                question = self.quiz.question(content["id"])
            except KeyError:
                return
            self.check(question.id, read_answer(question, content.get("answer")))
        elif kind == "restart":
            self.restart()

    # -- the kernel-side API (tests and coaches) --
    def check(self, question_id: str, answer) -> Verdict | None:
        """Check an answer, show the verdict in that question's live region and update the score."""
        question = self.quiz.question(question_id)
        try:
            verdict = self.state.check(question.id, answer)
        except ValueError as problem:  # NoAnswer or an unreadable number: say what to do
            self.state.forget(question.id)
            verdict, html = None, problem_html(str(problem))
        else:
            html = verdict_html(verdict, numeric=question.kind == "numeric")
        count = self.feedback.get(question.id, {}).get("count", 0) + 1
        correct = None if verdict is None else verdict.correct
        self.feedback = {**self.feedback, question.id: {"html": html, "count": count, "correct": correct}}
        self.score = self.state.score_text()
        if verdict is not None and self.on_answer is not None:
            self.on_answer(question, verdict)
        return verdict

    def reveal(self, shown: bool = True) -> None:
        """Show (or hide) every answer with its explanation, for a coach leading a discussion."""
        self.revealed = bool(shown)

    def restart(self) -> None:
        """Clear every answer, feedback and the score."""
        self.state.reset()
        self.feedback = {}
        self.score = self.state.score_text()
        self.cleared += 1

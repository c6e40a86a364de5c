"""Lesson 07's review front end (static/review*.js) and what it carries for a page with no kernel.

One anywidget front end serves JupyterLab and the static site. With a kernel the page shows the
kernel's `view` and sends ticks, answers and the Anki button to Python (hipcontent.review.session
keeps the progress file). With no kernel (`experimental.hipcontentOffline`) the page keeps the
progress in the browser's localStorage and schedules with FSRS in JavaScript (review_fsrs.js, the
pinned fsrs package's arithmetic), from the `bank` put in the widget when the lesson runs:

- lessons: every lesson with a quiz, its tick-box label and its question keys;
- session: the same, plus every question as the quiz widget's record (widgets.quiz.question_record:
  the answers are in the page anyway, for the lesson's own quiz);
- anki: the Anki file's lines per lesson (review.export.anki_lines), so the download is the very
  file Python writes.

The session's questions are shown by the course quiz's own front end (quiz_judge.js + quiz.js,
read here, not changed), wrapped as `quizFront` in the joined module.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from hipcontent.content.quiz import Quiz
from hipcontent.review.deck import Review, question_key
from hipcontent.review.export import DEFAULT_NAME, HEADER, anki_lines
from hipcontent.views.display import course_css
from hipcontent.widgets.quiz import question_record

__all__ = ["STATIC", "anki_bank", "front_end", "lessons_bank", "session_bank", "style", "tick_label"]

STATIC = Path(__file__).resolve().parent / "static"
MODULES = ("review_fsrs.js", "review_deck.js")  # pure, joined before the quiz and review.js


@cache
def _static(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def _without_local_imports(text: str) -> list[str]:
    return [line for line in text.splitlines() if not (line.startswith("import ") and '"./' in line)]


def _quiz_module() -> str:
    """quiz_judge.js and quiz.js in one function scope, returning {render, judge}: the quiz's own
    front end, its names kept apart from the review's."""
    judge = [line.removeprefix("export ") for line in _without_local_imports(_static("quiz_judge.js"))]
    quiz = _without_local_imports(_static("quiz.js"))
    ending = "export default { render };"
    if ending not in quiz:
        raise RuntimeError("quiz.js no longer ends with `export default { render };`: update widgets/review.py")
    quiz = ["return { render, judge };" if line == ending else line for line in quiz]
    return "const quizFront = (() => {\n" + "\n".join(judge + quiz) + "\n})();"


def _joined_imports(text: str) -> str:
    """Multi-line `import {...} from "./x.js";` blocks dropped (the modules are joined)."""
    out, skipping = [], False
    for line in text.splitlines():
        if line.startswith("import {") and "from" not in line:
            skipping = True
            continue
        if skipping:
            skipping = '"./' not in line
            continue
        if line.startswith("import ") and '"./' in line:
            continue
        out.append(line)
    return "\n".join(out)


@cache
def front_end() -> str:
    """The review's front end as one ES module (anywidget loads `_esm` from a blob: URL, where a
    relative import cannot resolve)."""
    parts = [f"// ---- {name} ----\n{_joined_imports(_static(name))}" for name in MODULES]
    parts.append(f"// ---- quiz_judge.js + quiz.js (the course quiz) ----\n{_quiz_module()}")
    parts.append(f"// ---- review.js ----\n{_joined_imports(_static('review.js'))}")
    return "\n".join(parts) + "\n"


@cache
def style() -> str:
    return course_css() + _static("quiz.css") + _static("review.css")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def tick_label(lesson: str, title: str, count: int) -> str:
    return f"{lesson[:2]} · {title} ({_plural(count, 'question')})"


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _problems(review: Review) -> list[str]:
    return [f"{problem[:1].upper()}{problem[1:]}." for problem in review.problems]


def lessons_bank(review: Review, *, keys: bool = True) -> dict:
    lessons = []
    for lesson, quiz in review.quizzes.items():
        entry = {"lesson": lesson, "label": tick_label(lesson, quiz.title, len(quiz.questions))}
        entry["keys"] = [question_key(lesson, q.id) for q in quiz.questions] if keys else []
        lessons.append(entry)
    return {"lessons": lessons, "problems": _problems(review)}


def session_bank(review: Review, size: int, how: str) -> dict:
    """Every question of every quiz as the quiz widget's record, keyed "<lesson>/<id>" (id, number
    and heading are set by the page for the session it picks)."""
    bank = lessons_bank(review)
    figures: dict[str, dict] = {}
    sources: dict[str, str] = {}
    questions = {}
    for lesson, quiz in review.quizzes.items():
        for q in quiz.questions:
            record = question_record(0, 0, q, figures, sources)
            for name in ("id", "number", "heading"):
                record.pop(name)
            record["reveal"] = ""  # a review session has no "Reveal all answers"
            questions[question_key(lesson, q.id)] = record
    bank.update(questions=questions, figures=figures, sources=sources, how=how, size=size)
    return bank


def anki_bank(quizzes: dict[str, Quiz]) -> dict:
    """The Anki file's pieces: its header, and each lesson's lines (review.export's own)."""
    lessons = []
    for lesson, quiz in quizzes.items():
        lines, left_out = anki_lines([quiz])
        lessons.append({"lesson": lesson, "lines": lines[len(HEADER):], "left_out": left_out})
    return {"lessons": [{"lesson": lesson, "keys": []} for lesson in quizzes],
            "anki": {"name": DEFAULT_NAME, "header": list(HEADER), "lessons": lessons}}


def dump(value) -> str:
    return _dump(value)

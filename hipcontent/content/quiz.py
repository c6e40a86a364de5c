"""Self-check quizzes: questions as data, pure answer checking, and a keyboard-operable widget.

Each lesson's questions live in `data/quizzes/NN-name.yaml`, shaped by `data/quizzes/schema.json`
and citing sources from the course bibliography (`data/bibliography.yaml`). Four kinds of question:

- ``single``: pick one option (exactly one is marked correct);
- ``multiple``: tick every right option (the file declares how many, ``correct_count``);
- ``numeric``: type a number; right if within ``tolerance`` of ``answer`` (edges count as right);
- ``label``: a diagram with a numbered marker; pick the structure it points at.

Every option carries feedback saying why it is right or wrong, and a source id.

    quiz_for("01-anatomy")        # the widget for a lesson (notebooks use this)
    load_quiz("01-anatomy")       # the validated data
    check_answer(question, 2)     # pure checking, no widgets

The checking functions and `QuizState` are plain Python so tests need no widgets; `QuizWidget`
only wires them to radio buttons, check boxes, text boxes and buttons.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import ipywidgets as w

from hipcontent.content.bibliography import FILE as BIBLIOGRAPHY_FILE
from hipcontent.content.bibliography import Source, bibliography
from hipcontent.content.errors import ContentError, QuizDataError
from hipcontent.content.reader import parse_yaml, read_bytes
from hipcontent.views.display import HTMLBlock, escape

QUIZ_IDS = ("01-anatomy", "02-function", "03-weakness-and-testing", "04-exercises")
KINDS = {"single": "single choice", "multiple": "multiple choice", "numeric": "number", "label": "label the diagram"}


class NoAnswer(ValueError):
    """`check_answer` was called before the learner answered."""


# ----------------------------------------------------------------------------------------------
# Data classes


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool
    feedback: str
    source: str
    structure: str = ""  # label questions: the diagram structure this option names


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    prompt: str
    options: tuple[Option, ...] = ()
    correct_count: int = 0
    answer: float | None = None
    tolerance: float | None = None
    unit: str = ""
    feedback: str = ""  # numeric questions: the explanation
    source: str = ""  # numeric questions: its source
    diagram: str = ""
    marker: str = ""

    @property
    def correct_indices(self) -> tuple[int, ...]:
        return tuple(i for i, option in enumerate(self.options) if option.correct)

    @property
    def kind_name(self) -> str:
        return KINDS[self.kind]

    def answer_text(self) -> str:
        """The right answer in words (what "reveal answers" shows)."""
        if self.kind == "numeric":
            low, high = self.answer - self.tolerance, self.answer + self.tolerance
            return f"{_fmt(self.answer)}{_unit(self.unit)} (answers from {_fmt(low)} to {_fmt(high)} count)"
        return "; ".join(self.options[i].text for i in self.correct_indices)


@dataclass(frozen=True)
class Quiz:
    lesson: str
    title: str
    questions: tuple[Question, ...]
    intro: str = ""

    @property
    def number(self) -> str:
        return self.lesson[:2]

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(f"no question {question_id!r} in quiz {self.lesson}")

    def describe(self) -> str:
        count = len(self.questions)
        return f"Quiz: {self.number} {self.title} — {count} question{'s' if count != 1 else ''}"


@dataclass(frozen=True)
class Feedback:
    """One line of feedback: an option (or the numeric explanation), and why."""

    text: str
    correct: bool
    chosen: bool
    feedback: str
    source: str


@dataclass(frozen=True)
class Verdict:
    correct: bool
    message: str
    details: tuple[Feedback, ...] = field(default_factory=tuple)


# ----------------------------------------------------------------------------------------------
# Loading and validation


def _data_dir():
    return resources.files("hipcontent").joinpath("data/quizzes")


def _label_structures(diagram: str) -> Mapping | None:
    if diagram == "front-view":
        from hipcontent.figures.quiz_diagrams import FRONT_VIEW_STRUCTURES

        return FRONT_VIEW_STRUCTURES
    return None


LABEL_DIAGRAMS = ("front-view",)


def _lesson_titles() -> dict[str, str]:
    from hipcontent.content.lessons import lessons

    return {lesson.file.removesuffix(".ipynb"): lesson.title for lesson in lessons()}


def parse_quiz(data: object, filename: str, sources: Mapping[str, Source] | None = None) -> Quiz:
    """Validate already-parsed YAML `data` and build a Quiz, or raise QuizDataError listing every
    problem as ``filename: question 'id': field 'name': reason``."""
    sources = bibliography() if sources is None else sources
    problems: list[str] = []

    def problem(qid: str | None, where: str, reason: str) -> None:
        place = f"question {qid!r}" if qid else "top level"
        problems.append(f"{filename}: {place}: field {where!r}: {reason}")

    from hipcontent.content.schema import validator

    for error in sorted(validator("quizzes/schema.json").iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        path = list(error.absolute_path)
        qid = None
        if len(path) >= 2 and path[0] == "questions" and isinstance(data, dict):
            index = path[1]
            try:
                qid = data["questions"][index].get("id") or f"#{index + 1}"
            except (AttributeError, IndexError, KeyError, TypeError):
                qid = f"#{index + 1}"
            path = path[2:]
        where = _path_text(path) or _missing_field(error) or "(whole entry)"
        problem(qid, where, error.message)
    if problems:
        raise QuizDataError("\n".join(problems))

    lesson = data["lesson"]
    titles = _lesson_titles()
    if lesson not in titles:
        problem(None, "lesson", f"{lesson!r} is not a lesson in lessons.yaml; use one of {', '.join(titles)}")
    stem = Path(filename).name.removesuffix(".yaml")
    if stem != lesson:
        problem(None, "lesson", f"{lesson!r} does not match the file name; rename the file or fix the field")

    questions: list[Question] = []
    seen_ids: set[str] = set()
    for raw in data["questions"]:
        qid = raw["id"]
        if qid in seen_ids:
            problem(qid, "id", "another question already uses this id; ids must be unique within a quiz")
        seen_ids.add(qid)
        kind = raw["type"]
        cited = []
        if kind in ("single", "multiple"):
            options = tuple(Option(o["text"], o["correct"], o["feedback"], o["source"]) for o in raw["options"])
            n_correct = sum(o.correct for o in options)
            if kind == "single" and n_correct != 1:
                problem(qid, "options", f"single choice needs exactly one option with correct: true; found {n_correct}")
            if kind == "multiple":
                declared = raw["correct_count"]
                if n_correct != declared:
                    problem(qid, "correct_count", f"declares {declared} correct options but {n_correct} are marked correct")
                if n_correct >= len(options):
                    problem(qid, "options", "every option is correct; add at least one wrong option")
            texts = [o.text for o in options]
            if len(set(texts)) != len(texts):
                problem(qid, "options", "two options have the same text")
            question = Question(qid, kind, raw["prompt"], options, correct_count=raw.get("correct_count", 1))
            cited = [(f"options[{i}].source", o.source) for i, o in enumerate(options)]
        elif kind == "numeric":
            answer, tolerance = raw["answer"], raw["tolerance"]
            if not math.isfinite(answer):
                problem(qid, "answer", "must be a finite number")
            if not tolerance > 0 or not math.isfinite(tolerance):
                problem(qid, "tolerance", f"must be greater than 0 (got {tolerance}); say how far from the answer still counts")
            question = Question(qid, kind, raw["prompt"], answer=float(answer), tolerance=float(tolerance),
                                unit=raw["unit"], feedback=raw["feedback"], source=raw["source"])
            cited = [("source", raw["source"])]
        else:  # label
            structures = _label_structures(raw["diagram"])
            options = []
            if structures is None:
                problem(qid, "diagram", f"unknown diagram {raw['diagram']!r}; use one of {', '.join(LABEL_DIAGRAMS)}")
                structures = {}
            elif raw["marker"] not in structures:
                problem(qid, "marker", f"{raw['marker']!r} is not a structure on {raw['diagram']!r}; "
                                       f"use one of {', '.join(sorted(structures))}")
            for i, o in enumerate(raw["options"]):
                if structures and o["structure"] not in structures:
                    problem(qid, f"options[{i}].structure", f"{o['structure']!r} is not a structure on "
                                                            f"{raw['diagram']!r}; use one of {', '.join(sorted(structures))}")
                name = structures[o["structure"]].name if o["structure"] in structures else o["structure"]
                options.append(Option(name, o["structure"] == raw["marker"], o["feedback"], o["source"], o["structure"]))
            keys = [o.structure for o in options]
            if len(set(keys)) != len(keys):
                problem(qid, "options", "the same structure is offered twice")
            if raw["marker"] not in keys:
                problem(qid, "options", f"no option names the marked structure {raw['marker']!r}")
            question = Question(qid, kind, raw["prompt"], tuple(options), diagram=raw["diagram"], marker=raw["marker"])
            cited = [(f"options[{i}].source", o.source) for i, o in enumerate(options)]
        for where, source_id in cited:
            if source_id not in sources:
                problem(qid, where, f"source {source_id!r} is not in {BIBLIOGRAPHY_FILE}; add it there or fix the id")
        questions.append(question)
    if problems:
        raise QuizDataError("\n".join(problems))
    return Quiz(lesson, titles[lesson], tuple(questions), data.get("intro", ""))


def _path_text(path: list) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _missing_field(error) -> str:
    match = re.match(r"'([^']+)' is a required property", error.message)
    return match[1] if match else ""


def load_quiz_file(path: str | Path, sources: Mapping[str, Source] | None = None) -> Quiz:
    """Read and validate one quiz file (for authors checking a new file)."""
    path = Path(path)
    return _parse_bytes(lambda: read_bytes(path, path.name), path.name, sources)


@cache
def load_quiz(lesson: str) -> Quiz:
    """The validated quiz for a lesson, e.g. ``load_quiz("01-anatomy")`` (or just ``"01"``)."""
    lesson = _resolve(lesson)
    source = _data_dir().joinpath(f"{lesson}.yaml")
    return _parse_bytes(lambda: read_bytes(source, f"{lesson}.yaml"), f"{lesson}.yaml")


def _parse_bytes(read, filename: str, sources: Mapping[str, Source] | None = None) -> Quiz:
    try:
        data = parse_yaml(read(), filename)
    except ContentError as error:
        raise QuizDataError(error.problems) from None
    return parse_quiz(data, filename, sources)


def _resolve(lesson: str) -> str:
    lesson = str(lesson).removesuffix(".ipynb").removesuffix(".yaml")
    matches = [quiz_id for quiz_id in QUIZ_IDS if quiz_id == lesson or quiz_id[:2] == lesson]
    if not matches:
        raise ValueError(f"no quiz for lesson {lesson!r}; quizzes exist for {', '.join(QUIZ_IDS)}")
    return matches[0]


# ----------------------------------------------------------------------------------------------
# Pure answer checking


def _fmt(value: float) -> str:
    return f"{value:g}"


def _unit(unit: str) -> str:
    return f" {unit}" if unit else ""


def parse_number(text: str, unit: str = "") -> float:
    """Read a typed answer: "2.5", "2,5", "50 %", "-10", "3 cm" (if cm is the question's unit)."""
    cleaned = str(text).strip()
    if unit and cleaned.lower().endswith(unit.lower()):
        cleaned = cleaned[: -len(unit)].strip()
    cleaned = cleaned.replace(",", ".").replace("−", "-")
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"{str(text).strip()!r} is not a number; type digits only, such as 2.5") from None
    if not math.isfinite(value):
        raise ValueError("type an ordinary number, such as 2.5")
    return value


def _choice_details(question: Question, chosen: set[int]) -> tuple[Feedback, ...]:
    """Feedback for every option the learner chose and every right option they missed."""
    return tuple(
        Feedback(o.text, o.correct, i in chosen, o.feedback, o.source)
        for i, o in enumerate(question.options)
        if i in chosen or o.correct
    )


def _check_index(question: Question, selected: int | None) -> Verdict:
    if selected is None:
        raise NoAnswer("choose one option, then press Check")
    if not 0 <= selected < len(question.options):
        raise ValueError(f"option {selected} does not exist; question {question.id!r} has {len(question.options)}")
    right = question.options[selected].correct
    message = "Correct." if right else "Not quite."
    return Verdict(right, message, _choice_details(question, {selected}))


def check_single(question: Question, selected: int | None) -> Verdict:
    """Right if the one chosen option (by index) is the correct one."""
    return _check_index(question, selected)


def check_label(question: Question, selected: int | None) -> Verdict:
    """Right if the chosen structure is the one the marker points at."""
    return _check_index(question, selected)


def check_multiple(question: Question, selected: Iterable[int]) -> Verdict:
    """Right only if the chosen set is exactly the set of correct options."""
    chosen = set(selected)
    if not chosen:
        raise NoAnswer("tick at least one option, then press Check")
    bad = [i for i in chosen if not 0 <= i < len(question.options)]
    if bad:
        raise ValueError(f"option {bad[0]} does not exist; question {question.id!r} has {len(question.options)}")
    correct = set(question.correct_indices)
    right = chosen == correct
    if right:
        message = f"Correct: all {len(correct)} right options, and no others."
    else:
        hits, wrong, missed = len(chosen & correct), len(chosen - correct), len(correct - chosen)
        parts = [f"{hits} of your {len(chosen)} choices right"]
        if wrong:
            parts.append(f"{wrong} wrong")
        if missed:
            parts.append(f"{missed} right option{'s' if missed != 1 else ''} missed")
        message = f"Not quite: {', '.join(parts)}. There are {len(correct)} right options."
    return Verdict(right, message, _choice_details(question, chosen))


def check_numeric(question: Question, value: float | str | None) -> Verdict:
    """Right if |value - answer| <= tolerance (the edges count as right)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise NoAnswer("type a number, then press Check")
    number = parse_number(value, question.unit) if isinstance(value, str) else float(value)
    distance = abs(number - question.answer)
    right = distance <= question.tolerance or math.isclose(distance, question.tolerance, rel_tol=1e-9, abs_tol=1e-12)
    if right:
        message = f"Correct: {_fmt(number)}{_unit(question.unit)} is close enough."
    else:
        side = "high" if number > question.answer else "low"
        message = f"Not quite: {_fmt(number)}{_unit(question.unit)} is too {side}."
    detail = Feedback(f"Answer: {question.answer_text()}", True, True, question.feedback, question.source)
    return Verdict(right, message, (detail,))


def check_answer(question: Question, answer) -> Verdict:
    """Check any question: an option index (single, label), indices (multiple) or a number/text (numeric)."""
    if question.kind == "single":
        return check_single(question, answer)
    if question.kind == "label":
        return check_label(question, answer)
    if question.kind == "multiple":
        return check_multiple(question, () if answer is None else answer)
    return check_numeric(question, answer)


class QuizState:
    """The running score, without widgets: the latest verdict for each checked question."""

    def __init__(self, quiz: Quiz):
        self.quiz = quiz
        self.results: dict[str, bool] = {}

    def check(self, question_id: str, answer) -> Verdict:
        verdict = check_answer(self.quiz.question(question_id), answer)
        self.results[question_id] = verdict.correct
        return verdict

    def forget(self, question_id: str) -> None:
        self.results.pop(question_id, None)

    def reset(self) -> None:
        self.results.clear()

    @property
    def score(self) -> tuple[int, int, int]:
        """(right, checked, total)"""
        return sum(self.results.values()), len(self.results), len(self.quiz.questions)

    def score_text(self) -> str:
        right, checked, total = self.score
        return f"Score: {right} right out of {total} questions ({checked} checked so far)"


# ----------------------------------------------------------------------------------------------
# HTML pieces (all data text escaped)


def source_html(source_id: str) -> str:
    """ "Source: Gray 1918 [B]", linked when the source has an address; full citation on hover."""
    source = bibliography().get(source_id)
    if source is None:
        return f"Source: {escape(source_id)}"
    label = f"{escape(source.label)} [{escape(source.grade)}]"
    if source.grade == "C":
        label += " (low-authority source)"
    elif source.grade == "T":
        label += " (encyclopaedia)"
    if source.url:
        label = f'<a href="{escape(source.url)}" target="_blank" rel="noopener">{label}</a>'
    return f'Source: <span title="{escape(source.text)}">{label}</span>'


def references(lesson: str) -> list[Source]:
    """The full references a lesson's quiz cites, in order of first use."""
    seen: dict[str, None] = {}
    for question in load_quiz(lesson).questions:
        seen.update(dict.fromkeys([question.source] if question.kind == "numeric" else
                                  [o.source for o in question.options]))
    return [bibliography()[key] for key in seen]


def feedback_html(detail: Feedback) -> str:
    if detail.chosen and detail.correct:
        tag = "✔ Your choice, right"
    elif detail.chosen:
        tag = "✘ Your choice, wrong"
    else:
        tag = "➜ Right option you did not choose"
    return (f"<li><strong>{tag}:</strong> {escape(detail.text)}. {escape(detail.feedback)}"
            f"<br><small>{source_html(detail.source)}</small></li>")


def verdict_html(verdict: Verdict, numeric: bool = False) -> str:
    icon = "✔" if verdict.correct else "✘"
    items = "".join(
        f"<li><strong>{escape(d.text)}.</strong> {escape(d.feedback)}<br><small>{source_html(d.source)}</small></li>"
        if numeric else feedback_html(d)
        for d in verdict.details
    )
    return (f'<div role="status"><p><strong>{icon} {escape(verdict.message)}</strong></p>'
            f"<ul>{items}</ul></div>")


def reveal_html(question: Question) -> str:
    if question.kind == "numeric":
        body = (f"<li>{escape(question.feedback)}<br><small>{source_html(question.source)}</small></li>")
    else:
        body = "".join(
            f"<li><strong>{'✔ Right' if o.correct else '✘ Wrong'}:</strong> {escape(o.text)}. "
            f"{escape(o.feedback)}<br><small>{source_html(o.source)}</small></li>"
            for o in question.options
        )
    return f"<p><strong>Answer: {escape(question.answer_text())}</strong></p><ul>{body}</ul>"


def label_figure(question: Question):
    """The diagram for a label question, with alt text that says where marker 1 points."""
    from hipcontent.figures.quiz_diagrams import front_view_alt, front_view_schematic
    from hipcontent.views.display import AccessibleFigure

    return AccessibleFigure(
        front_view_schematic(question.marker),
        alt=front_view_alt(question.marker),
        caption="Which structure does marker 1 point at?",
        dpi=100,
    )


def quiz_handout(lesson: str, answers: bool = False) -> HTMLBlock:
    """The quiz as a printable page (questions and options; with `answers`, the key and why).

    Widgets do not print or export, so a coach prints this instead."""

    loaded = load_quiz(lesson)
    parts = [f"<h3>Check yourself: {escape(loaded.title)}</h3>"]
    lines = [f"Check yourself: {loaded.title}"]
    for number, question in enumerate(loaded.questions, start=1):
        parts.append(f"<p><strong>{number}. {escape(question.prompt)}</strong> <em>({escape(question.kind_name)})</em></p>")
        lines.append(f"{number}. {question.prompt} ({question.kind_name})")
        if question.kind == "label":
            parts.append(f"<p><em>Diagram: {escape(label_figure(question).alt)}</em></p>")
        if question.kind == "numeric":
            parts.append(f"<p>Answer: ________ {escape(question.unit)}</p>")
            lines.append(f"   Answer: ________ {question.unit}")
        else:
            parts.append("<ol type=\"a\">" + "".join(f"<li>{escape(o.text)}</li>" for o in question.options) + "</ol>")
            lines += [f"   {chr(97 + i)}) {o.text}" for i, o in enumerate(question.options)]
        if answers:
            why = question.feedback if question.kind == "numeric" else " ".join(
                question.options[i].feedback for i in question.correct_indices)
            key = question.answer_text().rstrip(".")
            parts.append(f"<p><strong>Answer: {escape(key)}.</strong> {escape(why)}</p>")
            lines.append(f"   Answer: {key}. {why}")
    return HTMLBlock("".join(parts), "\n".join(lines))


# ----------------------------------------------------------------------------------------------
# The widget


def quiz_for(lesson: str) -> "QuizWidget":
    """The self-check quiz for a lesson, ready to display: ``quiz_for("01-anatomy")``."""
    return QuizWidget(load_quiz(lesson))


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


class QuestionCard:
    """One question's widgets: prompt, (diagram), answer input, Check button, feedback, revealed answer."""

    def __init__(self, quiz_widget: "QuizWidget", number: int, question: Question):
        self.question = question
        self._owner = quiz_widget
        total = len(quiz_widget.quiz.questions)
        self.prompt = w.HTML(
            f"<h4>Question {number} of {total} <small>({escape(question.kind_name)})</small></h4>"
            f"<p>{escape(question.prompt)}</p>"
        )
        parts = [self.prompt]
        if question.kind == "label":
            figure = label_figure(question)
            self.figure = w.HTML(figure._repr_mimebundle_()["text/html"])
            parts.append(self.figure)
        wide = w.Layout(width="auto")
        if question.kind in ("single", "label"):
            self.input = w.RadioButtons(
                options=[(o.text, i) for i, o in enumerate(question.options)], value=None,
                layout=wide, description="Answer:", style={"description_width": "initial"},
            )
            self.checkboxes = ()
        elif question.kind == "multiple":
            self.checkboxes = tuple(
                w.Checkbox(value=False, description=o.text, indent=False, layout=wide)
                for o in question.options
            )
            hint = w.HTML(f"<p><em>Tick {question.correct_count} options.</em></p>")
            self.input = w.VBox([hint, *self.checkboxes])
        else:
            self.input = w.Text(value="", placeholder="type a number",
                                description=f"Answer{f' ({question.unit})' if question.unit else ''}:",
                                style={"description_width": "initial"})
            self.checkboxes = ()
        self.check_button = w.Button(description="Check", tooltip="Check this answer", icon="check",
                                     button_style="primary")
        self.check_button.on_click(lambda _button: self.check())
        self.feedback = w.HTML("")
        self.reveal = w.HTML("", layout=w.Layout(display="none"))
        parts += [self.input, self.check_button, self.feedback, self.reveal]
        self.box = w.VBox(parts, layout=w.Layout(border="1px solid #999", padding="0.5em", margin="0.5em 0"))
        self.box.add_class("hipcontent-quiz-question")  # selector hook for browser tests and styling

    def current_answer(self):
        if self.question.kind in ("single", "label"):
            return self.input.value
        if self.question.kind == "multiple":
            return [i for i, box in enumerate(self.checkboxes) if box.value]
        return self.input.value

    def answer(self, value) -> None:
        """Set the input as a learner would: an option index, a list of indices, or text."""
        if self.question.kind in ("single", "label"):
            self.input.value = value
        elif self.question.kind == "multiple":
            for i, box in enumerate(self.checkboxes):
                box.value = i in set(value)
        else:
            self.input.value = str(value)

    def check(self) -> Verdict | None:
        try:
            verdict = self._owner.state.check(self.question.id, self.current_answer())
        except ValueError as problem:  # NoAnswer or unreadable number: say what to do
            self._owner.state.forget(self.question.id)
            self.feedback.value = f'<p role="status"><strong>ⓘ {escape(_sentence(str(problem)))}.</strong></p>'
            self._owner.update_score()
            return None
        self.feedback.value = verdict_html(verdict, numeric=self.question.kind == "numeric")
        self._owner.update_score()
        return verdict

    def clear(self) -> None:
        if self.question.kind in ("single", "label"):
            self.input.value = None
        elif self.question.kind == "multiple":
            for box in self.checkboxes:
                box.value = False
        else:
            self.input.value = ""
        self.feedback.value = ""

    def show_answer(self, shown: bool) -> None:
        self.reveal.value = reveal_html(self.question) if shown else ""
        self.reveal.layout.display = None if shown else "none"


class QuizWidget(w.VBox):
    """The quiz on screen. Everything is a standard widget, so Tab, Space and Enter work."""

    def __init__(self, quiz: Quiz):
        self.quiz = quiz
        self.state = QuizState(quiz)
        header = w.HTML(
            f"<h3>Check yourself: {escape(quiz.title)}</h3>"
            + (f"<p>{escape(quiz.intro)}</p>" if quiz.intro else "")
            + "<p>Answer a question, press <strong>Check</strong>, and read why. Nothing is saved or "
            "sent anywhere.</p>"
        )
        self.reveal_switch = w.Checkbox(value=False, description="Reveal all answers (for a coach leading a discussion)",
                                        indent=False, layout=w.Layout(width="auto"))
        self.reveal_switch.observe(lambda change: self.reveal(change["new"]), names="value")
        self.score = w.Label(self.state.score_text())
        self.restart_button = w.Button(description="Start again", icon="undo", tooltip="Clear all answers")
        self.restart_button.on_click(lambda _button: self.restart())
        self.cards = tuple(QuestionCard(self, n, q) for n, q in enumerate(quiz.questions, start=1))
        footer = w.HBox([self.score, self.restart_button])
        super().__init__([header, self.reveal_switch, *(card.box for card in self.cards), footer])
        self.add_class("hipcontent-quiz")

    def __repr__(self) -> str:
        return self.quiz.describe()

    def card(self, question_id: str) -> QuestionCard:
        for card in self.cards:
            if card.question.id == question_id:
                return card
        raise KeyError(f"no question {question_id!r} in quiz {self.quiz.lesson}")

    def update_score(self) -> None:
        self.score.value = self.state.score_text()

    def reveal(self, shown: bool = True) -> None:
        if self.reveal_switch.value != shown:
            self.reveal_switch.value = shown  # the observer calls back here
            return
        for card in self.cards:
            card.show_answer(shown)

    def restart(self) -> None:
        for card in self.cards:
            card.clear()
        self.state.reset()
        self.update_score()



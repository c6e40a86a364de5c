"""Self-check quizzes: questions as data and pure answer checking (no widgets, no HTML).

Each lesson's questions live in `data/quizzes/NN-name.yaml`, shaped by `data/quizzes/schema.json`
and citing sources from the course bibliography (`data/bibliography.yaml`). Four kinds of question:

- ``single``: pick one option (exactly one is marked correct);
- ``multiple``: tick every right option (the file declares how many, ``correct_count``);
- ``numeric``: type a number; right if within ``tolerance`` of ``answer`` (edges count as right);
- ``label``: a diagram with a numbered marker; pick the structure it points at.

Every option carries feedback saying why it is right or wrong, and a source id. Every question
says which skill it asks for (``skill``, the rule is written in schema.json):

- ``apply``: use what the lesson teaches on a case (a client who..., what happens when...);
- ``explain``: give the reason (why..., which muscle and why...);
- ``recall``: remember a fact or a number as taught.

Each quiz keeps at least three in four questions apply or explain (tests/test_quiz_skills.py).

    load_quiz("01-anatomy")       # the validated data
    check_answer(question, 2)     # pure checking

The widget (hipcontent.widgets.quiz.quiz_for) and the printable quiz
(hipcontent.views.quiz.quiz_handout) only show what this module decides.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import numbers
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from hipcontent.content.bibliography import Source, bibliography, check_citations
from hipcontent.content.errors import Problem, QuizDataError
from hipcontent.content.reader import read_data
from hipcontent.content.schema import checked

QUIZ_IDS = ("01-anatomy", "02-function", "03-weakness-and-testing", "04-exercises")
MAX_QUESTIONS = 60  # questions in one quiz file (each lesson's has about 20); counted while reading
MAX_OPTIONS = 12  # options in one question (the course's have at most 5)
MAX_VALUES = 5000  # values in one quiz file; the largest (lesson 03's) has about 720
SKILLS = ("apply", "explain", "recall")  # what a question asks the learner to do (schema.json says how to label)
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
    skill: str = ""  # apply | explain | recall (SKILLS); required in quiz files, "" only if built in Python

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


@cache
def diagram_structures() -> Mapping[str, Mapping[str, str]]:
    """What each quiz diagram can point at: diagram id -> structure id -> name
    (data/quizzes/diagrams.yaml; the drawings in hipcontent.figures.quiz_diagrams match it)."""
    document, display = read_data(None, "data/quizzes/diagrams.yaml", QuizDataError)
    checked(document, "quizzes/diagrams.schema.json", display, QuizDataError, keyed=True)
    return document


def _lesson_titles() -> dict[str, str]:
    from hipcontent.content.lessons import lessons

    return {lesson.file.removesuffix(".ipynb"): lesson.title for lesson in lessons()}


def parse_quiz(data: object, filename: str, sources: Mapping[str, Source] | None = None) -> Quiz:
    """Validate already-parsed YAML `data` and build a Quiz, or raise QuizDataError listing every
    problem (file, question id, field, reason)."""
    _check_counts(data, filename)
    problems = checked(data, "quizzes/schema.json", filename, QuizDataError)

    lesson = data["lesson"]
    titles = _lesson_titles()
    if lesson not in titles:
        problems.add("", "lesson", f"{lesson!r} is not a lesson in lessons.yaml; use one of {', '.join(titles)}")
    stem = Path(filename).name.removesuffix(".yaml")
    if stem != lesson:
        problems.add("", "lesson", f"{lesson!r} does not match the file name; rename the file or fix the field")

    questions: list[Question] = []
    seen_ids: set[str] = set()
    for raw in data["questions"]:
        qid = raw["id"]
        if qid in seen_ids:
            problems.add(qid, "id", "another question already uses this id; ids must be unique within a quiz")
        seen_ids.add(qid)
        question = _QUESTION_BUILDERS[raw["type"]](raw, lambda field, reason, q=qid: problems.add(q, field, reason))
        cited = ([("source", question.source)] if question.kind == "numeric"
                 else [(f"options[{i}].source", o.source) for i, o in enumerate(question.options)])
        for where, source_id in cited:  # fields name options in the file's order
            check_citations([source_id], problems, filename, qid, where, sources)
        questions.append(presented(replace(question, skill=raw["skill"])))
    problems.raise_if_any(QuizDataError)
    return Quiz(lesson, titles[lesson], tuple(questions), data.get("intro", ""))


def _check_counts(data: object, filename: str) -> None:
    """Refuse a quiz with more than MAX_QUESTIONS questions or a question with more than
    MAX_OPTIONS options before anything else looks at it (a file is bounded while it is read;
    this bounds data built in Python too), so a refusal costs no more than a normal load."""
    if not isinstance(data, dict) or not isinstance(data.get("questions"), (list, tuple)):
        return  # the schema names what is wrong
    questions = data["questions"]
    if len(questions) > MAX_QUESTIONS:
        raise QuizDataError(Problem(filename, "", "questions", f"holds {len(questions):,} questions; a quiz may hold "
                                    f"at most {MAX_QUESTIONS}: split it into several quizzes"))
    for i, raw in enumerate(questions):
        options = raw.get("options") if isinstance(raw, dict) else None
        if isinstance(options, (list, tuple)) and len(options) > MAX_OPTIONS:
            qid = raw.get("id") if isinstance(raw.get("id"), str) else f"#{i + 1}"
            raise QuizDataError(Problem(filename, qid[:80], "options", f"offers {len(options):,} options; a question may "
                                        f"offer at most {MAX_OPTIONS}"))


def _choice_question(raw, problem) -> Question:
    kind = raw["type"]
    options = tuple(Option(o["text"], o["correct"], o["feedback"], o["source"]) for o in raw["options"])
    n_correct = sum(o.correct for o in options)
    if kind == "single" and n_correct != 1:
        problem("options", f"single choice needs exactly one option with correct: true; found {n_correct}")
    if kind == "multiple":
        declared = raw["correct_count"]
        if n_correct != declared:
            problem("correct_count", f"declares {declared} correct options but {n_correct} are marked correct")
        if n_correct >= len(options):
            problem("options", "every option is correct; add at least one wrong option")
    texts = [o.text for o in options]
    if len(set(texts)) != len(texts):
        problem("options", "two options have the same text")
    return Question(raw["id"], kind, raw["prompt"], options, correct_count=int(raw.get("correct_count", 1)))


def _numeric_question(raw, problem) -> Question:
    answer, tolerance = raw["answer"], raw["tolerance"]
    if not tolerance > 0:
        problem("tolerance", f"must be greater than 0 (got {tolerance}); say how far from the answer still counts")
    return Question(raw["id"], "numeric", raw["prompt"], answer=float(answer), tolerance=float(tolerance),
                    unit=raw["unit"], feedback=raw["feedback"], source=raw["source"])


def _label_question(raw, problem) -> Question:
    structures = diagram_structures().get(raw["diagram"])
    if structures is None:
        problem("diagram", f"unknown diagram {raw['diagram']!r}; use one of {', '.join(diagram_structures())}")
        structures = {}
    elif raw["marker"] not in structures:
        problem("marker", f"{raw['marker']!r} is not a structure on {raw['diagram']!r}; "
                          f"use one of {', '.join(sorted(structures))}")
    options = []
    for i, o in enumerate(raw["options"]):
        if structures and o["structure"] not in structures:
            problem(f"options[{i}].structure", f"{o['structure']!r} is not a structure on {raw['diagram']!r}; "
                                               f"use one of {', '.join(sorted(structures))}")
        name = structures.get(o["structure"], o["structure"])
        options.append(Option(name, o["structure"] == raw["marker"], o["feedback"], o["source"], o["structure"]))
    keys = [o.structure for o in options]
    if len(set(keys)) != len(keys):
        problem("options", "the same structure is offered twice")
    if raw["marker"] not in keys:
        problem("options", f"no option names the marked structure {raw['marker']!r}")
    return Question(raw["id"], "label", raw["prompt"], tuple(options), diagram=raw["diagram"], marker=raw["marker"])


def option_order_key(question_id: str, option: Option) -> str:
    """Where an option is shown: sorted by a SHA-256 of the question id and the option's text (or
    diagram structure). The order is fixed for a question (stored notebook outputs stay the same
    run after run) but has nothing to do with the order the author wrote, so the right answer is
    not usually first. The widget, the printed quiz and the answer key all use this order."""
    return hashlib.sha256(f"{question_id}\n{option.structure or option.text}".encode()).hexdigest()


def presented(question: Question) -> Question:
    """The question with its options in the order learners see them (see option_order_key)."""
    if not question.options:
        return question
    ordered = tuple(sorted(question.options, key=lambda o: option_order_key(question.id, o)))
    return replace(question, options=ordered)


_QUESTION_BUILDERS = {"single": _choice_question, "multiple": _choice_question,
                      "numeric": _numeric_question, "label": _label_question}


def _read_quiz(path, package_path: str = "") -> tuple[object, str]:
    return read_data(path, package_path, QuizDataError, max_items=MAX_QUESTIONS, max_nodes=MAX_VALUES)


def load_quiz_file(path: str | Path, sources: Mapping[str, Source] | None = None) -> Quiz:
    """Read and validate one quiz file (for authors checking a new file)."""
    if path is None:
        raise TypeError("path must be the quiz file's name, e.g. load_quiz_file('my-quiz/01-anatomy.yaml'); "
                        "for a lesson's own quiz call load_quiz('01')")
    document, display = _read_quiz(path)
    return parse_quiz(document, display, sources)


def load_quiz(lesson: str) -> Quiz:
    """The validated quiz for a lesson, e.g. ``load_quiz("01-anatomy")`` (or just ``"01"``)."""
    return _load_quiz(_resolve(lesson))


@cache
def _load_quiz(quiz_id: str) -> Quiz:
    document, display = _read_quiz(None, f"data/quizzes/{quiz_id}.yaml")
    return parse_quiz(document, display)


load_quiz.cache_clear = _load_quiz.cache_clear  # callers (benchmarks, tests) clear the cache by this name


def load_quizzes() -> dict[str, Quiz]:
    """Every lesson's quiz, checked together: one QuizDataError lists the problems of all files."""
    quizzes, problems = {}, []
    for lesson in QUIZ_IDS:
        try:
            quizzes[lesson] = load_quiz(lesson)
        except QuizDataError as error:
            problems.extend(error.problems)
    if problems:
        raise QuizDataError(problems)
    return quizzes


def _resolve(lesson: str) -> str:
    if isinstance(lesson, int) and not isinstance(lesson, bool) and 0 <= lesson < 100:
        lesson = f"{lesson:02d}"
    if not isinstance(lesson, str):
        raise TypeError(f"lesson must be a lesson's name or number as text, e.g. load_quiz('01-anatomy') or "
                        f"load_quiz('01'); got {type(lesson).__name__} {repr(lesson)[:60]}")
    lesson = lesson[:100].removesuffix(".ipynb").removesuffix(".yaml")
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
    if len(cleaned) > 100:  # no answer is that long; float() would read a million digits first
        raise ValueError("that is too long to be a number; type digits only, such as 2.5")
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


def _option_number(question: Question, value, argument: str = "selected") -> int:
    """An option's index as given from Python: a whole number (numpy's too), not True/False."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{argument} must be an option's number (0 for the first option); got "  # noqa: TRY004 (the widget shows ValueErrors)
                         f"{type(value).__name__} {repr(value)[:60]}")
    return int(value)


def _check_index(question: Question, selected: int | None) -> Verdict:
    if selected is None:
        raise NoAnswer("choose one option, then press Check")
    selected = _option_number(question, selected)
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
    """Right only if the chosen set is exactly the set of correct options.

    `selected` is read once, and at most one more item than there are options (an endless
    iterable is refused, not read forever)."""
    if isinstance(selected, (str, bytes, Mapping)) or not hasattr(selected, "__iter__"):
        raise ValueError(f"selected must be a list of option numbers, e.g. [0, 2]; got "  # noqa: TRY004 (the widget shows ValueErrors)
                         f"{type(selected).__name__} {repr(selected)[:60]}")
    given = list(itertools.islice(selected, len(question.options) + 1))
    if len(given) > len(question.options):
        raise ValueError(f"selected gives more option numbers than question {question.id!r} has options "
                         f"({len(question.options)}); give each chosen option once")
    chosen = {_option_number(question, value, "each selected option") for value in given}
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
    if isinstance(value, str):
        number = parse_number(value, question.unit)
    elif isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"the answer must be a number or text; got {type(value).__name__}")  # noqa: TRY004 (the widget shows ValueErrors)
    else:  # int, float, numpy numbers
        number = float(value)
        if not math.isfinite(number):
            raise ValueError("type an ordinary number, such as 2.5")
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


def references(lesson: str) -> list[Source]:
    """The full references a lesson's quiz cites, in order of first use."""
    seen: dict[str, None] = {}
    for question in load_quiz(lesson).questions:
        seen.update(dict.fromkeys([question.source] if question.kind == "numeric" else
                                  [o.source for o in question.options]))
    return [bibliography()[key] for key in seen]

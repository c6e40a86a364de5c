"""Hostile inputs, one table per data kind: every kind of data file is read by the same reader and
checked the same way, so each hostile file gets a clear error naming the file (and the entry and
field where there is one), or is handled correctly. Nothing hangs, nothing is half-loaded."""

from __future__ import annotations

import copy
import math
import os
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import yaml

from hipcontent.content import exercise_checks
from hipcontent.content.anatomy import load_facts
from hipcontent.content.bibliography import load_bibliography
from hipcontent.content.errors import (
    AnatomyDataError,
    BibliographyError,
    ContentError,
    EvidenceDataError,
    ExerciseDataError,
    LessonDataError,
    MuscleDataError,
    QuizDataError,
)
from hipcontent.content.evidence import load_evidence_file
from hipcontent.content.exercise_models import progression_edges
from hipcontent.content.exercises import (
    ExerciseNotFound,
    SkippedFilesWarning,
    load_library,
)
from hipcontent.content.lessons import load_lessons, parse_lessons
from hipcontent.content.muscles import load_muscles
from hipcontent.content.quiz import load_quiz_file, parse_quiz
from hipcontent.content.reader import package_file, read_yaml

DATA = Path(str(package_file("data")))


def _load_exercise(path: Path):
    return load_library([path.parent])


@dataclass(frozen=True)
class Kind:
    load: object  # path -> loaded data (raises the kind's error)
    error: type
    filename: str
    source: str  # the shipped file the valid base document comes from
    text: tuple  # path to a text field
    id: tuple | None  # path to an id (a value, matched as a whole string)
    number: tuple | None = None  # path to a number field
    max_bytes: int = 256 * 1024

    def base(self) -> object:
        document = copy.deepcopy(read_yaml(DATA / self.source))
        if self.error is ExerciseDataError:
            document["id"] = "hostile-x"
        return document


KINDS = {
    "exercise": Kind(_load_exercise, ExerciseDataError, "hostile-x.yaml", "exercises/supine-toe-tap.yaml",
                     ("name",), ("dosage", 0, "id"), ("dosage", 0, "prep", "target"), 64 * 1024),
    "quiz": Kind(load_quiz_file, QuizDataError, "03-weakness-and-testing.yaml", "quizzes/03-weakness-and-testing.yaml",
                 ("questions", 0, "prompt"), ("questions", 0, "id"), None),
    "anatomy": Kind(load_facts, AnatomyDataError, "facts.yaml", "anatomy/facts.yaml",
                    ("muscles", "iliacus", "facts", 0, "text"), ("muscles", "iliacus", "facts", 0, "id")),
    "evidence": Kind(load_evidence_file, EvidenceDataError, "evidence.yaml", "lesson03/evidence.yaml",
                     ("claims", 0, "claim"), ("claims", 0, "id")),
    "lessons": Kind(load_lessons, LessonDataError, "lessons.yaml", "lessons.yaml",
                    (0, "title"), (0, "file"), (0, "minutes")),
    "bibliography": Kind(load_bibliography, BibliographyError, "bibliography.yaml", "bibliography.yaml",
                         ("gray1918", "label"), None),
    "muscles": Kind(load_muscles, MuscleDataError, "muscles.yaml", "muscles.yaml",
                    ("muscles", 0, "name"), ("muscles", 0, "id")),
}


def _set(document, path, value):
    node = document
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value


def _get(document, path):
    for step in path:
        document = document[step]
    return document


def _write(tmp_path: Path, kind: Kind, content) -> Path:
    folder = tmp_path / "files"
    folder.mkdir(exist_ok=True)
    path = folder / kind.filename
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:  # a document: dumped with escapes, so lone surrogates and control characters survive
        path.write_text(yaml.safe_dump(content, allow_unicode=False, width=10**9, sort_keys=False), encoding="ascii")
    return path


def _refused(kind: Kind, path: Path) -> ContentError:
    with pytest.raises(kind.error) as caught:
        kind.load(path)
    error = caught.value
    assert error.problems and all(p.file == str(path) for p in error.problems), error.problems
    assert str(path) in str(error)
    return error


# ------------------------------------------------------------------------- hostile files


def _deep(levels: int) -> str:
    return "a: " + "[" * levels + "]" * levels + "\n"


HOSTILE_FILES = {
    "alias bomb": ("a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b]\n",
                   "anchor or alias"),
    "repeated key": ("a: 1\nb: 2\na: 3\n", "repeats the key 'a'"),
    "python tag": ("a: !!python/object/apply:os.system ['true']\n", "YAML tag"),
    "binary tag": ("a: !!binary aGVsbG8=\n", "YAML tag"),
    "not utf-8": (b"a: caf\xe9\n", "not UTF-8 text (byte 7, line 1)"),
    "deep nesting": (_deep(40), "levels deep"),
    "bad syntax": ("a: [unclosed\n", "is not valid YAML"),
    "bidi key": ("\"a\\u202eb\": 1\n", "bidirectional"),
    "infinity": ("a: .inf\n", "not a finite number"),
    "huge integer": ("a: 123456789012345678901234567890\n", "too large"),
}


@pytest.mark.parametrize("hostile", sorted(HOSTILE_FILES))
@pytest.mark.parametrize("kind_name", sorted(KINDS))
def test_hostile_files_are_refused_naming_the_file(tmp_path, kind_name, hostile):
    kind = KINDS[kind_name]
    content, reason = HOSTILE_FILES[hostile]
    error = _refused(kind, _write(tmp_path, kind, content))
    assert reason in error.reason, error.reason


@pytest.mark.parametrize("kind_name", sorted(KINDS))
def test_too_big_a_file_is_refused_before_parsing(tmp_path, kind_name):
    kind = KINDS[kind_name]
    error = _refused(kind, _write(tmp_path, kind, "a: '" + "x" * kind.max_bytes + "'\n"))
    assert "larger than" in error.reason


@pytest.mark.parametrize("kind_name", sorted(KINDS))
def test_an_empty_file_is_refused(tmp_path, kind_name):
    kind = KINDS[kind_name]
    _refused(kind, _write(tmp_path, kind, ""))


@pytest.mark.parametrize("kind_name", sorted(KINDS))
def test_a_named_pipe_does_not_hang_the_loader(tmp_path, kind_name):
    kind = KINDS[kind_name]
    folder = tmp_path / "files"
    folder.mkdir()
    fifo = folder / kind.filename
    os.mkfifo(fifo)
    outcome = {}

    def attempt():
        try:
            kind.load(fifo)
        except Exception as error:  # noqa: BLE001 - the test inspects whatever comes out
            outcome["error"] = error

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(10)
    assert not worker.is_alive(), f"{kind_name}: the loader blocked on a named pipe"
    assert isinstance(outcome["error"], kind.error) and "named pipe" in str(outcome["error"])


# ------------------------------------------------------------------------- hostile values

HOSTILE_VALUES = {
    "blank": ("   ", "only white space"),
    "control character": ("a\x07b", "control character U+0007"),
    "lone surrogate": ("a\ud800b", "lone surrogate"),
    "bidi override": ("a\u202eb", "bidirectional"),
    "bidi isolate": ("a\u2066b", "bidirectional"),
    "20,000 letters": ("x" * 20_000, "20,000 characters long"),
    "not a number": (math.nan, "not a finite number"),
    "infinity": (math.inf, "not a finite number"),
}


@pytest.mark.parametrize("hostile", sorted(HOSTILE_VALUES))
@pytest.mark.parametrize("kind_name", sorted(KINDS))
def test_hostile_text_is_refused_naming_entry_and_field(tmp_path, kind_name, hostile):
    kind = KINDS[kind_name]
    value, reason = HOSTILE_VALUES[hostile]
    document = kind.base()
    _set(document, kind.text, value)
    error = _refused(kind, _write(tmp_path, kind, document))
    assert any(reason in p.reason and p.field.endswith(str(kind.text[-1])) for p in error.problems), error.problems


@pytest.mark.parametrize("kind_name", sorted(name for name, kind in KINDS.items() if kind.id))
def test_an_id_with_a_trailing_newline_is_refused(tmp_path, kind_name):
    kind = KINDS[kind_name]
    document = kind.base()
    _set(document, kind.id, _get(document, kind.id) + "\n")
    error = _refused(kind, _write(tmp_path, kind, document))
    assert any("does not match" in p.reason for p in error.problems), error.problems


def test_a_bibliography_key_with_a_trailing_newline_is_refused(tmp_path):
    kind = KINDS["bibliography"]
    document = kind.base()
    document["gray1918\n"] = document.pop("gray1918")
    _refused(kind, _write(tmp_path, kind, document))


@pytest.mark.parametrize("kind_name", sorted(name for name, kind in KINDS.items() if kind.number))
def test_a_huge_number_is_refused(tmp_path, kind_name):
    kind = KINDS[kind_name]
    document = kind.base()
    _set(document, kind.number, 10**20)
    error = _refused(kind, _write(tmp_path, kind, document))
    assert "too large" in error.reason or "larger than" in error.reason


def test_a_nan_quiz_answer_is_refused_in_a_file_and_in_python(tmp_path):
    kind = KINDS["quiz"]
    document = kind.base()
    index = next(i for i, q in enumerate(document["questions"]) if q["type"] == "numeric")
    for value in (math.nan, math.inf, -math.inf):
        _set(document, ("questions", index, "answer"), value)
        error = _refused(kind, _write(tmp_path, kind, document))
        assert "not a finite number" in error.reason
        with pytest.raises(QuizDataError, match="not a finite number"):
            parse_quiz(document, kind.filename)


# ------------------------------------------------------------------------- handled correctly


def test_yaml_1_1_forms_mean_what_they_say_in_a_quiz(tmp_path):
    kind = KINDS["quiz"]
    text = (DATA / kind.source).read_text("utf-8")
    document = read_yaml(DATA / kind.source)
    index = next(i for i, q in enumerate(document["questions"]) if q["type"] == "numeric")
    _set(document, ("questions", index, "answer"), "ANSWER")
    _set(document, ("questions", index, "unit"), "UNIT")
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    text = text.replace("answer: ANSWER", "answer: 010").replace("unit: UNIT", "unit: yes")
    quiz = load_quiz_file(_write(tmp_path, kind, text))
    question = quiz.questions[index]
    assert question.answer == 10 and question.unit == "yes"  # not 8, not True


def test_numpy_numbers_are_numbers():
    document = read_yaml(DATA / "lessons.yaml")
    document[0]["minutes"] = np.int64(10)
    assert parse_lessons(document)[0].minutes == 10
    quiz = read_yaml(DATA / "quizzes/03-weakness-and-testing.yaml")
    index = next(i for i, q in enumerate(quiz["questions"]) if q["type"] == "numeric")
    quiz["questions"][index]["answer"] = np.float64(2.5)
    quiz["questions"][index]["tolerance"] = np.float32(0.5)
    parsed = parse_quiz(quiz, "03-weakness-and-testing.yaml")
    assert parsed.questions[index].answer == 2.5


# ------------------------------------------------------------------------- exercise bounds


def _dosage(**changes):
    preset = copy.deepcopy(KINDS["exercise"].base()["dosage"][0])
    preset.update(changes)
    return {k: v for k, v in preset.items() if v is not None}


@pytest.mark.parametrize(
    "changes, field, reason",
    [
        ({"work": {"target": 1e12, "unit": "s"}}, "dosage[0].work", "from 1 s to 1 hour"),
        ({"work": {"target": 1e-9, "unit": "s"}}, "dosage[0].work", "from 1 s to 1 hour"),
        ({"work": {"target": 61, "unit": "min"}}, "dosage[0].work", "check the unit"),
        ({"prep": {"target": 0.5, "unit": "s"}}, "dosage[0].prep", "from 1 s to 1 hour"),
        ({"sets": 10**8}, "dosage[0].sets", "maximum"),
        ({"sets": 21}, "dosage[0].sets", "maximum of 20"),
        ({"sets": 1.5}, "dosage[0].sets", "integer"),
        ({"mode": "reps", "work": None, "reps": 100, "seconds_per_rep": {"target": 60, "unit": "s"},
          "count_basis": "per_side"}, "dosage[0]", "timer phase the timers refuse"),
        ({"sets": 20, "reps": 100, "rest_between_sets": {"target": 60, "unit": "s"},
          "rest_between_reps": {"target": 5, "unit": "s"}}, "dosage[0]", "at most 4 hours"),
    ],
)
def test_exercise_bounds_are_enforced(tmp_path, changes, field, reason):
    kind = KINDS["exercise"]
    document = kind.base()
    document["dosage"] = [_dosage(**changes)]
    error = _refused(kind, _write(tmp_path, kind, document))
    assert any(p.field == field and reason in p.reason for p in error.problems), error.problems


def test_whole_numbers_written_with_a_point_are_accepted(tmp_path):
    kind = KINDS["exercise"]
    document = kind.base()
    document["dosage"] = [_dosage(sets=1.0)]
    text = yaml.safe_dump(document, sort_keys=False)
    assert "sets: 1.0" in text
    exercise = kind.load(_write(tmp_path, kind, text))["hostile-x"]
    assert exercise.dosage[0].sets.target == 1 and type(exercise.dosage[0].sets.target) is int


@pytest.mark.parametrize("name, value", [("position", "upside_down"), ("equipment", "laser"),
                                         ("equipment", ["mat"]), ("goal", "fame"), ("level", "expert")])
def test_query_filters_refuse_unknown_values(name, value):
    with pytest.raises(ValueError, match=f"{name} must be one of"):
        load_library().query(**{name: value})


def test_files_a_folder_holds_but_the_loader_passes_over_are_named(tmp_path):
    kind = KINDS["exercise"]
    path = _write(tmp_path, kind, kind.base())
    (path.parent / "old.YAML").write_text("id: old\n")
    (path.parent / "notes.txt").write_text("notes")
    (path.parent / ".draft.yaml").write_text("id: draft\n")
    (path.parent / "more").mkdir()
    with pytest.warns(SkippedFilesWarning, match="old.YAML"):
        library = kind.load(path)
    skipped = dict(library.skipped)
    assert set(skipped) == {str(path.parent / n) for n in ("old.YAML", "notes.txt", ".draft.yaml", "more")}
    assert "lower-case" in skipped[str(path.parent / "old.YAML")] and "sub-folder" in skipped[str(path.parent / "more")]
    assert "hostile-x" in library


def test_the_builtin_library_passes_nothing_over():
    with warnings.catch_warnings():
        warnings.simplefilter("error", SkippedFilesWarning)
        assert load_library().skipped == ()


def test_progression_chains_are_checked_without_recursion_limits():
    n = 20_000
    exercises = {
        f"e{i}": SimpleNamespace(id=f"e{i}", source_file=f"e{i}.yaml", builtin=False,
                                 progressions=(SimpleNamespace(id=f"e{i + 1}"),) if i < n - 1 else (SimpleNamespace(id="e0"),),
                                 regressions=())
        for i in range(n)
    }
    edges = progression_edges(list(exercises.values()))
    problems = exercise_checks._cycles(exercises, edges)
    assert len(problems) == 1 and "lead back" in problems[0].reason
    exercises[f"e{n - 1}"].progressions = ()
    assert exercise_checks._cycles(exercises, progression_edges(list(exercises.values()))) == []


def test_resolve_takes_an_exercise_or_an_id_and_names_close_ids():
    library = load_library()
    toe_tap = library["supine-toe-tap"]
    assert library.resolve(toe_tap) is toe_tap and library.resolve("supine-toe-tap") is toe_tap
    with pytest.raises(ExerciseNotFound, match="did you mean 'supine-toe-tap'"):
        library.resolve("supine-toe-tapp")
    with pytest.raises(KeyError):
        library.resolve("x" * 20_000)
    with pytest.raises(ValueError, match="an Exercise or an exercise id"):
        library.resolve(42)
    assert len(str(pytest.raises(ValueError, library.resolve, "x" * 20_000).value)) < 300


def test_an_exercise_citing_an_unknown_bibliography_id_is_refused(tmp_path):
    kind = KINDS["exercise"]
    document = kind.base()
    document["evidence"]["sources"][0]["bibliography"] = ["kumazaki_2022", "kumazaki_2021"]
    error = _refused(kind, _write(tmp_path, kind, document))
    problem = error.problems[0]
    assert problem.field == "evidence.sources[0].bibliography" and "'kumazaki_2021'" in problem.reason
    assert "did you mean kumazaki_2022" in problem.reason
    document["evidence"]["sources"][0]["bibliography"] = ["kumazaki_2022"]
    exercise = kind.load(_write(tmp_path, kind, document))["hostile-x"]
    assert exercise.evidence.sources[0].bibliography == ("kumazaki_2022",)


def test_a_4000_letter_licence_id_is_refused_before_any_card_prints_it(tmp_path):
    kind = KINDS["exercise"]
    document = kind.base()
    document["license"]["spdx"] = "LicenseRef-" + "a" * 4000
    error = _refused(kind, _write(tmp_path, kind, document))
    assert any(p.field == "license.spdx" and "4,011 characters long; the limit is 64" in p.reason for p in error.problems), error.problems

"""Hostile input, round two (issue 21, items 3 and 4 for the content layer and the public API):
long lists, repeated items, thousands of broken links, endless iterables, wrong argument types,
UTF-16 files, ids from a library the call was not given, loops made by a coach's override, and
web addresses with odd ports or international host names. Every refusal names the argument or
the file (and entry and field) and says what to do. No timing here: benchmarks/hostile.py
measures each refusal against a normal load."""

from __future__ import annotations

import copy
import itertools
import os
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import yaml

from hipcontent.coaching.classroom import binder_link, nbgitpuller_link
from hipcontent.content import exercise_checks
from hipcontent.content.errors import ContentError, ExerciseDataError, LessonDataError, Problem, QuizDataError
from hipcontent.content.exercise_checks import MAX_LIST_ITEMS, MAX_SUGGESTED, close_ids, load_exercise_file
from hipcontent.content.lessons import load_lessons
from hipcontent.content.library import MAX_FOLDER_ENTRIES, ExerciseNotFound, load_library
from hipcontent.content.quiz import (
    MAX_OPTIONS,
    MAX_QUESTIONS,
    check_answer,
    load_quiz,
    load_quiz_file,
    parse_quiz,
)
from hipcontent.content.reader import MAX_ITEMS, package_file, parse_yaml, read_yaml
from hipcontent.content.schema import first_repeat

DATA = Path(str(package_file("data")))
QUIZ = DATA / "quizzes/03-weakness-and-testing.yaml"


def _exercise(exercise_id: str = "coach-one", source: str = "supine-toe-tap", **changes) -> dict:
    document = read_yaml(DATA / "exercises" / f"{source}.yaml")
    document["id"] = exercise_id
    for key, value in changes.items():
        if value is None:
            document.pop(key, None)
        else:
            document[key] = value
    return document


def _dump(document) -> str:
    return yaml.safe_dump(document, allow_unicode=False, width=10**9, sort_keys=False)


def _folder(root: Path, *documents, name: str = "coach") -> Path:
    folder = root / name
    folder.mkdir(exist_ok=True)
    for document in documents:
        (folder / f"{document['id']}.yaml").write_text(_dump(document), encoding="ascii")
    return folder


def _problems(data: bytes | str, stem: str = "coach-one"):
    data = data.encode() if isinstance(data, str) else data
    exercise, _eid, problems = load_exercise_file(data, "coach/coach-one.yaml", stem)
    assert exercise is None and problems
    return problems


# --- repeated items: a linear check that names the repeat ------------------------------------


@pytest.mark.parametrize(("key", "items", "field"), [
    ("aliases", ["toe taps", "dead bug legs", "toe taps"], "aliases[2]"),
    ("equipment", ["mat", "mat"], "equipment[1]"),
    ("progressions", [{"id": "psoas-march", "when": "Easy now."}, {"when": "Easy now.", "id": "psoas-march"}],
     "progressions[1]"),
])
def test_a_repeated_item_is_named_by_its_place(key, items, field):
    (problem,) = _problems(_dump(_exercise(**{key: items})))
    assert (problem.file, problem.entry, problem.field) == ("coach/coach-one.yaml", "coach-one", field)
    assert "repeats item" in problem.reason and "each item may appear once" in problem.reason


def test_first_repeat_compares_as_json_does():
    assert first_repeat([1, True, 0, False, None]) is None  # true is not 1, as in JSON Schema
    assert first_repeat([1, 2, 1.0]) == (0, 2)
    assert first_repeat([{"a": [1, {"b": 2}]}, {"a": [1, {"b": 2}]}]) == (0, 1)
    assert first_repeat([[1, 2], [2, 1]]) is None
    odd = object()
    assert first_repeat([odd, "x", np.float64(2.0), 2, odd]) == (2, 3)  # numpy numbers are numbers
    assert first_repeat(list(range(100_000)) + [99_999]) == (99_999, 100_000)


# --- bounded counts --------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["aliases", "progressions", "goals", "cues"])
def test_a_long_list_in_an_exercise_file_is_refused_while_reading(key):
    item = {"id": "psoas-march", "when": "Easy now."} if key == "progressions" else "toe taps"
    items = [dict(item, id=f"x-{i}") if isinstance(item, dict) else f"{item} {i}" for i in range(200)]
    (problem,) = _problems(_dump(_exercise(**{key: items})))
    assert problem.file == "coach/coach-one.yaml" and problem.field == key
    assert f"more than {MAX_LIST_ITEMS} entries" in problem.reason and "shorten it" in problem.reason


@pytest.mark.parametrize(("text", "field", "what"), [
    ("- a\n" * (MAX_ITEMS + 5), "", "the top level is a list"),
    ("".join(f"k{i}: 1\n" for i in range(MAX_ITEMS + 5)), "", "the top level is a mapping"),
    ("a:\n  b:\n" + "    - x\n" * (MAX_ITEMS + 5), "a.b", "is a list"),
    ("".join(f"k{i}: [" + "1, " * 400 + "]\n" for i in range(30)), "", "values"),
])
def test_the_reader_bounds_every_list_mapping_and_file(text, field, what):
    with pytest.raises(ContentError) as caught:
        parse_yaml(text, "big.yaml")
    problem = caught.value.problems[0]
    assert problem.file == "big.yaml" and problem.field == field and what in problem.reason


def _quiz_with(questions: int, options: int = 2) -> dict:
    document = read_yaml(QUIZ)
    question = {"id": "q", "type": "single", "prompt": "Which one?", "options": [
        {"text": f"Option {i}", "correct": i == 0, "feedback": "Because.", "source": "gray1918"} for i in range(options)]}
    document["questions"] = [dict(copy.deepcopy(question), id=f"q{i}") for i in range(questions)]
    return document


def test_a_quiz_of_too_many_questions_is_refused_in_a_file_and_in_python(tmp_path):
    path = tmp_path / QUIZ.name
    path.write_text(_dump(_quiz_with(MAX_QUESTIONS + 50)), encoding="ascii")
    with pytest.raises(QuizDataError) as caught:
        load_quiz_file(path)
    assert caught.value.file == str(path) and caught.value.field == "questions"
    with pytest.raises(QuizDataError) as caught:
        parse_quiz(_quiz_with(MAX_QUESTIONS + 1), QUIZ.name)
    assert caught.value.field == "questions" and f"at most {MAX_QUESTIONS}" in caught.value.reason
    assert "split it" in caught.value.reason


def test_a_question_with_too_many_options_is_refused():
    with pytest.raises(QuizDataError) as caught:
        parse_quiz(_quiz_with(2, options=MAX_OPTIONS + 1), QUIZ.name)
    assert (caught.value.entry, caught.value.field) == ("q0", "options")
    assert f"at most {MAX_OPTIONS}" in caught.value.reason


def test_a_folder_of_too_many_files_is_refused_naming_it(tmp_path):
    folder = tmp_path / "everything"
    folder.mkdir()
    for i in range(MAX_FOLDER_ENTRIES + 1):
        (folder / f"f{i}.txt").touch()
    with pytest.raises(ExerciseDataError) as caught:
        load_library([folder])
    assert caught.value.file == str(folder) and "only your exercise files" in caught.value.reason


# --- "did you mean", bounded -------------------------------------------------------------------


def _linked(i: int, target: str):
    return SimpleNamespace(id=f"coach-exercise-{i}", source_file=f"c/{i}.yaml", builtin=False,
                           progressions=(SimpleNamespace(id=target),), regressions=())


def test_thousands_of_broken_links_are_all_listed_and_only_the_first_get_suggestions():
    exercises = {f"coach-exercise-{i}": _linked(i, f"coach-exercize-{i}") for i in range(2000)}
    problems = exercise_checks.check_links(exercises, set())
    assert len(problems) == 2000
    assert all(p.field == "progressions[0].id" and "not in the library" in p.reason for p in problems)
    hinted = [p for p in problems if "did you mean" in p.reason]
    assert 0 < len(hinted) <= MAX_SUGGESTED


def test_close_ids_still_finds_a_typo_among_many():
    ids = [f"exercise-{i}" for i in range(5000)] + ["supine-toe-tap"]
    assert close_ids("supine-toe-tpa", ids) == ["supine-toe-tap"]
    assert close_ids("", ids) == [] and close_ids("z" * 10_000, ids) == []


# --- load_library's arguments ------------------------------------------------------------------


@pytest.mark.parametrize(("arguments", "kind", "words"), [
    ((None,), TypeError, ["extra_dirs", "load_library()"]),
    ((123,), TypeError, ["extra_dirs", "int 123", "load_library('my-exercises')"]),
    ((b"my-exercises",), TypeError, ["extra_dirs is bytes", "as text", "load_library('my-exercises')"]),
    ((bytearray(b"club"),), TypeError, ["extra_dirs is bytes", "load_library('club')"]),
    (("",), ValueError, ["extra_dirs is empty", "current folder"]),
    (("   ",), ValueError, ["extra_dirs is empty"]),
    ((["ok", ""],), ValueError, ["extra_dirs[1] is empty"]),
    ((["ok", 5],), TypeError, ["extra_dirs[1] must be a folder", "int 5"]),
    (({"folder": "x"},), TypeError, ["extra_dirs must be a folder or a list", "dict"]),
    ((itertools.count(),), TypeError, ["extra_dirs[0] must be a folder", "int 0"]),
    ((["a\x00b"],), ValueError, ["extra_dirs[0]", "NUL"]),
])
def test_load_library_names_a_wrong_extra_dirs_and_what_to_give(arguments, kind, words):
    with pytest.raises(kind) as caught:
        load_library(*arguments)
    for word in words:
        assert word in str(caught.value)


@pytest.mark.parametrize("value", ["no", "False", 1, 0, None, np.bool_(True)])
def test_override_must_be_true_or_false(value):
    with pytest.raises(TypeError, match="^override must be True or False; got .*Pass override=True"):
        load_library(override=value)


def test_an_endless_iterable_of_folders_is_read_lazily_and_refused(tmp_path):
    folder = _folder(tmp_path, _exercise())
    with pytest.raises(ValueError, match=r"extra_dirs\[1\] .* is the same folder as .*give each folder once"):
        load_library(itertools.repeat(folder))
    many = (tmp_path / f"f{i}" for i in itertools.count())
    with pytest.raises(ValueError, match="more than 20 folders"):
        load_library(many)


def test_the_same_folder_given_twice_is_refused_however_it_is_spelt(tmp_path):
    folder = _folder(tmp_path, _exercise())
    os.symlink(folder, tmp_path / "link")
    for second in (str(folder), folder / ".", tmp_path / "coach" / ".." / "coach", tmp_path / "link"):
        with pytest.raises(ValueError, match="is the same folder as .* give each folder once"):
            load_library([folder, second])


# --- UTF-16, surrogates, odd file names ------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_a_utf16_or_utf32_file_is_named_and_the_fix_given(tmp_path, encoding):
    folder = tmp_path / "coach"
    folder.mkdir()
    path = folder / "coach-one.yaml"
    path.write_bytes(_dump(_exercise()).encode(encoding))
    with pytest.raises(ExerciseDataError) as caught:
        load_library([folder])
    assert caught.value.file == str(path)
    assert "not UTF-8" in caught.value.reason and "save it again with the encoding 'UTF-8'" in caught.value.reason
    quiz = tmp_path / QUIZ.name
    quiz.write_bytes(QUIZ.read_text("utf-8").encode(encoding))
    with pytest.raises(QuizDataError, match="save it again with the encoding 'UTF-8'"):
        load_quiz_file(quiz)


def test_a_utf8_byte_order_mark_is_harmless(tmp_path):
    folder = tmp_path / "coach"
    folder.mkdir()
    (folder / "coach-one.yaml").write_bytes(b"\xef\xbb\xbf" + _dump(_exercise()).encode())
    assert "coach-one" in load_library([folder])


@pytest.mark.parametrize("where", [("cues", 0), ("steps", 1), ("name",)])
def test_a_lone_surrogate_is_refused_naming_entry_and_field(where):
    document = _exercise()
    if len(where) == 2:
        document[where[0]][where[1]] = "Keep the back \ud800 flat."
    else:
        document[where[0]] = "Toe \udfff tap"
    (problem,) = _problems(_dump(document))
    field = f"{where[0]}[{where[1]}]" if len(where) == 2 else where[0]
    assert (problem.entry, problem.field) == ("coach-one", field) and "lone surrogate" in problem.reason


def test_a_file_name_that_is_not_utf8_is_passed_over_by_name(tmp_path):
    folder = _folder(tmp_path, _exercise())
    name = os.fsdecode(b"caf\xe9.yaml")
    (folder / name).write_text("x: 1\n")
    with pytest.warns(UserWarning, match=r"caf\\xe9.yaml \(has a name that is not UTF-8 text; rename it\)"):
        library = load_library([folder])
    assert "coach-one" in library


# --- an id from a library the call was not given ----------------------------------------------


def test_an_id_only_in_the_coach_library_says_pass_library(tmp_path):
    folder = _folder(tmp_path, _exercise("club-bridge"))
    coach = load_library([folder])
    assert "club-bridge" in coach
    builtin = load_library()
    with pytest.raises(ExerciseNotFound) as caught:
        builtin.resolve("club-bridge")
    message = str(caught.value)
    assert "no exercise 'club-bridge' in the built-in library" in message
    assert str(folder) in message and "Pass library=" in message
    assert isinstance(caught.value, KeyError) and isinstance(caught.value, ValueError)


def test_a_missing_id_in_the_built_in_library_suggests_loading_your_folder():
    with pytest.raises(ExerciseNotFound) as caught:
        load_library()["my-own-made-up-exercise"]
    assert "load_library(['my-exercises'])" in str(caught.value) and "library=" in str(caught.value)
    with pytest.raises(ExerciseNotFound, match="did you mean 'supine-toe-tap'"):
        load_library()["supine-toe-tpa"]
    for odd in (None, ["supine-toe-tap"], 3):
        with pytest.raises(ExerciseNotFound):
            load_library()[odd]
        assert odd not in load_library()


def test_a_missing_id_in_a_coach_library_names_its_folders(tmp_path):
    folder = _folder(tmp_path, _exercise("club-bridge"))
    with pytest.raises(ExerciseNotFound, match=r"no exercise 'nothing-like-it' in the library loaded from '.*coach'"):
        load_library([folder])["nothing-like-it"]


# --- a loop made by the coach's override is blamed on the coach's file -------------------------


def test_a_loop_closed_by_an_override_is_blamed_on_the_coach_file(tmp_path):
    # built in: supine-toe-tap -> psoas-march. The coach's psoas-march leads back to the toe tap.
    march = _exercise("psoas-march", "psoas-march", regressions=None,
                      progressions=[{"id": "supine-toe-tap", "when": "Every rep is clean."}])
    folder = _folder(tmp_path, march)
    with pytest.raises(ExerciseDataError) as caught:
        load_library([folder], override=True)
    loops = [p for p in caught.value.problems if "loop" in p.reason]
    assert len(loops) == 1
    (problem,) = loops
    assert problem.file == str(folder / "psoas-march.yaml") and problem.field == "progressions[0].id"
    assert "replaces the built-in exercise" in problem.reason and "remove it" in problem.reason
    assert not problem.file.startswith("hipcontent/data")


def test_a_loop_between_two_new_coach_files_is_blamed_on_one_of_them(tmp_path):
    a = _exercise("club-a", progressions=[{"id": "club-b", "when": "Easy now."}], regressions=None)
    b = _exercise("club-b", progressions=[{"id": "club-a", "when": "Easy now."}], regressions=None)
    folder = _folder(tmp_path, a, b)
    with pytest.raises(ExerciseDataError) as caught:
        load_library([folder])
    (problem,) = [p for p in caught.value.problems if "loop" in p.reason]
    assert Path(problem.file).parent == folder and "replaces" not in problem.reason


# --- the loaders' path arguments and the quiz's answers ----------------------------------------


@pytest.mark.parametrize(("call", "kind", "words"), [
    (lambda: load_lessons(123), TypeError, ["path must be a file name", "int 123"]),
    (lambda: load_lessons(b"lessons.yaml"), TypeError, ["path is bytes", "path='lessons.yaml'"]),
    (lambda: load_lessons(""), ValueError, ["path is empty"]),
    (lambda: load_quiz_file(None), TypeError, ["path must be the quiz file's name", "load_quiz('01')"]),
    (lambda: load_quiz_file(Path("a\x00b")), ValueError, ["NUL"]),
    (lambda: load_quiz(None), TypeError, ["lesson must be", "load_quiz('01')"]),
    (lambda: load_quiz(["01"]), TypeError, ["lesson must be", "list"]),
    (lambda: load_quiz("x" * 10_000), ValueError, ["no quiz for lesson"]),
])
def test_loaders_name_a_wrong_path_or_lesson(call, kind, words):
    with pytest.raises(kind) as caught:
        call()
    for word in words:
        assert word in str(caught.value)[:400]


def test_a_missing_lesson_file_is_a_content_error_naming_it(tmp_path):
    with pytest.raises(LessonDataError, match="missing.yaml: cannot be read"):
        load_lessons(tmp_path / "missing.yaml")
    assert load_quiz(1) is load_quiz("01-anatomy")


def _question(kind):
    """The course's first question of this kind, from any lesson's quiz (quiz 01 has no number question)."""
    return next(q for lesson in ("01", "02", "03", "04") for q in load_quiz(lesson).questions if q.kind == kind)


@pytest.mark.parametrize(("kind", "answer", "words"), [
    ("single", "1", "selected must be an option's number"),
    ("single", True, "got bool True"),
    ("single", 1.0, "got float 1.0"),
    ("multiple", "12", "selected must be a list of option numbers"),
    ("multiple", 3, "selected must be a list of option numbers"),
    ("multiple", itertools.count(), "more option numbers than question"),
    ("multiple", [0, "1"], "each selected option must be an option's number"),
    ("numeric", "9" * 10_000, "too long to be a number"),
])
def test_answers_of_the_wrong_kind_are_named(kind, answer, words):
    with pytest.raises(ValueError, match=words):
        check_answer(_question(kind), answer)


def test_numpy_option_numbers_are_accepted():
    question = _question("single")
    assert check_answer(question, np.int64(question.correct_indices[0])).correct


# --- class links: ports and international host names --------------------------------------------


REPO = "https://github.com/hipcontent/hipcontent"


@pytest.mark.parametrize(("url", "words"), [
    ("https://hub.example.org:99999", "port out of range ('99999')"),
    ("https://hub.example.org:65536", "port out of range"),
    ("https://hub.example.org:0", "port out of range ('0')"),
    ("https://[::1]:70000", "port out of range"),
    ("https://hub.example.org:port", "port that is not a number"),
    ("https://hub.example.org:-1", "port that is not a number"),
    ("https://hub.example.org:\uff18\uff10", "port that is not a number"),
    ("https://hub.example.org:", "gives no port"),
])
def test_a_bad_port_is_named_with_the_allowed_range(url, words):
    for call, argument in ((lambda: nbgitpuller_link(url, REPO), "hub_url"),
                           (lambda: binder_link(binder_url=url), "binder_url"),
                           (lambda: nbgitpuller_link("https://hub.example.org", url + "/org/course"), "repo")):
        with pytest.raises(ValueError) as caught:
            call()
        assert str(caught.value).startswith(f"{argument} ") and words in str(caught.value)
        if "gives no port" not in words:
            assert "1 to 65535" in str(caught.value)


@pytest.mark.parametrize(("host", "ascii_host"), [
    ("bücher.example", "xn--bcher-kva.example"),
    ("straße.de", "xn--strae-oqa.de"),  # non-transitional, as browsers: not strasse.de
    ("例え.テスト", "xn--r8jz45g.xn--zckzah"),
    ("hub\u3002b\u00fccher.example", "hub.xn--bcher-kva.example"),  # an ideographic full stop is a dot
    ("BÜCHER.example", "xn--bcher-kva.example"),
])
def test_international_host_names_are_encoded(host, ascii_host):
    link = nbgitpuller_link(f"https://{host}:8443/jupyter", f"https://git.{host}/org/course")
    assert link.startswith(f"https://{ascii_host}:8443/jupyter/hub/user-redirect/git-pull?")
    assert f"repo=https%3A%2F%2Fgit.{ascii_host}%2Forg%2Fcourse" in link and link.isascii()
    assert binder_link(binder_url=f"https://{host}").startswith(f"https://{ascii_host}/v2/gh/")


@pytest.mark.parametrize("host", ["ab--cü.example", "\u0301ü.example", "ü.xn--zz", "a\u200db.example", "-bücher.example"])
def test_an_invalid_international_name_is_refused_naming_the_argument(host):
    with pytest.raises(ValueError, match="^hub_url "):
        nbgitpuller_link(f"https://{host}", REPO)


# --- the mistake box shows any message, however broken or long ---------------------------------


@pytest.mark.parametrize("error", [
    ContentError([Problem("caf\udce9.yaml", "x\ud800", "cues[0]", "holds a lone surrogate \ud800")] * 3),
    ContentError(Problem("coach/long.yaml", "long", "name", "is " + "y" * 100_000)),
    ValueError("no exercise '\udcff' in the built-in library; " + "z" * 50_000),
])
def test_the_mistake_box_shows_surrogates_as_escapes_and_cuts_long_text(error):
    from hipcontent.views.mistakes import MAX_TEXT, mistake_box

    box = mistake_box(error)
    for text in (box.text, box.html):
        text.encode("utf-8")  # storable in a notebook: no lone surrogate left
        assert len(text) < 6 * MAX_TEXT + 2000
    assert "\\ud800" in box.text or "long.yaml" in box.text or "\\udcff" in box.text


def test_huge_data_from_python_is_refused_before_the_schema_looks_at_it():
    from hipcontent.content.schema import schema_problems

    document = _exercise(progressions=[{"id": f"p-{i}", "when": "Easy now."} for i in range(MAX_ITEMS + 1)])
    (problem,) = schema_problems(document, "exercise.schema.json", "python")
    assert (problem.entry, problem.field) == ("coach-one", "progressions") and f"at most {MAX_ITEMS}" in problem.reason
    with pytest.raises(LessonDataError, match="holds more than"):
        from hipcontent.content.lessons import parse_lessons

        parse_lessons([[1] * 400] * 40, "python-lessons")

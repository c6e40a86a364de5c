"""Mistakes made on purpose: one friendly box (what, where, how to fix), never a traceback or a path."""

from __future__ import annotations

import copy
import re
import types
from pathlib import Path

import pytest
from test_exercises import BASE, write

import hipcontent
from hipcontent.content.errors import ContentError, Problem, QuizDataError
from hipcontent.views import mistakes
from hipcontent.views.mistakes import (
    mistake_box,
    mistake_on_purpose,
    raised_by_hipcontent,
    shown_file,
    without_paths,
)

TRACEBACK_SIGNS = ("Traceback", "File \"", "line ", ".py", "site-packages", "hipcontent/views", "<module>")


@pytest.fixture
def shown(monkeypatch):
    """What the context manager displays, captured (MIME bundle per box)."""
    boxes = []
    monkeypatch.setattr(mistakes, "_show", lambda block: boxes.append(block._repr_mimebundle_()))
    return boxes


def assert_no_path_or_traceback(bundle: dict, *paths: Path) -> None:
    for mime in ("text/html", "text/plain"):
        text = re.sub(r"<style>.*?</style>", "", bundle[mime], flags=re.DOTALL)  # the course stylesheet
        for sign in TRACEBACK_SIGNS:
            assert sign not in text, (mime, sign, text)
        for path in (Path.cwd(), Path.home(), *paths):
            assert str(path) not in text, (mime, path)
        assert not re.search(r"(?<![\w.~])/(?:tmp|home|usr|work|root|Users)/", text), (mime, text)


def test_is_a_public_name():
    assert hipcontent.mistake_on_purpose is mistake_on_purpose
    assert "mistake_on_purpose" in hipcontent.__all__


def test_a_content_error_with_several_problems_shows_each_where_and_what(tmp_path, shown, monkeypatch):
    monkeypatch.chdir(tmp_path)
    broken = copy.deepcopy(BASE)
    broken["level"] = "novice"
    broken["dosage"][0]["sets"] = 0
    folder = write(tmp_path / "my-exercises", broken)
    with mistake_on_purpose() as caught:
        hipcontent.load_library([folder.resolve()])  # an absolute path, as a coach may give it
    assert isinstance(caught.mistake, hipcontent.ExerciseDataError)
    assert len(caught.mistake.problems) >= 2
    (bundle,) = shown
    text, html = bundle["text/plain"], bundle["text/html"]
    assert text.startswith("Mistake made on purpose: ExerciseDataError\n")
    assert f"{len(caught.mistake.problems)} problems in the exercise data." in text
    for problem in caught.mistake.problems:
        assert f"Where: my-exercises/{Path(problem.file).name}, entry {problem.entry!r}, field {problem.field}" in text
        assert f"What is wrong: {problem.reason}" in text
    assert "field level" in text and "'novice' is not one of" in text
    assert "How to fix it: Correct each field in my-exercises/wall-march.yaml" in text
    assert "load the library again" in text
    assert '<div class="hip-mistake" role="note">' in html  # inside the course's root element
    assert html.count("<li>") == len(caught.mistake.problems) and "How to fix it:</strong>" in html
    assert_no_path_or_traceback(bundle, tmp_path)


def test_an_argument_error_names_the_function_and_the_value(shown):
    from hipcontent import ExerciseTimer

    with mistake_on_purpose() as caught:
        ExerciseTimer.countdown(0)
    assert isinstance(caught.mistake, ValueError)
    (bundle,) = shown
    text = bundle["text/plain"]
    assert text.splitlines()[0] == "Mistake made on purpose: ValueError"
    assert "Where: the arguments given to ExerciseTimer.countdown" in text
    assert f"What is wrong: {caught.mistake}" in text and "got 0" in text
    assert "How to fix it:" in text
    assert_no_path_or_traceback(bundle)


def test_key_errors_and_notes_read_as_written(shown):
    exercise = hipcontent.load_library()["supine-toe-tap"]
    with mistake_on_purpose():
        exercise.preset("nope")
    text = shown[-1]["text/plain"]
    assert "What is wrong: exercise 'supine-toe-tap' has no dosage preset 'nope'; choose one of:" in text
    assert "Where: the arguments given to Exercise.preset" in text
    assert '"exercise' not in text  # a KeyError's message, not its repr


def test_a_hint_the_error_carries_is_the_fix(shown):
    error = QuizDataError([Problem("data/quizzes/x.yaml", "q1", "answer", "is missing")])
    error.add_note("Add an answer to question q1.")
    with mistake_on_purpose():
        raise error
    assert "How to fix it: Add an answer to question q1." in shown[-1]["text/plain"]


def test_absolute_paths_never_show(tmp_path, shown, monkeypatch):
    monkeypatch.chdir(tmp_path)
    elsewhere = "/somewhere/private/coach/wall-march.yaml"
    inside = str(Path(hipcontent.__file__).parent / "data" / "exercises" / "psoas-march.yaml")
    problems = [Problem(elsewhere, "a", "level", f"see {elsewhere} and {inside}"),
                Problem(str(tmp_path / "mine" / "b.yaml"), "b", "name", "is empty")]
    with mistake_on_purpose():
        raise ContentError(problems)
    bundle = shown[-1]
    assert "Where: wall-march.yaml, entry 'a', field level" in bundle["text/plain"]
    assert "see wall-march.yaml and hipcontent/data/exercises/psoas-march.yaml" in bundle["text/plain"]
    assert "Where: mine/b.yaml, entry 'b', field name" in bundle["text/plain"]
    assert_no_path_or_traceback(bundle, tmp_path)
    assert shown_file("") == "" and shown_file("rel/x.yaml") == "rel/x.yaml"
    assert without_paths("see https://example.org/a/b and 10 km/h, 1/2") == "see https://example.org/a/b and 10 km/h, 1/2"


def test_many_problems_are_counted_not_all_listed(shown):
    problems = [Problem("f.yaml", f"e{i}", "name", "is empty") for i in range(30)]
    with mistake_on_purpose():
        raise ContentError(problems)
    text = shown[-1]["text/plain"]
    assert text.count("- Where:") == mistakes.MAX_SHOWN
    assert f"… and {30 - mistakes.MAX_SHOWN} more problems." in text


def test_data_text_in_the_box_is_escaped(shown):
    with mistake_on_purpose():
        raise ContentError(Problem("<b>.yaml", "<script>", "x", "<img src=x onerror=alert(1)>"))
    html = shown[-1]["text/html"]
    assert "<script>" not in html and "<img" not in html and "&lt;script&gt;" in html


def test_errors_from_the_learners_own_code_propagate(shown):
    with pytest.raises(ValueError, match="my own"), mistake_on_purpose():
        raise ValueError("my own mistake")
    with pytest.raises(ValueError, match="invalid literal"), mistake_on_purpose():
        int("x")  # raised by Python itself, not by hipcontent
    with pytest.raises(ZeroDivisionError), mistake_on_purpose():
        _ = 1 / 0
    assert shown == []


def test_an_error_in_a_coachs_function_called_by_hipcontent_propagates(tmp_path, shown):
    def cards(exercise, preset=None):
        raise ValueError("the coach's card function broke")

    plan = hipcontent.plan_session(["supine-toe-tap"])
    with pytest.raises(ValueError, match="coach's card function broke") as info, mistake_on_purpose():
        plan.handout(tmp_path / "h.pdf", card_pages=cards)
    assert not raised_by_hipcontent(info.value)
    assert shown == []


def test_only_argument_errors_raised_inside_hipcontent_are_caught(shown):
    def fails(kind):
        raise kind("from inside hipcontent")

    fails = types.FunctionType(fails.__code__, {"__name__": "hipcontent.timing.example"})  # hipcontent's code
    with pytest.raises(RuntimeError), mistake_on_purpose():  # a bug, not a mistake: its traceback stays
        fails(RuntimeError)
    assert shown == []
    for kind in (ValueError, TypeError, KeyError):
        with mistake_on_purpose() as caught:
            fails(kind)
        assert type(caught.mistake) is kind and "Where: the arguments given to fails" in shown[-1]["text/plain"]


def test_no_error_shows_a_box_and_raises(shown):
    with pytest.raises(AssertionError, match="meant to fail"), mistake_on_purpose():
        hipcontent.countdown(5)
    (bundle,) = shown
    assert bundle["text/plain"].startswith("Expected a mistake, and none happened\n")
    assert 'role="alert"' in bundle["text/html"] and "hip-mistake" in bundle["text/html"]


def test_the_box_is_shown_through_ipython_display(monkeypatch):
    shown = []
    import IPython.display

    monkeypatch.setattr(IPython.display, "display", lambda block: shown.append(block))
    with mistake_on_purpose() as caught:
        hipcontent.plan_session(["supine-toe-tap"], rest_between=-30)
    assert shown == [caught.box] and shown[0].text == mistake_box(caught.mistake).text


def test_an_expected_kind_lets_any_other_error_through(shown):
    from hipcontent import ExerciseDataError, ExerciseTimer

    with mistake_on_purpose(ValueError) as caught:
        ExerciseTimer.countdown(0)
    assert isinstance(caught.mistake, ValueError)
    with pytest.raises(ValueError, match="seconds must be"), mistake_on_purpose(ExerciseDataError):
        ExerciseTimer.countdown(0)  # a different mistake from the one the lesson describes
    assert len(shown) == 1
    with pytest.raises(TypeError, match="expected must be an exception class"):
        mistake_on_purpose("ValueError")

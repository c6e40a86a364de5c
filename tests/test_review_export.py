"""The Anki export (Anki manual, "Importing > Text Files": #key:value headers, tab-separated,
HTML fields) and lesson 07's widgets driven from Python (no browser)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from hipcontent.content.quiz import Option, Question, Quiz
from hipcontent.review.export import HEADER, export_anki, field
from hipcontent.review.progress import load_progress
from hipcontent.review.session import anki_button, review_session, spacing_example, studied_lessons

NOW = datetime(2026, 12, 5, 9, 0, tzinfo=timezone.utc)
NASTY = 'Tab\there, "quoted", <b>bold?</b> & a\nnew line'


def _quiz() -> Quiz:
    single = Question("nasty", "single", NASTY, (Option(NASTY, True, "because\tso", "gray1918"),
                                                  Option("other", False, "no", "gray1918")), correct_count=1)
    numeric = Question("angle", "numeric", "How many degrees?", answer=30.0, tolerance=5.0, unit="°",
                       feedback="About thirty.", source="gray1918")
    label = Question("marker", "label", "What does marker 1 point at?", (Option("Iliacus", True, "yes", "gray1918", "iliacus"),),
                     diagram="front", marker="iliacus")
    return Quiz("01-anatomy", "Anatomy", (single, numeric, label))


def _notes(path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text("utf-8").splitlines() if not line.startswith("#")]


def test_the_file_has_anki_headers_and_three_columns_on_every_line(tmp_path):
    result = export_anki([_quiz()], tmp_path / "deck.txt")
    lines = (tmp_path / "deck.txt").read_text("utf-8").splitlines()
    assert lines[: len(HEADER)] == list(HEADER)
    assert "#separator:tab" in lines and "#html:true" in lines and "#tags column:3" in lines
    notes = _notes(tmp_path / "deck.txt")
    assert len(notes) == result.notes == 2 and result.left_out == 1  # the label question needs its diagram
    assert all(len(note) == 3 for note in notes)
    assert notes[0][2] == "hipcontent lesson-01"
    assert "30 °" in notes[1][1] and "Gray 1918" in notes[1][1]
    assert "left out" in result.describe()


def test_fields_are_escaped_and_never_split(tmp_path):
    export_anki([_quiz()], tmp_path / "deck.txt")
    front, back, _tags = _notes(tmp_path / "deck.txt")[0]
    assert "&lt;b&gt;bold?&lt;/b&gt;" in front and "&quot;quoted&quot;" in front and "&amp;" in front
    assert "<b>bold?</b>" not in front and '"' not in front + back
    assert "a<br>new line" in front and "because so" in back
    assert field("x\r\ny\u2028z\tw") == "x<br>y<br>z w"


def test_an_existing_file_is_never_replaced(tmp_path):
    (tmp_path / "deck.txt").write_text("mine")
    result = export_anki([_quiz()], tmp_path / "deck.txt")
    assert result.path.name == "deck-2.txt" and (tmp_path / "deck.txt").read_text() == "mine"
    assert export_anki([_quiz()], tmp_path / "deck.txt").path.name == "deck-3.txt"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck-2.txt", "deck-3.txt", "deck.txt"]


def test_the_name_must_be_a_text_file(tmp_path):
    with pytest.raises(ValueError, match=r"\.txt"):
        export_anki([_quiz()], tmp_path / "deck.apkg")


def test_the_course_quizzes_export(tmp_path):
    from hipcontent.content.quiz import load_quizzes

    result = export_anki(list(load_quizzes().values()), tmp_path / "all.txt")
    notes = _notes(result.path)
    assert result.notes == len(notes) > 20 and all(len(note) == 3 for note in notes)
    assert len({note[0] for note in notes}) == len(notes)  # Anki matches notes by the first field


# -- the widgets, driven from Python ---------------------------------------------------------------

def test_ticking_a_lesson_saves_it_and_shows_what_is_due(tmp_path):
    path = tmp_path / "review.json"
    ticks = studied_lessons(path, now=NOW)
    assert "Nothing to review yet" in ticks.status and not path.exists()
    lesson = "01-anatomy"
    ticks._message({"type": "tick", "lesson": lesson, "value": True})  # as the page sends it
    assert load_progress(path).lessons == [lesson]
    assert "Due today:" in ticks.status
    bundle = ticks._repr_mimebundle_()
    stored = (bundle[0] if isinstance(bundle, tuple) else bundle)["text/plain"]
    assert stored.startswith("▶ The list of lessons to tick needs Python") and "Shift+Enter" in stored


def test_a_session_answer_is_graded_once_and_the_due_count_drops(tmp_path):
    path = tmp_path / "review.json"
    studied_lessons(path, now=NOW).tick("01-anatomy")
    session = review_session(path, now=NOW)
    questions = session.quiz.questions
    assert 1 <= len(questions) <= 10
    due_before = len(session.review.due())
    first = next(q for q in questions if q.kind in ("single", "label"))
    wrong = next(i for i, o in enumerate(first.options) if not o.correct)
    session._message({"type": "answer", "id": first.id, "answer": wrong})  # as the page sends it
    assert len(session.review.due()) == due_before - 1
    assert f"Due today: {due_before - 1} question" in session.status and "tomorrow" in session.status
    session.check(first.id, first.correct_indices[0])  # a second check does not count
    record = load_progress(path).cards[first.id]
    assert record["reviews"] == 1 and "first answer" in session.status
    assert "saved in your review file" in session.payload
    assert '"reveal_switch":false' in session.payload.replace(" ", "")  # no "Reveal all answers" in a review


def test_nothing_due_shows_a_line_and_no_quiz(tmp_path):
    session = review_session(tmp_path / "review.json", now=NOW)
    assert session.payload == "" and "tick the lessons" in session.status


def test_the_spacing_example_is_computed_and_grows():
    table = spacing_example()
    rows = [line.split() for line in str(table).splitlines()[2:]]
    gaps = [int(row[2]) for row in rows]
    assert gaps == sorted(gaps) and gaps[0] >= 1
    assert "(wrong)" in str(table)


def test_the_anki_button_exports_the_lessons_ticked_after_it_was_shown(tmp_path):
    from hipcontent.review.session import anki_button

    path = tmp_path / "review.json"
    button = anki_button(path, to=tmp_path / "deck.txt")
    studied_lessons(path, now=NOW).tick("01-anatomy")  # ticked in another cell, later
    result = button.save()
    assert "the lessons you ticked" in button.message
    assert {note[2] for note in _notes(result.path)} == {"hipcontent lesson-01"}


def test_the_widgets_say_when_the_file_was_set_aside_or_questions_were_skipped(tmp_path):
    path = tmp_path / "review.json"
    path.write_text("{ not json")
    ticks = studied_lessons(path, now=NOW)
    assert "review.json could not be read" in ticks.notice and "review-damaged.json" in ticks.notice
    ticks.tick("01-anatomy")
    progress = load_progress(path)
    progress.cards["01-anatomy/a-question-that-was-removed"] = {
        "state": 2, "stability": 2.3, "difficulty": 2.1, "due": "2026-12-06T09:00:00+00:00",
        "last_review": "2026-12-04T09:00:00+00:00", "reviews": 1, "lapses": 0}
    progress.save()
    session = review_session(path, now=NOW)
    assert "1 saved question no longer in the course's quizzes is skipped" in session.notice
    assert "a-question-that-was-removed" not in session.payload


def test_each_widget_carries_what_the_page_needs_with_no_kernel(tmp_path):
    """The bank: tick labels and keys; every question once (no revealed answers); the Anki lines."""
    import json

    from hipcontent.widgets.review import front_end

    path = tmp_path / "review.json"
    ticks, session, button = studied_lessons(path, now=NOW), review_session(path, now=NOW), anki_button(path)
    lessons = json.loads(ticks.bank)["lessons"]
    assert [entry["lesson"] for entry in lessons] == list(ticks.review.quizzes)
    bank = json.loads(session.bank)
    assert len(bank["questions"]) == sum(len(entry["keys"]) for entry in lessons) and bank["size"] == 10
    assert all(record["reveal"] == "" for record in bank["questions"].values())
    assert len(session.bank.encode()) < 600_000 and len(button.bank.encode()) < 60_000
    assert json.loads(button.bank)["anki"]["header"][0] == "#separator:tab"
    assert ticks._esm == session._esm == front_end() and "const quizFront = (() => {" in front_end()
    assert 'from "./' not in front_end() and front_end().count("export default") == 1
    assert not path.exists()

"""The quiz widget, kernel side: its payload (plain data text, never HTML), the messages the
browser sends, the verdicts and score it sends back, reveal and restart, escaping."""

import copy
import json
import re
from pathlib import Path

import pytest

from hipcontent.content.quiz import QUIZ_IDS, load_quiz, parse_quiz
from hipcontent.views.display import escape
from hipcontent.views.quiz import label_alt, quiz_handout
from hipcontent.widgets import quiz as quiz_widget
from hipcontent.widgets.quiz import QuizWidget, quiz_for, read_answer
from tests.test_quiz import FILE, _valid, at


@pytest.fixture
def widget():
    return QuizWidget(parse_quiz(_valid(), FILE))


def payload(widget):
    return json.loads(widget.payload)


def send(widget, **content):
    """What the browser's model.send does."""
    widget._on_message(widget, content, [])


def test_repr_is_short_and_the_stored_text_says_how_to_bring_the_quiz_to_life():
    shown = quiz_for("01-anatomy")
    count = len(load_quiz("01-anatomy").questions)
    assert repr(shown) == f"Quiz: 01 Anatomy of the iliopsoas — {count} questions"
    data, _ = shown._repr_mimebundle_()
    # What an unrun, untrusted lesson shows (JupyterLab draws widgets only for trusted outputs).
    assert data["text/plain"] == (f"▶ This quiz ({count} questions) needs Python: click this cell and press "
                                  "Shift+Enter (or Run ▸ Run All Cells).")
    assert "application/vnd.jupyter.widget-view+json" in data
    assert repr(quiz_for("03")) == repr(quiz_for("03-weakness-and-testing.ipynb"))


def test_unknown_lesson_lists_the_quizzes():
    with pytest.raises(ValueError, match="quizzes exist for 01-anatomy"):
        quiz_for("07-nothing")


def test_payload_carries_each_question_as_plain_data(widget):
    data = payload(widget)
    assert data["title"].startswith("Check yourself: ")
    assert [q["id"] for q in data["questions"]] == ["one", "many", "num", "lab"]
    one, many, num, lab = data["questions"]
    assert one["heading"] == "Question 1 of 4" and one["kind_name"] == "single choice"
    assert one["options"] == [o.text for o in widget.quiz.question("one").options]
    assert many["hint"] == "Tick 2 options." and num["unit"] == "cm" and num["options"] == []
    picture = data["figures"][lab["figure"]]  # the record names its picture; the picture is sent once
    assert picture["src"].startswith("data:image/png;base64,")
    assert picture["alt"] == label_alt(widget.quiz.question("lab")) and "marker 1" in picture["alt"]
    assert all(q["figure"] is None for q in (one, many, num))


def test_a_check_message_gets_a_verdict_in_the_live_region_and_the_score(widget):
    card = widget.card("one")
    assert widget.score == "Score: 0 right out of 4 questions (0 checked so far)" and card.feedback == ""
    send(widget, type="check", id="one", answer=at(card.question, "C"))
    assert "✘ Not quite." in card.feedback and "Your choice, wrong" in card.feedback
    assert widget.score.startswith("Score: 0 right out of 4 questions (1 checked")
    send(widget, type="check", id="one", answer=at(card.question, "A"))
    assert "✔ Correct." in card.feedback
    assert widget.score.startswith("Score: 1 right")
    assert widget.feedback["one"]["count"] == 2  # the browser re-announces even the same text


def test_multiple_numeric_and_label_answers(widget):
    many = widget.card("many")
    send(widget, type="check", id="many", answer=at(many.question, "A", "B"))
    send(widget, type="check", id="num", answer="2.9 cm")
    lab = widget.card("lab")
    assert lab.check(at(lab.question, "Psoas major")).correct is False
    assert "✔ Correct" in many.feedback and "✔ Correct" in widget.card("num").feedback
    assert "✘ Not quite" in lab.feedback
    assert widget.score.startswith("Score: 2 right out of 4 questions (3 checked")


def test_checking_without_an_answer_says_what_to_do(widget):
    send(widget, type="check", id="num", answer="lots")
    assert "type digits only" in widget.card("num").feedback
    send(widget, type="check", id="one", answer=None)
    assert "Choose one option, then press Check" in widget.card("one").feedback
    send(widget, type="check", id="many", answer=[])
    assert "Tick at least one option" in widget.card("many").feedback
    assert widget.state.score == (0, 0, 4)


@pytest.mark.parametrize("answer", [7, -1, True, "0", 1.0, [0], {"a": 1}])
def test_malformed_choice_answers_count_as_no_answer(widget, answer):
    send(widget, type="check", id="one", answer=answer)
    assert "Choose one option" in widget.card("one").feedback
    assert widget.state.score == (0, 0, 4)


def test_read_answer_keeps_only_what_the_question_can_take(widget):
    many, num = widget.quiz.question("many"), widget.quiz.question("num")
    assert read_answer(many, [3, 0, 0, 9, True, "1", -1]) == [0, 3]
    assert read_answer(many, "0,1") == []
    assert read_answer(num, 2.5) is None and read_answer(num, "x" * 1000) == "x" * quiz_widget.MAX_TYPED


@pytest.mark.parametrize("content", [None, "check", [], {"type": "check"}, {"type": "check", "id": 5},
                                     {"type": "check", "id": "nope", "answer": 0}, {"type": "other"}])
def test_unknown_or_broken_messages_change_nothing(widget, content):
    widget._on_message(widget, content, [])
    assert widget.feedback == {} and widget.state.score == (0, 0, 4)


def test_reveal_shows_and_hides_every_answer(widget):
    assert all(card.reveal == "" for card in widget.cards) and widget.revealed is False
    widget.revealed = True  # what the browser's switch does
    assert "Answer: A</strong>" in widget.card("one").reveal
    assert ("Answer: A; B</strong>" in widget.card("many").reveal
            or "Answer: B; A</strong>" in widget.card("many").reveal)
    assert "Answer: 2.5 cm (answers from 2 to 3 count)" in widget.card("num").reveal
    assert "Answer: Iliacus</strong>" in widget.card("lab").reveal
    widget.reveal(False)
    assert all(card.reveal == "" for card in widget.cards)
    # The browser gets every revealed answer once, in the payload, and shows or hides it.
    assert payload(widget)["questions"][0]["reveal"].startswith("<p><strong>Answer: A")


def test_start_again_clears_feedback_and_score_and_tells_the_browser(widget):
    send(widget, type="check", id="one", answer=at(widget.card("one").question, "A"))
    cleared = widget.cleared
    send(widget, type="restart")
    assert widget.feedback == {} and widget.card("one").feedback == ""
    assert widget.state.score == (0, 0, 4) and widget.score.startswith("Score: 0 right")
    assert widget.cleared == cleared + 1  # the browser clears its radios, boxes and text


def test_data_text_is_escaped_in_html_and_plain_in_the_payload():
    data = copy.deepcopy(_valid())
    data["questions"][0]["prompt"] = "Is <script>alert(1)</script> safe?"
    data["questions"][0]["options"][2]["feedback"] = "No <script>steal()</script> here"
    data["questions"][0]["options"][2]["text"] = '<img src=x onerror="alert(2)">'
    shown = QuizWidget(parse_quiz(data, FILE))
    card = shown.card("one")
    card.check(at(card.question, '<img src=x onerror="alert(2)">'))
    shown.reveal(True)
    for html in (card.feedback, card.reveal):
        assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;steal()&lt;/script&gt;" in card.feedback
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in card.reveal
    one = payload(shown)["questions"][0]
    # Prompt and options travel as plain text: the browser sets them with textContent.
    assert one["prompt"] == "Is <script>alert(1)</script> safe?"
    assert '<img src=x onerror="alert(2)">' in one["options"]
    assert "<script>" not in one["reveal"]


def test_the_front_end_puts_data_text_in_with_textContent_only():
    script = (Path(quiz_widget.__file__).parent / "static" / "quiz.js").read_text(encoding="utf-8")
    # innerHTML only for the kernel-built, escaped feedback and revealed answers.
    assert re.findall(r"(\w+(?:\.\w+)?)\.innerHTML =", script) == ["reveal", "entry.live"]
    assert "insertAdjacentHTML" not in script and "outerHTML" not in script


def test_no_callback_prints(widget, capsys):
    send(widget, type="check", id="one", answer=0)
    widget.reveal(True)
    send(widget, type="restart")
    assert capsys.readouterr() == ("", "")


def test_every_shipped_quiz_builds_a_widget_with_a_card_per_question():
    for lesson in QUIZ_IDS:
        shown = quiz_for(lesson)
        assert len(shown.cards) == len(payload(shown)["questions"]) == len(load_quiz(lesson).questions)
        assert re.fullmatch(r"Quiz: \d\d .+ — \d+ questions", repr(shown))


def test_widget_handout_and_answer_key_show_the_same_order():
    for lesson in QUIZ_IDS:
        loaded = load_quiz(lesson)
        shown = payload(quiz_for(lesson))
        handout = quiz_handout(lesson, answers=True).text
        for question, record in zip(loaded.questions, shown["questions"], strict=True):
            assert record["options"] == [o.text for o in question.options]
            if question.options:
                letters = "\n".join(f"   {chr(97 + i)}) {o.text}" for i, o in enumerate(question.options))
                assert letters in handout


def test_typed_text_echoed_in_a_problem_is_escaped(widget):
    send(widget, type="check", id="num", answer="<script>x()</script>")
    feedback = widget.card("num").feedback
    assert "<script>" not in feedback and "&lt;script&gt;x()&lt;/script&gt;" in feedback


# --- a quiz of many label questions stays cheap (issue 21 item 3): one picture per diagram, a bound ---

def _label_quiz(count):
    """A quiz of `count` label questions built in Python (past the loader's bound on files)."""
    from hipcontent.content.quiz import Option, Question, Quiz, diagram_structures

    structures = sorted(diagram_structures()["front-view"])

    def question(i):
        marker = structures[i % len(structures)]
        offered = [marker, *[s for s in structures if s != marker][:2]]
        return Question(f"q{i}", "label", f"Question {i}: which structure?",
                        tuple(Option(s, s == marker, "Because.", "gray1918", s) for s in offered),
                        diagram="front-view", marker=marker)

    return Quiz("01-anatomy", "A coach's quiz", tuple(question(i) for i in range(count))), structures


def test_label_questions_share_one_picture_per_marker(monkeypatch):
    import hipcontent.figures.quiz_diagrams as diagrams
    from hipcontent.views import quiz as views_quiz

    views_quiz._drawn.cache_clear()
    drawn = []
    real = diagrams.front_view_schematic
    monkeypatch.setattr(diagrams, "front_view_schematic", lambda marker, **kw: drawn.append(marker) or real(marker, **kw))
    quiz, structures = _label_quiz(quiz_widget.MAX_QUIZ_QUESTIONS)
    data = json.loads(QuizWidget(quiz).payload)
    assert sorted(drawn) == sorted(structures), "each distinct picture drawn once, not once per question"
    assert sorted(data["figures"]) == sorted(f"front-view/{s}" for s in structures)
    assert all(q["figure"] in data["figures"] for q in data["questions"])
    QuizWidget(quiz)  # a second widget (the cell run again) draws nothing new
    assert len(drawn) == len(structures)


def test_a_quiz_past_the_bound_is_refused_before_any_drawing(monkeypatch):
    import hipcontent.figures.quiz_diagrams as diagrams

    monkeypatch.setattr(diagrams, "front_view_schematic", lambda *a, **kw: pytest.fail("drew a picture"))
    for count in (quiz_widget.MAX_QUIZ_QUESTIONS + 1, 1_000, 5_000):
        quiz, _ = _label_quiz(count)
        with pytest.raises(ValueError, match=f"has {count:,} questions; a quiz may have at most "
                                             f"{quiz_widget.MAX_QUIZ_QUESTIONS:,}: split it"):
            QuizWidget(quiz)


def test_the_printed_quiz_names_the_diagram_without_drawing_it(monkeypatch):
    import hipcontent.figures.quiz_diagrams as diagrams

    monkeypatch.setattr(diagrams, "front_view_schematic", lambda *a, **kw: pytest.fail("drew a picture"))
    label = next(q for q in load_quiz("01-anatomy").questions if q.kind == "label")
    assert f"Diagram: {escape(label_alt(label))}" in quiz_handout("01-anatomy").html


def test_on_answer_hears_every_checked_answer_and_no_problem():
    heard = []
    shown = QuizWidget(parse_quiz(_valid(), FILE), on_answer=lambda question, verdict: heard.append(
        (question.id, verdict.correct)))
    send(shown, type="check", id="one", answer=0)  # the Check button
    send(shown, type="check", id="num", answer="9")
    send(shown, type="check", id="many", answer=[])  # nothing ticked: a problem, not an answer
    send(shown, type="check", id="num", answer="two")  # not a number: likewise
    shown.check("lab", 0)  # from Python
    assert heard == [("one", True), ("num", False), ("lab", True)]
    with pytest.raises(TypeError, match="on_answer"):
        QuizWidget(parse_quiz(_valid(), FILE), on_answer="record")


def test_how_replaces_the_line_that_says_nothing_is_saved():
    assert "Nothing is saved" in payload(QuizWidget(parse_quiz(_valid(), FILE)))["how"]
    shown = QuizWidget(parse_quiz(_valid(), FILE), how="Your answers are saved in review.json.")
    assert payload(shown)["how"] == "Your answers are saved in review.json."


def test_reveal_false_leaves_out_the_reveal_switch():
    assert payload(QuizWidget(parse_quiz(_valid(), FILE)))["reveal_switch"] is True
    review = QuizWidget(parse_quiz(_valid(), FILE), reveal=False)
    assert payload(review)["reveal_switch"] is False
    script = quiz_widget.front_end()
    assert "data.reveal_switch !== false) root.append(revealLabel)" in script

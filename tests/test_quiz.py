"""Quizzes: data validation (each error kind), pure answer checking and the printed quiz (the widget: test_quiz_widget.py)."""


import pytest
import yaml

from hipcontent.content import quiz
from hipcontent.content.bibliography import bibliography
from hipcontent.content.quiz import (
    QUIZ_IDS,
    NoAnswer,
    QuizDataError,
    QuizState,
    check_answer,
    check_label,
    check_multiple,
    check_numeric,
    check_single,
    load_quiz,
    load_quiz_file,
    parse_number,
    parse_quiz,
)
from hipcontent.views.quiz import quiz_handout


def _option(text, correct, source="gray1918"):
    return {"text": text, "correct": correct, "feedback": f"Because {text}.", "source": source}


def _valid():
    """A small, valid quiz document for lesson 03 with one question of each kind."""
    return {
        "lesson": "03-weakness-and-testing",
        "questions": [
            {"id": "one", "type": "single", "skill": "apply", "prompt": "Pick one.",
             "options": [_option("A", True), _option("B", False), _option("C", False)]},
            {"id": "many", "type": "multiple", "skill": "explain", "prompt": "Pick two.", "correct_count": 2,
             "options": [_option("A", True), _option("B", True), _option("C", False), _option("D", False)]},
            {"id": "num", "type": "numeric", "skill": "recall", "prompt": "How many?", "answer": 2.5, "tolerance": 0.5,
             "unit": "cm", "feedback": "Two to three.", "source": "blemker_2005"},
            {"id": "lab", "type": "label", "skill": "recall", "prompt": "Which?", "diagram": "front-view", "marker": "iliacus",
             "options": [{"structure": "iliacus", "feedback": "Fan.", "source": "gray1918"},
                         {"structure": "psoas_major", "feedback": "Beside the spine.", "source": "gray1918"}]},
        ],
    }


FILE = "03-weakness-and-testing.yaml"


def _error(data):
    with pytest.raises(QuizDataError) as caught:
        parse_quiz(data, FILE)
    return str(caught.value)


# ---------------------------------------------------------------- the shipped quizzes


@pytest.mark.parametrize("lesson", QUIZ_IDS)
def test_every_lesson_has_a_valid_quiz_of_at_least_eight_questions(lesson):
    loaded = load_quiz(lesson)
    assert len(loaded.questions) >= 8
    assert loaded.lesson == lesson


@pytest.mark.parametrize("lesson", QUIZ_IDS)
def test_every_option_has_feedback_and_a_resolvable_source(lesson):
    sources = bibliography()
    for question in load_quiz(lesson).questions:
        cited = [question.source] if question.kind == "numeric" else [o.source for o in question.options]
        assert all(source in sources for source in cited), question.id
        if question.kind == "numeric":
            assert question.feedback.strip() and question.tolerance > 0
        else:
            assert all(o.feedback.strip() for o in question.options), question.id
            expected = 1 if question.kind in ("single", "label") else question.correct_count
            assert len(question.correct_indices) == expected, question.id


def test_all_four_kinds_are_used_across_the_course():
    kinds = {q.kind for lesson in QUIZ_IDS for q in load_quiz(lesson).questions}
    assert kinds == {"single", "multiple", "numeric", "label"}


def test_quizzes_and_anatomy_cite_the_one_bibliography():
    from hipcontent.content.anatomy import facts

    assert facts().sources is bibliography()


def test_quiz_files_never_read_outside_the_package():
    # every quiz loads from package data; references list real sources in order of first use
    refs = quiz.references("03-weakness-and-testing")
    assert refs and len({r.id for r in refs}) == len(refs)


# ---------------------------------------------------------------- validation errors


def test_a_valid_document_parses():
    parsed = parse_quiz(_valid(), FILE)
    assert [q.kind for q in parsed.questions] == ["single", "multiple", "numeric", "label"]
    assert parsed.describe() == "Quiz: 03 Weakness, testing and myths — 4 questions"


def test_every_question_says_its_skill():
    parsed = parse_quiz(_valid(), FILE)
    assert [q.skill for q in parsed.questions] == ["apply", "explain", "recall", "recall"]
    assert set(quiz.SKILLS) == {"apply", "explain", "recall"}


@pytest.mark.parametrize("index", [0, 1, 2, 3])  # every kind of question
def test_a_missing_skill_is_named(index):
    data = _valid()
    del data["questions"][index]["skill"]
    message = _error(data)
    qid = data["questions"][index]["id"]
    assert FILE in message and f"entry {qid!r}" in message and "field skill: is required but missing" in message


@pytest.mark.parametrize("value", ["understand", "Apply", "", 3, None])
def test_an_unknown_skill_is_named_with_the_choices(value):
    data = _valid()
    data["questions"][1]["skill"] = value
    message = _error(data)
    assert "entry 'many'" in message and "field skill" in message
    assert "apply" in message and "explain" in message and "recall" in message


def test_the_schema_writes_down_how_to_label_a_skill():
    """The rule a reader audits the labels by: what makes a question apply, explain or recall."""
    from hipcontent.content.schema import schema

    rule = schema("quizzes/schema.json")["$defs"]["skill"]
    assert rule["enum"] == list(quiz.SKILLS)
    for word in ("APPLY", "EXPLAIN", "RECALL", "a client who", "why", "what happens when", "3/4"):
        assert word in rule["description"], word


def test_single_choice_needs_exactly_one_correct_option():
    data = _valid()
    data["questions"][0]["options"][1]["correct"] = True
    message = _error(data)
    assert FILE in message and "entry 'one'" in message and "field options" in message
    assert "exactly one" in message and "found 2" in message
    data["questions"][0]["options"][0]["correct"] = data["questions"][0]["options"][1]["correct"] = False
    assert "found 0" in _error(data)


def test_multiple_choice_needs_the_declared_number_of_correct_options():
    data = _valid()
    data["questions"][1]["correct_count"] = 3
    message = _error(data)
    assert "entry 'many'" in message and "field correct_count" in message
    assert "declares 3 correct options but 2 are marked correct" in message


def test_multiple_choice_must_have_a_wrong_option():
    data = _valid()
    for option in data["questions"][1]["options"]:
        option["correct"] = True
    data["questions"][1]["correct_count"] = 4
    assert "every option is correct" in _error(data)


@pytest.mark.parametrize("tolerance", [0, -1])
def test_numeric_tolerance_must_be_positive(tolerance):
    data = _valid()
    data["questions"][2]["tolerance"] = tolerance
    message = _error(data)
    assert "entry 'num'" in message and "field tolerance" in message and "greater than 0" in message


def test_missing_feedback_is_named():
    data = _valid()
    del data["questions"][0]["options"][2]["feedback"]
    message = _error(data)
    assert "entry 'one'" in message and "field options[2].feedback: is required but missing" in message


def test_blank_feedback_is_refused():
    data = _valid()
    data["questions"][2]["feedback"] = "   "
    message = _error(data)
    assert "entry 'num'" in message and "field feedback" in message


def test_unknown_source_is_named_with_what_to_do():
    data = _valid()
    data["questions"][1]["options"][3]["source"] = "made_up_2020"
    message = _error(data)
    assert "entry 'many'" in message and "options[3].source" in message
    assert "'made_up_2020' is not in hipcontent/data/bibliography.yaml" in message


def test_label_marker_and_options_must_be_on_the_diagram():
    data = _valid()
    data["questions"][3]["marker"] = "spleen"
    message = _error(data)
    assert "entry 'lab'" in message and "field marker" in message and "'spleen' is not a structure" in message
    data = _valid()
    data["questions"][3]["options"][1]["structure"] = "kidney"
    assert "options[1].structure" in _error(data)
    data = _valid()
    data["questions"][3]["diagram"] = "side-view"
    assert "unknown diagram 'side-view'" in _error(data)


def test_label_options_must_include_the_marked_structure():
    data = _valid()
    data["questions"][3]["options"][0]["structure"] = "psoas_minor"
    assert "no option names the marked structure 'iliacus'" in _error(data)


def test_unknown_type_and_extra_fields_are_named():
    data = _valid()
    data["questions"][0]["type"] = "essay"
    message = _error(data)
    assert "entry 'one'" in message and "field type" in message
    data = _valid()
    data["questions"][2]["options"] = []
    assert "entry 'num'" in _error(data) and "field options: is not a known field" in _error(data)


def test_duplicate_ids_and_lesson_mismatch():
    data = _valid()
    data["questions"][1]["id"] = "one"
    assert "ids must be unique" in _error(data)
    data = _valid()
    data["lesson"] = "99-nothing"
    message = _error(data)
    assert "entry" not in message.splitlines()[1] and "field lesson" in message and "not a lesson" in message


def test_every_problem_is_reported_at_once():
    data = _valid()
    data["questions"][0]["options"][1]["correct"] = True
    data["questions"][2]["tolerance"] = 0
    with pytest.raises(QuizDataError) as caught:
        parse_quiz(data, FILE)
    assert [(p.entry, p.field) for p in caught.value.problems] == [("one", "options"), ("num", "tolerance")]


def test_bad_yaml_file_gives_file_name(tmp_path):
    path = tmp_path / FILE
    path.write_text("lesson: 03-weakness-and-testing\nquestions:\n  - id: a\n    prompt: x: y: z\n")
    with pytest.raises(QuizDataError, match=f"{FILE}: is not valid YAML"):
        load_quiz_file(path)


def test_a_file_round_trips_through_load_quiz_file(tmp_path):
    path = tmp_path / FILE
    path.write_text(yaml.safe_dump(_valid()))
    assert len(load_quiz_file(path).questions) == 4


# ---------------------------------------------------------------- answer checking (pure)


@pytest.fixture
def q():
    return {question.id: question for question in parse_quiz(_valid(), FILE).questions}


def at(question, *texts):
    """The position of the option with this text (options are shown in an order of their own)."""
    found = [next(i for i, o in enumerate(question.options) if o.text == text) for text in texts]
    return found[0] if len(texts) == 1 else found


def test_single_choice(q):
    assert check_single(q["one"], at(q["one"], "A")).correct
    verdict = check_single(q["one"], at(q["one"], "C"))
    assert not verdict.correct
    # feedback covers the chosen wrong option and the right one the learner missed
    assert {(d.text, d.chosen, d.correct) for d in verdict.details} == {("A", False, True), ("C", True, False)}
    with pytest.raises(NoAnswer):
        check_single(q["one"], None)
    with pytest.raises(ValueError, match="option 7 does not exist"):
        check_single(q["one"], 7)


def test_multiple_choice_needs_exactly_the_right_set(q):
    many = q["many"]
    assert check_multiple(many, at(many, "B", "A")).correct
    assert not check_multiple(many, [at(many, "A")]).correct  # one missing
    assert not check_multiple(many, at(many, "A", "B", "C")).correct  # one extra
    message = check_multiple(many, at(many, "A", "C")).message
    assert message == "Not quite: 1 of your 2 choices right, 1 wrong, 1 right option missed. There are 2 right options."
    with pytest.raises(NoAnswer):
        check_multiple(q["many"], [])


@pytest.mark.parametrize(
    "typed, right",
    [(2.5, True), (2.0, True), (3.0, True), ("3", True), ("2,0", True), ("3 cm", True),
     (1.99, False), (3.01, False), ("3.0001", False), (-2.5, False)],
)
def test_numeric_tolerance_edges_count_as_right(q, typed, right):
    assert check_numeric(q["num"], typed).correct is right


def test_numeric_says_high_or_low_and_explains(q):
    verdict = check_numeric(q["num"], "4")
    assert verdict.message == "Not quite: 4 cm is too high."
    assert verdict.details[0].feedback == "Two to three." and verdict.details[0].source == "blemker_2005"
    assert check_numeric(q["num"], 1).message == "Not quite: 1 cm is too low."


def test_numeric_floating_point_edge():
    question = quiz.Question("x", "numeric", "?", answer=0.3, tolerance=0.1, feedback="f", source="gray1918")
    assert check_numeric(question, 0.1 + 0.1).correct  # 0.2 is on the edge despite float rounding


@pytest.mark.parametrize("text", ["", "  ", "abc", "1.2.3", "nan", "inf"])
def test_unreadable_numbers_are_refused_with_a_hint(q, text):
    with pytest.raises(ValueError):
        check_numeric(q["num"], text)


def test_parse_number_accepts_common_forms():
    assert parse_number(" 50 % ", "%") == 50
    assert parse_number("−10") == -10
    assert parse_number("2,5") == 2.5
    with pytest.raises(ValueError, match="type digits only"):
        parse_number("ten")


def test_label_question_is_right_only_for_the_marked_structure(q):
    question = q["lab"]
    assert sorted(o.text for o in question.options) == ["Iliacus", "Psoas major"]
    assert check_label(question, at(question, "Iliacus")).correct
    assert not check_label(question, at(question, "Psoas major")).correct


def test_check_answer_dispatches_by_kind(q):
    assert check_answer(q["one"], at(q["one"], "A")).correct
    assert check_answer(q["many"], set(at(q["many"], "A", "B"))).correct
    assert check_answer(q["num"], "2.7").correct
    assert check_answer(q["lab"], at(q["lab"], "Iliacus")).correct


def test_state_keeps_a_running_score(q):
    state = QuizState(parse_quiz(_valid(), FILE))
    assert state.score == (0, 0, 4)
    state.check("one", at(q["one"], "A"))
    state.check("many", [at(q["many"], "A")])
    assert state.score == (1, 2, 4)
    state.check("many", at(q["many"], "A", "B"))  # a second try replaces the first
    assert state.score == (2, 2, 4)
    assert state.score_text() == "Score: 2 right out of 4 questions (2 checked so far)"
    state.reset()
    assert state.score == (0, 0, 4)


def test_printable_handout_has_every_question_and_hides_answers_unless_asked():
    blank = quiz_handout("01-anatomy")
    keyed = quiz_handout("01-anatomy", answers=True)
    count = len(load_quiz("01-anatomy").questions)
    assert blank.text.count("\n   a) ") + blank.text.count("Answer: ________") == count
    assert "Answer: The lesser trochanter." not in blank.text
    assert "Answer: The lesser trochanter." in keyed.text
    assert "Diagram: Schematic front view" in blank.html  # label questions described in words
    assert "<script" not in keyed.html


def test_quiz_diagram_names_match_the_drawing():
    from hipcontent.figures.quiz_diagrams import FRONT_VIEW_STRUCTURES

    names = quiz.diagram_structures()["front-view"]
    assert names == {key: s.name for key, s in FRONT_VIEW_STRUCTURES.items()}


# ---------------------------------------------------------------- option order (issue 13, item 1)


def _single_choice_questions():
    return [question for lesson in QUIZ_IDS for question in load_quiz(lesson).questions
            if question.kind in ("single", "label")]


def _at_least(counts_probabilities, observed):
    """P(X >= observed) for X a sum of independent Bernoulli(p_i) (a Poisson-binomial tail)."""
    distribution = [1.0]
    for p in counts_probabilities:
        distribution = [(distribution[k] if k < len(distribution) else 0.0) * (1 - p)
                        + (distribution[k - 1] * p if k else 0.0) for k in range(len(distribution) + 1)]
    return sum(distribution[observed:])


def test_the_right_answer_is_not_in_one_position_more_often_than_chance_explains():
    """Over every single-choice and label question of the course: for each position, the number of
    questions whose right answer sits there, against chance (1/number of options per question).
    Fails when any position is too favoured (p < 0.01 after a Bonferroni correction)."""
    questions = _single_choice_questions()
    assert len(questions) >= 20
    widest = max(len(q.options) for q in questions)
    for position in range(widest):
        chances = [1 / len(q.options) for q in questions if len(q.options) > position]
        observed = sum(1 for q in questions if q.correct_indices[0] == position)
        p_value = _at_least(chances, observed)
        assert p_value * widest >= 0.01, (
            f"the right answer is option {position + 1} in {observed} of {len(chances)} questions "
            f"(chance expects {sum(chances):.1f}; p = {p_value:.2g})")


def test_option_order_is_fixed_by_the_question_id_not_by_authoring_order():
    data = _valid()
    first = parse_quiz(data, FILE).question("one")
    data["questions"][0]["options"].reverse()
    assert parse_quiz(data, FILE).question("one").options == first.options  # same order either way
    assert [o.text for o in first.options] == sorted(
        (o.text for o in first.options), key=lambda text: quiz.option_order_key("one", quiz.Option(text, False, "", "")))
    data["questions"][0]["id"] = "another-id"
    orders = {tuple(o.text for o in parse_quiz(data, FILE).questions[0].options)}
    for new_id in ("x1", "x2", "x3", "x4", "x5"):
        data["questions"][0]["id"] = new_id
        orders.add(tuple(o.text for o in parse_quiz(data, FILE).questions[0].options))
    assert len(orders) > 1  # the order depends on the question, not on the options alone


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf"), True, [2.5]])
def test_numeric_answers_must_be_finite_numbers(q, value):
    with pytest.raises(ValueError):
        check_numeric(q["num"], value)


def test_numpy_answers_are_numbers(q):
    import numpy as np

    assert check_numeric(q["num"], np.float32(2.5)).correct and not check_numeric(q["num"], np.int64(9)).correct


def test_the_quiz_folder_holds_no_file_the_loader_would_pass_over():
    from pathlib import Path

    folder = Path(quiz.__file__).parents[1] / "data" / "quizzes"
    expected = {f"{lesson}.yaml" for lesson in QUIZ_IDS} | {"diagrams.yaml", "schema.json", "diagrams.schema.json"}
    assert {p.name for p in folder.iterdir()} == expected

"""The quiz in a real browser (JupyterLab + Chromium), operated with the keyboard only.

A small notebook (a heading, a quiz with a question of each kind, cells after it) keeps the test
fast; what is checked: one Tab stop per question, arrow keys change the choice and never move the
notebook (active cell and scroll position stay), Enter and Space check, Enter checks a number
answer, and the feedback live region is the same node before and after a check (updated, not
re-created). The page checks answers itself; the kernel checks them again (on_answer hears each)
and agrees; with the kernel gone the quiz still checks, scores and starts again.
"""

from __future__ import annotations

import json

import pytest

from hipcontent.content.quiz import parse_quiz

try:
    from playwright.sync_api import expect
except ImportError:  # the lab fixture skips (or under CI fails) with the reason
    expect = None

pytestmark = pytest.mark.browser

NOTEBOOK = "quiz-keyboard-test.ipynb"

NOTEBOOK_POSITION = """() => { const w = window.jupyterapp.shell.currentWidget;
  const scroller = w.content.node.querySelector('.jp-WindowedPanel-outer');
  return {cell: w.content.activeCellIndex, scroll: scroller.scrollTop,
          scrollable: scroller.scrollHeight > scroller.clientHeight}; }"""
FOCUSED = """() => { const a = document.activeElement; const q = a.closest('.hip-quiz-question');
  return {tag: a.tagName, type: a.type || '', text: a.textContent, question: q ? q.dataset.id : null,
          value: a.value, checked: a.checked}; }"""
CHECKED = """(id) => { const q = document.querySelector(`.hip-quiz-question[data-id="${id}"]`);
  const c = q.querySelector('input[type=radio]:checked'); return c ? Number(c.value) : null; }"""


def _cell(source: str, kind: str = "code") -> dict:
    cell = {"cell_type": kind, "metadata": {}, "source": source}
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


def write_notebook(root, name: str, cells: list[dict]) -> None:
    notebook = {"cells": cells, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                            "language": "python"}},
                "nbformat": 4, "nbformat_minor": 5}
    (root / name).write_text(json.dumps(notebook), encoding="utf-8")


def _option(text: str, correct: bool) -> dict:
    return {"text": text, "correct": correct, "feedback": f"Because {text}.", "source": "gray1918"}


# One question of each kind (the shipped quizzes change; this one stays).
QUIZ = {"lesson": "03-weakness-and-testing", "questions": [
    {"id": "first", "type": "single", "skill": "apply", "prompt": "Which option is the first right one?",
     "options": [_option("Alpha", True), _option("Beta", False), _option("Gamma", False), _option("Delta", False)]},
    {"id": "second", "type": "single", "skill": "explain", "prompt": "Which option is the second right one?",
     "options": [_option("One", False), _option("Two", True), _option("Three", False)]},
    {"id": "many", "type": "multiple", "skill": "explain", "prompt": "Tick the two right options.", "correct_count": 2,
     "options": [_option("Red", True), _option("Green", True), _option("Blue", False)]},
    {"id": "num", "type": "numeric", "skill": "recall", "prompt": "How many centimetres?", "answer": 2.5,
     "tolerance": 0.5, "unit": "cm", "feedback": "Two to three.", "source": "gray1918"},
    {"id": "lab", "type": "label", "skill": "recall", "prompt": "Which structure is marked?", "diagram": "front-view",
     "marker": "iliacus", "options": [{"structure": "iliacus", "feedback": "Fan.", "source": "gray1918"},
                                      {"structure": "psoas_major", "feedback": "Beside the spine.", "source": "gray1918"}]},
]}
QUIZ_CELL = f"""import json
from hipcontent.content.quiz import parse_quiz
from hipcontent.widgets.quiz import QuizWidget
heard = []
QuizWidget(parse_quiz(json.loads({json.dumps(json.dumps(QUIZ))}), "03-weakness-and-testing.yaml"),
           on_answer=lambda question, verdict: heard.append((question.id, verdict.correct)))"""


def questions():
    return parse_quiz(QUIZ, "03-weakness-and-testing.yaml").questions


@pytest.fixture
def quiz_lab(lab, lab_server):
    write_notebook(lab_server.root_dir, NOTEBOOK, [
        _cell("# Quiz keyboard test", "markdown"),
        _cell(QUIZ_CELL),
        _cell(QUIZ_CELL.replace("verdict.correct)))", "verdict.correct)), reveal=False)")),  # a review session
        *[_cell(f"{n} + {n}") for n in range(12)],  # so the notebook scrolls
    ])
    lab.open(NOTEBOOK)
    lab.run_all()
    lab.page.locator(".hip-quiz").first.wait_for()
    return lab


def test_one_tab_stop_per_question_and_arrows_stay_in_the_quiz(quiz_lab):
    page = quiz_lab.page
    quiz = page.locator(".hip-quiz").first
    questions_ = questions()
    first, second = questions_[0], questions_[1]
    assert first.kind == "single" and second.kind == "single"
    expect(quiz.locator(".hip-quiz-question")).to_have_count(len(questions_))
    expect(quiz.locator(".hip-quiz-question").first).to_contain_text(f"Question 1 of {len(questions_)}")
    group = quiz.get_by_role("group", name=first.prompt)
    expect(group).to_have_count(1)  # the fieldset is named by its legend (number, kind and prompt)

    # Tab from the reveal switch: question 1's radio group is ONE stop, then its Check button,
    # then question 2's group.
    quiz.get_by_role("checkbox", name="Reveal all answers (for a coach leading a discussion)").focus()
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == {"tag": "INPUT", "type": "radio", "text": "", "question": first.id,
                                      "value": "0", "checked": False}
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED)
    assert (focused["tag"], focused["text"], focused["question"]) == ("BUTTON", "Check", first.id)
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED)
    assert (focused["type"], focused["question"]) == ("radio", second.id)
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(FOCUSED)["question"] == first.id

    # Space picks the focused option; the arrows move the choice; the notebook stays where it is.
    page.keyboard.press("Space")
    quiz.locator(".hip-quiz-question").first.evaluate("node => node.scrollIntoView({block: 'start'})")
    before = page.evaluate(NOTEBOOK_POSITION)
    assert before["scrollable"] and before["scroll"] > 0  # so an unwanted scroll would show
    assert page.evaluate(CHECKED, first.id) == 0
    count = len(first.options)
    for step in range(1, count + 1):  # round the group and back to the first option
        page.keyboard.press("ArrowDown")
        assert page.evaluate(CHECKED, first.id) == step % count
    page.keyboard.press("ArrowUp")
    assert page.evaluate(CHECKED, first.id) == count - 1
    assert page.evaluate(FOCUSED)["checked"] is True  # focus follows the choice
    assert page.evaluate(NOTEBOOK_POSITION) == before

    # Choose the right answer and check with Enter; the live region is updated in place.
    right = first.correct_indices[0]
    page.keyboard.press("Home")
    for _ in range(right):
        page.keyboard.press("ArrowRight")
    assert page.evaluate(CHECKED, first.id) == right
    block = quiz.locator(f'.hip-quiz-question[data-id="{first.id}"]')
    live = block.locator(".hip-quiz-feedback")
    expect(live).to_have_attribute("aria-live", "polite")
    live.evaluate("node => { window.__hipFeedback = node; }")
    page.keyboard.press("Enter")
    expect(live).to_contain_text("Correct.", timeout=10000)
    expect(quiz.locator(".hip-quiz-score")).to_have_text(
        f"Score: 1 right out of {len(questions_)} questions (1 checked so far)")
    assert page.evaluate(NOTEBOOK_POSITION) == before
    # The kernel checked it too (the check went before this question on the same channel) and
    # on_answer heard it.
    assert quiz_lab.ask_kernel("heard") == f"[({first.id!r}, True)]"

    # A wrong choice, checked with Space on the Check button: same node, new text.
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(live).to_contain_text("Not quite.", timeout=10000)
    assert live.evaluate("node => node === window.__hipFeedback")
    # Keys the quiz does not use are kept from the notebook too (no cell change, no scrolling).
    for key in ("ArrowDown", "ArrowUp", "j", "k", "End"):
        page.keyboard.press(key)
    assert page.evaluate(FOCUSED)["text"] == "Check"
    expect(quiz.locator(".hip-quiz-score")).to_have_text(
        f"Score: 0 right out of {len(questions_)} questions (1 checked so far)")
    assert page.evaluate(NOTEBOOK_POSITION)["cell"] == before["cell"]
    assert quiz_lab.ask_kernel("heard[-1]") == f"({first.id!r}, False)"
    assert quiz.get_attribute("data-disagreements") is None  # the kernel's verdicts matched the page's


def test_enter_checks_a_number_answer_and_reveal_shows_every_answer(quiz_lab):
    page = quiz_lab.page
    quiz = page.locator(".hip-quiz").first
    numeric = next(q for q in questions() if q.kind == "numeric")
    block = quiz.locator(f'.hip-quiz-question[data-id="{numeric.id}"]')
    box = block.get_by_role("textbox")
    box.focus()
    before = page.evaluate(NOTEBOOK_POSITION)
    page.keyboard.type(f"{numeric.answer:g}")
    page.keyboard.press("Enter")
    expect(block.locator(".hip-quiz-feedback")).to_contain_text("Correct", timeout=10000)
    assert page.evaluate(NOTEBOOK_POSITION)["cell"] == before["cell"]  # Enter did not enter the cell editor

    label = next(q for q in questions() if q.kind == "label")
    image = quiz.locator(f'.hip-quiz-question[data-id="{label.id}"] img')
    assert "marker 1" in image.get_attribute("alt")  # the shared picture, with its alt text

    reveal = quiz.get_by_role("checkbox", name="Reveal all answers (for a coach leading a discussion)")
    reveal.focus()
    page.keyboard.press("Space")
    expect(quiz.locator(".hip-quiz-answer").first).to_be_visible(timeout=10000)
    expect(quiz.locator(".hip-quiz-answer").first).to_contain_text("Answer: ")

    # Start again clears the typed answer, the feedback (same node) and the score.
    feedback = block.locator(".hip-quiz-feedback")
    feedback.evaluate("node => { window.__hipNumberFeedback = node; }")
    quiz.get_by_role("button", name="Start again").click()
    expect(box).to_have_value("", timeout=10000)
    expect(feedback).to_be_empty()
    assert feedback.evaluate("node => node === window.__hipNumberFeedback")
    expect(quiz.locator(".hip-quiz-score")).to_contain_text("Score: 0 right")


SHUT_DOWN = """async () => { const w = window.jupyterapp.shell.currentWidget;
  await w.sessionContext.session.shutdown(); return !w.sessionContext.session; }"""


def test_with_the_kernel_gone_the_page_still_checks_scores_and_starts_again(quiz_lab):
    """Issue 22 item 2 (and a lesson whose kernel died): every answer is in the page."""
    page = quiz_lab.page
    quiz = page.locator(".hip-quiz").first
    page.evaluate(SHUT_DOWN)
    page.wait_for_function("() => !window.jupyterapp.shell.currentWidget.sessionContext.session")
    total = len(questions())
    by_id = {q.id: q for q in questions()}
    block = quiz.locator('.hip-quiz-question[data-id="many"]')
    boxes = block.get_by_role("checkbox")
    boxes.nth(by_id["many"].correct_indices[0]).check()
    block.get_by_role("button", name="Check").click()  # one of two right options: not quite
    expect(block.locator(".hip-quiz-feedback")).to_contain_text(
        "✘ Not quite: 1 of your 1 choices right, 1 right option missed. There are 2 right options.")
    expect(block.locator(".hip-quiz-feedback")).to_contain_text("➜ Right option you did not choose:")
    boxes.nth(by_id["many"].correct_indices[1]).check()
    block.get_by_role("button", name="Check").click()
    expect(block.locator(".hip-quiz-feedback")).to_contain_text("✔ Correct: all 2 right options, and no others.")
    number = quiz.locator('.hip-quiz-question[data-id="num"]')
    number.get_by_role("textbox").fill("<b>two</b>")
    number.get_by_role("textbox").press("Enter")
    expect(number.locator(".hip-quiz-feedback")).to_have_text(
        "ⓘ '<b>two</b>' is not a number; type digits only, such as 2.5.")  # shown as text
    number.get_by_role("textbox").fill("3,1 cm")
    number.get_by_role("textbox").press("Enter")
    expect(number.locator(".hip-quiz-feedback")).to_contain_text("✘ Not quite: 3.1 cm is too high.")
    expect(quiz.locator(".hip-quiz-score")).to_have_text(f"Score: 1 right out of {total} questions (2 checked so far)")
    quiz.get_by_role("button", name="Start again").click()
    expect(quiz.locator(".hip-quiz-score")).to_have_text(f"Score: 0 right out of {total} questions (0 checked so far)")
    review = page.locator(".hip-quiz").nth(1)  # reveal=False: no "Reveal all answers" switch
    expect(review.get_by_role("checkbox", name="Reveal all answers (for a coach leading a discussion)")).to_have_count(0)
    expect(quiz.get_by_role("checkbox", name="Reveal all answers (for a coach leading a discussion)")).to_have_count(1)
    expect(number.get_by_role("textbox")).to_have_value("")
    expect(block.locator(".hip-quiz-feedback")).to_be_empty()
    assert quiz.locator("b").count() == 0


CRAFTED = '''from hipcontent.content.quiz import parse_quiz
from hipcontent.widgets.quiz import QuizWidget
bad = '<img src=x onerror="window.__hipPwned = 1">'
def option(text, correct):
    return {"text": text, "correct": correct, "feedback": "Because " + text, "source": "gray1918"}
QuizWidget(parse_quiz({"lesson": "03-weakness-and-testing", "questions": [
    {"id": "one", "type": "single", "skill": "apply", "prompt": "Is " + bad + " shown as text?",
     "options": [option(bad, True), option("<b>B</b>", False), option("C", False)]}]},
    "03-weakness-and-testing.yaml"))'''


def test_data_text_is_shown_as_text_never_as_html(lab, lab_server):
    write_notebook(lab_server.root_dir, "quiz-crafted-test.ipynb", [_cell(CRAFTED)])
    lab.open("quiz-crafted-test.ipynb")
    lab.run_all()
    page = lab.page
    quiz = page.locator(".hip-quiz").first
    quiz.wait_for()
    bad = '<img src=x onerror="window.__hipPwned = 1">'
    expect(quiz.locator(".hip-quiz-prompt")).to_have_text(f"Is {bad} shown as text?")
    expect(quiz.get_by_role("radio", name=bad)).to_have_count(1)
    quiz.get_by_role("radio", name=bad).check()
    quiz.get_by_role("button", name="Check").click()
    expect(quiz.locator(".hip-quiz-feedback")).to_contain_text(f"Because {bad}", timeout=10000)
    quiz.get_by_role("checkbox", name="Reveal all answers (for a coach leading a discussion)").check()
    expect(quiz.locator(".hip-quiz-answer")).to_contain_text("<b>B</b>")
    assert quiz.locator("img, b").count() == 0  # no element was made from data text
    assert page.evaluate("() => window.__hipPwned === undefined")


LONG_TEXT = '''import dataclasses
from hipcontent.content.quiz import parse_quiz
from hipcontent.content.exercises import load_library
from hipcontent.widgets.quiz import QuizWidget
from hipcontent.widgets.session_form import SessionBuilder
word = "Iliopsoas" * 530  # 4,770 characters with no place to break (the reader allows 5,000)
link = "https://example.org/" + "a" * 180
def option(text, correct):
    return {"text": text, "correct": correct, "feedback": "Because " + word, "source": "gray1918"}
quiz = QuizWidget(parse_quiz({"lesson": "03-weakness-and-testing", "questions": [
    {"id": "one", "type": "single", "skill": "apply", "prompt": word + " " + link,
     "options": [option(word, True), option("B" + word, False), option("C", False)]},
    {"id": "two", "type": "numeric", "skill": "recall", "prompt": word, "answer": 1, "tolerance": 1, "unit": "u" * 300,
     "feedback": word, "source": "gray1918"}]}, "03-weakness-and-testing.yaml"))
long = dataclasses.replace(load_library()["supine-toe-tap"], id="long-name", name="Toe" * 120, builtin=False)
form = SessionBuilder([long], title="T" * 200, folder="f" * 300)
form.add("long-name")
display(quiz, form)'''
OVERFLOW = """() => { const out = [];
  for (const node of document.querySelectorAll('.hip-quiz, .hip-quiz *, .hip-session-form, .hip-session-form *')) {
    const box = node.getBoundingClientRect();
    if (box.width && (box.right > window.innerWidth + 1 || node.scrollWidth > node.clientWidth + 1 && !['auto', 'scroll'].includes(getComputedStyle(node).overflowX)))
      out.push(`${node.tagName}.${node.className}: ${Math.round(box.width)} px, scrolls ${node.scrollWidth}`); }
  return out.slice(0, 10); }"""


def test_long_unbroken_text_wraps_at_phone_width(lab, lab_server):
    """Issue 21 item 6: a 5,000-character unbroken prompt (was a 77,000 px wide quiz), long options,
    feedback, unit, exercise name, title and path all wrap inside a 390 px wide screen."""
    write_notebook(lab_server.root_dir, "quiz-long-text-test.ipynb", [_cell(LONG_TEXT)])
    lab.page.set_viewport_size({"width": 390, "height": 844})
    lab.open("quiz-long-text-test.ipynb")
    lab.page.evaluate("() => { window.jupyterapp.shell.collapseLeft(); window.jupyterapp.shell.collapseRight(); }")
    lab.run_all()
    page = lab.page
    quiz = page.locator(".hip-quiz").first
    quiz.wait_for()
    page.locator(".hip-session-form .hip-session-item").first.wait_for()
    quiz.get_by_role("radio").first.check()
    quiz.get_by_role("button", name="Check").first.click()
    expect(quiz.locator(".hip-quiz-feedback").first).to_contain_text("Because", timeout=10000)
    quiz.get_by_role("checkbox", name="Reveal all answers (for a coach leading a discussion)").check()
    for selector in (".hip-quiz", ".hip-session-form"):
        width = page.locator(selector).first.evaluate("node => node.getBoundingClientRect().width")
        assert width <= 390, f"{selector} is {width} px wide on a 390 px screen"
    overflowing = page.evaluate(OVERFLOW)
    assert not overflowing, "\n".join(overflowing)

"""A lesson opened fresh (a clone, Binder, a hub) is an unrun, untrusted notebook (issue 20 item 2).

JupyterLab draws a widget only for a trusted output; an untrusted one shows its text/plain. So each
widget's stored text is one line that says what to do ("▶ This quiz (12 questions) needs Python:
click this cell and press Shift+Enter ..."), and doing just that brings the quiz to life: this test
opens a copy of lesson 01 as stored, sees the lines for the projector switch and the quiz, runs the
quiz cell alone (one action), and answers a question right and wrong.
"""

from __future__ import annotations

import shutil

import pytest

from hipcontent.content.quiz import load_quiz
from hipcontent.widgets.cells import RUN_HINT

try:
    from playwright.sync_api import expect
except ImportError:  # the lab fixture skips (or under CI fails) with the reason
    expect = None

pytestmark = pytest.mark.browser

LESSON = "01-anatomy"
COPY = "unrun-01-anatomy.ipynb"

# Code cells whose stored output is a widget: index, trusted, and the text shown in place of it.
STORED = """() => { const w = window.jupyterapp.shell.currentWidget; const out = [];
  w.content.widgets.forEach((cell, index) => {
    if (cell.model.type !== 'code') return;
    const outputs = cell.model.outputs.toJSON();
    if (!outputs.some(o => o.data && o.data['application/vnd.jupyter.widget-view+json'])) return;
    out.push({index, trusted: cell.model.trusted, text: cell.node.querySelector('.jp-OutputArea-output').innerText.trim(),
              source: cell.model.sharedModel.getSource(), count: cell.model.executionCount});
  });
  return out; }"""
RUN_COUNTS = """() => { const w = window.jupyterapp.shell.currentWidget; const counts = {};
  w.content.widgets.forEach((cell, index) => { if (cell.model.type === 'code') counts[index] = cell.model.executionCount; });
  return counts; }"""


def test_an_unrun_lesson_says_how_to_start_its_widgets_and_one_run_brings_the_quiz_to_life(lab, lab_server):
    shutil.copy(lab_server.root_dir / f"{LESSON}.ipynb", lab_server.root_dir / COPY)  # as stored
    lab.open(COPY)
    page = lab.page
    stored = page.evaluate(STORED)
    quiz_cells = [cell for cell in stored if "quiz_for" in cell["source"]]
    switch_cells = [cell for cell in stored if "projector()" in cell["source"]]
    assert len(quiz_cells) == 1 and len(switch_cells) == 1, stored
    quiz_cell = quiz_cells[0]
    questions = load_quiz(LESSON).questions
    for cell in stored:
        assert cell["trusted"] is False  # a fresh copy is not trusted: no widget is drawn
        assert cell["text"].startswith("▶ ") and cell["text"].endswith(f"needs Python: {RUN_HINT}."), cell["text"]
        assert "\n" not in cell["text"]  # one line
        assert "import" in cell["source"]  # the cell runs on its own
    assert quiz_cell["text"].startswith(f"▶ This quiz ({len(questions)} questions)")
    assert page.locator(".hip-quiz").count() == 0
    counts = page.evaluate(RUN_COUNTS)  # as stored

    # The one action the line asks for: click the cell (its stored line), press Shift+Enter.
    output = page.locator(".jp-Cell").nth(quiz_cell["index"]).locator(".jp-OutputArea")
    output.get_by_text("▶ This quiz").click()
    page.keyboard.press("Shift+Enter")
    quiz = page.locator(".hip-quiz").first
    quiz.wait_for(timeout=60000)
    assert page.evaluate(RUN_COUNTS) == {**counts, str(quiz_cell["index"]): 1}  # only that cell ran

    first = next(q for q in questions if q.kind in ("single", "label"))
    block = quiz.locator(".hip-quiz-question").nth(questions.index(first))
    wrong = next(i for i in range(len(first.options)) if i not in first.correct_indices)
    radios = block.get_by_role("radio")
    radios.nth(first.correct_indices[0]).check()
    block.get_by_role("button", name="Check").click()
    feedback = block.locator(".hip-quiz-feedback")
    expect(feedback).to_contain_text("✔ Correct.")
    expect(feedback).to_contain_text("✔ Your choice, right:")
    score = quiz.locator(".hip-quiz-score")
    expect(score).to_have_text(f"Score: 1 right out of {len(questions)} questions (1 checked so far)")
    radios.nth(wrong).check()
    block.get_by_role("button", name="Check").click()
    expect(feedback).to_contain_text("✘ Not quite.")
    expect(feedback).to_contain_text("➜ Right option you did not choose:")
    expect(score).to_have_text(f"Score: 0 right out of {len(questions)} questions (1 checked so far)")
    assert quiz.get_attribute("data-disagreements") is None  # the kernel checked both and agreed

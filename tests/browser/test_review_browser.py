"""Lesson 07 in a real browser (JupyterLab + Chromium): tick a studied lesson, answer one question of
today's review, and see the due count drop and the answer saved. Runs two cells of the lesson (no
Run All) in the server's temporary copy of notebooks/, so no learner's file is ever touched."""

from __future__ import annotations

import json
import re

import pytest
from conftest import NOTEBOOKS

try:
    from playwright.sync_api import expect
except ImportError:  # the lab fixture skips (or under CI fails) with the reason
    expect = None

pytestmark = pytest.mark.browser

LESSON = "07-review.ipynb"
DUE = re.compile(r"Due today: (\d+) question")


def _cell_index(cell_id: str) -> int:
    cells = json.loads((NOTEBOOKS / LESSON).read_text(encoding="utf-8"))["cells"]
    return next(i for i, cell in enumerate(cells) if cell.get("id") == cell_id)


def _due(text: str) -> int:
    found = DUE.search(text)
    assert found, f"no due count in {text!r}"
    return int(found[1])


def test_answering_a_due_question_saves_it_and_the_due_count_drops(lab):
    progress = lab.server.root_dir / "hipcontent-review.json"
    progress.unlink(missing_ok=True)
    lab.open(LESSON)
    page = lab.page

    lab.run_cell(_cell_index("studied-code"))
    box = page.get_by_role("checkbox", name=re.compile(r"^01 · "))
    box.check(timeout=60000)
    ticks = page.locator(".hip-review").first
    expect(ticks.locator(".hip-review-status")).to_contain_text("Due today:", timeout=20000)
    assert json.loads(progress.read_text())["lessons"] == ["01-anatomy"]

    lab.run_cell(_cell_index("session-code"))
    session = page.locator(".hip-review").filter(has=page.locator(".hip-quiz"))
    expect(session).to_have_count(1, timeout=60000)
    expect(session.get_by_text("Reveal all answers")).to_have_count(0)  # a review never shows every answer
    expect(session.locator(".hip-review-status")).to_have_attribute("role", "status")  # polite live region
    status = session.locator(".hip-review-status").first
    before = _due(status.inner_text())
    question = session.locator(".hip-quiz-question").filter(has=page.locator("input[type=radio]")).first
    question.locator("input[type=radio]").first.check()
    question.locator(".hip-quiz-check").click()
    expect(question.locator(".hip-quiz-feedback")).not_to_be_empty(timeout=20000)
    expect(status).to_contain_text(f"Due today: {before - 1} question", timeout=20000)
    expect(status).to_contain_text("comes back")
    saved = json.loads(progress.read_text())["cards"]
    assert list(saved) == [question.get_attribute("data-id")] and saved[list(saved)[0]]["reviews"] == 1

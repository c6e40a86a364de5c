"""Lesson 07's review with no kernel, hosted as the static site hosts it (offline_page): tick a
lesson, answer one question right and one wrong, reload, and find the ticks and the schedule kept
in the browser exactly as Python computes them (Python reads the browser's progress as a review
file); the Anki download is the file Python writes; damaged saved data starts afresh and says so."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone

import ipywidgets
import pytest
from offline_page import OFFLINE_READY, offline_page

from hipcontent.content.quiz import load_quiz
from hipcontent.review import schedule
from hipcontent.review.deck import Review
from hipcontent.review.export import export_anki
from hipcontent.review.session import anki_button, due_line, review_session, studied_lessons

try:
    from playwright.sync_api import expect
except ImportError:
    expect = None

pytestmark = pytest.mark.browser

STORED = "() => window.localStorage.getItem('hipcontent-review')"


@pytest.fixture(scope="module")
def site(chromium, tmp_path_factory):
    folder = tmp_path_factory.mktemp("review-offline")
    path = folder / "never-written.json"
    box = ipywidgets.VBox([studied_lessons(path), review_session(path), anki_button(path)])
    page_path = offline_page(box, folder / "07-review.html", "Spaced review")
    context = chromium.new_context(timezone_id="UTC", accept_downloads=True)
    page = context.new_page()
    page.goto(page_path.as_uri())
    yield page, folder
    assert not path.exists()  # nothing was written by Python
    context.close()


def _answer(question, block, right: bool) -> None:
    if question.kind == "numeric":
        block.locator("input[type=text]").fill(str(question.answer if right else question.answer * 10 + 1000))
    else:
        boxes = block.locator("input")
        wanted = set(question.correct_indices) if right else {next(i for i in range(len(question.options))
                                                                   if i not in question.correct_indices)}
        for index in sorted(wanted):
            boxes.nth(index).check()
    block.locator(".hip-quiz-check").click()


def _ms(text: str) -> int:
    return round(datetime.fromisoformat(text).timestamp() * 1000)


def test_ticks_and_answers_are_kept_in_the_browser_as_python_schedules_them(site):
    page, folder = site
    page.wait_for_function(OFFLINE_READY)
    assert page.locator(".hip-site-needs-python").count() == 0
    page.evaluate("() => window.localStorage.clear()")
    page.reload()
    page.wait_for_function(OFFLINE_READY)
    ticks, session = page.locator(".hip-review").nth(0), page.locator(".hip-review").nth(1)
    expect(ticks.locator(".hip-review-status")).to_have_text("Nothing to review yet: tick the lessons you have studied.")
    page.get_by_role("checkbox", name=re.compile(r"^01 · ")).check()
    expect(session.locator(".hip-quiz-question")).to_have_count(10)
    quiz = {f"01-anatomy/{q.id}": q for q in load_quiz("01-anatomy").questions}
    blocks = session.locator(".hip-quiz-question")
    keys = [blocks.nth(i).get_attribute("data-id") for i in range(2)]
    _answer(quiz[keys[0]], blocks.nth(0), right=True)
    _answer(quiz[keys[1]], blocks.nth(1), right=False)
    expect(session.locator(".hip-review-status")).to_contain_text("This session: 1 of 2 answered right.")
    _answer(quiz[keys[1]], blocks.nth(1), right=True)  # a second check does not count
    expect(session.locator(".hip-review-status")).to_contain_text("Only your first answer")

    page.reload()
    page.wait_for_function(OFFLINE_READY)
    expect(page.get_by_role("checkbox", name=re.compile(r"^01 · "))).to_be_checked()
    stored = json.loads(page.evaluate(STORED))
    assert stored["lessons"] == ["01-anatomy"] and sorted(stored["cards"]) == sorted(keys)
    for key, right in zip(keys, (True, False)):
        record = stored["cards"][key]
        at = datetime.fromisoformat(record["last_review"])
        card = schedule.review(schedule.new_card(at), right, at)
        assert record["stability"] == pytest.approx(card.stability, rel=1e-12)
        assert record["difficulty"] == pytest.approx(card.difficulty, rel=1e-12)
        assert _ms(record["due"]) == _ms(card.due.isoformat()) and record["reviews"] == 1
    # Python reads the browser's progress as its own file, and says what is due in the same words.
    (folder / "from-browser.json").write_text(json.dumps(stored), encoding="utf-8")
    review = Review(folder / "from-browser.json", now=datetime.now(timezone.utc))
    assert review.notice == ""
    expect(page.locator(".hip-review").nth(0).locator(".hip-review-status")).to_have_text(due_line(review))
    shown = page.locator(".hip-review").nth(1).locator(".hip-quiz-question")
    expect(shown).to_have_count(min(10, len(review.due())))
    assert [shown.nth(i).get_attribute("data-id") for i in range(shown.count())] == \
        [item.key for item in review.session_questions()]


def test_the_anki_download_is_the_file_python_writes(site):
    page, folder = site
    page.wait_for_function(OFFLINE_READY)
    page.evaluate("() => window.localStorage.setItem('hipcontent-review', JSON.stringify("
                  "{format: 'hipcontent-review', version: 1, lessons: ['02-function', '01-anatomy'], cards: {}}))")
    page.reload()
    page.wait_for_function(OFFLINE_READY)
    with page.expect_download() as caught:
        page.get_by_role("button", name="Save the questions for Anki").click()
    download = caught.value
    assert download.suggested_filename == "hipcontent-anki.txt"
    python = export_anki([load_quiz("01-anatomy"), load_quiz("02-function")], folder / "python.txt")
    assert download.path().read_bytes() == python.path.read_bytes()
    expect(page.locator(".hip-review").nth(2).locator(".hip-review-status")).to_contain_text(
        f"Saved {python.notes} questions for Anki in hipcontent-anki.txt")


@pytest.mark.parametrize("saved", ["{cut short", json.dumps({"format": "hipcontent-review", "version": 99}),
                                   json.dumps({"format": "hipcontent-review", "version": 1, "lessons": [],
                                               "cards": {"01-anatomy/x": {"state": 7}}})])
def test_damaged_saved_data_starts_afresh_and_says_so(site, saved):
    page, _folder = site
    page.wait_for_function(OFFLINE_READY)
    page.evaluate("(text) => window.localStorage.setItem('hipcontent-review', text)", saved)
    page.reload()
    page.wait_for_function(OFFLINE_READY)
    expect(page.locator(".hip-review").nth(0)).to_contain_text("could not be read")
    expect(page.get_by_role("checkbox", name=re.compile(r"^01 · "))).not_to_be_checked()
    assert page.evaluate("() => window.localStorage.getItem('hipcontent-review-damaged')") == saved
    assert page.locator(".hip-site-widget-error").count() == 0


def test_every_control_is_reached_by_tab_and_named_with_no_kernel(site):
    page, _folder = site
    page.evaluate("() => window.localStorage.setItem('hipcontent-review', JSON.stringify("
                  "{format: 'hipcontent-review', version: 1, lessons: ['01-anatomy'], cards: {}}))")
    page.reload()
    page.wait_for_function(OFFLINE_READY)
    controls = page.locator(".hip-review").locator("input, button")
    wanted = controls.count()
    radio_groups = page.evaluate("() => new Set([...document.querySelectorAll('.hip-review input[type=radio]')]"
                                 ".map((r) => r.name)).size")
    radios = page.locator(".hip-review input[type=radio]").count()
    page.locator("body").focus()
    reached, names = set(), []
    for _ in range(wanted + 20):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => { const e = document.activeElement;
          if (!e || !e.closest('.hip-review')) return null;
          const label = e.closest('label'); const text = (e.getAttribute('aria-label') || (label && label.textContent)
            || e.textContent || '').trim();
          return [e.type + ':' + (e.name || '') + ':' + e.value + ':' + e.closest('[data-id]')?.dataset.id + ':' + text, text]; }""")
        if info:
            reached.add(info[0])
            names.append(info[1])
    assert len(reached) == wanted - radios + radio_groups  # one Tab stop per radio group
    assert all(names), names
    statuses = page.locator(".hip-review .hip-review-status")
    assert statuses.count() == 3 and all(statuses.nth(i).get_attribute("role") == "status" for i in range(3))

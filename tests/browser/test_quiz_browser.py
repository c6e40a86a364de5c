"""The lesson 03 quiz in a real browser, operated with the keyboard only."""

from __future__ import annotations

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the lab fixture skips (or under CI fails) with the reason
    expect = None

pytestmark = pytest.mark.browser


def test_quiz_answer_check_score_and_reveal_with_the_keyboard(lab):
    lab.open("03-weakness-and-testing.ipynb")
    lab.run_all()
    page = lab.page
    quiz = page.locator(".hipcontent-quiz").first
    quiz.scroll_into_view_if_needed()
    first = quiz.locator(".hipcontent-quiz-question").first
    expect(first).to_contain_text("Question 1 of 10")

    # Answer question 1 (single choice; the first option is right) with Space, check with Enter.
    first.get_by_role("radio").first.focus()
    page.keyboard.press("Space")
    # ipywidgets' radios are separate tab stops (no shared name), so Tab walks through the options
    # and then reaches the Check button.
    check = first.get_by_role("button", name="Check")
    for _ in range(len(first.get_by_role("radio").all())):
        page.keyboard.press("Tab")
    expect(check).to_be_focused()
    page.keyboard.press("Enter")
    expect(first).to_contain_text("Correct.", timeout=10000)
    expect(quiz).to_contain_text("Score: 1 right out of 10 questions (1 checked so far)")

    # The coach's switch reveals every answer.
    reveal = quiz.get_by_role("checkbox", name="Reveal all answers (for a coach leading a discussion)")
    reveal.focus()
    page.keyboard.press("Space")
    expect(quiz.locator(".hipcontent-quiz-question").nth(1)).to_contain_text("Answer: Short two-joint", timeout=10000)
    lab.screenshot("quiz-revealed")

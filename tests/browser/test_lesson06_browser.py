"""Issue 17: from opening lesson 06 to a running 30-minute class in three actions or fewer
(select the ready-class cell, Shift+Enter, press Start), with a picture on the screen."""

import pytest

pytestmark = pytest.mark.browser

LESSON = "06-coach-session.ipynb"


def test_three_actions_from_opening_lesson_06_to_a_running_30_minute_class(lab):
    lab.open(LESSON)
    page = lab.page
    cell = page.locator(".jp-CodeCell").filter(has_text="ready_class(30)").first
    cell.locator(".jp-InputArea-prompt").click()  # action 1: select the cell
    page.keyboard.press("Shift+Enter")  # action 2: run it
    timer = cell.locator(".hipcontent-clock")
    timer.wait_for(timeout=60000)
    lab.wait_idle()
    assert timer.get_attribute("data-state") == "ready"
    assert "30-minute ready class" in timer.inner_text()
    timer.get_by_role("button", name="Start", exact=True).click()  # action 3: start the class
    page.wait_for_function("el => el.getAttribute('data-state') === 'running'", arg=timer.element_handle(),
                           timeout=5000)
    assert lab.ask_kernel("class30.total_seconds") == "1795.0"
    assert lab.ask_kernel("[s for s, _ in class30.section_rows()]") == "['Warm-up', 'Main', 'Cool-down']"

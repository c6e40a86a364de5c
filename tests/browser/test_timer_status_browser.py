"""The kernel-side timer's status line in a real browser: ONE role=status node, updated in place
on phase and state changes (a re-created node may be missed by screen readers)."""

from __future__ import annotations

import pytest

from tests.browser.test_quiz_browser import _cell, write_notebook

try:
    from playwright.sync_api import expect
except ImportError:  # the lab fixture skips (or under CI fails) with the reason
    expect = None

pytestmark = pytest.mark.browser


def test_the_status_node_stays_and_its_text_follows_the_phase(lab, lab_server):
    write_notebook(lab_server.root_dir, "timer-status-test.ipynb", [
        _cell("from hipcontent import ExerciseTimer\nExerciseTimer.intervals(2, 2, 2)"),
    ])
    lab.open("timer-status-test.ipynb")
    lab.run_all()
    timer = lab.page.locator(".hipcontent-timer").first
    status = timer.locator("[role=status]")
    expect(status).to_have_count(1)
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_contain_text("Ready.")
    status.evaluate("node => { window.__hipStatus = node; window.__hipSaid = [];"
                    " new MutationObserver(() => window.__hipSaid.push(node.textContent))"
                    ".observe(node, {childList: true, characterData: true, subtree: true}); }")
    timer.get_by_role("button", name="Start").click()
    expect(status).to_contain_text("Rest", timeout=10000)  # work 2 s, then rest
    assert status.evaluate("node => node === window.__hipStatus")
    said = lab.page.evaluate("() => window.__hipSaid")
    # One update per phase change (start of work, then rest), not one per second.
    assert 2 <= len(said) <= 3, said

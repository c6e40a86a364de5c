"""The kernel-side timer (ExerciseTimer, for scripts and coaches' own code) in a real browser:
JupyterLab + headless Chromium, its ticking task live. The lessons use the browser-side timer
(tests/browser/test_clock_lab.py); this notebook of two countdowns is written by the test."""

from __future__ import annotations

import json
import math
import re
import time

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the lab fixture skips (or under CI fails) with the reason
    expect = None

pytestmark = pytest.mark.browser

NOTEBOOK = "kernel-timer-test.ipynb"
TIMER_CELL = "from hipcontent import ExerciseTimer\n\nExerciseTimer.countdown(30)"


def _open_timers(lab) -> None:
    """Write a notebook with two 30 s countdowns into the server's folder, open it and run it."""
    cells = [{"cell_type": "code", "execution_count": None, "id": f"timer{n}", "metadata": {}, "outputs": [],
              "source": TIMER_CELL} for n in (1, 2)]
    notebook = {"cells": cells, "nbformat": 4, "nbformat_minor": 5,
                "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}}}
    (lab.server.root_dir / NOTEBOOK).write_text(json.dumps(notebook), encoding="utf-8")
    lab.open(NOTEBOOK)
    lab.run_all()


def _seconds(text: str) -> int:
    match = re.fullmatch(r"\s*(\d+):(\d\d)\s*", text)
    assert match, f"the timer should show m:ss, not {text!r}"
    return int(match.group(1)) * 60 + int(match.group(2))


def test_countdown_ticks_pauses_and_resumes_in_jupyterlab(lab):
    _open_timers(lab)
    page = lab.page

    timer = page.locator(".hipcontent-timer").first  # a 30 s countdown
    timer.scroll_into_view_if_needed()
    digits = timer.locator(".hipcontent-timer-digits")
    panel = timer.locator(".hipcontent-timer-panel")
    assert _seconds(digits.inner_text()) == 30
    assert panel.get_attribute("data-state") == "ready"

    audio = timer.locator("audio")
    silent_source = audio.get_attribute("src")
    start = timer.get_by_role("button", name="Start")
    start.click()
    started = time.monotonic()
    timer.get_by_role("button", name="Pause").wait_for(timeout=5000)
    expect(audio).not_to_have_attribute("src", silent_source or "", timeout=5000)  # the start cue was sent

    page.wait_for_timeout(3200)
    shown = _seconds(digits.inner_text())
    expected = math.ceil(30 - (time.monotonic() - started))
    assert abs(shown - expected) <= 1, f"after ~3 s the timer shows {shown} s; the clock says {expected} s"
    assert shown <= 27

    timer.get_by_role("button", name="Pause").click()
    timer.get_by_role("button", name="Resume").wait_for(timeout=5000)
    assert panel.get_attribute("data-state") == "paused"
    held = digits.inner_text()
    page.wait_for_timeout(2000)
    assert digits.inner_text() == held, "a paused timer must hold still"
    assert "PAUSED" in panel.inner_text()
    assert "Paused" in timer.locator("[role=status]").inner_text()

    timer.get_by_role("button", name="Resume").click()
    resumed = time.monotonic()
    page.wait_for_timeout(2200)
    after = _seconds(digits.inner_text())
    lost = time.monotonic() - resumed
    assert _seconds(held) - after in (math.floor(lost), math.ceil(lost), math.ceil(lost) + 1), (
        f"after resuming for {lost:.1f} s the timer went from {held} to {after}"
    )
    assert panel.get_attribute("data-state") == "running"
    assert "Total left" in timer.locator(".hipcontent-timer-info").inner_text()

    timer.get_by_role("button", name="Reset").click()
    expect(digits).to_have_text("0:30", timeout=5000)  # the view re-renders: poll a locator, not an element


BUSY_KERNEL = """() => { const w = window.jupyterapp.shell.currentWidget;
  void w.sessionContext.session.kernel.requestExecute({code: 'import time; time.sleep(4)', silent: true}).done; }"""


def test_after_a_busy_kernel_the_timer_shows_the_true_time_and_keys_work(lab):
    _open_timers(lab)
    page = lab.page
    timer = page.locator(".hipcontent-timer").first
    timer.scroll_into_view_if_needed()
    digits = timer.locator(".hipcontent-timer-digits")

    start = timer.get_by_role("button", name="Start")
    start.focus()
    page.keyboard.press("Enter")  # a real button: the keyboard starts it
    started = time.monotonic()
    timer.get_by_role("button", name="Pause").wait_for(timeout=5000)

    page.evaluate(BUSY_KERNEL)  # another cell keeps the kernel busy for 4 s: the display freezes
    page.wait_for_function(
        "() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'busy'", timeout=5000
    )
    page.wait_for_function(
        "() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status === 'idle'",
        timeout=20000,
    )
    page.wait_for_timeout(600)  # one redraw after the kernel is free
    shown = _seconds(digits.inner_text())
    expected = math.ceil(30 - (time.monotonic() - started))
    assert expected <= 26, "the busy period should have taken at least 4 s"
    assert abs(shown - expected) <= 1, f"after the busy kernel the timer shows {shown} s; the clock says {expected} s"

    pause = timer.get_by_role("button", name="Pause")
    pause.focus()
    page.keyboard.press("Space")
    timer.get_by_role("button", name="Resume").wait_for(timeout=5000)
    assert timer.locator(".hipcontent-timer-panel").get_attribute("data-state") == "paused"

    sound = timer.get_by_role("button", name="Sound on")
    sound.click()
    expect(timer.get_by_role("button", name="Sound off")).to_be_visible(timeout=5000)
    skip = timer.get_by_role("button", name="Skip")
    skip.click()
    expect(timer.locator(".hipcontent-timer-panel")).to_have_attribute("data-kind", "done", timeout=5000)
    expect(digits).to_have_text("0:00")


LIVE_TASKS = """async () => { const w = window.jupyterapp.shell.currentWidget;
  const future = w.sessionContext.session.kernel.requestExecute({code: '', silent: true,
    user_expressions: {n: 'len(__import__("hipcontent.widgets.timer", fromlist=["_"])._LIVE_TASKS)'}});
  const reply = await future.done;
  return Number(reply.content.user_expressions.n.data['text/plain']); }"""

RUN_CELL = """source => { const w = window.jupyterapp.shell.currentWidget; const cells = w.content.model.cells;
  for (let i = 0; i < cells.length; i++) {
    if (cells.get(i).sharedModel.getSource().trim() === source) { w.content.activeCellIndex = i; break; } }
  void window.jupyterapp.commands.execute('notebook:run-cell'); }"""


def test_rerunning_a_timer_cell_stops_its_old_ticking(lab):
    _open_timers(lab)
    page = lab.page
    first, second = page.locator(".hipcontent-timer").nth(0), page.locator(".hipcontent-timer").nth(1)
    for timer in (first, second):
        timer.scroll_into_view_if_needed()
        timer.get_by_role("button", name="Start").click()
        timer.get_by_role("button", name="Pause").wait_for(timeout=5000)
    assert page.evaluate(LIVE_TASKS) == 2, "two running timers, one task each"

    page.evaluate(RUN_CELL, TIMER_CELL)
    page.wait_for_timeout(500)
    lab.wait_idle(timeout=20)
    fresh = page.locator(".hipcontent-timer").nth(0)
    expect(fresh.locator(".hipcontent-timer-digits")).to_have_text("0:30", timeout=10000)
    assert page.evaluate(LIVE_TASKS) == 1, "the re-run cell's old timer must stop ticking; the other keeps going"

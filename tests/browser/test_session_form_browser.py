"""The session form in real JupyterLab, by keyboard only: choose exercises in a drop-down without the
notebook moving, reorder them with the Up button (the focus stays on it), change a preset (the
total follows), then Show the timer and start it with Space. The table shown (made in the browser) is the kernel's."""

from __future__ import annotations

import ast
import json

import pytest

pytestmark = pytest.mark.browser

NOTEBOOK = "session-form-test.ipynb"
FORM_CELL = (
    "from hipcontent import SessionBuilder\n"
    "builder = SessionBuilder(['supine-toe-tap', 'psoas-march', 'deep-lunge-side-bend-stretch'],\n"
    "                         rest_between=30, folder='form-test')\n"
    "builder"
)
SAME_TABLE = """(html) => { const box = document.createElement("template"); box.innerHTML = html;
  return box.content.firstElementChild.isEqualNode(document.querySelector(".hip-session-plan table")); }"""
FOCUSED = "() => { const a = document.activeElement; return a ? (a.getAttribute('aria-label') || a.textContent) : null; }"


def notebook_json() -> str:
    cells = [FORM_CELL, "x = 1", "y = 2"]  # cells below the form: a stray arrow key would move to them
    return json.dumps({
        "cells": [{"cell_type": "code", "execution_count": None, "id": f"cell{i}", "metadata": {}, "outputs": [],
                   "source": source} for i, source in enumerate(cells)],
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
        "nbformat": 4, "nbformat_minor": 5,
    })


def test_build_a_plan_reorder_by_keyboard_and_start_the_timer(lab):
    (lab.server.root_dir / NOTEBOOK).write_text(notebook_json())
    lab.open(NOTEBOOK)
    page = lab.page
    lab.run_cell(0)
    form = page.locator(".hip-session-form")
    form.wait_for(timeout=30000)
    lab.wait_idle()
    ask = lab.ask_kernel

    # Choose the second exercise with the arrow keys: the choice moves, the notebook does not.
    pick = form.get_by_label("Exercise", exact=True)
    pick.focus()
    place = lab.notebook_place()
    page.keyboard.press("ArrowDown")
    assert pick.input_value() == "psoas-march"
    assert lab.notebook_place() == place, "an arrow key in the drop-down must not move the notebook"
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == "Add to the session"
    page.keyboard.press("Enter")
    pick.focus()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    items = form.locator(".hip-session-item .hip-session-name")
    page.wait_for_function("() => document.querySelectorAll('.hip-session-item').length === 2")
    assert items.all_inner_texts() == ["Psoas march", "Supine toe tap"]
    total = form.locator(".hip-session-total")
    page.wait_for_function("() => document.querySelector('.hip-session-total').textContent.startsWith('Total time:')")
    first_total = total.inner_text()

    # Move the toe tap up with the keyboard: the focus stays on its Up button, the kernel follows.
    up = form.get_by_role("button", name="Move Supine toe tap (exercise 2 of 2) up")
    up.focus()
    page.keyboard.press("Enter")
    assert items.all_inner_texts() == ["Supine toe tap", "Psoas march"]
    assert page.evaluate(FOCUSED) == "Move Supine toe tap (exercise 1 of 2) up"
    assert form.get_by_role("button", name="Move Supine toe tap (exercise 1 of 2) up").get_attribute("aria-disabled") == "true"
    assert "moved to place 1 of 2" in form.locator(".hip-session-moved").inner_text()
    page.wait_for_function("() => document.querySelector('.hip-session-plan tbody tr td:nth-child(3)')"
                           ".textContent === 'Supine toe tap'")
    assert ask("[e.id for e, _ in builder.selection()]") == "['supine-toe-tap', 'psoas-march']"

    # Another preset for the march: the plan and the total follow.
    preset = form.get_by_label("Preset for Psoas march (exercise 2 of 2)")
    preset.focus()
    place = lab.notebook_place()
    page.keyboard.press("ArrowDown")
    assert lab.notebook_place() == place
    page.wait_for_function(f"() => document.querySelector('.hip-session-total').textContent !== {json.dumps(first_total)}")
    assert ask("builder.plan.items[1].preset") == repr(preset.input_value())
    # The table shown is the browser's (session_plan.js); it is the kernel's plan, cell for cell.
    lab.wait_idle()
    kernel_table = ast.literal_eval(ask("builder.form.plan_html"))
    assert kernel_table.startswith("<table")
    assert page.evaluate(SAME_TABLE, kernel_table), "the browser's table differs from builder.plan.table()"
    assert ast.literal_eval(ask("builder.form.total")) == total.inner_text()

    # Show the timer from the form: it appears under the form with the focus; Space starts it.
    form.get_by_role("button", name="Show the timer").focus()
    page.keyboard.press("Enter")
    clock = page.locator(".hipcontent-session-builder .hipcontent-clock")
    clock.wait_for(timeout=15000)
    page.wait_for_function("() => document.activeElement && document.activeElement.classList.contains('hipcontent-clock')",
                           timeout=5000)
    assert "Timer ready below" in form.locator(".hip-session-status").inner_text()
    page.keyboard.press("Space")
    assert clock.get_attribute("data-state") == "running"
    page.wait_for_function(f"async () => ({lab.ASK_KERNEL})('builder.timer.state') === \"'running'\"", timeout=10000)
    assert ask("len(builder.timer.program) == len(builder.plan.program)") == "True"
    problems = [line for line in lab.console if line.startswith("error") and ("anywidget" in line or "session" in line)]
    assert problems == [], problems


REFUSAL_CELL = (
    "import dataclasses\n"
    "from hipcontent import SessionBuilder\n"
    "from hipcontent.content.exercises import load_library\n"
    "march = load_library()['psoas-march']  # a coach's copy that counts reps with no pace: it cannot be timed\n"
    "counted = dataclasses.replace(march, id='counted-march', name='Counted march', builtin=False, dosage=tuple(\n"
    "    dataclasses.replace(d, seconds_per_rep=None, tempo=()) for d in march.dosage))\n"
    "builder = SessionBuilder(['supine-toe-tap', counted], folder='refusal-test')\n"
    "builder"
)
STATUS_TEXT = "() => document.querySelector('.hip-session-status').textContent"


def test_choices_that_make_no_plan_are_said_and_announced(lab):
    """Issue 21 item 2: the refusal is in words in the status line (a polite live region); the
    total says it is missing; the buttons stay and answer a press with the reason."""
    (lab.server.root_dir / "session-form-refusal.ipynb").write_text(notebook_json().replace(
        json.dumps(FORM_CELL), json.dumps(REFUSAL_CELL)))
    lab.open("session-form-refusal.ipynb")
    page = lab.page
    lab.run_cell(0)
    form = page.locator(".hip-session-form")
    form.wait_for(timeout=30000)
    lab.wait_idle()
    status = form.locator(".hip-session-status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"

    form.get_by_label("Exercise", exact=True).select_option("counted-march")
    form.get_by_role("button", name="Add to the session").click()
    page.wait_for_function(f"() => ({STATUS_TEXT})().startsWith('No plan for these choices')", timeout=10000)
    words = status.inner_text()
    assert "Counted march" in words and "no pace" in words, words
    assert form.locator(".hip-session-total").inner_text().startswith("No total time")
    timer = form.get_by_role("button", name="Show the timer")
    assert timer.is_visible() and timer.get_attribute("aria-disabled") == "true"
    timer.focus()  # aria-disabled (Playwright's click waits for "enabled"): pressed by keyboard, as a coach may
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => ({STATUS_TEXT})().startsWith('Could not do that: these choices make no plan')",
                           timeout=10000)
    assert lab.ask_kernel("builder.timer is None") == "True"

    # Out again: the plan and total come back, the refusal goes.
    form.get_by_role("button", name="Remove Counted march (exercise 1 of 1)").click()
    form.get_by_role("button", name="Add to the session").focus()
    form.get_by_label("Exercise", exact=True).select_option("supine-toe-tap")
    form.get_by_role("button", name="Add to the session").click()
    page.wait_for_function("() => document.querySelector('.hip-session-total').textContent.startsWith('Total time:')",
                           timeout=10000)
    assert form.get_by_role("button", name="Show the timer").get_attribute("aria-disabled") is None

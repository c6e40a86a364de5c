"""The session form with no kernel (hosted as the static site hosts it, tests/browser/offline_page.py),
in Chromium with Playwright's clock: add two exercises and see the plan and total; Show the timer
plays the session with the player's own code and counts; Save the player downloads a page that
plays; Print the handout opens a page with the plan, steps, cues and cautions; Print the class sheets
opens both sheets with the drawings and the safety texts; a ready class, a bad rest and an untimeable preset are said as the kernel says them.
No request leaves the page."""

from __future__ import annotations

import dataclasses
import re

import pytest
from offline_page import OFFLINE_READY, offline_page

from hipcontent.coaching.session import plan_session
from hipcontent.content.exercises import load_library
from hipcontent.content.safety import load_safety
from hipcontent.printing.sheets import dose_line
from hipcontent.widgets.session_form import SessionBuilder

pytestmark = pytest.mark.browser

START = 1_767_225_600_000  # 2026-01-01 00:00 UTC, in ms
QUIET = """Object.defineProperty(window, "speechSynthesis", {configurable: true, value: {speak() {}, cancel() {},
  getVoices() { return []; }, addEventListener() {}, removeEventListener() {}}});
window.SpeechSynthesisUtterance = function (text) { this.text = text; };"""
STATUS = "() => document.querySelector('.hip-session-status').textContent"


def seconds(text: str) -> int:
    match = re.fullmatch(r"\s*(\d+):(\d\d)\s*", text)
    assert match, f"the timer should show m:ss, not {text!r}"
    return int(match.group(1)) * 60 + int(match.group(2))


def _counted_march():
    march = load_library()["psoas-march"]
    return dataclasses.replace(march, id="counted-march", name="Counted march", builtin=False, dosage=tuple(
        dataclasses.replace(d, seconds_per_rep=None, tempo=()) for d in march.dosage))


@pytest.fixture
def offline(chromium, tmp_path):
    builder = SessionBuilder(["supine-toe-tap", "psoas-march", "deep-lunge-side-bend-stretch", _counted_march()],
                             rest_between=30, folder=tmp_path / "out")
    path = offline_page(builder.widget, tmp_path / "form.html", title="Session form offline")  # the VBox, as the site shows it
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    context.route("**/*", lambda route: route.abort() if route.request.url.startswith("http") else route.continue_())
    context.add_init_script(QUIET)
    page.clock.install(time=START)
    page.goto(path.as_uri())
    page.wait_for_function(OFFLINE_READY)
    page.locator(".hip-session-form").wait_for()
    try:
        yield page, context, requests, errors
    finally:
        context.close()
        builder.close()


def _add(form, exercise_id):
    form.get_by_label("Exercise", exact=True).select_option(exercise_id)
    form.get_by_role("button", name="Add to the session").click()


def test_plan_timer_player_and_handout_work_with_no_kernel(offline, tmp_path):
    page, context, requests, errors = offline
    form = page.locator(".hip-session-form")
    assert form.locator(".hip-session-status").inner_text().startswith("Choose an exercise")
    _add(form, "supine-toe-tap")
    _add(form, "psoas-march")
    plan = plan_session(["supine-toe-tap", "psoas-march"], rest_between=30)
    rows = form.locator(".hip-session-plan tbody tr")
    assert rows.count() == 2
    assert rows.nth(1).locator("td").all_inner_texts() == list(plan.rows()[1])
    assert form.locator(".hip-session-plan caption").inner_text() == plan.summary_line()
    total = form.locator(".hip-session-total").inner_text()
    assert total.startswith("Total time: ") and plan.caption().split(" in ")[1].split(" ")[0] in total

    # Show the timer: the player's own code under the form, with the focus; it counts.
    timer_button = form.get_by_role("button", name="Show the timer")
    assert timer_button.get_attribute("aria-disabled") is None
    timer_button.click()
    clock = page.locator(".hip-session-timer-box .hipcontent-clock")
    clock.wait_for()
    assert page.evaluate("document.activeElement.classList.contains('hipcontent-clock')")
    assert "Timer ready below" in page.evaluate(STATUS)
    digits = clock.locator("[role=timer]")
    first = seconds(digits.inner_text())
    page.keyboard.press("Space")
    assert clock.get_attribute("data-state") == "running"
    page.clock.run_for(3000)
    assert seconds(digits.inner_text()) == first - 3
    played = page.evaluate("document.querySelector('.hip-session-timer-box .hipcontent-clock')"
                           ".hipcontentController.data.phases.length")
    assert played == len(plan.program)

    # A change after that: the timer is said to play the earlier plan.
    form.get_by_label("Rest between exercises (seconds)").fill("45")
    form.get_by_label("Rest between exercises (seconds)").press("Enter")
    form.get_by_label("Rest between exercises (seconds)").blur()
    page.wait_for_function(f"() => ({STATUS})().includes('still plays the earlier plan')")

    # Save the player: a download whose page plays.
    with page.expect_download() as saving:
        form.get_by_role("button", name="Save the player").click()
    saved = tmp_path / "downloaded-player.html"
    saving.value.save_as(saved)
    assert saving.value.suggested_filename == "session-player.html"
    assert "Player saved as a download" in page.evaluate(STATUS)
    player = context.new_page()
    player.clock.install(time=START)
    player.goto(saved.as_uri())
    player_clock = player.locator(".hipcontent-clock")
    player_clock.wait_for()
    begin = seconds(player_clock.locator("[role=timer]").inner_text())
    player.keyboard.press("Space")
    player.clock.run_for(2000)
    assert seconds(player_clock.locator("[role=timer]").inner_text()) == begin - 2
    assert player.evaluate("window.hipcontentPlayer.controller.data.phases.length") == len(
        plan_session(["supine-toe-tap", "psoas-march"], rest_between=45).program)
    player.close()

    # Print the handout: a page with the plan, each exercise's steps, cues and cautions.
    with page.expect_popup() as opening:
        form.get_by_role("button", name="Print the handout").click()
    handout = opening.value
    handout.wait_for_function("() => document.querySelector('table.hip-table') !== null")
    text = handout.locator("body").inner_text()
    exercise = load_library()["psoas-march"]
    assert "Psoas march" in text and exercise.steps[0] in text and exercise.cues[0] in text
    assert exercise.cautions[0].text in text
    assert handout.locator("table.hip-table tbody tr").count() == 2
    assert "new window" in page.evaluate(STATUS)

    # The class sheets: the participant's (drawings, doses, a cue each) and the coach's, word for word.
    with page.expect_popup() as opening:
        form.get_by_role("button", name="Print the class sheets").click()
    sheets = opening.value
    sheets.wait_for_function("() => document.querySelector('.coach') !== null")
    text = sheets.locator("body").inner_text()
    safety = load_safety()
    assert safety.pain_rule in text and safety.stop_signs[0] in text and safety.refer[0] in text
    assert safety.screens[0].name in text and "coach's sheet" in text
    assert dose_line(exercise.preset("beginner")) in text and exercise.cues[0] in text
    assert sheets.locator(".tile svg").count() == sum(1 for item in plan.items if item.exercise.diagram_pose)
    assert sheets.locator(".tile svg script, .tile svg foreignObject").count() == 0
    assert "coach's sheet are open" in page.evaluate(STATUS)
    assert [url for url in requests if not url.startswith(("file:", "blob:", "about:"))] == []
    assert errors == []


def test_ready_class_bad_rest_and_refusal_are_said_with_no_kernel(offline):
    page, context, requests, errors = offline
    form = page.locator(".hip-session-form")
    form.get_by_label("Start from a ready class").select_option("15")
    form.get_by_role("button", name="Start from this class").click()
    page.wait_for_function(f"() => ({STATUS})().startsWith('Could not do that: the 15-minute class uses exercises')")

    rest = form.get_by_label("Rest between exercises (seconds)")
    rest.fill("900")
    rest.press("Enter")
    assert page.evaluate(STATUS) == "The rest must be from 0 to 600 seconds; kept 30 s."
    assert rest.input_value() == "30"

    _add(form, "counted-march")
    status = form.locator(".hip-session-status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    words = page.evaluate(STATUS)
    assert words.startswith("No plan for these choices: exercise 1, Counted march") and "no pace" in words
    assert form.locator(".hip-session-total").inner_text().startswith("No total time")
    timer = form.get_by_role("button", name="Show the timer")
    assert timer.get_attribute("aria-disabled") == "true"
    timer.focus()
    page.keyboard.press("Enter")
    assert page.evaluate(STATUS).startswith("Could not do that: these choices make no plan: exercise 1, Counted march")
    assert page.locator(".hip-session-timer-box .hipcontent-clock").count() == 0
    assert errors == []


def test_a_ready_class_fills_the_list_with_no_kernel(chromium, tmp_path):
    builder = SessionBuilder(folder=tmp_path / "out")
    try:
        path = offline_page(builder.form, tmp_path / "ready.html")
        page = chromium.new_page()
        page.goto(path.as_uri())
        page.wait_for_function(OFFLINE_READY)
        form = page.locator(".hip-session-form")
        _add(form, "supine-toe-tap")
        form.get_by_label("Start from a ready class").select_option("45")
        form.get_by_role("button", name="Start from this class").click()
        builder.add("supine-toe-tap")
        builder.start_from(45)  # what the kernel says for the same presses
        expected = builder.form.status
        page.wait_for_function(f"() => ({STATUS})().startsWith('Started from')")
        assert page.evaluate(STATUS) == expected and "(it replaced the 1 exercise you had)" in expected
        assert form.locator(".hip-session-item").count() == len(builder.selection())
        assert form.locator(".hip-session-total").inner_text() == builder.form.total
        page.close()
    finally:
        builder.close()


NAMED = """() => [...document.querySelectorAll('.hip-session-form button, .hip-session-form select, .hip-session-form input')]
  .filter((el) => !el.closest('[hidden]'))
  .map((el) => ({name: el.getAttribute('aria-label') || (el.labels && el.labels.length ? el.labels[0].textContent : '')
                 || el.textContent.trim(), id: el.dataset.probe}))"""
PROBE = """() => { let n = 0; for (const el of document.querySelectorAll(
  '.hip-session-form button, .hip-session-form select, .hip-session-form input')) el.dataset.probe = String(n++); return n; }"""


def test_every_control_is_reached_by_tab_and_named_with_no_kernel(offline):
    page, context, requests, errors = offline
    form = page.locator(".hip-session-form")
    _add(form, "supine-toe-tap")
    _add(form, "psoas-march")
    count = page.evaluate(PROBE)
    controls = page.evaluate(NAMED)
    assert len(controls) == count > 10
    assert all(control["name"].strip() for control in controls), controls
    form.get_by_label("Start from a ready class").focus()
    reached = set()
    for _ in range(count + 5):
        probe = page.evaluate("() => document.activeElement && document.activeElement.dataset.probe")
        if probe is not None:
            reached.add(probe)
        page.keyboard.press("Tab")
    assert reached == {control["id"] for control in controls}, "every control of the form is reached by Tab"
    status = form.locator(".hip-session-status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"

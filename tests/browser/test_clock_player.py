"""The stand-alone player in a real browser, from file://, with Playwright's clock (deterministic time).

Stubs installed before the page loads record what the player asks of the browser: speech
(speechSynthesis.speak), full screen (Element.requestFullscreen) and the screen wake lock
(navigator.wakeLock.request). Every request the page makes is recorded too: the player must
load nothing but its own file.
"""

from __future__ import annotations

import re

import pytest

from hipcontent.printing.player import save_player
from hipcontent.timing.program import Phase

pytestmark = pytest.mark.browser

PROGRAM = [
    Phase("prep", 10, cue="Lie on your back", exercise="Test march", label="Set 1 of 1"),
    Phase("hold", 30, side="right", cue="Hold it still", exercise="Test march", label="Set 1 of 1"),
    Phase("switch", 10, side="left", cue="Switch to the left side", exercise="Test march"),
    Phase("hold", 30, side="left", cue="Hold it still", exercise="Test march"),
]

START = 1_767_225_600_000  # 2026-01-01 00:00 UTC, in ms: any fixed time will do

STUBS = """
window.__calls = {speak: [], fullscreen: 0, wake: [], released: 0, cancel: 0};
const synth = {
  speak(u) { window.__calls.speak.push(u.text); },
  cancel() { window.__calls.cancel++; },
  getVoices() { return [{name: "Test voice", lang: "en-GB", default: true}]; },
  addEventListener() {}, removeEventListener() {}, speaking: false, pending: false, paused: false,
};
Object.defineProperty(window, "speechSynthesis", {value: synth, configurable: true});
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
Element.prototype.requestFullscreen = function () { window.__calls.fullscreen++; return Promise.resolve(); };
window.__locks = [];
Object.defineProperty(navigator, "wakeLock", {configurable: true, value: {
  request(type) { window.__calls.wake.push(type);
    const lock = {listeners: [], release() { window.__calls.released++; return Promise.resolve(); },
                  addEventListener(name, listener) { if (name === "release") this.listeners.push(listener); }};
    window.__locks.push(lock);
    return Promise.resolve(lock); }}});
// Hiding the tab: the browser lets go of every wake lock, then says the page is hidden.
window.__visibility = "visible";
Object.defineProperty(document, "visibilityState", {configurable: true, get: () => window.__visibility});
window.__hide = () => { window.__visibility = "hidden";
  for (const lock of window.__locks) lock.listeners.forEach((listener) => listener());
  document.dispatchEvent(new Event("visibilitychange")); };
window.__show = () => { window.__visibility = "visible"; document.dispatchEvent(new Event("visibilitychange")); };
"""


def seconds(text: str) -> int:
    match = re.fullmatch(r"\s*(\d+):(\d\d)\s*", text)
    assert match, f"the timer should show m:ss, not {text!r}"
    return int(match.group(1)) * 60 + int(match.group(2))


@pytest.fixture
def player(chromium, tmp_path):
    """The saved player open from file:// with a fake clock, stubs and a record of every request."""
    path = save_player(PROGRAM, tmp_path / "player.html", title="Class timer").path
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.route("**/*", lambda route: route.abort() if not route.request.url.startswith("file:") else route.continue_())
    page.add_init_script(STUBS)
    page.clock.install(time=START)
    page.clock.pause_at(START + 1000)  # time moves only when the test says so
    page.goto(path.as_uri())
    page.locator(".hipcontent-clock").wait_for()
    try:
        yield page, path, requests, errors
    finally:
        context.close()


def read(page) -> dict:
    return page.evaluate("""() => { const root = document.querySelector('.hipcontent-clock');
      return {digits: root.querySelector('[role=timer]').textContent, state: root.dataset.state,
              index: Number(root.dataset.index), kind: root.dataset.kind,
              elapsed: window.hipcontentPlayer.controller.clock.elapsed(),
              status: root.querySelector('[role=status]').textContent}; }""")


def test_the_player_counts_pauses_and_moves_between_phases_with_the_keyboard(player):
    page, path, requests, errors = player
    assert read(page)["digits"] == "0:10" and read(page)["state"] == "ready"
    assert page.evaluate("document.activeElement.classList.contains('hipcontent-clock')"), "the timer has focus"

    page.keyboard.press("Space")  # start: the click (key) that lets the page speak
    assert read(page)["state"] == "running"
    calls = page.evaluate("window.__calls")
    assert calls["speak"][0].startswith("Test march"), "the exercise's name is spoken when it starts"
    assert calls["wake"] == ["screen"], "the screen is kept awake while the timer runs"

    for second in range(1, 8):  # 1 s of the clock, 1 s off the display
        page.clock.run_for(1000)
        assert seconds(read(page)["digits"]) == 10 - second

    page.keyboard.press("Space")  # pause
    paused = read(page)
    assert paused["state"] == "paused" and paused["elapsed"] == pytest.approx(7.0, abs=1e-6)
    page.clock.run_for(60_000)  # a minute's chat: nothing moves
    assert read(page)["digits"] == "0:03" and read(page)["elapsed"] == pytest.approx(7.0, abs=1e-6)
    assert "Paused" in read(page)["status"]
    page.keyboard.press("Space")  # resume: nothing lost
    page.clock.run_for(2000)
    assert read(page)["digits"] == "0:01" and read(page)["elapsed"] == pytest.approx(9.0, abs=1e-6)
    assert page.evaluate("window.__calls.speak").count("2") == 1  # "3, 2, 1" before the change...

    page.clock.run_for(1000)  # ...and the change: the hold starts on time
    now = read(page)
    assert (now["index"], now["kind"], now["digits"]) == (1, "hold", "0:30")
    assert "Hold, right leg" in page.evaluate("window.__calls.speak")[-1]
    cues = page.evaluate("window.hipcontentPlayer.controller.cueLog.map(c => [c.cue, c.tone])")
    assert cues == [["prep", True], ["beep", False], ["beep", False], ["beep", False], ["hold", True]], (
        "a tone at each change; 3-2-1 spoken, not beeped, while a voice speaks them"
    )

    page.clock.run_for(15_000)
    assert page.evaluate("window.__calls.speak")[-1] == "halfway"  # a 30 s hold: "halfway" at 0:15

    page.keyboard.press("ArrowRight")  # next phase
    assert (read(page)["index"], read(page)["digits"]) == (2, "0:10")
    assert page.evaluate("window.__calls.speak")[-1] == "Switch sides"
    page.keyboard.press("ArrowLeft")  # previous phase, from its start
    assert (read(page)["index"], read(page)["digits"]) == (1, "0:30")
    page.keyboard.press("Shift+Equal")  # "+": 30 s more
    assert read(page)["digits"] == "1:00"

    page.get_by_role("button", name="Full screen").click()
    assert page.evaluate("window.__calls.fullscreen") == 1

    page.clock.run_for(200_000)  # to the end
    assert read(page)["state"] == "finished" and read(page)["kind"] == "done"
    assert page.evaluate("window.__calls.speak")[-1].startswith("Done")
    page.clock.run_for(1000)
    assert page.evaluate("window.__calls.released") >= 1, "the wake lock is let go at the end"
    assert errors == []
    assert requests == [path.as_uri()], f"the player must load nothing else: {requests}"


def test_every_cue_flashes_and_the_buttons_have_names(player):
    page, _, _, errors = player
    for name in ("Start", "Reset", "Back", "Skip", "+30 s: add 30 seconds", "Sound", "Voice", "Full screen"):
        button = page.get_by_role("button", name=name, exact=True)
        assert button.count() == 1, name
        assert button.get_attribute("title"), f"{name} needs a tooltip"
    assert page.get_by_role("timer").get_attribute("aria-live") == "off"
    status = page.get_by_role("status")
    assert status.count() == 1 and status.get_attribute("aria-live") == "polite"
    handle = status.element_handle()

    page.get_by_role("button", name="Sound", exact=True).click()  # sound off: the flash still comes
    assert page.get_by_role("button", name="Sound", exact=True).get_attribute("aria-pressed") == "false"
    page.get_by_role("button", name="Start", exact=True).click()
    page.clock.run_for(7100)
    assert page.evaluate("document.querySelector('.hipcontent-clock-panel').dataset.cue") == "beep"
    assert page.locator(".hipcontent-clock-panel.hipcontent-clock-flash").count() == 1
    page.clock.run_for(3000)
    assert page.evaluate("document.querySelector('.hipcontent-clock-panel').dataset.cue") == "hold"
    assert page.evaluate("(s) => s === document.querySelector('[role=status]')", handle), "updated, not re-created"
    assert "Right leg. Hold" in status.inner_text()
    assert errors == []


def test_the_player_falls_back_to_tones_without_a_voice(chromium, tmp_path):
    path = save_player(PROGRAM[:2], tmp_path / "quiet.html").path
    context = chromium.new_context()
    page = context.new_page()
    page.add_init_script("""
      window.__tones = 0;
      const Real = window.AudioContext;
      window.AudioContext = class extends Real { createOscillator() { window.__tones++; return super.createOscillator(); } };
      Object.defineProperty(window, "speechSynthesis", {configurable: true, value: {
        getVoices() { return []; }, speak() { window.__spoke = true; }, cancel() {} }});
      window.SpeechSynthesisUtterance = function (text) { this.text = text; };""")
    page.clock.install(time=START)
    page.clock.pause_at(START + 1000)
    page.goto(path.as_uri())
    try:
        page.get_by_role("button", name="Sound", exact=True).click()  # sound off, voice on, no voice
        page.get_by_role("button", name="Start", exact=True).click()
        page.clock.run_for(10_500)
        assert page.evaluate("window.__tones") >= 4, "start, 3-2-1 and the change still sound"
        assert not page.evaluate("window.__spoke === true")
        steps = page.locator(".hipcontent-clock-details")
        assert steps.is_hidden()  # a bare program has no exercise steps to show
    finally:
        context.close()


def test_the_player_shows_the_exercise_steps_and_cues(chromium, tmp_path):
    from hipcontent.content.exercises import load_library

    exercise = next(iter(load_library()))
    path = save_player(exercise, tmp_path / "exercise.html").path
    context = chromium.new_context()
    page = context.new_page()
    try:
        page.goto(path.as_uri())
        details = page.locator(".hipcontent-clock-details")
        assert details.locator("h2").inner_text() == exercise.name
        assert details.locator("ol li").all_inner_texts() == list(exercise.steps)
        assert details.locator("ul li").all_inner_texts() == list(exercise.cues)
    finally:
        context.close()


def test_buttons_keep_their_own_keys_and_the_edges_of_the_program_hold(player):
    page, _, _, errors = player
    reset = page.get_by_role("button", name="Reset", exact=True)
    start = page.get_by_role("button", name="Start", exact=True)
    start.focus()
    page.keyboard.press("Space")  # a focused button does its own job, once
    assert read(page)["state"] == "running"
    page.clock.run_for(4000)
    reset.focus()
    page.keyboard.press("Space")  # Reset, not pause
    assert (read(page)["state"], read(page)["digits"]) == ("ready", "0:10")

    page.locator(".hipcontent-clock-panel").click()
    page.keyboard.press("Shift+Equal")  # +30 s while ready...
    assert read(page)["digits"] == "0:40"
    page.get_by_role("button", name="Reset", exact=True).click()  # ...and Reset forgets it
    assert read(page)["digits"] == "0:10"

    page.locator(".hipcontent-clock-panel").click()
    page.keyboard.press("ArrowRight")  # skipping while stopped stays stopped
    assert (read(page)["state"], read(page)["index"]) == ("paused", 1)
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    assert read(page)["state"] == "finished" and read(page)["digits"] == "0:00"
    page.keyboard.press("ArrowLeft")  # from the end: the last phase, paused
    assert (read(page)["state"], read(page)["index"], read(page)["digits"]) == ("paused", 3, "0:30")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")  # never before the first phase
    assert (read(page)["index"], read(page)["digits"]) == (0, "0:10")
    page.keyboard.press("Space")
    page.clock.run_for(81_000)
    assert read(page)["state"] == "finished"
    page.keyboard.press("Space")  # start again from the top
    assert (read(page)["state"], read(page)["index"], read(page)["digits"]) == ("running", 0, "0:10")
    assert errors == []


def test_the_browser_clock_agrees_with_the_kernel_engine(player):
    """One clock for the course: the page's Clock and TimerEngine read the same program alike."""
    from hipcontent.timing.timers import TimerEngine

    page = player[0]
    now = [0.0]
    engine = TimerEngine(PROGRAM, clock=lambda: now[0])
    engine.start()
    page.keyboard.press("Space")
    for step in (0.25, 4.5, 5.25, 9.999, 0.002, 17, 30.5, 13.0, 0.75):
        page.clock.run_for(round(step * 1000))
        now[0] += round(step * 1000) / 1000
        shown = page.evaluate("""() => { const s = window.hipcontentPlayer.controller.clock.snapshot();
          return [s.state, s.index, s.phaseRemaining, s.totalRemaining]; }""")
        expected = engine.snapshot()
        assert shown[:2] == [expected["state"], expected["phase_index"]], f"at {now[0]:.3f} s"
        assert shown[2] == pytest.approx(expected["phase_remaining"], abs=1e-6)
        assert shown[3] == pytest.approx(expected["total_remaining"], abs=1e-6)


def test_the_wake_lock_comes_back_when_the_tab_is_shown_again(player):
    page = player[0]
    page.keyboard.press("Space")
    page.clock.run_for(100)
    assert page.evaluate("window.__calls.wake") == ["screen"]
    page.evaluate("window.__hide()")  # another tab, or the phone's screen turned off
    page.clock.run_for(5000)
    page.evaluate("window.__show()")
    page.clock.run_for(100)
    assert page.evaluate("window.__calls.wake") == ["screen", "screen"], "asked again on return"
    page.keyboard.press("Space")  # paused: let it go, and do not ask again on return
    page.clock.run_for(100)
    page.evaluate("window.__hide(); window.__show()")
    page.clock.run_for(100)
    assert page.evaluate("window.__calls.wake") == ["screen", "screen"]
    assert read(page)["elapsed"] == pytest.approx(5.2, abs=1e-6), "hidden time counts: the clock is timestamps"

"""A whole class in the stand-alone player, in Chromium under Playwright's clock (issue 17 items 2, 3, 7;
issue 21 item 6): a drawing in every exercise phase, paced reps counted at the right times, long words
wrapped on a phone, and still nothing requested outside the file."""

from __future__ import annotations

import dataclasses

import pytest

from hipcontent.content.exercises import load_library
from hipcontent.printing.player import save_player
from hipcontent.timing import timers

pytestmark = pytest.mark.browser

START = 1_767_225_600_000
STUBS = """
window.__spoken = [];
Object.defineProperty(window, "speechSynthesis", {configurable: true, value: {
  speak(u) { window.__spoken.push([performance.now(), u.text]); }, cancel() {},
  getVoices() { return [{name: "Test voice"}]; }, addEventListener() {}, removeEventListener() {}}});
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
"""


def a_class():
    """H4's 30-minute ready class when it is there; else a plan of several exercises with rests."""
    try:
        from hipcontent import ready_class

        return ready_class(30)
    except ImportError:
        from hipcontent.coaching.session import plan_session

        ids = ["march-on-the-spot", "psoas-march", "deep-lunge-side-bend-stretch", "supine-toe-tap"]
        return plan_session(ids, rest_between=20, title="A class")


def open_player(chromium, path, viewport=(1280, 800), touch=False):
    context = chromium.new_context(viewport={"width": viewport[0], "height": viewport[1]}, has_touch=touch,
                                   is_mobile=touch)
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.route("**/*", lambda route: route.abort() if not route.request.url.startswith("file:") else route.continue_())
    page.add_init_script(STUBS)
    page.clock.install(time=START)
    page.clock.pause_at(START + 1000)
    page.goto(path.as_uri())
    page.locator(".hipcontent-clock").wait_for()
    return context, page, requests, errors


SHOWN = """() => { const root = document.querySelector('.hipcontent-clock');
  const figure = root.querySelector('.hipcontent-clock-picture');
  const svg = figure.querySelector('svg[role=img]');
  const box = svg ? svg.getBoundingClientRect() : null;
  return {index: Number(root.dataset.index), kind: root.dataset.kind, hidden: figure.hidden,
          exercise: figure.dataset.exercise, caption: figure.querySelector('figcaption').textContent,
          height: box ? box.height : 0, paths: svg ? svg.querySelectorAll('path').length : 0,
          scripts: document.querySelectorAll('svg script, svg foreignObject, svg style').length}; }"""


def test_every_exercise_phase_of_a_class_shows_its_drawing(chromium, tmp_path):
    plan = a_class()
    program = list(plan.program)
    path = plan.save_player(tmp_path / "class.html").path
    context, page, requests, errors = open_player(chromium, path, viewport=(1920, 1080))
    try:
        page.evaluate("window.hipcontentPlayer.controller.start()")
        for index, phase in enumerate(program):
            shown = page.evaluate(SHOWN)
            assert shown["index"] == index
            upcoming = next((p for p in program[index:] if p.exercise_id), None)
            if phase.exercise_id and phase.kind not in ("rest", "prep"):
                assert not shown["hidden"] and shown["exercise"] == phase.exercise_id, (index, phase, shown)
                assert shown["caption"] == phase.exercise
            elif upcoming is not None:  # get-ready and rests: the exercise that comes next
                assert shown["exercise"] == upcoming.exercise_id and shown["caption"].startswith("Next: "), shown
            if not shown["hidden"]:
                assert shown["paths"] > 0 and shown["height"] >= 200, "a drawing the back row can see"
                assert shown["scripts"] == 0
            page.clock.run_for(int(phase.seconds * 1000))
        assert page.evaluate("document.querySelector('.hipcontent-clock').dataset.state") == "finished"
        assert errors == []
        assert requests == [path.as_uri()], f"the player must load nothing else: {requests}"
    finally:
        context.close()


def paced_march():
    """The psoas march at 4 reps per side with a 2 s + 2 s tempo, sides named in its own words."""
    march = load_library()["psoas-march"]
    preset = dataclasses.replace(march.default_preset, tempo=(("Push away", 2.0), ("Bring back", 2.0)))
    return dataclasses.replace(march, dosage=(preset,) + tuple(d for d in march.dosage if d is not march.default_preset))


def test_a_paced_preset_counts_each_rep_from_its_tempo(chromium, tmp_path):
    exercise = paced_march()
    program = timers.exercise_program(exercise)
    work = next(p for p in program if p.reps)
    prep = sum(p.seconds for p in program[: program.index(work)])
    path = save_player(exercise, tmp_path / "paced.html").path
    context, page, requests, errors = open_player(chromium, path)
    reps = page.locator(".hipcontent-clock-reps")
    try:
        page.keyboard.press("Space")
        assert reps.is_hidden()  # get-ready: no count
        page.clock.run_for(int(prep * 1000))
        assert reps.inner_text() == f"Rep 1 of {work.reps} · PUSH AWAY"
        page.clock.run_for(2000)
        assert reps.inner_text() == f"Rep 1 of {work.reps} · BRING BACK"
        page.clock.run_for(2000 * 5)  # 12 s into the set: rep 4 begins
        assert reps.inner_text() == f"Rep 4 of {work.reps} · PUSH AWAY"
        page.clock.run_for(2000)
        assert reps.inner_text() == f"Rep 4 of {work.reps} · BRING BACK"
        cues = page.evaluate("window.hipcontentPlayer.controller.cueLog.map(c => [c.cue, c.words, c.at])")
        paced = [(cue, words, round((at - cues[0][2]) / 1000)) for cue, words, at in cues if cue in ("count", "tempo")]
        assert paced[:8] == [
            ("count", "1, push away", prep), ("tempo", "bring back", prep + 2),
            ("count", "2, push away", prep + 4), ("tempo", "bring back", prep + 6),
            ("count", "3, push away", prep + 8), ("tempo", "bring back", prep + 10),
            ("count", "4, push away", prep + 12), ("tempo", "bring back", prep + 14),
        ]
        in_set = [cue for cue, _, at in cues if (at - cues[0][2]) / 1000 >= prep - 1e-6]
        assert "beep" not in in_set, "a paced set counts reps, not 3-2-1"
        assert errors == [] and requests == [path.as_uri()]
    finally:
        context.close()


def test_long_words_in_a_step_wrap_on_a_phone(chromium, tmp_path):
    march = load_library()["psoas-march"]
    long_word = "Hip" + "flexor" * 60
    link = "https://example.org/" + "a" * 300
    variant = dataclasses.replace(march, id="coach-march", steps=(long_word, link), cues=(long_word,),
                                  builtin=False)
    path = save_player(variant, tmp_path / "long.html").path
    context, page, _, errors = open_player(chromium, path, viewport=(390, 844), touch=True)
    try:
        page.keyboard.press("Space")
        page.clock.run_for(12_000)
        width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width[0] <= width[1] == 390, f"the page scrolls sideways: {width}"
        bar = page.evaluate("""() => [...document.querySelectorAll('.hipcontent-clock-button')]
          .filter(b => !b.hidden).map(b => { const r = b.getBoundingClientRect(); return [r.top, r.height, r.width]; })""")
        assert len({round(top) for top, _, _ in bar}) == 1, "the controls are one bar"
        assert all(height >= 44 and w >= 40 for _, height, w in bar), f"large touch targets: {bar}"
        assert page.locator(".hipcontent-clock-keys").is_hidden(), "no key hints on a touch screen"
        assert page.get_by_role("button", name="Skip").is_visible()
        assert errors == []
    finally:
        context.close()

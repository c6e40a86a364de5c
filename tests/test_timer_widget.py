"""Timer widgets without a browser: press buttons through the widget API, move a fake clock, tick."""

from __future__ import annotations

import asyncio
import re

import pytest

from typed_exercises import COACH_NAME, coach_library, exercise, preset

from hipcontent.content.exercises import load_library
from hipcontent.timing.program import Phase
from hipcontent.timing.sound import cue_wav
from hipcontent.widgets import timer as timer_widget
from hipcontent.widgets.timer import ExerciseTimer, session_timer


class FakeClock:
    def __init__(self):
        self.now = 50.0

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


TOE_TAP = exercise("toe-tap", "Toe tap", preset("short", 6, prep=10), preset("long", 30, prep=10))
MARCH = exercise("march", "March", preset("easy", 5))


def digits(timer):
    return re.search(r'class="hipcontent-timer-digits"[^>]*>([^<]*)<', timer.display_html.value).group(1)


def made(clock=None, **options):
    clock = clock or FakeClock()
    return ExerciseTimer.alternating(30, clock=clock, **options), clock


@pytest.fixture(autouse=True)
def _close_widgets():
    yield
    for task in list(timer_widget._LIVE_TASKS):
        task.cancel()


def test_reprs_are_short_and_deterministic():
    assert repr(ExerciseTimer.countdown(30)) == "Timer: Countdown 0:30 — 1 phase, 0:30 total"
    assert repr(ExerciseTimer.intervals(40, 20, 3)) == "Timer: Intervals: 3 × 0:40 work, 0:20 rest — 5 phases, 2:40 total"
    assert repr(ExerciseTimer.alternating(30)) == "Timer: Alternating holds: 0:30 per side — 3 phases, 1:10 total"
    assert repr(ExerciseTimer.for_exercise(TOE_TAP)) == "Timer: Toe tap — 2 phases, 0:16 total"
    assert repr(ExerciseTimer.for_exercise(TOE_TAP, "long")) == "Timer: Toe tap (long) — 2 phases, 0:40 total"
    assert repr(session_timer([TOE_TAP, MARCH])) == "Timer: Session: 2 exercises — 4 phases, 0:51 total"
    assert repr(ExerciseTimer([Phase("work", 5, exercise="Plank")])) == "Timer: Plank — 1 phase, 0:05 total"
    assert repr(ExerciseTimer([Phase("work", 5)], title="Mine", size="compact")) == "Timer: Mine — 1 phase, 0:05 total"


def test_buttons_start_pause_resume_skip_reset():
    timer, clock = made()
    assert digits(timer) == "0:30" and timer.start_button.description == "Start"
    assert "HOLD — RIGHT leg" in timer.display_html.value and "Press Start" in timer.display_html.value
    timer.start_button.click()
    assert timer.start_button.description == "Pause" and timer.engine.running
    clock.advance(12.3)
    timer.tick()
    assert digits(timer) == "0:18"
    assert timer.progress.value == pytest.approx(12.3 / 30)
    assert "Next: SWITCH SIDES — LEFT leg 0:10 · Total left 0:58 · Phase 1 of 3" in timer.info_html.value
    timer.start_button.click()  # pause
    assert timer.start_button.description == "Resume" and "PAUSED" in timer.display_html.value
    assert "Paused. RIGHT leg. Hold, 30 seconds." in timer.status_html.value
    clock.advance(100)
    timer.tick()
    assert digits(timer) == "0:18"
    timer.start_button.click()  # resume
    clock.advance(1)
    timer.tick()
    assert digits(timer) == "0:17"
    timer.skip_button.click()
    assert "SWITCH SIDES — LEFT leg" in timer.display_html.value and digits(timer) == "0:10"
    timer.reset_button.click()
    assert digits(timer) == "0:30" and timer.start_button.description == "Start" and timer.engine.state == "ready"


def test_finish_then_start_again():
    timer, clock = made()
    timer.start_button.click()
    clock.advance(71)
    timer.tick()
    assert "DONE" in timer.display_html.value and digits(timer) == "0:00"
    assert timer.start_button.description == "Start again" and timer.progress.value == 1.0
    assert "Finished" in timer.status_html.value
    timer.start_button.click()
    assert timer.engine.running and digits(timer) == "0:30"


def test_cues_phase_changes_and_last_three_seconds():
    timer, clock = made()
    timer.start_button.click()
    assert list(timer.cues_played) == ["hold"]
    for _ in range(40):  # one redraw a second through the whole first hold and the switch
        clock.advance(1)
        timer.tick()
    assert list(timer.cues_played) == ["hold", "beep", "beep", "beep", "switch", "beep", "beep", "beep", "hold"]
    clock.advance(60)
    timer.tick()
    assert timer.cues_played[-1] == "done"


def test_no_countdown_beeps_in_short_phases():
    clock = FakeClock()
    timer = ExerciseTimer([Phase("work", 5), Phase("rest", 5)], clock=clock)
    timer.start_button.click()
    for _ in range(6):
        clock.advance(1)
        timer.tick()
    assert list(timer.cues_played) == ["work", "rest"]


def test_sound_only_after_a_click_and_never_when_muted():
    timer, clock = made()
    silent = timer.audio.value
    assert silent == cue_wav("silence")
    timer.skip_button.click()  # no Start yet: the browser would block sound, so none is sent
    timer.reset_button.click()
    assert timer.audio.value == silent
    timer.start_button.click()
    assert timer.audio.value in (cue_wav("hold", 0), cue_wav("hold", 1))
    first = timer.audio.value
    clock.advance(27.5)
    timer.tick()
    clock.advance(1)
    timer.tick()
    assert timer.audio.value != first  # each cue changes the data, so the player plays again
    timer.sound_button.value = False
    assert timer.sound_button.description == "Sound off" and timer.sound_button.icon == "volume-off"
    muted = timer.audio.value
    clock.advance(1)
    timer.tick()
    assert timer.cues_played[-1] == "beep" and timer.audio.value == muted


def test_repeated_beeps_alternate_their_data():
    assert cue_wav("beep", 0) != cue_wav("beep", 1)
    with pytest.raises(ValueError, match="cue must be one of"):
        cue_wav("klaxon")
    for variant in (2, -1, True, "1"):
        with pytest.raises(ValueError, match="variant must be 0 or 1"):
            cue_wav("beep", variant)


def test_phase_is_never_shown_by_colour_alone():
    for kind, (word, icon, background, colour) in timer_widget.PHASE_LOOK.items():
        if kind == "done":
            continue
        timer = ExerciseTimer([Phase(kind, 12, side="left")], clock=FakeClock())
        html = timer.display_html.value
        assert word in html and icon in html and background in html and "LEFT leg" in html


def test_text_from_data_is_escaped():
    timer = ExerciseTimer([Phase("work", 5, exercise="<b>Tap</b>", cue="a & b")], clock=FakeClock())
    for html in (timer.heading.value, timer.display_html.value):
        assert "<b>Tap</b>" not in html
    assert "&lt;b&gt;Tap&lt;/b&gt;" in timer.heading.value


def test_keyboard_reachable_buttons_with_tooltips():
    timer, _ = made()
    for button in (timer.start_button, timer.reset_button, timer.skip_button, timer.sound_button):
        assert button.description and button.tooltip
    assert "hipcontent-timer" in timer._dom_classes and "hipcontent-timer-projector" in timer._dom_classes
    assert 'role="timer"' in timer.display_html.value and 'role="status"' in timer.status_html.value


@pytest.mark.parametrize(
    ("options", "message"),
    [({"size": "huge"}, "^size must"), ({"title": 5}, "^title must"), ({"side_word": None}, "^side_word must"),
     ({"title": "t" * 501}, "^title must be at most 500 characters"), ({"side_word": "w" * 41}, "^side_word must")],
)
def test_bad_view_options(options, message):
    with pytest.raises(ValueError, match=message):
        ExerciseTimer([Phase("work", 5)], **options)


def test_bad_program_reaches_the_engine_error():
    with pytest.raises(ValueError, match="program is empty"):
        ExerciseTimer([])
    with pytest.raises(ValueError, match="^seconds must"):
        ExerciseTimer.countdown(float("nan"))


def test_schedule_of_a_timer():
    assert session_timer([TOE_TAP, MARCH], rest_between=15).schedule().text.splitlines()[0] == (
        "Timer schedule: 4 phases, 0:36 in all"
    )


# --- exercises: the library's own objects, or ids in the library the coach loaded -------------------


def test_a_coachs_override_is_timed_not_the_builtin(tmp_path):
    """The reported bug: after load_library([folder], override=True) the built-in exercise came back."""
    library = coach_library(tmp_path / "coach")
    coach = library["supine-toe-tap"]
    for timer in (ExerciseTimer.for_exercise("supine-toe-tap", library=library),
                  ExerciseTimer.for_exercise(coach),
                  session_timer(["supine-toe-tap"], library=library)):
        assert timer.engine.program == tuple(coach.timer_program())
        assert {p.exercise for p in timer.engine.program} == {COACH_NAME}
        assert 45 in [p.seconds for p in timer.engine.program]
    assert ExerciseTimer.for_exercise("supine-toe-tap", "coach-only", library=library).title == f"{COACH_NAME} (coach-only)"
    builtin = ExerciseTimer.for_exercise("supine-toe-tap")  # without the library: the built-in one, as asked
    assert builtin.engine.program == tuple(load_library()["supine-toe-tap"].timer_program())


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: ExerciseTimer.for_exercise(42), "^exercise must be an Exercise or an exercise id"),
        (lambda: ExerciseTimer.for_exercise("toe tap"), "^no exercise 'toe tap' in the (built-in )?library"),
        (lambda: ExerciseTimer.for_exercise("supine-toe-tp"), "did you mean 'supine-toe-tap'"),
        (lambda: ExerciseTimer.for_exercise(TOE_TAP, "medium"), "has no dosage preset 'medium'"),
        (lambda: ExerciseTimer.for_exercise("psoas-march", library={"psoas-march": MARCH}), "^library must be"),
        (lambda: session_timer([TOE_TAP, "nope"]), "^no exercise 'nope'"),
    ],
)
def test_exercises_that_are_not_the_librarys_are_refused(call, message):
    with pytest.raises(ValueError, match=message):
        call()


# --- the ticking task ------------------------------------------------------------------------------


def test_ticking_task_runs_to_the_end_on_the_event_loop():
    async def scenario():
        timer = ExerciseTimer.countdown(1)
        timer.start_button.click()
        assert timer.ticking and timer._task in timer_widget._LIVE_TASKS
        await asyncio.wait_for(timer._task, timeout=10)
        return timer

    timer = asyncio.run(scenario())
    assert timer.engine.finished and digits(timer) == "0:00" and "DONE" in timer.display_html.value
    assert not timer.ticking and not timer_widget._LIVE_TASKS


def test_pause_reset_and_close_stop_the_task():
    async def scenario():
        timer = ExerciseTimer.countdown(30)
        actions = {"pause": timer.start_button.click, "reset": timer.reset_button.click, "close": timer.close}
        for name, action in actions.items():
            if not timer.engine.running:
                timer.start_button.click()
            task = timer._task
            action()
            await asyncio.sleep(0.01)
            assert task.cancelled(), name
            assert task not in timer_widget._LIVE_TASKS

    asyncio.run(scenario())


def test_ten_timers_tick_independently():
    async def scenario():
        timers = [ExerciseTimer.countdown(1 + 0.05 * i) for i in range(10)]
        for timer in timers:
            timer.start_button.click()
        timers[0].start_button.click()  # pause the first one only
        await asyncio.wait_for(asyncio.gather(*(t._task for t in timers[1:])), timeout=10)
        return timers

    timers = asyncio.run(scenario())
    assert timers[0].engine.state == "paused"
    assert all(t.engine.finished for t in timers[1:])


def test_a_click_on_another_thread_hands_the_task_to_the_main_loop():
    """ipykernel 7 may run widget callbacks on a subshell thread; the task still lives on the main loop."""

    async def scenario():
        timer = ExerciseTimer.countdown(1)
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, timer.start_button.click)
        for _ in range(100):
            if timer._task is not None:
                break
            await asyncio.sleep(0.01)
        assert timer._task.get_loop() is loop
        await asyncio.wait_for(timer._task, timeout=10)
        return timer

    assert asyncio.run(scenario()).engine.finished


def test_rerunning_a_cell_closes_the_timers_it_made_before(monkeypatch):
    execution = {"now": ("cell-1", "run-1")}
    monkeypatch.setattr(timer_widget.CELLS, "execution", lambda: execution["now"])
    monkeypatch.setattr(timer_widget.CELLS, "by_cell", {})
    first, second = ExerciseTimer.countdown(30), ExerciseTimer.countdown(30)  # two timers, one cell
    execution["now"] = ("cell-2", "run-2")
    other = ExerciseTimer.countdown(30)
    execution["now"] = ("cell-1", "run-3")  # cell 1 runs again
    closed = []
    for timer in (first, second, other):
        monkeypatch.setattr(timer, "close", lambda timer=timer: closed.append(timer))
    ExerciseTimer.countdown(30)
    assert closed == [first, second]


def test_close_closes_every_part():
    timer, _ = made()
    parts = timer._all_parts()
    timer.close()
    assert timer.comm is None and all(part.comm is None for part in parts)


# --- the real exercise library (issue #5) --------------------------------------------------------

COURSE_EXERCISES = ["supine-toe-tap", "psoas-march", "deep-lunge-side-bend-stretch"]


@pytest.mark.parametrize("exercise_id", COURSE_EXERCISES)
def test_course_exercises_play_their_own_dosage(exercise_id):
    from hipcontent.content.exercises import load_library

    exercise = load_library()[exercise_id]
    timer = ExerciseTimer.for_exercise(exercise_id)
    assert timer.engine.program == tuple(exercise.timer_program())
    assert timer.title == exercise.name and exercise.name in timer.heading.value


def test_the_lunge_stretch_names_each_side_in_words():
    timer = ExerciseTimer.for_exercise("deep-lunge-side-bend-stretch", clock=FakeClock())
    shown = set()
    for _ in timer.engine.program:
        shown.add(re.search(r"</span> ([^<]*)</div>", timer.display_html.value).group(1))
        timer.skip_button.click()
    assert {"HOLD — RIGHT side", "HOLD — LEFT side", "SWITCH SIDES — LEFT side"} <= shown


def test_whole_session_from_library_ids():
    from hipcontent.content.exercises import load_library

    library = load_library()
    timer = session_timer(COURSE_EXERCISES, rest_between=30)
    expected = sum(sum(p.seconds for p in library[i].timer_program()) for i in COURSE_EXERCISES) + 2 * 30
    assert timer.engine.total == pytest.approx(expected)
    assert {p.exercise for p in timer.engine.program} == {library[i].name for i in COURSE_EXERCISES} | {""}
    assert library["supine-toe-tap"].name in timer.display_html.value  # a session names the exercise in the panel


def test_stop_all_timers_cancels_every_ticking_task():
    async def scenario():
        timers = [ExerciseTimer.countdown(30) for _ in range(3)]
        for timer in timers:
            timer.start_button.click()
        timer_widget.stop_all_timers()
        await asyncio.sleep(0.01)
        return timers

    timers = asyncio.run(scenario())
    assert not any(timer.ticking for timer in timers) and not timer_widget._LIVE_TASKS


def test_public_names_are_exported_lazily():
    import hipcontent

    for name in ("TimerEngine", "countdown", "intervals", "alternating", "exercise_program", "session_program",
                 "ExerciseTimer", "session_timer", "stop_all_timers"):
        assert getattr(hipcontent, name) is not None and name in hipcontent.__all__


def test_an_unrun_lesson_shows_how_to_bring_the_timer_to_life():
    timer = ExerciseTimer.countdown(30, title="Plank")
    try:
        bundle = timer._repr_mimebundle_()
        text = (bundle[0] if isinstance(bundle, tuple) else bundle)["text/plain"]
        assert text == '▶ The timer "Plank" needs Python: click this cell and press Shift+Enter (or Run ▸ Run All Cells).'
    finally:
        timer.close()

"""Hostile input to the class screen (issue 21): the browser timer, the player and the timer builders.

1. Identity is the id: a coach's variant with a built-in's name never shows the built-in's details.
3. Unbounded work: any iterable program or exercise list is read once, lazily, up to timing's bounds.
4. Unhelpful errors: absurd or wrong-typed values get a message naming the argument.
5. Trusting stored state: what the browser reports back is checked (the browser's own check of saved
   state runs under node: tests/js/clock_rules.test.mjs).
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import re
import time

import pytest

from hipcontent.content.exercises import load_library
from hipcontent.printing.player import player_html, save_player
from hipcontent.timing import timers
from hipcontent.timing.payload import timer_payload
from hipcontent.timing.program import MAX_PROGRAM_PHASES, Phase
from hipcontent.widgets.clock import BrowserTimer

ONE = Phase("work", 10, cue="Go", exercise="Psoas march", exercise_id="psoas-march")


@pytest.fixture(scope="module")
def library():
    return load_library()


def payload_of(html: str) -> dict:
    block = re.search(r'<script type="application/json" id="hipcontent-program">(.*?)</script>', html, re.S)
    return json.loads(block.group(1))


# --- 1. identity is the id ------------------------------------------------------------------------


def test_a_coach_variant_with_a_builtin_name_shows_its_own_steps(library):
    builtin = library["psoas-march"]
    variant = dataclasses.replace(builtin, id="coach-psoas-march", steps=("Coach step one.", "Coach step two."),
                                  cues=("Coach cue.",), builtin=False)
    assert variant.name == builtin.name
    program = timers.exercise_program(builtin) + timers.exercise_program(variant)
    data = timer_payload(program, exercises=[builtin, variant])
    assert {p["exercise_id"] for p in data["phases"]} == {"psoas-march", "coach-psoas-march"}
    assert data["exercises"]["coach-psoas-march"]["steps"] == ["Coach step one.", "Coach step two."]
    assert data["exercises"]["psoas-march"]["steps"] == list(builtin.steps)
    # the player and the widget the same way
    player = payload_of(player_html(program, exercises=[variant, builtin]))
    assert player["exercises"]["coach-psoas-march"]["cues"] == ["Coach cue."]
    widget = json.loads(BrowserTimer(program, exercises={"psoas-march": builtin, "coach-psoas-march": variant}).payload)
    assert widget["exercises"]["coach-psoas-march"]["steps"][0] == "Coach step one."


def test_an_old_name_keyed_mapping_is_filed_by_the_id_each_entry_carries(library):
    from hipcontent.widgets.clock import exercise_details

    builtin = library["psoas-march"]
    variant = dataclasses.replace(builtin, id="coach-psoas-march", steps=("Coach step.",), builtin=False)
    program = timers.exercise_program(variant)  # only the coach's variant plays
    # The same display name as the key, twice over: the last one would win if the name were the identity.
    data = timer_payload(program, exercises={builtin.name: exercise_details(variant)})
    assert list(data["exercises"]) == ["coach-psoas-march"]
    data = timer_payload(program, exercises={builtin.name: exercise_details(builtin)})
    assert data["exercises"] == {}, "the built-in's details are never shown for the coach's exercise"


def test_the_timer_for_a_coach_exercise_looks_it_up_in_the_coach_library(library):
    builtin = library["supine-toe-tap"]
    variant = dataclasses.replace(builtin, id="my-toe-tap", steps=("Mine.",), builtin=False)
    timer = BrowserTimer.for_exercise(variant)
    data = json.loads(timer.payload)
    assert {p["exercise_id"] for p in data["phases"]} == {"my-toe-tap"}
    assert data["exercises"]["my-toe-tap"]["steps"] == ["Mine."]


# --- 3. unbounded work -------------------------------------------------------------------------------


@pytest.mark.parametrize("endless", [
    lambda: itertools.repeat(ONE),
    lambda: itertools.cycle([ONE, Phase("rest", 5)]),
    lambda: (ONE for _ in itertools.count()),
])
def test_an_endless_program_is_refused_at_timings_bound_quickly(endless):
    for make in (BrowserTimer, lambda program: save_player(program, "unused.html")):
        started = time.perf_counter()
        with pytest.raises(ValueError, match=f"more than {MAX_PROGRAM_PHASES} phases"):
            make(endless())
        assert time.perf_counter() - started < 5  # read up to the bound, not until memory runs out


def test_a_one_shot_program_is_read_once(tmp_path):
    timer = BrowserTimer(phase for phase in [ONE, Phase("rest", 5)])  # a generator: read once, kept
    assert len(timer.program) == 2 and len(json.loads(timer.payload)["phases"]) == 2
    saved = save_player((phase for phase in [ONE]), tmp_path / "once.html")
    assert saved.phases == 1


@pytest.mark.parametrize("program, words", [
    ([Phase("work", 3600)] * 5, "at most 4 hours"),
    ([Phase("work", 1)] * (MAX_PROGRAM_PHASES + 1), "more than"),
])
def test_a_program_the_timer_cannot_show_is_refused_with_the_reason(program, words, tmp_path):
    with pytest.raises(ValueError, match=words):
        BrowserTimer(program)
    with pytest.raises(ValueError, match=words):
        save_player(program, tmp_path / "long.html")


def test_an_endless_exercise_list_is_bounded(library):
    exercise = library["psoas-march"]
    with pytest.raises(ValueError, match="at most 1000 exercises"):
        BrowserTimer(timers.exercise_program(exercise), exercises=itertools.repeat(exercise))
    with pytest.raises(ValueError, match="at most 1000 exercises"):
        BrowserTimer.for_session(itertools.repeat("psoas-march"))


# --- 4. errors that name the argument ----------------------------------------------------------------


@pytest.mark.parametrize("make, words", [
    (lambda: timers.countdown(10**400), "seconds must be from 1 to 3600"),
    (lambda: BrowserTimer.countdown(10**400), "seconds must be from 1 to 3600"),
    (lambda: BrowserTimer.countdown(-(10**400)), "seconds"),
    (lambda: BrowserTimer.countdown("30"), "seconds must be a number"),
    (lambda: BrowserTimer.countdown(float("nan")), "seconds must be a finite number"),
    (lambda: BrowserTimer.countdown(30, cue=b"go"), "cue must be text"),
    (lambda: BrowserTimer.countdown(30, cue="\ud800"), "cue holds a broken character"),
    (lambda: timers.countdown(30, kind=["work"]), "kind must be one of"),
    (lambda: BrowserTimer.intervals(40, 20, 10**400), "rounds must be from 1 to 100"),
    (lambda: BrowserTimer.alternating(30, sides=["right"] * 10**4), "sides may list at most"),
    (lambda: BrowserTimer([ONE], title="\udfff"), "title holds a broken character"),
    (lambda: BrowserTimer([ONE], size=["projector"]), "size must be 'projector' or 'compact'"),
    (lambda: BrowserTimer([ONE], side_word=None), "side_word must be text"),
    (lambda: BrowserTimer([ONE], exercises=42), "exercises must be a list of Exercise objects"),
    (lambda: BrowserTimer([ONE], exercises=["psoas-march"]), r"exercises\[0\] must be an Exercise"),
    (lambda: BrowserTimer([ONE], exercises={"psoas-march": 5}), r"exercises\['psoas-march'\] must be an Exercise"),
    (lambda: BrowserTimer([ONE], exercises={"psoas-march": {"steps": "one long step"}}), "steps"),
    (lambda: BrowserTimer([ONE], exercises={"psoas-march": {"steps": ["\ud800"]}}), "broken character"),
    (lambda: save_player([ONE], "x.html", exercises={"psoas-march": {"picture": "<script>"}}), "picture"),
    (lambda: save_player([ONE], "x.html", overwrite="no"), "overwrite must be True or False"),
    (lambda: Phase("work", 10, reps=-1), "reps must be from 0"),
    (lambda: Phase("work", 10, reps=3.5), "reps must be a whole number"),
    (lambda: Phase("work", 10, reps=4, tempo=[("Lower", 0)]), r"tempo\[0\] seconds"),
    (lambda: Phase("work", 10, reps=4, tempo="lower"), "tempo must be a list"),
    (lambda: Phase("work", 10, tempo=[("Lower", 2)]), "must count its reps"),
])
def test_absurd_and_wrong_typed_values_get_a_message_naming_the_argument(make, words, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError, match=words) as caught:
        make()
    assert len(str(caught.value)) < 400, "the message stays readable (no 400-digit number)"
    assert list(tmp_path.iterdir()) == []


# --- 5. what the browser reports back ------------------------------------------------------------------


def test_damaged_state_from_the_browser_never_reads_as_nan_or_past_the_program():
    timer = BrowserTimer.countdown(20)
    timer.remaining, timer.elapsed = float("nan"), float("inf")
    timer.phase_index, timer.state = 10**6, "exploded"
    assert (timer.remaining, timer.elapsed, timer.phase_index, timer.state) == (0.0, 0.0, 1, "ready")
    timer.remaining = -5
    assert timer.remaining == 0.0

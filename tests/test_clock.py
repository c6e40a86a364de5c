"""The browser timer's Python side and the stand-alone player file, without a browser.

What the browser does with them (counting, keys, speech, no network) is tested in
tests/browser/test_clock_player.py and test_clock_lab.py.
"""

from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from hipcontent.content.exercises import load_library
from hipcontent.printing import player
from hipcontent.printing.player import CSP, player_html, save_player
from hipcontent.timing.program import Phase
from hipcontent.timing.sound import CUES
from hipcontent.widgets import clock
from hipcontent.widgets.clock import BrowserTimer, phase_record, timer_payload
from hipcontent.timing.payload import PHASE_LOOK

PROGRAM = [
    Phase("prep", 10, cue="Lie on your back", exercise="Test march", label="Set 1 of 2"),
    Phase("hold", 30, side="right", cue="Hold", exercise="Test march", label="Set 1 of 2"),
    Phase("switch", 10, side="left", cue="Switch to the left side"),
    Phase("rest", 20.5, cue="Rest"),
]
SVG_NAMESPACE, XLINK_NAMESPACE = "http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"
NASTY = "</script><script>alert(1)</script> <!-- & \u2028 ünïcode \"quotes\""


@pytest.fixture(scope="module")
def library():
    return load_library()


class Blocks(HTMLParser):
    """Collects each <script> and <style> block's type and text, and every attribute."""

    def __init__(self):
        super().__init__()
        self.scripts, self.styles, self.attributes, self._open = [], [], [], None

    def handle_starttag(self, tag, attrs):
        self.attributes.extend(attrs)
        if tag in ("script", "style"):
            self._open = (tag, dict(attrs), [])

    def handle_data(self, data):
        if self._open:
            self._open[2].append(data)

    def handle_endtag(self, tag):
        if self._open and tag == self._open[0]:
            kind, attrs, text = self._open
            (self.scripts if kind == "script" else self.styles).append((attrs, "".join(text)))
            self._open = None


def parse(html: str) -> Blocks:
    blocks = Blocks()
    blocks.feed(html)
    return blocks


# --- the program and settings sent to the browser ------------------------------------------------


def test_each_phase_is_sent_with_every_field():
    assert phase_record(PROGRAM[1]) == {
        "kind": "hold", "seconds": 30.0, "side": "right", "cue": "Hold", "exercise": "Test march",
        "label": "Set 1 of 2", "exercise_id": "", "reps": 0, "tempo": [], "side_label": "",
    }
    data = timer_payload(PROGRAM, title="T")
    assert [Phase(**p) for p in data["phases"]] == PROGRAM  # nothing lost on the way
    assert json.loads(json.dumps(data)) == data  # plain JSON


def test_the_browser_gets_the_same_words_symbols_colours_and_tones_as_the_kernel_timer():
    data = timer_payload(PROGRAM)
    assert data["look"] == {kind: list(look) for kind, look in PHASE_LOOK.items()}
    assert data["cues"]["beep"] == [list(note) for note in CUES["beep"]]
    assert data["title"] == "Test march"  # one exercise: its name
    assert timer_payload(PROGRAM, size="compact")["fonts"] != timer_payload(PROGRAM)["fonts"]


@pytest.mark.parametrize(
    "program, options, words",
    [
        ([], {}, "empty"),
        ("work", {}, "list of Phase"),
        ([PROGRAM[0], "hold 30"], {}, "program[1]"),
        (PROGRAM, {"size": "huge"}, "size"),
        (PROGRAM, {"sound": "yes"}, "sound"),
        (PROGRAM, {"voice": 1}, "voice"),
        (PROGRAM, {"title": 7}, "title"),
        (PROGRAM, {"title": "x" * 501}, "title"),
    ],
)
def test_bad_programs_and_settings_are_refused_with_the_reason(program, options, words):
    with pytest.raises(ValueError, match=re.escape(words)):
        BrowserTimer(program, **options)


# --- the widget --------------------------------------------------------------------------------


def test_the_stored_output_is_the_same_on_every_run():
    first, second = BrowserTimer(PROGRAM, title="Warm-up"), BrowserTimer(PROGRAM, title="Warm-up")
    texts = [timer._repr_mimebundle_()[0]["text/plain"] for timer in (first, second)]
    # An unrun lesson shows only this text: it says how to bring the timer to life (issue 20 item 2).
    assert texts[0] == texts[1] == ('▶ The timer "Warm-up" needs Python: click this cell and press '
                                    "Shift+Enter (or Run ▸ Run All Cells).")
    assert repr(first) == "Timer: Warm-up — 4 phases, 1:11 total"
    assert not re.search(r"0x[0-9a-f]+|[0-9a-f]{32}", texts[0])
    assert first._key != second._key  # each model still has its own clock in the browser


def test_the_widget_carries_the_program_and_the_front_end():
    timer = BrowserTimer(PROGRAM, size="compact", sound=False, voice=False)
    data = json.loads(timer.payload)
    assert data["size"] == "compact" and data["sound"] is False and data["voice"] is False
    assert timer.state == "ready" and timer.phase_index == 0 and timer.remaining == 10.0
    assert "export default" in timer._esm and ".hipcontent-clock" in timer._css


def test_kernel_commands_go_to_the_browser(monkeypatch):
    timer = BrowserTimer.countdown(45)
    sent = []
    monkeypatch.setattr(timer, "send", sent.append)
    timer.start(), timer.pause(), timer.skip(), timer.back(), timer.add_time(), timer.reset()
    assert [message["command"] for message in sent] == ["start", "pause", "next", "back", "add", "reset"]
    assert repr(timer) == "Timer: Countdown 0:45 — 1 phase, 0:45 total"


def test_the_timer_lesson_constructors_match_the_kernel_timer():
    from hipcontent.widgets.timer import ExerciseTimer

    for name, args, kwargs in (("countdown", (30,), {}), ("intervals", (40, 20, 3), {}),
                               ("alternating", (30,), {"switch": 10, "rounds": 2})):
        browser, kernel = getattr(BrowserTimer, name)(*args, **kwargs), getattr(ExerciseTimer, name)(*args, **kwargs)
        assert repr(browser) == repr(kernel)
        assert browser.program == kernel.engine.program
        kernel.close()


def test_the_coach_constructors_match_the_kernel_timer(library):
    exercise = next(iter(library))
    one = BrowserTimer.for_exercise(exercise.id, library=library)
    assert one.title == exercise.name
    assert json.loads(one.payload)["exercises"][exercise.id]["steps"] == list(exercise.steps)
    assert json.loads(one.payload)["side_word"] == "side"
    ids = [item.id for item in list(library)[:2]]
    session = BrowserTimer.for_session(ids, 15, library=library)
    assert session.title == "Session: 2 exercises"
    assert set(json.loads(session.payload)["exercises"]) == set(ids)
    with pytest.raises(ValueError, match="no-such-exercise"):
        BrowserTimer.for_exercise("no-such-exercise", library=library)
    with pytest.raises(ValueError, match="list of exercises"):
        BrowserTimer.for_session("psoas-march")


def test_rerunning_a_cell_closes_the_timers_it_made_before(monkeypatch):
    runs = iter([("cell-1", "run-1"), ("cell-1", "run-1"), ("cell-1", "run-2")])
    monkeypatch.setattr(clock.CELLS, "execution", lambda: next(runs))
    monkeypatch.setattr(clock.CELLS, "by_cell", {})
    first, second = BrowserTimer.countdown(10), BrowserTimer.countdown(20)
    assert first.comm is not None and second.comm is not None
    BrowserTimer.countdown(30)  # the same cell, run again
    assert first.comm is None and second.comm is None  # closed: the browser stops their clocks


# --- the player file ----------------------------------------------------------------------------


def test_the_player_is_one_file_that_can_load_nothing(tmp_path):
    path = save_player(PROGRAM, tmp_path / "timer.html", title="Class timer").path
    html = path.read_text(encoding="utf-8")
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in html
    scan = html.replace(SVG_NAMESPACE, "").replace(XLINK_NAMESPACE, "")  # names, never fetched
    scan = re.sub(r"url\(\s*#[\w.:-]+\s*\)", "", scan)  # a drawing's reference to its own part
    assert CSP.startswith("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; media-src data: blob:")
    assert not re.search(r"https?://", scan, re.IGNORECASE)
    assert not re.search(r"""["'(=]\s*//""", scan), "no protocol-relative URL"
    assert not re.search(r"@import|url\(|\bimport\s*\(|\bimport\s+[\w{*]", scan)
    blocks = parse(html)
    assert all("src" not in attrs for attrs, _ in blocks.scripts), "every script is inline"
    assert {name for name, _ in blocks.attributes} & {"src", "href", "srcset", "action", "poster"} == set()
    assert [attrs.get("type") for attrs, _ in blocks.scripts] == ["application/json", "module"]
    assert clock.static_text("clock.js") in blocks.scripts[1][1]  # the widget's own script, unchanged
    assert clock.static_text("clock.css") in blocks.styles[0][1]


def test_text_from_data_cannot_break_out_of_the_page(tmp_path):
    program = [Phase("work", 20, cue=NASTY, exercise=NASTY, label="<b>label</b>")]
    html = save_player(program, tmp_path / "nasty.html", title=NASTY).path.read_text(encoding="utf-8")
    assert html.lower().count("</script") == 2  # the two real ends of the two blocks
    assert "<!--" not in html
    blocks = parse(html)
    data = json.loads(blocks.scripts[0][1])
    assert data["phases"][0]["cue"] == NASTY and data["title"] == NASTY  # escaped, not changed
    assert "<title>&lt;/script&gt;" in html
    assert "innerHTML" not in clock.static_text("clock.js"), "text from data goes in with textContent"


def test_the_player_shows_the_exercise_steps_and_cues(tmp_path, library):
    exercise = next(iter(library))
    html = save_player(exercise, tmp_path / "one.html").path.read_text(encoding="utf-8")
    data = json.loads(parse(html).scripts[0][1])
    assert data["title"] == exercise.name
    shown = data["exercises"][exercise.id]  # identity is the id
    assert {key: shown[key] for key in ("id", "name", "summary", "steps", "cues")} == {
        "id": exercise.id, "name": exercise.name, "summary": exercise.summary, "steps": list(exercise.steps),
        "cues": list(exercise.cues),
    }
    same = json.loads(parse(player_html(exercise.id, library=library)).scripts[0][1])
    assert same == data


def test_a_session_plan_becomes_a_player(tmp_path, library):
    from hipcontent.coaching.session import plan_session

    ids = [item.id for item in list(library)[:2]]
    plan = plan_session(ids, rest_between=20, title="Tuesday", library=library)
    data = json.loads(parse(plan.save_player(tmp_path / "plan.html").path.read_text(encoding="utf-8")).scripts[0][1])
    program = plan.program() if callable(plan.program) else plan.program
    assert [Phase(**p) for p in data["phases"]] == list(program)
    assert data["title"] == "Tuesday: 2 exercises"
    assert set(data["exercises"]) == set(ids)


def test_a_timer_made_in_the_notebook_becomes_the_same_player(tmp_path, library):
    from hipcontent.widgets.timer import ExerciseTimer

    exercise = next(iter(library))
    browser = BrowserTimer.for_exercise(exercise, library=library)
    from_timer = json.loads(parse(player_html(browser)).scripts[0][1])
    from_exercise = json.loads(parse(player_html(exercise)).scripts[0][1])
    assert from_timer == from_exercise
    kernel = ExerciseTimer.alternating(30, title="Holds")
    data = json.loads(parse(player_html(kernel)).scripts[0][1])
    assert data["title"] == "Holds" and [Phase(**p) for p in data["phases"]] == list(kernel.engine.program)
    kernel.close()


@pytest.mark.parametrize(
    "source, path, words",
    [
        (PROGRAM, "timer.txt", "ending in .html"),
        (PROGRAM, "missing/timer.html", "does not exist"),
        (PROGRAM, "folder.html", "is a folder"),
        (42, "timer.html", "needs an Exercise (or its id), a timer, or a list of Phase"),
        ([], "timer.html", "empty"),
    ],
)
def test_bad_player_requests_are_refused(tmp_path, source, path, words):
    (tmp_path / "folder.html").mkdir()
    with pytest.raises(ValueError, match=re.escape(words)):
        save_player(source, tmp_path / path)
    assert [p.name for p in tmp_path.rglob("*.html")] == ["folder.html"]


def test_a_failed_write_leaves_the_old_player_and_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "class.html"
    target.write_text("the old player", encoding="utf-8")

    def broken_replace(source, destination):
        raise OSError("disk full")

    monkeypatch.setattr(player.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        save_player(PROGRAM, target, overwrite=True)
    assert target.read_text(encoding="utf-8") == "the old player"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["class.html"]


def test_a_player_is_replaced_whole(tmp_path):
    target = tmp_path / "class.html"
    target.write_text("the old player", encoding="utf-8")
    with pytest.raises(FileExistsError, match=r"class\.html already exists.*overwrite=True"):
        save_player(PROGRAM, str(target))  # never replaced silently
    assert target.read_text(encoding="utf-8") == "the old player"
    saved = save_player(PROGRAM, str(target), overwrite=True)
    assert repr(saved) == (
        f"Player written: {target.as_posix()} (4 phases, 1:11; opens in any web browser, no internet needed)"
    )
    assert os.fspath(saved) == str(target)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["class.html"]
    assert os.stat(target).st_mode & 0o777 == 0o644


def test_the_front_end_files_ship_with_the_package():
    for name in ("clock.js", "clock.css"):
        assert (Path(clock.__file__).parent / "static" / name).is_file()
    with pytest.raises(ValueError, match="clock.js or clock.css"):
        clock.static_text("../clock.py")

"""The session form as a tool: add, reorder and re-preset exercises; the plan and total follow;
Show the timer, Print the handout and Save the player do what they say, from the form's buttons."""

import json

import pytest
from typed_exercises import COACH_NAME, coach_library, exercise, preset

from hipcontent.coaching.session import plan_session
from hipcontent.timing.timers import format_seconds
from hipcontent.widgets.clock import BrowserTimer
from hipcontent.widgets.session_form import SessionBuilder

TAP = exercise("toe-tap", "Toe tap", preset("short", 30, prep=10), preset("long", 60, prep=10))
MARCH = exercise("march", "March <b>", preset("easy", 20, prep=5, reps=2, rest_reps=15), preset("hard", 45))
STRETCH = exercise("stretch", "Stretch", base="deep-lunge-side-bend-stretch")


def press(builder, action):
    """What a click on one of the form's action buttons sends to the kernel."""
    builder._on_message(builder.form, {"action": action}, [])


@pytest.fixture
def builder(tmp_path):
    made = SessionBuilder([TAP, MARCH, STRETCH], rest_between=45, folder=tmp_path / "my-session")
    yield made
    made.close()


def test_the_form_offers_the_exercises_and_starts_empty(builder):
    assert repr(builder) == "Session builder: 3 exercises to choose from, 0 in the session, rest 45 s between exercises"
    payload = json.loads(builder.form.payload)
    assert [(e["id"], e["name"], e["default"]) for e in payload["exercises"]] == [
        ("toe-tap", "Toe tap", "short"), ("march", "March <b>", "easy"), ("stretch", "Stretch", STRETCH.default_preset.id)
    ]
    assert [p["id"] for p in payload["exercises"][0]["presets"]] == ["short", "long"]
    assert builder.plan is None and builder.form.plan_html == "" and builder.form.total == ""
    assert "press Add to the session" in builder.form.status


def test_adding_and_reordering_update_the_plan_and_the_total(builder):
    builder.add("toe-tap")
    builder.add(MARCH, "hard")
    builder.add("stretch")
    assert builder.plan == plan_session([(TAP, "short"), (MARCH, "hard"), STRETCH], rest_between=45)
    assert builder.form.total == "Total time: 5:35 (minutes:seconds), rests included"
    builder.move(2, -1)  # Up on the third row
    assert [e.id for e, _ in builder.selection()] == ["toe-tap", "stretch", "march"]
    assert builder.plan == plan_session([TAP, STRETCH, (MARCH, "hard")], rest_between=45)
    builder.move(0, 5)  # Down past the end stops at the end
    assert [e.id for e, _ in builder.selection()] == ["stretch", "march", "toe-tap"]
    assert "March &lt;b&gt;" in builder.form.plan_html and "<b>" not in builder.form.plan_html
    assert "3 in the session" in repr(builder)


def test_a_preset_or_rest_change_updates_the_plan_and_total(builder):
    builder.add("toe-tap")
    builder.add("march")
    before = builder.plan.total_seconds
    builder.set_preset(0, "long")
    assert builder.plan.items[0].preset == "long" and builder.plan.total_seconds == before + 30
    assert builder.form.total.startswith(f"Total time: {format_seconds(before + 30)} ")
    builder.rest = 0
    assert builder.plan.rest_seconds == 0 and "no rest between exercises" in builder.form.plan_html
    builder.remove(0)
    assert [item.exercise_id for item in builder.plan.items] == ["march"]


def test_what_the_browser_sends_is_checked(builder):
    builder.form.chosen = [["march", "hard"], ["nope", "x"], ["toe-tap", "no-such-preset"], "junk", ["toe-tap", "long"]]
    assert builder.form.chosen == [["march", "hard"], ["toe-tap", "long"]]
    builder.form.rest = 10_000
    assert builder.form.rest == 45 and "from 0 to 600 seconds" in builder.form.status
    builder.form.rest = 30
    assert builder.plan.rest_between == 30


def test_show_the_timer_puts_one_browser_timer_for_the_plan_in_the_form(builder):
    press(builder, "timer")
    assert builder.timer is None and "no exercises chosen" in builder.form.status  # nothing to time yet
    builder.add("toe-tap")
    builder.add("march")
    press(builder, "timer")
    first = builder.timer
    assert isinstance(first, BrowserTimer) and builder.timer_box.children == (first,)
    assert list(first.program) == builder.plan.program and builder.form.timer_shown == 1
    assert builder.form.status.startswith("Timer ready below (") and builder.form.busy is False
    press(builder, "timer")  # again: the old timer is closed (its clock and sound stop), a new one shows
    assert first.comm is None and builder.timer_box.children == (builder.timer,)


def test_a_changed_plan_says_the_timer_shown_is_the_earlier_one(builder):
    builder.add("toe-tap")
    builder.show_timer()
    builder.add("march")
    assert builder.form.status == "The timer below still plays the earlier plan: press Show the timer for this one."
    builder.show_timer()
    assert list(builder.timer.program) == builder.plan.program and builder.form.status.startswith("Timer ready")


def test_running_the_forms_cell_again_stops_the_old_forms_timer(monkeypatch, tmp_path):
    import hipcontent.widgets.clock as clock
    import hipcontent.widgets.session_form as session_form

    run = ["run-1"]
    for cells in (clock.CELLS, session_form.CELLS):
        monkeypatch.setattr(cells, "execution", lambda: ("cell-1", run[0]))
        monkeypatch.setattr(cells, "by_cell", {})
    first = SessionBuilder([TAP], folder=tmp_path)
    first.add("toe-tap")
    timer = first.show_timer()
    run[0] = "run-2"
    second = SessionBuilder([TAP], folder=tmp_path)  # the same cell, run again
    try:
        assert timer.comm is None and first.timer is None, "the old timer's clock and sound stop"
    finally:
        first.close()
        second.close()


def test_print_and_save_write_their_files_into_the_folder(builder, tmp_path):
    builder.add("toe-tap")
    press(builder, "save")
    player = tmp_path / "my-session" / "session-player.html"
    assert player.is_file() and builder.form.status.startswith("Player written: ")
    assert builder.form.status.endswith("(2 phases, 0:40; opens in any web browser, no internet needed)")
    press(builder, "print")
    handout = tmp_path / "my-session" / "session-handout.pdf"
    assert handout.read_bytes().startswith(b"%PDF") and builder.form.status.startswith("Handout written: ")
    assert not [p for p in handout.parent.iterdir() if p.name.startswith(".")], "no temporary files left"


def test_ids_are_resolved_in_the_coachs_library_with_its_override(tmp_path):
    library = coach_library(tmp_path / "coach")
    builder = SessionBuilder(["supine-toe-tap", "psoas-march"], library=library, folder=tmp_path)
    try:
        offered = json.loads(builder.form.payload)["exercises"]
        assert offered[0]["name"] == COACH_NAME and "coach-only" in [p["id"] for p in offered[0]["presets"]]
        builder.add("supine-toe-tap", "coach-only")
        assert builder.plan.items[0].exercise is library["supine-toe-tap"]
        assert builder.plan == plan_session([("supine-toe-tap", "coach-only")], rest_between=60, library=library)
        with pytest.raises(ValueError, match="not offered"):
            builder.add(library["deep-lunge-side-bend-stretch"])
    finally:
        builder.close()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [({"exercises": "toe-tap"}, "exercises must be a list"), ({"exercises": []}, "library is empty"),
     ({"exercises": [TAP], "rest_between": 10**9}, "rest_between must be a whole number of seconds from 0 to 600"),
     ({"library": [TAP]}, "library must be an ExerciseLibrary"),
     ({"exercises": [TAP], "folder": ""}, "folder must be a folder path"),
     ({"exercises": [TAP], "title": " "}, "title must be some text")],
)
def test_bad_arguments_are_refused(arguments, message):
    with pytest.raises(ValueError, match=message):
        SessionBuilder(**arguments)


def test_list_edits_from_code_name_what_is_wrong(builder):
    with pytest.raises(ValueError, match="index must be a place in the session"):
        builder.move(0, 1)
    builder.add("toe-tap")
    with pytest.raises(ValueError, match="no dosage preset 'huge'"):
        builder.set_preset(0, "huge")


def test_the_form_shows_as_a_widget_with_a_deterministic_text():
    builder = SessionBuilder([TAP])
    try:
        bundle = builder._repr_mimebundle_()
        assert "application/vnd.jupyter.widget-view+json" in bundle
        assert bundle["text/plain"] == ("▶ The session builder needs Python: click this cell and press "
                                        "Shift+Enter (or Run ▸ Run All Cells).")
        assert repr(builder) == "Session builder: 1 exercise to choose from, 0 in the session, rest 60 s between exercises"
    finally:
        builder.close()


# --- every refusal is said (issue 21 item 2): the plan, total and buttons never go quiet ---

def _no_pace(exercise_id="no-pace"):
    """A coach's exercise whose default preset counts reps but gives no pace (seconds_per_rep)."""
    import dataclasses

    from hipcontent.content.exercises import load_library

    march = load_library()["psoas-march"]
    counted = [dataclasses.replace(d, seconds_per_rep=None, tempo=()) if d.mode == "reps" else d for d in march.dosage]
    return dataclasses.replace(march, id=exercise_id, name="Counted march", dosage=tuple(counted), builtin=False)


LONG = exercise("long", "Long hold", preset("hour", 3600, sets=2, rest_sets=1800))  # 2.5 hours on its own


def _refused(builder, *words):
    status = builder.form.status
    assert builder.plan is None and builder.form.plan_html == "" and builder.form.problem, status
    assert status.startswith("No plan for these choices: ") and all(w in status for w in words), status
    assert builder.form.total.startswith("No total time: "), "the total says why it is missing"


@pytest.mark.parametrize(
    ("offered", "chosen", "words"),
    [([TAP, _no_pace()], ["no-pace"], ("exercise 1, Counted march", "no pace", "choose another preset or remove it")),
     ([TAP, _no_pace()], ["toe-tap", "toe-tap", "no-pace"], ("exercise 3, Counted march",)),
     ([TAP, LONG], ["long", "toe-tap", "long"], ("at most 4 hours", "remove an exercise")),
     ([LONG], ["long", "long"], ("at most 4 hours",))],
)
def test_choices_that_make_no_plan_are_said_in_the_status_line(tmp_path, offered, chosen, words):
    builder = SessionBuilder(offered, folder=tmp_path)
    try:
        for exercise_id in chosen:
            builder.add(exercise_id)
        _refused(builder, *words)
        said = builder.form.said
        for action in ("timer", "print", "save"):  # every button answers with the reason, writes nothing
            press(builder, action)
            assert builder.form.status.startswith("Could not do that: these choices make no plan: "), action
            assert all(w in builder.form.status for w in words) and builder.form.busy is False
        assert builder.form.said >= said + 6 and builder.timer is None and not list(tmp_path.iterdir())
        builder.remove(len(chosen) - 1)  # the offending last one out: the plan, total and table come back
        if builder.plan is not None:
            assert builder.form.problem == "" and builder.form.total.startswith("Total time: ")
            assert not builder.form.status.startswith("No plan")
    finally:
        builder.close()


def test_a_refusal_said_twice_is_announced_twice(tmp_path):
    builder = SessionBuilder([_no_pace()], folder=tmp_path)
    try:
        builder.add("no-pace")
        press(builder, "timer")
        first = (builder.form.status, builder.form.said)
        press(builder, "timer")
        assert builder.form.status == first[0] and builder.form.said > first[1]
    finally:
        builder.close()


def test_a_preset_without_a_pace_says_so_in_the_drop_down(tmp_path):
    builder = SessionBuilder([_no_pace()], folder=tmp_path)
    try:
        labels = [p["option"] for p in json.loads(builder.form.payload)["exercises"][0]["presets"]]
        assert labels and all(label.endswith("(no pace: cannot be timed)") for label in labels)
    finally:
        builder.close()


def test_a_refusal_while_a_timer_is_shown_says_both(builder):
    builder.add("toe-tap")
    builder.show_timer()
    builder.form.chosen = [*builder.form.chosen, *[["toe-tap", "long"]] * 300]  # past 4 hours
    assert "at most 4 hours" in builder.form.status and "still plays the earlier plan" in builder.form.status


def test_what_the_browser_sends_and_the_form_leaves_out_is_said(builder):
    builder.form.chosen = [["march", "hard"], ["nope", "x"], "junk", ["toe-tap", "no-such-preset"]]
    assert builder.form.chosen == [["march", "hard"]]
    assert builder.form.status.startswith("Left out 3 entries this form does not offer")
    builder.form.chosen = [["toe-tap", "short"]] * 1001
    assert len(builder.form.chosen) == 1000 and "Left out 1 entry" in builder.form.status


def test_an_unexpected_failure_of_a_button_is_said_not_lost(builder, monkeypatch):
    from hipcontent.coaching.session import SessionPlan

    builder.add("toe-tap")
    monkeypatch.setattr(SessionPlan, "save_player", lambda self, path, **o: (_ for _ in ()).throw(RuntimeError("disk gone")))
    press(builder, "save")
    assert builder.form.status == "Could not do that (RuntimeError): disk gone" and builder.form.busy is False


def test_an_over_long_title_is_refused_before_the_form_shows():
    with pytest.raises(ValueError, match="title must be at most 200 characters; got 201"):
        SessionBuilder([TAP], title="x" * 201)


# --- issue 17: start from a ready class, the coach's library for everything, no file replaced ---

def _pairs(plan):
    return [[item.exercise_id, item.preset] for item in plan.items]


def test_the_form_starts_from_a_ready_class(tmp_path):
    from hipcontent.coaching.ready import ready_class

    ready = ready_class(30)
    builder = SessionBuilder(start=30, folder=tmp_path)
    try:
        assert builder.form.chosen == _pairs(ready) and builder.rest == round(ready.rest_between)
        assert builder.title == ready.title and builder.plan.total_seconds == ready.total_seconds
        assert builder.form.status.startswith(f"Started from {ready.title}: {len(ready.items)} exercises, ")
        assert json.loads(builder.form.payload)["ready"] == [15, 30, 45]
    finally:
        builder.close()


def test_the_start_button_replaces_the_list_and_says_so(builder_all):
    from hipcontent.coaching.ready import ready_class

    builder_all.add("supine-toe-tap")
    builder_all.add("psoas-march")
    builder_all._on_message(builder_all.form, {"action": "ready", "minutes": 15}, [])
    assert builder_all.form.chosen == _pairs(ready_class(15))
    assert "(it replaced the 2 exercises you had)" in builder_all.form.status
    builder_all._on_message(builder_all.form, {"action": "ready", "minutes": 20}, [])  # a crafted message
    assert builder_all.form.status.startswith("Could not do that: minutes must be one of 15, 30, 45")
    assert builder_all.form.chosen == _pairs(ready_class(15)), "a refused start leaves the list as it was"


@pytest.fixture
def builder_all(tmp_path):
    made = SessionBuilder(folder=tmp_path / "my-session")
    yield made
    made.close()


def test_the_coachs_library_is_used_for_the_ready_class_too(tmp_path):
    library = coach_library(tmp_path / "coach")
    builder = SessionBuilder(start=15, library=library, folder=tmp_path)
    try:
        tap = next(item for item in builder.plan.items if item.exercise_id == "supine-toe-tap")
        assert tap.exercise is library["supine-toe-tap"] and tap.name == COACH_NAME
        offered = {e["id"]: e["name"] for e in json.loads(builder.form.payload)["exercises"]}
        assert offered["supine-toe-tap"] == COACH_NAME
    finally:
        builder.close()


@pytest.mark.parametrize(("start", "message"), [
    (20, "start: minutes must be one of 15, 30, 45"), ("30", "start must be a ready class's length"),
    (True, "start must be a ready class's length"), (30.0, "start must be a ready class's length"),
])
def test_a_bad_start_is_refused(start, message):
    with pytest.raises(ValueError, match=message):
        SessionBuilder(start=start)


def test_a_plan_from_another_library_is_refused_not_swapped(tmp_path):
    from hipcontent.coaching.ready import ready_class

    library = coach_library(tmp_path / "coach")
    with pytest.raises(ValueError, match="same library= as the form"):
        SessionBuilder(start=ready_class(15), library=library)  # the built-in toe tap, the coach's form


def test_a_ready_class_the_form_does_not_offer_is_refused_in_words(builder):
    builder.add("toe-tap")
    builder._on_message(builder.form, {"action": "ready", "minutes": 30}, [])
    assert "uses exercises this form does not offer" in builder.form.status
    assert [pair[0] for pair in builder.form.chosen] == ["toe-tap"]


@pytest.mark.parametrize(("action", "name", "what"), [
    ("print", "session-handout.pdf", "Handout written: "), ("save", "session-player.html", "Player written: "),
])
def test_the_form_never_replaces_a_file_and_says_where_it_wrote(builder, action, name, what):
    folder = builder.folder
    folder.mkdir(parents=True)
    (folder / name).write_bytes(b"the coach's own file")
    builder.add("toe-tap")
    press(builder, action)
    second = folder / name.replace(".", "-2.", 1)
    assert (folder / name).read_bytes() == b"the coach's own file" and second.is_file()
    assert builder.form.status.startswith(f"{what}{second.as_posix()} ")
    assert builder.form.status.endswith(f"({name} was already there and is kept as it was)")
    press(builder, action)
    assert (folder / name.replace(".", "-3.", 1)).is_file() and second.stat().st_size > 0
    assert (folder / name).read_bytes() == b"the coach's own file"


def test_a_name_taken_between_the_look_and_the_write_is_not_replaced(builder, monkeypatch):
    import hipcontent.printing.files as files

    real = files.next_free_path
    raced = []

    def racing(path):
        free = real(path)
        if not raced:  # another writer takes this name before the form writes
            raced.append(free)
            free.write_bytes(b"another writer")
        return free

    monkeypatch.setattr(files, "next_free_path", racing)
    builder.add("toe-tap")
    press(builder, "save")
    assert raced[0].read_bytes() == b"another writer"
    assert (builder.folder / "session-player-2.html").is_file()
    assert "session-player-2.html" in builder.form.status


def test_the_class_sheets_are_written_beside_and_said(builder_all):
    builder_all._on_message(builder_all.form, {"action": "ready", "minutes": 30}, [])
    press(builder_all, "sheets")
    sheet, coach = builder_all.folder / "class-sheet.pdf", builder_all.folder / "coach-sheet.pdf"
    assert sheet.read_bytes().startswith(b"%PDF") and coach.read_bytes().startswith(b"%PDF")
    assert sheet.as_posix() in builder_all.form.status and coach.as_posix() in builder_all.form.status


def _run_cell(source: str, namespace: dict, name: str):
    """Run a notebook cell as the kernel does; return the value of its last line if it is an expression."""
    import ast

    tree = ast.parse(source)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, name, "exec"), namespace)
    return eval(compile(ast.Expression(last.value), name, "eval"), namespace) if last else None


def test_files_the_form_saved_survive_running_the_lessons_example_code(tmp_path, monkeypatch):
    """Issue 17: a coach saved a session from lesson 06's form; a later Run All of the lesson must
    leave those files byte-identical (the lesson's examples write under their own names, or refuse)."""
    from pathlib import Path

    import nbformat

    from hipcontent.figures.style import use_projector_style
    from hipcontent.widgets.session_form import HANDOUT, PLAYER

    monkeypatch.chdir(tmp_path)
    lesson = nbformat.read(Path(__file__).parents[1] / "notebooks" / "06-coach-session.ipynb", as_version=4)
    code = [cell.source for cell in lesson.cells if cell.cell_type == "code"]
    at_form = next(number for number, source in enumerate(code) if "SessionBuilder(" in source)
    namespace: dict = {}
    for number, source in enumerate(code[:at_form + 1]):  # the coach runs the lesson down to its form
        shown = _run_cell(source, namespace, f"lesson 06, code cell {number + 1}")
    builder = next(v for v in [shown, *namespace.values()] if isinstance(v, SessionBuilder))
    try:
        builder.add("supine-toe-tap")
        saved = [builder.print_handout().path, builder.save_player().path]
    finally:
        builder.close()
    assert {path.name for path in saved} == {HANDOUT, PLAYER}
    before = {path: path.read_bytes() for path in saved}
    namespace = {}
    try:
        for number, source in enumerate(code):  # Run All, in one namespace, as the kernel does
            if not source.lstrip().startswith(("%", "!")):
                _run_cell(source, namespace, f"lesson 06, code cell {number + 1}")
    finally:
        use_projector_style(False)
        for value in namespace.values():
            if isinstance(value, SessionBuilder):
                value.close()
    assert {path: path.read_bytes() for path in saved} == before, "the lesson replaced a file the form saved"


# -- what the browser needs to make the plan itself (static/session_plan.js; compared in Chromium by
#    tests/browser/test_session_plan_js.py) --

def test_the_payload_carries_every_presets_phases_once_and_stays_small(tmp_path):
    from hipcontent.coaching.session import make_item
    from hipcontent.timing.payload import phase_record

    builder = SessionBuilder(start=30, folder=tmp_path)  # lesson 06's form
    try:
        text = builder.form.payload
        data = json.loads(text)
        assert len(text.encode()) < 600_000, f"the form's payload is {len(text.encode()):,} bytes"
        for entry in data["exercises"]:
            exercise = builder.library[entry["id"]]
            assert entry["details"]["picture"].startswith("<svg")
            for preset_entry, dosage in zip(entry["presets"], exercise.dosage, strict=True):
                item = make_item(exercise, dosage.id, library=builder.library)
                assert preset_entry["phases"] == [phase_record(p) for p in item.program]
                assert preset_entry["seconds"] == item.seconds and preset_entry["label"] == dosage.label
        assert data["ready_classes"]["30"]["items"] == [list(pair) for pair in builder.form.chosen]
        assert data["player_page"]["page"].count(data["player_page"]["marks"]["data"]) == 1
    finally:
        builder.close()


def test_the_browsers_pieces_are_what_the_timer_payload_writes():
    from hipcontent.timing.payload import REST_NEXT, rest_template, screen_settings, timer_payload
    from hipcontent.timing.timers import change_of_exercise

    template = rest_template()
    made = dict(template, seconds=45.0, cue=template["cue"].replace(REST_NEXT, "Psoas march"))
    whole = timer_payload([change_of_exercise(45, "Psoas march")], side_word="side")
    assert whole["phases"] == [made]
    assert screen_settings(side_word="side") == {key: whole[key] for key in screen_settings(side_word="side")}


def test_a_ready_class_the_form_cannot_offer_is_refused_in_the_payload_too(builder):
    data = json.loads(builder.form.payload)
    with pytest.raises(ValueError) as raised:
        builder.start_from(30)
    assert data["ready_classes"]["30"] == {"error": str(raised.value)}

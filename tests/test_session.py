"""Session builder: the plan adds up, bad selections say what is wrong, the handout is a real PDF."""

import json
import math
import re
import warnings

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text
from typed_exercises import COACH_NAME, coach_library, exercise, preset

from hipcontent.coaching.session import SessionItem, SessionPlan, plan_session
from hipcontent.content.exercises import ExerciseLibrary, load_library
from hipcontent.figures.text import MissingGlyphWarning
from hipcontent.printing.handout import plan_pages, write_handout

TAP = exercise("toe-tap", "Toe tap", preset("short", 30, prep=10), preset("long", 60, prep=10))
MARCH = exercise("march", "March <b>", preset("easy", 20, prep=5, reps=2, rest_reps=15), preset("hard", 45))
STRETCH = exercise("stretch", "Stretch", base="deep-lunge-side-bend-stretch")  # its own holds and switches


def fake_cards(exercise, preset=None):
    pages = {"toe-tap": 1, "march": 2, "stretch": 1}[exercise.id]
    return [Figure(figsize=(8.27, 11.69)) for _ in range(pages)] if pages > 1 else Figure(figsize=(8.27, 11.69))


@pytest.fixture
def small_library():
    return ExerciseLibrary([TAP, MARCH, STRETCH])


# --- the plan adds up -------------------------------------------------------------------------


def test_durations_add_up_with_rests_between_exercises_only():
    plan = plan_session([TAP, MARCH, STRETCH], rest_between=60)
    assert [item.seconds for item in plan.items] == [40, 60, 160]
    assert plan.exercise_seconds == 260 and plan.rest_seconds == 120
    assert plan.total_seconds == 380 == math.fsum(phase.seconds for phase in plan.program)
    rests = [phase for phase in plan.program if phase.label == "Change exercise"]
    assert [phase.cue for phase in rests] == ["Get ready: March <b>", "Get ready: Stretch"]
    assert plan.program[-1].exercise == "Stretch" and plan.program[-1].kind == "hold"  # no rest after the last


def test_blocks_are_contiguous_and_cover_the_session():
    plan = plan_session([TAP, MARCH, STRETCH], rest_between=45)
    blocks = plan.blocks()
    assert [(block.number, block.text) for block in blocks] == [
        (1, "Toe tap"), (0, "Rest"), (2, "March <b>"), (0, "Rest"), (3, "Stretch")
    ]
    for earlier, later in zip(blocks, blocks[1:]):
        assert later.start == earlier.start + earlier.seconds
    assert blocks[-1].start + blocks[-1].seconds == plan.total_seconds


@pytest.mark.parametrize("rest", [0, None])
def test_no_rest_means_no_rest_phases(rest):
    plan = plan_session([TAP, MARCH], rest_between=rest)
    assert plan.total_seconds == 100
    assert not any(phase.label == "Change exercise" for phase in plan.program)


def test_presets_per_item_and_for_the_whole_session():
    plan = plan_session([(TAP, "long"), MARCH, (MARCH, MARCH.dosage[1])], preset=None)
    assert [(item.preset, item.preset_label, item.seconds) for item in plan.items] == [
        ("long", "long label", 70), ("easy", "easy label", 60), ("hard", "hard label", 45)
    ]
    assert plan_session([MARCH], preset="hard").items[0].seconds == 45
    assert repr(plan.items[0]) == "SessionItem('toe-tap', 'long', 1:10)"


def test_exercises_can_be_named_by_id_from_the_library(small_library):
    plan = plan_session(["toe-tap", ("march", "hard")], rest_between=30, library=small_library)
    assert [item.exercise_id for item in plan.items] == ["toe-tap", "march"]
    assert plan.total_seconds == 40 + 30 + 45


def test_the_plan_reads_as_a_table_with_escaped_html():
    plan = plan_session([TAP, MARCH], rest_between=60)
    text = repr(plan)
    assert text.splitlines()[0] == "Session: 2 exercises, 2:40 in total (1:40 exercising, 1:00 rest between exercises)"
    assert "2  1:40    March <b>" in text
    html = plan._repr_mimebundle_()["text/html"]
    assert "March &lt;b&gt;" in html and "March <b>" not in html


# --- clear errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"exercises": []}, "no exercises chosen"),
        ({"exercises": "toe-tap"}, "exercises must be a list"),
        ({"exercises": 3}, "exercises must be a list"),
        ({"exercises": TAP}, "exercises must be a list"),
        ({"exercises": [TAP], "rest_between": -5}, "rest_between must be 0 (no rest) or from 1 to 3600 seconds; got -5"),
        ({"exercises": [TAP], "rest_between": 0.001}, "rest_between must be 0 (no rest) or from 1 to 3600 seconds"),
        ({"exercises": [TAP], "rest_between": 1e12}, "rest_between must be 0 (no rest) or from 1 to 3600 seconds"),
        ({"exercises": [TAP], "rest_between": float("nan")}, "rest_between must be a finite number"),
        ({"exercises": [TAP], "rest_between": True}, "rest_between must be a number"),
        ({"exercises": [TAP], "rest_between": "60"}, "rest_between must be a number"),
        ({"exercises": [TAP], "preset": "beginner"}, "'toe-tap' has no dosage preset 'beginner'; choose one of: short, long"),
        ({"exercises": [(TAP, "")]}, "has no dosage preset ''"),
        ({"exercises": [(TAP, 3)]}, "preset must be a preset id"),
        ({"exercises": [(TAP, MARCH.dosage[0])]}, "preset 'easy' is not one of exercise 'toe-tap'"),
        ({"exercises": [(TAP, "short", 3)]}, "a pair (exercise, preset)"),
        ({"exercises": [42]}, "exercise must be an Exercise or an exercise id"),
        ({"exercises": [TAP], "title": " "}, "title must be some text"),
        ({"exercises": [TAP], "title": "x" * 201}, "title must be at most 200 characters"),
        ({"exercises": [TAP] * 1001}, "a session may have at most 1000 exercises"),
        ({"exercises": [exercise("hour", "Hour", preset("h", 3600))] * 5}, "the session 'Session' lasts 304:00"),
        ({"exercises": [TAP], "library": {"toe-tap": TAP}}, "library must be an ExerciseLibrary"),
    ],
)
def test_invalid_selections_get_clear_errors(arguments, message):
    with pytest.raises(ValueError, match=re.escape(message) if "[" not in message else message):
        plan_session(**arguments)


def test_unknown_exercise_id_names_the_library(small_library):
    with pytest.raises(ValueError, match="no exercise 'toe-tapp' in the .*library; did you mean 'toe-tap'"):
        plan_session(["march", "toe-tapp"], library=small_library)
    with pytest.raises(ValueError, match="no exercise 'toe-tap' in the built-in library.*pass it as library="):
        plan_session(["toe-tap"])  # not in the built-in library: ids are looked up where the coach says


def test_an_endless_selection_is_refused_not_consumed():
    import itertools

    with pytest.raises(ValueError, match="at most 1000 exercises"):
        plan_session(itertools.repeat(TAP))


def test_a_coachs_override_is_planned_not_the_builtin(tmp_path):
    """The reported bug: after load_library([folder], override=True) the plan used the built-in exercise."""
    library = coach_library(tmp_path / "coach")
    coach = library["supine-toe-tap"]
    for plan in (plan_session(["supine-toe-tap", ("supine-toe-tap", "coach-only")], library=library),
                 plan_session([coach, (coach, "coach-only")])):
        assert [item.exercise for item in plan.items] == [coach, coach]
        assert [item.name for item in plan.items] == [COACH_NAME, COACH_NAME]
        assert plan.items[0].program == tuple(coach.timer_program())
        assert {phase.exercise for phase in plan.program} == {COACH_NAME, ""}
    with pytest.raises(ValueError, match="has no dosage preset 'coach-only'"):
        plan_session([("supine-toe-tap", "coach-only")])  # the built-in one has no such preset


# --- figure, timer ------------------------------------------------------------------------------


def test_timeline_figure_labels_every_exercise_and_the_total():
    plan = plan_session([TAP, MARCH, STRETCH], rest_between=60)
    shown = plan.timeline()
    assert isinstance(shown.figure, Figure)
    texts = [text.get_text() for text in shown.figure.findobj(lambda artist: hasattr(artist, "get_text"))]
    joined = "\n".join(texts)
    for number, name in enumerate(["Toe tap", "March <b>", "Stretch"], start=1):
        assert f"{number}  {name}" in joined
    assert "Session: 6:20 in total" in joined and "R  Rest between exercises: 1:00" in joined
    for word in ("Get ready", "Work", "Rest", "Hold", "Switch sides"):
        assert word in joined  # the key names every phase kind: not colour alone
    assert "exercise 2, March <b> from 1:40 for 1:00" in shown.alt
    assert shown.png_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize("width", [0, -3, 1e9, float("nan"), "11", True])
def test_timeline_width_is_bounded(width):
    with pytest.raises(ValueError, match="^width must be a figure width in inches from 4 to 30"):
        plan_session([TAP]).timeline(width=width)


def test_the_session_plays_in_the_browser_timer_as_one_program():
    from hipcontent.widgets.clock import BrowserTimer

    plan = plan_session([TAP, MARCH], rest_between=20)
    timer = plan.timer()
    try:
        assert isinstance(timer, BrowserTimer)
        assert list(timer.program) == plan.program
        assert timer.size == "projector" and timer.side_word == "side"
        assert repr(timer) == "Timer: Session: 2 exercises — 7 phases, 2:00 total"
        assert set(json.loads(timer.payload)["exercises"]) == {"toe-tap", "march"}  # by id: steps, cues, picture
    finally:
        timer.close()


def test_the_kernel_side_timer_keeps_its_own_behaviour_for_scripts():
    from hipcontent.widgets.timer import ExerciseTimer

    plan = plan_session([TAP, MARCH], rest_between=20)
    timer = ExerciseTimer(plan.program, title="Script")
    try:
        assert list(timer.engine.program) == plan.program
    finally:
        timer.close()


def test_save_player_writes_one_html_file_and_returns_what_save_player_returns(tmp_path):
    from hipcontent.printing.player import SavedPlayer

    plan = plan_session([TAP, MARCH], rest_between=20, title="Tuesday <club>")
    written = plan.save_player(tmp_path / "tuesday.html")
    assert isinstance(written, SavedPlayer) and written.path == tmp_path / "tuesday.html"
    assert (written.phases, written.seconds) == (len(plan.program), plan.total_seconds)
    page = (tmp_path / "tuesday.html").read_text(encoding="utf-8")
    assert "<title>Tuesday &lt;club&gt;: 2 exercises — timer</title>" in page
    outside = page.replace("http://www.w3.org/2000/svg", "")  # the drawings' SVG namespace: a name, not a request
    assert "http://" not in outside and "https://" not in outside
    with pytest.raises(ValueError, match="ending in .html"):
        plan.save_player(tmp_path / "tuesday.pdf")


# --- the handout --------------------------------------------------------------------------------


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


def test_handout_is_a_pdf_with_the_plan_page_and_each_exercises_cards(tmp_path):
    asked = []

    def cards(exercise, preset=None):
        asked.append((exercise.id, preset.id))
        assert preset in exercise.dosage  # the library's own preset object, not a guess
        return fake_cards(exercise, preset)

    # toe tap twice at one preset (its card once), then at another preset (its card again)
    plan = plan_session([TAP, MARCH, TAP, STRETCH, (TAP, "long")], rest_between=60)
    handout = write_handout(plan, tmp_path / "handout.pdf", card_pages=cards)
    pdf = handout.path.read_bytes()
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert asked == [("toe-tap", "short"), ("march", "easy"), ("stretch", "standard"), ("toe-tap", "long")]
    assert handout.pages == 1 + 1 + 2 + 1 + 1 == _pages(pdf)
    assert b"/Creator (hipcontent)" in pdf and b"CreationDate" not in pdf


def test_handout_is_deterministic(tmp_path):
    plan = plan_session([TAP, STRETCH], rest_between=30)
    first = plan.handout(tmp_path / "a.pdf", card_pages=fake_cards).path.read_bytes()
    second = plan.handout(tmp_path / "b.pdf", card_pages=fake_cards).path.read_bytes()
    assert first == second


def test_handout_reports_the_path_as_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    handout = plan_session([TAP]).handout("session-handout.pdf", card_pages=fake_cards)
    assert repr(handout) == "Handout written: session-handout.pdf (2 pages)"
    assert (tmp_path / "session-handout.pdf").exists()


@pytest.mark.parametrize(
    ("path", "message"),
    [("handout.txt", "must end in .pdf"), ("", "path must be a file name"), ("missing/handout.pdf", "does not exist")],
)
def test_handout_path_errors(tmp_path, monkeypatch, path, message):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError, match=message):
        plan_session([TAP]).handout(path, card_pages=fake_cards)


def test_handout_refuses_card_pages_that_are_not_figures(tmp_path):
    with pytest.raises(ValueError, match="card pages must be matplotlib Figures"):
        plan_session([TAP]).handout(tmp_path / "h.pdf", card_pages=lambda exercise, preset: ["not a page"])
    with pytest.raises(ValueError, match="card_pages must be a function"):
        plan_session([TAP]).handout(tmp_path / "h.pdf", card_pages="cards")


def test_handout_is_print_sized_even_with_the_projector_style_on(tmp_path):
    from hipcontent.figures.style import projector_style

    plan = plan_session([TAP])
    with projector_style():
        projected = plan.handout(tmp_path / "p.pdf", card_pages=fake_cards).path.read_bytes()
    plain = plan.handout(tmp_path / "q.pdf", card_pages=fake_cards).path.read_bytes()
    assert projected == plain


# --- with the real exercise library -------------------------------------------------------------


def test_a_session_from_the_real_library_adds_up():
    from hipcontent.timing.timers import program_seconds

    library = load_library()
    plan = plan_session(["supine-toe-tap", ("psoas-march", "standard"), "deep-lunge-side-bend-stretch"], rest_between=60)
    expected = (
        program_seconds(library["supine-toe-tap"].timer_program())
        + program_seconds(library["psoas-march"].timer_program("standard"))
        + program_seconds(library["deep-lunge-side-bend-stretch"].timer_program())
        + 2 * 60
    )
    assert plan.total_seconds == expected
    assert [item.preset for item in plan.items] == ["post-30s", "standard", "standard"]
    assert plan.items[0].preset_label == library["supine-toe-tap"].default_preset.label


def test_real_library_errors_name_the_choices():
    with pytest.raises(ValueError, match="no exercise 'psoas-swing' in the built-in library"):
        plan_session(["psoas-swing"])
    with pytest.raises(ValueError, match="'supine-toe-tap' has no dosage preset 'beginner'; choose one of: post-30s, post-60s"):
        plan_session(["supine-toe-tap", "psoas-march"], preset="beginner")


def test_handout_with_the_real_cards_has_the_plan_page_and_every_card_page(tmp_path):
    from hipcontent.printing.cards import card_pages

    plan = plan_session(["supine-toe-tap", "psoas-march", "supine-toe-tap"], rest_between=30)
    expected = (len(plan_pages(plan)) + len(card_pages("supine-toe-tap", "post-30s"))
                + len(card_pages("psoas-march", "beginner")))
    handout = plan.handout(tmp_path / "handout.pdf")
    pdf = handout.path.read_bytes()
    assert handout.pages == expected == _pages(pdf)
    assert pdf == plan.handout(tmp_path / "again.pdf").path.read_bytes()


# --- hostile text and sizes on the printed plan and the timeline (issue 12, item 6) ----------------------


def _texts(figures):
    return [text for figure in figures for text in figure.findobj(Text) if text.get_text()]


def test_dollars_print_as_written_in_plan_pages_and_timeline(tmp_path):
    """'$5 per head' is money, not maths: drawn as written, and '$\\frac{$' (bad maths) draws at all."""
    money = exercise("money", "Pay $5 per head, $\\frac{$ at the door", preset("p", 30))
    plan = plan_session([money, TAP], rest_between=10, title="Club $5 per head $x^2$")
    pages = plan_pages(plan)
    timeline = plan.timeline().figure
    for figures in (pages, [timeline]):
        dollars = [text for text in _texts(figures) if "$" in text.get_text()]
        assert dollars and all(not text.get_parse_math() for text in dollars)
        joined = "\n".join(text.get_text() for text in dollars)
        assert "$5 per head" in joined and "$\\frac{$" in joined
    plan.timeline().png_bytes()  # mathtext would fail on '$\\frac{$'
    assert plan.handout(tmp_path / "money.pdf", card_pages=lambda *_: Figure()).pages == len(pages) + 2


def test_a_500_exercise_session_paginates_at_print_size(tmp_path):
    quick = exercise("quick", "Quick tap", preset("q", 5))
    plan = plan_session([quick] * 500, rest_between=1, title="Five hundred")
    pages = plan_pages(plan)
    sizes = [text.get_fontsize() for text in _texts(pages)]
    assert min(sizes) >= 7.5  # the footer; nothing shrinks to fit
    listed = [text for text in _texts(pages[1:]) if text.get_text() == "Quick tap"]
    assert listed and {text.get_fontsize() for text in listed} == {12}
    assert len(pages) >= 20
    one = plan_pages(plan_session([quick], title="One"))
    assert len(one) == 1
    for page in pages:  # every text on the page starts inside it, above the bottom margin
        for text in page.texts:
            x, y = text.get_position()
            assert 0 <= x <= 1 and 0.02 < y <= 1
    figure = plan.timeline().figure
    assert figure.get_figheight() < 20  # the key lists 30 exercises and says how many more
    assert any("… and 470 more exercises" in text.get_text() for text in figure.findobj(Text))


def test_a_long_word_in_a_title_wraps_on_the_plan_page():
    plan = plan_session([TAP], title="W" * 200)
    lines = [text.get_text() for text in _texts(plan_pages(plan)) if set(text.get_text()) == {"W"}]
    assert len(lines) >= 4 and "".join(lines) == "W" * 200


def test_glyphs_the_font_lacks_are_reported_once_by_name(tmp_path):
    emoji = exercise("emoji", "Hip day \U0001F3CB\U0001F525", preset("p", 30))
    plan = plan_session([emoji, emoji], title="Hips \U0001F525")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        plan.handout(tmp_path / "emoji.pdf", card_pages=lambda *_: Figure())
    ours = [w for w in caught if issubclass(w.category, MissingGlyphWarning)]
    assert len(ours) == 1, [str(w.message) for w in caught]
    message = str(ours[0].message)
    assert "U+1F3CB" in message and "U+1F525" in message and "FIRE" in message and "emoji.pdf" in message
    assert not [w for w in caught if "missing from font" in str(w.message)]  # matplotlib's per-glyph spam
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        plan.timeline().png_bytes()
    assert len([w for w in caught if issubclass(w.category, MissingGlyphWarning)]) == 1
    assert not [w for w in caught if "missing from font" in str(w.message)]


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: SessionPlan((), 0), "no exercises chosen"),
        (lambda: SessionPlan(("toe-tap",), 0), "a plan's items must be SessionItems"),
        (lambda: SessionPlan(plan_session([TAP]).items, -1), "rest_between must be 0 \\(no rest\\) or from 1 to 3600"),
        (lambda: SessionPlan(plan_session([TAP]).items, 0, title=""), "title must be some text"),
        (lambda: SessionItem(TAP, MARCH.dosage[0], ()), "one of exercise 'toe-tap'"),
        (lambda: SessionItem("toe-tap", TAP.dosage[0], ()), "exercise must be an Exercise"),
        (lambda: SessionItem(TAP, TAP.dosage[0], ()), "the program of 'toe-tap' is empty"),
    ],
)
def test_a_plan_made_by_hand_keeps_the_same_bounds(build, message):
    with pytest.raises(ValueError, match=message):
        build()


def test_the_alt_text_of_a_long_session_points_to_the_table():
    quick = exercise("quick", "Quick tap", preset("q", 5))
    alt = plan_session([quick] * 100, rest_between=0).alt_text()
    assert "exercise 30, Quick tap" in alt and "exercise 31" not in alt
    assert "and 70 more exercises, listed in the plan's table" in alt and len(alt) < 3000

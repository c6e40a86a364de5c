"""Session builder: the plan adds up, bad selections say what is wrong, the handout is a real PDF."""

import math
import re
from dataclasses import dataclass

import pytest
from matplotlib.figure import Figure

from hipcontent.coaching import session
from hipcontent.coaching.session import SessionBuilder, plan_session, write_handout
from hipcontent.timing.program import Phase


@dataclass(frozen=True)
class FakePreset:
    id: str
    label: str
    default: bool = False


class FakeExercise:
    """Stands in for an exercise of the library: id, name, dosage presets and timer_program(preset)."""

    def __init__(self, exercise_id, name, programs, default=None):
        self.id, self.name, self._programs = exercise_id, name, programs
        default = default or next(iter(programs))
        self.dosage = tuple(FakePreset(key, f"{key} label", key == default) for key in programs)
        self._default = default

    def timer_program(self, preset=None):
        if preset is None:
            preset = self._default
        if preset not in self._programs:
            raise KeyError(f"no dosage preset {preset!r}")
        return [Phase(kind, seconds, label=f"{self.name} {i}") for i, (kind, seconds) in enumerate(self._programs[preset])]


TAP = FakeExercise("toe-tap", "Toe tap", {"short": [("prep", 10), ("work", 30)], "long": [("prep", 10), ("work", 60)]})
MARCH = FakeExercise(
    "march", "March <b>", {"easy": [("prep", 5), ("work", 20), ("rest", 15), ("work", 20)], "hard": [("work", 45)]},
    default="easy",
)
STRETCH = FakeExercise("stretch", "Stretch", {"std": [("hold", 30), ("switch", 10), ("hold", 30)]})


def fake_cards(exercise, preset=None):
    pages = {"toe-tap": 1, "march": 2, "stretch": 1}[exercise.id]
    return [Figure(figsize=(8.27, 11.69)) for _ in range(pages)] if pages > 1 else Figure(figsize=(8.27, 11.69))


@pytest.fixture
def fake_library(monkeypatch):
    import hipcontent.content.exercises

    monkeypatch.setattr(hipcontent.content.exercises, "load_library", lambda *a, **k: [TAP, MARCH, STRETCH])


# --- the plan adds up -------------------------------------------------------------------------


def test_durations_add_up_with_rests_between_exercises_only():
    plan = plan_session([TAP, MARCH, STRETCH], rest_between=60)
    assert [item.seconds for item in plan.items] == [40, 60, 70]
    assert plan.exercise_seconds == 170 and plan.rest_seconds == 120
    assert plan.total_seconds == 290 == math.fsum(phase.seconds for phase in plan.program)
    rests = [phase for phase in plan.program if phase.label == "Change exercise"]
    assert [phase.cue for phase in rests] == ["Get ready: March <b>", "Get ready: Stretch"]
    assert plan.program[-1].label.startswith("Stretch")  # no rest after the last exercise


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
    plan = plan_session([(TAP, "long"), MARCH], preset=None)
    assert [(item.preset, item.preset_label, item.seconds) for item in plan.items] == [
        ("long", "long label", 70), ("easy", "easy label", 60)
    ]
    assert plan_session([MARCH], preset="hard").items[0].seconds == 45


def test_exercises_can_be_named_by_id_from_the_library(fake_library):
    plan = plan_session(["toe-tap", ("march", "hard")], rest_between=30)
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
        ({"exercises": [TAP], "rest_between": -5}, "rest_between must be 0 or more seconds; got -5"),
        ({"exercises": [TAP], "rest_between": float("nan")}, "rest_between must be 0 or more"),
        ({"exercises": [TAP], "rest_between": True}, "rest_between must be a number"),
        ({"exercises": [TAP], "rest_between": "60"}, "rest_between must be a number"),
        ({"exercises": [TAP], "preset": "beginner"}, "'toe-tap' has no preset 'beginner'; choose one of: short, long"),
        ({"exercises": [(TAP, "")]}, "preset must be a preset id"),
        ({"exercises": [(TAP, "short", 3)]}, "an exercise id or a pair"),
        ({"exercises": [TAP], "title": " "}, "title must be some text"),
    ],
)
def test_invalid_selections_get_clear_errors(arguments, message):
    with pytest.raises(ValueError, match=re.escape(message) if "[" not in message else message):
        plan_session(**arguments)


def test_unknown_exercise_id_names_the_library(fake_library):
    with pytest.raises(ValueError, match="'psoas-swing' is not in the library; use one of: march, stretch, toe-tap"):
        plan_session(["toe-tap", "psoas-swing"])


# --- figure, timer ------------------------------------------------------------------------------


def test_timeline_figure_labels_every_exercise_and_the_total():
    plan = plan_session([TAP, MARCH, STRETCH], rest_between=60)
    shown = plan.timeline()
    assert isinstance(shown.figure, Figure)
    texts = [text.get_text() for text in shown.figure.findobj(lambda artist: hasattr(artist, "get_text"))]
    joined = "\n".join(texts)
    for number, name in enumerate(["Toe tap", "March <b>", "Stretch"], start=1):
        assert f"{number}  {name}" in joined
    assert "Session: 4:50 in total" in joined and "R  Rest between exercises: 1:00" in joined
    for word in ("Get ready", "Work", "Rest", "Hold", "Switch sides"):
        assert word in joined  # the key names every phase kind: not colour alone
    assert "exercise 2, March <b> from 1:40 for 1:00" in shown.alt
    assert shown.png_bytes().startswith(b"\x89PNG")


def test_timeline_refuses_something_that_is_not_a_plan():
    with pytest.raises(ValueError, match="needs a SessionPlan"):
        session.timeline_figure([TAP])


def test_the_session_plays_in_the_timer_view_as_one_program():
    plan = plan_session([TAP, MARCH], rest_between=20)
    timer = plan.timer()
    try:
        assert list(timer.engine.program) == plan.program
        assert timer.size == "projector"
        assert repr(timer) == "Timer: Session: 2 exercises — 7 phases, 2:00 total"
    finally:
        timer.close()


# --- the handout --------------------------------------------------------------------------------


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


def test_handout_is_a_pdf_with_the_plan_page_and_each_exercises_cards(tmp_path):
    asked = []

    def cards(exercise, preset=None):
        asked.append((exercise.id, preset))
        return fake_cards(exercise, preset)

    # toe tap twice at one preset (its card once), then at another preset (its card again)
    plan = plan_session([TAP, MARCH, TAP, STRETCH, (TAP, "long")], rest_between=60)
    handout = write_handout(plan, tmp_path / "handout.pdf", card_pages=cards)
    pdf = handout.path.read_bytes()
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert asked == [("toe-tap", "short"), ("march", "easy"), ("stretch", "std"), ("toe-tap", "long")]
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


def test_handout_is_print_sized_even_with_the_projector_style_on(tmp_path):
    from hipcontent.figures.style import projector_style

    plan = plan_session([TAP])
    with projector_style():
        projected = plan.handout(tmp_path / "p.pdf", card_pages=fake_cards).path.read_bytes()
    plain = plan.handout(tmp_path / "q.pdf", card_pages=fake_cards).path.read_bytes()
    assert projected == plain


# --- the form -----------------------------------------------------------------------------------


def test_builder_form_makes_the_same_plan_as_the_one_liner():
    builder = SessionBuilder([TAP, MARCH, STRETCH], rest_between=45)
    assert repr(builder) == "Session builder: 3 exercises to choose from, 0 chosen, rest 45 s between exercises"
    (_, tap_tick, tap_preset), (_, march_tick, _), _ = builder.rows
    tap_tick.value, tap_preset.value, march_tick.value = True, "long", True
    builder.button.click()
    assert builder.plan == plan_session([(TAP, "long"), (MARCH, "easy")], rest_between=45)
    assert "2 exercises" in builder.result.value
    assert "2 chosen" in repr(builder)


def test_builder_explains_an_empty_choice_instead_of_failing():
    builder = SessionBuilder([TAP, MARCH])
    builder.button.click()
    assert builder.plan is None
    assert "Cannot plan yet" in builder.result.value and "no exercises chosen" in builder.result.value
    with pytest.raises(ValueError, match="no exercises chosen"):
        builder.make_plan()


def test_builder_shows_as_a_widget_with_a_deterministic_text():
    bundle = SessionBuilder([TAP])._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"].startswith("Session builder: 1 exercise to choose from")


# --- with the real exercise library -------------------------------------------------------------


def test_a_session_from_the_real_library_adds_up():
    from hipcontent.content.exercises import load_library
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
    with pytest.raises(ValueError, match="'psoas-swing' is not in the library; use one of: .*supine-toe-tap"):
        plan_session(["psoas-swing"])
    with pytest.raises(ValueError, match="'supine-toe-tap' has no preset 'beginner'; choose one of: post-30s, post-60s"):
        plan_session(["supine-toe-tap", "psoas-march"], preset="beginner")


def test_handout_with_the_real_cards_has_the_plan_page_and_every_card_page(tmp_path):
    from hipcontent.printing.cards import card_pages

    plan = plan_session(["supine-toe-tap", "psoas-march", "supine-toe-tap"], rest_between=30)
    expected = 1 + len(card_pages("supine-toe-tap", "post-30s")) + len(card_pages("psoas-march", "beginner"))
    handout = plan.handout(tmp_path / "handout.pdf")
    pdf = handout.path.read_bytes()
    assert handout.pages == expected == _pages(pdf)
    assert pdf == plan.handout(tmp_path / "again.pdf").path.read_bytes()

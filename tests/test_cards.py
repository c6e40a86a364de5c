"""Exercise cards: escaped HTML, the library table, position diagrams and the printable PDF."""

import copy
import dataclasses
import html
import re

import pytest
import yaml
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from test_exercises import BASE, write
from typed_exercises import COACH_NAME, coach_library

from hipcontent.content.exercises import POSES, load_library
from hipcontent.figures.poses import (
    hip_flexion,
    knee_flexion,
    pose_geometry,
    position_figure,
    show_position,
)
from hipcontent.printing.cards import (
    A4_PORTRAIT,
    MARGIN,
    card_figures,
    card_pages,
    exercise_card,
    exercise_table,
    write_cards_pdf,
)

ORIGINALS = ["psoas-march", "supine-toe-tap", "deep-lunge-side-bend-stretch"]
SCRIPT = "<script>alert('x')</script>"


@pytest.fixture(scope="module")
def library():
    return load_library()


def hostile_exercise(tmp_path, text=SCRIPT, steps=None):
    """A valid coach's exercise with `text` in every free-text field."""
    d = copy.deepcopy(BASE)
    d.update(
        id="hostile", name=f"Name {text}", aliases=[f"alias {text}"], summary=f"Summary {text}",
        origin=f"Origin {text}", steps=[f"Step {text}"], cues=[f"Cue {text}"],
        common_faults=[{"fault": f"Fault {text}", "fix": f"Fix {text}"}],
        cautions=[{"action": "stop", "text": f"Caution {text}"}],
        evidence={"direct": False, "statement": f"No study at all. {text}",
                  "sources": [{"citation": f"Citation {text}", "supports": ["rationale"], "note": text}]},
        diagram={"pose": "standing-march", "alt": f"A stick figure marching. {text}"},
        license={"spdx": "CC-BY-4.0", "attribution": f"Coach {text}"},
    )
    d["muscles"]["note"] = f"Note {text}"
    d["dosage"][0].update(label=f"Label {text}", intensity=f"Intensity {text}", frequency=f"Often {text}")
    d["dosage"][0]["basis"]["note"] = f"Course suggestion {text}"
    d["dosage"].append({**copy.deepcopy(d["dosage"][0]), "id": "other", "label": f"Other {text}"})
    d["dosage"][0]["default"] = True
    if steps:
        d["steps"] = steps
    return load_library([write(tmp_path / "coach", d)])["hostile"]


# --------------------------------------------------------------------------------------------
# HTML


def test_card_escapes_script_in_every_text_field(tmp_path):
    ex = hostile_exercise(tmp_path)
    card = exercise_card(ex)
    assert "<script" not in card.html
    fields = ["Name", "Summary", "Origin", "Step", "Cue", "Fault", "Fix", "Caution", "No study at all.",
              "Citation", "Label", "Intensity", "Often", "Course suggestion", "Other", "Coach"]
    for field in fields:
        assert f"{field} &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in card.html, field
        assert f"{field} {SCRIPT}" in card.text, field  # the plain text keeps the words as written


def test_table_escapes_script(tmp_path):
    ex = hostile_exercise(tmp_path)
    table = exercise_table([ex], caption=f"Mine {SCRIPT}")
    assert "<script" not in table.html and "&lt;script&gt;" in table.html
    assert SCRIPT in table.text


def test_card_shows_steps_cues_dosage_cautions_and_evidence(library):
    ex = library["supine-toe-tap"]
    card = exercise_card(ex)
    for step in ex.steps:
        assert step in card.text
    for word in ("Coaching cues", "Dosage", "Cautions", "STOP", "SEE A CLINICIAN", "no direct evidence",
                 "Post, short: 1 set of 30 s", "Other presets", "Easier: single-leg-toe-tap"):
        assert word in card.text
    assert "<ol><li>Lie on your back on a mat.</li>" in card.html
    assert exercise_card(ex, preset="post-60s").text.count("1 set x 60 s") == 1


def test_card_accepts_an_id_and_table_lists_the_library(library):
    assert exercise_card("psoas-march").text == exercise_card(library["psoas-march"]).text
    table = exercise_table()
    assert table.html.count("<tr>") == len(library) + 1
    assert f"({len(library)} exercises)" in table.text
    with pytest.raises(ValueError, match="no exercise 'no-such-exercise' in the built-in library.*library="):
        exercise_card("no-such-exercise")


# --------------------------------------------------------------------------------------------
# Position diagrams


def test_toe_tap_pose_has_90_degrees_at_hip_and_knee():
    g = pose_geometry("supine-90-90")
    assert hip_flexion(g) == pytest.approx(90, abs=0.5)
    assert knee_flexion(g) == pytest.approx(90, abs=0.5)
    shin = g["legs"][0]
    assert shin["knee"][1] == pytest.approx(shin["ankle"][1])  # shin parallel to the floor
    tap = g["ghost_legs"][0]  # the lowered leg: knee still at 90, foot on the floor
    trunk = g["trunk"]
    assert 180 - _angle(tap["hip"], tap["knee"], tap["ankle"]) == pytest.approx(90, abs=0.5)
    assert tap["ankle"][1] == pytest.approx(0, abs=0.01)
    assert trunk["hip"][1] == pytest.approx(trunk["shoulder"][1])  # lying flat


def _angle(a, b, c):
    from hipcontent.figures.poses import joint_angle

    return joint_angle(a, b, c)


def test_other_poses_show_the_intended_angles():
    assert hip_flexion(pose_geometry("supine-straight-leg-raise"), 1) == pytest.approx(60, abs=0.5)
    assert knee_flexion(pose_geometry("supine-straight-leg-raise"), 1) == pytest.approx(0, abs=0.5)
    for pose in ("seated-knee-lift", "standing-march", "hanging-knee-raise"):
        g = pose_geometry(pose)
        leg = 1 if pose != "hanging-knee-raise" else 0
        assert hip_flexion(g, leg) > 90, pose  # knee above the hip
    kneel = pose_geometry("half-kneeling")
    assert hip_flexion(kneel, 0) == pytest.approx(90, abs=0.5)  # front leg
    assert kneel["legs"][1]["knee"][0] < kneel["trunk"]["hip"][0]  # back thigh behind the trunk line


def test_every_pose_draws_and_every_builtin_has_a_diagram_with_alt_text(library):
    for pose in POSES:
        pose_geometry(pose)
    with pytest.raises(ValueError, match="unknown pose"):
        pose_geometry("cartwheel")
    for ex in library:
        assert ex.diagram_pose in POSES and len(ex.diagram_alt) >= 25
        fig = position_figure(ex)
        assert isinstance(fig, Figure)
        FigureCanvasAgg(fig).draw()
    shown = show_position("supine-toe-tap")
    assert "90 degrees" in shown.alt and "Supine toe tap" in shown.caption


# --------------------------------------------------------------------------------------------
# PDF pages


def _text_boxes(fig):
    renderer = FigureCanvasAgg(fig).get_renderer()
    return [(t.get_text(), t.get_window_extent(renderer)) for t in fig.texts]


def _assert_inside_margins(fig):
    width, height = fig.bbox.width, fig.bbox.height
    inch = fig.dpi
    for text, box in _text_boxes(fig):
        assert box.x0 >= MARGIN * inch - 1, text
        assert box.x1 <= width - MARGIN * inch + 1, f"text runs into the right margin: {text!r}"
        assert box.y0 >= MARGIN / 2 * inch - 1, text
        assert box.y1 <= height - MARGIN * inch + 1, text


def test_card_pages_are_a4_and_text_stays_inside_the_margins(library):
    for ex in library:
        pages = card_pages(ex)
        assert len(pages) == 1, f"{ex.id}: a card is one A4 page"
        for fig in pages:
            assert tuple(fig.get_size_inches()) == pytest.approx(A4_PORTRAIT)
            _assert_inside_margins(fig)


def test_long_and_hostile_text_wraps_and_flows_onto_more_pages(tmp_path):
    text = "$x^2$ " + "W" * 40 + " word"  # one 'word' far wider than the page at title size
    ex = hostile_exercise(tmp_path, text=text, steps=["Move " + "slowly and " * 35] * 12)
    pages = card_pages(ex)
    assert len(pages) == 2  # flows onto a continuation page, never off the first
    for fig in pages:
        _assert_inside_margins(fig)
    everything = " ".join(t.get_text() for fig in pages for t in fig.texts)
    assert "$x^2$" in everything  # dollar signs stay literal: no mathtext
    assert "(continued)" in everything


def _page_count(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))


def test_pdf_is_valid_multi_page_and_deterministic(tmp_path, library):
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    printed = write_cards_pdf(ORIGINALS, first)
    pages = printed.pages
    assert repr(printed) == f"Cards written: {first.as_posix()} ({pages} pages)"
    write_cards_pdf(ORIGINALS, second)
    data = first.read_bytes()
    assert data.startswith(b"%PDF-1.") and data.rstrip().endswith(b"%%EOF")
    assert pages == len(card_figures(ORIGINALS)) >= 3
    assert _page_count(data) == pages
    assert b"/CreationDate" not in data
    assert data == second.read_bytes()


def test_pdf_for_one_exercise_and_bad_names(tmp_path, library):
    assert write_cards_pdf("supine-toe-tap", tmp_path / "one.pdf").pages == len(card_pages("supine-toe-tap"))
    with pytest.raises(ValueError, match="must end in .pdf"):
        write_cards_pdf("supine-toe-tap", tmp_path / "one.png")
    with pytest.raises(ValueError, match="nothing to print"):
        write_cards_pdf([], tmp_path / "none.pdf")


def test_a_coachs_override_is_printed_not_the_builtin(tmp_path):
    """The reported bug: after load_library([folder], override=True) the cards showed the built-in exercise."""
    coach_lib = coach_library(tmp_path / "coach")
    coach = coach_lib["supine-toe-tap"]
    for card in (exercise_card("supine-toe-tap", library=coach_lib), exercise_card(coach)):
        assert card.text.startswith(COACH_NAME) and "45 s" in card.text
    assert exercise_card("supine-toe-tap", "coach-only", library=coach_lib).text.count("Coach only: 1 set of 45 s") == 1
    assert html.escape(COACH_NAME) in exercise_table(library=coach_lib).html
    assert html.escape(COACH_NAME) in exercise_table(["supine-toe-tap"], library=coach_lib).html
    for pages in (card_pages("supine-toe-tap", library=coach_lib), card_figures(["supine-toe-tap"], library=coach_lib)):
        assert pages[0].texts[0].get_text() == COACH_NAME
    printed = write_cards_pdf(["supine-toe-tap"], tmp_path / "coach.pdf", library=coach_lib)
    assert printed.pages == len(card_pages(coach))
    assert exercise_card("supine-toe-tap").text.startswith("Supine toe tap")  # no library: the built-in one


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: exercise_card(42), "^exercise must be an Exercise or an exercise id"),
        (lambda: exercise_card("supine-toe-tap", "post-90s"), "has no dosage preset 'post-90s'"),
        (lambda: exercise_card("supine-toe-tap", library=[]), "^library must be an ExerciseLibrary"),
        (lambda: card_pages("supine-toe-tap", 7), "^preset must be a preset id"),
        (lambda: exercise_table(["nope"]), "no exercise 'nope'"),
        (lambda: exercise_table(caption=None), "^caption must be text"),
        (lambda: card_figures(5), "^exercises must be an exercise, its id, or a list"),
    ],
)
def test_what_is_not_the_librarys_is_refused(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_money_prints_as_written_on_a_card(tmp_path):
    ex = hostile_exercise(tmp_path, text="$5 per head, $\\frac{$")
    pages = card_pages(ex)
    dollars = [t for fig in pages for t in fig.texts if "$5 per head" in t.get_text()]
    assert len(dollars) > 10 and not any(t.get_parse_math() for t in dollars)
    for fig in pages:
        FigureCanvasAgg(fig).draw()  # mathtext would fail on '$\\frac{$'


def test_a_20000_letter_word_wraps_in_linear_time(tmp_path):
    import time

    word = "x" * 20_000  # longer than the data files allow: the printing copes with any Exercise anyway
    ex = dataclasses.replace(load_library()["psoas-march"], name=f"Name {word}", summary=f"Summary {word}",
                             steps=(f"Step {word}",), license_attribution=f"Coach {word}")
    started = time.perf_counter()
    pages = card_pages(ex)
    seconds = time.perf_counter() - started
    assert seconds < 20  # before: hours (2,000 letters took 11 s, 4,000 took 63 s)
    for fig in pages:
        _assert_inside_margins(fig)
    assert sum(t.get_text().count("x") for fig in pages for t in fig.texts) > 20_000 * 3
    footers = [fig.texts[-1].get_text() for fig in pages]
    assert all("…" in footer and footer.endswith(f"of {len(pages)}") for footer in footers)


def test_card_data_round_trips_through_yaml(tmp_path):
    # A coach's file written by yaml.safe_dump loads and prints like a built-in one.
    ex = load_library([write(tmp_path / "coach", copy.deepcopy(BASE))])["wall-march"]
    assert yaml.safe_dump(BASE)  # sanity: the base is plain data
    assert len(card_pages(ex)) == 1

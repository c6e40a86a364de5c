"""Paper for a class (issue 17 item 5): the participant sheet (one A4 page for the 30-minute class,
each exercise's picture, dose and one cue, the pain rule and when to stop) and the coach's sheet
(start times, the screen, the stop-and-refer list, the pain rule), with footers that count right."""

import re

import pytest
from matplotlib.figure import Figure

from hipcontent.coaching.ready import ready_class
from hipcontent.content.safety import load_safety
from hipcontent.printing.sheets import coach_pages, dose_line, participant_pages
from hipcontent.timing.timers import format_seconds


def _words(pages) -> str:
    """The printed words in reading order, without footers and continuation headings."""
    texts = [t.get_text() for page in pages for t in page.texts[:-1] if not t.get_text().endswith("(continued)")]
    return re.sub(r"\s+", " ", " ".join(texts))


def _footers(pages) -> list[str]:
    return [page.texts[-1].get_text() for page in pages]


@pytest.fixture(scope="module")
def class30():
    return ready_class(30)


def test_the_30_minute_participant_sheet_is_one_page_with_everything_on_it(class30):
    pages = participant_pages(class30)
    assert len(pages) == 1 and all(isinstance(p, Figure) for p in pages)
    words = _words(pages)
    safety = load_safety()
    assert safety.pain_rule in words  # word for word, from the one safety record
    for sign in safety.stop_signs:
        assert sign in words
    for number, item in enumerate(class30.items, 1):
        assert f"{number}. {item.exercise.name}" in words
        assert dose_line(item.dosage) in words and item.exercise.cues[0] in words
    pictures = [axes for axes in pages[0].axes]
    assert len(pictures) == len(class30.items)  # one drawing per exercise
    assert _footers(pages) == ["30-minute ready class · class sheet · page 1 of 1"]


def test_a_counted_preset_shows_its_tempo(class30):
    tap = next(item for item in class30.items if item.exercise_id == "supine-toe-tap")
    assert tap.dosage.tempo and "(lower to tap 2 s, bring back 2 s)" in dose_line(tap.dosage)


@pytest.mark.parametrize("minutes", [15, 45])
def test_other_ready_classes_print_too(minutes):
    pages = participant_pages(ready_class(minutes))
    footers = _footers(pages)
    assert footers == [f"{minutes}-minute ready class · class sheet · page {i} of {len(pages)}"
                       for i in range(1, len(pages) + 1)]


def test_the_coach_sheet_has_start_times_the_screen_the_red_flags_and_the_pain_rule(class30):
    pages = coach_pages(class30)
    words = _words(pages)
    safety = load_safety()
    assert safety.pain_rule in words
    for flag in safety.refer:
        assert flag in words
    for screen in safety.screens:
        assert screen.name in words
    starts = [block.start for block in class30.blocks() if block.number]
    for start, item in zip(starts, class30.items):
        assert format_seconds(start) in words and item.name in words
    for section in ("Warm-up", "Main", "Cool-down"):
        assert section in words
    n = len(pages)
    assert _footers(pages) == [f"30-minute ready class · coach's sheet · page {i} of {n}" for i in range(1, n + 1)]


def test_sheets_are_written_never_over_an_existing_file(class30, tmp_path):
    target = tmp_path / "class-sheet.pdf"
    written = class30.participant_sheet(target)
    assert written.path == target and written.pages == 1 and open(written, "rb").read(5) == b"%PDF-"
    before = target.read_bytes()
    with pytest.raises(FileExistsError, match=r"class-sheet\.pdf already exists.*overwrite=True.*class-sheet-2\.pdf"):
        class30.participant_sheet(target)
    assert target.read_bytes() == before
    coach = class30.coach_sheet(tmp_path / "coach.pdf")
    assert coach.pages == len(coach_pages(class30))
    assert class30.coach_sheet(tmp_path / "coach.pdf", overwrite=True).path == tmp_path / "coach.pdf"


def test_the_detailed_cards_stay_available_from_the_plan(class30, tmp_path):
    written = class30.cards(tmp_path / "cards.pdf")
    assert written.pages >= len({item.exercise_id for item in class30.items})
    with pytest.raises(FileExistsError):
        class30.cards(tmp_path / "cards.pdf")

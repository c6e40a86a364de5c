"""Paper: every card on one A4 page in two columns, text inside its column and above the floor size,
long cards flowing onto a continuation page, the three-exercise handout on at most 4 pages."""

from __future__ import annotations

import copy

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from test_exercises import BASE, write

from hipcontent import load_library, plan_session
from hipcontent.printing.cards import CARD_GAP as GAP
from hipcontent.printing.cards import (
    CARD_SIZES,
    card_figures,
    card_pages,
    diagram_height,
    write_cards_pdf,
)
from hipcontent.printing.handout import plan_pages
from hipcontent.printing.layout import (
    A4_PORTRAIT,
    FOOTER_PT,
    MARGIN,
    MIN_TEXT_PT,
    PageFlow,
)

LESSON_06 = ["supine-toe-tap", ("psoas-march", "standard"), "deep-lunge-side-bend-stretch"]


@pytest.fixture(scope="module")
def library():
    return load_library()


def _boxes(fig: Figure):
    """(text, box in inches) of every text on the page itself (not inside the diagram's axes)."""
    renderer = FigureCanvasAgg(fig).get_renderer()
    return [(t, t.get_window_extent(renderer).transformed(fig.dpi_scale_trans.inverted())) for t in fig.texts]


def _assert_laid_out(fig: Figure) -> None:
    """Every text inside the margins, inside its column (the flow names it in the text's gid),
    at the floor size or more, and clear of every other text on the page."""
    width, height = A4_PORTRAIT
    boxes = _boxes(fig)
    for text, box in boxes:
        label = text.get_text()[:50]
        assert text.get_fontsize() >= MIN_TEXT_PT, label
        assert box.x0 >= MARGIN - 0.01 and box.x1 <= width - MARGIN + 0.01, f"outside the side margins: {label!r}"
        assert box.y1 <= height - MARGIN + 0.01, f"above the top margin: {label!r}"
        assert box.y0 >= 0.25, f"too near the paper's foot: {label!r}"
        if text.get_fontsize() != FOOTER_PT:
            assert box.y0 >= MARGIN - 0.01, f"in the bottom margin: {label!r}"
        if (text.get_gid() or "").startswith("column"):
            column, _, count = text.get_gid().removeprefix("column ").partition(" of ")
            column_width = (width - 2 * MARGIN - (int(count) - 1) * GAP) / int(count)
            left = MARGIN + (int(column) - 1) * (column_width + GAP)
            assert left - 0.01 <= box.x0 and box.x1 <= left + column_width + 0.01, f"outside its column: {label!r}"
    for i, (first, a) in enumerate(boxes):
        for second, b in boxes[i + 1:]:
            overlap_x = min(a.x1, b.x1) - max(a.x0, b.x0)
            overlap_y = min(a.y1, b.y1) - max(a.y0, b.y0)
            assert overlap_x <= 0.01 or overlap_y <= 0.01, (first.get_text()[:40], second.get_text()[:40])


def _sizes(page: Figure, paragraph: str) -> set[float]:
    """Font sizes of the printed lines of `paragraph` (lines of 12 letters or more)."""
    return {t.get_fontsize() for t in page.texts if len(t.get_text()) >= 12 and t.get_text() in paragraph}


def longest_exercise(tmp_path):
    """A coach's exercise with every list as long as the schema allows and every sentence near 400 letters."""
    long = copy.deepcopy(BASE)
    def sentence(n):
        return f"{n}: move " + "slowly and " * 35 + "stop."

    long["steps"] = [sentence(n) for n in range(12)]
    long["cues"] = [sentence(n) for n in range(8)]
    long["common_faults"] = [{"fault": sentence(n), "fix": sentence(n)} for n in range(8)]
    long["cautions"] = [{"action": "stop", "text": sentence(n)} for n in range(10)]
    return load_library([write(tmp_path / "coach", long)])[long["id"]]


def test_every_builtin_card_is_one_a4_page_at_every_preset(library):
    for ex in library:
        for preset in ex.dosage:
            pages = card_pages(ex, preset)
            assert len(pages) == 1, (ex.id, preset.id)
            (page,) = pages
            assert tuple(page.get_size_inches()) == pytest.approx(A4_PORTRAIT)
            _assert_laid_out(page)
            texts = [t.get_text() for t in page.texts]
            assert texts[0] == ex.name and any(c.text in " ".join(texts) for c in ex.cautions[:1])


def test_body_text_stays_readable(library):
    """Steps and cautions print at 8.5 pt or more; only citations, the diagram's description and
    the footer go down to the 8 pt floor."""
    assert min(sizes.body for sizes in CARD_SIZES) >= 8.5
    assert min(min(sizes.small, sizes.note) for sizes in CARD_SIZES) >= MIN_TEXT_PT == 8
    for ex in library:
        (page,) = card_pages(ex)
        for paragraph in (ex.steps[0], ex.cautions[0].text):
            assert _sizes(page, paragraph) and min(_sizes(page, paragraph)) >= 8.5, ex.id


def test_most_cards_print_at_the_larger_size(library):
    """Only the longest cards need the smaller of the sizes (the toe tap, with seven sources)."""
    body = {ex.id: min(_sizes(card_pages(ex)[0], ex.steps[0])) for ex in library}
    assert set(body.values()) <= {sizes.body for sizes in CARD_SIZES}
    assert sum(size == CARD_SIZES[0].body for size in body.values()) >= len(body) - 2


def test_a_long_coach_card_flows_onto_a_continuation_page_inside_the_margins(tmp_path):
    ex = longest_exercise(tmp_path)
    pages = card_pages(ex)
    assert len(pages) == 3
    assert [page.texts[0].get_text() for page in pages[1:]] == [f"{ex.name} (continued)"] * 2
    assert _sizes(pages[0], ex.steps[0]) == {CARD_SIZES[-1].body}  # smaller, but not below the floor
    for page in pages:
        _assert_laid_out(page)
    footers = [page.texts[-1].get_text() for page in pages]
    assert [footer[-11:] for footer in footers] == ["page 1 of 3", "page 2 of 3", "page 3 of 3"]


def test_a_card_a_little_too_long_flows_to_two_pages(tmp_path):
    long = copy.deepcopy(BASE)
    long["steps"] = [f"{n}: move " + "slowly and " * 35 + "stop." for n in range(12)]
    long["cues"] = [f"{n}: keep breathing " + "and stay tall " * 25 for n in range(4)]
    ex = load_library([write(tmp_path / "coach", long)])[long["id"]]
    pages = card_pages(ex)
    assert len(pages) == 2
    for page in pages:
        _assert_laid_out(page)


def test_the_three_exercise_handout_fits_on_four_pages(tmp_path):
    plan = plan_session(LESSON_06, rest_between=60)
    handout = plan.handout(tmp_path / "handout.pdf")
    assert handout.pages <= 4
    assert len(plan_pages(plan)) == 1
    for page in plan_pages(plan):
        _assert_laid_out(page)


def test_diagram_labels_never_overlap(library):
    for ex in library:
        (page,) = card_pages(ex)
        (axes,) = page.axes
        canvas = FigureCanvasAgg(page)
        canvas.draw()  # as printed: the equal-aspect drawing placed in its box
        inches = page.dpi_scale_trans.inverted()
        boxes = [t.get_window_extent(canvas.get_renderer()).transformed(inches)
                 for t in axes.findobj(Text) if t.get_text() and t.get_visible()]
        assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:]), ex.id
        for box in boxes:  # labels stay in the left column
            assert MARGIN - 0.01 <= box.x0 and box.x1 <= A4_PORTRAIT[0] / 2 - GAP / 2 + 0.01, ex.id
    assert diagram_height("half-kneeling-side-bend", False, 3.36, 1.25) > 1.25  # its labels need room
    assert diagram_height("supine-90-90", False, 3.36, 1.25) == 1.25


def test_columns_fill_left_then_right_then_a_new_page():
    flow = PageFlow("Title")
    flow.text("Head", size=12)
    flow.columns(2, gap=0.3)
    top = flow.y
    lefts = set()
    for n in range(200):
        flow.text(f"Line {n}", size=9)
        lefts.add(round(flow.left_in, 2))
    assert lefts == {MARGIN, round(MARGIN + flow.width_in + 0.3, 2)}
    assert len(flow.pages) == 2 and flow.pages[1].texts[0].get_text() == "Title (continued)"
    first = [t for t in flow.pages[0].texts if t.get_text().startswith("Line")]
    assert first[0].get_position()[1] == pytest.approx(1 - top / A4_PORTRAIT[1])
    flow.columns(1)
    assert flow.width_in == pytest.approx(A4_PORTRAIT[0] - 2 * MARGIN)


@pytest.mark.parametrize("size", [7.5, 5, 1])
def test_text_below_the_floor_is_refused(size):
    with pytest.raises(ValueError, match="at least 8 pt"):
        PageFlow("T").text("tiny", size=size)


@pytest.mark.parametrize("count", [0, -1, 1.5, True])
def test_columns_must_be_a_whole_number(count):
    with pytest.raises(ValueError, match="columns must be a whole number"):
        PageFlow("T").columns(count)


# --- two cards a page -------------------------------------------------------------------------------


def _assert_clear_of_the_cut(page: Figure) -> None:
    middle = A4_PORTRAIT[1] / 2
    for text, box in _boxes(page):
        assert box.y0 >= middle + 0.2 or box.y1 <= middle - 0.2, f"across the cut line: {text.get_text()[:40]!r}"


def test_two_short_cards_a_page(library, tmp_path):
    three = [name if isinstance(name, str) else name[0] for name in LESSON_06]
    printed = write_cards_pdf(three, tmp_path / "pocket.pdf", per_page=2)
    assert printed.pages == 2
    pages = card_figures(three, per_page=2)
    names = [[t.get_text() for t in page.texts if t.get_fontsize() >= 12] for page in pages]
    assert names == [["Supine toe tap", "Psoas march"], ["Deep lunge hip-flexor stretch with side bend"]]
    everything = " ".join(t.get_text() for page in pages for t in page.texts)
    for ex in (library[name] for name in three):  # every caution is on the short card, at full size
        for caution in ex.cautions:
            assert caution.text.split()[0] in everything
    for page in pages:
        _assert_laid_out(page)
        _assert_clear_of_the_cut(page)
        assert min(t.get_fontsize() for t in page.texts) >= MIN_TEXT_PT


def test_every_builtin_short_card_fits_half_a_page(library):
    pages = card_figures(list(library.ids), per_page=2)
    assert len(pages) == (len(library) + 1) // 2
    for page in pages:
        _assert_laid_out(page)
        _assert_clear_of_the_cut(page)


def test_a_card_too_long_for_half_a_page_prints_in_full_in_its_place(tmp_path):
    long = longest_exercise(tmp_path)
    pages = card_figures(["supine-toe-tap", long, "psoas-march"], library=None, per_page=2)
    firsts = [page.texts[0].get_text() for page in pages]
    assert firsts == ["Supine toe tap", long.name, f"{long.name} (continued)", f"{long.name} (continued)",
                      "Psoas march"]


@pytest.mark.parametrize("per_page", [0, 3, "2", True, None])
def test_per_page_is_one_or_two(tmp_path, per_page):
    with pytest.raises(ValueError, match="per_page must be 1"):
        write_cards_pdf(["psoas-march"], tmp_path / "x.pdf", per_page=per_page)


def test_a_short_card_has_columns_of_even_length(library):
    for name in ("heel-slide", "seated-knee-lift"):
        (page,) = card_pages(name)
        ends = {}
        for text, box in _boxes(page):
            if (text.get_gid() or "").startswith("column"):
                ends[text.get_gid()] = min(ends.get(text.get_gid(), 99.0), box.y0)
        assert set(ends) == {"column 1 of 2", "column 2 of 2"}
        assert abs(ends["column 1 of 2"] - ends["column 2 of 2"]) < 0.6, (name, ends)
        assert min(ends.values()) > 1.5  # both end well above the foot of the page: nothing stretched


def test_a_dry_run_counts_pages_and_draws_nothing():
    flow = PageFlow("T", dry=True)
    flow.columns(2)
    for n in range(150):
        flow.text(f"Line {n}", size=9)
    flow.figure(lambda fig, box: pytest.fail("a dry run draws nothing"), 1.0)
    assert len(flow.pages) == 2 and flow.pages == [None, None]

import base64
import re

import pytest
from matplotlib.figure import Figure

from hipcontent.content.lessons import lessons
from hipcontent.views.display import (
    STATIC,
    AccessibleFigure,
    HTMLBlock,
    course_css,
    escape,
    is_number,
    link,
    number_columns,
)
from hipcontent.views.lessons import lesson_table


def _figure():
    figure = Figure(figsize=(4, 3))
    figure.add_subplot().plot([0, 1], [0, 1])
    return figure


def test_accessible_figure_emits_png_alt_and_caption():
    shown = AccessibleFigure(_figure(), alt='Line rising "left" to right <b>', caption="A & B")
    bundle = shown._repr_mimebundle_()
    html = bundle["text/html"]
    encoded = re.search(r'src="data:image/png;base64,([^"]+)"', html)[1]
    assert base64.b64decode(encoded).startswith(b"\x89PNG")
    assert 'alt="Line rising &quot;left&quot; to right &lt;b&gt;"' in html
    assert "<figcaption>A &amp; B</figcaption>" in html
    assert bundle["text/plain"].startswith("Figure: A & B")
    assert html.startswith('<div class="hip"><style>') and '<figure class="hip-figure"' in html
    assert 'width="384"' in html and "width:384px" in html  # 4 in at 96 CSS px per inch


def test_accessible_figure_png_has_twice_the_pixels_of_its_css_width():
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(AccessibleFigure(_figure(), "a", "b").png_bytes()))
    assert image.size[0] >= 2 * 384  # sharp when course.css zooms it to twice its width (projector)


def test_accessible_figure_png_is_deterministic():
    assert AccessibleFigure(_figure(), "a", "b").png_bytes() == AccessibleFigure(_figure(), "a", "b").png_bytes()


def test_accessible_figure_refuses_empty_alt_text():
    with pytest.raises(ValueError, match="alt text"):
        AccessibleFigure(_figure(), alt="  ", caption="x")


def test_escape_covers_markup_and_quotes():
    assert escape("<script>alert('x')</script>") == "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"


def test_html_block_offers_both_forms_with_the_course_stylesheet():
    block = HTMLBlock("<p>x</p>", "x")
    bundle = block._repr_mimebundle_()
    assert bundle["text/plain"] == "x"
    assert bundle["text/html"] == f'<div class="hip"><style>{course_css()}</style><p>x</p></div>'


def test_course_css_uses_theme_variables_and_one_scale():
    css = (STATIC / "course.css").read_text(encoding="utf-8")
    body = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    assert not re.search(r"#[0-9a-fA-F]{3,6}\b(?![^(]*\))", body), "colours must be theme variables"
    assert "--hip-scale" in body and "var(--jp-content-font-color1)" in body
    for size in re.findall(r"font-size:\s*([^;}]+)", body):
        assert size.strip().startswith(("var(--hip-", "calc(var(--hip-scale", "inherit")), size
    for floor in re.findall(r"max\((\d+)px", body):
        assert int(floor) >= 12
    assert "outline: 3px solid var(--hip-focus)" in body and "text-decoration: underline" in body
    assert "/*" not in course_css() and "\n" not in course_css()


def test_table_cells_of_numbers_are_right_aligned_and_text_left():
    block = HTMLBlock.table("T", ("Name", "Length", "Start"), [("Tap", "30 s", "0:00"), ("March", "1:30", "—")])
    assert '<table class="hip-table">' in block.html
    left, right = ' style="text-align:left;vertical-align:top"', ' class="hip-num" style="text-align:right;vertical-align:top"'
    assert f'<th scope="col"{left}>Name</th>' in block.html and f"<td{left}>Tap</td>" in block.html
    assert f'<th scope="col"{right}>Length</th>' in block.html and f"<td{right}>1:30</td>" in block.html
    assert number_columns([("a", "1"), ("b", "x")]) == frozenset()
    assert HTMLBlock.table("T", ("A", "B"), [("1", "2")], numeric=[1]).html.count("hip-num") == 2
    assert is_number("−10°") and is_number("12.5 %") and not is_number("10 reps each side")


def test_lesson_table_links_every_lesson():
    table = lesson_table()
    for lesson in lessons():
        assert f'href="{lesson.file}"' in table.html
        assert lesson.title in table.text


def test_a_table_escapes_every_cell_and_aligns_its_text_twin():
    block = HTMLBlock.table("Plan <1>", ("#", "Name"), [("1", "Tap <b>"), ("10", "March & go")])
    assert "<caption>Plan &lt;1&gt;</caption>" in block.html and '<td style="text-align:left;vertical-align:top">Tap &lt;b&gt;</td>' in block.html
    assert "<b>" not in block.html and '<th scope="col" style="text-align:left;vertical-align:top">Name</th>' in block.html
    assert block.text.splitlines() == ["Plan <1>", "#   Name", "1   Tap <b>", "10  March & go"]


@pytest.mark.parametrize(("alt", "dpi", "message"), [(" ", 150, "alt text"), (None, 150, "alt text"),
                                                     ("A plot", 10**6, "dpi must be"), ("A plot", 0, "dpi must be"),
                                                     ("A plot", 150.5, "dpi must be"), ("A plot", True, "dpi must be")])
def test_figure_arguments_are_bounded(alt, dpi, message):
    with pytest.raises(ValueError, match=message):
        AccessibleFigure(Figure(), alt=alt, caption="c", dpi=dpi)


def test_links_in_text_are_underlined_even_without_the_stylesheet():
    assert link("https://example.org/?a=1&b=2", "A & B") == (
        '<a href="https://example.org/?a=1&amp;b=2" target="_blank" rel="noopener" '
        'style="text-decoration:underline">A &amp; B</a>')
    assert ">https://x.org</a>" in link("https://x.org") and "target" not in link("01.ipynb", "One", new_tab=False)


def test_every_link_in_a_course_output_is_underlined_inline():
    html = HTMLBlock('<p><a href="x">x</a> and <a href="y" style="color:red">y</a></p>', "x")._repr_mimebundle_()
    assert '<a style="text-decoration:underline" href="x">' in html["text/html"]
    assert '<a href="y" style="color:red">' in html["text/html"]


def test_a_figure_with_small_labels_is_shown_wider_until_they_read_12_px():
    figure = _figure()
    figure.axes[0].set_title("small print", fontsize=8.25)  # 11 px at the figure's own size
    shown = AccessibleFigure(figure, "a", "b")
    assert shown.enlargement() == pytest.approx(12 / 11) and shown.css_width() == round(384 * 12 / 11)
    assert shown.render_dpi() >= 2 * 96 * 12 / 11
    assert f'width="{shown.css_width()}"' in shown._repr_mimebundle_()["text/html"]
    figure.axes[0].set_title("tiny", fontsize=4)
    assert AccessibleFigure(figure, "a", "b").enlargement() == 1.25  # at most; the label stays too small


def _course_blocks():
    from hipcontent.content.exercises import load_library
    from hipcontent.printing.cards import exercise_card, exercise_table
    from hipcontent.timing.timers import countdown
    from hipcontent.views import anatomy, evidence, model_tables, program
    from hipcontent.views.lessons import lesson_table

    first = next(iter(load_library()))
    return {
        "fact_card": anatomy.fact_card("psoas_major"), "comparison_table": anatomy.comparison_table(),
        "key_relations": anatomy.key_relations(), "where_sources_disagree": anatomy.where_sources_disagree(),
        "popular_claims_corrected": anatomy.popular_claims_corrected(),
        "anatomy_references": anatomy.anatomy_references(), "claims_table": evidence.claims_table(),
        "verdict_summary": evidence.verdict_summary(), "myths_table": evidence.myths_table(),
        "red_flags_table": evidence.red_flags_table(), "exercise_cautions": evidence.exercise_cautions(),
        "lesson_table": lesson_table(), "phase_table": program.phase_table(countdown(30)),
        "lunge_stretch_table": model_tables.lunge_stretch_table(), "opensim_check": model_tables.opensim_check(),
        "exercise_card": exercise_card(first), "exercise_table": exercise_table(),
    }


def test_course_views_use_the_stylesheet_not_inline_colours_or_font_sizes():
    for name, block in _course_blocks().items():
        html = block._repr_mimebundle_()["text/html"]
        assert html.startswith('<div class="hip"><style>'), name
        inline = " ".join(re.findall(r'style="([^"]*)"', block.html))
        assert not re.search(r"(?<![-\w])(color|font-size|background)\s*:", inline), (name, inline)
        assert "<table>" not in block.html and "<small>" not in block.html, name
        for table in re.findall(r"<table[^>]*>", block.html):
            assert 'class="hip-table' in table, (name, table)
        assert all('text-decoration:underline' in a for a in re.findall(r"<a [^>]*>", html)), name


def test_a_long_alt_text_becomes_a_short_alt_and_a_description_one_click_away():
    from matplotlib.figure import Figure

    long_alt = ("Schematic front view of the right hip; the person's right is on the viewer's left. "
                + "Psoas major runs down beside the vertebral bodies to the lesser trochanter. " * 4)
    html = AccessibleFigure(Figure(figsize=(2, 1)), alt=long_alt, caption="c")._repr_mimebundle_()["text/html"]
    assert 'alt="Schematic front view of the right hip; the person&#x27;s right is on the viewer&#x27;s left."' in html
    assert "<details" in html and "<summary>The figure in words</summary>" in html
    assert html.count("Psoas major runs down") == 4  # the whole text, once, in the description

    short = AccessibleFigure(Figure(figsize=(2, 1)), alt="A short alt text that says it all.", caption="c")
    assert "<details" not in short._repr_mimebundle_()["text/html"]
    assert short.text.endswith("A short alt text that says it all.")  # the plain-text twin keeps the whole alt

import base64
import re

import pytest
from matplotlib.figure import Figure

from hipcontent.content.lessons import lesson_table, lessons
from hipcontent.views.display import AccessibleFigure, HTMLBlock, escape


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


def test_accessible_figure_png_is_deterministic():
    assert AccessibleFigure(_figure(), "a", "b").png_bytes() == AccessibleFigure(_figure(), "a", "b").png_bytes()


def test_accessible_figure_refuses_empty_alt_text():
    with pytest.raises(ValueError, match="alt text"):
        AccessibleFigure(_figure(), alt="  ", caption="x")


def test_escape_covers_markup_and_quotes():
    assert escape("<script>alert('x')</script>") == "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"


def test_html_block_offers_both_forms():
    block = HTMLBlock("<p>x</p>", "x")
    assert block._repr_mimebundle_() == {"text/html": "<p>x</p>", "text/plain": "x"}


def test_lesson_table_links_every_lesson():
    table = lesson_table()
    for lesson in lessons():
        assert f'href="{lesson.file}"' in table.html
        assert lesson.title in table.text


def test_a_table_escapes_every_cell_and_aligns_its_text_twin():
    block = HTMLBlock.table("Plan <1>", ("#", "Name"), [("1", "Tap <b>"), ("10", "March & go")])
    assert "<caption>Plan &lt;1&gt;</caption>" in block.html and "<td>Tap &lt;b&gt;</td>" in block.html
    assert "<b>" not in block.html and '<th scope="col">Name</th>' in block.html
    assert block.text.splitlines() == ["Plan <1>", "#   Name", "1   Tap <b>", "10  March & go"]


@pytest.mark.parametrize(("alt", "dpi", "message"), [(" ", 150, "alt text"), (None, 150, "alt text"),
                                                     ("A plot", 10**6, "dpi must be"), ("A plot", 0, "dpi must be"),
                                                     ("A plot", 150.5, "dpi must be"), ("A plot", True, "dpi must be")])
def test_figure_arguments_are_bounded(alt, dpi, message):
    with pytest.raises(ValueError, match=message):
        AccessibleFigure(Figure(), alt=alt, caption="c", dpi=dpi)

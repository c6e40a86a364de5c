"""Every exercise's picture is one self-contained, inline-safe SVG (contract interface 3)."""

import re
import xml.etree.ElementTree as ET

import pytest

from hipcontent.content.exercises import load_library
from hipcontent.figures.pictures import ALLOWED_TAGS, clean_svg, exercise_svg

NS = "{http://www.w3.org/2000/svg}"


def _check_safe(svg: str, exercise_id: str):
    root = ET.fromstring(svg)
    assert root.tag == NS + "svg"
    assert root.get("role") == "img"
    assert re.fullmatch(r"[\d.]+ [\d.]+ [\d.]+ [\d.]+", root.get("viewBox"))
    assert "width" not in root.attrib and "height" not in root.attrib
    assert root[0].tag == NS + "title" and root[0].text.strip()
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    assert all(i.startswith(f"ex-{exercise_id}-") for i in ids)
    for el in root.iter():
        assert el.tag.replace(NS, "") in ALLOWED_TAGS
        assert el.tag.replace(NS, "") not in ("text", "script", "style", "image", "foreignObject")
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), name
            if name.endswith("href"):
                assert value.startswith("#") and value[1:] in ids
            for ref in re.findall(r"url\(([^)]*)\)", value):
                assert ref.startswith("#") and ref[1:] in ids
    assert "<script" not in svg.lower() and "javascript:" not in svg.lower() and "http://" not in svg.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")


def test_every_exercise_in_the_library_has_a_safe_self_contained_picture():
    library = load_library()
    seen_ids = set()
    for exercise in library:
        svg = exercise_svg(exercise)
        _check_safe(svg, exercise.id)
        root = ET.fromstring(svg)
        assert root[0].text == exercise.diagram_alt
        ids = {el.get("id") for el in root.iter() if el.get("id")}
        assert not ids & seen_ids, "two pictures on one page must not share an id"
        seen_ids |= ids


def test_pictures_are_cached_and_deterministic():
    exercise = load_library()["supine-toe-tap"]
    assert exercise_svg(exercise) is exercise_svg(exercise)


def test_the_title_is_escaped(tmp_path):
    svg = clean_svg('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="5" viewBox="0 0 10 5"><g/></svg>',
                    title='<script>alert(1)</script> & "x"', prefix="ex-a-")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    _check_safe(svg, "a")


@pytest.mark.parametrize("bad", [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><script>alert(1)</script></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><g onclick="x()"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 1 1">'
    '<use xlink:href="http://evil.example/x.svg#a"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><path fill="url(http://evil.example/p)"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><image href="x.png"/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><g/></svg>',
])
def test_the_cleaner_refuses_what_could_run_or_load(bad):
    with pytest.raises(ValueError):
        clean_svg(bad, title="t", prefix="ex-a-")


def test_not_an_exercise_is_refused():
    with pytest.raises(ValueError, match="Exercise"):
        exercise_svg("supine-toe-tap")

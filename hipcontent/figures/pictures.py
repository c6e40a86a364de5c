"""Each exercise's drawing as one self-contained SVG, for the timer, the player and the sheets.

    exercise_svg(exercise) -> '<svg xmlns=... viewBox=... role="img"><title>...</title>...</svg>'

The drawing is the exercise's position figure (hipcontent.figures.poses) through matplotlib's SVG
backend, then cleaned so it can be put inline in any page: text is drawn as paths (no fonts),
nothing is loaded from outside (only links to its own #ids, which carry the exercise id so two
pictures on one page never share an id), no script, no event handler, no style sheet, no
width/height (the page sizes it; the viewBox keeps its proportions), role="img" and an escaped
<title> from the exercise's alt text. Pictures are cached per exercise id and drawing.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from functools import lru_cache
from html import escape

import matplotlib

from hipcontent.content.exercise_models import Exercise

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
_CACHE_SIZE = 256  # pictures kept (a coach's library of thousands draws on demand, bounded)

# Elements a picture may contain: matplotlib's output, nothing that runs or loads.
ALLOWED_TAGS = frozenset({"svg", "title", "defs", "g", "path", "use", "clipPath", "rect", "circle",
                          "ellipse", "line", "polyline", "polygon"})


def exercise_svg(exercise: Exercise) -> str:
    """The exercise's drawing as one inline-safe `<svg>` string (see the module docstring)."""
    if not isinstance(exercise, Exercise):
        raise ValueError(f"exercise must be an Exercise (look it up in your library first); got {type(exercise).__name__}")
    alt = exercise.diagram_alt or f"Drawing of the position for {exercise.name}."
    return _svg(exercise.id, exercise.diagram_pose, alt, "mini_band" in exercise.equipment, exercise)


@lru_cache(maxsize=_CACHE_SIZE)
def _svg(exercise_id: str, pose: str | None, alt: str, bands: bool, exercise: Exercise) -> str:
    from hipcontent.figures.poses import position_figure

    figure = position_figure(exercise)
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": f"hipcontent-{exercise_id}",
                                "svg.image_inline": True}):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, facecolor="white")
    return clean_svg(buffer.getvalue(), title=alt, prefix=f"ex-{exercise_id}-")


def clean_svg(text: str, *, title: str, prefix: str) -> str:
    """Matplotlib's SVG made self-contained and safe inline: see the module docstring.

    Raises ValueError if anything outside ALLOWED_TAGS or a reference outside the picture is left.
    """
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    root = ET.fromstring(re.sub(r"^<\?xml[^>]*>\s*(<!DOCTYPE[^>]*>)?", "", text.lstrip()))
    ns = f"{{{SVG_NS}}}"
    # Drop what a page does not need: metadata, the style sheet, comments (ElementTree drops them).
    for parent in list(root.iter()):
        for child in list(parent):
            local = child.tag.replace(ns, "")
            if local in ("metadata", "style"):
                parent.remove(child)
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    href = f"{{{XLINK_NS}}}href"

    def rename(value: str) -> str:
        return re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}{m.group(1)})", value)

    for el in root.iter():
        local = el.tag.replace(ns, "")
        if local not in ALLOWED_TAGS:
            raise ValueError(f"unexpected <{local}> in a drawing")
        for name in list(el.attrib):
            value = el.attrib[name]
            if name.startswith("on") or name == "style" and "url(" in value.replace("url(#", ""):
                raise ValueError(f"unsafe attribute {name!r} in a drawing")
            if name == "id":
                el.set("id", prefix + value)
            elif name in (href, "href"):
                if not value.startswith("#") or value[1:] not in ids:
                    raise ValueError(f"a drawing may link only to its own parts; found {value!r}")
                del el.attrib[name]
                el.set("href", "#" + prefix + value[1:])
            elif "url(" in value:
                if re.search(r"url\((?!#)", value):
                    raise ValueError(f"a drawing may link only to its own parts; found {value!r}")
                el.set(name, rename(value))
    for name in ("width", "height", "version"):
        root.attrib.pop(name, None)
    if not root.get("viewBox"):
        raise ValueError("a drawing needs a viewBox")
    root.set("role", "img")
    root.set("preserveAspectRatio", "xMidYMid meet")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    # The title goes first so assistive technology finds the picture's name.
    opening = re.match(r"<svg[^>]*>", body).group(0)
    return opening + f"<title>{escape(title, quote=False)}</title>" + body[len(opening):]

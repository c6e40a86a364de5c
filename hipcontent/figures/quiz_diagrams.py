"""Diagrams for label-the-diagram quiz questions, on real bones.

`front_view_schematic(marker="iliacus")` draws a front view of T12-L5, the sacrum, both hip
bones and the upper femurs (MyoSuite's meshes, hipcontent.model.bones: a real femur with its head
and neck, the lesser trochanter where it is) with the hip flexors shaded and one numbered marker
pointing at a structure, and no names (the learner supplies the name). Psoas minor is drawn on one
side only, because it is missing in roughly half of people (Bergman et al.; see lesson 01).

Each structure also has a words-only description of *where* the marker points, used as alt text
so that a screen-reader user can answer the same question without the picture.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Circle, Polygon

from hipcontent.figures import meshes
from hipcontent.figures.bone_views import (
    iliacus_fan,
    psoas_major_centre,
    psoas_minor_centre,
)
from hipcontent.figures.drawing import MIDLINE_Z, _model_points, band_outline
from hipcontent.figures.palette import MUSCLE_COLOURS
from hipcontent.figures.text import shared_measure
from hipcontent.figures.theme import theme_safe
from hipcontent.model import bones

@dataclass(frozen=True)
class Structure:
    key: str
    name: str  # what an answer option shows
    where: str  # where the marker points, in words that do not give the name away

    @property
    def anchor(self) -> tuple[float, float]:
        """The point the marker's leader line touches (front-view metres from the hip centre), on the
        body's right side (the viewer's left): a mesh landmark or a point of the drawn muscle."""
        return _anchors()[self.key]


FRONT_VIEW_STRUCTURES = {
    s.key: s
    for s in (
        Structure("psoas_major", "Psoas major",
                  "a long muscle running down beside the lumbar vertebrae and over the pelvic brim to the thigh"),
        Structure("psoas_minor", "Psoas minor",
                  "a thin strap in front of the long muscle beside the spine, ending at the pelvic brim, drawn on one side only (when it is missing, it is usually missing on both sides)"),
        Structure("iliacus", "Iliacus", "a fan-shaped muscle filling the inner surface of the wing of the pelvis"),
        Structure("lesser_trochanter", "Lesser trochanter",
                  "a small bony knob on the inner side of the upper thigh bone, below its neck"),
        Structure("inguinal_ligament", "Inguinal ligament",
                  "a dashed band running from the front point of the pelvic wing down to the pubic bone"),
        Structure("lumbar_vertebra", "Lumbar vertebra (body)", "one of the stacked blocks of the lower spine on the midline"),
        Structure("iliac_crest", "Iliac crest", "the upper rim of the wing of the pelvis"),
    )
}


def _front(points) -> np.ndarray:
    return meshes.screen(points, "front")


def _mirror(points) -> np.ndarray:
    """The body's left side of front-view points (mirrored about the midline)."""
    points = np.array(points, dtype=float)
    points[:, 0] = -2 * MIDLINE_Z - points[:, 0]
    return points


@cache
def _anchors() -> dict[str, tuple[float, float]]:
    """Where marker 1 points for each structure (front-view metres), all on the body's right side."""
    marks = bones.landmarks()
    major, _ = psoas_major_centre()
    minor, _ = psoas_minor_centre()
    vertebra = bones.mesh("lumbar3").vertices
    points = {
        "psoas_major": major[3], "psoas_minor": minor[2], "iliacus": marks["iliac fossa"],
        "lesser_trochanter": marks["lesser trochanter"],
        "inguinal_ligament": 0.5 * (marks["ASIS"] + marks["pubic tubercle"]),
        "lumbar_vertebra": (vertebra[:, 0].max(), vertebra[:, 1].mean(), MIDLINE_Z),
        "iliac_crest": marks["iliac crest"],
    }
    return {key: tuple(float(v) for v in _front(point)[0]) for key, point in points.items()}


# The quiz shows the diagram at most 420 CSS px wide (widgets/static/quiz.css), 4.375 inches at
# 96 px an inch: drawn at that width its text shows at its own size (the credit line at 13 px, not
# the 8 px of a 6-inch drawing shrunk to 420 px), and it has half the pixels to draw and encode.
QUIZ_WIDTH_IN = 4.375


def front_view_schematic(marker: str | None = None, *, figsize=(QUIZ_WIDTH_IN, 5.25)) -> Figure:
    """A front view on real bones with one numbered marker ("1") on `marker`, or none if None.

    Raises ValueError for an unknown structure, listing the known ones.
    """
    if marker is not None and marker not in FRONT_VIEW_STRUCTURES:
        known = ", ".join(sorted(FRONT_VIEW_STRUCTURES))
        raise ValueError(f"unknown structure {marker!r} for the front view; choose one of: {known}")
    lw = mpl.rcParams["lines.linewidth"]
    figure = Figure(figsize=figsize)
    # The credit, wrapped to the figure's width, under the picture.
    size = FontProperties(size="medium").get_size_in_points()
    credit = shared_measure().wrap(bones.source_line().replace("\n", " "), figsize[0] - 0.3, size)
    bottom = (len(credit) * 1.3 * size / 72 + 0.1) / figsize[1]
    ax = figure.add_axes((0, bottom, 1, 1 - bottom))
    ax.set_aspect("equal")
    ax.set_xlim(-0.19, 0.36)
    ax.set_ylim(-0.235, 0.345)
    ax.axis("off")

    # Bones: the right side and its mirror image, the spine and sacrum, sorted back to front together.
    tris = np.concatenate([meshes.triangles(bones.PELVIS_MESHES + bones.FEMUR_MESHES),
                           meshes.triangles(("r_pelvis", "r_femur"), mirror=True)])
    meshes.draw(ax, tris, "front", gid="bones", zorder=1)

    pelvis_il, femur_il = _model_points("iliacus")
    major, widths = psoas_major_centre()
    shapes = {
        "iliacus": [iliacus_fan("front", pelvis_il[1]),
                    band_outline(_front(np.vstack([pelvis_il[1:], femur_il])), np.linspace(0.016, 0.007, 4))],
        "psoas_major": [band_outline(_front(major), widths)],
    }
    for muscle, outlines in shapes.items():
        for side, outline in enumerate(outlines * 2):
            body_right = side < len(outlines)
            ax.add_patch(Polygon(outline if body_right else _mirror(outline), zorder=4 if muscle == "iliacus" else 5,
                                 gid=muscle if body_right and side == 0 else None,
                                 facecolor=MUSCLE_COLOURS[muscle], edgecolor="black", linewidth=0.6 * lw, alpha=0.85))
    minor, minor_widths = psoas_minor_centre()  # one side only: the body's right (viewer's left)
    ax.add_patch(Polygon(band_outline(_front(minor), minor_widths), zorder=6, gid="psoas_minor",
                         facecolor=MUSCLE_COLOURS["psoas_minor"], edgecolor="black", linewidth=0.6 * lw))
    marks = bones.landmarks()
    ligament = _front([marks["ASIS"], marks["pubic tubercle"]])
    for points, gid in ((ligament, "inguinal_ligament"), (_mirror(ligament), None)):
        ax.plot(points[:, 0], points[:, 1], color="black", linestyle=(0, (4, 2)), linewidth=1.2 * lw, zorder=7, gid=gid)

    if marker is not None:
        ax_, ay = FRONT_VIEW_STRUCTURES[marker].anchor
        mx, my = -0.165, ay
        ax.plot([mx + 0.02, ax_], [my, ay], color="black", linewidth=0.9 * lw, zorder=8)
        ax.add_patch(Circle((ax_, ay), 0.005, facecolor="black", zorder=9))
        ax.add_patch(Circle((mx, my), 0.02, facecolor="white", edgecolor="black", linewidth=1.2 * lw, zorder=9))
        text = ax.text(mx, my, "1", ha="center", va="center", fontsize="x-large", fontweight="bold", zorder=10,
                       gid="marker-1")
        text.set_parse_math(False)
    source = figure.text(0.5, 0.01, "\n".join(credit), ha="center", va="bottom", fontsize="medium")
    source.set_parse_math(False)
    return theme_safe(figure)


def front_view_alt(marker: str) -> str:
    """Alt text for `front_view_schematic(marker)`: the layout and where marker 1 points, in words."""
    where = FRONT_VIEW_STRUCTURES[marker].where
    return (
        "Schematic front view of the lower spine, the pelvis and the upper thigh bones (real bone models, the "
        f"hip flexor muscles drawn as shaded bands). A numbered marker 1 at the left has a line pointing at {where}."
    )

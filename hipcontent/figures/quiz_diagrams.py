"""Schematic diagrams for label-the-diagram quiz questions.

`front_view_schematic(marker="iliacus")` draws a simplified front view of the lumbar spine,
pelvis and upper femurs with one numbered marker pointing at a structure, and no names (the
learner supplies the name). Shapes are schematic, not to scale. Psoas minor is drawn on one side
only, because it is missing in roughly half of people (Bergman et al.; see lesson 01).

Each structure also has a words-only description of *where* the marker points, used as alt text
so that a screen-reader user can answer the same question without the picture.
"""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib as mpl
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Polygon, Rectangle

from hipcontent.figures.palette import BONE_EDGE, BONE_FILL, MUSCLE_COLOURS, OKABE_ITO


@dataclass(frozen=True)
class Structure:
    key: str
    name: str  # what an answer option shows
    where: str  # where the marker points, in words that do not give the name away
    anchor: tuple[float, float]  # the point the marker's leader line touches (drawing units)


# Drawing units: x to the viewer's right, y up; the body's midline is x = 0. Markers point at
# the structures on the viewer's left (the body's right side).
FRONT_VIEW_STRUCTURES = {
    s.key: s
    for s in (
        Structure("psoas_major", "Psoas major",
                  "a long muscle running down beside the lumbar vertebrae and over the pelvic brim to the thigh",
                  (-1.55, 7.7)),
        Structure("psoas_minor", "Psoas minor",
                  "a thin strap in front of the long muscle beside the spine, ending at the pelvic brim, drawn on one side only",
                  (-1.22, 6.3)),
        Structure("iliacus", "Iliacus",
                  "a fan-shaped muscle filling the inner surface of the wing of the pelvis",
                  (-3.7, 5.2)),
        Structure("lesser_trochanter", "Lesser trochanter",
                  "a small bony knob on the inner side of the upper thigh bone, below its neck",
                  (-3.45, 0.35)),
        Structure("inguinal_ligament", "Inguinal ligament",
                  "a dashed band running from the front point of the pelvic wing down to the pubic bone",
                  (-2.9, 3.0)),
        Structure("lumbar_vertebra", "Lumbar vertebra (body)",
                  "one of the stacked blocks of the lower spine on the midline",
                  (0.0, 7.0)),
        Structure("iliac_crest", "Iliac crest",
                  "the upper rim of the wing of the pelvis",
                  (-4.3, 6.55)),
    )
}


def _side(points, s):
    return [(s * x, y) for x, y in points]


def front_view_schematic(marker: str | None = None, *, figsize=(6.0, 6.4)) -> Figure:
    """A schematic front view with one numbered marker ("1") on `marker`, or none if None.

    Raises ValueError for an unknown structure, listing the known ones.
    """
    if marker is not None and marker not in FRONT_VIEW_STRUCTURES:
        known = ", ".join(sorted(FRONT_VIEW_STRUCTURES))
        raise ValueError(f"unknown structure {marker!r} for the front view; choose one of: {known}")
    lw = mpl.rcParams["lines.linewidth"]
    figure = Figure(figsize=figsize)
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_aspect("equal")
    ax.set_xlim(-8.2, 6.2)
    ax.set_ylim(-4.6, 11.0)
    ax.axis("off")
    bone = dict(facecolor=BONE_FILL, edgecolor=BONE_EDGE, linewidth=0.8 * lw)

    # Lower thoracic and lumbar vertebral bodies (T12 to L5) with transverse processes.
    for i, y in enumerate((10.0, 9.0, 8.0, 7.0, 6.0, 5.0)):
        ax.add_patch(Rectangle((-0.8, y - 0.36), 1.6, 0.72, zorder=2, gid=f"vertebra-{i}", **bone))
        if i > 0:  # lumbar transverse processes
            for s in (-1, 1):
                ax.add_patch(Rectangle((0.8 if s > 0 else -1.55, y - 0.12), 0.75, 0.24, zorder=1, **bone))
    for s in (-1, 1):
        # Sacrum half, wing of the pelvis (ilium) and pubis, as one outline per side.
        ax.add_patch(Polygon(_side([(0, 4.55), (1.25, 4.55), (0.9, 3.0), (0, 2.2)], s), zorder=2, **bone))
        ax.add_patch(Polygon(_side([(1.2, 4.6), (2.0, 6.1), (4.2, 6.7), (5.0, 5.8), (4.6, 4.2), (4.2, 3.6),
                                    (3.5, 2.9), (2.8, 2.6), (1.8, 1.9), (0.35, 1.55), (0.35, 0.9), (1.6, 0.8),
                                    (2.5, 1.5), (3.0, 1.6), (1.9, 2.9), (1.1, 3.3)], s), zorder=1, **bone))
        # Femur: head, neck and shaft, and the lesser trochanter on its inner side.
        ax.add_patch(Circle((s * 3.3, 2.25), 0.55, zorder=2, **bone))
        ax.add_patch(Polygon(_side([(3.1, 2.0), (3.6, 2.6), (4.9, 1.9), (4.7, 1.2), (4.3, -4.3), (3.5, -4.3),
                                    (3.5, 0.2)], s), zorder=2, **bone))
        ax.add_patch(Circle((s * 3.42, 0.35), 0.26, zorder=3, gid="lesser-trochanter" if s < 0 else None, **bone))
        # Iliacus: a fan from the iliac fossa converging on the lesser trochanter.
        ax.add_patch(Polygon(_side([(2.2, 5.7), (4.1, 6.35), (4.7, 5.0), (4.2, 3.6), (3.7, 1.0), (3.45, 0.5),
                                    (3.05, 1.4), (2.6, 3.4)], s), zorder=4, gid="iliacus" if s < 0 else None,
                             facecolor=MUSCLE_COLOURS["iliacus"], edgecolor="black", linewidth=0.6 * lw,
                             alpha=0.9))
        # Psoas major: from T12-L5 beside the spine, over the pelvic brim, to the lesser trochanter.
        ax.add_patch(Polygon(_side([(0.8, 10.3), (1.4, 9.7), (1.95, 7.0), (2.25, 4.8), (2.9, 2.6), (3.55, 0.55), (3.2, 0.45),
                                    (2.35, 2.4), (1.45, 4.4), (0.8, 4.8)], s), zorder=5,
                             gid="psoas_major" if s < 0 else None,
                             facecolor=MUSCLE_COLOURS["psoas_major"], edgecolor="black", linewidth=0.6 * lw,
                             alpha=0.9))
        # Inguinal ligament (front point of the pelvic wing to the pubis): the muscles pass beneath it.
        ax.plot([s * 4.6, s * 1.0], [4.2, 1.7], color="black", linestyle=(0, (4, 2)), linewidth=1.2 * lw,
                zorder=7, gid="inguinal_ligament" if s < 0 else None)
    # Psoas minor, one side only: T12/L1 to the pelvic brim (iliopubic eminence).
    ax.plot([-0.9, -1.0, -1.45, -2.35], [9.5, 7.5, 5.0, 2.6], color=MUSCLE_COLOURS["psoas_minor"],
            linewidth=2.2 * lw, solid_capstyle="round", zorder=6, gid="psoas_minor")

    if marker is not None:
        ax_, ay = FRONT_VIEW_STRUCTURES[marker].anchor
        mx, my = -7.2, ay
        ax.plot([mx + 0.45, ax_], [my, ay], color="black", linewidth=0.9 * lw, zorder=8)
        ax.add_patch(Circle((ax_, ay), 0.13, facecolor="black", zorder=9))
        ax.add_patch(Circle((mx, my), 0.45, facecolor="white", edgecolor="black", linewidth=1.2 * lw, zorder=9))
        ax.text(mx, my, "1", ha="center", va="center", fontsize="x-large", fontweight="bold", zorder=10,
                gid="marker-1")
    ax.text(5.9, -4.4, "Schematic, not to scale", ha="right", va="bottom", fontsize="small",
            color=OKABE_ITO["black"], style="italic")
    return figure


def front_view_alt(marker: str) -> str:
    """Alt text for `front_view_schematic(marker)`: the layout and where marker 1 points, in words."""
    where = FRONT_VIEW_STRUCTURES[marker].where
    return (
        "Schematic front view of the lower spine, the pelvis and the upper thigh bones, with the hip "
        f"flexor muscles shaded. A numbered marker 1 at the left has a line pointing at {where}."
    )

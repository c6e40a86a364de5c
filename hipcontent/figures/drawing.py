"""The drawing kit behind the anatomy diagrams: muscle names and styles, bones, bands, markers,
leader-line labels, the record of what was drawn (`DrawnView`) and the alt text built from it.

`hipcontent.figures.diagrams` uses this kit for its front and side views of the iliopsoas, and
re-exports the public names (`line_width`, `MUSCLES`, `DrawnView`, `describe`, ...), so either
module may be imported. Nothing here keeps global state: every function draws into the Axes it
is given. Font sizes are relative and line widths are multiples of rcParams["lines.linewidth"],
so a projector style that raises rcParams enlarges the whole figure.

Coordinates are metres relative to the hip joint centre, in the frame of OpenSim's gait2392
model (hipcontent.model.gait2392): x forward (anterior), y up, z to the person's right.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import matplotlib as mpl
import numpy as np
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon

from hipcontent.figures.palette import BONE_EDGE, BONE_FILL, MUSCLE_COLOURS
from hipcontent.model import gait2392

MUSCLES = ("psoas_major", "psoas_minor", "iliacus")
MUSCLE_NAMES = {"psoas_major": "Psoas major", "psoas_minor": "Psoas minor", "iliacus": "Iliacus"}
# gait2392 has one "psoas" (psoas major) and one "iliacus"; it has no psoas minor.
GAIT2392_NAME = {"psoas_major": "psoas", "iliacus": "iliacus"}

# Marker shapes, so origin and insertion differ in shape, not just colour.
ORIGIN_MARKER = "o"  # circle
INSERTION_MARKER = "s"  # square
MODEL_POINT_MARKER = "x"  # gait2392 path point
HIP_CENTRE_MARKER = "P"  # filled plus

# Drawing styles: ordinary, highlighted, and "the others" when one muscle is highlighted.
_ALPHA = {"normal": 0.6, "highlight": 0.92, "faded": 0.22}
_EDGE_SCALE = {"normal": 0.8, "highlight": 2.0, "faded": 0.5}
_Z_MUSCLE = {"iliacus": 4.0, "psoas_major": 5.0, "psoas_minor": 6.0}
_Z_HIGHLIGHT = 9.0
_HATCH = {"psoas_major": None, "psoas_minor": "...", "iliacus": "//"}  # a second, non-colour cue
_TEXT_COLOUR = "#1A1A1A"
_LEADER_COLOUR = "#333333"

MIDLINE_Z = -0.0835  # the body's midline, relative to the hip centre (gait2392 hip_r offset)
FEMORAL_HEAD_RADIUS = 0.023  # the femur mesh's head (a sphere fitted to it: 23.2 mm)


def check_highlight(highlight: str | None) -> str | None:
    if highlight is not None and highlight not in MUSCLES:
        raise ValueError(
            f"highlight must be one of {', '.join(map(repr, MUSCLES))} or None; got {highlight!r}"
        )
    return highlight


# --------------------------------------------------------------------------- shared helpers


def line_width(scale: float = 1.0) -> float:
    """A line width as a multiple of rcParams["lines.linewidth"] (projector styles raise it)."""
    return scale * float(mpl.rcParams["lines.linewidth"])


def marker_size(scale: float = 1.0) -> float:
    return scale * float(mpl.rcParams["lines.markersize"])


def _style(muscle: str, highlight: str | None) -> str:
    if highlight is None:
        return "normal"
    return "highlight" if muscle == highlight else "faded"


def _catmull_rom(points: np.ndarray, samples: int = 16) -> tuple[np.ndarray, np.ndarray]:
    """A smooth curve through `points` (n, 2); also returns each sample's position as a segment index."""
    padded = np.vstack([2 * points[0] - points[1], points, 2 * points[-1] - points[-2]])
    curve, where = [], []
    for i in range(len(points) - 1):
        p0, p1, p2, p3 = padded[i : i + 4]
        t = np.linspace(0.0, 1.0, samples, endpoint=(i == len(points) - 2))[:, None]
        curve.append(
            0.5
            * ((2 * p1) + (-p0 + p2) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t**2 + (-p0 + 3 * p1 - 3 * p2 + p3) * t**3)
        )
        where.append(i + t[:, 0])
    return np.vstack(curve), np.concatenate(where)


def band_outline(centre: np.ndarray, widths: np.ndarray) -> np.ndarray:
    """Outline of a muscle drawn as a smooth band along `centre` (n, 2) with full `widths` (n,)."""
    curve, where = _catmull_rom(np.asarray(centre, dtype=float))
    width = np.interp(where, np.arange(len(widths)), widths)
    tangent = np.gradient(curve, axis=0)
    tangent /= np.linalg.norm(tangent, axis=1, keepdims=True)
    normal = np.column_stack([-tangent[:, 1], tangent[:, 0]])
    left = curve + normal * width[:, None] / 2
    right = curve - normal * width[:, None] / 2
    return np.vstack([left, right[::-1]])


def draw_bone(ax: Axes, outline, *, gid: str, zorder: float = 1.0, alpha: float = 1.0) -> Polygon:
    patch = Polygon(
        np.asarray(outline, dtype=float), closed=True, facecolor=BONE_FILL, edgecolor=BONE_EDGE,
        linewidth=line_width(0.8), zorder=zorder, alpha=alpha, joinstyle="round",
    )
    patch.set_gid(gid)
    ax.add_patch(patch)
    return patch


def draw_muscle(ax: Axes, muscle: str, outline, highlight: str | None, *, part: str = "belly") -> Polygon:
    """One muscle shape, styled so a highlighted muscle stands out by opacity, edge width and z-order."""
    style = _style(muscle, highlight)
    colour = MUSCLE_COLOURS[muscle]
    patch = Polygon(
        np.asarray(outline, dtype=float), closed=True, facecolor=to_rgba(colour, _ALPHA[style]),
        edgecolor=to_rgba(colour, 0.45 if style == "faded" else 1.0),
        linewidth=line_width(_EDGE_SCALE[style]), hatch=_HATCH[muscle],
        zorder=_Z_HIGHLIGHT if style == "highlight" else _Z_MUSCLE[muscle], joinstyle="round",
    )
    patch.set_gid(f"muscle:{muscle}:{part}")
    ax.add_patch(patch)
    return patch


def draw_attachment(ax: Axes, muscle: str, kind: str, points, highlight: str | None) -> Line2D:
    """Origin (circle) or insertion (square) markers for one muscle."""
    marker = {"origin": ORIGIN_MARKER, "insertion": INSERTION_MARKER}[kind]
    points = np.atleast_2d(np.asarray(points, dtype=float))
    style = _style(muscle, highlight)
    (line,) = ax.plot(
        points[:, 0], points[:, 1], linestyle="none", marker=marker,
        markersize=marker_size(1.15 if style == "highlight" else 0.95),
        markerfacecolor=MUSCLE_COLOURS[muscle], markeredgecolor="black",
        markeredgewidth=line_width(0.6), alpha=1.0 if style != "faded" else 0.5, zorder=12,
    )
    line.set_gid(f"{kind}:{muscle}")
    return line


def draw_model_points(ax: Axes, points, *, gid: str) -> Line2D:
    points = np.atleast_2d(np.asarray(points, dtype=float))
    (line,) = ax.plot(
        points[:, 0], points[:, 1], linestyle="none", marker=MODEL_POINT_MARKER,
        markersize=marker_size(0.7), markeredgewidth=line_width(0.7), color="black", zorder=13,
    )
    line.set_gid(gid)
    return line


def label(ax: Axes, text: str, xy, xytext, *, gid: str, ha: str = "right", size: str = "small",
          weight: str = "normal", wrap: bool = True):
    """A text label joined to what it names by a thin leader line (text never parsed as maths)."""
    if wrap and len(text) > 24 and " (" in text and "\n" not in text:
        text = text.replace(" (", "\n(", 1)  # long names wrap before their explanation
    annotation = ax.annotate(
        text, xy=xy, xytext=xytext, ha=ha, va="center", fontsize=size, fontweight=weight,
        color=_TEXT_COLOUR, zorder=20,
        bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
        arrowprops={"arrowstyle": "-", "color": _LEADER_COLOUR, "linewidth": line_width(0.5),
                    "shrinkA": 0, "shrinkB": 0},
    )
    # A light halo keeps the leader line visible on a dark page (figures are saved transparent).
    annotation.arrow_patch.set_path_effects([patheffects.withStroke(linewidth=line_width(1.6), foreground="white")])
    annotation.set_gid(gid)
    annotation.set_parse_math(False)
    return annotation


LIGHT_BOX = {"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": "none", "alpha": 0.9}


def halo(artist, width: float = 1.8):
    """A white outline round a line, so it reads on a light or a dark page."""
    artist.set_path_effects([patheffects.withStroke(linewidth=line_width(width), foreground="white")])
    return artist


def attachment_legend(ax: Axes, *, extra: tuple = ()) -> None:
    """Explain the marker shapes in words (legend text is part of the figure's Text artists)."""
    handles = [
        Line2D([], [], linestyle="none", marker=ORIGIN_MARKER, markerfacecolor="white",
               markeredgecolor="black", markersize=marker_size(0.9), label="origin (circle)"),
        Line2D([], [], linestyle="none", marker=INSERTION_MARKER, markerfacecolor="white",
               markeredgecolor="black", markersize=marker_size(0.9), label="insertion (square)"),
        Line2D([], [], linestyle="none", marker=MODEL_POINT_MARKER, color="black",
               markersize=marker_size(0.7), label="gait2392 model path point (cross)"),
        *extra,
    ]
    # Below the bones, in space the axes keep free for it, so it never hides a structure.
    ax.legend(handles=handles, loc="lower center", ncol=2, fontsize="small", frameon=True, framealpha=0.9)


def _rotate(points, degrees: float) -> np.ndarray:
    """Rotate (n, 2) points about the hip centre, counter-clockwise in the side view (= flexion)."""
    angle = np.radians(degrees)
    rotation = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    return np.asarray(points, dtype=float) @ rotation.T


@dataclass
class DrawnView:
    """What a drawing function put on the Axes, for alt text, tests and later updates."""

    view: str
    muscles: dict[str, list] = field(default_factory=dict)  # muscle -> its patches
    markers: dict[str, Line2D] = field(default_factory=dict)  # "origin:iliacus" -> markers
    labels: dict[str, object] = field(default_factory=dict)  # gid -> Annotation
    landmarks: list[str] = field(default_factory=list)  # names of the labelled landmarks
    highlight: str | None = None
    flexion_deg: float = 0.0
    bones: dict[str, object] = field(default_factory=dict)  # gid -> the bones' PolyCollection(s)


def _finish_axes(ax: Axes, xlim, ylim) -> None:
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.set_axis_off()


def _model_points(muscle: str) -> tuple[np.ndarray, np.ndarray]:
    """gait2392 path points of psoas major or iliacus: (pelvis points, femur points), 3-D."""
    data = gait2392.muscle(GAIT2392_NAME[muscle])
    pelvis = np.array([p.location for p in data.points if p.body == "pelvis"])
    femur = np.array([p.location for p in data.points if p.body == "femur"])
    return pelvis, femur


def _active_pelvis_points(muscle: str, flexion_deg: float) -> np.ndarray:
    """Pelvis path points in use at this hip angle (gait2392's brim point is conditional)."""
    data = gait2392.muscle(GAIT2392_NAME[muscle])
    keep = []
    for point in data.points:
        if point.body != "pelvis":
            continue
        if point.active_flexion_deg is not None:
            low, high = point.active_flexion_deg
            if not low <= flexion_deg <= high:
                continue
        keep.append(point.location)
    return np.array(keep)



# --------------------------------------------------------------------------- titles and alt text


def _title(view: str, highlight: str | None, flexion_deg: float = 0.0) -> str:
    base = "The right iliopsoas from the front" if view == "front" else "The right iliopsoas from the side"
    if view == "side" and flexion_deg:
        base += f", hip at {flexion_deg:g}° {'flexion' if flexion_deg > 0 else 'extension'}"
    return base + (f": {MUSCLE_NAMES[highlight].lower()} highlighted" if highlight else "")


def _list(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _colour_words() -> dict[str, str]:
    return {"psoas_major": "blue", "psoas_minor": "reddish purple, dotted", "iliacus": "vermillion, hatched"}


def describe(drawn: DrawnView) -> str:
    """Alt text built from what the drawing function actually drew."""
    colours = _colour_words()
    muscles = [f"{MUSCLE_NAMES[m].lower()} ({colours[m]})" for m in MUSCLES if m in drawn.muscles]
    if drawn.view == "front":
        opening = ("Front view of the right side of the lower spine (T12 and L1 to L5), sacrum, hip bone and "
                   "upper femur, drawn from real bone models; the person's right is on the viewer's left.")
        story = ("Psoas major runs down beside the vertebral bodies from T12 or L1 to L4 or L5, iliacus fans out from "
                 "the iliac fossa on the inside of the ilium, and the two converge under the inguinal ligament, "
                 "in front of the hip joint, on the lesser trochanter (their tendon is usually two or more "
                 "bands). Psoas minor lies on the front of psoas major and stops at the pelvic brim.")
    else:
        opening = ("Side view of the right hip bone, femur, sacrum and lower spine (T12 and L1 to L5), drawn "
                   "from real bone models and seen from the right; the front is on the right.")
        if drawn.flexion_deg:
            opening += f" The hip is at {drawn.flexion_deg:g} degrees of {'flexion' if drawn.flexion_deg > 0 else 'extension'}."
        story = ("Psoas major runs down beside the lumbar vertebral bodies, overlapping them in this view, then "
                 "leaves the spine at the level of L4 and L5 and, with the iliacus, curves over the front of the pelvic brim to the "
                 "lesser trochanter. Psoas minor stops on the pelvis and does not cross the hip.")
        if "line of action" in drawn.landmarks:
            story += (" A dashed line shows the iliopsoas line of pull passing in front of the hip joint centre, "
                      "with a green lever arm from the centre to the line: pulling along it flexes the hip.")
    labelled = [name.split(" (")[0] for name in drawn.landmarks if name != "line of action"]
    labelled = list(dict.fromkeys(labelled))
    parts = [opening, f"Muscles drawn: {_list(muscles)}.", story]
    if labelled:
        parts.append(f"Labelled landmarks: {_list(labelled)}.")
    parts.append("The muscles are drawn over the bones as if the bone were clear: the iliacus lies on the "
                 "inner surface of the ilium.")
    if drawn.markers:
        parts.append("Origins are marked with circles and insertions with squares; small crosses mark the "
                     "gait2392 model's path points.")
    if drawn.highlight:
        parts.append(f"{MUSCLE_NAMES[drawn.highlight]} is highlighted: drawn solid and outlined, the others faded.")
    return " ".join(parts)

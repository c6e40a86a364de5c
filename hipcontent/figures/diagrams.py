"""Labelled diagrams of psoas major, psoas minor and iliacus on real bones: front view and side view.

Every drawing function returns or fills a matplotlib Figure built with `Figure()` (no pyplot, no
global state), so the same call always gives the same picture. Colours come from the Okabe–Ito
palette and are never the only cue: each muscle and landmark is named by a label with a leader
line, origins and insertions use different marker shapes, and a legend explains the shapes.
Font sizes are relative ("small", "medium", "large") and line widths are multiples of
rcParams["lines.linewidth"], so a projector style that raises rcParams enlarges the whole figure.

Bones. The pelvis, sacrum, T12-L5 and femur are MyoSuite's meshes (hipcontent.model.bones; from the
OpenSim models of Rajagopal et al. 2016 and Delp et al. 1990, Apache-2.0), drawn as shaded
projections back to front (hipcontent.figures.meshes). Each figure says so in its source line.

Coordinates. Everything is drawn in metres relative to the hip joint centre, in the frame of
OpenSim's gait2392 model (hipcontent.model.gait2392): x forward (anterior), y up, z to the person's
right. The model's psoas and iliacus path points are drawn where the model puts them (small
crosses); the muscle bands follow them (hipcontent.figures.bone_views says how each is built). The
psoas minor is not in gait2392: it is drawn from T12-L1 to the iliopubic eminence, as lesson 01 says.

    front_view(highlight=None, show_attachments=True) -> Figure      anterior view (right side)
    side_view(flexion_deg=0.0, highlight=None, ...) -> Figure        view from the right side
    draw_side_view(ax, flexion_deg=0.0, femur_points=None, ...)      draws into a given Axes
    show_front_view(...) / show_anatomy_side_view(...) -> AccessibleFigure  with caption and alt text

`draw_side_view` is the stable entry point for the interactive hip-angle view: it takes the
hip flexion angle (which turns the femur about the hip centre) and, optionally, femur path
points already placed by another model. The shared drawing kit (styles, bands, labels, markers,
`DrawnView`, `describe`) lives in hipcontent.figures.drawing and is re-exported here.
"""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D

from hipcontent.figures.bone_views import (
    draw_skeleton,
    femur_matrix,
    iliacus_fan,
    iliacus_origin,
    psoas_major_centre,
    psoas_major_origins,
    psoas_minor_centre,
    side_femur_points,
    spread,
    t12_side,
)
from hipcontent.figures.drawing import (  # noqa: F401  (re-exported: the public drawing kit)
    _TEXT_COLOUR,
    FEMORAL_HEAD_RADIUS,
    LIGHT_BOX,
    GAIT2392_NAME,
    HIP_CENTRE_MARKER,
    INSERTION_MARKER,
    MODEL_POINT_MARKER,
    MUSCLE_NAMES,
    MUSCLES,
    ORIGIN_MARKER,
    DrawnView,
    _active_pelvis_points,
    _finish_axes,
    _model_points,
    _title,
    attachment_legend,
    band_outline,
    check_highlight,
    describe,
    draw_attachment,
    draw_model_points,
    draw_muscle,
    halo,
    label,
    line_width,
    marker_size,
)
from hipcontent.figures.meshes import screen
from hipcontent.figures.palette import OKABE_ITO
from hipcontent.model import bones
from hipcontent.views.display import AccessibleFigure

# --------------------------------------------------------------------------- shared


def _gap(ax: Axes, lines: int = 1) -> float:
    """The height of `lines` lines of small text, in data units (metres), with a little air."""
    figure = ax.figure
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    box = ax.get_position()
    width, height = figure.get_figwidth() * box.width * 72, figure.get_figheight() * box.height * 72
    points_per_metre = min(width / (x1 - x0), height / (y1 - y0))
    size = FontProperties(size="small").get_size_in_points()
    return 1.3 * size * lines / points_per_metre


def _label_column(ax: Axes, drawn: DrawnView, items, x: float, ha: str, low: float, high: float) -> None:
    """Labels (name, point) in one column at x, spread so they never overlap, leader lines to the points."""
    if not items:
        return
    gap = _gap(ax, 1)
    heights = spread([float(point[1]) for _, point in items], gap * 1.05, low, high)
    for (name, point), y in zip(items, heights):
        key = "label:" + name.split(" (")[0].lower().replace(" ", "_")
        drawn.labels[key] = label(ax, name, tuple(point), (x, y), gid=key, ha=ha, wrap=False)
        drawn.landmarks.append(name)


def _scaled(figsize) -> tuple[float, float]:
    """The figure size grown with the font (projector style: 18 pt, 1.8 times), so the labels keep
    the room they have at the normal 10 pt and never run into each other or off the figure."""
    scale = max(1.0, float(mpl.rcParams["font.size"]) / 10.0)
    return (figsize[0] * scale, figsize[1] * scale)


def _sacrum_point() -> np.ndarray:
    vertices = bones.mesh("sacrum").vertices
    return vertices.mean(axis=0)


def _muscle_label(ax, drawn, muscle, point, xy, ha, highlight):
    drawn.labels[f"label:{muscle}"] = label(
        ax, MUSCLE_NAMES[muscle], tuple(point), xy, gid=f"label:{muscle}", ha=ha, size="medium",
        weight="bold" if muscle == highlight else "normal", wrap=False)


def _draw_muscles(ax: Axes, drawn: DrawnView, view: str, highlight, *, flexion_deg: float = 0.0,
                  femur_points: Mapping | None = None) -> dict:
    """The three muscles on the real bones; returns the paths used {muscle: (pelvis, femur)} (3-D)."""
    paths = {}
    for muscle in ("psoas_major", "iliacus"):
        pelvis = _active_pelvis_points(muscle, flexion_deg)
        femur = side_femur_points(muscle, flexion_deg, femur_points) if view == "side" else _model_points(muscle)[1]
        paths[muscle] = (pelvis, femur)
    pelvis_il, femur_il = paths["iliacus"]
    tendon = screen(np.vstack([pelvis_il[1:], femur_il]), view)
    drawn.muscles["iliacus"] = [
        draw_muscle(ax, "iliacus", iliacus_fan(view, pelvis_il[1]), highlight, part="belly"),
        draw_muscle(ax, "iliacus", band_outline(tendon, np.linspace(0.016, 0.007, len(tendon))), highlight,
                    part="tendon"),
    ]
    centre, widths = psoas_major_centre(flexion_deg, paths["psoas_major"][1])
    drawn.muscles["psoas_major"] = [draw_muscle(ax, "psoas_major", band_outline(screen(centre, view), widths), highlight)]
    minor, minor_widths = psoas_minor_centre()
    drawn.muscles["psoas_minor"] = [
        draw_muscle(ax, "psoas_minor", band_outline(screen(minor, view), minor_widths), highlight)]
    for muscle, (pelvis, femur) in paths.items():
        draw_model_points(ax, screen(np.vstack([pelvis, femur]), view), gid=f"model:{muscle}")
    ax.plot(0.0, 0.0, marker=HIP_CENTRE_MARKER, color="black", markersize=marker_size(0.9),
            linestyle="none", zorder=14, gid="landmark:hip_centre")
    return paths


def _draw_attachments(ax: Axes, drawn: DrawnView, view: str, paths: dict, highlight) -> None:
    minor, _ = psoas_minor_centre()
    attachments = {
        "psoas_major": (psoas_major_origins(), paths["psoas_major"][1][-1:]),
        "psoas_minor": (minor[:2], minor[-1:]),
        "iliacus": (None, paths["iliacus"][1][-1:]),
    }
    for muscle, (origin, insertion) in attachments.items():
        origin_2d = iliacus_origin(view) if origin is None else screen(origin, view)
        drawn.markers[f"origin:{muscle}"] = draw_attachment(ax, muscle, "origin", origin_2d, highlight)
        drawn.markers[f"insertion:{muscle}"] = draw_attachment(ax, muscle, "insertion", screen(insertion, view),
                                                               highlight)


def _source(figure: Figure) -> None:
    """The models and the licence, in small print along the bottom of the figure."""
    text = figure.text(0.5, 0.004, bones.source_line(), ha="center", va="bottom",
                       fontsize="small", color=_TEXT_COLOUR, gid="source")
    text.set_parse_math(False)
    text.set_bbox(LIGHT_BOX)


# --------------------------------------------------------------------------- front view


def draw_front_view(ax: Axes, *, highlight: str | None = None, show_attachments: bool = True,
                    show_labels: bool = True) -> DrawnView:
    """Anterior view of the right side on real bones: T12-L5, sacrum, hip bone, femur, the three
    muscles, the inguinal ligament (the person's right on the viewer's left)."""
    highlight = check_highlight(highlight)
    drawn = DrawnView(view="front", highlight=highlight)
    _finish_axes(ax, (-0.26, 0.30), (-0.20, 0.345))
    draw_skeleton(ax, "front")
    paths = _draw_muscles(ax, drawn, "front", highlight)
    marks = bones.landmarks()
    # Inguinal ligament: superficial to the muscles, from the ASIS to the pubic tubercle.
    ligament = screen([marks["ASIS"], marks["pubic tubercle"]], "front")
    (line,) = ax.plot(ligament[:, 0], ligament[:, 1], color="black", linewidth=line_width(1.6),
                      linestyle=(0, (4, 1.5)), solid_capstyle="round", zorder=15)
    line.set_gid("landmark:inguinal_ligament")
    halo(line, 2.6)
    if show_attachments:
        _draw_attachments(ax, drawn, "front", paths, highlight)
        attachment_legend(ax, extra=(
            Line2D([], [], color="black", linestyle=(0, (4, 1.5)), linewidth=line_width(1.6), label="inguinal ligament"),
            Line2D([], [], linestyle="none", marker=HIP_CENTRE_MARKER, color="black",
                   markersize=marker_size(0.9), label="hip joint centre"),
        ))
    if show_labels:
        left, right = -0.115, 0.175
        major, _ = psoas_major_centre()
        f = {name: screen(point, "front")[0] for name, point in marks.items()}
        mid_ligament = 0.5 * (ligament[0] + ligament[1])
        tendon = screen(paths["iliacus"][1][:1], "front")[0]
        _muscle_label(ax, drawn, "iliacus", screen(bones.landmarks()["iliac fossa"], "front")[0] + (-0.01, 0.0),
                      (left, 0.225), "right", highlight)
        lateral = [("Iliac crest", f["iliac crest"]), ("Iliac fossa", f["iliac fossa"]), ("ASIS", f["ASIS"]), ("AIIS", f["AIIS"]),
                   ("Femoral head", f["femoral head"]), ("Hip joint centre", (0.0, 0.0)),
                   ("Femoral neck", f["femoral neck"]), ("Greater trochanter", f["greater trochanter"]),
                   ("Iliopsoas tendon", tendon), ("Femur", screen([(0.0, -0.13, 0.02)], "front")[0])]
        _label_column(ax, drawn, lateral, left, "right", -0.13, 0.17)
        _muscle_label(ax, drawn, "psoas_minor", screen(psoas_minor_centre()[0][1], "front")[0], (left, 0.325),
                      "right", highlight)
        _muscle_label(ax, drawn, "psoas_major", screen(major[3], "front")[0] + (-0.012, 0.0), (left, 0.275), "right",
                      highlight)
        vertebrae = [("T12", screen(t12_side(), "front")[0] + (0.02, 0.0))]
        vertebrae += [(f"L{n}", f[f"L{n} body"] + (0.02, 0.0)) for n in range(1, 6)]
        medial = [*vertebrae, ("L3 transverse process", f["L3 transverse process"]),
                  ("Sacrum", screen(_sacrum_point(), "front")[0]),
                  ("Inguinal ligament", mid_ligament), ("Iliopubic eminence", f["iliopubic eminence"]),
                  ("Pubic tubercle", f["pubic tubercle"]),
                  ("Muscular lacuna", 0.5 * (mid_ligament + f["iliopubic eminence"])),
                  ("Lesser trochanter", f["lesser trochanter"])]
        _label_column(ax, drawn, medial, right, "left", -0.12, 0.26)
    return drawn


def front_view(highlight: str | None = None, show_attachments: bool = True, show_labels: bool = True,
               figsize: tuple[float, float] = (8.0, 7.8)) -> Figure:
    """Front (anterior) view of the right iliopsoas as a new Figure."""
    figure = Figure(figsize=_scaled(figsize))
    ax = figure.add_axes((0.0, 0.065, 1.0, 0.865))
    drawn = draw_front_view(ax, highlight=highlight, show_attachments=show_attachments, show_labels=show_labels)
    figure.suptitle(_title("front", drawn.highlight), fontsize="large", y=0.975, bbox=LIGHT_BOX)
    _source(figure)
    figure.drawn = drawn  # what was drawn, for alt text and tests
    return figure


# --------------------------------------------------------------------------- side view


def _perpendicular_foot(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Foot of the perpendicular from the hip centre (origin) to the line through a and b."""
    direction = (b - a) / np.linalg.norm(b - a)
    return a - np.dot(a, direction) * direction


def _line_of_action(ax: Axes, drawn: DrawnView, paths: dict, highlight, show_labels: bool) -> None:
    """The segment that crosses the joint (last pelvis point to first femur point) and its lever arm."""
    muscle = highlight if highlight in paths else "psoas_major"
    pelvis, femur = paths[muscle]
    a, b = pelvis[-1, :2], femur[0, :2]
    direction = (a - b) / np.linalg.norm(a - b)
    start, end = b - 0.045 * direction, a + 0.060 * direction
    (line,) = ax.plot([start[0], end[0]], [start[1], end[1]], color="black", linewidth=line_width(1.3),
                      linestyle=(0, (5, 2)), zorder=16)
    line.set_gid("line_of_action")
    halo(line, 2.4)
    ax.annotate("", xy=a + 0.055 * direction, xytext=a + 0.020 * direction, zorder=16,
                arrowprops={"arrowstyle": "-|>", "color": "black", "linewidth": line_width(1.3),
                            "mutation_scale": 8 * line_width(1.0)})
    foot = _perpendicular_foot(a, b)
    (lever,) = ax.plot([0.0, foot[0]], [0.0, foot[1]], color=OKABE_ITO["bluish_green"],
                       linewidth=line_width(1.6), zorder=17, solid_capstyle="round")
    lever.set_gid("lever_arm")
    halo(lever, 2.6)
    drawn.landmarks.append("line of action")
    if show_labels:
        drawn.labels["label:line_of_action"] = label(
            ax, "Line of pull\n(passes in front of\nthe hip centre)", tuple(a + 0.050 * direction), (0.115, 0.195),
            gid="label:line_of_action", ha="left")
        drawn.labels["label:lever_arm"] = label(
            ax, "Lever arm (green)", tuple(foot / 2), (0.115, -0.035), gid="label:lever_arm", ha="left")


def draw_side_view(ax: Axes, flexion_deg: float = 0.0, *, femur_points: Mapping | None = None,
                   highlight: str | None = None, show_attachments: bool = True,
                   show_line_of_action: bool = True, show_labels: bool = True,
                   separate_femur: bool = False, femur_rotation: np.ndarray | None = None) -> DrawnView:
    """Draw the side (sagittal) view of the right hip into `ax` on real bones, seen from the right
    (front is to the right). Stable signature, reused by the interactive hip-angle view.

    flexion_deg: hip flexion in degrees (+ flexion, - extension). The femur and, unless
        `femur_points` is given, the gait2392 femur path points turn by this angle about the hip
        centre; gait2392's conditional brim point is used only in its active range (-90 to 45).
    femur_points: optional mapping {"psoas": array, "iliacus": array} of each muscle's femur path
        points (gait2392 order, rows of x, y[, z] in metres from the hip centre) already moved to
        the pose by another model; they replace the turned gait2392 points.
    highlight: "psoas_major", "psoas_minor", "iliacus" or None.
    show_attachments / show_line_of_action / show_labels: markers and legend; the iliopsoas line
        of action and its lever arm; text labels with leader lines.
    separate_femur: draw the femur as its own collection ("bone:femur") over the pelvis, for a
        caller that moves it; otherwise all bones are one collection sorted back to front.
    femur_rotation: the femur's 3x3 rotation when another model also adds adduction or rotation
        (default: flexion only), so the bone and `femur_points` move together.

    Returns a DrawnView listing the artists drawn (its `bones` maps gids to collections).
    """
    highlight = check_highlight(highlight)
    flexion_deg = float(flexion_deg)
    drawn = DrawnView(view="side", highlight=highlight, flexion_deg=flexion_deg)
    _finish_axes(ax, (-0.29, 0.33), (-0.20, 0.345))
    matrix = femur_matrix(flexion_deg) if femur_rotation is None else np.asarray(femur_rotation, dtype=float)
    drawn.bones = draw_skeleton(ax, "side", matrix=matrix, separate_femur=separate_femur)
    paths = _draw_muscles(ax, drawn, "side", highlight, flexion_deg=flexion_deg, femur_points=femur_points)
    if show_line_of_action:
        _line_of_action(ax, drawn, paths, highlight, show_labels)
    if show_attachments:
        _draw_attachments(ax, drawn, "side", paths, highlight)
        attachment_legend(ax, extra=(
            Line2D([], [], linestyle="none", marker=HIP_CENTRE_MARKER, color="black",
                   markersize=marker_size(0.9), label="hip joint centre"),
        ))
    if show_labels:
        right, left = 0.115, -0.135
        marks = bones.landmarks()
        s = {name: screen(point, "side")[0] for name, point in marks.items()}
        turned = {name: screen(marks[name] @ matrix.T, "side")[0]
                  for name in ("femoral head", "femoral neck", "greater trochanter")}
        major, _ = psoas_major_centre(flexion_deg, paths["psoas_major"][1])
        _muscle_label(ax, drawn, "psoas_minor", screen(psoas_minor_centre()[0][2], "side")[0], (right, 0.320),
                      "left", highlight)
        _muscle_label(ax, drawn, "psoas_major", screen(major[5], "side")[0], (right, 0.280), "left", highlight)
        _muscle_label(ax, drawn, "iliacus", screen(marks["iliac fossa"], "side")[0], (right, 0.240), "left",
                      highlight)
        lesser = screen(paths["psoas_major"][1][-1:], "side")[0]
        front = [("Iliac crest", s["iliac crest"]), ("ASIS", s["ASIS"]), ("AIIS", s["AIIS"]), ("Iliopubic eminence", s["iliopubic eminence"]),
                 ("Pubic tubercle", s["pubic tubercle"])]
        if not show_line_of_action:
            front.append(("Hip joint centre", (0.0, 0.0)))
        _label_column(ax, drawn, front, right, "left", -0.02, 0.17)
        femur_label = screen(np.array([0.0, -0.13, 0.0]) @ matrix.T, "side")[0]
        back = [("T12", screen(t12_side(), "side")[0] + (-0.03, 0.0))]
        back += [(f"L{n}", s[f"L{n} body"] + (-0.02, 0.0)) for n in range(1, 6)]
        back += [("L3 transverse process", s["L3 transverse process"]),
                 ("Sacrum", screen(_sacrum_point(), "side")[0]), ("Iliac fossa", s["iliac fossa"]),
                 ("Femoral head", turned["femoral head"]), ("Femoral neck", turned["femoral neck"]),
                 ("Greater trochanter", turned["greater trochanter"]), ("Lesser trochanter", lesser),
                 ("Femur", femur_label)]
        if show_line_of_action:
            back.insert(-4, ("Hip joint centre", (0.0, 0.0)))
        _label_column(ax, drawn, back, left, "right", -0.13, 0.33)
    return drawn


def side_view(flexion_deg: float = 0.0, highlight: str | None = None, show_attachments: bool = True,
              show_line_of_action: bool = True, show_labels: bool = True, femur_points: Mapping | None = None,
              figsize: tuple[float, float] = (8.0, 7.8), femur_rotation: np.ndarray | None = None) -> Figure:
    """Side (sagittal) view of the right iliopsoas, seen from the right, as a new Figure."""
    figure = Figure(figsize=_scaled(figsize))
    ax = figure.add_axes((0.0, 0.065, 1.0, 0.865))
    drawn = draw_side_view(ax, flexion_deg, femur_points=femur_points, highlight=highlight,
                           show_attachments=show_attachments, show_line_of_action=show_line_of_action,
                           show_labels=show_labels, femur_rotation=femur_rotation)
    figure.suptitle(_title("side", drawn.highlight, flexion_deg), fontsize="large", y=0.975, bbox=LIGHT_BOX)
    _source(figure)
    figure.drawn = drawn
    return figure


# --------------------------------------------------------------------------- notebook-facing


def show_front_view(highlight: str | None = None, show_attachments: bool = True) -> AccessibleFigure:
    """The front view with a caption and alt text, ready to show in a notebook."""
    figure = front_view(highlight=highlight, show_attachments=show_attachments)
    caption = ("Front view of the right iliopsoas on real bones (MyoSuite meshes, Apache-2.0), muscle paths from "
               "the gait2392 model. Psoas major and iliacus end together on the lesser trochanter; psoas minor "
               "ends on the pelvis.")
    if highlight:
        caption += f" {MUSCLE_NAMES[highlight]} is highlighted."
    return AccessibleFigure(figure, alt=describe(figure.drawn), caption=caption, transparent=True)


def show_anatomy_side_view(flexion_deg: float = 0.0, highlight: str | None = None, show_attachments: bool = True,
                   show_line_of_action: bool = True) -> AccessibleFigure:
    """The side view with a caption and alt text, ready to show in a notebook."""
    figure = side_view(flexion_deg, highlight=highlight, show_attachments=show_attachments,
                       show_line_of_action=show_line_of_action)
    caption = ("Side view of the right hip on real bones (MyoSuite meshes, Apache-2.0), muscle paths from the "
               "gait2392 model. "
               "The iliopsoas passes in front of the hip joint centre, so its pull flexes the hip.")
    if highlight:
        caption += f" {MUSCLE_NAMES[highlight]} is highlighted."
    return AccessibleFigure(figure, alt=describe(figure.drawn), caption=caption, transparent=True)

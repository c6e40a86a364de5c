"""Labelled diagrams of psoas major, psoas minor and iliacus: front view and side view.

Every drawing function returns or fills a matplotlib Figure built with `Figure()` (no pyplot, no
global state), so the same call always gives the same picture. Colours come from the Okabe–Ito
palette and are never the only cue: each muscle and landmark is named by a label with a leader
line, origins and insertions use different marker shapes, and a legend explains the shapes.
Font sizes are relative ("small", "medium", "large") and line widths are multiples of
rcParams["lines.linewidth"], so a projector style that raises rcParams enlarges the whole figure.

Coordinates. Everything is drawn in metres relative to the hip joint centre, in the frame of
OpenSim's gait2392 model (hipcontent.gait2392): x forward (anterior), y up, z to the person's
right. The femoral head is centred on the hip centre, and the model's psoas and iliacus path
points are drawn on the bones (small crosses). The bones are schematic outlines sized to those
coordinates; the psoas minor is not in gait2392 and is drawn schematically from its described
attachments (T12-L1 to the iliopubic eminence).

    front_view(highlight=None, show_attachments=True) -> Figure      anterior view (right side)
    side_view(flexion_deg=0.0, highlight=None, ...) -> Figure        view from the right side
    draw_side_view(ax, flexion_deg=0.0, femur_points=None, ...)      draws into a given Axes
    show_front_view(...) / show_anatomy_side_view(...) -> AccessibleFigure  with caption and alt text

`draw_side_view` is the stable entry point for the interactive hip-angle view: it takes the
hip flexion angle (which rotates the femur about the hip centre) and, optionally, femur path
points already placed by another model. The shared drawing kit (styles, bands, labels, markers,
`DrawnView`, `describe`) lives in hipcontent.figures.drawing and is re-exported here.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Ellipse

from hipcontent.figures.drawing import (  # noqa: F401  (re-exported: the public drawing kit)
    _ASIS,
    _FEMUR_FRONT,
    _FEMUR_SIDE,
    _HEMIPELVIS_FRONT,
    _HIP_BONE_SIDE,
    _ILIOPUBIC_EMINENCE,
    _ILIOPUBIC_EMINENCE_SIDE,
    _LESSER_TROCHANTER_SIDE,
    _OBTURATOR_FRONT,
    _OBTURATOR_SIDE,
    _PUBIC_TUBERCLE,
    _SACRUM_SIDE,
    _VERTEBRAE_SIDE,
    FEMORAL_HEAD_RADIUS,
    GAIT2392_NAME,
    HIP_CENTRE_MARKER,
    INSERTION_MARKER,
    MIDLINE_Z,
    MODEL_POINT_MARKER,
    MUSCLE_NAMES,
    MUSCLES,
    ORIGIN_MARKER,
    VERTEBRAE,
    DrawnView,
    _active_pelvis_points,
    _finish_axes,
    _model_points,
    _rotate,
    _title,
    attachment_legend,
    band_outline,
    check_highlight,
    describe,
    draw_attachment,
    draw_bone,
    draw_model_points,
    draw_muscle,
    label,
    line_width,
    marker_size,
)
from hipcontent.figures.palette import BONE_EDGE, BONE_FILL, OKABE_ITO
from hipcontent.views.display import AccessibleFigure

# --------------------------------------------------------------------------- front view


def _front(points) -> np.ndarray:
    """(z, y) -> drawing coordinates (u, y) with u = -z: the person's right appears on your left."""
    points = np.atleast_2d(np.asarray(points, dtype=float))
    return np.column_stack([-points[:, 0], points[:, 1]])


def _front_psoas_major() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    pelvis, femur = _model_points("psoas_major")
    spine = [
        (MIDLINE_Z + 0.018, 0.288), (MIDLINE_Z + 0.021, 0.250), (MIDLINE_Z + 0.024, 0.212),
        (MIDLINE_Z + 0.027, 0.180),
    ]
    below = [(MIDLINE_Z + 0.036, 0.100)]
    centre = np.vstack([spine, pelvis[:1, [2, 1]], below, pelvis[1:, [2, 1]], femur[:, [2, 1]]])
    widths = np.array([0.012, 0.022, 0.030, 0.037, 0.040, 0.034, 0.018, 0.012, 0.009, 0.007])
    origins = np.array([(MIDLINE_Z + 0.021, (lo + hi) / 2) for lo, hi in VERTEBRAE.values()])
    return centre, widths, origins


def _front_psoas_minor() -> tuple[np.ndarray, np.ndarray]:
    centre = np.array([
        (MIDLINE_Z + 0.013, 0.262), (MIDLINE_Z + 0.018, 0.215), (MIDLINE_Z + 0.026, 0.160),
        (MIDLINE_Z + 0.036, 0.100), (-0.032, 0.050), _ILIOPUBIC_EMINENCE,
    ])
    widths = np.array([0.011, 0.015, 0.007, 0.005, 0.005, 0.005])
    return centre, widths


def _front_iliacus_fan() -> np.ndarray:
    pelvis, _ = _model_points("iliacus")
    brim_entry = pelvis[1, [2, 1]]  # where the fan funnels into the tendon at the pelvic brim
    return np.array([
        (-0.036, 0.090), (-0.028, 0.106), (-0.012, 0.119), (0.012, 0.125), (0.032, 0.119),
        (0.047, 0.105), (0.049, 0.090), (0.034, 0.068), (0.029, 0.052), (0.031, 0.038),
        (0.016, 0.020), brim_entry + (0.006, 0.0), brim_entry + (-0.008, 0.0),
        (-0.024, 0.030), (-0.034, 0.055), (-0.040, 0.075),
    ])


def draw_front_view(ax: Axes, *, highlight: str | None = None, show_attachments: bool = True,
                    show_labels: bool = True) -> DrawnView:
    """Anterior view of the right side: T12-L5, sacrum, ilium, femur, the three muscles, inguinal ligament."""
    highlight = check_highlight(highlight)
    drawn = DrawnView(view="front", highlight=highlight)
    mid_u = -MIDLINE_Z

    # Bones: vertebral bodies with transverse processes (the 12th rib at T12), sacrum, hip bone, femur.
    for name, (low, high) in VERTEBRAE.items():
        half = 0.020 if name == "T12" else 0.023
        body = [(mid_u - half, low), (mid_u + half, low), (mid_u + half, high), (mid_u - half, high)]
        draw_bone(ax, body, gid=f"bone:{name}", zorder=1.5)
        middle = (low + high) / 2
        if name == "T12":
            rib = [(mid_u - half, middle + 0.004), (mid_u - 0.075, middle - 0.030),
                   (mid_u - 0.078, middle - 0.038), (mid_u - half, middle - 0.004)]
            draw_bone(ax, rib, gid="bone:rib12", zorder=1.2)
        else:
            reach = {"L1": 0.040, "L2": 0.045, "L3": 0.052, "L4": 0.048, "L5": 0.050}[name]
            for side in (-1, 1):
                process = [(mid_u + side * half, middle + 0.004), (mid_u + side * reach, middle + 0.003),
                           (mid_u + side * reach, middle - 0.004), (mid_u + side * half, middle - 0.004)]
                draw_bone(ax, process, gid=f"bone:{name}-process", zorder=1.2)
    sacrum = [(mid_u - 0.050, 0.088), (mid_u + 0.050, 0.088), (mid_u + 0.046, 0.060), (mid_u + 0.034, 0.025),
              (mid_u + 0.012, -0.010), (mid_u, -0.022), (mid_u - 0.012, -0.010), (mid_u - 0.034, 0.025),
              (mid_u - 0.046, 0.060)]
    draw_bone(ax, sacrum, gid="bone:sacrum", zorder=1.3)
    draw_bone(ax, _front(_HEMIPELVIS_FRONT), gid="bone:hip", zorder=1.4)
    (cz, cy), width, height = _OBTURATOR_FRONT
    ax.add_patch(Ellipse((-cz, cy), width, height, facecolor="white", edgecolor=BONE_EDGE,
                         linewidth=line_width(0.8), zorder=1.45))
    draw_bone(ax, _front(_FEMUR_FRONT), gid="bone:femur", zorder=2.0)
    ax.add_patch(Circle((0.0, 0.0), FEMORAL_HEAD_RADIUS, facecolor=BONE_FILL, edgecolor=BONE_EDGE,
                        linewidth=line_width(0.8), zorder=2.1, gid="bone:femoral_head"))

    # Muscles: iliacus fan and tendon, psoas major band, psoas minor on its front.
    pelvis_il, femur_il = _model_points("iliacus")
    tendon_il = np.vstack([pelvis_il[1:, [2, 1]], femur_il[:, [2, 1]]])
    drawn.muscles["iliacus"] = [
        draw_muscle(ax, "iliacus", _front(_front_iliacus_fan()), highlight, part="belly"),
        draw_muscle(ax, "iliacus", _front(band_outline(tendon_il, np.array([0.016, 0.011, 0.008, 0.006]))),
                    highlight, part="tendon"),
    ]
    centre_pm, widths_pm, origins_pm = _front_psoas_major()
    drawn.muscles["psoas_major"] = [draw_muscle(ax, "psoas_major", _front(band_outline(centre_pm, widths_pm)), highlight)]
    centre_pmin, widths_pmin = _front_psoas_minor()
    drawn.muscles["psoas_minor"] = [
        draw_muscle(ax, "psoas_minor", _front(band_outline(centre_pmin, widths_pmin)), highlight)
    ]

    # Inguinal ligament: superficial to the muscles, from the ASIS to the pubic tubercle.
    ligament = _front([_ASIS, _PUBIC_TUBERCLE])
    (line,) = ax.plot(ligament[:, 0], ligament[:, 1], color="black", linewidth=line_width(1.6),
                      linestyle=(0, (4, 1.5)), solid_capstyle="round", zorder=15)
    line.set_gid("landmark:inguinal_ligament")
    ax.plot(0.0, 0.0, marker=HIP_CENTRE_MARKER, color="black", markersize=marker_size(0.9),
            linestyle="none", zorder=14, gid="landmark:hip_centre")

    # The gait2392 path points, drawn where the model puts them.
    for muscle in ("psoas_major", "iliacus"):
        pelvis, femur = _model_points(muscle)
        draw_model_points(ax, _front(np.vstack([pelvis, femur])[:, [2, 1]]), gid=f"model:{muscle}")

    if show_attachments:
        iliacus_origin = _front([(-0.030, 0.105), (0.010, 0.123), (0.046, 0.103), (0.034, 0.066), (0.031, 0.040)])
        attachments = {
            "psoas_major": (_front(origins_pm), _front(centre_pm[-1:])),
            "psoas_minor": (_front([(MIDLINE_Z + 0.013, 0.262)]), _front([_ILIOPUBIC_EMINENCE])),
            "iliacus": (iliacus_origin, _front(femur_il[-1:, [2, 1]])),
        }
        for muscle, (origin, insertion) in attachments.items():
            drawn.markers[f"origin:{muscle}"] = draw_attachment(ax, muscle, "origin", origin, highlight)
            drawn.markers[f"insertion:{muscle}"] = draw_attachment(ax, muscle, "insertion", insertion, highlight)

    if show_labels:
        left, right = -0.085, 0.135
        muscle_weight = {m: ("bold" if m == highlight else "normal") for m in MUSCLES}
        drawn.labels["label:psoas_minor"] = label(
            ax, "Psoas minor", _front([(MIDLINE_Z + 0.016, 0.232)])[0], (left, 0.300), gid="label:psoas_minor",
            size="medium", weight=muscle_weight["psoas_minor"])
        drawn.labels["label:psoas_major"] = label(
            ax, "Psoas major", _front([(MIDLINE_Z + 0.034, 0.196)])[0], (left, 0.250), gid="label:psoas_major",
            size="medium", weight=muscle_weight["psoas_major"])
        drawn.labels["label:iliacus"] = label(
            ax, "Iliacus", _front([(0.020, 0.095)])[0], (left, 0.150), gid="label:iliacus",
            size="medium", weight=muscle_weight["iliacus"])
        landmarks_left = [
            ("Ilium (iliac crest)", (0.040, 0.122), 0.195),
            ("ASIS (anterior superior iliac spine)", _ASIS, 0.105),
            ("Inguinal ligament", (0.020, 0.054), 0.060),
            ("Hip joint centre (femoral head)", (0.0, 0.0), 0.020),
            ("Iliopsoas tendon", (0.0, -0.030), -0.025),
        ]
        landmarks_right = [
            *[(name, (MIDLINE_Z - 0.023, (lo + hi) / 2), (lo + hi) / 2) for name, (lo, hi) in VERTEBRAE.items()],
            ("Sacrum", (MIDLINE_Z - 0.020, 0.045), 0.050),
            # The muscular lacuna: the gap under the ligament where muscles and femoral nerve pass.
            ("Pubic tubercle", _PUBIC_TUBERCLE, 0.018),
            ("Muscular lacuna (under the ligament)", (0.004, 0.022), -0.022),
            ("Iliopubic eminence", _ILIOPUBIC_EMINENCE, -0.062),
            ("Lesser trochanter", (0.0104, -0.0597), -0.098),
            ("Femur", (0.030, -0.150), -0.140),
        ]
        for name, point, y in landmarks_left:
            key = "label:" + name.split(" (")[0].lower().replace(" ", "_")
            drawn.labels[key] = label(ax, name, _front([point])[0], (left, y), gid=key, ha="right")
            drawn.landmarks.append(name)
        for name, point, y in landmarks_right:
            key = "label:" + name.split(" (")[0].lower().replace(" ", "_")
            drawn.labels[key] = label(ax, name, _front([point])[0], (right, y), gid=key, ha="left")
            drawn.landmarks.append(name)
    if show_attachments:
        attachment_legend(ax, extra=(
            Line2D([], [], color="black", linestyle=(0, (4, 1.5)), linewidth=line_width(1.6), label="inguinal ligament"),
            Line2D([], [], linestyle="none", marker=HIP_CENTRE_MARKER, color="black",
                   markersize=marker_size(0.9), label="hip joint centre"),
        ))
    _finish_axes(ax, (-0.30, 0.27), (-0.275, 0.315))
    return drawn


def front_view(highlight: str | None = None, show_attachments: bool = True, show_labels: bool = True,
               figsize: tuple[float, float] = (8.0, 8.4)) -> Figure:
    """Front (anterior) view of the right iliopsoas as a new Figure."""
    figure = Figure(figsize=figsize)
    ax = figure.add_axes((0.0, 0.0, 1.0, 0.93))
    drawn = draw_front_view(ax, highlight=highlight, show_attachments=show_attachments, show_labels=show_labels)
    figure.suptitle(_title("front", drawn.highlight), fontsize="large", y=0.975)
    figure.drawn = drawn  # what was drawn, for alt text and tests
    return figure


# --------------------------------------------------------------------------- side view


def _side_psoas_major(pelvis: np.ndarray, femur: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Centre line, widths and origin markers of the psoas major in the side view.

    The muscle lies beside the lumbar vertebral bodies (between their sides and the transverse
    processes), so in a side view it overlaps the bodies, its line of pull close to the segments'
    axes: that is why its bending moments on the lumbar spine are small (Bogduk et al. 1992). It
    leaves the spine only below L4-L5, on its way forward over the pelvic brim, not as a bowstring
    in front of the lumbar bodies.
    """
    spine = [(-0.040, 0.284), (-0.025, 0.252), (-0.012, 0.218), (-0.004, 0.184)]
    below = [(0.018, 0.105)]
    centre = np.vstack([spine, pelvis[:1], below, pelvis[1:], femur])
    widths = np.concatenate([[0.010, 0.017, 0.023, 0.027, 0.029, 0.026], np.linspace(0.014, 0.007, len(pelvis) - 1 + len(femur))])
    # Origins on the sides of the bodies and discs, seen through the muscle from the side.
    origins = np.array([(centre_x + 0.006, y) for (centre_x, y), _ in _VERTEBRAE_SIDE.values()])
    return centre, widths, origins


def _side_iliacus_fan(brim: np.ndarray) -> np.ndarray:
    return np.array([
        (-0.060, 0.118), (-0.020, 0.126), (0.020, 0.117), (0.046, 0.096), (0.058, 0.068),
        (0.047, 0.050), (0.048, 0.032), tuple(brim + (0.004, 0.004)), tuple(brim + (-0.006, -0.004)),
        (0.018, 0.034), (-0.012, 0.060), (-0.050, 0.090), (-0.070, 0.104),
    ])


def _side_femur_points(muscle: str, flexion_deg: float, femur_points: Mapping | None) -> np.ndarray:
    if femur_points is not None and GAIT2392_NAME[muscle] in femur_points:
        points = np.atleast_2d(np.asarray(femur_points[GAIT2392_NAME[muscle]], dtype=float))
        return points[:, :2]
    _, femur = _model_points(muscle)
    return _rotate(femur[:, :2], flexion_deg)


def _perpendicular_foot(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Foot of the perpendicular from the hip centre (origin) to the line through a and b."""
    direction = (b - a) / np.linalg.norm(b - a)
    return a - np.dot(a, direction) * direction


def draw_side_view(ax: Axes, flexion_deg: float = 0.0, *, femur_points: Mapping | None = None,
                   highlight: str | None = None, show_attachments: bool = True,
                   show_line_of_action: bool = True, show_labels: bool = True) -> DrawnView:
    """Draw the side (sagittal) view of the right hip into `ax`, seen from the right (front is to the right).

    Stable signature, reused by the interactive hip-angle view.

    flexion_deg: hip flexion in degrees (+ flexion, - extension). The femur outline and, unless
        `femur_points` is given, the gait2392 femur path points rotate by this angle about the
        hip centre; gait2392's conditional brim point is used only in its active range (-90 to 45).
    femur_points: optional mapping {"psoas": array, "iliacus": array} of each muscle's femur path
        points (gait2392 order, rows of x, y[, z] in metres from the hip centre) already moved to
        the pose by another model; they replace the rotated gait2392 points.
    highlight: "psoas_major", "psoas_minor", "iliacus" or None.
    show_attachments: origin (circle) and insertion (square) markers plus the legend.
    show_line_of_action: the iliopsoas line of action across the hip and its lever arm.
    show_labels: text labels with leader lines.

    Returns a DrawnView listing the artists drawn.
    """
    highlight = check_highlight(highlight)
    flexion_deg = float(flexion_deg)
    drawn = DrawnView(view="side", highlight=highlight, flexion_deg=flexion_deg)

    for name, (centre, tilt) in _VERTEBRAE_SIDE.items():
        half_depth, half_height = (0.019, 0.012) if name == "T12" else (0.021, 0.013)
        corners = np.array([(-half_depth, -half_height), (half_depth, -half_height),
                            (half_depth, half_height), (-half_depth, half_height)])
        draw_bone(ax, _rotate(corners, tilt) + centre, gid=f"bone:{name}", zorder=1.5)
        spinous = np.array([(-half_depth, 0.006), (-half_depth - 0.026, 0.002),
                            (-half_depth - 0.026, -0.008), (-half_depth, -0.006)])
        draw_bone(ax, _rotate(spinous, tilt) + centre, gid=f"bone:{name}-arch", zorder=1.4)
    draw_bone(ax, _SACRUM_SIDE, gid="bone:sacrum", zorder=1.3)
    draw_bone(ax, _HIP_BONE_SIDE, gid="bone:hip", zorder=1.6, alpha=0.9)
    (cx, cy), width, height = _OBTURATOR_SIDE
    ax.add_patch(Ellipse((cx, cy), width, height, facecolor="white", edgecolor=BONE_EDGE,
                         linewidth=line_width(0.8), zorder=1.65))
    draw_bone(ax, _rotate(_FEMUR_SIDE, flexion_deg), gid="bone:femur", zorder=2.0)
    ax.add_patch(Circle((0.0, 0.0), FEMORAL_HEAD_RADIUS, facecolor=BONE_FILL, edgecolor=BONE_EDGE,
                        linewidth=line_width(0.8), zorder=2.1, gid="bone:femoral_head"))

    paths = {}
    for muscle in ("psoas_major", "iliacus"):
        pelvis = _active_pelvis_points(muscle, flexion_deg)[:, :2]
        femur = _side_femur_points(muscle, flexion_deg, femur_points)
        paths[muscle] = (pelvis, femur)
    pelvis_il, femur_il = paths["iliacus"]
    tendon_il = np.vstack([pelvis_il[1:], femur_il])
    drawn.muscles["iliacus"] = [
        draw_muscle(ax, "iliacus", _side_iliacus_fan(pelvis_il[1]), highlight, part="belly"),
        draw_muscle(ax, "iliacus", band_outline(tendon_il, np.linspace(0.014, 0.006, len(tendon_il))),
                    highlight, part="tendon"),
    ]
    pelvis_pm, femur_pm = paths["psoas_major"]
    centre_pm, widths_pm, origins_pm = _side_psoas_major(pelvis_pm, femur_pm)
    drawn.muscles["psoas_major"] = [draw_muscle(ax, "psoas_major", band_outline(centre_pm, widths_pm), highlight)]
    centre_pmin = np.array([(-0.028, 0.262), (-0.005, 0.222), (0.010, 0.170), (0.030, 0.110), (0.040, 0.055),
                            _ILIOPUBIC_EMINENCE_SIDE])
    drawn.muscles["psoas_minor"] = [draw_muscle(
        ax, "psoas_minor", band_outline(centre_pmin, np.array([0.008, 0.010, 0.005, 0.004, 0.004, 0.004])), highlight)]

    for muscle, (pelvis, femur) in paths.items():
        draw_model_points(ax, np.vstack([pelvis, femur]), gid=f"model:{muscle}")
    ax.plot(0.0, 0.0, marker=HIP_CENTRE_MARKER, color="black", markersize=marker_size(0.9),
            linestyle="none", zorder=14, gid="landmark:hip_centre")

    if show_line_of_action:
        # The segment that crosses the joint: last pelvis point to first femur point.
        muscle = highlight if highlight in paths else "psoas_major"
        pelvis, femur = paths[muscle]
        a, b = pelvis[-1], femur[0]
        direction = (a - b) / np.linalg.norm(a - b)
        start, end = b - 0.045 * direction, a + 0.060 * direction
        (line,) = ax.plot([start[0], end[0]], [start[1], end[1]], color="black", linewidth=line_width(1.3),
                          linestyle=(0, (5, 2)), zorder=16)
        line.set_gid("line_of_action")
        ax.annotate("", xy=a + 0.055 * direction, xytext=a + 0.020 * direction, zorder=16,
                    arrowprops={"arrowstyle": "-|>", "color": "black", "linewidth": line_width(1.3),
                                "mutation_scale": 8 * line_width(1.0)})
        foot = _perpendicular_foot(a, b)
        (lever,) = ax.plot([0.0, foot[0]], [0.0, foot[1]], color=OKABE_ITO["bluish_green"],
                           linewidth=line_width(1.6), zorder=17, solid_capstyle="round")
        lever.set_gid("lever_arm")
        drawn.landmarks.append("line of action")
        if show_labels:
            drawn.labels["label:line_of_action"] = label(
                ax, "Line of pull\n(passes in front of\nthe hip centre)",
                tuple(a + 0.050 * direction), (0.110, 0.138), gid="label:line_of_action", ha="left")
            drawn.labels["label:lever_arm"] = label(
                ax, "Lever arm (green)", tuple(foot / 2), (0.110, -0.020), gid="label:lever_arm", ha="left")

    if show_attachments:
        iliacus_origin = np.array([(-0.055, 0.118), (-0.010, 0.126), (0.035, 0.108), (0.058, 0.068), (0.048, 0.034)])
        attachments = {
            "psoas_major": (origins_pm, femur_pm[-1:]),
            "psoas_minor": (centre_pmin[:1], centre_pmin[-1:]),
            "iliacus": (iliacus_origin, femur_il[-1:]),
        }
        for muscle, (origin, insertion) in attachments.items():
            drawn.markers[f"origin:{muscle}"] = draw_attachment(ax, muscle, "origin", origin, highlight)
            drawn.markers[f"insertion:{muscle}"] = draw_attachment(ax, muscle, "insertion", insertion, highlight)
        attachment_legend(ax, extra=(
            Line2D([], [], linestyle="none", marker=HIP_CENTRE_MARKER, color="black",
                   markersize=marker_size(0.9), label="hip joint centre"),
        ))

    if show_labels:
        right, left = 0.110, -0.125
        weight = {m: ("bold" if m == highlight else "normal") for m in MUSCLES}
        drawn.labels["label:psoas_minor"] = label(ax, "Psoas minor", (-0.003, 0.222), (right, 0.290),
                                                  gid="label:psoas_minor", ha="left", size="medium",
                                                  weight=weight["psoas_minor"])
        drawn.labels["label:psoas_major"] = label(ax, "Psoas major", (0.010, 0.130), (right, 0.240),
                                                  gid="label:psoas_major", ha="left", size="medium",
                                                  weight=weight["psoas_major"])
        drawn.labels["label:iliacus"] = label(ax, "Iliacus", (0.030, 0.090), (right, 0.195),
                                              gid="label:iliacus", ha="left", size="medium",
                                              weight=weight["iliacus"])
        femur_label_point = _rotate([(0.012, -0.140)], flexion_deg)[0]
        lesser_trochanter = _side_femur_points("psoas_major", flexion_deg, femur_points)[-1]
        landmarks = [
            ("Iliopubic eminence (psoas minor ends here)", _ILIOPUBIC_EMINENCE_SIDE, right, 0.070, "left"),
            ("Hip joint centre", (0.0, 0.0), right, 0.020, "left"),
            ("Lesser trochanter (inner side of femur)", tuple(lesser_trochanter), left, -0.090, "right"),
            ("Femur", tuple(femur_label_point), right, -0.150, "left"),
            ("Ilium", (-0.080, 0.100), left, 0.070, "right"),
            ("Sacrum", (-0.082, 0.010), left, 0.000, "right"),
            *[(name, (centre[0] - 0.060, centre[1]), left, centre[1], "right")
              for name, (centre, _) in _VERTEBRAE_SIDE.items()],
        ]
        for name, point, x, y, ha in landmarks:
            key = "label:" + name.split(" (")[0].lower().replace(" ", "_")
            drawn.labels[key] = label(ax, name, point, (x, y), gid=key, ha=ha)
            drawn.landmarks.append(name)
    _finish_axes(ax, (-0.31, 0.34), (-0.275, 0.315))
    return drawn


def side_view(flexion_deg: float = 0.0, highlight: str | None = None, show_attachments: bool = True,
              show_line_of_action: bool = True, show_labels: bool = True, femur_points: Mapping | None = None,
              figsize: tuple[float, float] = (8.0, 8.4)) -> Figure:
    """Side (sagittal) view of the right iliopsoas, seen from the right, as a new Figure."""
    figure = Figure(figsize=figsize)
    ax = figure.add_axes((0.0, 0.0, 1.0, 0.93))
    drawn = draw_side_view(ax, flexion_deg, femur_points=femur_points, highlight=highlight,
                           show_attachments=show_attachments, show_line_of_action=show_line_of_action,
                           show_labels=show_labels)
    figure.suptitle(_title("side", drawn.highlight, flexion_deg), fontsize="large", y=0.975)
    figure.drawn = drawn
    return figure


# --------------------------------------------------------------------------- notebook-facing


def show_front_view(highlight: str | None = None, show_attachments: bool = True) -> AccessibleFigure:
    """The front view with a caption and alt text, ready to show in a notebook."""
    figure = front_view(highlight=highlight, show_attachments=show_attachments)
    caption = ("Front view of the right iliopsoas (schematic bones drawn to the gait2392 model's coordinates). "
               "Psoas major and iliacus share one tendon to the lesser trochanter; psoas minor ends on the pelvis.")
    if highlight:
        caption += f" {MUSCLE_NAMES[highlight]} is highlighted."
    return AccessibleFigure(figure, alt=describe(figure.drawn), caption=caption)


def show_anatomy_side_view(flexion_deg: float = 0.0, highlight: str | None = None, show_attachments: bool = True,
                   show_line_of_action: bool = True) -> AccessibleFigure:
    """The side view with a caption and alt text, ready to show in a notebook."""
    figure = side_view(flexion_deg, highlight=highlight, show_attachments=show_attachments,
                       show_line_of_action=show_line_of_action)
    caption = ("Side view of the right hip (schematic bones drawn to the gait2392 model's coordinates). "
               "The iliopsoas passes in front of the hip joint centre, so its pull flexes the hip.")
    if highlight:
        caption += f" {MUSCLE_NAMES[highlight]} is highlighted."
    return AccessibleFigure(figure, alt=describe(figure.drawn), caption=caption)

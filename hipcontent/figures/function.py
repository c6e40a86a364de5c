"""What the iliopsoas does, on the gait2392 path model: curves, the moving side view, the words
and the drawing style of the hip-angle explorer (the widget is hipcontent.widgets.explorer; its
front end draws in the browser, static/explorer_draw.js, with `explorer_style()`). The
lesson's tables of model numbers (lunge stretch, deep flexion, OpenSim check) are views:
hipcontent.views.model_tables.

Figures are built with `matplotlib.figure.Figure` (never pyplot) and returned, so widget
callbacks never touch global plotting state. Text sizes are relative ("small", "large") and
line widths scale with rcParams["lines.linewidth"], so the projector style enlarges them.

Model and data: OpenSim gait2392 (CC BY 3.0), Delp et al. (1990) and the gait2392 authors
(Thelen, Seth, Anderson, Delp); see hipcontent.model.
"""

from __future__ import annotations

import matplotlib
import numpy as np
from matplotlib.figure import Figure

from hipcontent.figures import diagrams, meshes, theme
from hipcontent.figures.palette import BONE_FILL, MUSCLE_COLOURS, OKABE_ITO
from hipcontent.model import gait2392
from hipcontent.model import paths as model
from hipcontent.views.display import AccessibleFigure

# How each gait2392 muscle is drawn: colour plus a line style and marker, so colour is never the only cue.
STYLES = {
    "psoas": {"label": gait2392.MUSCLE_LABELS["psoas"], "color": MUSCLE_COLOURS["psoas_major"], "linestyle": "-", "marker": "o"},
    "iliacus": {"label": gait2392.MUSCLE_LABELS["iliacus"], "color": MUSCLE_COLOURS["iliacus"], "linestyle": "--", "marker": "s"},
}
SWEEP_DEG = (-30.0, 120.0)  # the flexion range the curves show
# Where the model's moment arms follow the cadaver trend (Kumazaki et al. 2022: the psoas moment arm
# stays level to about 50 degrees and then rises; the model's falls 38 % between 60 and 90 degrees and
# changes sign near 99 degrees). The model matches OpenSim everywhere: the limit is gait2392's geometry.
TRUSTED_FLEXION_DEG = (-30.0, 70.0)
# The colour and line style that show a negative (extension) moment arm on the explorer's lever.
NEGATIVE_LEVER = {"color": OKABE_ITO["orange"], "linestyle": (0, (3, 1.5))}
POSITIVE_LEVER = {"color": OKABE_ITO["bluish_green"], "linestyle": "-"}


def _sweep(step: float = 1.0) -> np.ndarray:
    return np.arange(SWEEP_DEG[0], SWEEP_DEG[1] + step / 2, step)


# --- curves -----------------------------------------------------------------------------------


def _shade_limits(axes) -> None:
    """Grey out flexion beyond the trusted range and mark where the femoral-head point drops out.

    gait2392's conditional via point (just in front of the femoral head) leaves the path above
    45 degrees; the brim point stays on the path at every angle.
    """
    axes.axvspan(TRUSTED_FLEXION_DEG[1], SWEEP_DEG[1], color=theme.SHADE, zorder=0, linewidth=0)
    axes.text(
        (TRUSTED_FLEXION_DEG[1] + SWEEP_DEG[1]) / 2, 0.97, "model\nunreliable",
        transform=axes.get_xaxis_transform(), ha="center", va="top", fontsize="small", color="0.25",
    )
    switch = model.via_point_switch_deg("psoas")
    axes.axvline(switch, color="0.4", linestyle=":", linewidth=diagrams.line_width(0.7), zorder=1)
    axes.text(
        switch + 1.5, 0.03, "femoral-head\npoint drops out", transform=axes.get_xaxis_transform(),
        ha="left", va="bottom", fontsize="small", color="0.25",
    )


def _curve_values(name: str, adduction: float, rotation: float):
    """Flexion grid, length (mm) and flexion moment arm (mm), masked right where the via point switches."""
    flexion = _sweep()
    near_switch = np.abs(flexion - model.via_point_switch_deg(name)) < 0.51  # break the line at the jump
    length = np.ma.masked_where(near_switch, model.path_length(name, flexion, adduction, rotation) * 1000)
    arm = np.ma.masked_where(near_switch, model.moment_arm(name, "flexion", flexion, adduction, rotation) * 1000)
    return flexion, length, arm


LABEL_AT_DEG = 0.0  # where each curve carries its name


def _draw_curves(length_axes, arm_axes, adduction: float = 0.0, rotation: float = 0.0) -> dict:
    """Length and flexion moment arm (mm) against flexion for both muscles; returns the moving artists."""
    artists = {}
    for name, style in STYLES.items():
        common = {"color": style["color"], "linestyle": style["linestyle"], "linewidth": diagrams.line_width(), "zorder": 3}
        flexion, length, arm = _curve_values(name, adduction, rotation)
        (artists[name, "length"],) = length_axes.plot(flexion, length, **common)
        (artists[name, "arm"],) = arm_axes.plot(flexion, arm, **common)
        # Name each curve on the line itself (not only in a legend): psoas above, iliacus below.
        for key, axes in (("length", length_axes), ("arm", arm_axes)):
            artists[name, key, "label"] = axes.annotate(
                style["label"], xy=(LABEL_AT_DEG, 0.0), xytext=(4, 9 if name == "psoas" else -17),
                textcoords="offset points", fontsize="small", color=style["color"], fontweight="bold", zorder=5,
            )
    _move_curves(artists, adduction, rotation)
    arm_axes.axhline(0, color="black", linewidth=diagrams.line_width(0.4), zorder=2)
    arm_axes.text(SWEEP_DEG[0] + 3, 0.0, "above 0: flexes the hip\nbelow 0: would extend it", va="center",
                  ha="left", fontsize="small", color="0.25", zorder=5,
                  bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.8})
    for axes in (length_axes, arm_axes):
        _shade_limits(axes)
        axes.set_xlim(*SWEEP_DEG)
        axes.grid(True, color="0.9", zorder=0)
    length_axes.set_ylabel("path length (mm)")
    arm_axes.set_ylabel("flexion moment\narm (mm)")
    arm_axes.set_xlabel("hip flexion (°; negative = extension)")
    return artists


def _move_curves(artists: dict, adduction: float, rotation: float) -> None:
    at = int(np.searchsorted(_sweep(), LABEL_AT_DEG))
    for name in STYLES:
        flexion, length, arm = _curve_values(name, adduction, rotation)
        for key, values in (("length", length), ("arm", arm)):
            artists[name, key].set_data(flexion, values)
            artists[name, key, "label"].xy = (LABEL_AT_DEG, float(values[at]))


def curves_figure(adduction: float = 0.0, rotation: float = 0.0, width: float = 7.5) -> Figure:
    """Path length and hip-flexion moment arm of psoas and iliacus from -30 to 120 degrees of flexion."""
    # Grown with the font (projector style: 18 pt), so the larger labels keep their room.
    scale = max(1.0, float(matplotlib.rcParams["font.size"]) / 10.0)
    figure = Figure(figsize=(width * scale, width * 0.85 * scale), layout="constrained")
    length_axes, arm_axes = figure.subplots(2, 1, sharex=True)
    _draw_curves(length_axes, arm_axes, adduction, rotation)
    length_axes.set_title("gait2392 model: length and moment arm", fontsize="medium")
    return theme.theme_safe(figure)


def show_flexion_curves(adduction: float = 0.0, rotation: float = 0.0) -> AccessibleFigure:
    """The length and moment-arm curves with a caption and alt text for the lesson."""
    zero = model.flexion_moment_arm_zero_deg("psoas")
    zero_iliacus = model.flexion_moment_arm_zero_deg("iliacus")
    alt = (
        "Two stacked line charts against hip flexion from minus 30 to 120 degrees. Top: path length of the "
        "psoas major (solid blue) and iliacus (dashed vermillion) falls steadily as the hip flexes, with a small "
        "step where the via point in front of the femoral head drops out just above 45 degrees. Bottom: both "
        "flexion moment arms stay between about 3 and 4.5 centimetres up to about 70 degrees, then fall and "
        f"cross zero near {zero:.0f} degrees for the psoas and {zero_iliacus:.0f} degrees for the iliacus, "
        "turning negative (a pull that would extend the hip); the region beyond 70 degrees is shaded as unreliable."
    )
    caption = (
        "Psoas and iliacus path length and hip-flexion moment arm in the gait2392 model (Delp et al. 1990; "
        "gait2392 authors). Shaded: beyond 70° of flexion the model's moment arms fall where cadaver data show "
        "them rising, and past about 99° they change sign: a path artefact, not anatomy."
    )
    return AccessibleFigure(curves_figure(adduction, rotation), alt=alt, caption=caption)


# --- side view ----------------------------------------------------------------------------------


# The bones come from hipcontent.figures.diagrams (the anatomy lesson's side view on MyoSuite's bone
# meshes, in the same gait2392 coordinates); this module only moves the femur mesh and the muscle
# paths with the model.
# The explorer's side panel (metres from the hip centre): the bones and the femur at every pose
# the sliders allow stay inside (tests/test_figure_theme.py); no room for anatomy labels.
EXPLORER_XLIM = (-0.15, 0.33)
EXPLORER_YLIM = (-0.20, 0.345)


def model_femur_points(flexion: float, adduction: float = 0.0, rotation: float = 0.0) -> dict:
    """Each muscle's femur path points moved to the pose by the model (metres, pelvis frame).

    In the form `hipcontent.figures.diagrams.draw_side_view(femur_points=...)` takes.
    """
    matrix = model.femur_rotation(flexion, adduction, rotation)
    return {
        name: np.array([p.location for p in gait2392.muscle(name).points if p.body == "femur"]) @ matrix.T
        for name in STYLES
    }


def side_view_figure(flexion: float = 0.0, adduction: float = 0.0, rotation: float = 0.0) -> Figure:
    """The anatomy side view (hipcontent.figures.diagrams) with the muscle paths moved by the model.

    The line of pull and lever arm are left out where the model's psoas moment arm is negative
    (beyond about 99 degrees): the path still lies in front of the hip centre, but its last segment
    runs down from the femur point to the brim point, a pull that would extend the hip (a path
    artefact). The drawing's label, "passes in front of the hip centre", would mislead there.
    """
    in_front = model.moment_arm("psoas", "flexion", flexion, adduction, rotation) > 0
    return diagrams.side_view(flexion, femur_points=model_femur_points(flexion, adduction, rotation),
                              show_attachments=False, show_line_of_action=in_front,
                              femur_rotation=model.femur_rotation(flexion, adduction, rotation))


def show_side_view(flexion: float = 0.0, adduction: float = 0.0, rotation: float = 0.0) -> AccessibleFigure:
    """The side view at one pose, with caption and alt text that give the model's numbers."""
    figure = side_view_figure(flexion, adduction, rotation)
    alt = diagrams.describe(figure.drawn) + " Model values: " + _describe(flexion, adduction, rotation)
    caption = (
        f"The right hip at {flexion:g}° of flexion on real bones (MyoSuite meshes, Apache-2.0; MyoSuite's leg model "
        "derives from the OpenSim models of Rajagopal et al. 2016 and Delp et al. 1990), muscle paths from the gait2392 model "
        "(Delp et al. 1990; gait2392 authors)."
    )
    if model.moment_arm("psoas", "flexion", flexion, adduction, rotation) <= 0:
        caption += (" Here the model's psoas pull would extend the hip, so no line of pull is drawn: the last "
                    "segment runs down from the femur to the brim point (a path artefact, not anatomy).")
    elif flexion > TRUSTED_FLEXION_DEG[1]:
        caption += " Beyond 70° the model's moment arms follow the wrong trend (see the lesson)."
    return AccessibleFigure(figure, alt=alt, caption=caption, transparent=True)


def _describe(flexion: float, adduction: float, rotation: float) -> str:
    """The pose and the model's numbers in words (the explorer's front end says the same:
    static/explorer_model.js describe())."""
    parts = []
    for name, style in STYLES.items():
        length = model.path_length(name, flexion, adduction, rotation) * 1000
        arm = model.moment_arm(name, "flexion", flexion, adduction, rotation) * 1000
        sign = " (negative: the model's pull would extend the hip)" if arm < 0 else ""
        parts.append(f"{style['label']} {length:.1f} mm long, flexion moment arm {arm:.1f} mm{sign}")
    pose = f"Flexion {flexion:g}°, adduction {adduction:g}°, rotation {rotation:g}°"
    warning = " (beyond 70°: model unreliable)" if flexion > TRUSTED_FLEXION_DEG[1] else ""
    return f"{pose}{warning}: " + "; ".join(parts) + "."


def _dashes(linestyle) -> list[float]:
    """A matplotlib line style as canvas dashes, in line widths ([] = solid)."""
    if linestyle == "-":
        return []
    if linestyle == "--":
        return [3.7, 1.6]  # matplotlib's default dashes for "--"
    return [float(v) for v in linestyle[1]]


def explorer_style() -> dict:
    """How the hip-angle explorer's front end draws (static/explorer_look.js, explorer_draw.js): colours, line styles,
    markers and labels of the curves and the side view, the trusted range, the panel's limits."""
    muscles = {name: {"label": style["label"], "color": style["color"], "dashes": _dashes(style["linestyle"]),
                      "marker": {"o": "circle", "s": "square"}[style["marker"]]} for name, style in STYLES.items()}
    return {
        "muscles": muscles,
        "lever": {
            "positive": {"color": POSITIVE_LEVER["color"], "dashes": _dashes(POSITIVE_LEVER["linestyle"]),
                         "label": "psoas moment arm: flexes the hip"},
            "negative": {"color": NEGATIVE_LEVER["color"], "dashes": _dashes(NEGATIVE_LEVER["linestyle"]),
                         "label": "psoas moment arm: would extend it (artefact)"},
        },
        "path_label": "(model path)",
        "bone": BONE_FILL,
        "ambient": meshes._AMBIENT,
        "trusted_flexion_deg": TRUSTED_FLEXION_DEG[1],
        "side_xlim": list(EXPLORER_XLIM),
        "side_ylim": list(EXPLORER_YLIM),
        "label_at_deg": LABEL_AT_DEG,
        "words": {
            "unreliable": ["model", "unreliable"],
            "switch": ["femoral-head", "point drops out"],
            "sign": ["above 0: flexes the hip", "below 0: would extend it"],
            "length": ["path length", "(mm)"],  # lines, joined where the panel is tall enough
            "arm": ["flexion moment", "arm (mm)"],
            "flexion": "hip flexion (°; negative = extension)",
            "front": "front →",
        },
    }

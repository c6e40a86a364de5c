"""What the iliopsoas does, on the gait2392 path model: curves, the moving side view and the
hip-angle explorer's figure (the explorer widget itself is hipcontent.widgets.explorer). The
lesson's tables of model numbers (lunge stretch, deep flexion, OpenSim check) are views:
hipcontent.views.model_tables.

Figures are built with `matplotlib.figure.Figure` (never pyplot) and returned, so widget
callbacks never touch global plotting state. Text sizes are relative ("small", "large") and
line widths scale with rcParams["lines.linewidth"], so the projector style enlarges them.

Model and data: OpenSim gait2392 (CC BY 3.0), Delp et al. (1990) and the gait2392 authors
(Thelen, Seth, Anderson, Delp); see hipcontent.model.
"""

from __future__ import annotations

import io

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from hipcontent.figures import diagrams, meshes, theme
from hipcontent.figures.palette import MUSCLE_COLOURS, OKABE_ITO
from hipcontent.model import bones, gait2392
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
EXPLORER_XLIM = (-0.15, 0.33)  # metres from the hip centre: the explorer's side panel (labels off)
MOVING_GIDS = ("muscle:psoas_major", "muscle:iliacus", "model:psoas_major", "model:iliacus")


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


class ModelSideView:
    """The explorer's side panel: the anatomy drawing without its moving parts, plus the model's
    femur, straight-line muscle paths and psoas lever arm, which `move` updates in place."""

    def __init__(self, axes, flexion: float = 0.0, adduction: float = 0.0, rotation: float = 0.0,
                 key_axes=None):
        from matplotlib.lines import Line2D

        drawn = diagrams.draw_side_view(axes, 0.0, show_attachments=False, show_line_of_action=False,
                                        show_labels=False, separate_femur=True)
        for artist in [*axes.patches, *axes.lines]:
            if (artist.get_gid() or "").startswith(MOVING_GIDS):
                artist.remove()
        self.artists = {"femur": drawn.bones["bone:femur"]}  # the femur mesh, turned in 3-D by `move`
        self.artists["femur"].set_linewidth(0)  # no edge strokes: half the cost of a redraw, no seams without AA
        handles = []
        for name, style in STYLES.items():
            (self.artists[name],) = axes.plot(
                [], [], color=style["color"], linestyle=style["linestyle"], marker=style["marker"],
                linewidth=diagrams.line_width(1.2), markersize=matplotlib.rcParams["lines.markersize"] * 0.8, zorder=8,
            )
            handles.append(Line2D([], [], color=style["color"], linestyle=style["linestyle"], marker=style["marker"],
                                  linewidth=diagrams.line_width(1.2), label=f"{style['label']} (model path)"))
        (self.artists["lever"],) = axes.plot([], [], linewidth=diagrams.line_width(1.6), solid_capstyle="round",
                                             dash_capstyle="round", zorder=9, **POSITIVE_LEVER)
        handles.append(Line2D([], [], linewidth=diagrams.line_width(1.6), label="psoas moment arm: flexes the hip",
                              **POSITIVE_LEVER))
        handles.append(Line2D([], [], linewidth=diagrams.line_width(1.6),
                              label="psoas moment arm: would extend it (artefact)", **NEGATIVE_LEVER))
        # Under the picture, outside the axes: inside, it covered the femur (lower left) or the
        # spine (top), and the femur sweeps most of the panel between -30 and 120 degrees
        # (tests/test_function.py checks the shaft against the legend's box at the sliders' poses).
        # Without the anatomy labels the panel needs no room behind the sacrum: the bones and the
        # femur at every pose stay inside these limits, and the picture is as large as before.
        axes.set_xlim(*EXPLORER_XLIM)
        if key_axes is None:
            axes.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), fontsize="small",
                        framealpha=0.9)
        else:  # an axes of its own under the picture (the explorer's figure)
            key_axes.set_axis_off()
            key_axes.legend(handles=handles, loc="center", fontsize="small", framealpha=0.9)
        axes.text(0.98, 0.02, "front →", transform=axes.transAxes, ha="right", va="bottom", fontsize="small")
        self.move(flexion, adduction, rotation)

    def move(self, flexion: float, adduction: float = 0.0, rotation: float = 0.0) -> None:
        matrix = model.femur_rotation(flexion, adduction, rotation)
        meshes.update(self.artists["femur"], meshes.triangles(bones.FEMUR_MESHES, femur_matrix=matrix), "side")
        for name in STYLES:
            points = model.path_points(name, flexion, adduction, rotation)
            self.artists[name].set_data(points[:, 0], points[:, 1])
            if name == "psoas":
                # Towards the segment that crosses the hip (perpendicular in the side view), as long as
                # the model's flexion moment arm: out of the plane a short segment looks misleadingly far.
                a, b = points[-3, :2], points[-2, :2]
                direction = (b - a) / np.linalg.norm(b - a)
                foot = a - np.dot(a, direction) * direction
                signed = model.moment_arm(name, "flexion", flexion, adduction, rotation)
                arm = abs(signed)  # the bar's length; its colour and dashes carry the sign
                tip = foot / np.linalg.norm(foot) * arm if np.linalg.norm(foot) > 1e-9 else foot
                self.artists["lever"].set_data([0.0, tip[0]], [0.0, tip[1]])
                style = POSITIVE_LEVER if signed > 0 else NEGATIVE_LEVER
                self.artists["lever"].set_color(style["color"])
                self.artists["lever"].set_linestyle(style["linestyle"])


def _describe(flexion: float, adduction: float, rotation: float) -> str:
    parts = []
    for name, style in STYLES.items():
        length = model.path_length(name, flexion, adduction, rotation) * 1000
        arm = model.moment_arm(name, "flexion", flexion, adduction, rotation) * 1000
        sign = " (negative: the model's pull would extend the hip)" if arm < 0 else ""
        parts.append(f"{style['label']} {length:.1f} mm long, flexion moment arm {arm:.1f} mm{sign}")
    pose = f"Flexion {flexion:g}°, adduction {adduction:g}°, rotation {rotation:g}°"
    warning = " (beyond 70°: model unreliable)" if flexion > TRUSTED_FLEXION_DEG[1] else ""
    return f"{pose}{warning}: " + "; ".join(parts) + "."


class ExplorerFigure:
    """One figure (side view + length + moment arm) kept between updates, rendered to PNG bytes.

    No pyplot: the Figure has its own Agg canvas, so updates are safe from widget callbacks.
    Everything that moves (femur, paths, curves, markers) is drawn over a cached background
    (blitting), so an update redraws a few lines instead of the whole figure.
    """

    def __init__(self, flexion: float = 0.0, adduction: float = 0.0, rotation: float = 0.0, dpi: int = 80,
                 ground: str = "#ffffff"):
        # Constrained layout places the panels once (it makes room for projector-sized text), then
        # is switched off so every update keeps the same positions and the cached background.
        scale = max(1.0, float(matplotlib.rcParams["font.size"]) / 12.0)  # room for projector-sized text
        # Text at least 14 pt: the picture is shown at most 1100 CSS px wide (explorer.css), often
        # narrower, and its smallest ("small") text must stay at or above 12 CSS px at 1280x800.
        self._rc = matplotlib.rc_context({"font.size": max(14.0, float(matplotlib.rcParams["font.size"]))})
        self._rc.__enter__()
        try:
            self._build(flexion, adduction, rotation, dpi, scale, ground)
        finally:
            self._rc.__exit__(None, None, None)
        self.update(flexion, adduction, rotation)

    def _build(self, flexion: float, adduction: float, rotation: float, dpi: int, scale: float,
               ground: str) -> None:
        self.figure = Figure(figsize=(11 * scale, 5.5 * scale), dpi=dpi, layout="constrained")
        self.canvas = FigureCanvasAgg(self.figure)
        grid = self.figure.add_gridspec(2, 2, width_ratios=(1, 1.1))
        left = grid[:, 0].subgridspec(2, 1, height_ratios=(4.3, 1))  # the picture, its key under it
        self.side = self.figure.add_subplot(left[0])
        key = self.figure.add_subplot(left[1])
        self.length_axes = self.figure.add_subplot(grid[0, 1])
        self.arm_axes = self.figure.add_subplot(grid[1, 1], sharex=self.length_axes)
        self.length_axes.tick_params(labelbottom=False)
        self.side_view = ModelSideView(self.side, flexion, adduction, rotation, key_axes=key)
        self.moving = dict(self.side_view.artists)
        self.moving.update(_draw_curves(self.length_axes, self.arm_axes, adduction, rotation))
        # Fixed y-limits that hold every adduction/rotation the sliders allow.
        limits = {"length": [np.inf, -np.inf], "arm": [np.inf, -np.inf]}
        for a in (-30.0, 0.0, 30.0):
            for r in (-30.0, 0.0, 30.0):
                for name in STYLES:
                    _, length, arm = _curve_values(name, a, r)
                    for key, values in (("length", length), ("arm", arm)):
                        limits[key] = [min(limits[key][0], values.min()), max(limits[key][1], values.max())]
        for key, axes in (("length", self.length_axes), ("arm", self.arm_axes)):
            low, high = limits[key]
            axes.set_ylim(low - 0.08 * (high - low), high + 0.12 * (high - low))
        for name, style in STYLES.items():
            for key, axes in (("length", self.length_axes), ("arm", self.arm_axes)):
                (self.moving[name, key, "marker"],) = axes.plot(
                    [], [], linestyle="none", marker=style["marker"],
                    markersize=matplotlib.rcParams["lines.markersize"] * 1.6, markerfacecolor="white",
                    markeredgecolor=style["color"], markeredgewidth=diagrams.line_width(0.8), zorder=6,
                )
        for key, axes in (("length", self.length_axes), ("arm", self.arm_axes)):
            self.moving["cursor", key] = axes.axvline(flexion, color="black", linewidth=diagrams.line_width(0.5), zorder=4)
        self.side.set_title("Flexion 120°, adduction 30°, rotation 30°", fontsize="medium", fontweight="bold")
        self.moving["angle"] = self.side.title
        # Lay out with the widest title the sliders can make (the layout needs no rendering).
        self.figure.get_layout_engine().execute(self.figure)
        self.figure.set_layout_engine("none")
        # Text in light boxes, halos on dark lines (hipcontent.figures.theme), once the ticks are
        # known; the picture is a JPEG on the page's own ground colour (`set_ground`), so the dark
        # theme shows no white box.
        theme.theme_safe(self.figure)
        self.ground = to_hex(ground)
        self.figure.patch.set_facecolor(self.ground)
        # The curves change only with adduction and rotation: they belong to the cached background,
        # which is redrawn when those change; what moves with every flexion step is drawn over it.
        self.curves = {key: self.moving.pop(key) for key in list(self.moving)
                       if isinstance(key, tuple) and len(key) >= 2 and key[0] in STYLES
                       and key[1] in ("length", "arm") and (len(key) == 2 or key[2] == "label")}
        for artist in self.moving.values():
            artist.set_animated(True)
        self._curve_pose = (float(adduction), float(rotation))
        self._redraw_background()

    def _redraw_background(self) -> None:
        self.canvas.draw()
        self.background = self.canvas.copy_from_bbox(self.figure.bbox)

    def update(self, flexion: float, adduction: float = 0.0, rotation: float = 0.0) -> None:
        """Move the femur, the paths and the markers on the curves to the new angles."""
        model._angles(flexion=flexion, adduction=adduction, rotation=rotation)
        self.pose = (float(flexion), float(adduction), float(rotation))
        if self._curve_pose != self.pose[1:]:  # the curves depend on adduction and rotation
            _move_curves(self.curves, adduction, rotation)
            self._curve_pose = self.pose[1:]
            self._redraw_background()
        self.side_view.move(flexion, adduction, rotation)
        self._draw_moving()

    def set_ground(self, colour: str) -> None:
        """Draw the picture on this ground colour (the page's, sent by the explorer's front end)."""
        colour = to_hex(colour)
        if colour != self.ground:
            self.ground = colour
            self.figure.patch.set_facecolor(colour)
            self._redraw_background()
            self._draw_moving()

    def _draw_moving(self) -> None:
        flexion, adduction, rotation = self.pose
        for name in STYLES:
            length = model.path_length(name, flexion, adduction, rotation) * 1000
            arm = model.moment_arm(name, "flexion", flexion, adduction, rotation) * 1000
            self.moving[name, "length", "marker"].set_data([flexion], [length])
            self.moving[name, "arm", "marker"].set_data([flexion], [arm])
        for key in ("length", "arm"):
            self.moving["cursor", key].set_xdata([flexion, flexion])
        self.moving["angle"].set_text(
            f"Flexion {flexion:g}°, adduction {adduction:g}°, rotation {rotation:g}°"
        )
        self.canvas.restore_region(self.background)
        for artist in self.moving.values():
            self.figure.draw_artist(artist)

    def png(self) -> bytes:
        """The current picture as PNG bytes (encoded from the canvas buffer, no second draw)."""
        from PIL import Image

        buffer = io.BytesIO()
        Image.fromarray(np.asarray(self.canvas.buffer_rgba())[..., :3]).save(buffer, format="png", compress_level=1)
        return buffer.getvalue()

    def jpeg(self, quality: int = 90) -> bytes:
        """The current picture as JPEG bytes (full-resolution colour, no chroma subsampling): about
        three times faster to encode than PNG at projector size, which is what a slider needs."""
        from PIL import Image

        width, height = self.canvas.get_width_height(physical=True)
        # The canvas buffer read in place as RGBX (no copy); the JPEG encoder drops the fourth byte.
        image = Image.frombuffer("RGBX", (width, height), self.canvas.buffer_rgba(), "raw", "RGBX", 0, 1)
        buffer = io.BytesIO()
        image.save(buffer, format="jpeg", quality=quality, subsampling=0)
        return buffer.getvalue()

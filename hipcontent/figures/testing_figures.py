"""Drawn test positions for lesson 03: the seated hip-flexion strength test and the Thomas tests.

Each function returns a `matplotlib.figure.Figure` (built with `Figure`, never pyplot) showing a
side-view stick figure with the angles that matter drawn and labelled in words, so the reading
never depends on colour. Procedures follow Physiopedia's Thomas test page (after Kendall),
Harvey 1998, and the hip-flexion muscle test of Daniels & Worthingham (Hislop et al., via
Physiopedia); the muscles drawn on the modified Thomas test are simplified lines showing which
joints they cross, not their exact paths.

    seated_hip_flexion_test(hip_flexion=110)
    kendall_iliopsoas_test(hip_flexion=30)
    thomas_test(thigh_lift=15)
    modified_thomas_test(thigh_angle=-10, knee_flexion=80)
"""

from __future__ import annotations

import math

import matplotlib as mpl
import numpy as np
from matplotlib import patheffects
from matplotlib.figure import Figure
from matplotlib.patches import Arc, Circle, FancyArrowPatch, Rectangle

from hipcontent.figures.palette import MUSCLE_COLOURS, OKABE_ITO
from hipcontent.figures.theme import theme_safe

BODY = "#3B3B3B"
TABLE_FILL = "#D9D4CC"
REFERENCE = "#6E6E6E"
ANGLE = OKABE_ITO["blue"]
SECOND_ANGLE = OKABE_ITO["vermillion"]
THIGH, SHANK, TRUNK = 2.3, 2.1, 3.0  # segment lengths in drawing units


def _check(name: str, value: float, low: float, high: float) -> float:
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
        raise ValueError(f"{name} must be a number of degrees; got {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low:g}° and {high:g}° for this drawing; got {value:g}°")
    return float(value)


def _point(origin, length, degrees):
    rad = math.radians(degrees)
    return (origin[0] + length * math.cos(rad), origin[1] + length * math.sin(rad))


def _axes(figsize):
    figure = Figure(figsize=figsize)
    ax = figure.add_axes((0.02, 0.02, 0.96, 0.88))
    ax.set_aspect("equal")
    ax.axis("off")
    return figure, ax


def _limb(ax, points, gid, lw, colour=BODY):
    xs, ys = zip(*points)
    ax.plot(xs, ys, color=colour, linewidth=4.5 * lw, solid_capstyle="round", solid_joinstyle="round",
            zorder=4, gid=gid)


def _joint(ax, at, lw):
    ax.add_patch(Circle(at, 0.11, facecolor="white", edgecolor=BODY, linewidth=0.8 * lw, zorder=5))


def _angle(ax, centre, radius, start, end, label, colour, lw, gid, text_at=None, ha="left"):
    """An arc from direction `start` to `end` (degrees, counter-clockwise) with a worded label."""
    low, high = min(start, end), max(start, end)
    ax.add_patch(Arc(centre, 2 * radius, 2 * radius, theta1=low, theta2=high, color=colour,
                     linewidth=1.6 * lw, zorder=6, gid=gid))
    middle = (low + high) / 2
    anchor = _point(centre, radius, middle)
    text_at = text_at or _point(centre, radius + 0.9, middle)
    ax.annotate(label, xy=anchor, xytext=text_at, fontsize="medium", fontweight="bold", color=colour,
                ha=ha, va="center", zorder=8, gid=f"{gid}-label",
                arrowprops=dict(arrowstyle="-", color=colour, linewidth=0.8 * lw, shrinkA=2, shrinkB=0),
                path_effects=[patheffects.withStroke(linewidth=3, foreground="white")])


def _reference_line(ax, start, end, lw, gid):
    ax.plot([start[0], end[0]], [start[1], end[1]], color=REFERENCE, linestyle=(0, (4, 3)),
            linewidth=1.0 * lw, zorder=3, gid=gid)


def _title(figure, text):
    figure.suptitle(text, fontsize="large", fontweight="bold", y=0.97)


def seated_hip_flexion_test(hip_flexion: float = 110, *, figsize=(6.4, 5.2)) -> Figure:
    """The seated hip-flexion strength test with the thigh held above 90° of hip flexion.

    The person sits upright at the table edge and lifts one thigh clear of the table; the tester
    pushes down just above the knee. Hip flexion is the angle between the thigh and the line of
    the trunk continued downward: sitting is 90°, so `hip_flexion` 110 holds the thigh 20° above
    the seat.
    """
    hip_flexion = _check("hip_flexion", hip_flexion, 90, 140)
    lw = mpl.rcParams["lines.linewidth"]
    figure, ax = _axes(figsize)
    _title(figure, "Seated hip-flexion strength test, thigh above 90°")
    ax.set_xlim(-3.6, 6.2)
    ax.set_ylim(-2.6, 4.9)

    # The table supports the whole resting thigh: its edge sits just behind the knee.
    table_edge = THIGH - 0.25
    ax.add_patch(Rectangle((-3.2, -0.9), 3.2 + table_edge, 0.9, facecolor=TABLE_FILL, edgecolor=REFERENCE,
                           linewidth=0.8 * lw, zorder=1))
    hip = (0.0, 0.25)
    shoulder = (0.0, hip[1] + TRUNK)
    thigh_dir = hip_flexion - 90  # degrees above horizontal, the person faces +x
    knee = _point(hip, THIGH, thigh_dir)
    ankle = (knee[0] + 0.15, knee[1] - SHANK)
    # The other leg rests on the table, knee bent over the edge (drawn grey, behind).
    rest_knee = (hip[0] + THIGH, hip[1])
    rest_ankle = (rest_knee[0] - 0.45, rest_knee[1] - SHANK * 0.95)  # tucked back under the edge
    _limb(ax, [hip, rest_knee, rest_ankle, (rest_ankle[0] + 0.4, rest_ankle[1])], "other-leg", lw, colour="#9A9A9A")
    _limb(ax, [shoulder, hip], "trunk", lw)
    _limb(ax, [hip, knee, ankle, (ankle[0] + 0.45, ankle[1])], "test-leg", lw)
    ax.plot([hip[0], knee[0]], [hip[1], knee[1]], alpha=0, gid="test-thigh")  # exact thigh line for tests
    # Upright trunk, arm hanging straight down, hand resting on the table beside the hip (no leaning back).
    _limb(ax, [(shoulder[0] + 0.1, shoulder[1] - 0.2), (0.25, 1.75), (0.35, 0.05)], "arm", lw, colour="#7A7A7A")
    ax.add_patch(Circle((0.1, shoulder[1] + 0.6), 0.45, facecolor="white", edgecolor=BODY,
                        linewidth=2.5 * lw, zorder=4))
    for joint in (hip, knee):
        _joint(ax, joint, lw)

    # Reference lines: the trunk continued downward (0°) and the seat level (90°).
    _reference_line(ax, hip, (hip[0], hip[1] - 1.6), lw, "trunk-line")
    _reference_line(ax, hip, (hip[0] + 3.0, hip[1]), lw, "seat-line")
    _angle(ax, hip, 0.75, -90, thigh_dir, f"Hip flexion {hip_flexion:g}°", ANGLE, lw, "hip-flexion",
           text_at=(-0.6, -1.45), ha="right")
    if thigh_dir > 0:
        _angle(ax, hip, 1.55, 0, thigh_dir, f"Thigh {thigh_dir:g}° above the seat", SECOND_ANGLE, lw,
               "thigh-lift", text_at=(2.0, 1.25))

    # The tester's push, just above the knee.
    push = _point(hip, THIGH * 0.82, thigh_dir)
    ax.add_patch(FancyArrowPatch((push[0], push[1] + 1.6), (push[0], push[1] + 0.15), arrowstyle="-|>",
                                 mutation_scale=22, color=BODY, linewidth=1.6 * lw, zorder=7, gid="push"))
    ax.text(push[0] + 0.2, push[1] + 1.65, "Tester pushes down\njust above the knee", fontsize="medium",
            ha="left", va="center", zorder=8)
    ax.text(table_edge - 0.1, -0.7, "table edge", fontsize="small", ha="right", va="center", color=BODY, zorder=2)
    return theme_safe(figure)


def kendall_iliopsoas_test(hip_flexion: float = 30, *, figsize=(7.2, 4.0)) -> Figure:
    """Kendall's lying test for the iliopsoas: on the back, the straight test leg raised about 30°,
    slightly out to the side and turned out; the tester pushes it back towards the table.

    A side view cannot show the abduction and outward turn, so they are named in words (and the
    foot is drawn turned out).
    """
    hip_flexion = _check("hip_flexion", hip_flexion, 15, 45)
    lw = mpl.rcParams["lines.linewidth"]
    figure, ax = _axes(figsize)
    _title(figure, "Kendall's lying iliopsoas test")
    ax.set_xlim(-6.6, 6.4)
    ax.set_ylim(-1.4, 4.6)
    _table(ax, -6.3, 12.3, lw)
    hip = (0.0, 0.35)
    shoulder = (-TRUNK - 0.4, 0.35)
    _trunk_and_head(ax, hip, shoulder, lw)
    # the other leg lies flat on the table (grey: the far leg)
    _limb(ax, [hip, (hip[0] + THIGH, hip[1] - 0.05), (hip[0] + THIGH + SHANK, hip[1] - 0.05)], "other-leg", lw,
          colour="#9A9A9A")
    knee = _point(hip, THIGH, hip_flexion)
    ankle = _point(knee, SHANK, hip_flexion)
    toe = _point(ankle, 0.45, hip_flexion + 60)  # the foot turned out, seen from the side
    _limb(ax, [hip, knee, ankle, toe], "test-leg", lw)
    ax.plot([hip[0], knee[0]], [hip[1], knee[1]], alpha=0, gid="test-thigh")
    for joint in (hip, knee):
        _joint(ax, joint, lw)
    _reference_line(ax, hip, (hip[0] + 5.6, hip[1]), lw, "table-line")
    _angle(ax, hip, 1.5, 0, hip_flexion, f"Hip flexed {hip_flexion:g}°", ANGLE, lw, "hip-flexion",
           text_at=(3.3, 0.75))
    ax.text(-6.2, 2.1, "Test leg straight, slightly out to the side\nand turned out (not visible from the side)",
            fontsize="medium", ha="left", va="center", zorder=8, gid="position-words")
    push = _point(hip, THIGH + SHANK * 0.7, hip_flexion)
    ax.add_patch(FancyArrowPatch((push[0] + 0.5, push[1] + 1.5), (push[0] + 0.05, push[1] + 0.15), arrowstyle="-|>",
                                 mutation_scale=22, color=BODY, linewidth=1.6 * lw, zorder=7, gid="push"))
    ax.text(push[0] + 0.3, push[1] + 1.85, "Tester pushes the leg back\ntowards the table; the person holds",
            fontsize="medium", ha="right", va="center", zorder=8)
    return theme_safe(figure)


def thomas_test(thigh_lift: float = 0, *, figsize=(7.2, 4.0)) -> Figure:
    """The original Thomas test: lying on the table, one knee hugged to the chest.

    `thigh_lift` is how far (degrees) the straight test leg rises off the table; more than 0 is
    the classic sign of a hip that cannot fully straighten (a flexion contracture).
    """
    thigh_lift = _check("thigh_lift", thigh_lift, 0, 40)
    lw = mpl.rcParams["lines.linewidth"]
    figure, ax = _axes(figsize)
    _title(figure, "Thomas test (original)")
    ax.set_xlim(-6.6, 6.2)
    ax.set_ylim(-1.4, 4.2)
    _table(ax, -6.3, 12.3, lw)
    hip = (0.0, 0.35)
    shoulder = (-TRUNK - 0.4, 0.35)
    _person_lying(ax, hip, shoulder, lw)
    knee = _point(hip, THIGH, thigh_lift)
    ankle = _point(knee, SHANK, thigh_lift)
    _limb(ax, [hip, knee, ankle], "test-leg", lw)
    ax.plot([hip[0], knee[0]], [hip[1], knee[1]], alpha=0, gid="test-thigh")
    for joint in (hip, knee):
        _joint(ax, joint, lw)
    _reference_line(ax, hip, (hip[0] + 5.5, hip[1]), lw, "table-line")
    if thigh_lift > 0:
        label = f"Thigh lifts {thigh_lift:g}° off the table"
        _angle(ax, hip, 1.5, 0, thigh_lift, label, ANGLE, lw, "thigh-lift", text_at=(1.2, 2.9))
    else:
        ax.text(2.3, -0.35, "Thigh stays flat on the table (0°)", color=ANGLE, fontsize="medium",
                fontweight="bold", ha="center", va="center", zorder=8, gid="thigh-lift-label",
                path_effects=[patheffects.withStroke(linewidth=3, foreground=TABLE_FILL)])
    return theme_safe(figure)


def _table(ax, left, width, lw):
    """The examination table, seen from the side, its top at height 0."""
    ax.add_patch(Rectangle((left, -0.9), width, 0.9, facecolor=TABLE_FILL, edgecolor=REFERENCE,
                           linewidth=0.8 * lw, zorder=1))


def _trunk_and_head(ax, hip, shoulder, lw):
    """A person's trunk and head lying on the table."""
    _limb(ax, [shoulder, hip], "trunk", lw)
    ax.add_patch(Circle((shoulder[0] - 0.65, shoulder[1] + 0.15), 0.45, facecolor="white", edgecolor=BODY,
                        linewidth=2.5 * lw, zorder=4))


def _person_lying(ax, hip, shoulder, lw):
    """Trunk on the table, the other knee hugged to the chest just enough to flatten the low back."""
    _trunk_and_head(ax, hip, shoulder, lw)
    held_knee = _point(hip, THIGH * 0.9, 122)
    held_ankle = _point(held_knee, SHANK * 0.85, -38)
    _limb(ax, [hip, held_knee, held_ankle], "held-leg", lw, colour="#7A7A7A")
    _limb(ax, [(shoulder[0] + 0.2, shoulder[1] + 0.1), (shoulder[0] + 1.2, held_knee[1] - 0.3),
               (held_knee[0] - 0.05, held_knee[1] - 0.1)], "arms", lw, colour="#7A7A7A")
    ax.annotate("Other knee held just enough\nto flatten the low back", xy=held_knee,
                xytext=(held_knee[0] - 3.2, held_knee[1] + 0.9), fontsize="medium", ha="left", va="center",
                zorder=8, arrowprops=dict(arrowstyle="-", color=BODY, linewidth=0.8 * lw))


def modified_thomas_test(thigh_angle: float = -10, knee_flexion: float = 80, *, show_muscles: bool = True,
                         figsize=(7.2, 5.2)) -> Figure:
    """The modified Thomas test: lying back from the table end, test leg hanging relaxed.

    `thigh_angle`: degrees the hanging thigh sits above (+) or below (-) horizontal. Above
    horizontal suggests short or stiff one-joint hip flexors (or capsule/adductors).
    `knee_flexion`: degrees of knee bend; less than about 67° suggests short two-joint flexors.
    With `show_muscles`, a one-joint line (iliopsoas, crosses the hip) and a two-joint line
    (rectus femoris, crosses hip and knee) show why the two angles point at different muscles.
    """
    thigh_angle = _check("thigh_angle", thigh_angle, -30, 40)
    knee_flexion = _check("knee_flexion", knee_flexion, 0, 140)
    lw = mpl.rcParams["lines.linewidth"]
    figure, ax = _axes(figsize)
    _title(figure, "Modified Thomas test")
    ax.set_xlim(-7.0, 6.4)
    ax.set_ylim(-3.6, 4.3)
    _table(ax, -6.7, 6.7, lw)
    ax.text(-0.15, -0.45, "table edge", fontsize="small", ha="right", va="center", color=BODY, zorder=2)
    hip = (-0.25, 0.35)
    shoulder = (-TRUNK - 0.65, 0.35)
    _person_lying(ax, hip, shoulder, lw)
    knee = _point(hip, THIGH, thigh_angle)
    shank_dir = thigh_angle - knee_flexion
    ankle = _point(knee, SHANK, shank_dir)
    _limb(ax, [hip, knee, ankle], "test-leg", lw)
    ax.plot([hip[0], knee[0]], [hip[1], knee[1]], alpha=0, gid="test-thigh")
    ax.plot([knee[0], ankle[0]], [knee[1], ankle[1]], alpha=0, gid="test-shank")
    for joint in (hip, knee):
        _joint(ax, joint, lw)

    _reference_line(ax, hip, (hip[0] + 3.6, hip[1]), lw, "horizontal-line")
    _reference_line(ax, knee, _point(knee, 1.3, thigh_angle), lw, "thigh-line")
    if thigh_angle > 0:
        thigh_text = f"Thigh {thigh_angle:g}° above horizontal"
    elif thigh_angle < 0:
        thigh_text = f"Thigh {-thigh_angle:g}° below horizontal"
    else:
        thigh_text = "Thigh level with horizontal (0°)"
    arc_end = thigh_angle if thigh_angle != 0 else 0.01
    _angle(ax, hip, 1.3, 0, arc_end, thigh_text, ANGLE, lw, "thigh-angle", text_at=(1.0, 2.9))
    _angle(ax, knee, 0.6, shank_dir, thigh_angle, f"Knee flexion {knee_flexion:g}°", SECOND_ANGLE, lw,
           "knee-flexion", text_at=(knee[0] + 1.0, knee[1] - 2.0))

    if show_muscles:
        # One-joint: lumbar spine/pelvis to just below the hip on the femur (crosses the hip only).
        origin = (hip[0] - 1.6, hip[1] + 0.22)
        insertion = _point(hip, 0.45, thigh_angle - 8)
        ax.plot([origin[0], hip[0] + 0.05, insertion[0]], [origin[1], hip[1] + 0.28, insertion[1]],
                color=MUSCLE_COLOURS["psoas_major"], linewidth=2.4 * lw, zorder=6, gid="one-joint")
        # Two-joint: front of the pelvis, along the thigh, over the knee onto the shin.
        pelvis = (hip[0] - 0.35, hip[1] + 0.42)
        front = [_point(hip, d, thigh_angle + 9) for d in (0.9, 1.8)]
        over_knee = _point(knee, 0.22, thigh_angle + 60)
        shin = _point(knee, 0.55, shank_dir + 20)
        xs, ys = zip(pelvis, *front, over_knee, shin)
        ax.plot(xs, ys, color=OKABE_ITO["orange"], linewidth=2.4 * lw, linestyle=(0, (3, 1.5)), zorder=6,
                gid="two-joint")
        # A key below the table (line samples beside the words), so no leader crosses body or table.
        ax.plot([-6.6, -5.7], [-1.7, -1.7], color=MUSCLE_COLOURS["psoas_major"], linewidth=2.4 * lw, zorder=6)
        ax.text(-5.5, -1.7, "One-joint: iliopsoas\n(crosses the hip only)", fontsize="medium",
                color=MUSCLE_COLOURS["psoas_major"], fontweight="bold", ha="left", va="center", zorder=8)
        ax.plot([-6.6, -5.7], [-2.9, -2.9], color=OKABE_ITO["orange"], linewidth=2.4 * lw,
                linestyle=(0, (3, 1.5)), zorder=6)
        ax.text(-5.5, -2.9, "Two-joint: rectus femoris, dashed\n(crosses hip and knee)", fontsize="medium",
                color="#8A5A00", fontweight="bold", ha="left", va="center", zorder=8)
    return theme_safe(figure)


def line_angle(figure: Figure, gid: str) -> float:
    """Direction (degrees from +x, counter-clockwise) of the line with this gid: for tests."""
    for line in figure.axes[0].lines:
        if line.get_gid() == gid:
            (x0, x1), (y0, y1) = line.get_xdata()[:2], line.get_ydata()[:2]
            return float(np.degrees(np.arctan2(y1 - y0, x1 - x0)))
    raise KeyError(f"no line with gid {gid!r}")


# ------------------------------------------------------------------ shown with caption and alt text


def show_seated_flexion_test(hip_flexion: float = 110):
    """The seated test as an AccessibleFigure: caption and alt text follow the angle drawn."""
    from hipcontent.views.display import AccessibleFigure

    lift = hip_flexion - 90
    return AccessibleFigure(
        seated_hip_flexion_test(hip_flexion),
        alt=(f"Side view of a person sitting upright on the edge of a table, holding one thigh lifted "
             f"{lift:g} degrees above the seat, so the hip is flexed {hip_flexion:g} degrees (sitting is 90). "
             "The other thigh rests on the table with the knee bent over its edge, and the hand rests on "
             "the table beside the hip. A downward arrow just above the knee shows where the tester pushes."),
        caption=(f"Seated hip-flexion strength test at {hip_flexion:g}° of hip flexion: the person holds the "
                 "thigh up while the tester pushes down just above the knee."),
    )


def show_kendall_iliopsoas_test(hip_flexion: float = 30):
    """Kendall's lying iliopsoas test as an AccessibleFigure."""
    from hipcontent.views.display import AccessibleFigure

    return AccessibleFigure(
        kendall_iliopsoas_test(hip_flexion),
        alt=(f"Side view of a person lying on their back on a table with one straight leg raised {hip_flexion:g} "
             "degrees, slightly out to the side and turned out; the other leg lies flat. A downward arrow near "
             "the ankle shows the tester pushing the leg back towards the table while the person holds."),
        caption=(f"Kendall's lying iliopsoas test: hip flexed {hip_flexion:g}°, leg slightly abducted and turned "
                 "out, held against a push towards extension."),
    )


def show_thomas_test(thigh_lift: float = 0):
    """The original Thomas test as an AccessibleFigure."""
    from hipcontent.views.display import AccessibleFigure

    finding = (f"the straight test leg rises {thigh_lift:g} degrees off the table, the classic sign of a hip "
               "that cannot fully straighten" if thigh_lift > 0 else "the straight test leg stays flat on the table")
    return AccessibleFigure(
        thomas_test(thigh_lift),
        alt=(f"Side view of a person lying on their back on a table, hugging one knee to the chest; {finding}."),
        caption=("Original Thomas test: " + (f"thigh lifts {thigh_lift:g}° (positive)" if thigh_lift > 0
                                             else "thigh stays flat (negative)") + "."),
    )


def show_modified_thomas_test(thigh_angle: float = -10, knee_flexion: float = 80, show_muscles: bool = True):
    """The modified Thomas test as an AccessibleFigure, with the reading in words."""
    from hipcontent.views.display import AccessibleFigure

    if thigh_angle > 0:
        thigh = f"{thigh_angle:g} degrees above horizontal (suggests short one-joint hip flexors or a stiff hip front)"
    elif thigh_angle < 0:
        thigh = f"{-thigh_angle:g} degrees below horizontal (no sign of short one-joint hip flexors)"
    else:
        thigh = "level with horizontal"
    knee = ("less than about 67 degrees, which suggests short two-joint flexors such as the rectus femoris"
            if knee_flexion < 67 else "bent enough, no sign of short two-joint flexors")
    muscles = (" A solid line marks a one-joint hip flexor (iliopsoas) crossing only the hip; a dashed line marks "
               "a two-joint flexor (rectus femoris) crossing hip and knee." if show_muscles else "")
    return AccessibleFigure(
        modified_thomas_test(thigh_angle, knee_flexion, show_muscles=show_muscles),
        alt=(f"Side view of a person lying back from the end of a table, hugging one knee, the other leg hanging "
             f"over the edge. The hanging thigh sits {thigh}. The knee is flexed {knee_flexion:g} degrees, {knee}."
             + muscles),
        caption=(f"Modified Thomas test: thigh at {thigh_angle:+g}° to horizontal, knee flexed {knee_flexion:g}°."),
    )

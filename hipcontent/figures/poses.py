"""Exercise positions as stick figures (side view, one front view), drawn from joint angles.

``pose_geometry(pose)`` gives the joints of each pose the exercise data can name
(``hipcontent.content.exercises.POSES``), so tests can check the angles a diagram shows, e.g.
90 degrees at hip and knee for the toe tap; ``position_figure`` draws one and ``show_position``
shows it with its alt text and caption.
"""

from __future__ import annotations

import math

from matplotlib.figure import Figure
from matplotlib.patches import Arc, Circle, FancyArrowPatch, Rectangle

from hipcontent.content.exercises import POSES, Exercise, load_library
from hipcontent.figures.palette import BONE_EDGE, OKABE_ITO
from hipcontent.figures.theme import theme_safe  # the notebook's picture: no ground (dark theme)
from hipcontent.views.display import AccessibleFigure

# Segment lengths of the stick figure, in body heights.
TRUNK, THIGH, SHANK, FOOT, UPPER_ARM, FOREARM, HEAD_R = 0.30, 0.245, 0.245, 0.07, 0.17, 0.16, 0.055


def _exercise(item) -> Exercise:
    if isinstance(item, Exercise):
        return item
    if isinstance(item, str):
        return load_library()[item]
    raise TypeError(f"expected an exercise or an exercise id; got {type(item).__name__}")



def _point(origin, angle_deg, length):
    a = math.radians(angle_deg)
    return (origin[0] + length * math.cos(a), origin[1] + length * math.sin(a))


def _leg(hip, thigh, shank, foot=None):
    knee = _point(hip, thigh, THIGH)
    ankle = _point(knee, shank, SHANK)
    toe = _point(ankle, foot if foot is not None else shank + 90, FOOT)
    return {"hip": hip, "knee": knee, "ankle": ankle, "toe": toe}


def _shank_to_floor(knee_y, floor_y, forward=True):
    """Shank angle that puts the ankle on the floor (feet drawn as flat on the floor)."""
    s = max(-1.0, min(1.0, (floor_y - knee_y) / SHANK))
    angle = math.degrees(math.asin(s))  # -90..90, pointing forward (+x)
    return angle if forward else 180 - angle


def _foot_tap_thigh(hip_y, ankle_y=0.0):
    """Thigh angle at which a 90-degree knee puts the ankle at height `ankle_y` (floor at y = 0)."""
    # hip_y + THIGH*sin(t) + SHANK*sin(t - 90) = ankle_y, solved by bisection (t between 0 and 90).
    lo, hi = 0.0, 90.0
    for _ in range(60):
        mid = (lo + hi) / 2
        y = hip_y + THIGH * math.sin(math.radians(mid)) - SHANK * math.cos(math.radians(mid))
        lo, hi = (lo, mid) if y > ankle_y else (mid, hi)
    return (lo + hi) / 2


TOE_POINT = 45  # degrees the tapping foot is pointed (plantarflexed) so the toes, not the heel, touch


def _toe_tap_leg(hip):
    """The tapping leg of a toe tap: knee at 90 degrees, foot pointed, the toes just on the floor."""
    lo, hi = 0.0, 90.0
    for _ in range(60):
        t = (lo + hi) / 2
        toe_y = (hip[1] + THIGH * math.sin(math.radians(t)) - SHANK * math.cos(math.radians(t))
                 + FOOT * math.sin(math.radians(t - TOE_POINT)))
        lo, hi = (lo, t) if toe_y > 0 else (t, hi)
    t = (lo + hi) / 2
    return _leg(hip, t, t - 90, t - TOE_POINT)


def _crook_leg(hip):
    """A crook-lying support leg: knee bent to 90 degrees, foot flat with the ankle just off the floor."""
    t = _foot_tap_thigh(hip[1], ankle_y=0.02)
    return _leg(hip, t, t - 90, 0)


def pose_geometry(pose: str) -> dict:
    """Joint positions of a named pose (x forward/feet-ward, y up, body height 1; floor at y 0).

    Returns {"trunk": {"hip", "shoulder", "head"}, "legs": [...], "ghost_legs": [...],
    "arms": [...], "props": [...], "marks": [...], "floor": bool, "view": "side" | "front"}, and
    for the front view also "lines" (pelvis, spine, shoulders). Each leg is a dict of hip, knee,
    ankle and toe points; ghost legs are drawn dashed to show a movement.
    """
    if pose not in POSES:
        raise ValueError(f"unknown pose {pose!r}; choose one of: {', '.join(POSES)}")
    g = {"legs": [], "ghost_legs": [], "arms": [], "props": [], "marks": [], "floor": True, "view": "side",
         "lines": []}

    def trunk(hip, angle):
        shoulder = _point(hip, angle, TRUNK)
        head = _point(shoulder, angle, HEAD_R + 0.03)
        g["trunk"] = {"hip": hip, "shoulder": shoulder, "head": head}
        return shoulder

    def arm(shoulder, upper, fore):
        elbow = _point(shoulder, upper, UPPER_ARM)
        g["arms"].append({"shoulder": shoulder, "elbow": elbow, "hand": _point(elbow, fore, FOREARM)})

    if pose.startswith("supine"):
        hip = (0.0, 0.05)
        shoulder = trunk(hip, 180)
        arm(shoulder, -8, -2)  # along the floor by the side
        bent = _crook_leg(hip)  # crook lying: knee at 90 degrees, foot flat
        if pose == "supine-90-90":
            g["legs"].append(_leg(hip, 90, 0, 90))
            g["ghost_legs"].append(_toe_tap_leg(hip))
            g["marks"] += [("angle", "hip", 0), ("angle", "knee", 0)]
        elif pose == "supine-single-leg-90":
            g["legs"] += [bent, _leg(hip, 90, 0, 90)]
            g["far"] = [0]  # the support leg is the far leg: drawn grey, so the tap stays readable
            g["ghost_legs"].append(_toe_tap_leg(hip))
            g["marks"] += [("angle", "hip", 1), ("angle", "knee", 1)]
        elif pose == "supine-heel-slide":
            g["legs"] += [bent]
            g["ghost_legs"].append(_leg(hip, 4, -6, 84))
        elif pose == "supine-march":
            # one knee held in over the hip, the other leg reaching away just above the floor
            g["legs"] += [_leg(hip, 104, 14, 104), _leg(hip, 16, 10, 100)]
        elif pose == "supine-pelvic-tilt":
            g["legs"] += [_crook_leg(hip), bent]
            g["far"] = [0]
            g["marks"].append(("pelvic_tilt", "hip", 1))
        elif pose == "supine-straight-leg-raise":
            g["legs"] += [bent, _leg(hip, 60, 60, 150)]
            g["far"] = [0]
            g["marks"].append(("floor_angle", "hip", 1))
    elif pose == "march-on-the-spot":
        hip = (0.0, THIGH + SHANK)
        shoulder = trunk(hip, 90)
        g["legs"] += [_leg(hip, -90, -90, 0), _leg(hip, -2, -92, -2)]  # knee up to about hip height
        arm(shoulder, -125, -95)  # arms swing in opposition: this one back ...
        arm(shoulder, -60, -5)  # ... the other forward, elbow bent
        g["far"] = [0]
    elif pose == "easy-walk":
        hip = (0.0, (THIGH + SHANK) * math.cos(math.radians(14)))
        shoulder = trunk(hip, 90)
        g["legs"] += [_leg(hip, -104, -104, -14), _leg(hip, -76, -80, 2)]
        g["far"] = [0]
        arm(shoulder, -100, -92)
        arm(shoulder, -78, -70)
    elif pose == "standing-leg-swing":
        hip = (0.0, THIGH + SHANK)
        shoulder = trunk(hip, 90)
        g["legs"] += [_leg(hip, -90, -90, 0), _leg(hip, -50, -62, 25)]
        g["ghost_legs"].append(_leg(hip, -112, -118, -28))  # the swing back, behind the body
        arm(shoulder, -80, -86)
        g["props"].append(("chair_beside", g["arms"][-1]["hand"][1]))
        g["marks"].append(("swing", "hip", 1))
    elif pose in ("standing-march", "standing-split-stretch"):
        # Side-on to a chair: in a side view its back stands beside the body (drawn behind it),
        # and the near hand rests on its top rail.
        if pose == "standing-march":
            hip = (0.0, THIGH + SHANK)
            shoulder = trunk(hip, 90)
            g["legs"] += [_leg(hip, -90, -90, 0), _leg(hip, 15, -75, 15)]
        else:
            hip = (0.0, 0.44)
            shoulder = trunk(hip, 90)
            front_knee = _point(hip, -55, THIGH)
            back_knee = _point(hip, -112, THIGH)
            g["legs"] += [
                _leg(hip, -55, _shank_to_floor(front_knee[1], 0.0), 0),
                # back heel lifted: the ankle stays a little above the floor, the ball of the foot on it
                _leg(hip, -112, _shank_to_floor(back_knee[1], 0.03, forward=False), -25),
            ]
            g["marks"].append(("stretch", "hip", 1))
        arm(shoulder, -80, -86)
        g["props"].append(("chair_beside", g["arms"][-1]["hand"][1]))
    elif pose == "seated-knee-lift":
        # The support foot flat on the floor (ankle on it), so the hip sits one shank above the floor.
        hip = (0.0, SHANK)
        seat = hip[1] - 0.03
        shoulder = trunk(hip, 90)
        arm(shoulder, -92, -84)  # hand resting on the seat beside the hip
        g["legs"] += [_leg(hip, 0, -90, 0), _leg(hip, 22, -68, 22)]
        g["props"].append(("chair_front", seat))  # sitting near the front edge, back clear of the backrest
        g["marks"].append(("angle", "hip", 1))
    elif pose == "hanging-knee-raise":
        hip = (0.0, 0.30)
        shoulder = trunk(hip, 90)
        arm(shoulder, 74, 86)  # overhead arms pass the head in a side view; the head is drawn over them
        g["legs"] += [_leg(hip, 15, -75, 15)]
        g["props"].append(("bar", shoulder[1] + UPPER_ARM + FOREARM))
        g["floor"] = False
    elif pose == "half-kneeling":
        hip = (0.0, THIGH)  # front foot flat on the floor, back knee on the pad
        shoulder = trunk(hip, 90)
        back_thigh = -112
        back_knee = _point(hip, back_thigh, THIGH)
        # back shin and instep rest along the floor behind the knee
        g["legs"] += [_leg(hip, 0, -90, 0), _leg(hip, back_thigh, 180, 180)]
        g["props"].append(("pad", back_knee[0]))
        g["marks"].append(("stretch", "hip", 1))
        arm(shoulder, -90, -70)
    elif pose == "half-kneeling-side-bend":
        _front_view_side_bend(g)
        g["companion"] = _lunge_side_view(dx=-1.1)
    return g


def _lunge_side_view(dx: float) -> dict:
    """The deep lunge from the side, drawn `dx` to the left of its front view: the front foot well
    forward with the knee over the ankle, the back knee on the pad and the back thigh behind the
    trunk (the hip extended), the kneeling side's arm reaching overhead."""
    back_thigh = -125
    hip = (dx, THIGH * math.sin(math.radians(-back_thigh)))
    shoulder = _point(hip, 90, TRUNK)
    g = {"legs": [], "ghost_legs": [], "arms": [], "props": [], "marks": [], "floor": True, "view": "side",
         "lines": [], "trunk": {"hip": hip, "shoulder": shoulder, "head": _point(shoulder, 90, HEAD_R + 0.03)}}
    front_thigh = math.degrees(math.asin((SHANK - hip[1]) / THIGH))  # the shin upright, the foot flat
    back_knee = _point(hip, back_thigh, THIGH)
    g["legs"] += [_leg(hip, front_thigh, -90, 0), _leg(hip, back_thigh, 180, 180)]
    g["props"].append(("pad", back_knee[0]))
    elbow = _point(shoulder, 100, UPPER_ARM)  # overhead, just behind the head in this view
    g["arms"].append({"shoulder": shoulder, "elbow": elbow, "hand": _point(elbow, 96, FOREARM)})
    g["marks"] += [("stretch_left", "hip", 1), ("view_label", "side view", 0)]
    return g


def _front_view_side_bend(g):
    """The kneeling lunge with a side bend, seen from the front (a side view cannot show a side bend).

    The person kneels on the right knee (on the left of the picture), the left foot forward; the
    trunk bends away from the kneeling side and the right arm reaches over the head. x runs to
    the person's left, y up.
    """
    g["view"] = "front"
    hip_y = THIGH - 0.005
    right_hip, left_hip = (-0.07, hip_y), (0.07, hip_y)
    mid = (0.0, hip_y)
    # The spine curves away from the kneeling side: upright low down, bent about 25 degrees above.
    waist = _point(mid, 90, 0.14)
    chest = _point(waist, 78, 0.10)
    neck = _point(chest, 66, 0.06)
    head = _point(neck, 62, HEAD_R + 0.03)
    across = 66 - 90  # the shoulder line turns with the upper spine
    right_shoulder, left_shoulder = _point(neck, across + 180, 0.10), _point(neck, across, 0.10)
    g["trunk"] = {"hip": mid, "shoulder": neck, "head": head}
    g["lines"] += [[right_hip, left_hip], [mid, waist, chest, neck], [right_shoulder, left_shoulder]]
    # Kneeling (right) leg: thigh down to the knee on the pad; the shin points away from the viewer.
    right_knee = (right_hip[0] - 0.01, 0.012)
    g["legs"].append({"hip": right_hip, "knee": right_knee, "ankle": right_knee, "toe": right_knee})
    # Front (left) leg: thigh forward towards the viewer (short in this view), shin down to the foot.
    left_knee = (left_hip[0] + 0.08, hip_y - 0.035)
    left_ankle = (left_knee[0], 0.02)
    g["legs"].append({"hip": left_hip, "knee": left_knee, "ankle": left_ankle, "toe": (left_ankle[0] + 0.03, 0.0)})
    # Right arm reaches up and over the head towards the left; left hand rests on the front thigh.
    elbow = _point(right_shoulder, 76, UPPER_ARM)
    g["arms"].append({"shoulder": right_shoulder, "elbow": elbow, "hand": _point(elbow, 18, FOREARM)})
    left_elbow = _point(left_shoulder, -75, UPPER_ARM)
    g["arms"].append({"shoulder": left_shoulder, "elbow": left_elbow, "hand": _point(left_elbow, -110, FOREARM * 0.8)})
    g["props"].append(("pad", right_knee[0]))
    g["marks"] += [("front_stretch", "hip", 0), ("side_bend", "shoulder", 0), ("view_label", "front view", 0)]


def joint_angle(a, b, c) -> float:
    """Angle at b (degrees) between the segments b->a and b->c."""
    v1 = (a[0] - b[0], a[1] - b[1])
    v2 = (c[0] - b[0], c[1] - b[1])
    cos = (v1[0] * v2[0] + v1[1] * v2[1]) / (math.hypot(*v1) * math.hypot(*v2))
    return math.degrees(math.acos(max(-1.0, min(1.0, cos))))


def hip_flexion(geometry: dict, leg: int = 0) -> float:
    """Hip flexion of a leg in a pose (0 = thigh in line with the trunk, 90 = at right angles)."""
    t = geometry["trunk"]
    return 180 - joint_angle(t["shoulder"], t["hip"], geometry["legs"][leg]["knee"])


def knee_flexion(geometry: dict, leg: int = 0) -> float:
    """Knee flexion of a leg in a pose (0 = straight)."""
    lg = geometry["legs"][leg]
    return 180 - joint_angle(lg["hip"], lg["knee"], lg["ankle"])


def position_figure(exercise, width: float = 4.8, height: float = 2.6) -> Figure:
    """A side-view stick figure of the exercise's position, with its key angles labelled."""
    ex = _exercise(exercise)
    fig = Figure(figsize=(width, height))
    ax = fig.add_axes((0.02, 0.04, 0.96, 0.92))
    ax.set_aspect("equal")
    ax.axis("off")
    if not ex.diagram_pose:
        ax.text(0.5, 0.5, "No diagram for this exercise", ha="center", va="center", transform=ax.transAxes,
                parse_math=False)
        return fig
    draw_pose(ax, pose_geometry(ex.diagram_pose), bands="mini_band" in ex.equipment)
    return fig


def show_position(exercise) -> AccessibleFigure:
    """The position diagram with its alt text (from the exercise's data) and a caption."""
    ex = _exercise(exercise)
    g = pose_geometry(ex.diagram_pose) if ex.diagram_pose else {"view": "side"}
    view = f"{g['companion']['view']} and {g['view']} views" if g.get("companion") else f"{g['view']} view"
    return AccessibleFigure(theme_safe(position_figure(ex)), alt=ex.diagram_alt or f"Position for {ex.name}.",
                            caption=f"Start position: {ex.name} ({view}, not to scale).")


def draw_pose(ax, g, bands=False, labels=True):
    """Draw a pose (and its companion view, if it has one, beside it) and fit the axes to it.

    labels=False: the figure alone, without words or angle values (a small picture on a sheet)."""
    xs, ys = _draw(ax, g, bands)
    if g.get("companion"):
        more_x, more_y = _draw(ax, g["companion"], bands)
        xs, ys = xs + more_x, ys + more_y
    if not labels:
        for text in list(ax.texts):
            text.remove()
        xs, ys = [], []
        for line in ax.lines:
            xs += list(line.get_xdata())
            ys += list(line.get_ydata())
        t = g["trunk"]
        xs += [t["head"][0] - HEAD_R, t["head"][0] + HEAD_R]
        ys += [t["head"][1] + HEAD_R]
    if g["floor"]:
        ax.plot([min(xs) - 0.08, max(xs) + 0.08], [0, 0], color=BONE_EDGE, lw=1.5, zorder=0)
        ys.append(0)
    pad = 0.06
    ax.set_xlim(min(xs) - pad - 0.08, max(xs) + pad + 0.08)
    ax.set_ylim(min(ys) - pad, max(ys) + pad)


def _draw(ax, g, bands):
    """Draw one view; returns the x and y extents it used."""
    ink, ghost = "#000000", "#777777"
    line = dict(color=ink, lw=3.0, solid_capstyle="round", zorder=3)

    def poly(points, **kw):
        ax.plot([p[0] for p in points], [p[1] for p in points], **kw)

    xs, ys = [], []
    t = g["trunk"]
    if g.get("lines"):  # front view: pelvis, curved spine and shoulder line instead of one trunk line
        for points in g["lines"]:
            poly(points, **line)
            xs += [p[0] for p in points]
    else:
        poly([t["hip"], t["shoulder"]], **line)
    ax.add_patch(Circle(t["head"], HEAD_R, facecolor="white", edgecolor=ink, lw=2.5, zorder=4))
    for arm in g["arms"]:
        poly([arm["shoulder"], arm["elbow"], arm["hand"]], **{**line, "lw": 2.4})
        xs += [arm["hand"][0]]
        ys += [arm["hand"][1]]
    for leg in g["ghost_legs"]:
        poly([leg["hip"], leg["knee"], leg["ankle"], leg["toe"]], color=ghost, lw=2.0, ls=(0, (3, 2)), zorder=2)
        xs += [leg["knee"][0], leg["toe"][0]]
        ys += [leg["knee"][1], leg["toe"][1]]
    for i, leg in enumerate(g["legs"]):
        far = {"color": "#8C8C8C", "zorder": 2.6} if i in g.get("far", ()) else {}
        poly([leg["hip"], leg["knee"], leg["ankle"], leg["toe"]], **{**line, **far})
        xs += [leg["knee"][0], leg["ankle"][0], leg["toe"][0]]
        ys += [leg["knee"][1], leg["ankle"][1], leg["toe"][1]]
    xs += [t["head"][0] - HEAD_R, t["head"][0] + HEAD_R, t["hip"][0]]
    ys += [t["head"][1] + HEAD_R, t["hip"][1]]
    if bands and len(g["legs"]) >= 2:
        a, b = g["legs"][0]["ankle"], g["legs"][1]["ankle"]
        poly([a, b], color=OKABE_ITO["vermillion"], lw=2.0, zorder=2.5)
        mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        ax.annotate("band", mid, (mid[0] + 0.08, mid[1] - 0.07), fontsize=9, color="#000000",
                    arrowprops=dict(arrowstyle="-", color=OKABE_ITO["vermillion"], lw=1), zorder=5)
    for kind, value in g["props"]:
        if kind == "chair":
            # seat under most of the resting thigh; the front edge ends just short of the knee
            ax.add_patch(Rectangle((-0.12, value - 0.03), 0.32, 0.03, facecolor="#BBBBBB", edgecolor=BONE_EDGE, zorder=1))
            poly([(-0.10, value - 0.03), (-0.10, 0)], color=BONE_EDGE, lw=2, zorder=1)
            poly([(0.18, value - 0.03), (0.18, 0)], color=BONE_EDGE, lw=2, zorder=1)
            poly([(-0.12, value), (-0.12, value + 0.35)], color=BONE_EDGE, lw=2, zorder=1)
            ax.text(-0.13, value + 0.2, "chair", ha="right", va="center", fontsize=9, parse_math=False)
            xs.append(-0.3)
        elif kind == "chair_front":
            # sitting near the front edge: the thigh mostly beyond the seat, the backrest well behind
            ax.add_patch(Rectangle((-0.32, value - 0.03), 0.38, 0.03, facecolor="#BBBBBB", edgecolor=BONE_EDGE, zorder=1))
            poly([(-0.30, value - 0.03), (-0.30, 0)], color=BONE_EDGE, lw=2, zorder=1)
            poly([(0.04, value - 0.03), (0.04, 0)], color=BONE_EDGE, lw=2, zorder=1)
            poly([(-0.32, value), (-0.32, value + 0.35)], color=BONE_EDGE, lw=2, zorder=1)
            ax.text(-0.33, value + 0.2, "chair", ha="right", va="center", fontsize=9, parse_math=False)
            xs.append(-0.5)
        elif kind == "chair_beside":
            # the back of a chair standing beside the person, drawn behind the body; the hand rests on it
            rail = value
            for x in (-0.11, 0.11):
                poly([(x, 0), (x, rail)], color="#AAAAAA", lw=2.5, zorder=0.5)
            poly([(-0.13, rail), (0.13, rail)], color="#AAAAAA", lw=4, zorder=0.5, solid_capstyle="round")
            ax.annotate("chair beside you\n(hand on its back)", (-0.11, rail * 0.55), (-0.2, rail * 0.55),
                        fontsize=8, ha="right", va="center",
                        arrowprops=dict(arrowstyle="-", color="#777777", lw=0.8), zorder=6)
            xs.append(-0.42)
        elif kind == "bar":
            poly([(-0.2, value), (0.2, value)], color=BONE_EDGE, lw=4, zorder=1)
            ax.text(0.22, value, "bar", ha="left", va="center", fontsize=9, parse_math=False)
            ys.append(value)
        elif kind == "support":
            poly([(-value, 0), (-value, 0.9)], color=BONE_EDGE, lw=3, zorder=1)
            ax.text(-value - 0.02, 0.85, "wall or\nchair", ha="right", va="top", fontsize=8, parse_math=False)
            xs.append(-value - 0.2)
        elif kind == "pad":
            ax.add_patch(Rectangle((value - 0.06, -0.012), 0.12, 0.022, facecolor="#BBBBBB", edgecolor=BONE_EDGE, zorder=1))
            ax.annotate("knee pad", (value, 0.0), (value - 0.05, -0.09), fontsize=8, ha="right",
                        arrowprops=dict(arrowstyle="-", color=BONE_EDGE, lw=0.8))
            ys.append(-0.1)
    for kind, joint, index in g["marks"]:
        if kind == "angle":
            leg = g["legs"][index]
            if joint == "hip":
                centre, a1, a2 = leg["hip"], _angle(leg["hip"], leg["knee"]), _angle(leg["hip"], t["shoulder"])
                value = hip_flexion(g, index)
            else:
                centre, a1, a2 = leg["knee"], _angle(leg["knee"], leg["ankle"]), _angle(leg["knee"], leg["hip"])
                value = knee_flexion(g, index)
            lo, hi = sorted((a1, a2))
            if hi - lo > 180:
                lo, hi = hi, lo + 360
            ax.add_patch(Arc(centre, 0.12, 0.12, theta1=lo, theta2=hi, color=OKABE_ITO["blue"], lw=1.6, zorder=5))
            mid = math.radians((lo + hi) / 2)
            ax.text(centre[0] + 0.11 * math.cos(mid), centre[1] + 0.11 * math.sin(mid), f"{value:.0f}°",
                    ha="center", va="center", fontsize=9, color=OKABE_ITO["blue"], zorder=6, parse_math=False)
        elif kind == "floor_angle":
            leg = g["legs"][index]
            ang = _angle(leg["hip"], leg["knee"])
            ax.add_patch(Arc(leg["hip"], 0.16, 0.16, theta1=0, theta2=ang, color=OKABE_ITO["blue"], lw=1.6, zorder=5))
            ax.text(leg["hip"][0] + 0.12, leg["hip"][1] + 0.05, f"about {ang:.0f}°", fontsize=9,
                    color=OKABE_ITO["blue"], zorder=6, parse_math=False)
        elif kind == "stretch":
            leg = g["legs"][index]
            hip = leg["hip"]
            ax.plot([hip[0] + 0.02], [hip[1]], marker="D", color=OKABE_ITO["vermillion"], ms=7, zorder=6)
            ax.annotate("stretch felt here\n(front of back hip)", (hip[0] + 0.02, hip[1]), (hip[0] + 0.2, hip[1] + 0.2),
                        fontsize=8, arrowprops=dict(arrowstyle="-", color=OKABE_ITO["vermillion"], lw=1), zorder=6)
            xs.append(hip[0] + 0.55)
        elif kind == "pelvic_tilt":
            hip = g["legs"][index]["hip"]
            ax.add_patch(FancyArrowPatch((hip[0] + 0.05, hip[1] + 0.09), (hip[0] - 0.07, hip[1] + 0.07),
                                         connectionstyle="arc3,rad=0.5", arrowstyle="-|>", mutation_scale=12,
                                         color=OKABE_ITO["blue"], lw=1.6, zorder=6))
            ax.text(hip[0] - 0.02, hip[1] + 0.17, "tilt the pelvis: low back\nflattens towards the mat",
                    ha="center", va="bottom", fontsize=8, color="#000000", zorder=6, parse_math=False)
            ys.append(hip[1] + 0.3)
        elif kind == "swing":
            hip = g["legs"][index]["hip"]
            ax.add_patch(Arc(hip, 0.5, 0.5, theta1=-118, theta2=-52, color=OKABE_ITO["blue"], lw=1.6,
                             ls=(0, (2, 2)), zorder=5))
            ax.text(hip[0] + 0.26, hip[1] - 0.12, "swing forward\nand back", fontsize=8, color="#000000",
                    zorder=6, va="center", parse_math=False)
            xs.append(hip[0] + 0.62)
        elif kind == "view_label":
            ax.text(t["hip"][0], -0.12, joint, ha="center", va="top", fontsize=8, color="#333333",
                    parse_math=False)
            ys.append(-0.16)
        elif kind == "stretch_left":
            hip = g["legs"][index]["hip"]
            ax.plot([hip[0] + 0.02], [hip[1]], marker="D", color=OKABE_ITO["vermillion"], ms=7, zorder=6)
            ax.annotate("stretch\nfelt here\n(front of\nback hip)", (hip[0] + 0.02, hip[1]),
                        (hip[0] - 0.1, hip[1] + 0.22), fontsize=8, ha="right",
                        arrowprops=dict(arrowstyle="-", color=OKABE_ITO["vermillion"], lw=1), zorder=6)
            xs.append(hip[0] - 0.75)
        elif kind == "front_stretch":
            hip = g["legs"][index]["hip"]
            ax.plot([hip[0]], [hip[1]], marker="D", color=OKABE_ITO["vermillion"], ms=7, zorder=6)
            ax.annotate("stretch felt here\n(front of the\nkneeling hip)", hip, (hip[0] - 0.2, hip[1] + 0.04),
                        fontsize=8, ha="right", va="center",
                        arrowprops=dict(arrowstyle="-", color=OKABE_ITO["vermillion"], lw=1), zorder=6)
            xs.append(hip[0] - 0.45)
        elif kind == "side_bend" and g["view"] == "front":
            s = t["shoulder"]
            ax.add_patch(FancyArrowPatch((s[0] - 0.05, s[1] + 0.16), (s[0] + 0.15, s[1] + 0.02),
                                         connectionstyle="arc3,rad=-0.35", arrowstyle="-|>", mutation_scale=12,
                                         color=OKABE_ITO["blue"], lw=1.6, zorder=6))
            ax.text(s[0] + 0.17, s[1] - 0.02, "side bend\naway from the\nkneeling side", fontsize=8,
                    color="#000000", zorder=6, va="top", parse_math=False)
            xs.append(s[0] + 1.0)
        elif kind == "side_bend":
            s = t["shoulder"]
            ax.add_patch(FancyArrowPatch((s[0] - 0.02, s[1] + 0.28), (s[0] + 0.16, s[1] + 0.18),
                                         connectionstyle="arc3,rad=-0.4", arrowstyle="-|>", mutation_scale=12,
                                         color=OKABE_ITO["blue"], lw=1.6, zorder=6))
            ax.text(s[0] + 0.18, s[1] + 0.24, "side bend away from\nthe kneeling side", fontsize=8,
                    color="#000000", zorder=6, parse_math=False)
            xs.append(s[0] + 0.6)
            ys.append(s[1] + 0.34)
    return xs, ys


def _angle(origin, target) -> float:
    return math.degrees(math.atan2(target[1] - origin[1], target[0] - origin[0])) % 360

"""The function lesson's numbers from the gait2392 path model, as tables: how far a lunge stretch
lengthens each path, why the model fails in deep flexion, and the check against OpenSim.

Each function returns an HTMLBlock (HTML for the notebook, plain text for printouts and tests).

Model and data: OpenSim gait2392 (CC BY 3.0), Delp et al. (1990) and the gait2392 authors
(Thelen, Seth, Anderson, Delp); see hipcontent.model.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hipcontent.model import gait2392
from hipcontent.model import paths as model
from hipcontent.views.display import HTMLBlock, escape, table_html

MUSCLE_LABELS = gait2392.MUSCLE_LABELS


# --- the kneeling-lunge stretch -----------------------------------------------------------------


@dataclass(frozen=True)
class Lengthening:
    """How much a muscle path lengthens between two hip-flexion angles (extension is negative)."""

    muscle: str
    from_deg: float
    to_deg: float
    from_mm: float
    to_mm: float

    @property
    def change_mm(self) -> float:
        return self.to_mm - self.from_mm

    @property
    def change_percent(self) -> float:
        """Lengthening as a percentage of the whole muscle-tendon path (not of the fibres)."""
        return 100.0 * self.change_mm / self.from_mm

    @property
    def fibre_share_percent(self) -> float:
        """Lengthening as a percentage of the model's optimal fibre length: the fibres' share if the
        tendon did not stretch at all (an upper bound; the model's small pennation angle is ignored)."""
        return 100.0 * self.change_mm / (gait2392.muscle(self.muscle).optimal_fiber_length_m * 1000)


def hip_extension_lengthening(muscle: str, to_deg: float = -20.0, from_deg: float = 0.0) -> Lengthening:
    """Path lengthening of "psoas" or "iliacus" when the hip extends from `from_deg` to `to_deg`."""
    if to_deg >= from_deg:
        raise ValueError(
            f"hip extension means moving to a smaller flexion angle: to_deg ({to_deg:g}) must be below from_deg ({from_deg:g})"
        )
    start = model.path_length(muscle, from_deg) * 1000
    end = model.path_length(muscle, to_deg) * 1000
    return Lengthening(muscle, float(from_deg), float(to_deg), start, end)


def lunge_stretch_table(angles=(-10.0, -20.0), from_deg: float = 0.0) -> HTMLBlock:
    """Table: millimetres and percent each path lengthens from standing into hip extension.

    The percentage is of the whole muscle-tendon path; the last column is the same lengthening as a
    share of the model's fibre length, the fibres' stretch if the tendon did not stretch at all.
    """
    rows = [hip_extension_lengthening(name, angle, from_deg) for angle in angles for name in MUSCLE_LABELS]
    header = ("Muscle", "Hip angle", "Path length", "Longer by", "Of the whole path",
              "Of the fibres, if the tendon does not stretch")
    cells = [
        (MUSCLE_LABELS[r.muscle], f"{r.from_deg:g}° → {r.to_deg:g}°", f"{r.from_mm:.1f} → {r.to_mm:.1f} mm",
         f"{r.change_mm:.1f} mm", f"{r.change_percent:.1f} %", f"{r.fibre_share_percent:.1f} %")
        for r in rows
    ]
    html = table_html("Path lengthening in hip extension (gait2392 model)", header, cells, numeric=(1, 2, 3, 4, 5))
    widths = [max(len(h), *(len(row[i]) for row in cells)) for i, h in enumerate(header)]
    lines = ["Path lengthening in hip extension (gait2392 model)"]
    lines.append("  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip())
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    return HTMLBlock(html=html, text="\n".join(lines))


# --- why the model fails in deep flexion ---------------------------------------------------------


def _straight_line_arm(muscle: str, flexion: float) -> float:
    """Flexion moment arm (metres) of one straight line from the muscle's first pelvis point to its
    first femur point, as if the path had lifted off the brim (zero adduction and rotation).

    Tension pulls the femur point towards the pelvis point; the z component of r x u about the hip
    centre is the flexion moment arm (positive = flexion), the same sign convention as the model.
    """
    points = gait2392.muscle(muscle).points
    start = next(p.location for p in points if p.body == "pelvis")
    femur = next(p.location for p in points if p.body == "femur") @ model.femur_rotation(flexion).T
    pull = (start - femur) / np.linalg.norm(start - femur)
    return float(femur[0] * pull[1] - femur[1] * pull[0])


DEEP_FLEXION_DEG = (45.0, 46.0, 70.0, 90.0, 99.0, 100.0, 102.0, 110.0)
_POINT_WORDS = {1: "pelvis start", 2: "brim", 3: "femoral head", 4: "femur", 5: "lesser trochanter"}


def deep_flexion_rows(angles=DEEP_FLEXION_DEG) -> list[dict]:
    """What the gait2392 path does in deep flexion, angle by angle (psoas; iliacus moment arm too).

    Each row: flexion, the names of the points on the psoas path, the first femur point's position
    (mm in front of and above the hip centre), the brim point's height (mm), the psoas and iliacus
    flexion moment arms (mm, signed) and the straight-line comparison (mm, see _straight_line_arm).
    """
    data = gait2392.muscle("psoas")
    brim = data.points[1].location
    rows = []
    for angle in angles:
        points = model.path_points("psoas", angle)
        used = [i + 1 for i, point in enumerate(data.points)
                if any(np.allclose(point.location, p) for p in points) or point.body == "femur"]
        femur = points[-2]
        rows.append({
            "flexion_deg": float(angle),
            "points": [_POINT_WORDS[i] for i in used],
            "femur_point_front_mm": float(femur[0] * 1000),
            "femur_point_above_mm": float(femur[1] * 1000),
            "brim_above_mm": float(brim[1] * 1000),
            "psoas_arm_mm": model.moment_arm("psoas", "flexion", angle) * 1000,
            "iliacus_arm_mm": model.moment_arm("iliacus", "flexion", angle) * 1000,
            "straight_line_arm_mm": _straight_line_arm("psoas", angle) * 1000,
        })
    return rows


def deep_flexion_table(angles=DEEP_FLEXION_DEG) -> HTMLBlock:
    """The lesson's table: which points the model's path uses in deep flexion, where the first femur
    point is, and the signed moment arms that show why the model fails past about 99 degrees."""
    rows = deep_flexion_rows(angles)
    header = ("Hip flexion", "Points on the psoas path", "Femur point: in front / above the hip centre",
              "Psoas moment arm", "Iliacus moment arm", "Straight line from the pelvis start point")
    cells = [
        (f"{r['flexion_deg']:g}°", ", ".join(r["points"]),
         f"{r['femur_point_front_mm']:.0f} / {r['femur_point_above_mm']:.0f} mm",
         f"{r['psoas_arm_mm']:+.1f} mm", f"{r['iliacus_arm_mm']:+.1f} mm", f"{r['straight_line_arm_mm']:+.1f} mm")
        for r in rows
    ]
    caption = (f"The gait2392 psoas path in deep flexion (the brim point is {rows[0]['brim_above_mm']:.0f} mm above "
               "the hip centre; + flexes the hip, − would extend it)")
    html = table_html(caption, header, cells, numeric=(0, 2, 3, 4, 5))
    lines = [caption] + [" | ".join(f"{h}: {c}" for h, c in zip(header, row)) for row in cells]
    return HTMLBlock(html=html, text="\n".join(lines))


def opensim_check() -> HTMLBlock:
    """One sentence: the largest differences between this model and OpenSim 4.6 itself."""
    worst = model.opensim_differences()
    rows = len(model.opensim_reference())
    largest = max(worst.values()) * 1000
    shown = "less than 0.001 mm" if largest < 0.001 else f"{largest:.3f} mm"
    text = (
        f"Checked against OpenSim 4.6 at {rows // 2} hip poses for each muscle (length and all three moment "
        f"arms): the largest difference is {shown}; the acceptance limit is 0.1 mm."
    )
    return HTMLBlock(html=f"<p>{escape(text)}</p>", text=text)


# --- moment arms as readable tables (no raw arrays in a lesson) --------------------------------------

_AXIS_WORDS = {"flexion": "Flexion", "adduction": "Adduction", "rotation": "Internal rotation"}


def _signed_mm(metres: float) -> str:
    """'+38.5 mm' or '−3.0 mm' (a true minus sign, as the captions use)."""
    return f"{metres * 1000:+.1f} mm".replace("-", "\u2212")


def moment_arm_table(muscle: str = "psoas", angles=(0, 45, 70, 90, 100, 110)) -> HTMLBlock:
    """Table, one row wide: the muscle's hip-flexion moment arm (mm, signed) at each flexion angle."""
    label = MUSCLE_LABELS[gait2392.check_muscle(muscle)].capitalize()
    header = ("Hip flexion", *(f"{angle:g}°" for angle in angles))
    row = (label, *(_signed_mm(model.moment_arm(muscle, "flexion", angle)) for angle in angles))
    caption = "Hip-flexion moment arm in the gait2392 model (+ flexes the hip, − would extend it)"
    return HTMLBlock.table(caption, header, [row], numeric=tuple(range(1, len(header))))


def rotation_moment_arms(muscle: str = "psoas", flexion: float = 0.0) -> HTMLBlock:
    """Table, one row wide: the muscle's moment arms about all three hip axes at one flexion angle (mm, signed)."""
    label = MUSCLE_LABELS[gait2392.check_muscle(muscle)].capitalize()
    axes = ("flexion", "adduction", "rotation")
    header = ("Moment arm", *(_AXIS_WORDS[axis] for axis in axes))
    row = (f"{label} at {flexion:g}°", *(_signed_mm(model.moment_arm(muscle, axis, flexion)) for axis in axes))
    caption = "Moment arms about the three hip axes in the gait2392 model (+ drives the named movement)"
    return HTMLBlock.table(caption, header, [row], numeric=(1, 2, 3))

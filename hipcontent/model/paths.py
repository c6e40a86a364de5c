"""A straight-line muscle-path model of the psoas and iliacus, after OpenSim's gait2392.

The model (right side) copies what OpenSim does for these two muscles, so its answers can be
checked against OpenSim itself (tools/opensim_reference.py writes the reference; the tests
compare within 0.1 mm):

- the pelvis points stay fixed; the femur points turn about the hip joint centre by flexion
  (about z), then adduction (about the new x), then rotation (about the newer y): the body-fixed
  z-x-y order and right-hand signs of the gait2392 ``hip_r`` CustomJoint;
- the conditional via point over the front of the femoral head (fixed to the pelvis, about 42 mm
  in front of and 14 mm below the hip centre) joins the path only while hip flexion lies inside its
  active range (about -90 to 45 degrees); the brim point above it stays on the path at every angle;
- the path is the chain of straight segments between the active points.

Angles are in degrees (numpy arrays broadcast against each other); lengths and moment arms are
in metres. A positive moment arm means that muscle tension drives the coordinate positive
(flexion, adduction, internal rotation), as OpenSim's ``computeMomentArm``: it is -dL/dq with q in
radians, computed here analytically (no finite difference straddles the via-point switch).

Data and credit: OpenSim gait2392 (CC BY 3.0): Delp et al. (1990) IEEE Trans Biomed Eng
37:757-767, and the gait2392 authors (Thelen, Seth, Anderson, Delp); see hipcontent.model.gait2392.
"""

from __future__ import annotations

import itertools
from functools import cache

import numpy as np

from hipcontent.model import gait2392

MUSCLES = gait2392.MUSCLES
COORDINATES = ("flexion", "adduction", "rotation")

# The gait2392 coordinate range for all three hip angles (degrees); angles beyond it are refused.
COORDINATE_RANGE_DEG = (-120.0, 120.0)
# Where the model has been checked against OpenSim (tests/test_model.py): flexion sweep at zero
# adduction and rotation, and adduction/rotation sweeps at zero flexion.
VALIDATED_RANGE_DEG = {"flexion": (-30.0, 90.0), "adduction": (-30.0, 30.0), "rotation": (-30.0, 30.0)}


def check_coordinate(coordinate: str) -> str:
    if coordinate not in COORDINATES:
        raise ValueError(
            f"coordinate must be one of {', '.join(map(repr, COORDINATES))}; got {coordinate!r}"
        )
    return coordinate


def _angles(**named) -> list[np.ndarray]:
    """Check each named angle (degrees): numeric, finite, inside the model's coordinate range."""
    checked = []
    low, high = COORDINATE_RANGE_DEG
    for name, value in named.items():
        try:
            array = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            raise ValueError(f"{name} must be a number of degrees (or an array of them); got {value!r}") from None
        # One cheap test for the usual case; NaN fails every comparison, so it lands in the checks below.
        if array.ndim == 0:
            good = low <= float(array) <= high
        else:
            good = array.size == 0 or (low <= array.min() and array.max() <= high)
        if not good:
            if not np.all(np.isfinite(array)):
                raise ValueError(f"{name} must be finite degrees; got {value!r} (NaN or infinity is not an angle)")
            raise ValueError(
                f"{name} must lie within the gait2392 hip range {low:g} to {high:g} degrees; got {value!r}"
            )
        checked.append(array)
    return checked


def _rotations(flexion_rad, adduction_rad, rotation_rad):
    """The femur-to-pelvis rotation R = Rz(flex) Rx(add) Ry(rot) and its three partial derivatives.

    Arrays of shape (..., 3, 3), broadcast over the angle arrays.
    """
    shape = np.broadcast_shapes(np.shape(flexion_rad), np.shape(adduction_rad), np.shape(rotation_rad))
    zero, one = np.zeros(shape), np.ones(shape)

    def about_z(angle):
        c, s = np.cos(angle) * one, np.sin(angle) * one
        matrix = np.stack([c, -s, zero, s, c, zero, zero, zero, one], -1).reshape(shape + (3, 3))
        derivative = np.stack([-s, -c, zero, c, -s, zero, zero, zero, zero], -1).reshape(shape + (3, 3))
        return matrix, derivative

    def about_x(angle):
        c, s = np.cos(angle) * one, np.sin(angle) * one
        matrix = np.stack([one, zero, zero, zero, c, -s, zero, s, c], -1).reshape(shape + (3, 3))
        derivative = np.stack([zero, zero, zero, zero, -s, -c, zero, c, -s], -1).reshape(shape + (3, 3))
        return matrix, derivative

    def about_y(angle):
        c, s = np.cos(angle) * one, np.sin(angle) * one
        matrix = np.stack([c, zero, s, zero, one, zero, -s, zero, c], -1).reshape(shape + (3, 3))
        derivative = np.stack([-s, zero, c, zero, zero, zero, -c, zero, -s], -1).reshape(shape + (3, 3))
        return matrix, derivative

    rz, drz = about_z(flexion_rad)
    rx, drx = about_x(adduction_rad)
    ry, dry = about_y(rotation_rad)
    rzx = rz @ rx
    rotation = rzx @ ry
    partials = {"flexion": drz @ rx @ ry, "adduction": rz @ drx @ ry, "rotation": rzx @ dry}
    return rotation, partials


def femur_rotation(flexion, adduction=0.0, rotation=0.0) -> np.ndarray:
    """The 3x3 matrix(es) that carry femur points (relative to the hip centre) into the pelvis frame.

    For drawing: ``femur_rotation(f, a, r) @ point`` moves any femur point (a bone outline, say)
    exactly as the muscle attachments move. Shape (..., 3, 3) for array angles.
    """
    flexion, adduction, rotation = _angles(flexion=flexion, adduction=adduction, rotation=rotation)
    matrix, _ = _rotations(np.radians(flexion), np.radians(adduction), np.radians(rotation))
    return matrix


# OpenSim 4.6 keeps a conditional point active slightly beyond its stated range: 1e-5 rad either
# side (measured with tools/opensim_reference.py: at 45.0005 degrees the femoral-head point is still on
# the path, at 45.0006 it is off). Copying that makes the model agree even at exactly 45 degrees.
ACTIVE_RANGE_TOLERANCE_RAD = 1e-5


@cache
def _geometry(muscle: str):
    data = gait2392.muscle(gait2392.check_muscle(muscle))
    locations = np.array([point.location for point in data.points])
    on_femur = np.array([point.body == "femur" for point in data.points])
    entries = gait2392.raw()["model"]["muscles"][f"{muscle}_r"]["path_points"]
    ranges = [
        tuple(entry["condition"]["active_range_rad"]) if "condition" in entry else None for entry in entries
    ]
    return locations, on_femur, ranges


def _active(ranges, flexion_deg: np.ndarray) -> np.ndarray:
    """Boolean (..., n_points): which points are on the path at each flexion angle."""
    flexion_rad = np.radians(flexion_deg)
    columns = []
    for active_range in ranges:
        if active_range is None:
            columns.append(np.ones(flexion_rad.shape, dtype=bool))
        else:
            low, high = active_range
            columns.append(
                (flexion_rad >= low - ACTIVE_RANGE_TOLERANCE_RAD) & (flexion_rad <= high + ACTIVE_RANGE_TOLERANCE_RAD)
            )
    return np.stack(columns, -1)


@cache
def _layout(muscle: str):
    """For each on/off pattern of the conditional points: the constant part of the path length and
    the segments that cross the hip (pelvis point index, femur point index).

    Segments between two points on the same bone never change length, so only the crossing
    segments need computing at each angle. Patterns are tuples of booleans, one per conditional point.
    """
    locations, on_femur, ranges = _geometry(muscle)
    conditional = [i for i, r in enumerate(ranges) if r is not None]
    layouts = []
    for bits in itertools.product((True, False), repeat=len(conditional)):
        active = np.ones(len(locations), dtype=bool)
        active[conditional] = bits
        order = np.flatnonzero(active)
        constant, crossing = 0.0, []
        for a, b in zip(order[:-1], order[1:]):
            if on_femur[a] == on_femur[b]:
                constant += float(np.linalg.norm(locations[b] - locations[a]))
            else:
                crossing.append((b, a) if on_femur[a] else (a, b))
        layouts.append((bits, constant, tuple(crossing)))
    return tuple(conditional), tuple(layouts)


def _moved(point, trig, coordinate):
    """A femur point carried into the pelvis frame, R = Rz(flexion) Rx(adduction) Ry(rotation),
    as (x, y, z) arrays, and its derivative along `coordinate` (or None)."""
    ca, sa, cb, sb, cc, sc = trig
    fx, fy, fz = point
    qx, qy, qz = fx * cc + fz * sc, fy, fz * cc - fx * sc  # Ry
    rx, ry, rz = qx, qy * cb - qz * sb, qy * sb + qz * cb  # Rx
    moved = (rx * ca - ry * sa, rx * sa + ry * ca, rz)  # Rz
    if coordinate is None:
        return moved, None
    if coordinate == "flexion":
        return moved, (-rx * sa - ry * ca, rx * ca - ry * sa, 0.0)
    if coordinate == "adduction":
        dx, dy, dz = 0.0, -qy * sb - qz * cb, qy * cb - qz * sb
    else:  # rotation
        px, pz = fz * cc - fx * sc, -fx * cc - fz * sc
        dx, dy, dz = px, -pz * sb, pz * cb
    return moved, (dx * ca - dy * sa, dx * sa + dy * ca, dz)


def _path(muscle, flexion, adduction, rotation, coordinate=None):
    """Length (...) and, if a coordinate is given, -dL/dq (...) in metres (per radian)."""
    locations, _, ranges = _geometry(muscle)
    conditional, layouts = _layout(muscle)
    flexion, adduction, rotation = _angles(flexion=flexion, adduction=adduction, rotation=rotation)
    shape = np.broadcast_shapes(flexion.shape, adduction.shape, rotation.shape)
    a, b, c = np.radians(flexion), np.radians(adduction), np.radians(rotation)
    trig = (np.cos(a), np.sin(a), np.cos(b), np.sin(b), np.cos(c), np.sin(c))
    on = [
        (a >= ranges[i][0] - ACTIVE_RANGE_TOLERANCE_RAD) & (a <= ranges[i][1] + ACTIVE_RANGE_TOLERANCE_RAD)
        for i in conditional
    ]
    length = np.zeros(shape)
    arm = np.zeros(shape)
    moved_points = {}  # femur index -> (moved point, its rate): shared by every pattern
    for bits, constant, crossing in layouts:
        mask = np.ones(a.shape, dtype=bool)
        for state, bit in zip(on, bits):
            mask = mask & (state if bit else ~state)
        if not mask.any():
            continue
        part_length, part_arm = constant, 0.0
        for pelvis_index, femur_index in crossing:
            if femur_index not in moved_points:
                moved_points[femur_index] = _moved(locations[femur_index], trig, coordinate)
            moved, rate = moved_points[femur_index]
            delta = [m - p for m, p in zip(moved, locations[pelvis_index])]
            distance = np.sqrt(delta[0] ** 2 + delta[1] ** 2 + delta[2] ** 2)
            part_length = part_length + distance
            if coordinate is not None:
                part_arm = part_arm - (delta[0] * rate[0] + delta[1] * rate[1] + delta[2] * rate[2]) / distance
        length = np.where(mask, part_length, length)
        if coordinate is not None:
            arm = np.where(mask, part_arm, arm)
    if coordinate is None:
        return length
    return length, arm


def path_length(muscle: str, flexion, adduction=0.0, rotation=0.0):
    """Musculotendon path length (metres) of "psoas" or "iliacus" at the given hip angles (degrees).

    Angles may be numbers or numpy arrays (they broadcast). Returns a float for scalar angles.
    """
    length = _path(muscle, flexion, adduction, rotation)
    return float(length) if np.ndim(length) == 0 else length


def moment_arm(muscle: str, coordinate: str, flexion, adduction=0.0, rotation=0.0):
    """Moment arm (metres) of the muscle about a hip coordinate at the given angles (degrees).

    coordinate is "flexion", "adduction" or "rotation" (internal rotation positive). Positive
    means tension drives the coordinate positive; it equals -dL/dq (q in radians), as OpenSim's
    computeMomentArm. The path is smooth except where the femoral-head via point joins or leaves it
    (just above 45 degrees, see via_point_switch_deg); there the value belongs to the side the angle is on.
    """
    check_coordinate(coordinate)
    gait2392.check_muscle(muscle)
    _, arm = _path(muscle, flexion, adduction, rotation, coordinate)
    return float(arm) if np.ndim(arm) == 0 else arm


def length_and_moment_arm(muscle: str, coordinate: str, flexion, adduction=0.0, rotation=0.0):
    """Path length and moment arm (metres) in one pass: (length, moment arm), as the two functions above."""
    check_coordinate(coordinate)
    gait2392.check_muscle(muscle)
    length, arm = _path(muscle, flexion, adduction, rotation, coordinate)
    if np.ndim(length) == 0:
        return float(length), float(arm)
    return length, arm


def path_points(muscle: str, flexion: float, adduction: float = 0.0, rotation: float = 0.0) -> np.ndarray:
    """The active path points (metres, pelvis frame, relative to the hip centre) for drawing.

    One pose (scalar angles) -> array (k, 3), origin first, insertion last: x anterior,
    y superior, z to the right. The conditional femoral-head via point is included only where it is active.
    """
    locations, on_femur, ranges = _geometry(muscle)
    flexion, adduction, rotation = _angles(flexion=flexion, adduction=adduction, rotation=rotation)
    if flexion.ndim or adduction.ndim or rotation.ndim:
        raise ValueError("path_points draws one pose: give single numbers, not arrays")
    matrix, _ = _rotations(np.radians(flexion), np.radians(adduction), np.radians(rotation))
    points = np.where(on_femur[:, None], locations @ matrix.T, locations)
    return points[_active(ranges, flexion)]


def via_point_switch_deg(muscle: str) -> float:
    """The flexion angle (degrees) above which the femoral-head via point leaves the path (about 45)."""
    _, _, ranges = _geometry(muscle)
    high = next(r for r in ranges if r is not None)[1]
    return float(np.degrees(high + ACTIVE_RANGE_TOLERANCE_RAD))


def flexion_moment_arm_zero_deg(muscle: str, start: float = 45.0, stop: float = 120.0) -> float | None:
    """Where the flexion moment arm first falls to zero above `start` (degrees), or None.

    In gait2392 this happens in deep flexion (psoas about 99 degrees, iliacus about 102), after the
    femoral-head via point has dropped out: the femur point rises above the brim point, so the last
    segment pulls the femur down, although the line of pull still runs in front of the hip centre.
    That is a path artefact of the model, not anatomy (see the function lesson).
    """
    grid = np.linspace(start + 1e-6, stop, 7501)
    arms = moment_arm(muscle, "flexion", grid)
    below = np.nonzero(arms <= 0.0)[0]
    if below.size == 0:
        return None
    k = below[0]
    if k == 0:
        return float(grid[0])
    # Linear interpolation between the last positive and first non-positive sample.
    x0, x1, y0, y1 = grid[k - 1], grid[k], arms[k - 1], arms[k]
    return float(x0 + (x1 - x0) * y0 / (y0 - y1))


REFERENCE_FILE = "data/gait2392_reference.csv"


@cache
def opensim_reference() -> tuple[dict, ...]:
    """OpenSim 4.6's own answers for these muscles (made by tools/opensim_reference.py).

    Rows of {"sweep", "muscle", "flexion_deg", "adduction_deg", "rotation_deg", "length_m",
    "moment_arm_flexion_m", "moment_arm_adduction_m", "moment_arm_rotation_m"}.
    """
    import csv
    from importlib import resources

    text = resources.files("hipcontent").joinpath(REFERENCE_FILE).read_text("utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    rows = []
    for row in csv.DictReader(lines):
        rows.append({key: value if key in ("sweep", "muscle") else float(value) for key, value in row.items()})
    return tuple(rows)


def opensim_differences() -> dict[str, float]:
    """Largest absolute difference (metres) between this model and OpenSim over the reference.

    Keys: "length" and one "moment_arm_<coordinate>" per coordinate.
    """
    rows = opensim_reference()
    worst = {"length": 0.0, **{f"moment_arm_{c}": 0.0 for c in COORDINATES}}
    for name in MUSCLES:
        mine = [row for row in rows if row["muscle"] == name]
        angles = [np.array([row[f"{c}_deg"] for row in mine]) for c in COORDINATES]
        lengths = path_length(name, *angles)
        worst["length"] = max(worst["length"], float(np.max(np.abs(lengths - [r["length_m"] for r in mine]))))
        for c in COORDINATES:
            arms = moment_arm(name, c, *angles)
            error = float(np.max(np.abs(arms - [r[f"moment_arm_{c}_m"] for r in mine])))
            worst[f"moment_arm_{c}"] = max(worst[f"moment_arm_{c}"], error)
    return worst

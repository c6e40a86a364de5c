"""The front and side views of the iliopsoas drawn on real bones (hipcontent.model.bones).

The bones are shaded projections of MyoSuite's meshes (hipcontent.figures.meshes); the muscles
are bands built on the validated gait2392 path (hipcontent.model.gait2392) and on the vertebral
origins of MyoSuite's psoas fascicles:

* psoas major: a belly that starts on the sides of T12-L4 (the T12 body and MyoSuite's origins on
  the L1-L4 bodies, discs and transverse processes), thickens down the lumbar spine, joins
  gait2392's path at its first point (beside L4-L5) and follows that path over the pelvic brim to
  the lesser trochanter;
* iliacus: a fan from the iliac fossa (the hip bone's wing above the acetabulum, shrunk towards the
  fossa so it stays inside the bone's outline) funnelling into gait2392's iliacus path at the brim,
  then its tendon along that path to the lesser trochanter;
* psoas minor (not in gait2392): a thin strip from T12-L1 on the front of psoas major to the
  iliopubic eminence, as lesson 01 describes it.

All coordinates are metres from gait2392's hip centre in its frame (x forward, y up, z right); the
views project them as hipcontent.figures.meshes does.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from matplotlib.axes import Axes

from hipcontent.figures import meshes
from hipcontent.figures.drawing import GAIT2392_NAME, _active_pelvis_points, _model_points, _rotate
from hipcontent.model import bones

SKELETON = bones.PELVIS_MESHES + bones.FEMUR_MESHES
# Full widths (m) of the psoas major belly at T12, L1, L2, L3, L4 and gait2392's first point.
_PSOAS_WIDTHS = (0.010, 0.018, 0.026, 0.032, 0.036, 0.038)


def femur_matrix(flexion_deg: float) -> np.ndarray:
    """Rotation of the femur about the hip centre for hip flexion in the side view (about z)."""
    angle = np.radians(float(flexion_deg))
    return np.array([[np.cos(angle), -np.sin(angle), 0.0], [np.sin(angle), np.cos(angle), 0.0], [0.0, 0.0, 1.0]])


def draw_skeleton(ax: Axes, view: str, *, matrix: np.ndarray | None = None, separate_femur: bool = False) -> dict:
    """The shaded bones: one collection sorted back to front ("bone:skeleton"), or, for a femur
    that moves, the pelvis and spine ("bone:pelvis") under a femur of its own ("bone:femur")."""
    if not separate_femur:
        tris = meshes.triangles(SKELETON, femur_matrix=matrix)
        return {"bone:skeleton": meshes.draw(ax, tris, view, gid="bone:skeleton", zorder=1.0)}
    return {
        "bone:pelvis": meshes.draw(ax, meshes.triangles(bones.PELVIS_MESHES), view, gid="bone:pelvis", zorder=1.0),
        "bone:femur": meshes.draw(ax, meshes.triangles(bones.FEMUR_MESHES, femur_matrix=matrix), view,
                                  gid="bone:femur", zorder=2.0),
    }


def t12_side() -> np.ndarray:
    """A point on the right side of the T12 body (where psoas major and minor start)."""
    vertices = bones.mesh("thoracic12_s").vertices
    body = vertices[vertices[:, 0] > vertices[:, 0].max() - 0.02]
    point = np.array([body[:, 0].mean(), body[:, 1].mean(), body[:, 2].max()])
    return vertices[np.argmin(np.linalg.norm(vertices - point, axis=1))]


def psoas_major_origins() -> np.ndarray:
    """(n, 3) vertebral origins: the T12 body and MyoSuite's L1-L5 fascicle origins."""
    return np.vstack([t12_side(), *bones.psoas_origins().values()])


def _level_centre(level: str) -> np.ndarray:
    points = [p for name, p in bones.psoas_origins().items() if name.startswith(level + "_")]
    return np.mean(points, axis=0)


def psoas_major_centre(flexion_deg: float = 0.0, femur: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(centre line (n, 3), full widths (n,)): vertebral part, then gait2392's path at this angle."""
    pelvis = _active_pelvis_points("psoas_major", flexion_deg)
    if femur is None:
        femur = _model_points("psoas_major")[1] @ femur_matrix(flexion_deg).T
    spine = np.vstack([t12_side(), *[_level_centre(level) for level in ("L1", "L2", "L3", "L4")]])
    centre = np.vstack([spine, pelvis, femur])
    tail = np.linspace(0.020, 0.008, len(pelvis) - 1 + len(femur))
    return centre, np.concatenate([_PSOAS_WIDTHS, tail])


def psoas_minor_centre() -> tuple[np.ndarray, np.ndarray]:
    """Psoas minor: from T12-L1 down the front of psoas major to the iliopubic eminence."""
    major, _ = psoas_major_centre()
    front = np.array([0.012, 0.0, -0.004])  # on the front of psoas major, a little medial
    eminence = bones.landmarks()["iliopubic eminence"]
    centre = np.vstack([t12_side(), bones.psoas_origins()["L1_VB"], major[3] + front, major[5] + front,
                        0.5 * (major[5] + eminence) + front, eminence])
    return centre, np.array([0.009, 0.011, 0.007, 0.005, 0.004, 0.004])


def _hull(points: np.ndarray) -> np.ndarray:
    """Convex hull of (n, 2) points, counter-clockwise (monotone chain)."""
    pts = sorted(map(tuple, np.asarray(points, dtype=float)))
    if len(pts) < 3:
        return np.array(pts)

    def half(sequence):
        out = []
        for p in sequence:
            while len(out) >= 2 and ((out[-1][0] - out[-2][0]) * (p[1] - out[-2][1])
                                     - (out[-1][1] - out[-2][1]) * (p[0] - out[-2][0])) <= 0:
                out.pop()
            out.append(p)
        return out

    lower, upper = half(pts), half(reversed(pts))
    return np.array(lower[:-1] + upper[:-1])


def iliac_wing(view: str) -> np.ndarray:
    """The hip bone's wing above the acetabulum (its vertices 35 mm above the hip centre or more)."""
    vertices = bones.mesh("r_pelvis").vertices
    return meshes.screen(vertices[vertices[:, 1] > 0.035], view)


def iliacus_origin(view: str) -> np.ndarray:
    """Five points along the top of the fan, each a vertex of the wing (so on the bone)."""
    wing = iliac_wing(view)
    fossa = meshes.screen(bones.landmarks()["iliac fossa"], view)[0]
    hull = _hull(wing)
    top = hull[hull[:, 1] > fossa[1] - 0.01]
    top = top[np.argsort(top[:, 0])]
    picks = top[np.linspace(0, len(top) - 1, 5).round().astype(int)]
    shrunk = fossa + 0.85 * (picks - fossa)
    return np.array([wing[np.argmin(np.linalg.norm(wing - p, axis=1))] for p in shrunk])


def iliacus_fan(view: str, brim: np.ndarray) -> np.ndarray:
    """The fan's outline: the wing's outline shrunk towards the fossa, funnelling to the brim point."""
    wing = iliac_wing(view)
    fossa = meshes.screen(bones.landmarks()["iliac fossa"], view)[0]
    hull = _hull(wing)
    shrunk = fossa + 0.85 * (hull - fossa)
    entry = meshes.screen(brim, view)[0]
    return _hull(np.vstack([shrunk, entry + (0.006, 0.004), entry + (-0.006, -0.004)]))


def side_femur_points(muscle: str, flexion_deg: float, femur_points: Mapping | None) -> np.ndarray:
    """(n, 3) femur path points at the pose: given by another model, or gait2392's turned by flexion."""
    if femur_points is not None and GAIT2392_NAME[muscle] in femur_points:
        points = np.atleast_2d(np.asarray(femur_points[GAIT2392_NAME[muscle]], dtype=float))
        if points.shape[1] == 2:
            points = np.column_stack([points, np.zeros(len(points))])
        return points
    _, femur = _model_points(muscle)
    return np.column_stack([_rotate(femur[:, :2], flexion_deg), femur[:, 2]])


def spread(wanted: list[float], gap: float, low: float, high: float) -> list[float]:
    """Label heights near `wanted` (any order) at least `gap` apart, kept inside [low, high]."""
    order = np.argsort(wanted)[::-1]  # top first
    placed = np.empty(len(wanted))
    previous = high + gap
    for index in order:
        previous = min(wanted[index], previous - gap)
        placed[index] = previous
    overflow = low - placed.min() if len(placed) else 0.0
    if overflow > 0:  # pushed below the bottom: shift the column up as far as the top allows
        placed += min(overflow, high - placed.max())
    return placed.tolist()

"""Real bones drawn flat: shaded, filled projections of the meshes in hipcontent.model.bones.

A view looks along one axis of the gait2392 frame (x forward, y up, z to the person's right):

* "side": seen from the person's right (front of the body to the viewer's right): screen (x, y),
  the viewer at +z;
* "front": seen from in front (the person's right on the viewer's left): screen (-z, y), the
  viewer at +x.

Each triangle is filled with the bone colour shaded by a light at the viewer (brightness follows
how squarely the face looks at you, |cos| of the angle between its normal and the view axis, so
the meshes' winding does not matter) and the triangles are drawn back to front in one
PolyCollection (painter's algorithm), which reads as a solid shape at figure sizes. No pyplot, no
global state; one call draws one collection into the Axes it is given.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_rgb

from hipcontent.figures.palette import BONE_EDGE, BONE_FILL
from hipcontent.model import bones

VIEWS = ("side", "front")
_AMBIENT = 0.5  # brightness of a face seen edge-on; a face turned straight at you is 1.0


def check_view(view: str) -> str:
    if view not in VIEWS:
        raise ValueError(f"view must be one of {', '.join(map(repr, VIEWS))}; got {view!r}")
    return view


def screen(points, view: str) -> np.ndarray:
    """(n, 3) gait2392-frame points -> (n, 2) drawing coordinates for the view."""
    points = np.atleast_2d(np.asarray(points, dtype=float))
    if check_view(view) == "side":
        return points[:, :2].copy()
    return np.column_stack([-points[:, 2], points[:, 1]])


def _depth(points: np.ndarray, view: str) -> np.ndarray:
    """Larger = nearer the viewer."""
    return points[..., 2] if view == "side" else points[..., 0]


def triangles(names: Iterable[str], *, femur_matrix: np.ndarray | None = None, mirror: bool = False) -> np.ndarray:
    """(m, 3, 3) triangles of the named meshes, the femur turned by `femur_matrix` about the hip
    centre; `mirror` gives the left side (z -> -2*midline - z is left to the caller: z -> -z
    about the pelvis frame's midline)."""
    parts = []
    for name in names:
        mesh = bones.mesh(name)
        vertices = mesh.vertices
        if mesh.frame == "femur_r" and femur_matrix is not None:
            vertices = vertices @ np.asarray(femur_matrix, dtype=float).T
        parts.append(vertices[mesh.faces])
    result = np.concatenate(parts)
    if mirror:
        midline = -bones.gait2392_hip_centre_in_pelvis()[2]  # the pelvis frame's z = 0, from the hip centre
        result = result.copy()
        result[..., 2] = 2 * midline - result[..., 2]
    return result


def shaded(tris: np.ndarray, view: str, colour=BONE_FILL) -> tuple[np.ndarray, np.ndarray]:
    """(polygons (m, 3, 2) back to front, face colours (m, 4))."""
    view = check_view(view)
    normals = np.cross(tris[:, 1] - tris[:, 0], tris[:, 2] - tris[:, 0])
    lengths = np.linalg.norm(normals, axis=1)
    axis = 2 if view == "side" else 0
    facing = np.abs(normals[:, axis]) / np.where(lengths > 0, lengths, 1.0)
    order = np.argsort(_depth(tris, view).mean(axis=1), kind="stable")
    light = _AMBIENT + (1.0 - _AMBIENT) * facing[order]
    colours = np.empty((len(order), 4))
    colours[:, :3] = np.clip(np.outer(light, to_rgb(colour)), 0.0, 1.0)
    colours[:, 3] = 1.0
    return screen(tris[order].reshape(-1, 3), view).reshape(-1, 3, 2), colours


def draw(ax: Axes, tris: np.ndarray, view: str, *, gid: str, zorder: float = 1.0, colour=BONE_FILL) -> PolyCollection:
    """One shaded bone collection; edges in the face colour so no seams show between triangles."""
    polygons, colours = shaded(tris, view, colour)
    collection = PolyCollection(polygons, facecolors=colours, edgecolors=colours, linewidths=0.35,
                                zorder=zorder, antialiaseds=False)
    collection.set_gid(gid)
    ax.add_collection(collection, autolim=False)
    return collection


def update(collection: PolyCollection, tris: np.ndarray, view: str, colour=BONE_FILL) -> None:
    """Redraw a collection from `draw` for moved triangles (the explorer's femur)."""
    polygons, colours = shaded(tris, view, colour)
    collection.set_verts(polygons)
    collection.set_facecolors(colours)
    collection.set_edgecolors(colours)


def outline_colour() -> str:
    return BONE_EDGE

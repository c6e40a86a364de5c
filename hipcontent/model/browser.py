"""The gait2392 path model and the real bones as pure data, for a browser that does the maths itself.

`model_payload()` is everything the hip-angle explorer's front end (hipcontent/widgets/static/
explorer_model.js) needs to compute what hipcontent.model.paths computes, and to draw the side
view, with no kernel:

* each muscle's path points as gait2392 gives them (body, location in metres, the conditional
  point's active flexion range in radians) and ACTIVE_RANGE_TOLERANCE_RAD: these stay exact
  (full float precision), so the browser's lengths and moment arms equal this package's;
* the meshes (hipcontent.model.bones): the static pelvis, sacrum and lumbar meshes joined into one,
  relative to the hip centre, and the femur in its own frame; vertices as integers in units of
  `mesh_unit_m` (0.1 mm), faces as vertex indices, both flat lists;
* the flexion sweep the curves show, the via-point switch angle, and y-limits for the curves that
  hold every adduction and rotation the sliders allow.

How it is drawn (colours, labels, the trusted range) is the figures layer's business
(hipcontent.figures.function.explorer_style); this module imports only the model.
"""

from __future__ import annotations

import json
from functools import cache

import numpy as np

from hipcontent.model import bones, gait2392, paths

MESH_UNIT_M = 1e-4  # mesh coordinates are sent as whole tenths of a millimetre
SWEEP_DEG = (-30.0, 120.0)
SWEEP_STEP_DEG = 1.0
SLIDER_EXTREMES_DEG = (-30.0, 0.0, 30.0)  # adduction and rotation the curves' y-limits must hold


def _mesh(names) -> dict:
    vertices, faces, offset = [], [], 0
    for name in names:
        mesh = bones.mesh(name)
        vertices.append(np.rint(mesh.vertices / MESH_UNIT_M).astype(int))
        faces.append(mesh.faces + offset)
        offset += len(mesh.vertices)
    return {"vertices": np.concatenate(vertices).ravel().tolist(), "faces": np.concatenate(faces).ravel().tolist()}


def _muscle(name: str) -> dict:
    locations, on_femur, ranges = paths._geometry(name)
    return {
        "name": name,
        "label": gait2392.MUSCLE_LABELS[name],
        "points": [
            {"body": "femur" if femur else "pelvis", "location": [float(v) for v in location],
             "active_range_rad": None if active is None else [float(v) for v in active]}
            for location, femur, active in zip(locations, on_femur, ranges)
        ],
    }


def _curve_limits() -> dict:
    """Each curve panel's data range (mm) over the sweep at every adduction/rotation extreme."""
    flexion = np.arange(SWEEP_DEG[0], SWEEP_DEG[1] + SWEEP_STEP_DEG / 2, SWEEP_STEP_DEG)
    low = {"length": np.inf, "arm": np.inf}
    high = {"length": -np.inf, "arm": -np.inf}
    for adduction in SLIDER_EXTREMES_DEG:
        for rotation in SLIDER_EXTREMES_DEG:
            for name in paths.MUSCLES:
                length, arm = paths.length_and_moment_arm(name, "flexion", flexion, adduction, rotation)
                for key, values in (("length", length * 1000), ("arm", arm * 1000)):
                    low[key] = min(low[key], float(values.min()))
                    high[key] = max(high[key], float(values.max()))
    return {key: [round(low[key], 1), round(high[key], 1)] for key in low}


@cache
def model_payload() -> dict:
    """The explorer's model and bones as plain JSON-ready data (see the module docstring)."""
    return {
        "version": 1,
        "frame": "gait2392 pelvis frame relative to the hip centre: x anterior, y superior, z right (metres)",
        "rotation": "R = Rz(flexion) Rx(adduction) Ry(rotation), carries femur points into the pelvis frame",
        "active_range_tolerance_rad": paths.ACTIVE_RANGE_TOLERANCE_RAD,
        "muscles": [_muscle(name) for name in paths.MUSCLES],
        "via_point_switch_deg": paths.via_point_switch_deg("psoas"),
        "sweep_deg": [SWEEP_DEG[0], SWEEP_DEG[1], SWEEP_STEP_DEG],
        "curve_limits_mm": _curve_limits(),
        "mesh_unit_m": MESH_UNIT_M,
        "pelvis": _mesh(bones.PELVIS_MESHES),
        "femur": _mesh(bones.FEMUR_MESHES),
        "credit": gait2392.credit() + " " + bones.credit(),
    }


def payload_text(extra: dict | None = None) -> str:
    """`model_payload()` (and `extra` keys) as compact JSON text."""
    return json.dumps({**model_payload(), **(extra or {})}, separators=(",", ":"), allow_nan=False)

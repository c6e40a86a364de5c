"""The psoas and iliacus of OpenSim's gait2392 model, as data (right side).

Data: hipcontent/data/gait2392_iliopsoas.json, extracted from opensim-models
(Models/Gait2392_Simbody/gait2392_thelen2003muscle.osim, commit 20a888b), CC BY 3.0.
Credit: Delp S.L., Loan J.P., Hoy M.G., Zajac F.E., Topp E.L., Rosen J.M. (1990) IEEE Trans
Biomed Eng 37:757-767; the gait2392 model by D.G. Thelen, A. Seth, F.C. Anderson, S.L. Delp.

Coordinates are metres relative to the hip joint centre, in OpenSim's frames for the default
upright pose: x forward (anterior), y up (superior), z to the right (lateral).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

MUSCLES = ("psoas", "iliacus")
# How the lessons name each gait2392 muscle (the model's "psoas" is the psoas major).
MUSCLE_LABELS = {"psoas": "psoas major", "iliacus": "iliacus"}


@dataclass(frozen=True)
class PathPoint:
    name: str
    body: str  # "pelvis" (fixed) or "femur" (moves with the hip angles)
    location: np.ndarray  # metres, relative to the hip joint centre
    active_flexion_deg: tuple[float, float] | None  # a conditional via point's active range


@dataclass(frozen=True)
class MuscleData:
    name: str
    points: tuple[PathPoint, ...]
    max_isometric_force_n: float
    optimal_fiber_length_m: float
    tendon_slack_length_m: float
    pennation_angle_deg: float


@cache
def raw() -> dict:
    """The data file as published, with its source, licence and credit."""
    text = resources.files("hipcontent").joinpath("data/gait2392_iliopsoas.json").read_text("utf-8")
    return json.loads(text)


def credit() -> str:
    return raw()["credit"]


def check_muscle(muscle: str) -> str:
    if muscle not in MUSCLES:
        raise ValueError(f"muscle must be one of {', '.join(map(repr, MUSCLES))}; got {muscle!r}")
    return muscle


@cache
def muscle(name: str) -> MuscleData:
    """Path points and parameters of "psoas" or "iliacus"."""
    entry = raw()["model"]["muscles"][f"{check_muscle(name)}_r"]
    points = []
    for point in entry["path_points"]:
        condition = point.get("condition")
        points.append(
            PathPoint(
                name=point["name"],
                body="femur" if point["frame"].startswith("femur") else "pelvis",
                location=np.array(point["location_rel_hip_centre"], dtype=float),
                active_flexion_deg=tuple(condition["active_range_deg"]) if condition else None,
            )
        )
    return MuscleData(
        name=name,
        points=tuple(points),
        max_isometric_force_n=entry["max_isometric_force_N"],
        optimal_fiber_length_m=entry["optimal_fiber_length_m"],
        tendon_slack_length_m=entry["tendon_slack_length_m"],
        pennation_angle_deg=entry["pennation_angle_at_optimal_deg"],
    )

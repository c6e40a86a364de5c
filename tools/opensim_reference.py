"""Write the OpenSim reference that hipcontent.model is tested against.

Runs OpenSim itself (not a project dependency) on the gait2392 model file and records, for the
right psoas and iliacus, the musculotendon path length and the moment arms about hip flexion,
adduction and rotation (OpenSim's Muscle.computeMomentArm) over:

- a flexion sweep, -30 to 120 degrees in 5-degree steps (adduction = rotation = 0);
- adduction and rotation sweeps, -30 to 30 degrees in 5-degree steps (flexion = 0);
- a few combined poses, which check the order of the three joint rotations.

Usage (OpenSim 4.6 lives in its own venv, outside the repository):

    python3 -m venv /tmp/opensim-venv && /tmp/opensim-venv/bin/pip install opensim==4.6
    /tmp/opensim-venv/bin/python tools/opensim_reference.py MODEL.osim hipcontent/data/gait2392_reference.csv

`--timing` instead prints, as JSON, how long OpenSim takes for the benchmark sweep (flexion -30 to
120 degrees, both muscles, length and flexion moment arm) and its answers (benchmarks/model.py).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import math
import os
import sys
import time
from pathlib import Path

MUSCLES = {"psoas": "psoas_r", "iliacus": "iliacus_r"}
COORDINATES = {"flexion": "hip_flexion_r", "adduction": "hip_adduction_r", "rotation": "hip_rotation_r"}
COLUMNS = ["sweep", "muscle", "flexion_deg", "adduction_deg", "rotation_deg", "length_m",
           "moment_arm_flexion_m", "moment_arm_adduction_m", "moment_arm_rotation_m"]


def poses():
    """(sweep, flexion, adduction, rotation) in degrees, in file order."""
    for flexion in range(-30, 121, 5):
        yield "flexion", flexion, 0, 0
    for adduction in range(-30, 31, 5):
        yield "adduction", 0, adduction, 0
    for rotation in range(-30, 31, 5):
        yield "rotation", 0, 0, rotation
    for flexion in (-20, 30, 60, 90):
        for adduction in (-20, 20):
            for rotation in (-25, 25):
                yield "combined", flexion, adduction, rotation


@contextlib.contextmanager
def _quiet_stdout():
    """OpenSim prints a warning per missing bone mesh; keep the tool's own output readable."""
    saved = os.dup(1)
    with open(os.devnull, "w") as devnull:
        os.dup2(devnull.fileno(), 1)
        try:
            yield
        finally:
            os.dup2(saved, 1)
            os.close(saved)


def load(model_path: Path):
    import opensim

    if not model_path.is_file():
        raise SystemExit(f"model file not found: {model_path} (pass the gait2392 .osim file)")
    with _quiet_stdout():
        model = opensim.Model(str(model_path))
        state = model.initSystem()
    return opensim, model, state


def _set_pose(model, state, flexion, adduction, rotation):
    for name, value in zip(COORDINATES.values(), (flexion, adduction, rotation)):
        model.getCoordinateSet().get(name).setValue(state, math.radians(value), False)
    model.realizePosition(state)


def reference_rows(model_path: Path):
    opensim, model, state = load(model_path)
    coordinates = {key: model.getCoordinateSet().get(name) for key, name in COORDINATES.items()}
    for sweep, flexion, adduction, rotation in poses():
        _set_pose(model, state, flexion, adduction, rotation)
        for key, name in MUSCLES.items():
            muscle = model.getMuscles().get(name)
            arms = [muscle.computeMomentArm(state, coordinates[c]) for c in COORDINATES]
            yield [sweep, key, flexion, adduction, rotation, muscle.getLength(state), *arms]


def write_reference(model_path: Path, out: Path) -> int:
    import opensim

    rows = list(reference_rows(model_path))
    with out.open("w", newline="", encoding="utf-8") as handle:
        handle.write(
            "# OpenSim reference for hipcontent.model: right psoas and iliacus of gait2392.\n"
            f"# Made by tools/opensim_reference.py with OpenSim {opensim.__version__} from\n"
            "# gait2392_thelen2003muscle.osim (opensim-models, commit 20a888b). Lengths and moment arms in metres;\n"
            "# moment arm = OpenSim Muscle.computeMomentArm (= -dL/dq, q in radians). Angles in degrees.\n"
            "# Model data CC BY 3.0: Delp S.L. et al. (1990) IEEE Trans Biomed Eng 37:757-767;\n"
            "# gait2392 by D.G. Thelen, A. Seth, F.C. Anderson, S.L. Delp.\n"
        )
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow([*row[:5], *(f"{value:.12g}" for value in row[5:])])
    return len(rows)


def timing(model_path: Path, repeats: int = 10) -> dict:
    """OpenSim's time for the benchmark sweep, and its answers (for the same-answer check)."""
    _, model, state = load(model_path)
    flexion_coordinate = model.getCoordinateSet().get(COORDINATES["flexion"])
    muscles = {key: model.getMuscles().get(name) for key, name in MUSCLES.items()}
    angles = list(range(-30, 121, 5))
    best = None
    for _ in range(repeats):  # best of several runs, as the benchmark does for hipcontent
        result = {key: {"length_m": [], "moment_arm_flexion_m": []} for key in MUSCLES}
        start = time.perf_counter()
        for flexion in angles:
            _set_pose(model, state, flexion, 0, 0)
            for key, muscle in muscles.items():
                result[key]["length_m"].append(muscle.getLength(state))
                result[key]["moment_arm_flexion_m"].append(muscle.computeMomentArm(state, flexion_coordinate))
        seconds = time.perf_counter() - start
        best = seconds if best is None else min(best, seconds)
    seconds = best
    return {"seconds": seconds, "flexion_deg": angles, "muscles": result}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", type=Path, help="gait2392_thelen2003muscle.osim")
    parser.add_argument("out", type=Path, nargs="?", help="CSV file to write")
    parser.add_argument("--timing", action="store_true", help="print OpenSim's benchmark-sweep time as JSON")
    args = parser.parse_args(argv)
    if args.timing:
        print(json.dumps(timing(args.model)))
        return 0
    if args.out is None:
        parser.error("give the CSV file to write (or --timing)")
    count = write_reference(args.model, args.out)
    print(f"wrote {count} rows to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Benchmark: the gait2392 path model against OpenSim.

    .venv/bin/python benchmarks/model.py [--osim MODEL.osim] [--opensim-python /tmp/opensim-venv/bin/python]

1. A whole flexion sweep (-30 to 120 degrees in 5-degree steps, psoas and iliacus, path length and
   flexion moment arm) with hipcontent.model, and - when an OpenSim Python is available - the same
   sweep in OpenSim 4.6 (run in a subprocess by tools/opensim_reference.py --timing), their ratio
   (target: at least 50x faster) and the largest difference in the answers.
The hip-angle explorer no longer draws in the kernel: its frame time in the browser is
benchmarks/explorer.py.

Prints measured numbers only; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from hipcontent import model  # noqa: E402
from report import print_table  # noqa: E402  (benchmarks/report.py, beside this script)

DEFAULT_OSIM = REPO.parent / "shared" / "reference" / "gait2392_thelen2003muscle.osim"
DEFAULT_OPENSIM_PYTHON = Path("/tmp/opensim-venv/bin/python")
FLEXION = np.arange(-30.0, 121.0, 5.0)


def our_sweep():
    result = {}
    for name in model.MUSCLES:
        length, arm = model.length_and_moment_arm(name, "flexion", FLEXION)
        result[name] = {"length_m": length, "moment_arm_flexion_m": arm}
    return result


def best_of(function, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def opensim_sweep(python: Path, osim: Path, repeats: int = 2):
    """OpenSim's best time (best of 10 sweeps per process, `repeats` processes) and its answers."""
    tool = REPO / "tools" / "opensim_reference.py"
    best = None
    for _ in range(repeats):
        done = subprocess.run([str(python), str(tool), str(osim), "--timing"], capture_output=True, text=True,
                              check=True)
        result = json.loads(done.stdout.strip().splitlines()[-1])
        if best is None or result["seconds"] < best["seconds"]:
            best = result
    return best


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--osim", type=Path, default=DEFAULT_OSIM, help="gait2392_thelen2003muscle.osim")
    parser.add_argument("--opensim-python", type=Path, default=DEFAULT_OPENSIM_PYTHON,
                        help="a Python with opensim==4.6 installed")
    args = parser.parse_args(argv)

    rows = []
    ours = best_of(our_sweep, 200)
    rows.append(("flexion sweep, hipcontent.model", f"{ours * 1000:.2f} ms", "31 angles x 2 muscles, length + moment arm"))
    if args.opensim_python.exists() and args.osim.exists():
        result = opensim_sweep(args.opensim_python, args.osim)
        theirs = result["seconds"]
        mine = our_sweep()
        worst = max(
            float(np.max(np.abs(mine[name][key] - np.array(result["muscles"][name][key]))))
            for name in model.MUSCLES for key in ("length_m", "moment_arm_flexion_m")
        )
        rows.append(("flexion sweep, OpenSim 4.6", f"{theirs * 1000:.2f} ms", "same sweep, model already loaded"))
        rows.append(("ratio OpenSim / hipcontent", f"{theirs / ours:.0f}x", "target >= 50x"))
        rows.append(("largest difference in answers", f"{worst * 1000:.2e} mm", "target < 0.1 mm"))
    else:
        rows.append(("flexion sweep, OpenSim 4.6", "not run", f"no OpenSim Python at {args.opensim_python} or no model file"))

    print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

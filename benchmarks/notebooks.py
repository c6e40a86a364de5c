"""How much do the lessons cost beyond a bare kernel? Prints one table, all measured in this run.

    .venv/bin/python benchmarks/notebooks.py [--repeat N] [--only 01 02 ...] [--cells 5] [--base DIR]

- Each notebook's restart-and-run-all time (kernel start included) divided by the floor: a fresh
  kernel running one cell that imports matplotlib.pyplot and ipywidgets. Target <= 1.5x.
  Also the kernel's own CPU time (user + system, read by one extra cell at the end) against the
  floor's: on a machine shared with other work, wall time swings with the load; CPU time much less.
- `import hipcontent` in a fresh interpreter divided by importing matplotlib.pyplot and
  ipywidgets. Target <= 1.1x. Also shown: importing every hipcontent module (what a lesson
  pays at most), against the same floor.
- `--base DIR`: also run every notebook with the package found in DIR first on the kernel's path
  (e.g. `git archive <commit> hipcontent | tar -x -C DIR`), interleaved with the current one, so a
  change is measured before and after in the same run, under the same load.
Times are medians of N runs (default 3). `--only` measures the notebooks whose names start with the
given prefixes; `--cells K` also prints each notebook's K slowest cells (from its last run).
"""

from __future__ import annotations

import argparse
import os
import pkgutil
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import nbformat
from nbclient import NotebookClient

import hipcontent

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO / "notebooks"
FLOOR_CELL = "import matplotlib.pyplot\nimport ipywidgets"
CPU_CELL = "import resource as _r\n_u = _r.getrusage(_r.RUSAGE_SELF)\nprint(f'kernel-cpu {_u.ru_utime + _u.ru_stime:.4f}')"


SLOWEST: dict[str, list[tuple[float, str]]] = {}  # notebook name -> (seconds, cell source start)


def run_notebook(notebook, cwd: Path, name: str = "", base: Path | None = None) -> tuple[float, float]:
    """(wall seconds of the run-all, kernel CPU seconds). `base`: a folder put first on the kernel's
    Python path (the package as it was)."""
    notebook.cells.append(nbformat.v4.new_code_cell(CPU_CELL))
    saved = os.environ.get("PYTHONPATH")
    if base is not None:
        os.environ["PYTHONPATH"] = str(base)
    try:
        started = time.perf_counter()
        NotebookClient(notebook, kernel_name="python3", timeout=600, record_timing=True,
                       resources={"metadata": {"path": str(cwd)}}).execute()
        elapsed = time.perf_counter() - started
    finally:
        if base is not None:
            if saved is None:
                os.environ.pop("PYTHONPATH", None)
            else:
                os.environ["PYTHONPATH"] = saved
    cpu_cell = notebook.cells.pop()
    text = "".join(output.get("text", "") for output in cpu_cell.get("outputs", []))
    cpu = float(text.split("kernel-cpu", 1)[1].split()[0]) if "kernel-cpu" in text else float("nan")
    cells = []
    for cell in notebook.cells:
        timing = cell.get("metadata", {}).get("execution", {})
        if "iopub.execute_input" in timing and "shell.execute_reply" in timing:
            begin = datetime.fromisoformat(timing["iopub.execute_input"].replace("Z", "+00:00"))
            end = datetime.fromisoformat(timing["shell.execute_reply"].replace("Z", "+00:00"))
            cells.append(((end - begin).total_seconds(), " ".join(cell.source.split())[:60]))
    SLOWEST[name] = sorted(cells, reverse=True)
    return elapsed, cpu


def floor_seconds() -> tuple[float, float]:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_CELL)])
    return run_notebook(notebook, NOTEBOOKS)


def notebook_seconds(path: Path, base: Path | None = None) -> tuple[float, float]:
    return run_notebook(nbformat.read(path, as_version=4), path.parent, path.name, base)


def import_seconds(statement: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", statement], check=True)
    return time.perf_counter() - started


def median_of(repeat: int, measure, *args) -> float:
    return statistics.median(measure(*args) for _ in range(repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", nargs="*", default=None, help="notebook name prefixes, e.g. 01 02")
    parser.add_argument("--cells", type=int, default=0, help="also print each notebook's K slowest cells")
    parser.add_argument("--base", type=Path, default=None, help="a folder holding the package as it was")
    args = parser.parse_args()
    repeat = args.repeat

    every_module = "; ".join(
        f"import hipcontent.{m.name}" for m in pkgutil.iter_modules(hipcontent.__path__)
    )
    imports = {
        "import matplotlib.pyplot, ipywidgets (floor)": "import matplotlib.pyplot, ipywidgets",
        "import hipcontent": "import hipcontent",
        "import every hipcontent module": every_module,
    }
    import_times = {label: median_of(repeat, import_seconds, code) for label, code in imports.items()}
    import_floor = import_times["import matplotlib.pyplot, ipywidgets (floor)"]

    paths = [path for path in sorted(NOTEBOOKS.glob("*.ipynb"))
             if not args.only or path.name.startswith(tuple(args.only))]
    versions = [("before", args.base), ("now", None)] if args.base else [("now", None)]
    runs: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for _ in range(repeat):  # interleaved: every version of every notebook sees the same load
        runs.setdefault(("floor", "now"), []).append(floor_seconds())
        for path in paths:
            for version, base in versions:
                runs.setdefault((path.name, version), []).append(notebook_seconds(path, base))

    def medians(key) -> tuple[float, float]:
        return (statistics.median(r[0] for r in runs[key]), statistics.median(r[1] for r in runs[key]))

    floor, floor_cpu = medians(("floor", "now"))
    print(f"medians of {repeat} runs\n")
    print(f"{'what':<48}{'seconds':>9}{'ratio':>8}  target")
    for label, seconds in import_times.items():
        target = "<= 1.1" if label == "import hipcontent" else ""
        print(f"{label:<48}{seconds:>9.3f}{seconds / import_floor:>8.2f}  {target}")
    print(f"\n{'notebook run-all':<40}{'version':>8}{'seconds':>9}{'ratio':>8}{'CPU s':>8}{'CPU ratio':>10}  target")
    print(f"{'bare kernel + pyplot + ipywidgets (floor)':<48}{floor:>9.3f}{1:>8.2f}{floor_cpu:>8.2f}{1:>10.2f}")
    for path in paths:
        for version, _ in versions:
            seconds, cpu = medians((path.name, version))
            print(f"{path.name:<40}{version:>8}{seconds:>9.3f}{seconds / floor:>8.2f}{cpu:>8.2f}"
                  f"{cpu / floor_cpu:>10.2f}  <= 1.5")
    for path in paths:
        for seconds, source in SLOWEST.get(path.name, [])[: args.cells]:
            print(f"  {path.name[:12]:<12} {seconds:7.3f} s  {source}")


if __name__ == "__main__":
    main()

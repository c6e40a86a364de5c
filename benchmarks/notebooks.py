"""How much do the lessons cost beyond a bare kernel? Prints one table, all measured in this run.

    .venv/bin/python benchmarks/notebooks.py [--repeat N] [--only 01 02 ...] [--cells 5]

- Each notebook's restart-and-run-all time (kernel start included) divided by the floor: a fresh
  kernel running one cell that imports matplotlib.pyplot and ipywidgets. Target <= 1.5x.
- `import hipcontent` in a fresh interpreter divided by importing matplotlib.pyplot and
  ipywidgets. Target <= 1.1x. Also shown: importing every hipcontent module (what a lesson
  pays at most), against the same floor.
Times are medians of N runs (default 3); the machine's other load shifts them, ratios less so.
`--only` measures the notebooks whose names start with the given prefixes; `--cells K` also prints
each notebook's K slowest cells (from its last run), to find where the time goes.
"""

from __future__ import annotations

import argparse
import pkgutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

import hipcontent

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO / "notebooks"
FLOOR_CELL = "import matplotlib.pyplot\nimport ipywidgets"


SLOWEST: dict[str, list[tuple[float, str]]] = {}  # notebook name -> (seconds, cell source start)


def run_notebook(notebook, cwd: Path, name: str = "") -> float:
    started = time.perf_counter()
    NotebookClient(notebook, kernel_name="python3", timeout=600, record_timing=True,
                   resources={"metadata": {"path": str(cwd)}}).execute()
    elapsed = time.perf_counter() - started
    cells = []
    for cell in notebook.cells:
        timing = cell.get("metadata", {}).get("execution", {})
        if "iopub.execute_input" in timing and "shell.execute_reply" in timing:
            from datetime import datetime

            begin = datetime.fromisoformat(timing["iopub.execute_input"].replace("Z", "+00:00"))
            end = datetime.fromisoformat(timing["shell.execute_reply"].replace("Z", "+00:00"))
            cells.append(((end - begin).total_seconds(), " ".join(cell.source.split())[:60]))
    SLOWEST[name] = sorted(cells, reverse=True)
    return elapsed


def floor_seconds() -> float:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_CELL)])
    return run_notebook(notebook, NOTEBOOKS)


def notebook_seconds(path: Path) -> float:
    return run_notebook(nbformat.read(path, as_version=4), path.parent, path.name)


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

    floor = median_of(repeat, floor_seconds)
    rows = [(path.name, median_of(repeat, notebook_seconds, path))
            for path in sorted(NOTEBOOKS.glob("*.ipynb"))
            if not args.only or path.name.startswith(tuple(args.only))]

    print(f"medians of {repeat} runs\n")
    print(f"{'what':<48}{'seconds':>9}{'ratio':>8}  target")
    for label, seconds in import_times.items():
        target = "<= 1.1" if label == "import hipcontent" else ""
        print(f"{label:<48}{seconds:>9.3f}{seconds / import_floor:>8.2f}  {target}")
    print(f"{'bare kernel + pyplot + ipywidgets (floor)':<48}{floor:>9.3f}{1:>8.2f}")
    for name, seconds in rows:
        print(f"{name:<48}{seconds:>9.3f}{seconds / floor:>8.2f}  <= 1.5")
    for name, _ in rows:
        for seconds, source in SLOWEST.get(name, [])[: args.cells]:
            print(f"  {name[:12]:<12} {seconds:7.3f} s  {source}")


if __name__ == "__main__":
    main()

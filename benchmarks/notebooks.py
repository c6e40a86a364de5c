"""How much do the lessons cost beyond a bare kernel? Prints one table, all measured in this run.

    .venv/bin/python benchmarks/notebooks.py [--repeat N]

- Each notebook's restart-and-run-all time (kernel start included) divided by the floor: a fresh
  kernel running one cell that imports matplotlib.pyplot and ipywidgets. Target <= 1.5x.
- `import hipcontent` in a fresh interpreter divided by importing matplotlib.pyplot and
  ipywidgets. Target <= 1.1x. Also shown: importing every hipcontent module (what a lesson
  pays at most), against the same floor.
Times are medians of N runs (default 3); the machine's other load shifts them, ratios less so.
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


def run_notebook(notebook, cwd: Path) -> float:
    started = time.perf_counter()
    NotebookClient(notebook, kernel_name="python3", timeout=600, record_timing=False,
                   resources={"metadata": {"path": str(cwd)}}).execute()
    return time.perf_counter() - started


def floor_seconds() -> float:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_CELL)])
    return run_notebook(notebook, NOTEBOOKS)


def notebook_seconds(path: Path) -> float:
    return run_notebook(nbformat.read(path, as_version=4), path.parent)


def import_seconds(statement: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", statement], check=True)
    return time.perf_counter() - started


def median_of(repeat: int, measure, *args) -> float:
    return statistics.median(measure(*args) for _ in range(repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat

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
            for path in sorted(NOTEBOOKS.glob("*.ipynb"))]

    print(f"medians of {repeat} runs\n")
    print(f"{'what':<48}{'seconds':>9}{'ratio':>8}  target")
    for label, seconds in import_times.items():
        target = "<= 1.1" if label == "import hipcontent" else ""
        print(f"{label:<48}{seconds:>9.3f}{seconds / import_floor:>8.2f}  {target}")
    print(f"{'bare kernel + pyplot + ipywidgets (floor)':<48}{floor:>9.3f}{1:>8.2f}")
    for name, seconds in rows:
        print(f"{name:<48}{seconds:>9.3f}{seconds / floor:>8.2f}  <= 1.5")


if __name__ == "__main__":
    main()

"""Restart-and-run-all notebooks and save their outputs in place, as nbval will compare them.

    python tools/run_notebooks.py                      # every notebook in the course
    python tools/run_notebooks.py notebooks/01-anatomy.ipynb

Run it inside the project's environment (.venv), so the stored outputs come from the pinned
packages that CI uses. Its navigation cells are refreshed first. Nothing volatile is stored:
no timing metadata, no widget state (its model ids change every run)
and no traceback paths (a deliberate error keeps only its message).
"""

from __future__ import annotations

import sys
from pathlib import Path

import navigation
import nbformat
from nbclient import NotebookClient

NOTEBOOKS = navigation.NOTEBOOKS


def run(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    navigation.with_navigation(notebook, navigation.index_of(path.name))
    client = NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=600,
        record_timing=False,
        store_widget_state=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    notebook.metadata.pop("widgets", None)
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                # A deliberate error shows its message; the full traceback would store this
                # machine's paths and line numbers (nbval does not compare it anyway).
                output.traceback = [f"{output.ename}: {output.evalue}"]
    path.write_text(nbformat.writes(notebook) + "\n", encoding="utf-8")
    print(f"ran {path.name}")


def main(argv: list[str]) -> int:
    paths = [Path(arg).resolve() for arg in argv] or sorted(NOTEBOOKS.glob("*.ipynb"))
    for path in paths:
        run(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

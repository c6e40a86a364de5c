"""Restart-and-run-all notebooks and save their outputs in place, as nbval will compare them.

    python tools/run_notebooks.py                      # every notebook in the course
    python tools/run_notebooks.py notebooks/01-anatomy.ipynb
    python tools/run_notebooks.py --widget-state copy/01-anatomy.ipynb   # a copy for export

Run it inside the project's environment (.venv), so the stored outputs come from the pinned
packages that CI uses. Its navigation cells are refreshed first. Nothing volatile is stored:
no timing metadata, no widget state and no traceback paths (a deliberate error keeps only its
message).

Why no widget state in the course's notebooks: its model ids change every run, and it does not
bring an unrun lesson to life. A lesson opened fresh (clone, Binder, hub) is untrusted, and
JupyterLab draws widget outputs only for trusted notebooks (the widget renderer is not "safe"), so
it shows each widget's stored text instead: one line saying "▶ ... needs Python: click this cell
and press Shift+Enter" (hipcontent.widgets.cells). Tried on lesson 01 (JupyterLab 4.6, ipywidgets
8.1): with saved state, untrusted showed those lines; trusted (`jupyter trust`) drew the quiz and
projector switch from the saved state, and the quiz checked answers with no code run.
`--widget-state` keeps the state, for copies that are exported or trusted (a static site).
"""

from __future__ import annotations

import sys
from pathlib import Path

import navigation
import nbformat
from nbclient import NotebookClient

NOTEBOOKS = navigation.NOTEBOOKS


def run(path: Path, widget_state: bool = False) -> None:
    notebook = nbformat.read(path, as_version=4)
    navigation.with_navigation(notebook, navigation.index_of(path.name))
    client = NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=600,
        record_timing=False,
        store_widget_state=widget_state,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    if not widget_state:
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
    widget_state = "--widget-state" in argv
    paths = [Path(arg).resolve() for arg in argv if arg != "--widget-state"] or sorted(NOTEBOOKS.glob("*.ipynb"))
    if widget_state and any(path.parent == NOTEBOOKS.resolve() for path in paths):
        print("--widget-state is for copies: the course's notebooks store no widget state "
              "(tests/test_notebooks.py)", file=sys.stderr)
        return 2
    for path in paths:
        run(path, widget_state)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Lessons as a learner opens them fresh (unrun, untrusted: JupyterLab shows each widget output's
stored text, never the widget): every stored widget output is one line that says how to bring it to
life, and every widget cell runs on its own (its imports in the cell), so running just that cell,
as the line says, works (issue 20 item 2; contract format 5). The browser side is
tests/browser/test_unrun_lesson.py."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from hipcontent.widgets.cells import RUN_HINT

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("[0-9][0-9]-*.ipynb"))
WIDGET = "application/vnd.jupyter.widget-view+json"


def widget_cells(path: Path) -> list[tuple[int, str, list[str]]]:
    """(cell index, source, stored text/plain of each widget output) of a lesson's widget cells."""
    found = []
    for index, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
        if cell["cell_type"] != "code":
            continue
        texts = ["".join(output["data"].get("text/plain", "")) for output in cell.get("outputs", [])
                 if WIDGET in output.get("data", {})]
        if texts:
            found.append((index, "".join(cell["source"]), texts))
    return found


def free_names(source: str) -> set[str]:
    """Names a cell reads that it neither defines nor imports, nor are builtins."""
    import builtins

    tree = ast.parse(source)
    bound = {alias.asname or alias.name.split(".")[0] for node in ast.walk(tree)
             if isinstance(node, (ast.Import, ast.ImportFrom)) for alias in node.names}
    bound |= {node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)}
    bound |= {arg.arg for node in ast.walk(tree) if isinstance(node, ast.Lambda) for arg in node.args.args}
    used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)}
    return used - bound - set(dir(builtins)) - {"display"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_stored_widget_says_how_to_bring_it_to_life(path):
    for index, _source, texts in widget_cells(path):
        for text in texts:
            assert text.startswith("▶ ") and text.endswith(f"needs Python: {RUN_HINT}.") and "\n" not in text, (
                f"{path.name} cell {index}: an unrun lesson shows {text[:120]!r} in place of the widget; "
                "re-run the lesson (tools/run_notebooks.py) or give the widget an UNRUN_NAME (widgets/cells.py)")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_widget_cell_runs_on_its_own(path):
    for index, source, _texts in widget_cells(path):
        missing = free_names(source)
        assert not missing, (f"{path.name} cell {index} uses {sorted(missing)} from an earlier cell; a learner who "
                             "runs just this cell (as its stored line says) gets a NameError: import or build it here")

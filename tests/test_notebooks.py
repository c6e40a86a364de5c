"""Course conventions every notebook keeps (the lessons' outputs themselves are checked by nbval)."""

import re

import navigation
import nbformat
import pytest
from conftest import NOTEBOOKS, REPO

from hipcontent.content.lessons import lessons

NOTEBOOK_FILES = sorted(path.name for path in NOTEBOOKS.glob("*.ipynb"))
REQUIRED_HEADINGS = ["Overview", "Prerequisites", "Time to learn", "Summary", "What's next", "References"]
MAX_CODE_LINES = 5
VOLATILE = {
    "memory address": re.compile(r"0x[0-9a-fA-F]{6,}"),
    "machine path": re.compile(r"(/tmp/|/root/|/home/|/work/|[A-Z]:\\\\)"),
}


def _read(name):
    return nbformat.read(NOTEBOOKS / name, as_version=4)


def _headings(notebook):
    return [
        line.lstrip("#").strip()
        for cell in notebook.cells
        if cell.cell_type == "markdown"
        for line in cell.source.splitlines()
        if line.startswith("#")
    ]


def test_catalogue_lists_exactly_the_notebooks_on_disk():
    assert [lesson.file for lesson in lessons()] == NOTEBOOK_FILES


def test_navigation_cells_are_current():
    assert navigation.stale_notebooks() == [], "run: python tools/navigation.py"


def test_readme_lists_every_lesson():
    readme = (REPO / "README.md").read_text()
    missing = [lesson.file for lesson in lessons() if f"notebooks/{lesson.file}" not in readme]
    assert not missing


@pytest.mark.parametrize("name", NOTEBOOK_FILES)
def test_name_is_numbered(name):
    assert re.fullmatch(r"\d\d-[a-z0-9]+(-[a-z0-9]+)*\.ipynb", name)


@pytest.mark.parametrize("name", NOTEBOOK_FILES)
def test_lesson_skeleton_headings_in_order(name):
    headings = _headings(_read(name))
    positions = []
    for required in REQUIRED_HEADINGS:
        found = [i for i, heading in enumerate(headings) if heading.startswith(required)]
        assert found, f"{name} lacks a '{required}' heading"
        positions.append(found[0])
    assert positions == sorted(positions), f"{name}: headings out of order"


@pytest.mark.parametrize("name", NOTEBOOK_FILES)
def test_code_cells_are_short(name):
    for cell in _read(name).cells:
        if cell.cell_type == "code":
            lines = [line for line in cell.source.splitlines() if line.strip()]
            assert 0 < len(lines) <= MAX_CODE_LINES, f"{name}: keep code cells to 1-5 lines:\n{cell.source}"


@pytest.mark.parametrize("name", NOTEBOOK_FILES)
def test_stored_outputs_are_complete_and_stable(name):
    notebook = _read(name)
    assert notebook.metadata.kernelspec.name == "python3"
    assert "widgets" not in notebook.metadata, "do not store widget state (random model ids)"
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        assert cell.execution_count is not None, f"{name}: every code cell has stored output to compare"
        for output in cell.outputs:
            assert output.get("name") != "stderr", f"{name}: warnings in output:\n{output.get('text')}"
            assert "image/svg+xml" not in output.get("data", {}), "SVG output differs every run"
            text = "".join(
                [str(output.get("text", "")), str(output.get("data", {}).get("text/plain", "")),
                 *output.get("traceback", [])]
            )
            for what, pattern in VOLATILE.items():
                assert not pattern.search(text), f"{name}: {what} in output: {text[:200]}"
        assert "execution" not in cell.metadata, "timing metadata changes every run"

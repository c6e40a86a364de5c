"""Lesson 06 (issue 17 items 1 and 6): it opens with a ready 30-minute class one cell from a running
timer, and its examples write under their own names, so a Run All after a coach saved files from
the form (or anywhere) leaves those files byte-identical, and a second Run All works too."""

from pathlib import Path

import nbformat
import pytest

LESSON = Path(__file__).resolve().parents[1] / "notebooks" / "06-coach-session.ipynb"


def _code_cells():
    lesson = nbformat.read(LESSON, as_version=4)
    return [cell.source for cell in lesson.cells if cell.cell_type == "code"]


def test_the_first_cells_run_a_ready_30_minute_class():
    lesson = nbformat.read(LESSON, as_version=4)
    code = [cell for cell in lesson.cells if cell.cell_type == "code"]
    timer_cell = next(i for i, cell in enumerate(code) if "ready_class(30)" in cell.source)
    assert timer_cell <= 2  # after the projector switch and the pain rule: run it, press Start
    source = code[timer_cell].source
    assert "import hipcontent" in source and source.rstrip().endswith(".timer()")  # runs on its own
    first_heading = next(cell.source for cell in lesson.cells
                         if cell.cell_type == "markdown" and cell.source.startswith("## "))
    assert first_heading.startswith("## Run a 30-minute class now")


def test_running_the_lesson_twice_leaves_the_coachs_files_byte_identical(tmp_path, monkeypatch):
    from hipcontent.figures.style import use_projector_style
    from hipcontent.widgets.session_form import HANDOUT, PLAYER

    monkeypatch.chdir(tmp_path)
    theirs = {}
    for folder in ("my-session", "."):
        (tmp_path / folder).mkdir(exist_ok=True)
        for name in (HANDOUT, PLAYER, "session-handout-2.pdf", "handout.pdf", "session.html"):
            path = tmp_path / folder / name
            path.write_bytes(f"the coach's own {folder}/{name}".encode())
            theirs[path] = path.read_bytes()
    written = set()
    try:
        for run in range(2):  # Run All, then Run All again
            namespace: dict = {}
            for number, source in enumerate(_code_cells(), 1):
                try:
                    exec(compile(source, f"lesson 06, code cell {number}", "exec"), namespace)  # noqa: S102
                except Exception as error:  # pragma: no cover - the message is the point
                    pytest.fail(f"run {run + 1}, code cell {number} failed: {error!r}\n{source}")
                for value in namespace.values():
                    close = getattr(value, "close", None)
                    if type(value).__name__ in ("BrowserTimer", "SessionBuilder") and close:
                        close()
            written |= {p.name for p in tmp_path.iterdir() if p.name.startswith("example-")}
    finally:
        use_projector_style(False)
    assert {path: path.read_bytes() for path in theirs} == theirs
    assert {"example-class-sheet.pdf", "example-coach-sheet.pdf", "example-handout.pdf",
            "example-player.html"} <= written

"""Write the "< previous | Contents | next >" cells at the top and bottom of every notebook.

    python tools/navigation.py           # rewrite stale navigation cells
    python tools/navigation.py --check   # exit 1 and name the notebooks whose links are stale

The course order comes from hipcontent/data/lessons.yaml. Navigation cells are generated:
never edit them by hand (they carry the cell tag "navigation").
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

from hipcontent.content.lessons import lessons

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
TAG = "navigation"


def navigation_markdown(index: int) -> str:
    course = lessons()
    parts = []
    if index > 0:
        previous = course[index - 1]
        parts.append(f"[< {previous.number} · {previous.title}]({previous.file})")
    parts.append(f"[Contents]({course[0].file})")
    if index + 1 < len(course):
        following = course[index + 1]
        parts.append(f"[{following.number} · {following.title} >]({following.file})")
    return " | ".join(parts)


def index_of(file_name: str) -> int:
    files = [lesson.file for lesson in lessons()]
    if file_name not in files:
        raise SystemExit(f"{file_name} is not in hipcontent/data/lessons.yaml: add it there first")
    return files.index(file_name)


def _is_navigation(cell) -> bool:
    return TAG in cell.get("metadata", {}).get("tags", [])


def with_navigation(notebook, index: int):
    """The notebook with exactly one navigation cell first and one last, both current."""
    text = navigation_markdown(index)
    body = [cell for cell in notebook.cells if not _is_navigation(cell)]
    top = nbformat.v4.new_markdown_cell(text, metadata={"tags": [TAG]})
    bottom = nbformat.v4.new_markdown_cell(text, metadata={"tags": [TAG]})
    # Stable ids keep diffs quiet when the links are rewritten.
    top.id, bottom.id = "nav-top", "nav-bottom"
    notebook.cells = [top, *body, bottom]
    return notebook


def stale_notebooks() -> list[str]:
    stale = []
    for index, lesson in enumerate(lessons()):
        path = NOTEBOOKS / lesson.file
        notebook = nbformat.read(path, as_version=4)
        before = nbformat.writes(notebook)
        if nbformat.writes(with_navigation(notebook, index)) != before:
            stale.append(lesson.file)
    return stale


def main(argv: list[str]) -> int:
    if "--check" in argv:
        stale = stale_notebooks()
        if stale:
            print("stale navigation (run python tools/navigation.py):", ", ".join(stale))
            return 1
        return 0
    for index, lesson in enumerate(lessons()):
        path = NOTEBOOKS / lesson.file
        notebook = nbformat.read(path, as_version=4)
        before = nbformat.writes(notebook)
        after = nbformat.writes(with_navigation(notebook, index))
        if after != before:
            path.write_text(after + "\n", encoding="utf-8")
            print(f"updated {lesson.file}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

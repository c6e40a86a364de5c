"""No lesson shows raw Python to a learner (issue 20 item 5).

A stored output is what a learner sees when they open a lesson, run or not. None of them may show
- a raw repr: `<ExerciseLibrary: 16 exercises>`, `<Exercise psoas-march: ...>`, `<... object at 0x...>`;
- a numpy array: `array([38.5, 42.6, ...])`;
- a bare list, tuple, dict or set, or a quoted string, as the output's only text
  (`['Heel slide', 'Psoas march']`, `'https://...'`).
What is visible: an output's HTML or Markdown (checked for reprs in its text) when it has one, else
its text/plain; printed text; and a widget's text/plain (JupyterLab shows it until the widget runs).
Fix a cell by calling a view that shows words (`exercise_table(...)`, a library query shows itself
as a numbered list), by printing a sentence, or, in the package, with `_repr_html_` /
`_repr_pretty_` (content classes build their own escaped HTML in hipcontent/content/shown.py: the
content layer never imports views).
"""

from __future__ import annotations

import ast
import html
import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
RICH = ("text/html", "text/markdown", "text/latex", "image/png", "image/jpeg", "image/svg+xml", "application/pdf")
WIDGET = "application/vnd.jupyter.widget-view+json"
RAW_REPR = re.compile(r"<[A-Za-z_][\w.]*(?:\s[^<>\n]*)?(?::|\bobject at\b|\bat 0x|\bfrom ')[^<>\n]*>")
ARRAY = re.compile(r"\b(?:array|matrix)\(\s*\[|\bdtype=")
BRACKETED = re.compile(r"\A\s*(?:\[.*\]|\(.*\)|\{.*\})\s*\Z", re.S)


def _lessons() -> list[str]:
    return sorted(path.name for path in NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _html_text(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def _bare_literal(text: str) -> str | None:
    """'list', 'dict', ... when the whole text is a Python container or a quoted string; else None."""
    stripped = text.strip()
    if not stripped:
        return None
    try:
        value = ast.literal_eval(stripped)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return "bracketed list" if BRACKETED.match(stripped) else None
    if isinstance(value, (list, tuple, dict, set, frozenset, str, bytes)):
        return type(value).__name__
    return None


def output_problems(output: dict) -> list[str]:
    """What raw Python one stored output shows (empty when it reads as words)."""
    kind = output.get("output_type")
    if kind == "error":
        return []  # an expected error shows its message (run_notebooks keeps no traceback)
    if kind == "stream":
        shown = [("printed text", _text(output.get("text", "")), True)]
    else:
        data = output.get("data", {})
        shown = [(mime, _html_text(_text(data[mime])) if mime == "text/html" else _text(data[mime]), False)
                 for mime in ("text/html", "text/markdown") if mime in data]
        if "text/plain" in data and (WIDGET in data or not any(m in data for m in RICH)):
            shown.append(("text/plain", _text(data["text/plain"]), True))
    problems = []
    for mime, text, whole in shown:
        for m in RAW_REPR.finditer(text):
            problems.append(f"{mime}: a raw repr {m.group()[:80]!r}")
        if ARRAY.search(text):
            problems.append(f"{mime}: a numpy array {text.strip()[:80]!r}")
        literal = _bare_literal(text) if whole else None
        if literal:
            problems.append(f"{mime}: a bare {literal} {text.strip()[:80]!r}")
    return problems


@pytest.mark.parametrize("lesson", _lessons())
def test_no_lesson_shows_raw_python(lesson):
    cells = json.loads((NOTEBOOKS / lesson).read_text(encoding="utf-8"))["cells"]
    found = []
    for index, cell in enumerate(cells):
        for output in cell.get("outputs", []) if cell["cell_type"] == "code" else []:
            found += [f"cell {index} ({_text(cell['source']).strip().splitlines()[-1][:60]}): {p}"
                      for p in output_problems(output)]
    assert not found, f"{lesson} shows raw Python to the learner:\n" + "\n".join(found)


def _plain(text: str) -> dict:
    return {"output_type": "execute_result", "data": {"text/plain": text}, "metadata": {}, "execution_count": 1}


def test_the_check_catches_raw_python_and_passes_words():
    bad = [
        _plain("<ExerciseLibrary: 16 exercises>"), _plain("<hipcontent.x.Thing object at 0x7f3a2b1c9d00>"),
        _plain("array([ 38.5,  42.6,  43. ])"), _plain("[38.5, 2.8, 3.0]"), _plain("['Heel slide',\n 'Psoas march']"),
        _plain("'https://hub.example.org/hub/user-redirect/git-pull'"), _plain("{'a': 1}"),
        _plain("[<Exercise heel-slide: Heel slide>]"),
        {"output_type": "stream", "name": "stdout", "text": "(1, 2)\n"},
        {"output_type": "display_data", "data": {"text/html": "<p>&lt;Exercise x: X&gt;</p>", "text/plain": "x"}},
        {"output_type": "display_data", "data": {WIDGET: {"model_id": "m"}, "text/plain": "<Timer: 3 phases>"}},
    ]
    for output in bad:
        assert output_problems(output), output
    good = [
        _plain("Class sheet written: example-class-sheet.pdf (1 page)"), _plain("42"),
        {"output_type": "display_data", "data": {"text/html": "<ol><li>Heel slide</li></ol>",
                                                 "text/plain": "['Heel slide']"}},
        {"output_type": "stream", "name": "stdout", "text": "# save as <id>.yaml in your folder\nid: wall-march\n"},
        {"output_type": "error", "ename": "ValueError", "evalue": "x", "traceback": ["<module>"]},
        {"output_type": "display_data", "data": {WIDGET: {"model_id": "m"}, "text/plain": "Timer: Countdown 0:30"}},
    ]
    for output in good:
        assert output_problems(output) == [], output


def test_the_exercise_library_and_its_answers_show_as_words():
    from IPython.core.formatters import format_display_data

    from hipcontent import load_library

    library = load_library()
    shown = [library, library.query(goal="strength"), library.chain("psoas-march"), library.easier("psoas-march"),
             library.progressions("heel-slide"), library.regressions("psoas-march"), library.harder("heel-slide"),
             library["psoas-march"], library.query(level="advanced", position="supine")]
    for thing in shown:
        data, _ = format_display_data(thing)
        assert "text/html" in data, type(thing)
        output = {"output_type": "execute_result", "data": data}
        assert output_problems(output) == [], data
        assert output_problems(_plain(data["text/plain"])) == [], data["text/plain"]
    assert library.query(goal="strength") == [e for e in library if "strength" in e.goals]  # still a list
    data, _ = format_display_data(library)
    assert data["text/plain"].startswith(f"Exercise library: {len(library)} exercises\n1. ")
    assert "<strong>Psoas march</strong>" in data["text/html"]
    data, _ = format_display_data(library.query(level="advanced", position="supine"))
    assert data["text/plain"] == "No exercises"

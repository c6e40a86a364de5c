"""Each lesson's core path fits a sitting: at most 2,500 core words (contract format 2, issue 20 item 1).

    python tests/test_core_path.py                       # every lesson: core words and reading time
    python tests/test_core_path.py notebooks/01-anatomy.ipynb --sections   # ... and where the words are

Core words are the markdown words a learner meets on the way through, i.e. all of them except
- a "go deeper" section: a markdown cell whose heading is `### Go deeper: <topic>` with cell metadata
  "jp-MarkdownHeadingCollapsed": true, and every cell after it up to the next cell with a heading of
  level <= 3. This mirrors JupyterLab 4.6: a cell's heading level is the smallest level among its
  headings, a collapsed heading hides the following cells (markdown and code) until a cell whose
  level is <= its own, and the heading cell itself stays visible, so its words are core;
- the generated navigation cells (tag `navigation`);
- the inside of an HTML `<details>` block (its `<summary>` line is shown, so it counts).
Citation markers (`<sup>...</sup>`), HTML tags, link targets and image addresses are not words;
link texts, code spans and numbers are. A word is a run of letters or digits, joined by ' or -.
Reading time is core words / 200 per minute.

Also checked: every go-deeper heading is collapsed and every collapsed heading is a go-deeper one
(`### Go deeper: ...`, level 3), and each lesson shows Overview, Summary and What's next on its
core path (not inside a go-deeper section).
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
MAX_CORE_WORDS = 2500
WORDS_PER_MINUTE = 200
COLLAPSED = "jp-MarkdownHeadingCollapsed"
GO_DEEPER = re.compile(r"^###\s+Go deeper:\s+\S", re.I)
CORE_HEADINGS = ["Overview", "Summary", "What's next"]
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.M | re.S)
HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$", re.M)


def _lessons() -> list[str]:
    return sorted(path.name for path in NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


def headings(markdown: str) -> list[tuple[int, str]]:
    """(level, text) of each ATX heading outside code fences."""
    return [(len(m.group(1)), m.group(2).strip()) for m in HEADING.finditer(FENCE.sub("", markdown))]


def heading_level(cell: dict) -> int:
    """JupyterLab's headingInfo.level: the smallest heading level in a markdown cell; 7 otherwise."""
    if cell["cell_type"] != "markdown":
        return 7
    levels = [level for level, _ in headings(_source(cell))]
    return min(levels) if levels else 7


def _source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def _collapsed(cell: dict) -> bool:
    return cell["cell_type"] == "markdown" and cell.get("metadata", {}).get(COLLAPSED) is True


def _navigation(cell: dict) -> bool:
    return "navigation" in cell.get("metadata", {}).get("tags", [])


def words(markdown: str) -> int:
    """The readable words of a piece of markdown (see the module's docstring)."""
    text = re.sub(r"<sup>.*?</sup>", " ", markdown, flags=re.S | re.I)
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r" \1 ", text)     # image: its alt text only
    text = re.sub(r"\]\([^)]*\)", "] ", text)                      # link: its text only
    text = re.sub(r"<[^>]+>", " ", text)                           # other HTML tags
    text = re.sub(r"&[a-z]+;|&#\d+;", " ", text)
    return len(WORD.findall(text))


def split_details(markdown: str) -> tuple[str, str]:
    """(shown, hidden): the text outside `<details>` blocks plus their `<summary>` lines, and the rest."""
    shown, hidden, pos = [], [], 0
    for m in re.finditer(r"<details\b[^>]*>(.*?)</details\s*>", markdown, re.S | re.I):
        shown.append(markdown[pos:m.start()])
        inner = m.group(1)
        summary = re.search(r"<summary\b[^>]*>(.*?)</summary\s*>", inner, re.S | re.I)
        if summary:
            shown.append(summary.group(1))
            inner = inner[:summary.start()] + inner[summary.end():]
        hidden.append(inner)
        pos = m.end()
    shown.append(markdown[pos:])
    return " ".join(shown), " ".join(hidden)


@dataclass
class Count:
    lesson: str
    core: int = 0
    go_deeper: int = 0
    details: int = 0
    navigation: int = 0
    sections: list[tuple[str, int, int]] = field(default_factory=list)  # (## section, core, go deeper)
    go_deeper_headings: list[tuple[int, str, bool]] = field(default_factory=list)  # (cell, heading, collapsed)
    collapsed_headings: list[tuple[int, str]] = field(default_factory=list)        # (cell, first heading)
    core_headings: list[str] = field(default_factory=list)
    hidden_headings: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.core + self.go_deeper + self.details

    @property
    def minutes(self) -> float:
        return self.core / WORDS_PER_MINUTE


def count(cells: list[dict], lesson: str = "") -> Count:
    """Core and hidden words of a notebook's cells, hiding exactly what JupyterLab 4.6 hides."""
    result = Count(lesson)
    hidden_below: int | None = None  # level of the collapsed heading now hiding cells
    section = ("(before the first ## heading)", [0, 0])
    sections = [section]
    for index, cell in enumerate(cells):
        level = heading_level(cell)
        if hidden_below is not None and level <= hidden_below:
            hidden_below = None
        text = _source(cell)
        cell_headings = headings(text) if cell["cell_type"] == "markdown" else []
        for number, (lvl, title) in enumerate(cell_headings):
            if lvl == 2:
                section = (title, [0, 0])
                sections.append(section)
            if GO_DEEPER.match("#" * lvl + " " + title):
                result.go_deeper_headings.append((index, title, _collapsed(cell) and number == 0 and lvl == level))
            (result.hidden_headings if hidden_below is not None else result.core_headings).append(title)
        if _collapsed(cell) and cell_headings:
            result.collapsed_headings.append((index, "#" * level + " " + next(t for lv, t in cell_headings if lv == level)))
        if cell["cell_type"] != "markdown":
            continue
        if _navigation(cell):
            result.navigation += words(text)
            continue
        shown, inside = split_details(text)
        if hidden_below is not None:
            result.go_deeper += words(text)
            section[1][1] += words(text)
        else:
            result.core += words(shown)
            result.details += words(inside)
            section[1][0] += words(shown)
        if _collapsed(cell) and cell_headings and hidden_below is None:
            hidden_below = level
    result.sections = [(title, core, deeper) for title, (core, deeper) in sections if core or deeper]
    return result


def count_file(name: str | Path) -> Count:
    path = Path(name) if Path(name).exists() else NOTEBOOKS / name
    return count(json.loads(path.read_text(encoding="utf-8"))["cells"], path.name)


@pytest.mark.parametrize("lesson", _lessons())
def test_the_core_path_fits_a_sitting(lesson):
    c = count_file(lesson)
    assert c.core <= MAX_CORE_WORDS, (
        f"{lesson}: {c.core} core words (about {c.minutes:.0f} min), more than {MAX_CORE_WORDS}; move depth into "
        f"'### Go deeper: ...' sections collapsed by default, or cut repeats. Largest sections: "
        + ", ".join(f"{t} {n}" for t, n, _ in sorted(c.sections, key=lambda s: -s[1])[:4])
        + f"  (python tests/test_core_path.py notebooks/{lesson} --sections)")


@pytest.mark.parametrize("lesson", _lessons())
def test_go_deeper_sections_are_collapsed_and_collapsed_sections_say_go_deeper(lesson):
    c = count_file(lesson)
    open_ones = [f"cell {i}: {t!r}" for i, t, collapsed in c.go_deeper_headings if not collapsed]
    assert not open_ones, (f"{lesson}: go-deeper headings that JupyterLab would show open (a cell starting with the "
                           f"'### Go deeper: ...' heading needs metadata \"{COLLAPSED}\": true): {open_ones}")
    others = [f"cell {i}: {h!r}" for i, h in c.collapsed_headings if not GO_DEEPER.match(h)]
    assert not others, f"{lesson}: collapsed headings that are not '### Go deeper: <topic>': {others}"


@pytest.mark.parametrize("lesson", _lessons())
def test_overview_summary_and_next_are_on_the_core_path(lesson):
    c = count_file(lesson)
    for wanted in CORE_HEADINGS:
        assert any(h.startswith(wanted) for h in c.core_headings), (
            f"{lesson}: no '{wanted}' heading on the core path"
            + (" (it is inside a go-deeper section)" if any(h.startswith(wanted) for h in c.hidden_headings) else ""))


def _markdown(text: str, **metadata) -> dict:
    return {"cell_type": "markdown", "source": text, "metadata": metadata}


def _code(text: str) -> dict:
    return {"cell_type": "code", "source": text, "metadata": {}, "outputs": []}


def test_the_counter_hides_what_jupyterlab_hides():
    collapsed = {COLLAPSED: True}
    cells = [
        _markdown("[Contents](00-start-here.ipynb) | [next >](01-a.ipynb)", tags=["navigation"]),
        _markdown("# Title\n\n## Overview\none two three<sup>[1](#References \"Gray 1918\")</sup>"),  # 5
        _markdown("### Go deeper: the numbers", **collapsed),                                          # 4 core
        _markdown("hidden words here"), _code("x = 1"), _markdown("#### still hidden"),
        _markdown("### Next part\nfour five"),                                                         # 4
        _markdown("### Go deeper: more\nshown line", **collapsed),                                     # 5 core
        _markdown("hidden again"),
        _markdown("## Summary\nsix <details><summary>Why seven</summary>eight nine ten</details> "
                  "[a link](https://example.org/x-y-z) `code span`"),                                  # 8
        _markdown("```\n# not a heading\n```\n## What's next\nGo on."),                                # 7
    ]
    c = count(cells)
    assert (c.core, c.go_deeper, c.details, c.navigation) == (5 + 4 + 4 + 5 + 8 + 7, 3 + 2 + 2, 3, 2)
    assert c.go_deeper_headings == [(2, "Go deeper: the numbers", True), (7, "Go deeper: more", True)]
    assert c.core_headings[:3] == ["Title", "Overview", "Go deeper: the numbers"]
    assert "still hidden" in c.hidden_headings and "Summary" in c.core_headings
    # An open go-deeper heading, and a collapsed heading that is not a go-deeper one, are both caught.
    c = count([_markdown("### Go deeper: open"), _markdown("words"), _markdown("## Elsewhere", **collapsed),
               _markdown("gone")])
    assert c.go_deeper_headings == [(0, "Go deeper: open", False)]
    assert c.collapsed_headings == [(2, "## Elsewhere")] and c.go_deeper == 1 and c.core == 3 + 1 + 1


def main(argv: list[str]) -> int:
    show_sections = "--sections" in argv
    names = [a for a in argv if a != "--sections"] or _lessons()
    print(f"{'lesson':34} {'core':>6} {'min':>5} {'deeper':>7} {'details':>7}  go-deeper sections")
    worst = 0
    for name in names:
        c = count_file(name)
        flag = "  OVER" if c.core > MAX_CORE_WORDS else ""
        print(f"{c.lesson:34} {c.core:6} {c.minutes:5.1f} {c.go_deeper:7} {c.details:7}  "
              f"{len(c.go_deeper_headings)}{flag}")
        if show_sections:
            for title, core, deeper in c.sections:
                print(f"    {title[:50]:50} core {core:5}   go deeper {deeper:5}")
        worst = max(worst, c.core)
    print(f"limit: {MAX_CORE_WORDS} core words per lesson ({MAX_CORE_WORDS / WORDS_PER_MINUTE:.1f} min at "
          f"{WORDS_PER_MINUTE} words a minute)")
    return 0 if worst <= MAX_CORE_WORDS else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

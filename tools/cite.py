"""Quiet citations: number every marker of a lesson from its title (contract format 3).

    python tools/cite.py notebooks/01-anatomy.ipynb            # renumber every marker in place
    python tools/cite.py --check notebooks/01-anatomy.ipynb    # only report; exit 1 if anything is off
    python tools/cite.py --convert notebooks/01-anatomy.ipynb  # one-off: old "(Gray 1918 [B])" -> markers
    python tools/cite.py --order notebooks/01-anatomy.ipynb    # the sources in order of first citation

A marker is a superscript link to the lesson's reference list whose title is the source's
bibliography label (hipcontent/data/bibliography.yaml):

    ...lies on the iliacus.<sup>[3](#References "Gray 1918")</sup>
    ...<sup>[3](#References "Gray 1918"), [5](#References "Sajko & Stuber 2009")</sup>

The number is the source's 1-based position in the lesson's `sources` (hipcontent/data/lessons.yaml),
which is also how `lesson_references("NN")` numbers its list. So write `[?]` (or any number) and let
this tool fill it in; it never guesses a label: a title that is not a label, or a source missing from
the lesson's `sources`, is reported and left as it is (add the id to lessons.yaml, then run again).

--convert turns the old convention into markers: a parenthesised group made only of labels (each
optionally with its grade, "(Gray 1918 [B]; Hu et al. 2011)") becomes a marker after the word or
punctuation it followed ("hip (Gray 1918)." -> "hip.<sup>[n](...)</sup>"), and a narrative
"Delp et al. (1990)" becomes "Delp et al.<sup>[n](...)</sup>". A group that carries other words
("(commentary, Kumazaki et al. 2022)", "(Schache et al. 2015, seven runners)") is listed for you to
rewrite by hand. Read the converted cells: a sentence sometimes needs a word changed.
Notebooks are written as tools/run_notebooks.py writes them, through a temporary file and a rename.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import nbformat

from hipcontent.content.bibliography import bibliography
from hipcontent.content.lessons import Lesson, lessons

ANCHOR = "#References"  # JupyterLab 4's id for the "## References" heading (checked in the browser)
# One link inside a marker: [n](#References "Label"); n may be "?" (not numbered yet).
LINK = re.compile(r'\[(?P<n>\?|\d+)\]\((?P<target>#[^\s)"]*)\s+"(?P<label>[^"]+)"\)')
# A whole marker: <sup> holding one or more links separated by commas.
MARKER = re.compile(r"<sup>\s*(?P<body>\[(?:\?|\d+)\]\(#[^)]*\)(?:\s*,\s*\[(?:\?|\d+)\]\(#[^)]*\))*)\s*</sup>")
LINK_SPLIT = re.compile(r"\[(?:\?|\d+)\]\(#[^)]*\)")
SUP = re.compile(r"<sup>.*?</sup>", re.S)
GRADE = re.compile(r"\s*\[[A-Za-z]\]\s*$")
YEAR = re.compile(r"^(1[89]\d\d|20\d\d)[a-z]?$")


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def labels() -> dict[str, str]:
    """Bibliography label (whitespace folded) -> source id."""
    return {fold(source.label): source_id for source_id, source in bibliography().items()}


def lesson_for(path: str | os.PathLike) -> Lesson:
    name = Path(path).name
    for lesson in lessons():
        if lesson.file == name:
            return lesson
    raise SystemExit(f"{name} is not in hipcontent/data/lessons.yaml: add it there first")


def is_navigation(cell) -> bool:
    return "navigation" in cell.get("metadata", {}).get("tags", [])


def prose_cells(notebook) -> list:
    return [c for c in notebook.cells if c.cell_type == "markdown" and not is_navigation(c)]


@dataclass(frozen=True)
class Marker:
    number: str   # as written: "3" or "?"
    label: str    # the title, whitespace folded
    target: str   # "#References"


def markers(text: str) -> list[Marker]:
    """Every citation link inside every <sup> marker of `text`, in order."""
    return [Marker(m["n"], fold(m["label"]), m["target"])
            for marker in MARKER.finditer(text) for m in LINK.finditer(marker["body"])]


def marker_problems(text: str, lesson: Lesson, known: dict[str, str] | None = None) -> list[str]:
    """What is wrong with the markers of `text` for `lesson` (empty when all are right)."""
    known = labels() if known is None else known
    problems = []
    for sup in SUP.finditer(text):
        if not MARKER.fullmatch(sup.group()) and "#" in sup.group():
            problems.append(f"{sup.group()!r}: not a marker; write <sup>[n](#References \"Label\"), ...</sup>")
    for m in markers(text):
        if m.target != ANCHOR:
            problems.append(f"[{m.number}] {m.label!r}: links to {m.target!r}, not {ANCHOR!r}")
        if m.label not in known:
            problems.append(f"[{m.number}] {m.label!r}: not a bibliography label")
            continue
        source_id = known[m.label]
        if source_id not in lesson.sources:
            problems.append(f"[{m.number}] {m.label!r}: {source_id} is not in lesson {lesson.number}'s sources "
                            f"(hipcontent/data/lessons.yaml)")
            continue
        right = str(lesson.sources.index(source_id) + 1)
        if m.number != right:
            problems.append(f"[{m.number}] {m.label!r}: should be [{right}] (its place in the lesson's sources)")
    return problems


def renumber(text: str, lesson: Lesson, known: dict[str, str]) -> str:
    """`text` with every marker link numbered from its title; unknown titles are left alone."""
    def link(m: re.Match) -> str:
        source_id = known.get(fold(m["label"]))
        if source_id not in lesson.sources:
            return m.group()
        return f'[{lesson.sources.index(source_id) + 1}]({ANCHOR} "{fold(m["label"])}")'

    return MARKER.sub(lambda marker: "<sup>" + ", ".join(
        LINK.sub(link, part) for part in LINK_SPLIT.findall(marker["body"])) + "</sup>", text)



def make_marker(found_labels: list[str], lesson: Lesson, known: dict[str, str]) -> str:
    parts = []
    for label in found_labels:
        source_id = known[label]
        n = str(lesson.sources.index(source_id) + 1) if source_id in lesson.sources else "?"
        parts.append(f'[{n}]({ANCHOR} "{label}")')
    return "<sup>" + ", ".join(parts) + "</sup>"


def _label_of(part: str, known: dict[str, str]) -> str | None:
    part = fold(GRADE.sub("", part))
    return part if part in known else None


def convert(text: str, lesson: Lesson, known: dict[str, str]) -> tuple[str, list[str]]:
    """Old-form citations in `text` turned into markers, and the groups left for a human."""
    left: list[str] = []
    # Narrative "Delp et al. (1990)": the label's authors, then its year in parentheses.
    for label in sorted(known, key=len, reverse=True):
        head, _, year = label.rpartition(" ")
        if not head or not YEAR.match(year):
            continue
        pattern = re.compile(r"(?<![\w])" + re.escape(head).replace(r"\ ", r"\s+") + r"\s+\(" + re.escape(year)
                             + r"(?:\s*\[[A-Za-z]\])?\)")
        text = pattern.sub(lambda m, h=head, lab=label: h + make_marker([lab], lesson, known), text)

    def group(m: re.Match) -> str:
        inner = m["inner"]
        if inner.startswith("#"):
            return m.group()  # a link target, perhaps a marker's
        parts = [p for p in inner.split(";")]
        found = [_label_of(p, known) for p in parts]
        if all(found):
            marker = make_marker([f for f in found if f], lesson, known)
            punct = m["punct"] or ""
            return punct + marker
        if any(found) or any(any(re.search(r"(?<!\w)" + re.escape(lab) + r"(?!\w)", fold(p)) for lab in known)
                             for p in parts):
            left.append(f"({inner})")
        return m.group()

    # The group, any spaces before it, and punctuation straight after it (which moves before the marker).
    text = re.sub(r"\s*\((?P<inner>[^()]*)\)(?P<punct>[.,;:!?](?![\w]))?", group, text)
    return text, left


def _write(path: Path, notebook) -> None:
    data = nbformat.writes(notebook) + "\n"
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(data)
        os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def first_citation_order(notebook, known: dict[str, str]) -> list[str]:
    order: list[str] = []
    for cell in prose_cells(notebook):
        for m in markers(cell.source):
            source_id = known.get(m.label)
            if source_id and source_id not in order:
                order.append(source_id)
    return order


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="only report; exit 1 if a marker is wrong")
    mode.add_argument("--convert", action="store_true", help="turn old (Label [G]) citations into markers")
    mode.add_argument("--order", action="store_true", help="print the sources in order of first citation")
    parser.add_argument("notebooks", nargs="+", type=Path)
    args = parser.parse_args(argv)
    known = labels()
    status = 0
    for path in args.notebooks:
        lesson = lesson_for(path)
        notebook = nbformat.read(path, as_version=4)
        if args.order:
            order = first_citation_order(notebook, known)
            unused = [s for s in lesson.sources if s not in order]
            print(f"{path.name}: sources in order of first citation:\n  sources: [{', '.join(order)}]")
            if unused:
                print(f"  listed in lessons.yaml but never cited: {', '.join(unused)}")
            continue
        problems, left, changed = [], [], 0
        for index, cell in enumerate(prose_cells(notebook)):
            source = cell.source
            if args.convert:
                source, cell_left = convert(source, lesson, known)
                left += [f"cell {notebook.cells.index(cell)}: {g}" for g in cell_left]
            if not args.check:
                source = renumber(source, lesson, known)
            if source != cell.source:
                changed += 1
                cell.source = source
            problems += [f"cell {notebook.cells.index(cell)}: {p}" for p in marker_problems(source, lesson, known)]
        cited = {known[m.label] for c in prose_cells(notebook) for m in markers(c.source) if m.label in known}
        uncited = [s for s in lesson.sources if s not in cited]
        if changed and not args.check:
            _write(path, notebook)
        count = sum(len(markers(c.source)) for c in prose_cells(notebook))
        done = "checked" if args.check else f"{changed} cell(s) changed"
        print(f"{path.name}: {count} citation links, {done}, {len(problems)} problem(s)")
        for problem in problems:
            print(f"  {problem}")
        for group in left:
            print(f"  rewrite by hand (words beside a label): {group}")
        if uncited:
            print(f"  sources never cited by a marker: {', '.join(uncited)}")
        if problems or (args.check and uncited):
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())

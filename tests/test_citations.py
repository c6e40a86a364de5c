"""Every citation in a lesson's prose is a quiet marker naming one source of the lesson (contract format 3).

The convention (for everyone who writes lesson prose):
- Cite with a superscript number that links to the lesson's reference list and carries the source's
  bibliography `label` (data/bibliography.yaml) as the link's title, after the word or punctuation
  it supports:  `...on the iliacus.<sup>[3](#References "Gray 1918")</sup>`
  Several sources: `<sup>[3](#References "Gray 1918"), [5](#References "Sajko & Stuber 2009")</sup>`.
- The number is the source's 1-based position in the lesson's `sources` in data/lessons.yaml, which
  is also how `lesson_references("NN")` numbers its list. Write `[?]` and run
  `python tools/cite.py notebooks/NN-name.ipynb`: it fills in every number from the title
  (`--check` only reports; `--convert` turns the old "(Gray 1918 [B])" form into markers).
- `sources` is exactly what the markers cite: an unknown label, a source missing from `sources`, a
  wrong number or a source never cited fails here.
- Prose may name a study in words ("a dissection of 152 sides", "Delp and colleagues") but not as a
  bracketed author-year "(Gray 1918)" or "Delp et al. (1990)": those are the old form.
- Each lesson keeps a `## References` markdown heading (the markers' target) followed by one code
  cell `lesson_references("NN")` (hipcontent.views.references), never a hand-written list.

Transition (session of 2026-12-05): a lesson not converted yet may still be *wholly* in the old
form, "(Gray 1918 [B])" / "Delp et al. (1990)", checked by the old rules below; a lesson mixing the
two forms fails. The lead sets ACCEPT_OLD_FORM = False once every lesson is converted.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import cite
import pytest

from hipcontent.content.bibliography import bibliography
from hipcontent.content.lessons import Lesson, lessons

# THE SWITCH: True while lessons are being converted; the lead makes it False (new form only).
ACCEPT_OLD_FORM = False

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
YEAR = re.compile(r"(?<![\w.])(1[89]\d\d|20\d\d)[a-z]?(?![\w])")
GRADE = re.compile(r"\[([A-Za-z])\]")
# "Hu et al. 2011", "Sajko & Stuber 2009", "Andrews, Thomas & Bohannon 1996": an author-year outside
# parentheses is a citation the old checker cannot read (old form only).
BARE = re.compile(r"\b[A-Z][\w'’-]+(?:,? [A-Z][\w'’-]+)*(?: et al\.|,? (?:&|and) [A-Z][\w'’-]+)? (?:1[89]\d\d|20\d\d)\b")


_fold, _labels = cite.fold, cite.labels  # one reading of labels for the tool and its test


def _cells(lesson_file: str) -> list[dict]:
    return json.loads((NOTEBOOKS / lesson_file).read_text(encoding="utf-8"))["cells"]


def _prose(lesson_file: str) -> str:
    """The lesson's markdown, without the generated navigation cells, link targets and code spans."""
    text = " ".join("".join(c["source"]) for c in _cells(lesson_file)
                    if c["cell_type"] == "markdown" and "navigation" not in c.get("metadata", {}).get("tags", []))
    text = re.sub(r"\]\([^()\s]*\)", "]", text)  # [words](target): the target is not prose
    text = re.sub(r"`[^`]*`", "code", text)
    return _fold(text)


def _label_spans(part: str, labels: dict[str, str]) -> list[tuple[int, int, str]]:
    """Where labels occur in `part` at word boundaries; a label inside a longer one does not count."""
    spans = []
    for label in labels:
        for m in re.finditer(r"(?<!\w)" + re.escape(label) + r"(?!\w)", part):
            spans.append((m.start(), m.end(), label))
    return [s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]


def _narrative(before: str, year: str, labels: dict[str, str]) -> list[tuple[int, int, str]]:
    """Labels "Authors YEAR" whose authors end the text before "(YEAR)": "Delp et al. (1990)"."""
    before = before.rstrip()
    found = []
    for label in labels:
        if label.endswith(" " + year):
            head = label[: -len(year)].rstrip()
            if before.endswith(head) and (len(before) == len(head) or not before[-len(head) - 1].isalnum()):
                found.append((0, 0, label))
    return found[-1:] if len(found) == 1 else found


def citations(prose: str, labels: dict[str, str]) -> tuple[set[str], list[str]]:
    """(ids cited, problems): every parenthesised part with a year, a grade or a label must be
    exactly one label (plus words), its years the label's, its grade the bibliography's."""
    grades = {sid: source.grade for sid, source in bibliography().items()}
    cited, problems = set(), []
    for group in re.finditer(r"\(([^()]*)\)", prose):
        for part in group.group(1).split(";"):
            part = part.strip()
            bare = GRADE.sub("", part).strip()
            years = list(YEAR.finditer(part))
            narrative = YEAR.fullmatch(bare) is not None
            if narrative:
                spans = _narrative(prose[: group.start()], bare, labels)
                years = []
            else:
                spans = _label_spans(part, labels)
            if not (narrative or years or GRADE.search(part) or spans):
                continue  # "(about 40°)", "(see below)": not a citation
            if len(spans) != 1:
                reason = "names no bibliography label" if not spans else \
                    f"names {len(spans)} labels ({', '.join(s[2] for s in spans)}); give each its own part"
                problems.append(f"({part}): {reason}")
                continue
            start, end, label = spans[0]
            source_id = labels[label]
            cited.add(source_id)
            stray = [y.group() for y in years if not (start <= y.start() and y.end() <= end)]
            if stray:
                problems.append(f"({part}): year {', '.join(stray)} is not part of the label {label!r}")
            marks = list(GRADE.finditer(part))
            between = (part[len(bare) if narrative else end:marks[0].start()] if marks else "").strip()
            if len(marks) > 1 or between:
                problems.append(f"({part}): one grade marker, straight after the label {label!r}")
            elif marks and marks[0].group(1) != grades[source_id]:
                problems.append(f"({part}): the bibliography grades {source_id} {grades[source_id]}, "
                                f"not {marks[0].group(1)}")
    groups = [m.span() for m in re.finditer(r"\(([^()]*)\)", prose)]
    for m in BARE.finditer(prose):
        if not any(start <= m.start() < end for start, end in groups):
            problems.append(f"{m.group()}: an author-year outside parentheses; write ({m.group()}) or the narrative form")
    return cited, problems


def _markdown(lesson_file: str) -> list[str]:
    """The lesson's markdown cells (not the generated navigation cells), as written."""
    return ["".join(c["source"]) for c in _cells(lesson_file)
            if c["cell_type"] == "markdown" and "navigation" not in c.get("metadata", {}).get("tags", [])]


def new_form_problems(cells: list[str], lesson: Lesson, labels: dict[str, str]) -> tuple[set[str], list[str]]:
    """(ids cited by markers, problems) for a lesson in the new form: every marker right, and no
    old-form citation left in the prose around them."""
    cited, problems = set(), []
    for text in cells:
        problems += cite.marker_problems(text, lesson, labels)
        cited |= {labels[m.label] for m in cite.markers(text) if m.label in labels}
        outside = cite.MARKER.sub(" ", text)
        for link in cite.LINK.finditer(outside):
            problems.append(f"{link.group()}: a citation link outside <sup>...</sup>")
    prose = _fold(re.sub(r"\]\([^()\s]*\)", "]", re.sub(r"`[^`]*`", "code", cite.SUP.sub(" ", " ".join(cells)))))
    old_cited, _ = citations(prose, labels)
    if old_cited:
        problems.append(f"old-form citations left beside the markers (make them markers: tools/cite.py --convert): "
                        f"{', '.join(bibliography()[i].label for i in sorted(old_cited))}")
    for group in re.finditer(r"\(([^()]*)\)", prose):
        if GRADE.search(group.group(1)):
            problems.append(f"({group.group(1)}): a grade in the prose; the reference list shows grades")
    return cited, problems


def lesson_form(lesson: Lesson) -> str:
    """'new' when any marker is in the prose, 'old' when only old-form citations are, else 'none'."""
    cells = _markdown(lesson.file)
    if any(cite.markers(text) for text in cells):
        return "new"
    return "old" if citations(_prose(lesson.file), _labels())[0] else "none"


@pytest.mark.parametrize("lesson", lessons(), ids=lambda lesson: lesson.file)
def test_every_citation_in_the_prose_is_one_source_of_the_lesson(lesson):
    form = lesson_form(lesson)
    if form == "old":
        assert ACCEPT_OLD_FORM, (f"{lesson.file}: old-form citations '(Label [G])'; convert them to quiet markers: "
                                 f"python tools/cite.py --convert notebooks/{lesson.file}")
        cited, problems = citations(_prose(lesson.file), _labels())
    else:
        cited, problems = new_form_problems(_markdown(lesson.file), lesson, _labels())
    assert not problems, f"{lesson.file}: citations that do not resolve: {problems}"
    listed = set(lesson.sources)
    assert cited == listed, (
        f"{lesson.file}: data/lessons.yaml `sources` must list exactly what the prose cites; "
        f"cited but not listed: {sorted(cited - listed)}; listed but not cited: {sorted(listed - cited)}"
    )


@pytest.mark.parametrize("lesson", [lesson for lesson in lessons() if lesson.sources], ids=lambda lesson: lesson.file)
def test_the_reference_list_is_generated_under_a_references_heading(lesson):
    cells = _cells(lesson.file)
    calls = [i for i, c in enumerate(cells) if c["cell_type"] == "code"
             and re.search(r"lesson_references\(\s*[\"']" + lesson.number + r"[\"']\s*\)", "".join(c["source"]))]
    assert len(calls) == 1, f"{lesson.file}: one code cell lesson_references({lesson.number!r}) lists the sources"
    headings = [i for i, c in enumerate(cells) if c["cell_type"] == "markdown"
                and re.search(r"^##\s+References\s*$", "".join(c["source"]), re.M)]
    assert len(headings) == 1, f"{lesson.file}: one '## References' heading (the markers link to {cite.ANCHOR})"
    between = [c for c in cells[headings[0] + 1:calls[0]] if c["cell_type"] == "code"]
    assert headings[0] < calls[0] and not between, f"{lesson.file}: the lesson_references cell follows '## References'"
    for cell in cells:
        text = "".join(cell["source"])
        heading = re.search(r"^#+\s*References\s*$", text, re.M | re.I)
        if cell["cell_type"] == "markdown" and heading:
            listed = re.search(r"^\s*(?:[-*]|\d+\.)\s", text[heading.end():], re.M)
            assert not listed, f"{lesson.file}: a hand-written reference list; use lesson_references()"


def test_the_marker_checker_catches_what_is_wrong():
    labels = _labels()
    lesson = Lesson(file="98-test.ipynb", title="t", summary="s", minutes=1, sources=("gray1918", "delp_1990"))
    gray, delp = bibliography()["gray1918"].label, bibliography()["delp_1990"].label
    good = [f'The iliacus.<sup>[1](#References "{gray}")</sup> A model<sup>[2](#References "{delp}"), '
            f'[1](#References "{gray}")</sup> of 152 sides.']
    assert new_form_problems(good, lesson, labels) == ({"gray1918", "delp_1990"}, [])
    bad = [f'<sup>[2](#References "{gray}")</sup> <sup>[1](#References "Nobody 2031")</sup> '
           f'<sup>[1](#references "{gray}")</sup> <sup>[3](#References "Kumazaki et al. 2022")</sup> '
           f'as Delp et al. (1990) showed (Gray 1918 [B]) [1](#References "{gray}")']
    cited, problems = new_form_problems(bad, lesson, labels)
    assert cited == {"gray1918", "kumazaki_2022"}
    assert "should be [1]" in problems[0] and "not a bibliography label" in problems[1]
    assert "not '#References'" in problems[2] and "not in lesson 98's sources" in problems[3]
    assert "outside <sup>" in problems[4] and "old-form" in problems[5] and "grade in the prose" in problems[6]
    assert len(problems) == 7, problems


def test_cite_numbers_markers_from_their_titles_and_converts_the_old_form():
    labels = _labels()
    lesson = Lesson(file="98-test.ipynb", title="t", summary="s", minutes=1, sources=("gray1918", "delp_1990"))
    text = '<sup>[?](#References "Delp et al. 1990"), [7](#References "Gray 1918")</sup> <sup>[?](#References "X")</sup>'
    assert cite.renumber(text, lesson, labels) == (
        '<sup>[2](#References "Delp et al. 1990"), [1](#References "Gray 1918")</sup> <sup>[?](#References "X")</sup>')
    old = "a hip (Gray 1918 [B]). As Delp et al. (1990) showed (commentary, Gray 1918) (about 40°)"
    new, left = cite.convert(old, lesson, labels)
    assert new == ('a hip.<sup>[1](#References "Gray 1918")</sup> As Delp et al.<sup>[2](#References '
                   '"Delp et al. 1990")</sup> showed (commentary, Gray 1918) (about 40°)')
    assert left == ["(commentary, Gray 1918)"]


def test_a_reference_list_is_numbered_as_the_markers_are():
    from hipcontent.content.anatomy import facts
    from hipcontent.content.evidence import load_evidence
    from hipcontent.content.quiz import references
    from hipcontent.views.display import escape
    from hipcontent.views.references import lesson_references, reference_ids

    by_number = {lesson.number: lesson for lesson in lessons()}
    ids = reference_ids("01")
    assert set(by_number["01"].sources) | set(facts().cited_source_ids()) | {s.id for s in references("01")} == set(ids)
    assert len(ids) == len(set(ids))
    assert set(load_evidence().cited()) <= set(reference_ids("03-weakness-and-testing"))
    for number, lesson in by_number.items():
        ids = reference_ids(number)
        assert ids[:len(lesson.sources)] == list(lesson.sources), f"lesson {number}: sources first, in their order"
        rest = [bibliography()[i].label.casefold() for i in ids[len(lesson.sources):]]
        assert rest == sorted(rest), f"lesson {number}: the data's own sources follow, by label"
    block = lesson_references("03")
    for number, source_id in enumerate(reference_ids("03"), start=1):
        source = bibliography()[source_id]
        assert f"\n{number}. {source.label}: {source.citation.rstrip('.')}" in block.text
        assert f'<li value="{number}"><strong>{escape(source.label)}</strong>' in block.html
        assert f"Grade {source.grade}: {source.grade_text}." in block.text
    assert block.html.startswith("<ol") and block.html.count("<li ") == len(reference_ids("03"))
    assert block.html.count('rel="noopener"') == sum(1 for i in reference_ids("03") if bibliography()[i].url)
    assert "&amp;" in lesson_references("01").html  # "Sajko & Stuber 2009" is escaped
    with pytest.raises(ValueError, match="no lesson '09'"):
        lesson_references("09")


def test_labels_are_unique_and_safe_to_cite():
    labels = [_fold(source.label) for source in bibliography().values()]
    assert len(set(labels)) == len(labels)
    unsafe = [label for label in labels if re.search(r'[()\[\];"]', label)]
    assert not unsafe, f"labels cannot hold brackets, semicolons or double quotes (citations use them): {unsafe}"


def test_the_checker_reads_real_prose_and_catches_what_is_wrong():
    labels = _labels()
    kumazaki, delp = bibliography()["kumazaki_2022"], bibliography()["delp_1990"]
    wrong = next(g for g in "ABCT" if g != kumazaki.grade)
    fine = (f"a share (about 40°) (commentary, {kumazaki.label} [{kumazaki.grade}]) "
            f"(Schache et al. 2015, seven runners; see below) as Delp et al. (1990) showed "
            f"(Kong et al. 2012; Pirouzmand & Midha)")
    cited, problems = citations(fine, labels)
    assert not problems
    assert cited == {"kumazaki_2022", "schache_2015", "delp_1990", "kong_2012", "pirouzmand_midha"}
    assert delp.label == "Delp et al. 1990"
    bad = (f"({kumazaki.label}; Nobody et al. 2031) ({kumazaki.label} [{wrong}]) "
           f"({kumazaki.label} and 2023) (Kumazaki 2022) as Nobody (1990) said (Hu et al. 2011, Penning 2000); "
           f"as Hu et al. 2011 found")
    cited, problems = citations(bad, labels)
    assert cited == {"kumazaki_2022"}
    assert len(problems) == 7, problems
    assert "Nobody et al. 2031" in problems[0] and "grades" in problems[1] and "2023" in problems[2]
    assert "Kumazaki 2022" in problems[3] and "1990" in problems[4] and "2 labels" in problems[5]
    assert "outside parentheses" in problems[6]



"""Every citation in a lesson's prose names one entry of the course's one bibliography.

The convention (for everyone who writes lesson prose):
- Cite in parentheses, author-year, with the source's bibliography `label`: "(Kumazaki et al. 2022)".
  Several sources are joined by semicolons: "(Andersson et al. 1995; Hu et al. 2011)".
- A part may carry words around the label: "(commentary, Kumazaki et al. 2022)" or
  "(Schache et al. 2015, seven runners)"; but one label per part, and every year in the part
  belongs to that label.
- The source's grade may follow the label: "(Weir et al. 2015 [A])"; it must be the grade that
  data/bibliography.yaml gives the source (A, B, C or T).
- Narrative form: "Delp et al. (1990)", i.e. the label with its year in parentheses.
- data/lessons.yaml's `sources` for a lesson is exactly what its prose cites, so an unknown or an
  unused citation fails here. The full list is generated: a code cell `lesson_references("NN")`
  (hipcontent.views.references), never a hand-written list.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from hipcontent.content.bibliography import bibliography
from hipcontent.content.lessons import lessons

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
YEAR = re.compile(r"(?<![\w.])(1[89]\d\d|20\d\d)[a-z]?(?![\w])")
GRADE = re.compile(r"\[([A-Za-z])\]")
# "Hu et al. 2011", "Sajko & Stuber 2009", "Andrews, Thomas & Bohannon 1996": an author-year outside
# parentheses is a citation the checker cannot read; write "(Hu et al. 2011)" or "Hu et al. (2011)".
BARE = re.compile(r"\b[A-Z][\w'’-]+(?:,? [A-Z][\w'’-]+)*(?: et al\.|,? (?:&|and) [A-Z][\w'’-]+)? (?:1[89]\d\d|20\d\d)\b")


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _labels() -> dict[str, str]:
    return {_fold(source.label): source_id for source_id, source in bibliography().items()}


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


def test_labels_are_unique_and_safe_to_cite():
    labels = [_fold(source.label) for source in bibliography().values()]
    assert len(set(labels)) == len(labels)
    unsafe = [label for label in labels if re.search(r"[()\[\];]", label)]
    assert not unsafe, f"labels cannot hold brackets or semicolons (citations use them): {unsafe}"


@pytest.mark.parametrize("lesson", lessons(), ids=lambda lesson: lesson.file)
def test_every_citation_in_the_prose_is_one_bibliography_entry(lesson):
    cited, problems = citations(_prose(lesson.file), _labels())
    assert not problems, f"{lesson.file}: citations that do not resolve: {problems}"
    listed = set(lesson.sources)
    assert cited == listed, (
        f"{lesson.file}: data/lessons.yaml `sources` must list exactly what the prose cites; "
        f"cited but not listed: {sorted(cited - listed)}; listed but not cited: {sorted(listed - cited)}"
    )


@pytest.mark.parametrize("lesson", [lesson for lesson in lessons() if lesson.sources], ids=lambda lesson: lesson.file)
def test_the_reference_list_is_generated_not_written_by_hand(lesson):
    cells = _cells(lesson.file)
    calls = [c for c in cells if c["cell_type"] == "code"
             and re.search(r"lesson_references\(\s*[\"']" + lesson.number + r"[\"']\s*\)", "".join(c["source"]))]
    assert len(calls) == 1, f"{lesson.file}: one code cell lesson_references({lesson.number!r}) lists the sources"
    for cell in cells:
        text = "".join(cell["source"])
        heading = re.search(r"^#+\s*References\s*$", text, re.M | re.I)
        if cell["cell_type"] == "markdown" and heading:
            listed = re.search(r"^\s*(?:[-*]|\d+\.)\s", text[heading.end():], re.M)
            assert not listed, f"{lesson.file}: a hand-written reference list; use lesson_references()"


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


def test_a_reference_list_holds_the_prose_and_the_data_sources_sorted_by_label():
    from hipcontent.content.anatomy import facts
    from hipcontent.content.evidence import load_evidence
    from hipcontent.content.quiz import references
    from hipcontent.views.references import lesson_references, reference_ids

    by_number = {lesson.number: lesson for lesson in lessons()}
    ids = reference_ids("01")
    assert set(by_number["01"].sources) | set(facts().cited_source_ids()) | {s.id for s in references("01")} == set(ids)
    assert set(load_evidence().cited()) <= set(reference_ids("03-weakness-and-testing"))
    labels = [bibliography()[i].label.casefold() for i in ids]
    assert labels == sorted(labels)
    block = lesson_references("03")
    for source_id in reference_ids("03"):
        source = bibliography()[source_id]
        assert f"- {source.label}: {source.citation.rstrip('.')}" in block.text
        assert f"Grade {source.grade}: {source.grade_text}." in block.text
    assert block.html.count("<li>") == len(reference_ids("03"))
    assert block.html.count('rel="noopener"') == sum(1 for i in reference_ids("03") if bibliography()[i].url)
    assert "&amp;" in lesson_references("01").html  # "Sajko & Stuber 2009" is escaped
    with pytest.raises(ValueError, match="no lesson '09'"):
        lesson_references("09")

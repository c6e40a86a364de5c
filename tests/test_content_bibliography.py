"""The one bibliography: every id a data file cites is in it, and every entry in it is cited."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from hipcontent.content import bibliography as bib
from hipcontent.content.bibliography import (
    BibliographyError,
    bibliography,
    load_bibliography,
)
from hipcontent.content.reader import read_yaml
from hipcontent.content.safety import load_safety

DATA = Path(str(resources.files("hipcontent").joinpath("data")))


def _cited_in_data_files() -> dict[str, set[str]]:
    """Every bibliography id cited anywhere in the data files: text values of `source`, `sources`
    and `bibliography` keys (an exercise's evidence names its works under `bibliography`), found
    by walking every YAML file under hipcontent/data."""
    cited: dict[str, set[str]] = {}
    for path in sorted(DATA.rglob("*.yaml")):
        if path.name == "bibliography.yaml":
            continue
        stack = [(read_yaml(path), None)]
        while stack:
            node, key = stack.pop()
            if isinstance(node, dict):
                stack.extend((value, name) for name, value in node.items())
            elif isinstance(node, list):
                stack.extend((value, key) for value in node)
            elif isinstance(node, str) and key in ("source", "sources", "bibliography"):
                cited.setdefault(node, set()).add(str(path.relative_to(DATA)))
    return cited


def test_no_data_file_cites_an_unknown_source():
    unknown = {source: files for source, files in _cited_in_data_files().items() if source not in bibliography()}
    assert not unknown, f"cited but not in bibliography.yaml: {unknown}"


def test_every_bibliography_entry_is_cited_somewhere():
    unused = sorted(set(bibliography()) - set(_cited_in_data_files()))
    assert not unused, f"in bibliography.yaml but cited by no data file: {unused}"


def test_the_loaders_see_the_same_citations_as_the_files():
    from hipcontent.content.anatomy import facts
    from hipcontent.content.evidence import load_evidence
    from hipcontent.content.exercises import load_library
    from hipcontent.content.lessons import lessons
    from hipcontent.content.quiz import QUIZ_IDS, references

    through_loaders = set(facts().cited_source_ids()) | set(load_evidence().cited())
    through_loaders |= {s for lesson in lessons() for s in lesson.sources}
    through_loaders |= {s.id for lesson in QUIZ_IDS for s in references(lesson)}
    through_loaders |= {i for ex in load_library() for s in ex.evidence.sources for i in s.bibliography}
    through_loaders |= set(load_safety().sources)
    assert through_loaders == set(_cited_in_data_files())


def test_there_is_one_bibliography_file():
    assert sorted(p.name for p in DATA.rglob("*.yaml") if "bibliograph" in p.name or p.name == "sources.yaml") == [
        "bibliography.yaml"]


def test_wikipedia_and_its_mirrors_are_graded_tertiary():
    for source in bibliography().values():
        words = f"{source.label} {source.citation} {source.url}".lower()
        if "wikipedia" in words or "wikidoc" in words:
            assert source.grade == "T", source.id
    assert bibliography()["wikipedia_psoas_minor"].kind == "encyclopaedia"
    assert {s.grade for s in bibliography().values()} == {"A", "B", "C", "T"}


def test_a_bad_entry_is_refused_naming_file_entry_and_field(tmp_path):
    path = tmp_path / "bibliography.yaml"
    path.write_text("gray1918:\n  label: Gray\n  citation: Gray H. Anatomy.\n  grade: Z\n"
                    "kumazaki:\n  label: K\n  grade: A\n", encoding="utf-8")
    with pytest.raises(BibliographyError) as caught:
        load_bibliography(path)
    problems = caught.value.problems
    assert [(p.entry, p.field) for p in problems] == [("gray1918", "grade"), ("kumazaki", "citation")]
    assert all(p.file == str(path) for p in problems)


def test_check_citations_names_close_matches():
    problems: list = []
    bib.check_citations(["gray1981", "gray1918"], problems, "f.yaml", "x", "sources")
    assert len(problems) == 1 and "gray1918" in problems[0].reason and problems[0].entry == "x"

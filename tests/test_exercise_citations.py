"""Exercises cite into the one bibliography (issue 12): every evidence source of a built-in
exercise names its works by id in hipcontent/data/bibliography.yaml, with the same grade."""

from pathlib import Path

import pytest
import yaml

from hipcontent.content.bibliography import bibliography
from hipcontent.content.exercises import ExerciseDataError, load_library

BUILTIN = Path(__file__).resolve().parents[1] / "hipcontent" / "data" / "exercises"


@pytest.fixture(scope="module")
def sources():
    """(exercise id, source index, Citation) for every evidence source of every built-in exercise."""
    found = [(ex.id, i, s) for ex in load_library() for i, s in enumerate(ex.evidence.sources)]
    assert len({eid for eid, _, _ in found}) >= 12
    return found


def test_every_evidence_source_names_its_works_in_the_bibliography(sources):
    missing = [f"{eid} sources[{i}]: {s.citation}" for eid, i, s in sources if not s.bibliography]
    assert not missing, "evidence sources without bibliography ids:\n" + "\n".join(missing)
    unknown = [(eid, i, sid) for eid, i, s in sources for sid in s.bibliography if sid not in bibliography()]
    assert not unknown, f"ids not in bibliography.yaml: {unknown}"


def test_each_source_grade_is_the_bibliography_grade(sources):
    wrong = [f"{eid} sources[{i}] grade {s.grade!r} but {sid} is {bibliography()[sid].grade!r}"
             for eid, i, s in sources for sid in s.bibliography if s.grade != bibliography()[sid].grade]
    assert not wrong, "\n".join(wrong)


def test_a_made_up_bibliography_id_is_refused(tmp_path):
    doc = yaml.safe_load((BUILTIN / "heel-slide.yaml").read_text(encoding="utf-8"))
    doc["evidence"]["sources"][0]["bibliography"] = ["juan_2024", "no_such_work_1999"]
    folder = tmp_path / "coach"
    folder.mkdir()
    (folder / "heel-slide.yaml").write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    with pytest.raises(ExerciseDataError) as info:
        load_library([str(folder)], override=True)
    found = [p for p in info.value.problems if p.field == "evidence.sources[0].bibliography"]
    assert found and "no_such_work_1999" in found[0].reason and "juan_2024" not in found[0].reason
    assert found[0].entry == "heel-slide"


def test_the_unchanged_copy_loads(tmp_path):
    """The made-up id, not the copying, is what the loader refuses."""
    folder = tmp_path / "coach"
    folder.mkdir()
    (folder / "heel-slide.yaml").write_text((BUILTIN / "heel-slide.yaml").read_text(encoding="utf-8"),
                                            encoding="utf-8")
    assert load_library([str(folder)], override=True)["heel-slide"].evidence.sources[0].bibliography == (
        "juan_2024",)

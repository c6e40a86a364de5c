"""Lesson 03 evidence data: validation errors, sources that resolve, escaped tables."""

import copy

import pytest

from hipcontent.content.bibliography import bibliography
from hipcontent.content.evidence import (
    VERDICTS,
    EvidenceDataError,
    load_evidence,
    parse_evidence,
)
from hipcontent.content.lessons import lessons
from hipcontent.content.reader import package_file, read_yaml
from hipcontent.views.evidence import (
    claims_table,
    exercise_cautions,
    lesson_references,
    myths_table,
    red_flags_table,
    verdict_summary,
)


def _raw():
    return copy.deepcopy(read_yaml(package_file("data/lesson03/evidence.yaml")))


def test_shipped_evidence_is_valid_and_every_entry_cites_a_known_source():
    loaded = load_evidence()
    assert len(loaded.claims) >= 8 and len(loaded.myths) >= 3 and len(loaded.red_flags) >= 6
    for entry in (*loaded.claims, *loaded.myths, *loaded.red_flags):
        assert entry.sources and all(s in bibliography() for s in entry.sources), entry.id


def test_the_three_named_myths_and_the_issue_red_flags_are_covered():
    loaded = load_evidence()
    assert {"tight-because-weak", "psoas-release", "psoas-stabilises-spine"} <= {m.id for m in loaded.myths}
    assert {"abscess", "scfe", "testicular-torsion", "after-surgery"} <= {r.id for r in loaded.red_flags}
    # issue 18 item 4: red flags are serious pathology; painful snapping is assessed, then loaded
    assert "snapping" not in {r.id for r in loaded.red_flags}
    stabiliser = next(m for m in loaded.myths if m.id == "psoas-stabilises-spine")
    assert "disagree" in stabiliser.debate and {"penning_2000", "bogduk_1992"} <= set(stabiliser.sources)


def test_every_verdict_is_used_and_shown_in_words():
    assert {c.verdict for c in load_evidence().claims} == set(VERDICTS)
    text = verdict_summary().text
    for icon, words in VERDICTS.values():
        assert f"{icon} {words}" in text


def test_unknown_source_is_named():
    raw = _raw()
    raw["claims"][0]["sources"].append("nobody_1999")
    with pytest.raises(EvidenceDataError, match=r"evidence\.yaml, entry 'most-powerful', field sources: source 'nobody_1999' is not in"):
        parse_evidence(raw)


def test_bad_verdict_missing_field_and_duplicate_id_are_named():
    raw = _raw()
    raw["claims"][1]["verdict"] = "probably"
    del raw["red_flags"][0]["action"]
    with pytest.raises(EvidenceDataError) as caught:
        parse_evidence(raw)
    message = str(caught.value)
    assert "entry 'steadies-lower-back', field verdict: 'probably' is not one of" in message
    first_flag = raw["red_flags"][0]["id"]
    assert f"entry '{first_flag}', field action: is required but missing" in message
    raw = _raw()
    raw["myths"][1]["id"] = raw["myths"][0]["id"]
    with pytest.raises(EvidenceDataError, match="used twice"):
        parse_evidence(raw)


def test_tables_escape_data_text():
    raw = _raw()
    raw["claims"][0]["claim"] = "<script>alert(1)</script>"
    raw["myths"][0]["debate"] = "<img src=x onerror=alert(1)>"
    raw["red_flags"][0]["action"] = "<b>now</b>"
    data = parse_evidence(raw)
    for block in (claims_table(data), myths_table(data), red_flags_table(data), verdict_summary(data)):
        assert "<script>" not in block.html and "<img" not in block.html and "<b>now" not in block.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in claims_table(data).html
    assert "<script>alert(1)</script>" in claims_table(data).text  # plain text stays readable


def test_tables_have_headers_and_plain_text_twins():
    block = claims_table()
    assert "<caption>" in block.html and '<th scope="col"' in block.html
    assert block.text.count("\n- ") == len(load_evidence().claims) - 1 + 1
    assert "Verdict: ✘ No support" in block.text
    assert "Where experts disagree" in myths_table().html
    assert "What to do" in red_flags_table().html


def test_exercise_cautions_come_from_the_exercise_library():
    from hipcontent.content.exercises import load_library

    block = exercise_cautions(["supine-toe-tap"])
    toe_tap = load_library()["supine-toe-tap"]
    from hipcontent.views.display import escape

    for caution in toe_tap.cautions:
        assert escape(caution.text) in block.html
    assert "See a clinician" in block.text


def test_references_list_every_cited_source_once():
    text = lesson_references().text
    for source_id in load_evidence().cited():
        assert text.count(f"- {bibliography()[source_id].label}: ") == 1


def test_references_include_the_sources_named_in_the_lesson_text():
    text = lesson_references().text
    lesson_03 = next(lesson for lesson in lessons() if lesson.number == "03")
    assert lesson_03.sources
    for source_id in lesson_03.sources:
        assert f"- {bibliography()[source_id].label}: " in text


def test_exercise_cautions_use_the_library_given(tmp_path):
    import yaml

    from hipcontent.content.exercises import load_library
    from hipcontent.content.reader import package_file, read_yaml

    document = read_yaml(package_file("data/exercises/supine-toe-tap.yaml"))
    document["cautions"] = [{"action": "stop", "text": "A coach's own caution for this room."}]
    (tmp_path / "supine-toe-tap.yaml").write_text(yaml.safe_dump(document, sort_keys=False))
    coach = load_library([tmp_path], override=True)
    assert "A coach's own caution" in exercise_cautions(["supine-toe-tap"], library=coach).text
    assert "A coach's own caution" not in exercise_cautions(["supine-toe-tap"]).text
    assert "A coach's own caution" in exercise_cautions([coach["supine-toe-tap"]]).text

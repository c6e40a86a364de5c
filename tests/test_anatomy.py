"""Anatomy facts: every fact sourced, broken files refused with clear errors, data escaped in HTML."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from hipcontent.content import anatomy
from hipcontent.content.anatomy import AnatomyDataError, load_facts
from hipcontent.content.bibliography import bibliography
from hipcontent.views import anatomy as views

DATA = Path(anatomy.__file__).parents[1] / "data" / "anatomy"


@pytest.fixture
def raw_files():
    facts = yaml.safe_load((DATA / "facts.yaml").read_text(encoding="utf-8"))
    return facts, dict(bibliography())


def _write(tmp_path, facts, sources):
    facts_path = tmp_path / "facts.yaml"
    facts_path.write_text(yaml.safe_dump(facts, allow_unicode=True), encoding="utf-8")
    return facts_path, sources


# ----------------------------------------------------------------- the package's own data


def test_every_fact_has_a_source_that_resolves_to_a_full_citation():
    data = anatomy.facts()
    entries = [fact for muscle in data.muscles.values() for fact in muscle.facts]
    entries += list(data.relations) + list(data.corrections)
    entries += [position for d in data.disagreements for position in d.positions]
    assert len(entries) > 40
    for entry in entries:
        assert entry.sources, entry
        for source_id in entry.sources:
            source = data.sources[source_id]
            assert len(source.citation) >= 10 and source.label


def test_the_facts_cite_the_course_bibliography():
    data = anatomy.facts()
    assert data.sources is bibliography()
    assert set(data.cited_source_ids()) <= set(bibliography())


@pytest.mark.parametrize("muscle", anatomy.MUSCLES)
def test_each_muscle_covers_the_required_topics(muscle):
    topics = {fact.topic for fact in anatomy.facts().muscles[muscle].facts}
    assert set(anatomy.REQUIRED_TOPICS) <= topics


def test_the_popular_summary_is_corrected():
    data = anatomy.facts()
    major, minor, iliacus = (data.muscles[key] for key in anatomy.MUSCLES)
    assert "lesser trochanter" in major.fact("insertion").text.lower()
    assert "lesser trochanter" in iliacus.fact("insertion").text.lower()
    assert not minor.crosses_hip and "does not cross the hip" in minor.fact("shape").text
    assert not iliacus.crosses_lumbar_spine and "does not cross the lumbar spine" in iliacus.fact("actions").text
    assert "L1 to L3" in major.fact("innervation").text and "femoral nerve does not" in major.fact("innervation").text
    assert "femoral nerve" in iliacus.fact("innervation").text.lower()


def test_the_required_relations_are_taught():
    text = " ".join(relation.text for relation in anatomy.facts().relations)
    for phrase in ("lumbar plexus", "groove between psoas and iliacus", "muscular lacuna",
                   "inguinal ligament", "iliopsoas (iliopectineal) bursa"):
        assert phrase in text.replace("gutter", "groove"), phrase


def test_disagreements_keep_both_sides_with_the_fact_sheet_numbers():
    by_id = {d.id: d for d in anatomy.facts().disagreements}
    absence = " ".join(p.claim for p in by_id["disagreement.psoas_minor_absence"].positions)
    assert "Absent in about 40%" in absence and "50.5%" in absence and "54.5%" in absence
    size = " ".join(p.claim for p in by_id["disagreement.which_is_larger"].positions)
    assert "113.7 g" in size and "97.7 g" in size and "274.8" in size and "176.8" in size
    assert {"disagreement.psoas_major_lowest_level", "disagreement.psoas_major_roots",
            "disagreement.iliacus_roots"} <= set(by_id)
    for disagreement in by_id.values():
        cited = {s for p in disagreement.positions for s in p.sources}
        assert len(cited) >= 2, f"{disagreement.id} needs a source on each side"


# ----------------------------------------------------------------- broken files


def test_missing_sources_are_refused_naming_file_and_fact(tmp_path, raw_files):
    facts, bibliography = raw_files
    del facts["muscles"]["iliacus"]["facts"][1]["sources"]
    with pytest.raises(AnatomyDataError, match=r"facts\.yaml, entry 'iliacus\.origin', field sources: is required but missing"):
        load_facts(*_write(tmp_path, facts, bibliography))


def test_empty_source_list_is_refused(tmp_path, raw_files):
    facts, bibliography = raw_files
    facts["muscles"]["psoas_minor"]["facts"][0]["sources"] = []
    with pytest.raises(AnatomyDataError, match=r"'psoas_minor\.shape'.*should be non-empty"):
        load_facts(*_write(tmp_path, facts, bibliography))


def test_unknown_source_id_is_refused_naming_the_fact_and_the_id(tmp_path, raw_files):
    facts, bibliography = raw_files
    facts["muscles"]["psoas_major"]["facts"][2]["sources"] = ["gray1981"]
    with pytest.raises(AnatomyDataError) as caught:
        load_facts(*_write(tmp_path, facts, bibliography))
    message = str(caught.value)
    problem = caught.value.problems[0]
    assert (problem.entry, problem.field) == ("psoas_major.insertion", "sources")
    assert "'gray1981' is not in hipcontent/data/bibliography.yaml" in message and "did you mean gray1918" in message


def test_unknown_source_in_a_disagreement_position_is_refused(tmp_path, raw_files):
    facts, bibliography = raw_files
    number = [d["id"] for d in facts["disagreements"]].index("disagreement.psoas_major_lowest_level")
    facts["disagreements"][number]["positions"][1]["sources"] = ["nobody_2099"]
    with pytest.raises(AnatomyDataError, match=r"entry 'disagreement\.psoas_major_lowest_level', field positions\[1\]\.sources"):
        load_facts(*_write(tmp_path, facts, bibliography))


def test_schema_violation_is_refused(tmp_path, raw_files):
    facts, bibliography = raw_files
    facts["muscles"]["iliacus"]["facts"][0]["topic"] = "colour"
    with pytest.raises(AnatomyDataError, match=r"facts\.yaml, entry 'iliacus\.shape', field topic: 'colour' is not one of: shape"):
        load_facts(*_write(tmp_path, facts, bibliography))


def test_missing_topic_is_refused(tmp_path, raw_files):
    facts, bibliography = raw_files
    facts["muscles"]["psoas_minor"]["facts"] = [
        fact for fact in facts["muscles"]["psoas_minor"]["facts"] if fact["topic"] != "blood_supply"
    ]
    with pytest.raises(AnatomyDataError, match=r"entry 'psoas_minor', field facts: no fact for blood_supply"):
        load_facts(*_write(tmp_path, facts, bibliography))


def test_duplicate_ids_are_refused(tmp_path, raw_files):
    facts, bibliography = raw_files
    facts["relations"][1]["id"] = facts["relations"][0]["id"]
    with pytest.raises(AnatomyDataError, match=r"'relation\.lumbar_plexus', field id: is used by more than one entry"):
        load_facts(*_write(tmp_path, facts, bibliography))


def test_invalid_yaml_is_refused_naming_the_file(tmp_path):
    broken = tmp_path / "facts.yaml"
    broken.write_text("muscles: [unclosed\n", encoding="utf-8")
    with pytest.raises(AnatomyDataError, match=r"facts\.yaml: is not valid YAML"):
        load_facts(broken)


def test_unknown_muscle_names_the_choices():
    with pytest.raises(ValueError, match="'psoas_major', 'psoas_minor', 'iliacus'"):
        views.fact_card("psoas")


# ----------------------------------------------------------------- rendering


def test_fact_containing_script_is_escaped_everywhere(tmp_path, raw_files):
    facts, bibliography = raw_files
    evil = "<script>alert('x')</script>"
    facts["muscles"]["iliacus"]["facts"][0]["text"] = f"Fan-shaped {evil}"
    facts["muscles"]["iliacus"]["facts"][1]["short"] = evil
    facts["muscles"]["iliacus"]["name"] = f"Iliacus {evil}"
    facts["relations"][0]["title"] = evil
    facts["disagreements"][0]["question"] = evil
    facts["corrections"][0]["popular"] = evil
    bibliography["gray1918"] = replace(bibliography["gray1918"], label=evil, url='https://x.org/"><script>')
    data = load_facts(*_write(tmp_path, facts, bibliography))
    blocks = [
        views.fact_card("iliacus", data),
        views.comparison_table(data),
        views.key_relations(data),
        views.where_sources_disagree(data=data),
        views.popular_claims_corrected(data),
        views.anatomy_references(data),
    ]
    for block in blocks:
        assert "<script" not in block.html
        assert "&lt;script&gt;" in block.html
        assert evil in block.text or 'https://x.org/"><script>' in block.text  # plain text stays readable


@pytest.mark.parametrize("muscle", anatomy.MUSCLES)
def test_fact_card_lists_every_topic_with_sources(muscle):
    card = views.fact_card(muscle)
    for title in ("Origin", "Insertion", "Nerve supply", "Blood supply", "Actions", "Key relations", "Variations"):
        assert f">{title}</th>" in card.html and f"\n{title}:\n" in card.text
    assert card.text.count("[") >= len(anatomy.REQUIRED_TOPICS)


def test_comparison_table_has_a_column_per_muscle_and_row_per_topic():
    table = views.comparison_table()
    assert [m for m in re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', table.html) if m] == [
        "Psoas major", "Psoas minor", "Iliacus"]
    assert table.html.count("<tr>") == 1 + 2 + len(anatomy.TOPICS) - 1
    assert "  Psoas minor: No" in table.text  # does not cross the hip


def test_disagreements_can_be_filtered_by_muscle():
    text = views.where_sources_disagree("psoas_minor").text
    assert "How often is the psoas minor missing?" in text and "psoas major attach" not in text
    assert "Which is bigger" in views.where_sources_disagree("iliacus").text


def test_rendering_is_deterministic():
    first = [views.comparison_table(), views.fact_card("psoas_major"), views.anatomy_references()]
    anatomy.facts.cache_clear()
    second = [views.comparison_table(), views.fact_card("psoas_major"), views.anatomy_references()]
    assert first == second


def test_references_flag_unchecked_and_low_authority_sources():
    text = " ".join(views.anatomy_references().text.split())
    assert "Ward et al. 2009" in text and "Not checked against the original" in text
    assert "Grade C" in text

"""The one safety record: read and checked like every data file, shown escaped, refused when wrong."""

from __future__ import annotations

import pytest
import yaml

import hipcontent
from hipcontent.content.reader import package_file
from hipcontent.content.safety import Safety, SafetyDataError, Screen, load_safety, read_safety


def _write(tmp_path, document):
    path = tmp_path / "safety.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


def _document():
    return yaml.safe_load(package_file("data/safety.yaml").read_text(encoding="utf-8"))


def test_the_record_loads_with_the_agreed_fields():
    safety = load_safety()
    assert isinstance(safety, Safety)
    assert safety.pain_rule.endswith("stop and tell the coach.")
    assert len(safety.pain_rule) <= 140
    assert all(isinstance(s, Screen) and s.url.startswith("https://") for s in safety.screens)
    assert {"PAR-Q+", "Pregnancy"} <= {w for s in safety.screens for w in ("PAR-Q+", "Pregnancy") if w in s.name}
    assert safety.stop_signs and safety.pregnancy_stop_signs and safety.refer and safety.postpartum_signs
    assert load_safety() is safety  # cached


def test_the_monitoring_model_is_only_for_the_assessed():
    detail = load_safety().pain_rule_detail
    assert "0-10" in detail and "assessed" in detail and "never for a class" in detail
    assert "0-10" not in load_safety().pain_rule and "5" not in load_safety().pain_rule


def test_refer_holds_serious_pathology_not_snapping():
    """Issue 18 item 4: painful snapping or catching is assessed then loaded, not a red flag."""
    refer = " ".join(load_safety().refer).lower()
    assert "snap" not in refer and "catch" not in refer and "lock" not in refer


def test_an_unknown_source_is_refused_with_the_file_named(tmp_path):
    document = _document()
    document["sources"].append("made_up_2099")
    with pytest.raises(SafetyDataError) as error:
        read_safety(_write(tmp_path, document))
    assert "made_up_2099" in str(error.value) and "safety.yaml" in str(error.value)


@pytest.mark.parametrize("change", [
    lambda d: d.pop("pain_rule"),
    lambda d: d.update(pain_rule="x" * 141),
    lambda d: d.update(stop_signs=[]),
    lambda d: d["screens"][0].update(url="javascript:alert(1)"),
    lambda d: d.update(extra="not in the schema"),
])
def test_schema_refuses_a_broken_record(tmp_path, change):
    document = _document()
    change(document)
    with pytest.raises(SafetyDataError):
        read_safety(_write(tmp_path, document))


@pytest.mark.parametrize("kind", ["class", "coach", "pregnancy", "refer", "screens"])
def test_every_box_is_escaped_and_has_a_text_twin(kind):
    evil = Safety(pain_rule="<script>x</script>", pain_rule_detail="a & b", stop_signs=("<b>",),
                  pregnancy_stop_signs=("<i>",), refer=("<u>",),
                  screens=(Screen("<s>", "https://example.org/?a=1&b=2", "<em>"),), sources=("acog_2020",),
                  postpartum_signs=("<p>",))
    box = hipcontent.safety_box(kind, safety=evil)
    assert "<script>" not in box.html and "<b>" not in box.html.replace("</b>", "")
    assert "<u>" not in box.html and "<em>" not in box.html and "<i>" not in box.html
    assert box.text.strip()


def test_class_box_carries_the_rule_verbatim_and_a_bad_kind_is_named():
    box = hipcontent.safety_box()
    assert load_safety().pain_rule in box.text
    with pytest.raises(ValueError, match="kind"):
        hipcontent.safety_box("everything")

"""One fact, one wording (issue 18): lesson prose, quizzes, exercise data, lesson 03's evidence, the
safety record and the class screen must not disagree where the same safety fact appears in several
places. Each check is a function over {place: text}; the negative cases plant a contradiction and
show that the check catches it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from hipcontent.content.safety import load_safety

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "hipcontent" / "data"


def _texts() -> dict[str, str]:
    """Every lesson's markdown and every data file that teaches safety, by place."""
    texts = {}
    for nb in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        texts[nb.name] = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    for path in [*sorted((DATA / "exercises").glob("*.yaml")), *sorted((DATA / "quizzes").glob("0*.yaml")),
                 DATA / "lesson03" / "evidence.yaml", DATA / "safety.yaml"]:
        texts[str(path.relative_to(ROOT))] = path.read_text(encoding="utf-8")
    return texts


def _sentences(text: str):
    """Sentences, never running across a YAML key or a list item (each value is its own text)."""
    out = []
    for chunk in re.split(r"\n\s*(?:- )?[a-z_]+:\s|\n\s*- ", text):
        flat = re.sub(r"\s+", " ", chunk)
        out += re.split(r"(?<=[.!?])\s+(?=[A-Z*\"'(])", flat)
    return out


def pain_scale_outside_assessment(texts):
    """A 0-10 pain allowance belongs only to someone assessed (the pain-monitoring model)."""
    scale = re.compile(r"\b(?:5|five)\s*(?:/|of|on a)\s*(?:0\s*[–-]\s*)?10\b|0\s*[–-]\s*10 scale", re.I)
    problems = []
    for place, text in texts.items():
        for sentence in _sentences(text):
            if scale.search(sentence) and not re.search(r"assess|clinician|tendinopathy|monitoring", sentence, re.I):
                problems.append(f"{place}: {sentence[:120]}")
    return problems


def lesser_trochanter_as_common_avulsion(texts):
    """Teenage avulsions: AIIS/ASIS are common, the lesser trochanter rare; a sentence that names
    the lesser trochanter as an avulsion site must say it is rare (or name the common sites)."""
    problems = []
    for place, text in texts.items():
        for sentence in _sentences(text):
            if re.search(r"lesser trochanter", sentence, re.I) and re.search(r"avuls|pull(?:ed|s)? (?:it |a piece )?off", sentence, re.I):
                if not re.search(r"\brare|rarely|unusual|AIIS|ASIS|1\.8", sentence):
                    problems.append(f"{place}: {sentence[:120]}")
    return problems


def flat_first_trimester(texts):
    """Sources disagree on when to stop lying flat in pregnancy: no flat 'after the first trimester'."""
    problems = []
    for place, text in texts.items():
        for sentence in _sentences(text):
            if re.search(r"after the first trimester", sentence, re.I) and not re.search(r"older|differ|disagree|newer", sentence, re.I):
                problems.append(f"{place}: {sentence[:120]}")
    return problems


def vigotsky_r_misread(texts):
    """Vigotsky's r = 0.98 relates pelvic tilt to the test's error, not to agreement with true extension."""
    problems = []
    for place, text in texts.items():
        for sentence in _sentences(text):
            if "0.98" in sentence and re.search(r"Thomas|tilt|Vigotsky", sentence) and not re.search(r"error|gap|variance", sentence):
                problems.append(f"{place}: {sentence[:120]}")
    return problems


def pubic_tenderness_as_adductor(texts):
    """Doha: tenderness at the pubic bone is pubic-related, not adductor-related groin pain."""
    problems = []
    for place, text in texts.items():
        for sentence in _sentences(text):
            if re.search(r"tenderness (?:at|of) the pubic bone", sentence, re.I) and re.search(r"adductor", sentence, re.I) \
                    and not re.search(r"pubic-related", sentence, re.I):
                problems.append(f"{place}: {sentence[:120]}")
    return problems


def stop_cautions_weaker_than_the_rule(texts):
    """Every exercise's stop caution says pain means stop and tell the coach, not only sharp pain."""
    problems = []
    for place, text in texts.items():
        if "/exercises/" in place:
            for line in re.findall(r"action: stop\n\s+text: (.+)", text):
                if line.strip('"').startswith("Sharp, pinching or spreading pain"):
                    problems.append(f"{place}: {line[:120]}")
    return problems


CHECKS = [pain_scale_outside_assessment, lesser_trochanter_as_common_avulsion, flat_first_trimester,
          vigotsky_r_misread, pubic_tenderness_as_adductor, stop_cautions_weaker_than_the_rule]



@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_the_course_agrees_with_itself(check):
    texts = _texts()
    assert not check(texts), f"{check.__name__}: " + "; ".join(check(texts))


PLANTED = [
    (pain_scale_outside_assessment, "Some discomfort is allowed, no more than about 5 on a 0–10 scale, in class."),
    (lesser_trochanter_as_common_avulsion, "In teenagers the iliopsoas often pulls off the lesser trochanter (an avulsion)."),
    (flat_first_trimester, "Pregnancy after the first trimester: avoid lying on your back."),
    (vigotsky_r_misread, "With tilt controlled, the Thomas test agreed closely with true hip extension (r = 0.98)."),
    (pubic_tenderness_as_adductor, "Pain on resisted adduction with tenderness at the pubic bone points to the adductors."),
    (stop_cautions_weaker_than_the_rule, "  - action: stop\n    text: Sharp, pinching or spreading pain in the hip.\n"),
]


@pytest.mark.parametrize("check,planted", PLANTED, ids=lambda x: getattr(x, "__name__", "text"))
def test_each_check_catches_a_planted_contradiction(check, planted):
    place = "hipcontent/data/exercises/planted.yaml"
    assert check({place: planted}), f"{check.__name__} missed: {planted}"
    # the corrected wording passes
    assert not check({place: "Effort is fine; pain is not."})


def test_the_pain_rule_is_the_same_words_on_the_class_screen_and_in_the_lessons():
    from hipcontent.timing.payload import timer_payload
    from hipcontent.content.exercises import load_library

    rule = load_safety().pain_rule
    program = load_library()["psoas-march"].timer_program()
    assert timer_payload(program)["pain_rule"] == rule
    for lesson in ("03-weakness-and-testing.ipynb", "06-coach-session.ipynb"):
        cells = json.loads((ROOT / "notebooks" / lesson).read_text(encoding="utf-8"))["cells"]
        shown = [o for c in cells if c["cell_type"] == "code" and "safety_box(" in "".join(c["source"])
                 for o in c.get("outputs", []) if rule in "".join(o.get("data", {}).get("text/plain", ""))]
        assert shown, f"{lesson} does not show the pain rule from the safety record"


def test_red_flags_are_serious_pathology_only():
    from hipcontent.content.evidence import load_evidence

    assert not re.search(r"snap|catch|lock", " ".join(load_safety().refer), re.I)
    assert "snapping" not in {r.id for r in load_evidence().red_flags}

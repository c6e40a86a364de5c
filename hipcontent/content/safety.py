"""The course's one safety record (data/safety.yaml): the pain rule a whole class can follow, the
stop signs, pregnancy and postpartum signs, the red flags that mean stop and refer, and the real
screening forms.

    load_safety().pain_rule    # the same words on the lesson, cards, handout, timer and player

Everything that tells a participant when to stop reads it here, so no two places can disagree
(tests/test_safety_consistency.py checks the lessons, quizzes, exercise data and cards against it).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from hipcontent.content.bibliography import check_citations
from hipcontent.content.errors import ContentError
from hipcontent.content.reader import read_data
from hipcontent.content.schema import checked

FILE = "hipcontent/data/safety.yaml"


class SafetyDataError(ContentError):
    """data/safety.yaml (or a coach's copy) is malformed."""

    what = "the safety record"


@dataclass(frozen=True)
class Screen:
    """A real screening form to use as it is (never a paraphrase of it)."""

    name: str
    url: str
    note: str  # who fills it in and what a yes means


@dataclass(frozen=True)
class Safety:
    pain_rule: str  # one short sentence for a whole class, the same words everywhere
    pain_rule_detail: str  # why, and where the 0-10 pain-monitoring model belongs (after assessment)
    stop_signs: tuple[str, ...]  # stop now and tell the coach
    pregnancy_stop_signs: tuple[str, ...]  # stop and contact the midwife or doctor (ACOG)
    refer: tuple[str, ...]  # red flags: serious pathology, stop and refer
    screens: tuple[Screen, ...]
    sources: tuple[str, ...]  # bibliography ids
    postpartum_signs: tuple[str, ...] = ()  # after birth: stop that exercise, suggest pelvic-health care


def parse_safety(document: object, display: str = FILE) -> Safety:
    """Check a parsed safety record and build it, or raise SafetyDataError (every problem)."""
    problems = checked(document, "safety.schema.json", display, SafetyDataError)
    check_citations(document["sources"], problems, display, "safety", "sources")
    problems.raise_if_any(SafetyDataError)
    return Safety(
        pain_rule=document["pain_rule"].strip(),
        pain_rule_detail=document["pain_rule_detail"].strip(),
        stop_signs=tuple(document["stop_signs"]),
        pregnancy_stop_signs=tuple(document["pregnancy_stop_signs"]),
        refer=tuple(document["refer"]),
        screens=tuple(Screen(s["name"], s["url"], s["note"].strip()) for s in document["screens"]),
        sources=tuple(document["sources"]),
        postpartum_signs=tuple(s.strip() for s in document.get("postpartum_signs", ())),
    )


def read_safety(path=None) -> Safety:
    """Read and check a safety record (the package's own unless a path is given)."""
    document, display = read_data(path, "data/safety.yaml", SafetyDataError)
    return parse_safety(document, display)


@cache
def load_safety() -> Safety:
    """The course's safety record (read and checked once)."""
    return read_safety()

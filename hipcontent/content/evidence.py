"""Lesson 03's evidence as data: the popular post's claims with verdicts, myths, red flags.

Data: `data/lesson03/evidence.yaml` (shape: `data/lesson03/schema.json`), citing the course
bibliography (`hipcontent.content.bibliography`) by id. The tables that show it live in
hipcontent.views.evidence.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from hipcontent.content.bibliography import check_citations
from hipcontent.content.errors import EvidenceDataError
from hipcontent.content.reader import read_data
from hipcontent.content.schema import checked

VERDICTS = {
    "supported": ("✔", "Supported"),
    "supported_with_caveats": ("◑", "Supported, with caveats"),
    "overstated": ("◐", "Overstated"),
    "plausible": ("?", "Plausible, not measured"),
    "unsupported": ("✘", "No support"),
}
SEED_EXERCISES = ("psoas-march", "supine-toe-tap", "deep-lunge-side-bend-stretch")


@dataclass(frozen=True)
class Claim:
    id: str
    claim: str
    verdict: str
    evidence: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Myth:
    id: str
    myth: str
    verdict: str
    evidence: str
    sources: tuple[str, ...]
    debate: str = ""


@dataclass(frozen=True)
class RedFlag:
    id: str
    presentation: str
    cause: str
    action: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Evidence:
    claims: tuple[Claim, ...]
    myths: tuple[Myth, ...]
    red_flags: tuple[RedFlag, ...]

    def cited(self) -> list[str]:
        seen: dict[str, None] = {}
        for entry in (*self.claims, *self.myths, *self.red_flags):
            seen.update(dict.fromkeys(entry.sources))
        return list(seen)




FILE = "hipcontent/data/lesson03/evidence.yaml"
SECTIONS = ("claims", "myths", "red_flags")


def parse_evidence(data: object, filename: str = FILE, sources: Mapping | None = None) -> Evidence:
    """Validate parsed YAML and build Evidence, or raise EvidenceDataError listing every problem."""
    problems = checked(data, "lesson03/schema.json", filename, EvidenceDataError)
    for section in SECTIONS:
        ids = [entry["id"] for entry in data[section]]
        for duplicate in sorted({i for i in ids if ids.count(i) > 1}):
            problems.add(duplicate, "id", f"is used twice in {section}; ids must be unique")
        for entry in data[section]:
            check_citations(entry["sources"], problems, filename, entry["id"], "sources", sources)
    problems.raise_if_any(EvidenceDataError)

    def clean(entry):
        return {key: (tuple(value) if key == "sources" else " ".join(str(value).split()))
                for key, value in entry.items()}

    return Evidence(
        tuple(Claim(**clean(e)) for e in data["claims"]),
        tuple(Myth(**clean(e)) for e in data["myths"]),
        tuple(RedFlag(**clean(e)) for e in data["red_flags"]),
    )


@cache
def load_evidence() -> Evidence:
    """Lesson 03's evidence, read and checked once."""
    return load_evidence_file()


def load_evidence_file(path=None, sources: Mapping | None = None) -> Evidence:
    """Read and check an evidence file (the package's own unless a path is given)."""
    document, display = read_data(path, "data/lesson03/evidence.yaml", EvidenceDataError)
    return parse_evidence(document, display, sources)

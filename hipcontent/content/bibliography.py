"""The course's one bibliography (data/bibliography.yaml): every source any data file cites.

    bibliography()["kumazaki_2022"].label    # "Kumazaki et al. 2022"
    check_citations(ids, problems, ...)       # how every loader checks the ids it cites

Facts, quizzes, lesson 03's evidence and the lessons' prose cite sources by id; each loader
checks its ids here, so an unknown id is refused with the file, entry and field named.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from hipcontent.content.errors import BibliographyError, Problem, Problems
from hipcontent.content.reader import read_data
from hipcontent.content.schema import checked

FILE = "hipcontent/data/bibliography.yaml"

# What each grade means (the entry shape and grades are documented in bibliography.yaml).
GRADES = {
    "A": "peer-reviewed study or review",
    "B": "authoritative reference text",
    "C": "low-authority web page, used only where nothing better was found",
    "T": "tertiary source (an encyclopaedia or a mirror of one)",
}
KINDS = {"A": "study", "B": "reference", "C": "web page", "T": "encyclopaedia"}


@dataclass(frozen=True)
class Source:
    id: str
    label: str  # short name shown beside a claim, e.g. "Gray 1918"
    citation: str  # the full citation
    grade: str  # A, B, C or T (see GRADES)
    url: str = ""
    note: str = ""  # what is unverified
    checked: bool = True  # False: a value came from a transcription, not the original

    @property
    def kind(self) -> str:
        """The kind of source, in a word: study, reference, web page or encyclopaedia."""
        return KINDS[self.grade]

    @property
    def grade_text(self) -> str:
        return GRADES[self.grade]

    @property
    def low_authority(self) -> bool:
        return self.grade in ("C", "T")

    @property
    def text(self) -> str:
        """The full reference in one line."""
        return f"{self.citation} [{self.grade}]" + (f" Note: {self.note}" if self.note else "")


def parse_bibliography(document: object, display: str = FILE) -> dict[str, Source]:
    """Check a parsed bibliography against its schema and build the sources, or raise
    BibliographyError listing every problem."""
    checked(document, "bibliography.schema.json", display, BibliographyError, keyed=True)
    return {key: Source(id=key, **entry) for key, entry in document.items()}


def load_bibliography(path=None) -> dict[str, Source]:
    """Read and check a bibliography file (the package's own unless a path is given)."""
    document, display = read_data(path, "data/bibliography.yaml", BibliographyError)
    return parse_bibliography(document, display)


@cache
def bibliography() -> Mapping[str, Source]:
    """Every source the course cites, by id (read and checked once)."""
    return MappingProxyType(load_bibliography())


def check_citations(ids: Iterable[str], problems: Problems | list, file: str, entry: str, field: str,
                    sources: Mapping[str, Source] | None = None) -> None:
    """Add a Problem for every id in `ids` that is not in the bibliography (with close matches)."""
    sources = bibliography() if sources is None else sources
    for source_id in ids:
        if source_id in sources:
            continue
        close = difflib.get_close_matches(str(source_id), list(sources), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        reason = f"source {source_id!r} is not in {FILE}; add it there with its full citation or fix the id{hint}"
        if isinstance(problems, Problems):
            problems.add(entry, field, reason, file=file)
        else:
            problems.append(Problem(file, entry, field, reason))

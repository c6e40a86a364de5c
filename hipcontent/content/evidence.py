"""Lesson 03's evidence as data: the popular post's claims with verdicts, myths, red flags.

Data: `data/lesson03/evidence.yaml` (shape: `data/lesson03/schema.json`), citing the same
course bibliography (`hipcontent.content.bibliography`). Every table comes as an
`HTMLBlock` whose HTML is built only from escaped data, with a plain-text twin.

    claims_table()        # claim -> verdict -> what the evidence says -> sources
    myths_table()
    red_flags_table()
    exercise_cautions()   # the exercise library's cautions for the post's three exercises
"""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from hipcontent.content.bibliography import FILE as BIBLIOGRAPHY_FILE
from hipcontent.content.bibliography import bibliography
from hipcontent.content.errors import ContentError, EvidenceDataError
from hipcontent.content.reader import package_file, read_yaml
from hipcontent.views.display import HTMLBlock, escape

VERDICTS = {
    "supported": ("✔", "Supported"),
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




def parse_evidence(data: object, filename: str = "evidence.yaml", sources: Mapping | None = None) -> Evidence:
    """Validate parsed YAML and build Evidence, or raise EvidenceDataError listing every problem."""
    from hipcontent.content.schema import validator

    sources = bibliography() if sources is None else sources
    problems = []
    for error in sorted(validator("lesson03/schema.json").iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        path = list(error.absolute_path)
        where = "top level"
        if len(path) >= 2 and isinstance(data, dict):
            try:
                where = f"{path[0]} entry {data[path[0]][path[1]].get('id', '#' + str(path[1] + 1))!r}"
            except (AttributeError, IndexError, KeyError, TypeError):
                where = f"{path[0]} entry #{path[1] + 1}"
            path = path[2:]
        field = ".".join(str(p) for p in path) or "(whole entry)"
        problems.append(f"{filename}: {where}: field {field!r}: {error.message}")
    if problems:
        raise EvidenceDataError("\n".join(problems))
    for section in ("claims", "myths", "red_flags"):
        ids = [entry["id"] for entry in data[section]]
        for duplicate in sorted({i for i in ids if ids.count(i) > 1}):
            problems.append(f"{filename}: {section} entry {duplicate!r}: field 'id': used twice; ids must be unique")
        for entry in data[section]:
            for source in entry["sources"]:
                if source not in sources:
                    problems.append(f"{filename}: {section} entry {entry['id']!r}: field 'sources': {source!r} is "
                                    f"not in the bibliography; add it to {BIBLIOGRAPHY_FILE} or fix the id")
    if problems:
        raise EvidenceDataError("\n".join(problems))

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
    try:
        document = read_yaml(package_file("data/lesson03/evidence.yaml"), "evidence.yaml")
    except ContentError as error:
        raise EvidenceDataError(error.problems) from None
    return parse_evidence(document)


# ------------------------------------------------------------------------------- rendering


def _labels(source_ids: Iterable[str]) -> list[str]:
    return [f"{bibliography()[s].label} [{bibliography()[s].grade}]" for s in source_ids]


def _sources_html(source_ids: Iterable[str]) -> str:
    parts = []
    for source_id in source_ids:
        source = bibliography()[source_id]
        label = f"{escape(source.label)} [{escape(source.grade)}]"
        if source.url:
            label = f'<a href="{escape(source.url)}" target="_blank" rel="noopener">{label}</a>'
        parts.append(label)
    return "; ".join(parts)


def _verdict_html(verdict: str) -> str:
    icon, words = VERDICTS[verdict]
    return f'<strong><span aria-hidden="true">{icon}</span> {escape(words)}</strong>'


def _verdict_text(verdict: str) -> str:
    icon, words = VERDICTS[verdict]
    return f"{icon} {words}"


def _wrap(label: str, text: str) -> str:
    return textwrap.fill(f"{label}: {text}", width=96, initial_indent="  ", subsequent_indent="    ")


def _table(caption: str, headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f'<th scope="col" style="text-align:left">{escape(h)}</th>' for h in headers)
    body = "".join(
        "<tr>" + "".join(f'<td style="text-align:left;vertical-align:top">{cell}</td>' for cell in row) + "</tr>"
        for row in rows
    )
    return (f"<table><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table>")


def claims_table(evidence: Evidence | None = None) -> HTMLBlock:
    """The popular post's claims, each with a verdict in words and icon, the evidence and sources."""
    evidence = evidence or load_evidence()
    rows, lines = [], ["The popular post's claims, checked against the evidence"]
    for c in evidence.claims:
        rows.append([escape(c.claim), _verdict_html(c.verdict), escape(c.evidence), _sources_html(c.sources)])
        lines += [f"- {c.claim}", _wrap("Verdict", _verdict_text(c.verdict)), _wrap("Evidence", c.evidence),
                  _wrap("Sources", "; ".join(_labels(c.sources)))]
    html = _table("The popular post's claims, checked against the evidence",
                  ["Claim", "Verdict", "What the evidence says", "Sources"], rows)
    return HTMLBlock(html, "\n".join(lines))


def verdict_summary(evidence: Evidence | None = None) -> HTMLBlock:
    """How many claims got each verdict, and which."""
    evidence = evidence or load_evidence()
    counts = Counter(c.verdict for c in evidence.claims)
    items, lines = [], []
    for verdict in VERDICTS:
        names = [c.claim.rstrip(".") for c in evidence.claims if c.verdict == verdict]
        if not names:
            continue
        items.append(f"<li>{_verdict_html(verdict)} ({counts[verdict]}): "
                     + "; ".join(escape(n) for n in names) + "</li>")
        lines.append(f"{_verdict_text(verdict)} ({counts[verdict]}): " + "; ".join(names))
    return HTMLBlock(f"<ul>{''.join(items)}</ul>", "\n".join(lines))


def myths_table(evidence: Evidence | None = None) -> HTMLBlock:
    """Each myth: verdict, what the evidence says, where experts disagree, sources."""
    evidence = evidence or load_evidence()
    rows, lines = [], ["Myths about the iliopsoas"]
    for m in evidence.myths:
        debate = m.debate or "No real disagreement in the sources."
        rows.append([escape(m.myth), _verdict_html(m.verdict), escape(m.evidence), escape(debate),
                     _sources_html(m.sources)])
        lines += [f"- {m.myth}", _wrap("Verdict", _verdict_text(m.verdict)), _wrap("Evidence", m.evidence),
                  _wrap("Debate", debate), _wrap("Sources", "; ".join(_labels(m.sources)))]
    html = _table("Myths about the iliopsoas",
                  ["Myth", "Verdict", "What the evidence says", "Where experts disagree", "Sources"], rows)
    return HTMLBlock(html, "\n".join(lines))


def red_flags_table(evidence: Evidence | None = None) -> HTMLBlock:
    """Warning signs: stop exercising and send the person to a clinician."""
    evidence = evidence or load_evidence()
    rows, lines = [], ["Red flags: stop and refer"]
    for r in evidence.red_flags:
        rows.append([escape(r.presentation), escape(r.cause), f"<strong>{escape(r.action)}</strong>",
                     _sources_html(r.sources)])
        lines += [f"- {r.presentation}", _wrap("Possible cause", r.cause), _wrap("What to do", r.action),
                  _wrap("Sources", "; ".join(_labels(r.sources)))]
    html = _table("Red flags: stop and refer",
                  ["Warning sign", "Possible cause", "What to do", "Sources"], rows)
    return HTMLBlock(html, "\n".join(lines))


def exercise_cautions(exercise_ids: Iterable[str] = SEED_EXERCISES) -> HTMLBlock:
    """The exercise library's cautions (stop / modify / see a clinician) for the given exercises."""
    from hipcontent.content.exercises import load_library

    library = load_library()
    rows, lines = [], ["Cautions in the exercise library"]
    for exercise_id in exercise_ids:
        exercise = library[exercise_id]
        lines.append(f"- {exercise.name}")
        for caution in exercise.cautions:
            rows.append([escape(exercise.name), f"<strong>{escape(caution.action_label)}</strong>",
                         escape(caution.text)])
            lines.append(_wrap(caution.action_label, caution.text))
    html = _table("Cautions in the exercise library", ["Exercise", "Action", "When"], rows)
    return HTMLBlock(html, "\n".join(lines))


def lesson_references(lesson: str = "03-weakness-and-testing",
                      text_sources: Iterable[str] | None = None) -> HTMLBlock:
    """Full references for everything lesson 03's text (its `sources` in lessons.yaml), tables
    and quiz cite, sorted by label."""
    from hipcontent.content.lessons import lessons
    from hipcontent.content.quiz import references

    if text_sources is None:
        text_sources = next(entry.sources for entry in lessons() if entry.file.startswith(lesson))
    ids = dict.fromkeys(text_sources)
    ids.update(dict.fromkeys(load_evidence().cited()))
    ids.update(dict.fromkeys(s.id for s in references(lesson)))
    entries = sorted((bibliography()[i] for i in ids), key=lambda s: s.label.lower())
    items, lines = [], []
    for s in entries:
        link = f' <a href="{escape(s.url)}" target="_blank" rel="noopener">{escape(s.url)}</a>' if s.url else ""
        items.append(f"<li><strong>{escape(s.label)}</strong>: {escape(s.text)}{link}</li>")
        lines.append(f"- {s.label}: {s.text}" + (f" {s.url}" if s.url else ""))
    return HTMLBlock(f"<ul>{''.join(items)}</ul>", "\n".join(lines))

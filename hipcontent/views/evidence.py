"""Lesson 03's evidence as notebook output: claims, myths and red flags as tables with verdicts in
words and icons, each an HTMLBlock (HTML built only from escaped data, with a plain-text twin).

    claims_table()        # claim -> verdict -> what the evidence says -> sources
    myths_table()
    red_flags_table()
    exercise_cautions()   # the exercise library's cautions for the post's three exercises
    lesson_references()   # every source lesson 03 cites, in full
"""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Iterable

from hipcontent.content.bibliography import bibliography
from hipcontent.content.evidence import (
    SEED_EXERCISES,
    VERDICTS,
    Evidence,
    load_evidence,
)
from hipcontent.content.exercises import ExerciseLibrary, load_library
from hipcontent.content.lessons import lessons
from hipcontent.content.quiz import references
from hipcontent.views.display import HTMLBlock, escape, link, table_html

# ------------------------------------------------------------------------------- rendering


def _labels(source_ids: Iterable[str]) -> list[str]:
    return [f"{bibliography()[s].label} [{bibliography()[s].grade}]" for s in source_ids]


def _sources_html(source_ids: Iterable[str]) -> str:
    parts = []
    for source_id in source_ids:
        source = bibliography()[source_id]
        label = f'<span class="hip-sources">{escape(source.label)} [{escape(source.grade)}]</span>'
        if source.url:
            label = link(source.url, label, markup=True)
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
    """Cells are HTML built from escaped data; every column is text (left-aligned)."""
    return table_html(caption, headers, rows, markup=True, numeric=())


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
    return HTMLBlock(f"<ul class=\"hip-list\">{''.join(items)}</ul>", "\n".join(lines))


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


def exercise_cautions(exercises: Iterable = SEED_EXERCISES, *, library: ExerciseLibrary | None = None) -> HTMLBlock:
    """The cautions (stop / modify / see a clinician) of the given exercises: Exercise objects, or
    ids looked up in `library` (None: the built-in library)."""
    library = load_library() if library is None else library
    rows, lines = [], ["Cautions in the exercise library"]
    for item in exercises:
        exercise = library.resolve(item)
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
    if text_sources is None:
        text_sources = next(entry.sources for entry in lessons() if entry.file.startswith(lesson))
    ids = dict.fromkeys(text_sources)
    ids.update(dict.fromkeys(load_evidence().cited()))
    ids.update(dict.fromkeys(s.id for s in references(lesson)))
    entries = sorted((bibliography()[i] for i in ids), key=lambda s: s.label.lower())
    items, lines = [], []
    for s in entries:
        url = f" {link(s.url)}" if s.url else ""
        items.append(f"<li><strong>{escape(s.label)}</strong>: {escape(s.text)}{url}</li>")
        lines.append(f"- {s.label}: {s.text}" + (f" {s.url}" if s.url else ""))
    return HTMLBlock(f"<ul class=\"hip-list\">{''.join(items)}</ul>", "\n".join(lines))

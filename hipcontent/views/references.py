"""A lesson's reference list, generated from the course bibliography (never written by hand).

    lesson_references("03")   # every source lesson 03's prose and data cite, numbered

The prose cites what data/lessons.yaml lists as the lesson's `sources`, with quiet markers
`<sup>[3](#References "Gray 1918")</sup>` whose number is the source's place in that list
(tests/test_citations.py checks it; tools/cite.py fills the numbers in). So the list is numbered in
the same order: the lesson's `sources` first, 1, 2, 3 ..., then the sources only the lesson's data
cite, by label: the anatomy facts (lesson 01), the quiz (lessons 01-04), the evidence tables
(lesson 03) and the exercise library's bibliography ids (lesson 04). Each item shows its grade.
"""

from __future__ import annotations

from hipcontent.content.anatomy import facts
from hipcontent.content.bibliography import GRADES, Source, bibliography
from hipcontent.content.evidence import load_evidence
from hipcontent.content.exercises import load_library
from hipcontent.content.lessons import Lesson, lessons
from hipcontent.content.quiz import QUIZ_IDS, references
from hipcontent.views.display import HTMLBlock, escape


def _lesson(lesson: str) -> Lesson:
    key = str(lesson).removesuffix(".ipynb")
    for entry in lessons():
        if key in (entry.number, entry.file.removesuffix(".ipynb")):
            return entry
    known = ", ".join(entry.number for entry in lessons())
    raise ValueError(f"no lesson {lesson!r}; the lessons are {known}")


def _data_sources(number: str) -> list[str]:
    """The bibliography ids a lesson's data files cite (facts, quiz, evidence, exercises)."""
    ids: list[str] = []
    if number == "01":
        ids += facts().cited_source_ids()
    if any(quiz_id[:2] == number for quiz_id in QUIZ_IDS):
        ids += [source.id for source in references(number)]
    if number == "03":
        ids += load_evidence().cited()
    if number == "04":
        ids += [bib for exercise in load_library() for citation in exercise.evidence.sources
                for bib in citation.bibliography]
    return ids


def reference_ids(lesson: str) -> list[str]:
    """Every bibliography id a lesson cites, in the order its list numbers them: the lesson's
    `sources` as data/lessons.yaml lists them (the markers' numbers), then the ids only its data
    cite, sorted by label."""
    entry = _lesson(lesson)
    data_only = set(_data_sources(entry.number)) - set(entry.sources)
    return [*dict.fromkeys(entry.sources), *sorted(data_only, key=lambda i: (bibliography()[i].label.casefold(), i))]


def _grade_words(source: Source) -> str:
    return f"Grade {source.grade}: {source.grade_text}."


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def lesson_references(lesson: str) -> HTMLBlock:
    """The lesson's full reference list, numbered as the prose's markers number it: label, citation,
    grade (letter and words) and link."""
    items, lines = [], []
    for number, source_id in enumerate(reference_ids(lesson), start=1):
        s = bibliography()[source_id]
        citation, grade = _sentence(s.citation), _grade_words(s)
        note = f" Note: {_sentence(s.note)}" if s.note else ""
        link = (f' <a href="{escape(s.url)}" target="_blank" rel="noopener">{escape(s.url)}</a>'
                if s.url else "")
        items.append(f'<li value="{number}"><strong>{escape(s.label)}</strong>: {escape(citation)} '
                     f"<em>{escape(grade)}</em>{escape(note)}{link}</li>")
        lines.append(f"{number}. {s.label}: {citation} {grade}{note}" + (f" {s.url}" if s.url else ""))
    title = f"References for lesson {_lesson(lesson).number}"
    html = f'<ol class="hip-references" aria-label="{escape(title)}">{"".join(items)}</ol>'
    return HTMLBlock(html, "\n".join([title, *lines]))

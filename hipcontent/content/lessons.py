"""The lesson catalogue: one list, read from data/lessons.yaml, used by the course map,
the README check and the notebooks' navigation links."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from hipcontent.content.bibliography import check_citations
from hipcontent.content.errors import ContentError, LessonDataError, Problem
from hipcontent.content.reader import package_file, read_yaml
from hipcontent.content.schema import schema_problems
from hipcontent.views.display import HTMLBlock, escape

FILE = "hipcontent/data/lessons.yaml"


@dataclass(frozen=True)
class Lesson:
    file: str
    title: str
    summary: str
    minutes: int
    sources: tuple[str, ...] = ()  # bibliography ids the lesson's text cites beyond its data files

    @property
    def number(self) -> str:
        return self.file[:2]


@cache
def lessons() -> tuple[Lesson, ...]:
    """Every lesson, in the order the course is meant to be taken."""
    return parse_lessons(_read())


def _read() -> object:
    try:
        return read_yaml(package_file("data/lessons.yaml"), FILE)
    except ContentError as error:
        raise LessonDataError(error.problems) from None


def parse_lessons(document: object, display: str = FILE) -> tuple[Lesson, ...]:
    """Check the parsed catalogue and build the lessons, or raise LessonDataError (every problem)."""
    problems = schema_problems(document, "lessons.schema.json", display)
    if not problems:
        files = [entry["file"] for entry in document]
        for number, entry in enumerate(document, start=1):
            if files.count(entry["file"]) > 1:
                problems.append(Problem(display, entry["file"], "file", "is listed twice"))
            check_citations(entry.get("sources", ()), problems, display, entry["file"], "sources")
    if problems:
        raise LessonDataError(problems)
    return tuple(Lesson(**{**entry, "sources": tuple(entry.get("sources", ()))}) for entry in document)


def lesson_table() -> HTMLBlock:
    """The course map as a table: number, lesson (linked), what it covers, time."""
    rows = []
    lines = []
    for lesson in lessons():
        rows.append(
            f"<tr><td>{escape(lesson.number)}</td>"
            f'<td><a href="{escape(lesson.file)}">{escape(lesson.title)}</a></td>'
            f"<td>{escape(lesson.summary)}</td><td>{lesson.minutes} min</td></tr>"
        )
        lines.append(f"{lesson.number}  {lesson.title} ({lesson.minutes} min): {lesson.summary}")
    html_table = (
        "<table><caption>The lessons in order</caption>"
        "<thead><tr><th>#</th><th>Lesson</th><th>What it covers</th><th>Time</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return HTMLBlock(html_table, "\n".join(lines))

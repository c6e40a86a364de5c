"""The lesson catalogue: one list, read from data/lessons.yaml, used by the course map,
the README check and the notebooks' navigation links."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from hipcontent.views.display import HTMLBlock, escape


@dataclass(frozen=True)
class Lesson:
    file: str
    title: str
    summary: str
    minutes: int

    @property
    def number(self) -> str:
        return self.file[:2]


@cache
def lessons() -> tuple[Lesson, ...]:
    """Every lesson, in the order the course is meant to be taken."""
    text = resources.files("hipcontent").joinpath("data/lessons.yaml").read_text("utf-8")
    return tuple(Lesson(**entry) for entry in yaml.safe_load(text))


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

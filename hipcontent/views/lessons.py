"""The course map as notebook output: the lessons in order, as an escaped HTML table with a
plain-text twin. The catalogue itself is hipcontent.content.lessons."""

from __future__ import annotations

from hipcontent.content.lessons import lessons
from hipcontent.views.display import HTMLBlock, escape


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

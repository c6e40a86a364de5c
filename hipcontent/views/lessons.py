"""The course map as notebook output: the lessons in order, as an escaped HTML table with a
plain-text twin. The catalogue itself is hipcontent.content.lessons."""

from __future__ import annotations

from hipcontent.content.lessons import lessons
from hipcontent.views.display import HTMLBlock, escape, link, table_html


def lesson_table() -> HTMLBlock:
    """The course map as a table: number, lesson (linked), what it covers, time."""
    rows = []
    lines = []
    for lesson in lessons():
        rows.append((
            escape(lesson.number),
            link(lesson.file, lesson.title, new_tab=False),
            escape(lesson.summary),
            f"{lesson.minutes} min",
        ))
        lines.append(f"{lesson.number}  {lesson.title} ({lesson.minutes} min): {lesson.summary}")
    html_table = table_html("The lessons in order", ("#", "Lesson", "What it covers", "Time"), rows,
                            markup=True, numeric=(0, 3))
    return HTMLBlock(html_table, "\n".join(lines))

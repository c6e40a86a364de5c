"""How content objects show themselves in a notebook: words, not Python reprs (issue 20 item 5).

A lesson cell that ends in `library`, `library.query(...)` or `library["psoas-march"]` shows a short
readable list (HTML in JupyterLab, the same words as plain text elsewhere) instead of
`<ExerciseLibrary: 16 exercises>` or `[<Exercise ...>, ...]`. The content layer may not import
views, so this module builds its small HTML itself, every piece of data escaped. The full tables
stay in the views (`exercise_table(...)`, `exercise_card(...)`).
"""

from __future__ import annotations

from html import escape


def _words(value: str) -> str:
    return value.replace("-", " ").replace("_", " ")


def exercise_line(exercise) -> str:
    """'Psoas march (psoas-march): beginner, supine': name, id, level and position."""
    return f"{exercise.name} ({exercise.id}): {_words(exercise.level)}, {_words(exercise.position)}"


def exercise_html(exercise) -> str:
    return (f"<strong>{escape(exercise.name)}</strong> (<code>{escape(exercise.id)}</code>): "
            f"{escape(_words(exercise.level))}, {escape(_words(exercise.position))}")


def _count(n: int) -> str:
    return "no exercises" if n == 0 else "1 exercise" if n == 1 else f"{n} exercises"


def list_text(exercises, title: str = "") -> str:
    head = (title + ": " if title else "") + _count(len(exercises)).capitalize()
    return "\n".join([head, *(f"{i}. {exercise_line(e)}" for i, e in enumerate(exercises, 1))])


def list_html(exercises, title: str = "") -> str:
    head = escape((title + ": " if title else "") + _count(len(exercises)).capitalize())
    items = "".join(f"<li>{exercise_html(e)}</li>" for e in exercises)
    return f'<div class="hip-exercise-list"><p>{head}</p>' + (f"<ol>{items}</ol>" if items else "") + "</div>"


class ExerciseList(list):
    """A list of exercises (what the library's queries return) that shows as a numbered list of
    names. It is an ordinary list in every other way."""

    def _repr_html_(self) -> str:
        return list_html(self)

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(list_text(self))

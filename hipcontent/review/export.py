"""The course's quiz questions as a file Anki imports (its plain-text import; no extra package).

    export_anki(review)                       # hipcontent-anki.txt beside the notebooks
    export_anki(review, "my-deck.txt")        # another name; an existing file is never replaced

The file follows Anki's manual, "Importing > Text Files" (Anki 2.1.55 and later read the headers;
2.1.54 once its new importer is switched on in the preferences; older versions skip them as comments): UTF-8, one note per line, tab-separated columns
Front, Back and Tags, and the header lines

    #separator:tab
    #html:true
    #notetype:Basic
    #deck:hipcontent — the iliopsoas
    #tags column:3
    #columns:Front	Back	Tags

Anki's importer (rslib/src/import_export/text/csv/metadata.rs) reads the keys case-blind; ``#notetype``
and ``#deck`` only preset a note type or deck that already exists in the learner's collection (the
manual: "Presets the deck, if it exists"), otherwise the import screen asks, as usual.

Fields are HTML (``#html:true``): every text from the quiz data is HTML-escaped (&, <, >, and
quotes, so no field starts with a bare quote that Anki would read as a quoted field), line breaks
become <br>, and a tab or line break can never split a field or a note. Anki tells notes apart by
their first field (the question), so importing a newer export updates the notes whose question is
worded as before; a reworded question arrives as a new note. (A `#guid column` keyed by
"<lesson>/<question id>" would follow rewordings, but the manual advises against making your own
GUIDs, and it could not be tried in Anki here.)

Label questions point at a numbered marker on a diagram the text file cannot carry; they are left
out and counted (`AnkiExport.left_out`).
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from pathlib import Path

from hipcontent.content.bibliography import bibliography
from hipcontent.content.quiz import Question, Quiz
from hipcontent.printing.files import next_free_path, replacing

__all__ = ["DEFAULT_NAME", "HEADER", "AnkiExport", "anki_lines", "export_anki", "field"]

DEFAULT_NAME = "hipcontent-anki.txt"
DECK = "hipcontent — the iliopsoas"
HEADER = ("#separator:tab", "#html:true", "#notetype:Basic", f"#deck:{DECK}", "#tags column:3",
          "#columns:Front\tBack\tTags")
MAX_FIELD = 20_000  # characters in one field (the course's longest back is about 2,000)
LETTERS = "ABCDEFGHIJKL"  # option letters (content.quiz allows at most 12 options)


def field(text: str) -> str:
    """Text from data as one Anki HTML field: escaped, line breaks as <br>, no tab, bounded."""
    escaped = html.escape(str(text), quote=True)
    escaped = re.sub(r"\r\n|\r|\n|\u2028|\u2029", "<br>", escaped).replace("\t", " ")
    return escaped[:MAX_FIELD]


def _source_label(source_id: str) -> str:
    source = bibliography().get(source_id)
    return source.label if source is not None else source_id


def _front(quiz: Quiz, question: Question) -> str:
    parts = [f"<small>{field(f'Lesson {quiz.number} · {quiz.title}')}</small>", field(question.prompt)]
    if question.kind == "numeric":
        parts.append(field(f"(a number{f', in {question.unit}' if question.unit else ''})"))
    else:
        if question.kind == "multiple":
            parts.append(field(f"(tick {question.correct_count})"))
        parts.append("<br>".join(field(f"{LETTERS[i]}. {o.text}") for i, o in enumerate(question.options)))
    return "<br>".join(parts)


def _back(question: Question) -> str:
    if question.kind == "numeric":
        lines = [f"<b>{field(question.answer_text())}</b>", field(question.feedback),
                 f"<small>{field('Source: ' + _source_label(question.source))}</small>"]
        return "<br>".join(lines)
    right = [(i, o) for i, o in enumerate(question.options) if o.correct]
    lines = [f"<b>{field('; '.join(f'{LETTERS[i]}. {o.text}' for i, o in right))}</b>"]
    lines += [field(o.feedback) for _, o in right]
    sources = dict.fromkeys(_source_label(o.source) for _, o in right)
    lines.append(f"<small>{field('Source: ' + '; '.join(sources))}</small>")
    return "<br>".join(lines)


def _tags(quiz: Quiz) -> str:
    return f"hipcontent lesson-{quiz.number}"


@dataclass(frozen=True)
class AnkiExport:
    path: Path
    notes: int
    left_out: int  # label questions (they need their diagram)

    def describe(self) -> str:
        text = f"Saved {self.notes} question{'s' if self.notes != 1 else ''} for Anki in {self.path.name}"
        if self.left_out:
            text += (f"; {self.left_out} label-the-diagram question{'s' if self.left_out != 1 else ''} "
                     f"left out (Anki's text import cannot carry the diagram)")
        return text + "."


def anki_lines(quizzes: list[Quiz]) -> tuple[list[str], int]:
    """(the file's lines, label questions left out) for these quizzes."""
    lines, left_out = list(HEADER), 0
    for quiz in quizzes:
        for question in quiz.questions:
            if question.kind == "label":
                left_out += 1
                continue
            lines.append("\t".join((_front(quiz, question), _back(question), _tags(quiz))))
    return lines, left_out


def export_anki(quizzes: list[Quiz], path: str | os.PathLike | None = None) -> AnkiExport:
    """Write the quizzes' questions as an Anki text file, atomically. An existing file is never
    replaced: the next free name ("hipcontent-anki-2.txt", ...) is used instead and reported."""
    if path is None:
        path = Path.cwd() / DEFAULT_NAME
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a file name such as 'my-deck.txt'; got {type(path).__name__}")
    path = Path(path)
    if path.suffix.lower() != ".txt":
        raise ValueError(f"Anki reads a text file ending in .txt; got {path.name!r}")
    lines, left_out = anki_lines(list(quizzes))
    text = "\n".join(lines) + "\n"
    for _ in range(100):
        target = next_free_path(path)
        try:
            with replacing(target, text=True, overwrite=False) as handle:
                handle.write(text)
        except FileExistsError:  # the name was taken meanwhile: take the next one
            continue
        return AnkiExport(target, len(lines) - len(HEADER), left_out)
    raise FileExistsError(f"no free name like {path.name} to save under")

"""Quizzes as HTML: feedback, revealed answers, the label diagram and the printable quiz
(all data text escaped). The questions and the checking live in hipcontent.content.quiz; the
widget that uses these pieces is hipcontent.widgets.quiz.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from functools import lru_cache

from hipcontent.content.bibliography import bibliography
from hipcontent.content.quiz import Feedback, Question, Verdict, load_quiz
from hipcontent.views.display import AccessibleFigure, HTMLBlock, escape


def source_html(source_id: str) -> str:
    """ "Source: Gray 1918 [B]", linked when the source has an address; full citation on hover."""
    source = bibliography().get(source_id)
    if source is None:
        return f"Source: {escape(source_id)}"
    label = f"{escape(source.label)} [{escape(source.grade)}]"
    if source.grade == "C":
        label += " (low-authority source)"
    elif source.grade == "T":
        label += " (encyclopaedia)"
    if source.url:
        label = f'<a href="{escape(source.url)}" target="_blank" rel="noopener">{label}</a>'
    return f'Source: <span title="{escape(source.text)}">{label}</span>'


def stop(text: str) -> str:
    """The text ending in a full stop: one added unless it already ends a sentence ("knee." stays
    "knee.", never "knee..")."""
    return text if text.rstrip().endswith((".", "?", "!", "…")) else f"{text}."


def feedback_html(detail: Feedback) -> str:
    if detail.chosen and detail.correct:
        tag = "✔ Your choice, right"
    elif detail.chosen:
        tag = "✘ Your choice, wrong"
    else:
        tag = "➜ Right option you did not choose"
    return (f"<li><strong>{tag}:</strong> {escape(stop(detail.text))} {escape(detail.feedback)}"
            f"<br><small>{source_html(detail.source)}</small></li>")


def verdict_html(verdict: Verdict, numeric: bool = False) -> str:
    icon = "✔" if verdict.correct else "✘"
    items = "".join(
        f"<li><strong>{escape(stop(d.text))}</strong> {escape(d.feedback)}<br><small>{source_html(d.source)}</small></li>"
        if numeric else feedback_html(d)
        for d in verdict.details
    )
    # No role here: the widget shows this inside its own persistent live region.
    return f"<p><strong>{icon} {escape(verdict.message)}</strong></p><ul>{items}</ul>"


def reveal_html(question: Question) -> str:
    if question.kind == "numeric":
        body = (f"<li>{escape(question.feedback)}<br><small>{source_html(question.source)}</small></li>")
    else:
        body = "".join(
            f"<li><strong>{'✔ Right' if o.correct else '✘ Wrong'}:</strong> {escape(stop(o.text))} "
            f"{escape(o.feedback)}<br><small>{source_html(o.source)}</small></li>"
            for o in question.options
        )
    return f"<p><strong>Answer: {escape(question.answer_text())}</strong></p><ul>{body}</ul>"


LABEL_CAPTION = "Which structure does marker 1 point at?"


def label_figure(question: Question):
    """The diagram for a label question, with alt text that says where marker 1 points."""
    from hipcontent.figures.quiz_diagrams import front_view_schematic

    return AccessibleFigure(front_view_schematic(question.marker), alt=label_alt(question), caption=LABEL_CAPTION, dpi=100)


def label_alt(question: Question) -> str:
    """The label diagram's alt text, without drawing it."""
    from hipcontent.figures.quiz_diagrams import front_view_alt

    return front_view_alt(question.marker)


@dataclass(frozen=True)
class LabelPicture:
    """A label diagram ready for the page: a PNG data URI, its alt text and caption."""

    src: str
    alt: str
    caption: str


def label_picture(question: Question) -> LabelPicture:
    """The label question's diagram as a PNG, drawn once per (diagram, marker) and shared by every
    question that shows the same one: a coach's file of 1,000 label questions draws a handful of
    pictures, not 1,000 (issue 21 item 3). Only the PNG is kept, not the figure.

    Always drawn in the normal style: in projector mode quiz.css shows it twice as large already
    (drawn in projector style as well, its credit line filled half the picture at 1920x1080). In
    projector mode it is drawn at twice the resolution instead, so it stays sharp at that size."""
    from hipcontent.figures.style import is_projector_style_on

    return _drawn(question.diagram, question.marker, label_alt(question), is_projector_style_on())


PROJECTOR_DPI = 384  # two image pixels per CSS pixel at the quiz's 840 px (4.375 in drawing)


@lru_cache(maxsize=64)  # the diagrams' structures are few; the bound keeps memory bounded whatever comes
def _drawn(diagram: str, marker: str, alt: str, projector: bool) -> LabelPicture:
    from hipcontent.figures.quiz_diagrams import front_view_schematic
    from hipcontent.figures.style import is_projector_style_on, use_projector_style

    style_on = is_projector_style_on()
    if style_on:
        use_projector_style(False)  # drawn with the usual sizes; restored below
    try:
        png = AccessibleFigure(front_view_schematic(marker), alt=alt, caption=LABEL_CAPTION,
                               dpi=PROJECTOR_DPI if projector else 100,
                               projector=False).png_bytes()  # no ground: theme-safe on light and dark (figures/theme.py)
    finally:
        if style_on:
            use_projector_style(True)
    return LabelPicture("data:image/png;base64," + base64.b64encode(png).decode("ascii"), alt, LABEL_CAPTION)


def quiz_handout(lesson: str, answers: bool = False) -> HTMLBlock:
    """The quiz as a printable page (questions and options; with `answers`, the key and why).

    Widgets do not print or export, so a coach prints this instead."""

    loaded = load_quiz(lesson)
    parts = [f"<h3>Check yourself: {escape(loaded.title)}</h3>"]
    lines = [f"Check yourself: {loaded.title}"]
    for number, question in enumerate(loaded.questions, start=1):
        parts.append(f"<p><strong>{number}. {escape(question.prompt)}</strong> <em>({escape(question.kind_name)})</em></p>")
        lines.append(f"{number}. {question.prompt} ({question.kind_name})")
        if question.kind == "label":
            parts.append(f"<p><em>Diagram: {escape(label_alt(question))}</em></p>")
        if question.kind == "numeric":
            parts.append(f"<p>Answer: ________ {escape(question.unit)}</p>")
            lines.append(f"   Answer: ________ {question.unit}")
        else:
            parts.append("<ol type=\"a\">" + "".join(f"<li>{escape(o.text)}</li>" for o in question.options) + "</ol>")
            lines += [f"   {chr(97 + i)}) {o.text}" for i, o in enumerate(question.options)]
        if answers:
            why = question.feedback if question.kind == "numeric" else " ".join(
                question.options[i].feedback for i in question.correct_indices)
            key = question.answer_text().rstrip(".")
            parts.append(f"<p><strong>Answer: {escape(key)}.</strong> {escape(why)}</p>")
            lines.append(f"   Answer: {key}. {why}")
    return HTMLBlock("".join(parts), "\n".join(lines))

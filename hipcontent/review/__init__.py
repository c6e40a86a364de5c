"""Spaced review (lesson 07): every quiz question of the lessons a learner has studied comes back
on an FSRS schedule.

- review.schedule: FSRS per question (fsrs.Card), "due today", the course's scheduler settings;
- review.progress: the learner's JSON progress file (bounded reading, atomic writing, a damaged
  file kept aside);
- review.deck: `Review` — studied lessons, due questions, a session's questions, recording answers;
- review.session: the widgets of lesson 07 (tick boxes, the session quiz, the Anki button);
- review.export: the questions as a text file Anki imports.

The widgets module is imported only when a widget is asked for, so the rest works without a
notebook (tests, scripts).
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "Review": "deck",
    "question_key": "deck",
    "load_progress": "progress",
    "export_anki": "export",
    "studied_lessons": "session",
    "review_session": "session",
    "anki_button": "session",
    "spacing_example": "session",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'hipcontent.review' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

"""When each quiz question comes back: an FSRS schedule per question (the `fsrs` package).

A question's schedule is an `fsrs.Card`; this module turns it into the plain dictionary the
progress file stores and back, grades a checked answer, and says what is due today.

The course's choices (all in `scheduler()`):

- **Days, not minutes.** FSRS's default "learning steps" bring a new or missed card back after 1
  and 10 minutes, for apps that drill all day. A course reviewed once a day turns them off
  (``learning_steps=()``, ``relearning_steps=()``): every answer schedules the question a whole
  number of days ahead, at least one (tomorrow).
- **No fuzz.** FSRS can add a random day or two to long intervals so that cards learnt together
  spread out; that makes a schedule differ run to run, so the course leaves it off
  (``enable_fuzzing=False``): the same answers on the same days give the same schedule.
- **Right → Good, wrong → Again.** The quiz only knows right or wrong, so those are the two
  grades (FSRS's Hard and Easy are not used). Only the first check of a question in a session
  counts (see review.deck).
- FSRS's default weights and its default desired retention of 0.9 (it plans each review for
  when it predicts a 90 % chance that you still remember the answer).

"Today" is the learner's calendar day: a question due at any time before the next local
midnight is due today, so one sitting a day is enough.
"""

from __future__ import annotations

import math
from datetime import datetime, time, timedelta, timezone
from functools import cache

from fsrs import Card, Rating, Scheduler, State

__all__ = ["GRADES", "day_end", "from_record", "is_due", "new_card", "record_of", "review", "scheduler",
           "as_utc", "interval_days", "MAX_INTERVAL_DAYS"]

MAX_INTERVAL_DAYS = 3650  # a question comes back within ten years at most (FSRS's own cap is 100)
GRADES = {True: Rating.Good, False: Rating.Again}  # quiz verdict -> FSRS rating
CARD_ID = 1  # fsrs needs a card id; the progress file keys cards by "<lesson>/<question id>" instead


@cache
def scheduler() -> Scheduler:
    """The one FSRS scheduler of the course (see the module's notes for each choice)."""
    return Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False,
                     maximum_interval=MAX_INTERVAL_DAYS)


def as_utc(moment: datetime) -> datetime:
    """`moment` in UTC (fsrs requires it); a naive datetime is refused, not guessed."""
    if not isinstance(moment, datetime):
        raise TypeError(f"a time must be a datetime, e.g. datetime.now(timezone.utc); got {type(moment).__name__}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("give a time with its time zone, e.g. datetime(2026, 12, 5, 9, 0, tzinfo=timezone.utc)")
    return moment.astimezone(timezone.utc)


def day_end(now: datetime) -> datetime:
    """The next midnight after `now` in `now`'s own time zone, in UTC: the end of "today"."""
    as_utc(now)  # same checks
    midnight = datetime.combine(now.date() + timedelta(days=1), time(0), tzinfo=now.tzinfo)
    return as_utc(midnight)


def new_card(now: datetime) -> Card:
    """A question never reviewed: due now."""
    return Card(card_id=CARD_ID, due=as_utc(now))


def review(card: Card, correct: bool, now: datetime) -> Card:
    """The card after an answer checked at `now`: right is FSRS's Good, wrong its Again."""
    if not isinstance(correct, bool):
        raise TypeError(f"correct must be True or False; got {correct!r}")
    reviewed, _log = scheduler().review_card(card, GRADES[correct], review_datetime=as_utc(now))
    return reviewed


def is_due(card: Card, now: datetime) -> bool:
    """Due today: its due time is before the end of `now`'s calendar day."""
    return card.due < day_end(now)


def record_of(card: Card, reviews: int, lapses: int) -> dict:
    """The card as the progress file stores it (JSON-ready; times in UTC, ISO 8601)."""
    return {
        "state": int(card.state),
        "stability": card.stability,
        "difficulty": card.difficulty,
        "due": as_utc(card.due).isoformat(),
        "last_review": as_utc(card.last_review).isoformat() if card.last_review else None,
        "reviews": reviews,
        "lapses": lapses,
    }


def from_record(record: dict) -> Card:
    """The fsrs Card for a record already checked by review.progress (trusted shape)."""
    stability, difficulty = record["stability"], record["difficulty"]
    state = State(record["state"])
    return Card(
        card_id=CARD_ID,
        state=state,
        step=0 if state != State.Review else None,
        stability=None if stability is None else float(stability),
        difficulty=None if difficulty is None else float(difficulty),
        due=datetime.fromisoformat(record["due"]),
        last_review=datetime.fromisoformat(record["last_review"]) if record["last_review"] else None,
    )


def interval_days(card: Card, now: datetime) -> int:
    """Whole days from the start of `now`'s day until the card is due (0: due today)."""
    end = day_end(now)
    if card.due < end:
        return 0
    return 1 + math.floor((card.due - end) / timedelta(days=1))

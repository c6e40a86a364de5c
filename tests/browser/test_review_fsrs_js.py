"""The browser's FSRS (static/review_fsrs.js) is the pinned Python fsrs package under the course's
settings (review.schedule): the same answer sequences on the same dates give the same stability,
difficulty, state and due time, and the same "due today" and days-ahead. Pure JS, run in Chromium."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest

from hipcontent.review import schedule
from hipcontent.widgets.review import STATIC
from offline_page import import_module

pytestmark = pytest.mark.browser

RUN = """(steps) => {
  const F = window.fsrs;
  let card = { state: 1, stability: null, difficulty: null, due: steps[0][0], last_review: null };
  const out = [];
  for (const [at, correct] of steps) {
    card = F.reviewCard(card, correct, at);
    out.push({ state: card.state, stability: card.stability, difficulty: card.difficulty, due: card.due,
               dueToday: F.isDue(card, at), ahead: F.intervalDays(card, at) });
  }
  return out;
}"""
START = datetime(2026, 1, 1, 9, 0, tzinfo=timezone.utc)


def _ms(moment: datetime) -> int:
    return round(moment.timestamp() * 1000)


def _python(steps):
    card, out = schedule.new_card(steps[0][0]), []
    for at, correct in steps:
        card = schedule.review(card, correct, at)
        out.append({"state": int(card.state), "stability": card.stability, "difficulty": card.difficulty,
                    "due": _ms(card.due), "dueToday": schedule.is_due(card, at),
                    "ahead": schedule.interval_days(card, at)})
    return out


def _sequences():
    """Answered on the due day, early (same day, short-term), late, wrong streaks, long right runs."""
    rng = random.Random(22)
    found = [[True] * 12, [False] * 6, [True, True, False, True, True, True],
             [False, True, False, True, False, True, True, True]]
    for _ in range(40):
        found.append([rng.random() < 0.7 for _ in range(rng.randint(1, 14))])
    return found


def _steps(pattern, rng):
    """(time, correct) pairs: each answer at the card's due time, a few hours after, the same day,
    or days late — decided before the Python run so both sides see the same dates."""
    steps, moment = [], START
    card = schedule.new_card(moment)
    for correct in pattern:
        steps.append((moment, correct))
        card = schedule.review(card, correct, moment)
        choice = rng.random()
        if choice < 0.15:
            moment = moment + timedelta(hours=rng.randint(1, 20))  # again within a day: short-term
        elif choice < 0.5:
            moment = card.due + timedelta(days=rng.randint(0, 30), minutes=rng.randint(0, 600))
        else:
            moment = card.due
    return steps


@pytest.fixture(scope="module")
def fsrs_page(chromium):
    context = chromium.new_context(timezone_id="UTC")
    page = context.new_page()
    page.goto("about:blank")
    assert import_module(page, (STATIC / "review_fsrs.js").read_text(encoding="utf-8"), "fsrs") > 4
    yield page
    context.close()


def test_the_browser_schedules_every_sequence_as_python_fsrs_does(fsrs_page):
    rng = random.Random(6)
    compared = 0
    for pattern in _sequences():
        steps = _steps(pattern, rng)
        python = _python(steps)
        browser = fsrs_page.evaluate(RUN, [[_ms(at), correct] for at, correct in steps])
        for n, (want, got) in enumerate(zip(python, browser, strict=True)):
            where = f"pattern {pattern}, answer {n + 1}"
            assert got["state"] == want["state"], where
            assert got["due"] == want["due"], where
            assert got["dueToday"] == want["dueToday"] and got["ahead"] == want["ahead"], where
            assert got["stability"] == pytest.approx(want["stability"], rel=1e-12), where
            assert got["difficulty"] == pytest.approx(want["difficulty"], rel=1e-12), where
            compared += 1
    assert compared > 200


def test_python_rounding_of_halves_is_ported(fsrs_page):
    got = fsrs_page.evaluate("() => [0.5, 1.5, 2.5, 3.5, 2.4999, 2.5001].map(window.fsrs.pyRound)")
    assert got == [round(x) for x in (0.5, 1.5, 2.5, 3.5, 2.4999, 2.5001)]

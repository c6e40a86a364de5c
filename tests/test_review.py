"""Spaced review: the FSRS schedule per question, what is due today, sessions, and answers saved
and reloaded (hipcontent.review.schedule and .deck). Quizzes are built here, so the course's quiz
rewrites never change these tests; one test runs the course's own quizzes through the review."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from hipcontent.content.quiz import Option, Question, Quiz
from hipcontent.review import schedule
from hipcontent.review.deck import Review, question_key
from hipcontent.review.progress import load_progress

NOW = datetime(2026, 12, 5, 9, 0, tzinfo=timezone.utc)


def _question(qid: str, kind: str = "single") -> Question:
    options = (Option("right", True, "why right", "gray1918"), Option("wrong", False, "why wrong", "gray1918"))
    return Question(qid, kind, f"prompt of {qid}?", options, correct_count=1)


def _quizzes(*lessons: tuple[str, int]) -> dict[str, Quiz]:
    return {lesson: Quiz(lesson, f"title {lesson}", tuple(_question(f"q{i}") for i in range(count)))
            for lesson, count in lessons}


QUIZZES = _quizzes(("01-anatomy", 12), ("02-function", 5))


def _review(tmp_path, now=NOW, quizzes=QUIZZES) -> Review:
    return Review(tmp_path / "progress.json", now=now, quizzes=quizzes)


# -- the schedule ----------------------------------------------------------------------------------

def test_right_answers_space_a_question_out_and_a_wrong_one_brings_it_back_tomorrow():
    card, moment, intervals = schedule.new_card(NOW), NOW, []
    for _ in range(4):
        card = schedule.review(card, True, moment)
        intervals.append((card.due - moment).days)
        moment = card.due
    assert intervals == sorted(intervals) and intervals[0] >= 1 and intervals[-1] > 4 * intervals[0]
    missed = schedule.review(card, False, moment)
    assert missed.stability < card.stability
    assert (missed.due - moment).days < intervals[-1]  # back much sooner than after the last right answer
    first_wrong = schedule.review(schedule.new_card(NOW), False, NOW)
    assert first_wrong.due - NOW == timedelta(days=1)  # days, never FSRS's minute-long steps


def test_the_schedule_is_the_same_every_run():
    runs = [[schedule.review(schedule.new_card(NOW), ok, NOW).due for ok in (True, False)] for _ in range(3)]
    assert runs[0] == runs[1] == runs[2]  # no fuzz


def test_due_today_means_before_the_learners_midnight():
    local = timezone(timedelta(hours=-5))
    evening = datetime(2026, 12, 5, 20, 0, tzinfo=local)  # 01:00 UTC the next day
    card = schedule.new_card(evening)
    card.due = datetime(2026, 12, 6, 4, 59, tzinfo=timezone.utc)  # 23:59 local
    assert schedule.is_due(card, evening)
    card.due = datetime(2026, 12, 6, 5, 0, tzinfo=timezone.utc)  # local midnight
    assert not schedule.is_due(card, evening)
    assert schedule.interval_days(card, evening) == 1


def test_a_time_without_a_time_zone_is_refused():
    with pytest.raises(ValueError, match="time zone"):
        schedule.new_card(datetime(2026, 12, 5, 9, 0))
    with pytest.raises(ValueError, match="time zone"):
        Review(now=datetime(2026, 12, 5))


def test_a_record_round_trips_to_the_same_card():
    card = schedule.review(schedule.new_card(NOW), True, NOW)
    again = schedule.from_record(json.loads(json.dumps(schedule.record_of(card, 1, 0))))
    assert (again.state, again.stability, again.difficulty, again.due, again.last_review) == \
        (card.state, card.stability, card.difficulty, card.due, card.last_review)


# -- what is due, sessions ---------------------------------------------------------------------------

def test_only_studied_lessons_are_reviewed(tmp_path):
    review = _review(tmp_path)
    assert review.due() == []
    review.study(["02-function"])
    assert {item.key for item in review.due()} == {question_key("02-function", f"q{i}") for i in range(5)}
    review.study(["01-anatomy"])
    assert len(review.due()) == 17
    review.study(["02-function"], studied=False)
    assert {item.lesson for item in review.due()} == {"01-anatomy"}


def test_a_session_is_ten_questions_with_unique_ids_from_several_lessons(tmp_path):
    review = _review(tmp_path)
    review.study(["01-anatomy", "02-function"])
    quiz, chosen = review.session_quiz()
    assert len(quiz.questions) == len(chosen) == 10
    assert [q.id for q in quiz.questions] == [item.key for item in chosen]
    assert all(q.id.startswith(("01-anatomy/", "02-function/")) for q in quiz.questions)
    with pytest.raises(ValueError, match="from 1 to"):
        review.session_questions(0)


def test_answering_saves_and_a_reloaded_review_sees_the_same_schedule(tmp_path):
    review = _review(tmp_path)
    review.study(["01-anatomy"])
    first, second = review.due()[:2]
    review.answer(first.key, True)
    review.answer(second.key, False)
    assert len(review.due()) == 10

    reloaded = _review(tmp_path)
    assert reloaded.studied() == ["01-anatomy"] and len(reloaded.due()) == 10
    assert reloaded.progress.cards[second.key]["reviews"] == 1
    tomorrow = _review(tmp_path, now=NOW + timedelta(days=1))
    assert [item.key for item in tomorrow.due()][:1] == [second.key]  # the missed one is back first
    in_two_days = _review(tmp_path, now=NOW + timedelta(days=2))
    assert {first.key, second.key} <= {item.key for item in in_two_days.due()}


def test_two_open_reviews_never_undo_each_others_writes(tmp_path):
    ticks, session = _review(tmp_path), _review(tmp_path)
    ticks.study(["01-anatomy"])
    session.study(["02-function"])  # read afresh: lesson 01 stays ticked
    key = session.due()[0].key
    session.answer(key, True)
    ticks.study(["02-function"], studied=False)
    final = _review(tmp_path)
    assert final.studied() == ["01-anatomy"] and key in final.progress.cards


def test_a_question_no_longer_in_the_quiz_is_kept_and_skipped(tmp_path):
    review = _review(tmp_path)
    review.study(["01-anatomy"])
    review.answer(question_key("01-anatomy", "q11"), True)
    shorter = _quizzes(("01-anatomy", 11), ("02-function", 5))  # q11 was removed
    later = _review(tmp_path, now=NOW + timedelta(days=30), quizzes=shorter)
    assert later.skipped() == ["01-anatomy/q11"]
    assert "01-anatomy/q11" not in {item.key for item in later.due()}
    later.answer(question_key("01-anatomy", "q0"), True)
    assert "01-anatomy/q11" in load_progress(tmp_path / "progress.json").cards  # still in the file


def test_unknown_lessons_and_questions_are_refused(tmp_path):
    review = _review(tmp_path)
    with pytest.raises(ValueError, match="not a lesson with a quiz"):
        review.study(["05-timers"])
    with pytest.raises(KeyError, match="not a question of a studied lesson"):
        review.answer("01-anatomy/q0", True)


def test_the_course_quizzes_go_through_the_review(tmp_path):
    review = Review(tmp_path / "progress.json", now=NOW)
    lessons = [lesson for lesson, _title, _count in review.lessons()]
    assert lessons and not review.problems
    review.study(lessons)
    quiz, chosen = review.session_quiz()
    assert len(quiz.questions) == 10 and len({q.id for q in quiz.questions}) == 10
    review.answer(chosen[0].key, True)
    assert len(Review(tmp_path / "progress.json", now=NOW).due()) == len(review.due())

"""Mastery levels follow the one written rule (review/mastery.py, docs/architecture.md)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from ketatui.content.catalog import Catalog
from ketatui.learning.lesson import LessonProgress
from ketatui.learning.review import ReviewProgress
from ketatui.learning.session import LearnerSession
from ketatui.progress.model import LessonReviews, LessonState
from ketatui.progress.store import ProgressStore
from ketatui.review.mastery import Mastery, lesson_mastery, module_mastery

PASSED_AT = datetime(2026, 3, 2, 9, tzinfo=UTC)
RIGHT = {
    "q-single": 1,
    "q-multiple": [0, 2],
    "q-true-false": True,
    "q-order": [0, 1, 2],
    "q-short": "4",
}


def _state(status: str = "passed") -> LessonState:
    return LessonState(
        lesson_id="l",
        status=status,  # type: ignore[arg-type]
        current_page=0,
        best_score=1.0,
        completed_at=PASSED_AT if status == "passed" else None,
        content_hash="h",
        in_quiz=False,
    )


def _reviewed(days: float, *right: bool) -> LessonReviews:
    at = PASSED_AT + timedelta(days=days)
    return LessonReviews(False, {f"q{i}": (ok, at) for i, ok in enumerate(right)})


def test_each_level_by_the_rule() -> None:
    assert lesson_mastery(None, None, 3) == Mastery.NOT_STARTED
    assert lesson_mastery(_state("in_progress"), None, 3) == Mastery.ATTEMPTED
    assert lesson_mastery(_state("failed"), _reviewed(8, True, True, True), 3) == Mastery.ATTEMPTED
    assert lesson_mastery(_state(), LessonReviews(False), 3) == Mastery.FAMILIAR
    assert lesson_mastery(_state(), LessonReviews(True), 3) == Mastery.PROFICIENT  # first try
    assert lesson_mastery(_state(), _reviewed(1, True, True, True), 3) == Mastery.PROFICIENT
    assert lesson_mastery(_state(), _reviewed(6.9, True, True, True), 3) == Mastery.PROFICIENT
    assert lesson_mastery(_state(), _reviewed(7, True, True, True), 3) == Mastery.MASTERED


def test_a_wrong_or_missing_review_holds_a_lesson_back() -> None:
    assert lesson_mastery(_state(), _reviewed(8, True, True, False), 3) == Mastery.FAMILIAR
    assert lesson_mastery(_state(), _reviewed(8, True, True), 3) == Mastery.FAMILIAR
    first_try = LessonReviews(True, _reviewed(8, True, False).reviews)
    assert lesson_mastery(_state(), first_try, 2) == Mastery.PROFICIENT
    assert lesson_mastery(_state(), _reviewed(8), 0) == Mastery.FAMILIAR  # no quiz


def test_a_module_is_as_far_as_its_least_known_lesson() -> None:
    assert module_mastery([]) == Mastery.NOT_STARTED
    assert module_mastery([Mastery.NOT_STARTED] * 2) == Mastery.NOT_STARTED
    assert module_mastery([Mastery.MASTERED, Mastery.NOT_STARTED]) == Mastery.ATTEMPTED
    assert module_mastery([Mastery.MASTERED, Mastery.FAMILIAR]) == Mastery.FAMILIAR
    assert module_mastery([Mastery.MASTERED] * 3) == Mastery.MASTERED


def test_mastery_advances_with_reviews_over_time(ui_catalog: Catalog, tmp_path: Path) -> None:
    """Passed on a retry (familiar, not proficient: the first try failed); every question
    right in a review a month after passing (mastered). The clock stamps the lesson's
    pass and the reviews alike."""
    now = [PASSED_AT]
    store = ProgressStore.open(tmp_path)
    sam = store.create_profile("Sam").id
    session = LearnerSession(
        ui_catalog, store, profile_id=sam, profile_name="Sam", clock=lambda: now[0]
    )
    lesson = LessonProgress(ui_catalog.entry("first-lesson"), session)

    def level() -> Mastery:
        reviews = store.lesson_reviews(sam).get("first-lesson")
        return lesson_mastery(store.lesson_state(sam, "first-lesson"), reviews, 5)

    assert level() == Mastery.NOT_STARTED
    attempt = lesson.start_attempt()
    for qid in attempt.question_ids:
        right = qid not in ("q-order", "q-short")
        attempt = lesson.record_answer(attempt, qid, RIGHT[qid] if right else "x", right)
    assert not lesson.finish(attempt).passed
    assert level() == Mastery.ATTEMPTED
    retry = lesson.start_attempt(missed_only=True)
    for qid in retry.question_ids:
        retry = lesson.record_answer(retry, qid, RIGHT[qid], True)
    assert lesson.finish(retry).passed
    assert level() == Mastery.FAMILIAR

    def review_all_right(days: int) -> None:
        now[0] = PASSED_AT + timedelta(days=days)
        review = ReviewProgress(session)
        session_ = review.start()
        assert session_ is not None and len(session_.question_ids) == 5
        for key in session_.question_ids:
            session_ = review.record_answer(session_, key, None, True)
        review.finish(session_)

    review_all_right(30)  # all five are due by then
    assert level() == Mastery.MASTERED
    store.close()


def test_a_review_within_the_week_makes_proficient_not_mastered(
    ui_catalog: Catalog, tmp_path: Path
) -> None:
    now = [PASSED_AT]
    store = ProgressStore.open(tmp_path)
    sam = store.create_profile("Sam").id
    session = LearnerSession(
        ui_catalog, store, profile_id=sam, profile_name="Sam", clock=lambda: now[0]
    )
    lesson = LessonProgress(ui_catalog.entry("first-lesson"), session)
    attempt = lesson.start_attempt()
    for qid in attempt.question_ids:
        wrong = qid == "q-short"  # passes (4 of 5 = the pass mark) but not all right
        attempt = lesson.record_answer(attempt, qid, "x" if wrong else RIGHT[qid], not wrong)
    assert lesson.finish(attempt).passed
    state = store.lesson_state(sam, "first-lesson")
    assert lesson_mastery(state, store.lesson_reviews(sam)["first-lesson"], 5) == (
        Mastery.PROFICIENT  # the first full attempt passed
    )
    now[0] = PASSED_AT + timedelta(days=5)  # whatever is due by then
    review = ReviewProgress(session)
    due = review.start()
    assert due is not None
    for key in due.question_ids:
        due = review.record_answer(due, key, None, True)
    review.finish(due)
    reviews = store.lesson_reviews(sam)["first-lesson"]
    assert len(reviews.reviews) == len(due.question_ids)
    assert lesson_mastery(state, reviews, 5) == Mastery.PROFICIENT  # within the week
    store.close()

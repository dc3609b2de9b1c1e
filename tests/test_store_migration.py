"""Upgrading a progress file written by format 1 (answers by position, a retry's score
counting earlier answers) to format 2: nothing lost, answers by choice id, honest scores.

The file in tests/data/progress_v1 was written by the format 1 code itself (its README
says how): Ana scored 3 of 5, retried the 2 she missed with 1 right (format 1: "0.8,
passed"), then left a third attempt after one answer.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from ketatui.content.catalog import Catalog, load_catalog
from ketatui.content.model import choice_id, text_id
from ketatui.learning.lesson import LessonProgress
from ketatui.learning.session import LearnerSession
from ketatui.progress.store import ProgressStore
from ketatui.progress.upgrade import convert_position_answers

DATA = Path(__file__).parent / "data"
LESSON = "first-lesson"


@pytest.fixture
def old_dir(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    target.mkdir()
    shutil.copy(DATA / "progress_v1" / "progress.sqlite3", target / "progress.sqlite3")
    return target


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_the_fixture_is_format_1(old_dir: Path) -> None:
    db = old_dir / "progress.sqlite3"
    assert _rows(db, "PRAGMA user_version") == [(1,)]
    assert _rows(db, "SELECT score, passed FROM attempts ORDER BY id") == [
        (0.6, 0),
        (0.8, 1),  # the retry's "score" counted answers from before it
        (None, None),
    ]


def test_migration_keeps_every_answer_and_makes_scores_honest(old_dir: Path) -> None:
    db = old_dir / "progress.sqlite3"
    before = _rows(db, "SELECT id, attempt_id, question_id, correct, answered_at FROM answers")
    with ProgressStore.open(old_dir) as store:
        ana = store.find_profile("Ana")
        assert ana is not None
        attempts = store.attempts(ana.id, LESSON)
        state = store.lesson_state(ana.id, LESSON)
    # 2: choice ids; 3: profile settings; 4: review cards, log, sessions and gain checks
    assert _rows(db, "PRAGMA user_version") == [(4,)]
    after = _rows(db, "SELECT id, attempt_id, question_id, correct, answered_at FROM answers")
    assert after == before  # not one answer lost or changed
    assert [a.kind for a in attempts] == ["full", "retry-missed", "full"]
    # Each attempt's score is over its own questions; the old combined one is kept.
    assert [a.score for a in attempts] == [0.6, 0.5, None]
    assert [a.lesson_score for a in attempts] == [0.6, 0.8, None]
    assert [a.passed for a in attempts] == [False, None, None]
    assert state is not None and state.status == "passed"  # what the learner was told stays
    assert (state.first_try_score, state.best_score) == (0.6, 0.6)
    # Format 1 knew the lesson version of the attempt that passed, and only that one.
    assert [a.content_version for a in attempts] == [None, state.content_hash, None]
    assert all(r.origin == "position" for a in attempts for r in a.answers)


def test_position_answers_become_choice_ids_against_the_course(old_dir: Path) -> None:
    catalog = load_catalog(DATA / "course_ok")
    lesson = catalog.entry(LESSON).lesson
    q1, q2, q4 = (lesson.question(q) for q in ("q1", "q2", "q4"))
    with ProgressStore.open(old_dir) as store:
        assert store.has_position_answers()
        assert convert_position_answers(store, catalog) == 8
        assert not store.has_position_answers()  # a start has nothing more to look at
        assert convert_position_answers(store, catalog) == 0  # once is enough
        first, retry, _open = store.attempts(store.find_profile("Ana").id, LESSON)  # type: ignore[union-attr]
    answers = {r.question_id: r for r in first.answers}
    assert answers["q1"].answer == choice_id(q1.choices[1])  # "Wrong", position 1
    assert answers["q2"].answer == [choice_id(q2.choices[0])]
    assert answers["q4"].answer == [text_id(item) for item in q4.items]
    assert answers["q3"].answer is True and answers["q5"].answer == "ketamine"
    # The passing attempt's version is the course's now: exact. The others: assumed.
    assert {r.origin for r in retry.answers} == {"converted"}
    assert {r.origin for r in first.answers} == {"assumed"}


def test_answers_given_on_a_version_no_longer_at_hand_stay_as_they_were(
    old_dir: Path, tmp_path: Path
) -> None:
    course = tmp_path / "course"
    shutil.copytree(DATA / "course_ok", course)
    path = course / "01-basics" / "01-first.yaml"
    path.write_text(path.read_text().replace("Pick the right one.", "Pick one."))
    catalog = load_catalog(course)
    with ProgressStore.open(old_dir) as store:
        convert_position_answers(store, catalog)
        assert store.has_position_answers()  # the next start tries these again
        first, retry, _open = store.attempts(store.find_profile("Ana").id, LESSON)  # type: ignore[union-attr]
    # The retry was given on the version that passed, which is not this one.
    assert {r.origin for r in retry.answers} == {"position"}
    assert [r.answer for r in retry.answers] == [[0, 2], 0]  # kept exactly as stored
    assert {r.origin for r in first.answers} == {"assumed"}


def test_the_open_attempt_resumes_after_the_upgrade(old_dir: Path) -> None:
    catalog: Catalog = load_catalog(DATA / "course_ok")
    with ProgressStore.open(old_dir) as store:
        ana = store.find_profile("Ana")
        assert ana is not None
        session = LearnerSession(catalog, store, profile_id=ana.id, profile_name="Ana")
        progress = LessonProgress(catalog.entry(LESSON), session)
        attempt = progress.open_attempt()
        assert attempt is not None and attempt.next_question_index == 1
        assert attempt.seed is None  # format 1 showed the choices as written: so do we
        q2 = catalog.entry(LESSON).lesson.question("q2")
        assert progress.shown_order(attempt, q2) == (0, 1, 2)
        assert attempt.answers[0].answer == sorted(choice_id(c) for c in q2.choices[:2])


def test_an_upgraded_file_starts_with_no_reviews_and_schedules_the_next_answer(
    old_dir: Path,
) -> None:
    """Format 4 adds review cards: answers given before it are not guessed into cards;
    the first answer after the upgrade makes one."""
    from datetime import UTC, datetime

    catalog: Catalog = load_catalog(DATA / "course_ok")
    now = datetime(2026, 3, 2, 9, tzinfo=UTC)
    with ProgressStore.open(old_dir) as store:
        ana = store.find_profile("Ana")
        assert ana is not None
        assert store.review_cards(ana.id) == [] and store.review_log(ana.id) == []
        session = LearnerSession(catalog, store, profile_id=ana.id, profile_name="Ana")
        session.clock = lambda: now
        progress = LessonProgress(catalog.entry(LESSON), session)
        attempt = progress.open_attempt()
        assert attempt is not None
        qid = attempt.question_ids[attempt.next_question_index]
        progress.record_answer(attempt, qid, "not an answer", False)
        assert [c.question_id for c in store.review_cards(ana.id)] == [qid]
        session.clock = lambda: now.replace(day=3)
        assert session.due_count() == 1

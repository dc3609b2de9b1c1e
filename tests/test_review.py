"""Spaced review (ketatui.review, ketatui.learning.review) on the SQLite store and in memory.

Time is the session's injectable clock: the tests move it by days.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import msgspec
import pytest

from ketatui.content.catalog import Catalog
from ketatui.learning.lesson import LessonProgress
from ketatui.learning.review import ReviewProgress
from ketatui.learning.session import LearnerSession
from ketatui.progress.memory import MemoryProgress
from ketatui.progress.store import ProgressStore
from ketatui.quiz.grading import check_answer
from ketatui.review.rating import Grade, rating_for
from ketatui.review.schedule import fingerprint, review

LESSON = "first-lesson"
UI_COURSE = Path(__file__).parent / "data" / "ui_course"
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
RIGHT = {"q-single": 1, "q-multiple": [0, 2], "q-true-false": True, "q-order": [0, 1, 2]}


class Clock:
    """A clock the test moves."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def days(self, n: float) -> None:
        self.now = START + timedelta(days=n)


def _session(kind: str, catalog: Catalog, tmp_path: Path, clock: Clock) -> LearnerSession:
    if kind == "memory":  # a profile whose store failed: progress (and review) in memory
        session = LearnerSession(catalog, profile_id=7, profile_name="Sam", clock=clock)
        assert isinstance(session.progress, MemoryProgress)
        return session
    store = ProgressStore.open(tmp_path)
    sam = store.create_profile("Sam")
    return LearnerSession(catalog, store, profile_id=sam.id, profile_name="Sam", clock=clock)


def _answer(catalog: Catalog, qid: str, right: bool) -> object:
    if qid == "q-short":
        return "4" if right else "5"
    return RIGHT[qid] if right else ([1] if qid == "q-multiple" else 0)


def _take_quiz(session: LearnerSession, wrong: set[str], hinted: set[str] = frozenset()) -> None:
    catalog = session.catalog
    progress = LessonProgress(catalog.entry(LESSON), session)
    attempt = progress.start_attempt()
    for qid in attempt.question_ids:
        answer = _answer(catalog, qid, qid not in wrong)
        grade = check_answer(catalog.entry(LESSON).lesson.question(qid), answer)
        assert grade.correct == (qid not in wrong)
        attempt = progress.record_answer(attempt, qid, answer, grade.correct, hinted=qid in hinted)
    progress.finish(attempt)


@pytest.fixture(params=["sqlite", "memory"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_a_missed_question_comes_back_the_next_day_and_a_right_one_later(
    kind: str, ui_catalog: Catalog, tmp_path: Path
) -> None:
    clock = Clock()
    session = _session(kind, ui_catalog, tmp_path, clock)
    _take_quiz(session, wrong={"q-single"})
    assert session.due_count() == 0  # nothing is due the same day
    clock.days(1)
    assert session.due_count() == 1
    review_ = ReviewProgress(session)
    attempt = review_.start()
    assert attempt is not None and attempt.question_ids == (f"{LESSON}:q-single",)
    clock.days(30)
    assert session.due_count() == 5  # the right ones come back too, later


def test_every_answer_is_a_review_and_a_hint_makes_a_right_answer_hard(
    kind: str, ui_catalog: Catalog, tmp_path: Path
) -> None:
    clock = Clock()
    session = _session(kind, ui_catalog, tmp_path, clock)
    _take_quiz(session, wrong={"q-order"}, hinted={"q-short"})
    log = session.progress.review_log(session.profile_id)
    ratings = {e.question_id: e.rating for e in log}
    assert ratings == {
        "q-single": Grade.GOOD,
        "q-multiple": Grade.GOOD,
        "q-true-false": Grade.GOOD,
        "q-order": Grade.AGAIN,
        "q-short": Grade.HARD,
    }
    assert {e.source for e in log} == {"quiz"} and all(e.reviewed_at == START for e in log)
    # Retrying the missed one and getting it right counts as hard.
    progress = LessonProgress(ui_catalog.entry(LESSON), session)
    retry = progress.start_attempt(missed_only=True)
    assert retry.question_ids == ("q-order",)
    progress.record_answer(retry, "q-order", RIGHT["q-order"], True)
    assert session.progress.review_log(session.profile_id)[-1].rating == Grade.HARD


def test_an_anonymous_learner_has_no_review(ui_catalog: Catalog) -> None:
    session = LearnerSession(ui_catalog, clock=Clock())  # a kiosk visitor, a preview
    _take_quiz(session, wrong={"q-single"})
    assert session.progress.review_cards(session.profile_id) == []
    assert session.due_count() == 0 and ReviewProgress(session).start() is None


def test_the_ratings_follow_the_issue() -> None:
    assert rating_for(False) == rating_for(False, hinted=True) == Grade.AGAIN
    assert rating_for(True, hinted=True) == rating_for(True, retry=True) == Grade.HARD
    assert rating_for(True) == Grade.GOOD


def test_a_question_whose_text_or_answer_changed_starts_fresh(ui_catalog: Catalog) -> None:
    question = ui_catalog.entry(LESSON).lesson.question("q-true-false")
    card = review(None, LESSON, question, Grade.GOOD, START)
    later = START + timedelta(days=3)
    card = review(card, LESSON, question, Grade.GOOD, later)
    assert card.due - later > timedelta(days=5)  # right twice: a longer gap
    for changed in (
        msgspec.structs.replace(question, prompt="Water boils at 90 °C at sea level."),
        msgspec.structs.replace(question, answer=False),
    ):
        assert fingerprint(changed) != card.fingerprint
        fresh = review(card, LESSON, changed, Grade.GOOD, later)
        first = review(None, LESSON, changed, Grade.GOOD, later)
        assert (fresh.due, fresh.memory) == (first.due, first.memory)
    # An explanation edited leaves the schedule alone.
    reworded = msgspec.structs.replace(question, explanation="It boils at 100 °C.")
    assert fingerprint(reworded) == card.fingerprint


def test_a_review_session_asks_at_most_ten_mixed_and_resumes_with_nothing_lost(
    ui_catalog: Catalog, tmp_path: Path
) -> None:
    clock = Clock()
    session = _session("sqlite", ui_catalog, tmp_path, clock)
    pid = session.profile_id
    store = session.store
    assert store is not None
    # Twelve due cards: the five questions of the lesson and seven of a lesson since removed.
    _take_quiz(session, wrong=set(RIGHT) | {"q-short"})
    question = ui_catalog.entry(LESSON).lesson.question("q-single")
    for n in range(7):
        gone = review(None, "removed-lesson", question, Grade.AGAIN, START)
        store.save_review(pid, msgspec.structs.replace(gone, question_id=f"q{n}"), _entry(n))
    clock.days(2)
    assert session.due_count() == 12
    progress = ReviewProgress(session)
    attempt = progress.start()
    assert attempt is not None and attempt.kind == "review"
    # The removed lesson's cards are dropped, not asked; the rest are shuffled by the seed.
    assert sorted(attempt.question_ids) == sorted(f"{LESSON}:{q}" for q in [*RIGHT, "q-short"])
    assert session.due_count() == 5
    key = attempt.question_ids[0]
    qid = key.split(":")[1]
    progress.record_answer(attempt, key, _answer(ui_catalog, qid, True), True)
    # The app is closed here (a crash): the answer and the card's schedule were saved.
    store.close()
    reopened = ProgressStore.open(tmp_path)
    again = LearnerSession(ui_catalog, reopened, profile_id=pid, profile_name="Sam", clock=clock)
    resumed = ReviewProgress(again).start()
    assert resumed is not None and resumed.id == attempt.id
    assert resumed.question_ids == attempt.question_ids and resumed.next_question_index == 1
    assert again.due_count() == 4
    for key in resumed.question_ids[1:]:
        qid = key.split(":")[1]
        resumed = ReviewProgress(again).record_answer(
            resumed, key, _answer(ui_catalog, qid, False), False
        )
    result = ReviewProgress(again).finish(resumed)
    assert (result.score.correct, result.score.total) == (1, 5)
    sessions = reopened.review_sessions(pid)
    assert [s.score for s in sessions] == [0.2] and sessions[0].finished
    assert len(sessions[0].answers) == 5
    assert ReviewProgress(again).start() is None  # nothing due until tomorrow
    reopened.close()


def _entry(n: int):
    from ketatui.progress.model import ReviewEntry

    return ReviewEntry("removed-lesson", f"q{n}", 1, False, START, "quiz")


def test_a_session_asks_at_most_ten_soonest_due_first(tmp_path: Path) -> None:
    from ketatui.content.catalog import load_catalog
    from ketatui.progress.model import ReviewEntry

    course = load_catalog(Path(__file__).resolve().parents[1] / "lessons")
    clock = Clock()
    session = _session("sqlite", course, tmp_path, clock)
    pid = session.profile_id
    asked = [
        (entry.id, question)
        for entry in course.lessons(None)
        for question in (entry.lesson.quiz.questions if entry.lesson.quiz else ())
    ][:14]
    assert len(asked) == 14
    for n, (lesson_id, question) in enumerate(asked):  # the first missed longest ago
        at = START + timedelta(minutes=n)
        card = review(None, lesson_id, question, Grade.AGAIN, at)
        entry = ReviewEntry(lesson_id, question.id, 1, False, at, "quiz")
        session.progress.save_review(pid, card, entry)
    clock.days(2)
    assert session.due_count() == 14
    first = ReviewProgress(session).start()
    assert first is not None and len(first.question_ids) == 10
    soonest = {f"{lesson_id}:{q.id}" for lesson_id, q in asked[:10]}
    assert set(first.question_ids) == soonest
    assert list(first.question_ids) != [f"{lesson_id}:{q.id}" for lesson_id, q in asked[:10]]
    assert session.store is not None
    session.store.close()


def test_a_session_answered_to_the_end_but_not_closed_is_closed_with_its_score(
    ui_catalog: Catalog, tmp_path: Path
) -> None:
    clock = Clock()
    session = _session("sqlite", ui_catalog, tmp_path, clock)
    _take_quiz(session, wrong={"q-single", "q-order"})
    clock.days(1)
    review_ = ReviewProgress(session)
    attempt = review_.start()
    assert attempt is not None and len(attempt.question_ids) == 2
    for key in attempt.question_ids:
        right = key.endswith("q-single")
        attempt = review_.record_answer(attempt, key, None, right)
    # The app stopped here, before the session was closed.
    again = review_.start()
    assert again is not None and again.id == attempt.id
    assert again.next_question_index == len(again.question_ids)  # nothing left to ask
    result = review_.finish(again)
    assert (result.score.correct, result.score.total) == (1, 2)
    assert [s.score for s in session.progress.review_sessions(session.profile_id)] == [0.5]
    assert session.store is not None
    session.store.close()


def test_a_question_removed_from_its_lesson_is_no_longer_counted_due(tmp_path: Path) -> None:
    """Its card is dropped when Review picks: the list never says "Review (1 due)" while
    Review has nothing it can ask."""
    import shutil

    from ketatui.content.catalog import load_catalog

    clock = Clock()
    store = ProgressStore.open(tmp_path / "data")
    sam = store.create_profile("Sam")
    before = load_catalog(UI_COURSE)
    session = LearnerSession(before, store, profile_id=sam.id, profile_name="Sam", clock=clock)
    _take_quiz(session, wrong={"q-single"})
    course = tmp_path / "course"
    shutil.copytree(UI_COURSE, course)
    lesson_file = course / "01-basics" / "01-first.yaml"
    lesson_file.write_text(
        lesson_file.read_text(encoding="utf-8").replace("id: q-single", "id: q-single-now"),
        encoding="utf-8",
    )
    after = load_catalog(course)
    assert after.entry(LESSON) is not None and not after.errors
    session = LearnerSession(after, store, profile_id=sam.id, profile_name="Sam", clock=clock)
    clock.days(1)
    assert session.due_count() == 1  # the old question's card, until Review looks
    assert ReviewProgress(session).start() is None  # nothing it can ask
    assert session.due_count() == 0
    store.close()


def test_switching_language_keeps_a_questions_review_card(tmp_path: Path) -> None:
    """A card follows the question as the course writes it: answered in English, then in
    Spanish, it is the same card (not a changed question starting afresh)."""
    from ketatui.content.catalog import load_catalog
    from ketatui.paths import shipped_lessons_dir
    from ketatui.quiz.kinds import kind_of

    english = load_catalog(shipped_lessons_dir())
    spanish = english.localized("es")
    lesson_id = "after-a-session"
    assert spanish.entry(lesson_id).untranslated is None
    question = next(
        q for q in english.entry(lesson_id).lesson.quiz.questions if kind_of(q).tag == "true_false"
    )
    clock = Clock()
    store = ProgressStore.open(tmp_path)
    sam = store.create_profile("Sam")
    cards = []
    for catalog in (english, spanish):
        session = LearnerSession(catalog, store, profile_id=sam.id, profile_name="Sam", clock=clock)
        progress = LessonProgress(catalog.entry(lesson_id), session)
        attempt = progress.start_attempt()
        progress.record_answer(attempt, question.id, question.answer, True)
        cards.append(store.review_card(sam.id, lesson_id, question.id))
        clock.days(10)
    first, second = cards
    assert first is not None and second is not None
    assert second.fingerprint == first.fingerprint == fingerprint(question)
    # A second right answer on the same card: spaced further out than the first was.
    assert second.due - (START + timedelta(days=10)) > first.due - START
    store.close()

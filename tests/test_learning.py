"""The learner's session and lesson progress (ketatui.learning), without a terminal.

The same lesson progress runs on the SQLite store and in memory; a store that fails in the
middle of a quiz is reported once and the learner carries on with nothing lost.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ketatui.content.catalog import Catalog
from ketatui.learning.lesson import LessonProgress
from ketatui.learning.session import LearnerSession
from ketatui.progress.backend import ProgressBackend
from ketatui.progress.memory import MemoryProgress
from ketatui.progress.store import ProgressStore
from ketatui.quiz.grading import check_answer

LESSON = "first-lesson"


def _right_answer(catalog: Catalog, qid: str) -> object:
    question = catalog.entry(LESSON).lesson.question(qid)
    for candidate in (0, 1, 2, 3, [0, 1], [0, 2], [1, 2], [0], [1], True, False, [0, 1, 2]):
        if check_answer(question, candidate).correct:
            return candidate
    return question.accepted[0]  # short answer


def _answer_all(progress: LessonProgress, attempt, catalog: Catalog, wrong: set[str]):
    for qid in attempt.question_ids:
        answer = "wrong" if qid in wrong else _right_answer(catalog, qid)
        grade = check_answer(catalog.entry(LESSON).lesson.question(qid), answer)
        attempt = progress.record_answer(attempt, qid, answer, grade.correct)
    return attempt


@pytest.fixture(params=["sqlite", "memory"])
def backend(request, tmp_path: Path) -> ProgressBackend:
    if request.param == "memory":
        return MemoryProgress()
    store = ProgressStore.open(tmp_path)
    request.addfinalizer(store.close)
    return store


def test_both_backends_follow_the_same_lesson_rules(backend: ProgressBackend) -> None:
    pid = 1
    if isinstance(backend, ProgressStore):
        pid = backend.create_profile("Sam").id
    backend.save_page(pid, "a", 2)
    state = backend.lesson_state(pid, "a")
    assert (state.status, state.current_page, state.in_quiz) == ("in_progress", 2, False)
    first = backend.start_attempt(pid, "a", ["q1", "q2"])
    assert backend.lesson_state(pid, "a").in_quiz
    backend.record_answer(first.id, "q1", [0, 2], True)
    resumed = backend.open_attempt(pid, "a")
    assert resumed.id == first.id and resumed.next_question_index == 1
    assert resumed.answers[0].answer == [0, 2]
    failed = backend.finish_attempt(first.id, 0.5, False, "hash-1")
    assert (failed.status, failed.best_score, failed.completed_at) == ("failed", 0.5, None)
    second = backend.start_attempt(pid, "a", ["q2"])
    passed = backend.finish_attempt(second.id, 1.0, True, "hash-2")
    assert (passed.status, passed.best_score, passed.content_hash) == ("passed", 1.0, "hash-2")
    assert passed.completed_at is not None and not passed.in_quiz
    third = backend.start_attempt(pid, "a", ["q1", "q2"])
    kept = backend.finish_attempt(third.id, 0.0, False, "hash-3")
    # Passed once stays passed, with the best score and the date it was first passed.
    assert (kept.status, kept.best_score, kept.completed_at) == ("passed", 1.0, passed.completed_at)
    backend.save_page(pid, "b", 0)
    backend.save_page(pid, "a", 1)
    assert backend.lesson_state(pid, "a").status == "passed"
    assert backend.last_lesson(pid) == "a"
    assert [a.id for a in backend.attempts(pid, "a")] == [first.id, second.id, third.id]
    assert backend.open_attempt(pid, "a") is None
    with pytest.raises(ValueError):
        backend.record_answer(first.id, "q1", 0, True)  # finished


def test_retrying_the_missed_questions_counts_across_attempts(ui_catalog: Catalog) -> None:
    session = LearnerSession(ui_catalog)
    progress = LessonProgress(ui_catalog.entry(LESSON), session)
    first = progress.start_attempt()
    assert not progress.is_retry(first) and first.kind == "full"
    first = _answer_all(progress, first, ui_catalog, wrong={"q-short"})
    result = progress.finish(first)
    assert (result.score.correct, result.score.total, result.score.passed) == (4, 5, True)
    assert result.passed and result.first_try == 0.8
    assert result.lesson.missed == ("q-short",)

    retry = progress.start_attempt(missed_only=True)
    assert retry.question_ids == ("q-short",) and progress.is_retry(retry)
    assert retry.kind == "retry-missed"
    retry = _answer_all(progress, retry, ui_catalog, wrong=set())
    again = progress.finish(retry)
    # The attempt is scored on its own question; the lesson counts the earlier answers.
    assert (again.score.correct, again.score.total) == (1, 1)
    assert (again.lesson.correct, again.lesson.total) == (5, 5)
    assert again.is_retry and again.answers["q-short"].correct
    assert list(again.answers)[:2] == ["q-single", "q-multiple"]  # in the order given
    # A retry changes neither the first-try score nor the best full attempt's.
    assert (again.first_try, again.best) == (0.8, 0.8)


def test_a_retry_scores_only_its_own_questions_and_passes_only_by_the_rule(
    ui_catalog: Catalog,
) -> None:
    # The case: 3 of 5 first, then 1 of the 2 missed. Format 1 said "0.8, passed".
    progress = LessonProgress(ui_catalog.entry(LESSON), LearnerSession(ui_catalog))
    first = _answer_all(progress, progress.start_attempt(), ui_catalog, {"q-short", "q-order"})
    failed = progress.finish(first)
    assert (failed.score.correct, failed.score.total, failed.passed) == (3, 5, False)
    retry = progress.start_attempt(missed_only=True)
    assert set(retry.question_ids) == {"q-short", "q-order"}
    retry = _answer_all(progress, retry, ui_catalog, {"q-short"})
    second = progress.finish(retry)
    assert (second.score.correct, second.score.total) == (1, 2)
    assert second.score.fraction == 0.5 and not second.score.passed
    assert not second.passed  # q-short has not been answered right since the full attempt
    assert second.first_try == 0.6 and second.lesson.missed == ("q-short",)
    third = progress.finish(
        _answer_all(progress, progress.start_attempt(missed_only=True), ui_catalog, set())
    )
    assert (third.score.correct, third.score.total, third.passed) == (1, 1, True)
    assert (third.first_try, third.best) == (0.6, 0.6)
    full = progress.start_attempt()
    assert full.kind == "retry-all" and len(full.question_ids) == 5


def test_a_store_that_fails_mid_quiz_is_reported_once_and_nothing_is_lost(
    ui_catalog: Catalog, tmp_path: Path
) -> None:
    store = ProgressStore.open(tmp_path)
    profile = store.create_profile("Sam")
    session = LearnerSession(ui_catalog, store, profile_id=profile.id, profile_name="Sam")
    messages: list[str] = []
    session.on_error = messages.append
    progress = LessonProgress(ui_catalog.entry(LESSON), session)
    attempt = progress.start_attempt()
    first_qid = attempt.question_ids[0]
    attempt = progress.record_answer(attempt, first_qid, _right_answer(ui_catalog, first_qid), True)
    assert session.saving

    # Another ketatui on this computer deletes the profile meanwhile: this quiz attempt is
    # gone from the file, so the next save fails.
    with ProgressStore.open(tmp_path) as other:
        other.delete_profile(profile.id)
    rest = attempt.question_ids[1:]
    for qid in rest:
        attempt = progress.record_answer(attempt, qid, _right_answer(ui_catalog, qid), True)
    result = progress.finish(attempt)

    assert not session.saving
    assert len(messages) == 1 and "could not be saved" in messages[0]
    # The quiz in hand carried on under its id, with the answer saved before the failure.
    assert result.attempt.id == attempt.id
    assert (result.score.correct, result.score.total) == (5, 5)
    progress.save_page(1)  # and later saves go to memory without another message
    assert progress.resume_point() == (1, False) and len(messages) == 1
    store.close()


_FULL_DISK = r"""
import json, resource, signal, sys
from pathlib import Path
from ketatui.content.catalog import load_catalog
from ketatui.learning.lesson import LessonProgress
from ketatui.learning.session import LearnerSession
from ketatui.progress.store import ProgressStore
from ketatui.quiz.grading import check_answer

course, data = Path(sys.argv[1]), Path(sys.argv[2])
catalog = load_catalog(course)
entry = catalog.entry("first-lesson")
right = json.loads(sys.argv[3])
store = ProgressStore.open(data)
profile = store.create_profile("Sam")
session = LearnerSession(catalog, store, profile_id=profile.id, profile_name="Sam")
messages = []
session.on_error = messages.append
progress = LessonProgress(entry, session)

def answer_all(attempt, wrong):
    for qid in attempt.question_ids:
        answer = "wrong" if qid in wrong else right[qid]
        correct = check_answer(entry.lesson.question(qid), answer).correct
        attempt = progress.record_answer(attempt, qid, answer, correct)
    return attempt

first = progress.finish(answer_all(progress.start_attempt(), {"q-short"}))
# The disk is full from here on: no file of this process may grow, reads still work.
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (1, 1))
retry = progress.start_attempt(missed_only=True)
result = progress.finish(answer_all(retry, set()))
print(json.dumps({
    "first": [first.score.correct, first.score.total],
    "retry_asked": list(retry.question_ids),
    "round": [result.score.correct, result.score.total],
    "result": [result.lesson.correct, result.lesson.total, result.passed],
    "saving": session.saving,
    "messages": messages,
    "status": progress.session.progress.lesson_state(profile.id, "first-lesson").status,
}))
"""


def test_a_full_disk_mid_lesson_keeps_the_earlier_attempts_that_count(
    ui_catalog: Catalog, tmp_path: Path
) -> None:
    # A real failure, in its own process: writes fail (the file size limit stands in for a
    # full disk) while the progress file can still be read.
    import json
    import subprocess
    import sys

    questions = ui_catalog.entry(LESSON).lesson.quiz.questions
    right = {q.id: _right_answer(ui_catalog, q.id) for q in questions}
    course = Path(__file__).parent / "data" / "ui_course"
    done = subprocess.run(
        [sys.executable, "-c", _FULL_DISK, str(course), str(tmp_path), json.dumps(right)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["first"] == [4, 5]
    assert report["retry_asked"] == ["q-short"]
    # The retry is scored on its own question; its right answer puts right the one missed
    # before the failure, so every question has now been answered right: passed.
    assert report["round"] == [1, 1]
    assert report["result"] == [5, 5, True]
    assert report["status"] == "passed"
    assert not report["saving"] and len(report["messages"]) == 1
    assert "could not be saved" in report["messages"][0]

"""Writes tests/data/progress_v1/progress.sqlite3 with the schema-1 code (main @ 732c635)."""
from pathlib import Path
from ketatui.content.catalog import load_catalog
from ketatui.learning.lesson import LessonProgress
from ketatui.learning.session import LearnerSession
from ketatui.progress.store import ProgressStore
from ketatui.quiz.grading import check_answer

out = Path("tests/data/progress_v1")
for f in out.glob("progress.sqlite3*"):
    f.unlink()
catalog = load_catalog(Path("tests/data/course_ok"))
store = ProgressStore.open(out)
ana = store.create_profile("Ana")
session = LearnerSession(catalog, store, profile_id=ana.id, profile_name="Ana")
entry = catalog.entry("first-lesson")
lp = LessonProgress(entry, session)
lesson = entry.lesson

def answer(attempt, given):
    for qid in attempt.question_ids:
        a = given[qid]
        g = check_answer(lesson.question(qid), a)
        from ketatui.quiz.grading import answer_to_json
        attempt = lp.record_answer(attempt, qid, answer_to_json(a), g.correct)
    return attempt

lp.save_page(1)
first = lp.start_attempt()
first = answer(first, {"q1": 1, "q2": frozenset({0}), "q3": True, "q4": (0, 1, 2), "q5": "ketamine"})
r1 = lp.finish(first)
print("first", r1.score, r1.round_score)
retry = lp.start_attempt(missed_only=True)
retry = answer(retry, {"q1": 0, "q2": frozenset({0, 2})})
r2 = lp.finish(retry)
print("retry", retry.question_ids, r2.score.fraction, r2.score.passed, r2.round_score)
# An attempt left open on second-lesson? it has no quiz maybe; leave a third attempt open on first-lesson
third = lp.start_attempt()
q = third.question_ids[0]
answer_one = {"q1": 0, "q2": frozenset({0, 1}), "q3": False, "q4": (2, 1, 0), "q5": "ket"}[q]
from ketatui.quiz.grading import answer_to_json
third = lp.record_answer(third, q, answer_to_json(answer_one), check_answer(lesson.question(q), answer_one).correct)
print("open", third.question_ids, entry.content_hash)
store.close()

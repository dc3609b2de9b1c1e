"""Training-record exports (JSON and CSV) for a trainee's supervisor."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from ketatui.content.catalog import Catalog, CatalogModule, LessonEntry
from ketatui.content.model import (
    Choice,
    Course,
    Lesson,
    Module,
    Page,
    Quiz,
    Review,
    SingleQuestion,
    TrueFalseQuestion,
)
from ketatui.progress.records import (
    CSV_COLUMNS,
    export_records,
    records_to_csv,
    write_csv,
    write_json,
)
from ketatui.progress.store import ProgressStore, StoreError


def _lesson(lesson_id: str, title: str, questions: tuple = ()) -> Lesson:
    return Lesson(
        id=lesson_id,
        title=title,
        review=Review(status="approved"),
        pages=(Page(title="Page one", body="Text."),),
        quiz=Quiz(questions=questions) if questions else None,
    )


QUIZ = (
    SingleQuestion(
        id="q1",
        prompt="How is esketamine given?",
        explanation="As a nasal spray.",
        choices=(Choice(text="Nasal spray", correct=True), Choice(text="Tablet")),
    ),
    TrueFalseQuestion(id="q2", prompt="Depression is common.", explanation="Yes.", answer=True),
)


def _catalog(tmp_path: Path) -> Catalog:
    entries = [
        LessonEntry(_lesson("what-is-depression", "What is depression?"), tmp_path, "m1", "h-a"),
        LessonEntry(_lesson("esketamine", "Esketamine", QUIZ), tmp_path, "m1", "h-b-new"),
        LessonEntry(_lesson("after-care", "After care"), tmp_path, "m1", "h-c"),
    ]
    module = CatalogModule(
        info=Module(id="m1", title="Treatment"), path=tmp_path, lessons=tuple(entries)
    )
    return Catalog(root=tmp_path, course=Course(title="Ketamine course"), modules=(module,))


@pytest.fixture
def filled(data_dir: Path):
    """A store with one trainee who read a lesson, failed then passed a quiz."""
    with ProgressStore.open(data_dir) as store:
        pid = store.create_profile("=Sam [b]").id
        store.save_page(pid, "what-is-depression", 1)
        first = store.start_attempt(pid, "esketamine", ["q1", "q2"])
        store.record_answer(first.id, "q1", 1, False)
        store.finish_attempt(first.id, 0.0, False, "h-b-old")
        second = store.start_attempt(pid, "esketamine", ["q2", "q1"])
        store.record_answer(second.id, "q2", False, False)
        store.record_answer(second.id, "q2", True, True)  # changed answer: last one counts
        store.record_answer(second.id, "q1", 0, True)
        store.finish_attempt(second.id, 1.0, True, "h-b-old")
        store.save_page(pid, "retired-lesson", 0)
        store.create_profile("Someone else")
        yield store, pid


def test_export_without_catalog_lists_saved_lessons(filled) -> None:
    store, pid = filled
    rec = export_records(store, pid)
    assert rec["format"] == "ketatui-records" and rec["version"] == 3
    assert rec["profile"]["name"] == "=Sam [b]"
    assert [x["lesson_id"] for x in rec["lessons"]] == [
        "esketamine",
        "retired-lesson",
        "what-is-depression",
    ]
    esk = rec["lessons"][0]
    assert (esk["status"], esk["best_score_percent"], esk["first_try_score_percent"]) == (
        "passed",
        100,
        0,
    )
    assert esk["completed_at"] is not None
    assert "title" not in esk
    first, second = esk["attempts"]
    assert (first["attempt"], first["score_percent"], first["passed"]) == (1, 0, False)
    assert [(q["question_id"], q["answered"], q["result"]) for q in first["questions"]] == [
        ("q1", True, "wrong"),
        ("q2", False, "unanswered"),
    ]
    assert [(q["question_id"], q["result"]) for q in second["questions"]] == [
        ("q2", "right"),
        ("q1", "right"),
    ]
    assert rec["summary"]["lessons"] == 3 and rec["summary"]["passed"] == 1
    assert rec["summary"]["due_for_review"] == 0 and rec["review_sessions"] == []
    json.dumps(rec)  # JSON-safe as it is


def test_export_with_catalog_follows_the_course(filled, tmp_path: Path) -> None:
    store, pid = filled
    rec = export_records(store, pid, _catalog(tmp_path))
    assert rec["course"] == "Ketamine course"
    lessons = {x["lesson_id"]: x for x in rec["lessons"]}
    assert [x["lesson_id"] for x in rec["lessons"]] == [
        "what-is-depression",
        "esketamine",
        "after-care",
        "retired-lesson",  # saved progress for a lesson no longer in the course is kept
    ]
    assert lessons["after-care"]["status"] == "new"
    assert lessons["after-care"]["attempts"] == []
    assert lessons["what-is-depression"]["status"] == "in_progress"
    assert lessons["what-is-depression"]["title"] == "What is depression?"
    assert lessons["esketamine"]["module"] == "Treatment"
    assert lessons["esketamine"]["updated_since_completed"] is True  # hash changed
    assert lessons["retired-lesson"]["in_course"] is False
    prompts = [q.get("prompt") for q in lessons["esketamine"]["attempts"][0]["questions"]]
    assert prompts == ["How is esketamine given?", "Depression is common."]


def test_unchanged_lesson_is_not_flagged_updated(data_dir: Path, tmp_path: Path) -> None:
    with ProgressStore.open(data_dir) as store:
        pid = store.create_profile("Ana").id
        a = store.start_attempt(pid, "esketamine", ["q1"])
        store.finish_attempt(a.id, 1.0, True, "h-b-new")
        lessons = {
            x["lesson_id"]: x for x in export_records(store, pid, _catalog(tmp_path))["lessons"]
        }
    assert lessons["esketamine"]["updated_since_completed"] is False
    assert lessons["after-care"]["updated_since_completed"] is None


def test_export_of_missing_profile_is_a_value_error(filled) -> None:
    store, pid = filled
    with pytest.raises(ValueError, match="no longer exists"):
        export_records(store, pid + 100)


def test_csv_has_a_row_per_question_and_defuses_formulas(filled, tmp_path: Path) -> None:
    store, pid = filled
    text = records_to_csv(export_records(store, pid, _catalog(tmp_path)))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert {r["profile"] for r in rows} == {"'=Sam [b]"}  # not run as a formula
    esk = [r for r in rows if r["lesson_id"] == "esketamine"]
    assert [(r["attempt"], r["question_id"], r["question_result"]) for r in esk] == [
        ("1", "q1", "wrong"),
        ("1", "q2", "unanswered"),
        ("2", "q2", "right"),
        ("2", "q1", "right"),
    ]
    assert {r["attempt_passed"] for r in esk} == {"no", "yes"}
    new = [r for r in rows if r["lesson_id"] == "after-care"]
    assert len(new) == 1 and new[0]["status"] == "new" and new[0]["attempt"] == ""


def test_write_json_and_csv(filled, tmp_path: Path) -> None:
    store, pid = filled
    rec = export_records(store, pid)
    jpath = write_json(rec, tmp_path / "sam.json")
    assert json.loads(jpath.read_text(encoding="utf-8")) == rec
    cpath = write_csv(rec, tmp_path / "sam.csv")
    raw = cpath.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets read accents correctly
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 6  # 4 question rows + a row for each of 2 lessons without attempts
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".sam")] == []


def test_write_to_a_missing_folder_is_a_store_error(filled, tmp_path: Path) -> None:
    store, pid = filled
    target = tmp_path / "no" / "such" / "folder" / "sam.json"
    with pytest.raises(StoreError) as info:
        write_json(export_records(store, pid), target)
    assert str(target.parent) in str(info.value)


def test_answers_read_in_the_order_the_attempt_showed_the_choices(data_dir: Path) -> None:
    from ketatui.content.catalog import load_catalog
    from ketatui.learning.lesson import LessonProgress
    from ketatui.learning.session import LearnerSession
    from ketatui.quiz.grading import answer_to_json

    catalog = load_catalog(Path(__file__).parent / "data" / "ui_course")
    entry = catalog.entry("first-lesson")
    question = entry.lesson.question("q-multiple")  # Apple, Carrot, Pear as written
    with ProgressStore.open(data_dir) as store:
        pid = store.create_profile("Ana").id
        session = LearnerSession(catalog, store, profile_id=pid, seeds=lambda: 2)
        progress = LessonProgress(entry, session)
        attempt = progress.start_attempt()
        shown = [question.choices[i].text for i in progress.shown_order(attempt, question)]
        assert shown[0] != "Apple"  # this seed shows them in another order
        picked = frozenset({0, 1, 2})
        progress.record_answer(attempt, "q-multiple", answer_to_json(question, picked), False)
        rec = export_records(store, pid, catalog)
    [lesson] = [x for x in rec["lessons"] if x["lesson_id"] == "first-lesson"]
    [answer] = [q for q in lesson["attempts"][0]["questions"] if q["question_id"] == "q-multiple"]
    assert answer["answer"] == "; ".join(shown)


def test_reordered_choices_change_no_record_and_typed_formulas_stay_text(
    data_dir: Path, tmp_path: Path
) -> None:
    import shutil

    from ketatui.content.catalog import load_catalog
    from ketatui.learning.lesson import LessonProgress
    from ketatui.learning.session import LearnerSession
    from ketatui.quiz.grading import answer_to_json, check_answer

    course = tmp_path / "course"
    shutil.copytree(Path(__file__).parent / "data" / "ui_course", course)
    catalog = load_catalog(course)
    entry = catalog.entry("first-lesson")
    given = {"q-single": 0, "q-short": "=HYPERLINK(1)"}  # Green (wrong); a typed formula
    with ProgressStore.open(data_dir) as store:
        pid = store.create_profile("Ana").id
        progress = LessonProgress(entry, LearnerSession(catalog, store, profile_id=pid))
        attempt = progress.start_attempt()
        for qid, answer in given.items():
            question = entry.lesson.question(qid)
            grade = check_answer(question, answer).correct
            attempt = progress.record_answer(attempt, qid, answer_to_json(question, answer), grade)
        before = export_records(store, pid, catalog)
        # The author moves Green to the end of the choices.
        path = next(p for p in course.rglob("01-first.yaml"))
        text = path.read_text(encoding="utf-8")
        green = '        - {text: Green, feedback: "Not quite: grass is green."}\n'
        red = '        - {text: Red, feedback: "Not quite: that\'s a sunset."}\n'
        assert green in text and red in text
        path.write_text(text.replace(green, "").replace(red, red + green), encoding="utf-8")
        moved = load_catalog(course)
        assert moved.entry("first-lesson").lesson.question("q-single").choices[-1].text == "Green"
        after = export_records(store, pid, moved)

    def answers(rec: dict) -> dict[str, tuple[str, str]]:
        [lesson] = [x for x in rec["lessons"] if x["lesson_id"] == "first-lesson"]
        asked = lesson["attempts"][0]["questions"]
        return {q["question_id"]: (q["answer"], q["result"]) for q in asked if q["answered"]}

    assert (
        answers(before)
        == answers(after)
        == {
            "q-single": ("Green", "wrong"),
            "q-short": ("=HYPERLINK(1)", "wrong"),
        }
    )
    rows = list(csv.DictReader(io.StringIO(records_to_csv(after))))
    typed = [r["answer"] for r in rows if r["question_id"] == "q-short"]
    assert typed == ["'=HYPERLINK(1)"]  # a spreadsheet shows it as text, never runs it


def test_the_record_has_mastery_review_history_and_due_count(ui_catalog, tmp_path: Path) -> None:
    """A trainee passed the first lesson first time, reviewed two questions in a session
    eight days later (one right, one wrong): the record says so in JSON and CSV."""
    from datetime import UTC, datetime, timedelta

    from ketatui.learning.lesson import LessonProgress
    from ketatui.learning.review import ReviewProgress
    from ketatui.learning.session import LearnerSession

    start = datetime(2026, 3, 2, 9, tzinfo=UTC)
    now = [start]
    store = ProgressStore.open(tmp_path)
    sam = store.create_profile("Sam")
    session = LearnerSession(
        ui_catalog, store, profile_id=sam.id, profile_name="Sam", clock=lambda: now[0]
    )
    lesson = LessonProgress(ui_catalog.entry("first-lesson"), session)
    attempt = lesson.start_attempt()
    right = {"q-single": 1, "q-multiple": [0, 2], "q-true-false": True, "q-order": [0, 1, 2]}
    for qid in attempt.question_ids:
        attempt = lesson.record_answer(attempt, qid, right.get(qid, "4"), True)
    lesson.finish(attempt)
    now[0] = start + timedelta(days=8)
    review = ReviewProgress(session)
    due = review.start()
    assert due is not None and len(due.question_ids) == 5
    first, second = due.question_ids[:2]
    due = review.record_answer(due, first, right.get(first.split(":")[1], "4"), True)
    due = review.record_answer(due, second, "wrong", False)
    rec = export_records(store, sam.id, ui_catalog, now=now[0])
    first_lesson = rec["lessons"][0]
    assert first_lesson["mastery"] == "proficient"  # passed first time
    assert first_lesson["questions_due"] == 3  # the two reviewed are no longer due
    assert rec["summary"]["due_for_review"] == 3
    assert rec["summary"]["mastery"]["proficient"] == 1
    # The module: one lesson proficient, the other not started.
    assert rec["summary"]["module_mastery"] == {"The basics": "attempted"}
    history = first_lesson["reviews"]
    assert [(r["where"], r["rating"], r["result"]) for r in history] == [
        *[("lesson quiz", "good", "right")] * 5,
        ("review session", "good", "right"),
        ("review session", "again", "wrong"),
    ]
    assert history[-1]["question_id"] == second.split(":")[1]
    assert history[-1]["answer"] and history[-1]["prompt"]
    assert rec["review_sessions"][0]["answered"] == 2
    assert rec["review_sessions"][0]["finished_at"] is None  # left midway: still open
    rows = list(csv.DictReader(io.StringIO(records_to_csv(rec))))
    reviewed = [r for r in rows if r["attempt_kind"] == "review"]
    assert [(r["question_result"], r["review_rating"]) for r in reviewed] == [
        ("right", "good"),
        ("wrong", "again"),
    ]
    assert {r["mastery"] for r in rows if r["lesson_id"] == "first-lesson"} == {"proficient"}
    assert {r["questions_due"] for r in rows if r["lesson_id"] == "first-lesson"} == {"3"}
    store.close()

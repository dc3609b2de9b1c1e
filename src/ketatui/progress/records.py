"""Training records: a profile's progress as JSON or CSV, for a trainee to hand to a supervisor.

`export_records` builds a plain dict (JSON-safe); `write_json` / `write_csv` save it. With a
catalog the export lists every lesson of the course in course order (untouched ones as
"new") with titles, pass marks, question prompts and each answer as text, its choices in
the order the attempt showed them; without one it lists the lessons the store knows, with
answers in their stored form. Scores and pass marks are whole percentages; times are local
to the second with their UTC offset. The lesson-status rule is `quiz.grading.lesson_passed`
(docs/authoring.md, "Scores and lesson status"). No Textual import.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ketatui.progress.review_records import (
    ReviewFacts,
    lesson_review_part,
    module_levels,
    sessions_part,
    summary_part,
)
from ketatui.progress.store import (
    AnswerRecord,
    Attempt,
    LessonState,
    ProgressStore,
    StaleRecordError,
    StoreError,
)
from ketatui.quiz.grading import passes, question_seed, shown_order
from ketatui.quiz.kinds import kind_of
from ketatui.textguard import json_text, write_csv_rows

if TYPE_CHECKING:
    from ketatui.content.catalog import Catalog, LessonEntry
    from ketatui.content.model import Question

RECORDS_FORMAT = "ketatui-records"
#: 2: percentages, pass marks, local times with their offset, attempt kinds, each answer
#: as text in the order shown, lesson versions (issue 15). 3: mastery levels, questions due
#: for review, the review history and review sessions (issue 21).
RECORDS_VERSION = 3

#: How a lesson version is shown: the first characters of its content hash.
VERSION_CHARS = 12

#: CSV columns, one row per question of each attempt (or one row per lesson without one).
CSV_COLUMNS = (
    "profile",
    "module",
    "lesson_id",
    "lesson_title",
    "status",
    "mastery",
    "module_mastery",
    "first_try_score",
    "best_score",
    "pass_mark",
    "attempts_finished",
    "completed_at",
    "lesson_version",
    "updated_since_completed",
    "questions_due",
    "attempt",
    "attempt_kind",
    "attempt_started_at",
    "attempt_finished_at",
    "attempt_score",
    "attempt_passed",
    "attempt_lesson_version",
    "question_number",
    "question_id",
    "question_prompt",
    "answer",
    "answer_note",
    "question_result",
    "review_rating",
)

#: What an answer reads as when it cannot be shown as the learner saw it.
POSITION_ANSWER = "(kept by choice position from an older lesson version; cannot be shown)"
GONE_ANSWER = "(no longer a choice)"
#: Why an answer's text may differ from what the learner saw, by how it was kept.
_NOTES = {
    "assumed": "given on a lesson version that was not recorded; read against today's text",
    "older": "given on an older version of the lesson; read against today's text",
}


def _iso(value: datetime | None) -> str | None:
    """A time as the reader's clock shows it: local, to the second, with its UTC offset."""
    return None if value is None else value.astimezone().isoformat(timespec="seconds")


def _percent(fraction: float | None) -> int | None:
    return None if fraction is None else round(fraction * 100)


def _version(content_hash: str | None) -> str | None:
    return None if content_hash is None else content_hash[:VERSION_CHARS]


def _last_answers(attempt: Attempt) -> dict[str, AnswerRecord]:
    # The last answer counts: earlier ones to the same question were changed.
    return {answer.question_id: answer for answer in attempt.answers}


def _answer_text(record: AnswerRecord, question: Question | None, seed: int | None) -> str:
    """The learner's answer in words, choices in the order the attempt showed them."""
    if record.origin == "position":
        return POSITION_ANSWER
    if question is None:  # no course at hand: the stored form is all there is
        return json.dumps(record.answer, ensure_ascii=False)
    kind = kind_of(question)
    value = kind.decode(question, record.answer)
    if value is None:
        return GONE_ANSWER
    return kind.describe(question, value, shown_order(question, question_seed(seed, question.id)))


def _question_result(
    attempt: Attempt,
    qid: str,
    question: Question | None,
    last: dict[str, AnswerRecord],
    current: str | None,
) -> dict[str, Any]:
    result: dict[str, Any] = {"question_id": qid}
    if question is not None:
        result["prompt"] = question.prompt
        result["type"] = kind_of(question).tag
    record = last.get(qid)
    if record is None:
        result.update(answered=False, answer=None, result="unanswered")
        return result
    result.update(
        answered=True,
        answer=_answer_text(record, question, attempt.seed),
        result="right" if record.correct else "wrong",
        answered_at=_iso(record.answered_at),
    )
    if note := _answer_note(record, attempt, current):
        result["note"] = note
    return result


def _answer_note(record: AnswerRecord, attempt: Attempt, current: str | None) -> str | None:
    """Why the answer's words may not be exactly what the learner saw, or None."""
    if record.origin == "assumed":
        return _NOTES["assumed"]
    if current is not None and attempt.content_version not in (None, current):
        return _NOTES["older"]
    return None


def _attempt_record(number: int, attempt: Attempt, entry: LessonEntry | None) -> dict[str, Any]:
    lesson = entry.lesson if entry is not None else None
    current = entry.content_hash if entry is not None else None
    last = _last_answers(attempt)
    questions = []
    for n, qid in enumerate(attempt.question_ids, 1):
        question = lesson.question(qid) if lesson is not None else None
        result = _question_result(attempt, qid, question, last, current)
        questions.append({"number": n, **result})
    passed = attempt.passed
    if passed is None and attempt.score is not None and lesson is not None and lesson.quiz:
        passed = passes(attempt.score, lesson.quiz.pass_mark)  # a retry kept by format 1
    record: dict[str, Any] = {
        "attempt": number,
        "kind": attempt.kind,
        "started_at": _iso(attempt.started_at),
        "finished_at": _iso(attempt.finished_at),
        "score_percent": _percent(attempt.score),
        "passed": passed,
        "lesson_version": _version(attempt.content_version),
    }
    if entry is not None:
        record["same_version_as_course"] = (
            None
            if attempt.content_version is None
            else attempt.content_version == entry.content_hash
        )
    record["questions"] = questions
    return record


def _lesson_record(
    lesson_id: str,
    state: LessonState | None,
    attempts: list[Attempt],
    entry: LessonEntry | None,
    module_title: str | None,
    with_catalog: bool,
) -> dict[str, Any]:
    record: dict[str, Any] = {"lesson_id": lesson_id}
    if with_catalog:
        record["title"] = entry.lesson.title if entry else None
        record["module"] = module_title
        record["in_course"] = entry is not None
    record["status"] = state.status if state else "new"
    record["first_try_score_percent"] = _percent(state.first_try_score) if state else None
    record["best_score_percent"] = _percent(state.best_score) if state else None
    quiz = entry.lesson.quiz if entry is not None else None
    record["pass_mark_percent"] = _percent(quiz.pass_mark) if quiz is not None else None
    record["attempts_finished"] = sum(1 for a in attempts if a.finished)
    record["completed_at"] = _iso(state.completed_at) if state else None
    record["lesson_version"] = _version(entry.content_hash) if entry is not None else None
    if entry is not None and state is not None:
        # As the app says it: "Page 3 of 5", counting from 1.
        record["last_page"] = f"{state.current_page + 1} of {len(entry.lesson.pages)}"
    updated = None
    if entry is not None and state is not None and state.completed_at is not None:
        updated = state.content_hash is not None and state.content_hash != entry.content_hash
    record["updated_since_completed"] = updated
    record["attempts"] = [_attempt_record(i, a, entry) for i, a in enumerate(attempts, 1)]
    return record


def export_records(
    store: ProgressStore,
    profile_id: int,
    catalog: Catalog | None = None,
    *,
    now: datetime | None = None,
) -> dict[str, Any]:
    """A JSON-safe dict of one profile's training record (times local, with offsets);
    `now` (default: the clock) says which reviews are due.

    Raises StaleRecordError (a ValueError and a StoreError) if the profile does not exist.
    """
    profile = store.profile(profile_id)
    if profile is None:
        raise StaleRecordError("That profile no longer exists.")
    facts = ReviewFacts(store, profile_id, now or datetime.now(UTC))
    states = store.lesson_states(profile_id)
    by_lesson: dict[str, list[Attempt]] = {}
    for attempt in store.attempts(profile_id):
        by_lesson.setdefault(attempt.lesson_id, []).append(attempt)

    lessons = _lessons(facts, states, by_lesson, catalog)
    record: dict[str, Any] = {
        "format": RECORDS_FORMAT,
        "version": RECORDS_VERSION,
        "exported_at": _iso(datetime.now(UTC)),
        "profile": {"name": profile.name, "created_at": _iso(profile.created_at)},
    }
    if catalog is not None:
        record["course"] = catalog.course.title
    passed = sum(1 for lesson in lessons if lesson["status"] == "passed")
    record["summary"] = {"lessons": len(lessons), "passed": passed, **summary_part(facts)}
    modules = module_levels(lessons)
    if modules:
        record["summary"]["module_mastery"] = modules
        for lesson in lessons:
            lesson["module_mastery"] = modules.get(lesson.get("module") or "")
    record["lessons"] = lessons
    record["review_sessions"] = sessions_part(facts)
    return record


def _lessons(
    facts: ReviewFacts,
    states: dict[str, LessonState],
    by_lesson: dict[str, list[Attempt]],
    catalog: Catalog | None,
) -> list[dict[str, Any]]:
    """Every lesson's record: the course's in course order, then any others with saved
    progress (a lesson the course no longer has)."""
    lessons = []
    seen: set[str] = set()
    if catalog is not None:
        for module in catalog.modules:
            for entry in module.lessons:
                lid = entry.id
                seen.add(lid)
                lesson = _lesson_record(
                    lid, states.get(lid), by_lesson.get(lid, []), entry, module.title, True
                )
                lessons.append(_with_reviews(facts, lesson, states, by_lesson, entry))
    for lid in sorted((set(states) | set(by_lesson) | set(facts.log)) - seen):
        lesson = _lesson_record(
            lid, states.get(lid), by_lesson.get(lid, []), None, None, catalog is not None
        )
        lessons.append(_with_reviews(facts, lesson, states, by_lesson, None))
    return lessons


def _with_reviews(
    facts: ReviewFacts,
    record: dict[str, Any],
    states: dict[str, LessonState],
    by_lesson: dict[str, list[Attempt]],
    entry: LessonEntry | None,
) -> dict[str, Any]:
    """A lesson's record with its mastery level, questions due and review history."""
    lid = record["lesson_id"]
    part = lesson_review_part(
        facts, lid, states.get(lid), by_lesson.get(lid, []), entry, _answer_text
    )
    record["mastery"] = part["mastery"]
    record["questions_due"] = part["questions_due"]
    record["reviews"] = part["reviews"]
    return record


def records_to_json(records: dict[str, Any]) -> str:
    """The records as pretty-printed JSON text (UTF-8 safe, ends with a newline)."""
    return json_text(records) + "\n"


def _pct(value: object) -> object:
    return None if value is None else f"{value}%"


def _lesson_columns(name: str, lesson: dict[str, Any]) -> dict[str, object]:
    return {
        "profile": name,
        "module": lesson.get("module"),
        "lesson_id": lesson["lesson_id"],
        "lesson_title": lesson.get("title"),
        "status": lesson["status"],
        "mastery": lesson["mastery"],
        "module_mastery": lesson.get("module_mastery"),
        "first_try_score": _pct(lesson["first_try_score_percent"]),
        "best_score": _pct(lesson["best_score_percent"]),
        "pass_mark": _pct(lesson["pass_mark_percent"]),
        "attempts_finished": lesson["attempts_finished"],
        "completed_at": lesson["completed_at"],
        "lesson_version": lesson["lesson_version"],
        "updated_since_completed": lesson["updated_since_completed"],
        "questions_due": lesson["questions_due"],
    }


def _attempt_columns(attempt: dict[str, Any]) -> dict[str, object]:
    return {
        "attempt": attempt["attempt"],
        "attempt_kind": attempt["kind"],
        "attempt_started_at": attempt["started_at"],
        "attempt_finished_at": attempt["finished_at"],
        "attempt_score": _pct(attempt["score_percent"]),
        "attempt_passed": attempt["passed"],
        "attempt_lesson_version": attempt["lesson_version"],
    }


def csv_rows(records: dict[str, Any]) -> list[dict[str, object]]:
    """The records flattened to CSV rows (dicts keyed by `CSV_COLUMNS`), unescaped: one
    row per question of each attempt, with the answer as text."""
    name = records["profile"]["name"]
    rows: list[dict[str, object]] = []
    for lesson in records["lessons"]:
        base = _lesson_columns(name, lesson)
        reviewed = _review_rows(base, lesson)
        if not lesson["attempts"]:
            rows.extend(reviewed or [base])
            continue
        for attempt in lesson["attempts"]:
            head = {**base, **_attempt_columns(attempt)}
            if not attempt["questions"]:
                rows.append(head)
            for q in attempt["questions"]:
                rows.append(
                    {
                        **head,
                        "question_number": q["number"],
                        "question_id": q["question_id"],
                        "question_prompt": q.get("prompt"),
                        "answer": q["answer"],
                        "answer_note": q.get("note"),
                        "question_result": q["result"],
                    }
                )
        rows.extend(reviewed)
    return rows


def _review_rows(base: dict[str, object], lesson: dict[str, Any]) -> list[dict[str, object]]:
    """One row per answer given in a review session (quiz answers are the attempts' rows)."""
    return [
        {
            **base,
            "attempt_kind": "review",
            "attempt_finished_at": r["reviewed_at"],
            "question_id": r["question_id"],
            "question_prompt": r.get("prompt"),
            "answer": r.get("answer"),
            "question_result": r["result"],
            "review_rating": r["rating"],
        }
        for r in lesson["reviews"]
        if r["where"] == "review session"
    ]


def records_to_csv(records: dict[str, Any]) -> str:
    """The records as CSV text with a header row; cells that a spreadsheet would run as a
    formula are prefixed with an apostrophe."""
    out = io.StringIO()
    write_csv_rows(out, CSV_COLUMNS, csv_rows(records))
    return out.getvalue()


def _write_text(path: Path, text: str, encoding: str) -> Path:
    # Write to a temporary file and rename, so a failed export never leaves half a file.
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise StoreError(
            f"Cannot write the records to {path.parent}: {exc.strerror or exc}."
        ) from None
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as f:
            f.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise StoreError(f"Cannot write the records to {path}: {exc.strerror or exc}.") from None
    return path


def write_json(records: dict[str, Any], path: Path) -> Path:
    """Save the records as JSON at `path`; StoreError with a plain message on failure."""
    return _write_text(path, records_to_json(records), "utf-8")


def write_csv(records: dict[str, Any], path: Path) -> Path:
    """Save the records as CSV at `path` (UTF-8 with a BOM so spreadsheet apps read
    accented names correctly); StoreError with a plain message on failure."""
    return _write_text(path, records_to_csv(records), "utf-8-sig")

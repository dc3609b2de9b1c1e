"""Training records: a profile's progress as JSON or CSV, for a trainee to hand to a supervisor.

`export_records` builds a plain dict (JSON-safe); `write_json` / `write_csv` save it. With a
catalog the export lists every lesson of the course in course order (untouched ones as
"new") with titles and question prompts; without one it lists the lessons the store knows.
No Textual import.
"""

from __future__ import annotations

import io
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ketatui.progress.store import (
    Attempt,
    LessonState,
    ProgressStore,
    StaleRecordError,
    StoreError,
)
from ketatui.textguard import json_text, write_csv_rows

if TYPE_CHECKING:
    from ketatui.content.catalog import Catalog, LessonEntry

RECORDS_FORMAT = "ketatui-records"
RECORDS_VERSION = 1

#: CSV columns, one row per question of each attempt (or one row per lesson without one).
CSV_COLUMNS = (
    "profile",
    "module",
    "lesson_id",
    "lesson_title",
    "status",
    "best_score",
    "completed_at",
    "updated_since_completed",
    "attempt",
    "attempt_started_at",
    "attempt_finished_at",
    "attempt_score",
    "attempt_passed",
    "question_id",
    "question_prompt",
    "question_result",
)


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _question_result(attempt: Attempt, qid: str) -> dict[str, Any]:
    # The last answer counts: earlier ones to the same question were changed.
    last = None
    for answer in attempt.answers:
        if answer.question_id == qid:
            last = answer
    if last is None:
        return {"question_id": qid, "answered": False, "correct": None, "answer": None}
    return {
        "question_id": qid,
        "answered": True,
        "correct": last.correct,
        "answer": last.answer,
        "answered_at": _iso(last.answered_at),
    }


def _attempt_record(number: int, attempt: Attempt, entry: LessonEntry | None) -> dict[str, Any]:
    prompts: dict[str, str] = {}
    if entry is not None and entry.lesson.quiz is not None:
        prompts = {q.id: q.prompt for q in entry.lesson.quiz.questions}
    questions = []
    for qid in attempt.question_ids:
        result = _question_result(attempt, qid)
        if qid in prompts:
            result["prompt"] = prompts[qid]
        questions.append(result)
    return {
        "attempt": number,
        "started_at": _iso(attempt.started_at),
        "finished_at": _iso(attempt.finished_at),
        "score": attempt.score,
        "passed": attempt.passed,
        "questions": questions,
    }


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
    record["current_page"] = state.current_page if state else 0
    record["best_score"] = state.best_score if state else None
    record["completed_at"] = _iso(state.completed_at) if state else None
    updated = None
    if entry is not None and state is not None and state.completed_at is not None:
        updated = state.content_hash is not None and state.content_hash != entry.content_hash
    record["updated_since_completed"] = updated
    record["attempts"] = [_attempt_record(i, a, entry) for i, a in enumerate(attempts, 1)]
    return record


def export_records(
    store: ProgressStore, profile_id: int, catalog: Catalog | None = None
) -> dict[str, Any]:
    """A JSON-safe dict of one profile's training record.

    Raises StaleRecordError (a ValueError and a StoreError) if the profile does not exist.
    """
    profile = store.profile(profile_id)
    if profile is None:
        raise StaleRecordError("That profile no longer exists.")
    states = store.lesson_states(profile_id)
    by_lesson: dict[str, list[Attempt]] = {}
    for attempt in store.attempts(profile_id):
        by_lesson.setdefault(attempt.lesson_id, []).append(attempt)

    lessons = []
    seen: set[str] = set()
    if catalog is not None:
        for module in catalog.modules:
            for entry in module.lessons:
                lid = entry.id
                seen.add(lid)
                lessons.append(
                    _lesson_record(
                        lid, states.get(lid), by_lesson.get(lid, []), entry, module.title, True
                    )
                )
    # Lessons with saved progress that the catalog does not (or no longer) contain.
    for lid in sorted((set(states) | set(by_lesson)) - seen):
        lessons.append(
            _lesson_record(
                lid, states.get(lid), by_lesson.get(lid, []), None, None, catalog is not None
            )
        )

    record: dict[str, Any] = {
        "format": RECORDS_FORMAT,
        "version": RECORDS_VERSION,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "profile": {"name": profile.name, "created_at": _iso(profile.created_at)},
    }
    if catalog is not None:
        record["course"] = catalog.course.title
    passed = sum(1 for lesson in lessons if lesson["status"] == "passed")
    record["summary"] = {"lessons": len(lessons), "passed": passed}
    record["lessons"] = lessons
    return record


def records_to_json(records: dict[str, Any]) -> str:
    """The records as pretty-printed JSON text (UTF-8 safe, ends with a newline)."""
    return json_text(records) + "\n"


def csv_rows(records: dict[str, Any]) -> list[dict[str, object]]:
    """The records flattened to CSV rows (dicts keyed by `CSV_COLUMNS`), unescaped."""
    name = records["profile"]["name"]
    rows: list[dict[str, object]] = []
    for lesson in records["lessons"]:
        base = {
            "profile": name,
            "module": lesson.get("module"),
            "lesson_id": lesson["lesson_id"],
            "lesson_title": lesson.get("title"),
            "status": lesson["status"],
            "best_score": lesson["best_score"],
            "completed_at": lesson["completed_at"],
            "updated_since_completed": lesson["updated_since_completed"],
        }
        if not lesson["attempts"]:
            rows.append(base)
            continue
        for attempt in lesson["attempts"]:
            head = {
                **base,
                "attempt": attempt["attempt"],
                "attempt_started_at": attempt["started_at"],
                "attempt_finished_at": attempt["finished_at"],
                "attempt_score": attempt["score"],
                "attempt_passed": attempt["passed"],
            }
            if not attempt["questions"]:
                rows.append(head)
            for q in attempt["questions"]:
                if not q["answered"]:
                    result = "unanswered"
                else:
                    result = "correct" if q["correct"] else "incorrect"
                rows.append(
                    {
                        **head,
                        "question_id": q["question_id"],
                        "question_prompt": q.get("prompt"),
                        "question_result": result,
                    }
                )
    return rows


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

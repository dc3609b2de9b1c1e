"""The progress records every backend returns: profiles, lesson states, attempts.

One attempt model for the whole app: the SQLite store, the in-memory backend (preview,
kiosk, a store that failed), the lesson screens, records and statistics all use `Attempt`.
Plain msgspec structs, no I/O.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import msgspec

LessonStatus = Literal["new", "in_progress", "passed", "failed"]


class Profile(msgspec.Struct, frozen=True):
    id: int
    name: str
    created_at: datetime


class LessonState(msgspec.Struct, frozen=True):
    """Where a learner is in one lesson."""

    lesson_id: str
    status: LessonStatus
    current_page: int  # 0-based page index last shown
    best_score: float | None  # 0..1, best finished attempt
    completed_at: datetime | None  # first time the lesson was passed
    content_hash: str | None  # lesson content hash when completed (to flag "updated")
    in_quiz: bool  # True when the learner left during the quiz
    updated_at: datetime | None = None  # last time anything about this lesson was saved


class AnswerRecord(msgspec.Struct, frozen=True):
    question_id: str
    answer: object  # JSON form, see quiz.grading.answer_to_json
    correct: bool
    answered_at: datetime


class Attempt(msgspec.Struct, frozen=True):
    """One try at a lesson's quiz."""

    id: int
    lesson_id: str
    #: The question ids of this attempt, in the order shown (after shuffle / retry-missed).
    question_ids: tuple[str, ...]
    answers: tuple[AnswerRecord, ...]
    started_at: datetime
    finished_at: datetime | None
    score: float | None
    passed: bool | None

    @property
    def next_question_index(self) -> int:
        """Index into `question_ids` of the first unanswered question."""
        done = {a.question_id for a in self.answers}
        for i, qid in enumerate(self.question_ids):
            if qid not in done:
                return i
        return len(self.question_ids)

    @property
    def grades(self) -> dict[str, bool]:
        """Question id -> whether it was answered right (the last answer to it counts)."""
        return {a.question_id: a.correct for a in self.answers}

    @property
    def finished(self) -> bool:
        """Whether the attempt was scored and closed."""
        return self.finished_at is not None

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
#: full: every question (the first try, or "Retry all"); retry-missed: only the questions
#: missed so far; retry-all: every question again, after a finished attempt.
AttemptKind = Literal["full", "retry-missed", "retry-all"]
#: How a stored answer came to be in the id form (see `AnswerRecord.origin`).
AnswerOrigin = Literal["id", "converted", "assumed", "position"]


class Profile(msgspec.Struct, frozen=True):
    id: int
    name: str
    created_at: datetime


class LessonState(msgspec.Struct, frozen=True):
    """Where a learner is in one lesson."""

    lesson_id: str
    status: LessonStatus
    current_page: int  # 0-based page index last shown
    best_score: float | None  # 0..1, best score of a full attempt (its own questions)
    completed_at: datetime | None  # first time the lesson was passed
    content_hash: str | None  # lesson content hash when completed (to flag "updated")
    in_quiz: bool  # True when the learner left during the quiz
    updated_at: datetime | None = None  # last time anything about this lesson was saved
    first_try_score: float | None = None  # 0..1, the first full attempt's score


class AnswerRecord(msgspec.Struct, frozen=True):
    question_id: str
    answer: object  # stored form (choice ids), see quiz.grading.answer_to_json
    correct: bool
    answered_at: datetime
    #: "id": stored by choice id when given. Answers from progress format 1 were kept by
    #: position: "converted" against the lesson version they were given on, "assumed"
    #: against a later version (the one they were given on was not recorded), or still
    #: "position" (they fit no version at hand; kept exactly as stored).
    origin: AnswerOrigin = "id"


class Attempt(msgspec.Struct, frozen=True):
    """One try at a lesson's quiz."""

    id: int
    lesson_id: str
    #: The question ids of this attempt, in the order shown (after shuffle / retry-missed).
    question_ids: tuple[str, ...]
    answers: tuple[AnswerRecord, ...]
    started_at: datetime
    finished_at: datetime | None
    #: 0..1, over this attempt's own questions only.
    score: float | None
    #: Whether `score` meets the pass mark (None: not known, for a retry from format 1).
    passed: bool | None
    kind: AttemptKind = "full"
    #: Seeds the order of each question's choices (None: shown as written, format 1).
    seed: int | None = None
    #: The content hash of the lesson version this attempt showed (None: not recorded).
    content_version: str | None = None
    #: 0..1, the share of the quiz's questions counted right for the lesson after this
    #: attempt (what format 1 kept as the attempt's score).
    lesson_score: float | None = None

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

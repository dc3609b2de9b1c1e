"""The progress store: SQLite in the user data dir. CONTRACT STUB — to be implemented.

WAL, synchronous=FULL, busy timeout, schema version in PRAGMA user_version with forward
migrations. Safe with several processes writing at once; a process killed mid-save leaves
the last committed state intact. No Textual import.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

LessonStatus = Literal["new", "in_progress", "passed", "failed"]
DB_FILENAME = "progress.sqlite3"


class StoreError(Exception):
    """A progress problem a user should read (corrupt file, unwritable folder...)."""


@dataclass(frozen=True, slots=True)
class Profile:
    id: int
    name: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class LessonState:
    """Where a learner is in one lesson."""

    lesson_id: str
    status: LessonStatus
    current_page: int  # 0-based page index last shown
    best_score: float | None  # 0..1, best finished attempt
    completed_at: datetime | None  # first time the lesson was passed
    content_hash: str | None  # lesson content hash when completed (to flag "updated")
    in_quiz: bool  # True when the learner left during the quiz


@dataclass(frozen=True, slots=True)
class AnswerRecord:
    question_id: str
    answer: object  # JSON form, see quiz.grading.answer_to_json
    correct: bool
    answered_at: datetime


@dataclass(frozen=True, slots=True)
class Attempt:
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


class ProgressStore:
    """All saved progress. One instance per process; every method commits durably."""

    def __init__(self, path: Path) -> None:
        raise NotImplementedError

    @classmethod
    def open(cls, data_dir: Path) -> ProgressStore:
        """Open (creating and migrating as needed) the store in `data_dir`."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    # profiles
    def create_profile(self, name: str) -> Profile:
        """Create a profile. Names are trimmed, 1-60 chars, unique (case-insensitive);
        raises ValueError with a plain message otherwise."""
        raise NotImplementedError

    def list_profiles(self) -> list[Profile]:
        raise NotImplementedError

    def rename_profile(self, profile_id: int, name: str) -> Profile:
        raise NotImplementedError

    def delete_profile(self, profile_id: int) -> None:
        """Delete a profile and everything saved for it."""
        raise NotImplementedError

    # lesson state
    def lesson_state(self, profile_id: int, lesson_id: str) -> LessonState | None:
        raise NotImplementedError

    def lesson_states(self, profile_id: int) -> dict[str, LessonState]:
        raise NotImplementedError

    def save_page(self, profile_id: int, lesson_id: str, page: int) -> None:
        """Record that the learner is on `page` (marks the lesson in progress, not in quiz)."""
        raise NotImplementedError

    def last_lesson(self, profile_id: int) -> str | None:
        """Id of the lesson the learner touched most recently (for "Continue")."""
        raise NotImplementedError

    # quiz attempts
    def start_attempt(self, profile_id: int, lesson_id: str, question_ids: list[str]) -> Attempt:
        """Start an attempt (marks the lesson in quiz)."""
        raise NotImplementedError

    def open_attempt(self, profile_id: int, lesson_id: str) -> Attempt | None:
        """The unfinished attempt to resume, if any."""
        raise NotImplementedError

    def record_answer(
        self, attempt_id: int, question_id: str, answer: object, correct: bool
    ) -> None:
        """Save one submitted answer (JSON-safe `answer`)."""
        raise NotImplementedError

    def finish_attempt(
        self, attempt_id: int, score: float, passed: bool, content_hash: str
    ) -> LessonState:
        """Close an attempt; update status, best score, completed_at and content hash."""
        raise NotImplementedError

    def attempts(self, profile_id: int, lesson_id: str | None = None) -> list[Attempt]:
        """Every attempt of a profile (optionally one lesson), oldest first."""
        raise NotImplementedError

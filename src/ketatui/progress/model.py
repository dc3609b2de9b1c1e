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
#: missed so far; retry-all: every question again, after a finished attempt; review: a
#: spaced-review session (questions of several lessons, kept in `review_sessions`);
#: check: a module's pre- or post-check (only its score is kept, in `gain_checks`).
AttemptKind = Literal["full", "retry-missed", "retry-all", "review", "check"]
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


#: Where a review was given: answering the lesson's quiz, or a review session.
ReviewSource = Literal["quiz", "review"]


class ReviewCard(msgspec.Struct, frozen=True):
    """One question's spaced-review schedule for one learner (see `ketatui.review`)."""

    lesson_id: str
    question_id: str
    #: The question's content fingerprint when the card was last reviewed: a question
    #: whose text or right answer changed since starts fresh.
    fingerprint: str
    #: When the question is next due.
    due: datetime
    #: The scheduler's own state (JSON text); only `ketatui.review` reads it.
    memory: str


class ReviewEntry(msgspec.Struct, frozen=True):
    """One review of one question: the review log, kept whole."""

    lesson_id: str
    question_id: str
    #: 1 again, 2 hard, 3 good (`ketatui.review.schedule.rating_for`).
    rating: int
    correct: bool
    reviewed_at: datetime
    source: ReviewSource
    #: The review session it was given in (None: in a lesson's quiz).
    session_id: int | None = None
    #: The answer's stored form (review sessions only; a quiz keeps it with the attempt).
    answer: object = None


class LessonReviews(msgspec.Struct, frozen=True):
    """What the mastery rule needs about one lesson beyond its state (one query each)."""

    #: Whether the lesson's first full attempt passed (None: no finished full attempt).
    first_try_passed: bool | None = None
    #: Question id -> (right, when) of its latest review in a review session.
    reviews: dict[str, tuple[bool, datetime]] = msgspec.field(default_factory=dict)


class StaleReviewError(ValueError):
    """A review session that no longer exists or is already finished."""


#: The `lesson_id` of a review session's `Attempt` (":" is never in a lesson id).
REVIEW_LESSON = ":review"

#: Before a module's first lesson, or after its lessons are passed.
GainPhase = Literal["pre", "post"]


class GainCheck(msgspec.Struct, frozen=True):
    """One pre- or post-check taken: how many of its questions were right."""

    module_id: str
    phase: GainPhase
    correct: int
    total: int
    taken_at: datetime


def review_key(lesson_id: str, question_id: str) -> str:
    """The key of a question in a review session: "lesson:question"."""
    return f"{lesson_id}:{question_id}"


def split_review_key(key: str) -> tuple[str, str]:
    """(lesson id, question id) of a review key; ValueError if it is not one."""
    lesson_id, sep, question_id = key.partition(":")
    if not (sep and lesson_id and question_id) or ":" in question_id:
        raise ValueError(f"{key!r} is not a review question key.")
    return lesson_id, question_id

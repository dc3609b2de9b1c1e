"""What the learner's session needs from a place that keeps progress.

Two implementations: `ProgressStore` (SQLite, durable, one per data dir) and
`MemoryProgress` (kept for as long as the app runs: preview, kiosk, or a store that failed
mid-session). The learning package talks to this interface only, so there is one code path
whether or not progress is saved.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

from ketatui.progress.model import (
    Attempt,
    AttemptKind,
    GainCheck,
    LessonReviews,
    LessonState,
    ReviewCard,
    ReviewEntry,
)


class ProgressBackend(Protocol):
    """Per-profile lesson states and quiz attempts (see `ProgressStore` for the rules)."""

    def settings(self, profile_id: int) -> dict[str, str]:
        """The settings a profile chose (theme, track filter), by key."""
        ...

    def save_setting(self, profile_id: int, key: str, value: str) -> None:
        """Remember one setting of a profile."""
        ...

    def lesson_state(self, profile_id: int, lesson_id: str) -> LessonState | None:
        """The saved state of one lesson, or None if the learner never opened it."""
        ...

    def lesson_states(self, profile_id: int) -> dict[str, LessonState]:
        """Every saved lesson state of a profile, keyed by lesson id."""
        ...

    def save_page(self, profile_id: int, lesson_id: str, page: int) -> None:
        """Record the page the learner is on (the lesson is in progress, not in its quiz)."""
        ...

    def last_lesson(self, profile_id: int) -> str | None:
        """Id of the lesson the learner touched most recently."""
        ...

    def start_attempt(
        self,
        profile_id: int,
        lesson_id: str,
        question_ids: list[str],
        *,
        kind: AttemptKind = "full",
        seed: int | None = None,
        content_version: str | None = None,
    ) -> Attempt:
        """Start a quiz attempt (the lesson is in its quiz)."""
        ...

    def open_attempt(self, profile_id: int, lesson_id: str) -> Attempt | None:
        """The newest unfinished attempt of a lesson, to resume."""
        ...

    def attempt(self, attempt_id: int) -> Attempt | None:
        """One attempt with its answers."""
        ...

    def attempts(self, profile_id: int, lesson_id: str | None = None) -> list[Attempt]:
        """Every attempt of a profile (optionally one lesson), oldest first."""
        ...

    def record_answer(
        self,
        attempt_id: int,
        question_id: str,
        answer: object,
        correct: bool,
        *,
        review: tuple[ReviewCard, ReviewEntry] | None = None,
    ) -> None:
        """Save one submitted answer (JSON-safe form), and with `review` the question's
        new review schedule, together."""
        ...

    def finish_attempt(
        self,
        attempt_id: int,
        score: float,
        passed: bool,
        content_hash: str,
        *,
        lesson_passed: bool | None = None,
        lesson_score: float | None = None,
    ) -> LessonState:
        """Close an attempt (its own score and pass) and update the lesson's status
        (`lesson_passed`, default `passed`), first-try and best score."""
        ...

    # ------------------------------------------------------------------ spaced review

    def review_card(self, profile_id: int, lesson_id: str, question_id: str) -> ReviewCard | None:
        """The review card of one question, or None if it was never answered."""
        ...

    def review_cards(self, profile_id: int) -> list[ReviewCard]:
        """Every review card of a profile, soonest due first."""
        ...

    def due_cards(
        self, profile_id: int, now: datetime | None, limit: int | None = None
    ) -> list[ReviewCard]:
        """The cards due at `now` (None: every card), soonest due first."""
        ...

    def due_count(self, profile_id: int, now: datetime) -> int:
        """How many of a profile's questions are due at `now`."""
        ...

    def save_review(self, profile_id: int, card: ReviewCard, entry: ReviewEntry) -> None:
        """Keep one review and the card's new schedule together."""
        ...

    def drop_cards(self, profile_id: int, keys: Iterable[tuple[str, str]]) -> None:
        """Forget the cards of questions that are no longer in the course."""
        ...

    def review_log(self, profile_id: int) -> list[ReviewEntry]:
        """Every review a profile gave, oldest first."""
        ...

    def lesson_reviews(self, profile_id: int) -> dict[str, LessonReviews]:
        """Per lesson, what the mastery rule needs beyond the lesson's state."""
        ...

    def start_review(
        self, profile_id: int, keys: list[str], seed: int | None, now: datetime
    ) -> Attempt:
        """Start a review session of these questions ("lesson:question" keys)."""
        ...

    def open_review(self, profile_id: int) -> Attempt | None:
        """The newest unfinished review session, to resume."""
        ...

    def finish_review(self, session_id: int, score: float, now: datetime) -> None:
        """Close a review session with its score (0..1)."""
        ...

    def review_sessions(self, profile_id: int) -> list[Attempt]:
        """Every review session of a profile, oldest first."""
        ...

    # ------------------------------------------------------------------ knowledge gain

    def save_check(self, profile_id: int, check: GainCheck) -> None:
        """Keep one pre- or post-check score."""
        ...

    def gain_checks(self, profile_id: int | None = None) -> list[GainCheck]:
        """The checks of one profile (None: every profile), oldest first."""
        ...

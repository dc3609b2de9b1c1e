"""What the learner's session needs from a place that keeps progress.

Two implementations: `ProgressStore` (SQLite, durable, one per data dir) and
`MemoryProgress` (kept for as long as the app runs: preview, kiosk, or a store that failed
mid-session). The learning package talks to this interface only, so there is one code path
whether or not progress is saved.
"""

from __future__ import annotations

from typing import Protocol

from ketatui.progress.model import Attempt, AttemptKind, LessonState


class ProgressBackend(Protocol):
    """Per-profile lesson states and quiz attempts (see `ProgressStore` for the rules)."""

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
        self, attempt_id: int, question_id: str, answer: object, correct: bool
    ) -> None:
        """Save one submitted answer (JSON-safe form)."""
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

"""`MemoryProgress`: the progress interface kept in memory, for as long as the app runs.

Used where nothing may be saved (the kiosk's anonymous visits, the author's preview) and
when the SQLite store fails mid-session, so a learner carries on where they were. Follows
the store's rules (tests/test_progress_backends.py runs the same cases on both).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import UTC, datetime

import msgspec

from ketatui.progress.memory_review import MemoryReview
from ketatui.progress.model import (
    AnswerRecord,
    Attempt,
    AttemptKind,
    LessonState,
    LessonStatus,
    ReviewCard,
    ReviewEntry,
)
from ketatui.quiz.kinds import encode_answer


class MemoryProgress(MemoryReview):
    """Lesson states and attempts in dicts; nothing touches the disk."""

    def __init__(self, clock: Callable[[], datetime] | None = None) -> None:
        super().__init__()
        #: The time now (the learner session's clock; see `ProgressStore.clock`).
        self.clock: Callable[[], datetime] = clock or (lambda: datetime.now(UTC))
        self._states: dict[tuple[int, str], LessonState] = {}
        self._attempts: dict[int, tuple[int, Attempt]] = {}  # id -> (profile, attempt)
        self._ids = itertools.count(1)
        self._touched: dict[int, list[str]] = {}
        self._settings: dict[int, dict[str, str]] = {}

    def load(
        self, profile_id: int, states: dict[str, LessonState], attempts: list[Attempt]
    ) -> None:
        """Start from a profile's saved lesson states and attempts (a store that failed)."""
        for lesson_id, state in states.items():
            self._states[(profile_id, lesson_id)] = state
        touched = sorted(
            states.values(), key=lambda s: s.updated_at or datetime.min.replace(tzinfo=UTC)
        )
        self._touched[profile_id] = [s.lesson_id for s in touched]
        for attempt in attempts:
            self.adopt(profile_id, attempt)

    def adopt(self, profile_id: int, attempt: Attempt) -> None:
        """Carry on an attempt begun elsewhere (a store that just failed), under its id."""
        self._attempts[attempt.id] = (profile_id, attempt)
        self._ids = itertools.count(max(self._attempts) + 1)

    # ------------------------------------------------------------------ settings

    def settings(self, profile_id: int) -> dict[str, str]:
        return dict(self._settings.get(profile_id, {}))

    def save_setting(self, profile_id: int, key: str, value: str) -> None:
        self._settings.setdefault(profile_id, {})[key] = value

    # ------------------------------------------------------------------ states

    def lesson_state(self, profile_id: int, lesson_id: str) -> LessonState | None:
        return self._states.get((profile_id, lesson_id))

    def lesson_states(self, profile_id: int) -> dict[str, LessonState]:
        return {lid: s for (pid, lid), s in sorted(self._states.items()) if pid == profile_id}

    def last_lesson(self, profile_id: int) -> str | None:
        touched = self._touched.get(profile_id)
        return touched[-1] if touched else None

    def _touch(self, profile_id: int, lesson_id: str, **changes: object) -> LessonState:
        key = (profile_id, lesson_id)
        now = self.clock()
        state = self._states.get(key) or LessonState(
            lesson_id=lesson_id,
            status="new",
            current_page=0,
            best_score=None,
            completed_at=None,
            content_hash=None,
            in_quiz=False,
        )
        state = msgspec.structs.replace(state, updated_at=now, **changes)
        self._states[key] = state
        order = self._touched.setdefault(profile_id, [])
        if lesson_id in order:
            order.remove(lesson_id)
        order.append(lesson_id)
        return state

    def save_page(self, profile_id: int, lesson_id: str, page: int) -> None:
        old = self._states.get((profile_id, lesson_id))
        status: LessonStatus = (
            old.status if old and old.status in ("passed", "failed") else ("in_progress")
        )
        self._touch(profile_id, lesson_id, status=status, current_page=page, in_quiz=False)

    # ------------------------------------------------------------------ attempts

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
        if len(set(question_ids)) != len(question_ids):
            raise ValueError("An attempt cannot list the same question twice.")
        old = self._states.get((profile_id, lesson_id))
        status: LessonStatus = "in_progress" if old is None or old.status == "new" else old.status
        self._touch(profile_id, lesson_id, status=status, in_quiz=True)
        attempt = Attempt(
            id=next(self._ids),
            lesson_id=lesson_id,
            question_ids=tuple(question_ids),
            answers=(),
            started_at=self.clock(),
            finished_at=None,
            score=None,
            passed=None,
            kind=kind,
            seed=seed,
            content_version=content_version,
        )
        self._attempts[attempt.id] = (profile_id, attempt)
        return attempt

    def open_attempt(self, profile_id: int, lesson_id: str) -> Attempt | None:
        found = [
            a
            for pid, a in self._attempts.values()
            if pid == profile_id and a.lesson_id == lesson_id and not a.finished
        ]
        return max(found, key=lambda a: a.id) if found else None

    def attempt(self, attempt_id: int) -> Attempt | None:
        held = self._attempts.get(attempt_id)
        return held[1] if held else None

    def attempts(self, profile_id: int, lesson_id: str | None = None) -> list[Attempt]:
        return [
            a
            for _id, (pid, a) in sorted(self._attempts.items())
            if pid == profile_id and (lesson_id is None or a.lesson_id == lesson_id)
        ]

    def _all_attempts(self, profile_id: int) -> list[Attempt]:
        return self.attempts(profile_id)

    def _open(self, attempt_id: int) -> tuple[int, Attempt]:
        held = self._attempts.get(attempt_id)
        if held is None:
            raise ValueError("That quiz attempt no longer exists.")
        if held[1].finished:
            raise ValueError("That quiz attempt is already finished.")
        return held

    def record_answer(
        self,
        attempt_id: int,
        question_id: str,
        answer: object,
        correct: bool,
        *,
        review: tuple[ReviewCard, ReviewEntry] | None = None,
    ) -> None:
        profile_id, attempt = self._open(attempt_id)
        if question_id not in attempt.question_ids:
            raise ValueError(f"Question {question_id!r} is not part of this attempt.")
        record = AnswerRecord(
            question_id=question_id,
            answer=encode_answer(answer),
            correct=correct,
            answered_at=self.clock(),
        )
        attempt = msgspec.structs.replace(attempt, answers=(*attempt.answers, record))
        self._attempts[attempt_id] = (profile_id, attempt)
        if review is not None:
            self.save_review(profile_id, *review)

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
        profile_id, attempt = self._open(attempt_id)
        now = self.clock()
        done = msgspec.structs.replace(
            attempt, finished_at=now, score=score, passed=passed, lesson_score=lesson_score
        )
        self._attempts[attempt_id] = (profile_id, done)
        won = passed if lesson_passed is None else lesson_passed
        old = self._states.get((profile_id, attempt.lesson_id))
        was_passed = old is not None and old.status == "passed"
        best = old.best_score if old is not None else None
        first = old.first_try_score if old is not None else None
        if attempt.kind != "retry-missed":  # a full attempt: its score is a whole try
            best = score if best is None else max(best, score)
            first = score if first is None else first
        completed = old.completed_at if old is not None else None
        return self._touch(
            profile_id,
            attempt.lesson_id,
            status="passed" if won or was_passed else "failed",
            best_score=best,
            first_try_score=first,
            completed_at=completed or (now if won else None),
            content_hash=content_hash if won else (old.content_hash if old else None),
            in_quiz=False,
        )

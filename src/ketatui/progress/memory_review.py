"""The spaced-review and knowledge-gain part of `MemoryProgress` (a mixin).

Follows `progress.review_tables` (the store's) rule for rule: tests/test_learning.py runs
the same review scenarios on both.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

import msgspec

from ketatui.progress.model import (
    REVIEW_LESSON,
    AnswerRecord,
    Attempt,
    GainCheck,
    LessonReviews,
    ReviewCard,
    ReviewEntry,
    StaleReviewError,
    review_key,
    split_review_key,
)


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


class MemoryReview:
    """Review cards, log, sessions and gain checks in dicts and lists."""

    def __init__(self) -> None:
        self._cards: dict[tuple[int, str, str], ReviewCard] = {}
        self._log: list[tuple[int, ReviewEntry]] = []
        self._sessions: dict[int, tuple[int, Attempt]] = {}
        self._checks: list[tuple[int, GainCheck]] = []

    def adopt_review(self, profile_id: int, session: Attempt) -> None:
        """Carry on a review session begun in a store that just failed, under its id."""
        self._sessions.setdefault(session.id, (profile_id, session))

    def _all_attempts(self, profile_id: int) -> list[Attempt]:
        raise NotImplementedError  # pragma: no cover - MemoryProgress provides it

    def review_card(self, profile_id: int, lesson_id: str, question_id: str) -> ReviewCard | None:
        return self._cards.get((profile_id, lesson_id, question_id))

    def review_cards(self, profile_id: int) -> list[ReviewCard]:
        return self.due_cards(profile_id, None)

    def due_cards(
        self, profile_id: int, now: datetime | None, limit: int | None = None
    ) -> list[ReviewCard]:
        found = sorted(
            (
                c
                for (pid, _l, _q), c in self._cards.items()
                if pid == profile_id and (now is None or _utc(c.due) <= _utc(now))
            ),
            key=lambda c: (_utc(c.due), c.lesson_id, c.question_id),
        )
        return found if limit is None else found[:limit]

    def due_count(self, profile_id: int, now: datetime) -> int:
        return len(self.due_cards(profile_id, now))

    def save_review(self, profile_id: int, card: ReviewCard, entry: ReviewEntry) -> None:
        if entry.session_id is not None:
            held = self._sessions.get(entry.session_id)
            if held is None or held[0] != profile_id or held[1].finished:
                raise StaleReviewError("That review session is over.")
            record = AnswerRecord(
                question_id=review_key(entry.lesson_id, entry.question_id),
                answer=entry.answer,
                correct=entry.correct,
                answered_at=entry.reviewed_at,
            )
            session = msgspec.structs.replace(held[1], answers=(*held[1].answers, record))
            self._sessions[entry.session_id] = (profile_id, session)
        self._cards[(profile_id, card.lesson_id, card.question_id)] = card
        self._log.append((profile_id, entry))

    def drop_cards(self, profile_id: int, keys: Iterable[tuple[str, str]]) -> None:
        for lesson_id, question_id in keys:
            self._cards.pop((profile_id, lesson_id, question_id), None)

    def review_log(self, profile_id: int) -> list[ReviewEntry]:
        return [e for pid, e in self._log if pid == profile_id]

    def lesson_reviews(self, profile_id: int) -> dict[str, LessonReviews]:
        passed: dict[str, bool] = {}
        for attempt in self._all_attempts(profile_id):
            if attempt.kind == "full" and attempt.finished and attempt.passed is not None:
                passed.setdefault(attempt.lesson_id, attempt.passed)
        reviews: dict[str, dict[str, tuple[bool, datetime]]] = {}
        for entry in self.review_log(profile_id):
            if entry.source == "review":
                found = reviews.setdefault(entry.lesson_id, {})
                found[entry.question_id] = (entry.correct, entry.reviewed_at)
        return {
            lesson_id: LessonReviews(passed.get(lesson_id), reviews.get(lesson_id, {}))
            for lesson_id in sorted(set(passed) | set(reviews))
        }

    def start_review(
        self, profile_id: int, keys: list[str], seed: int | None, now: datetime
    ) -> Attempt:
        for key in keys:
            split_review_key(key)
        sid = max(self._sessions, default=0) + 1
        session = Attempt(
            id=sid,
            lesson_id=REVIEW_LESSON,
            question_ids=tuple(keys),
            answers=(),
            started_at=_utc(now),
            finished_at=None,
            score=None,
            passed=None,
            kind="review",
            seed=seed,
        )
        self._sessions[sid] = (profile_id, session)
        return session

    def open_review(self, profile_id: int) -> Attempt | None:
        found = [a for pid, a in self._sessions.values() if pid == profile_id and not a.finished]
        return max(found, key=lambda a: a.id) if found else None

    def finish_review(self, session_id: int, score: float, now: datetime) -> None:
        held = self._sessions.get(session_id)
        if held is None or held[1].finished:
            raise StaleReviewError("That review session is over.")
        done = msgspec.structs.replace(held[1], finished_at=_utc(now), score=score)
        self._sessions[session_id] = (held[0], done)

    def review_sessions(self, profile_id: int) -> list[Attempt]:
        return [a for _id, (pid, a) in sorted(self._sessions.items()) if pid == profile_id]

    def save_check(self, profile_id: int, check: GainCheck) -> None:
        self._checks.append((profile_id, check))

    def gain_checks(self, profile_id: int | None = None) -> list[GainCheck]:
        return [c for pid, c in self._checks if profile_id is None or pid == profile_id]

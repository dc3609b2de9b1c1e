"""The spaced-review part of a training record: mastery, review history, due counts.

Built by `progress.records.export_records` from the store's review tables; JSON-safe
dicts, times local with their offset (as the rest of the record). No Textual import.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ketatui.progress.model import (
    AnswerRecord,
    Attempt,
    LessonReviews,
    LessonState,
    ReviewCard,
    ReviewEntry,
)
from ketatui.review.mastery import Mastery, lesson_mastery, module_mastery

if TYPE_CHECKING:
    from ketatui.content.catalog import LessonEntry
    from ketatui.progress.store import ProgressStore

#: How each FSRS rating reads in a record.
RATING_WORDS = {1: "again", 2: "hard", 3: "good", 4: "easy"}


class ReviewFacts:
    """A profile's review data, read once for the whole record."""

    def __init__(self, store: ProgressStore, profile_id: int, now: datetime) -> None:
        self.now = now
        self.reviews: dict[str, LessonReviews] = store.lesson_reviews(profile_id)
        self.log: dict[str, list[ReviewEntry]] = {}
        for entry in store.review_log(profile_id):
            self.log.setdefault(entry.lesson_id, []).append(entry)
        self.cards: dict[str, list[ReviewCard]] = {}
        for card in store.review_cards(profile_id):
            self.cards.setdefault(card.lesson_id, []).append(card)
        self.sessions: list[Attempt] = store.review_sessions(profile_id)
        self.seeds = {s.id: s.seed for s in self.sessions}
        self.levels: Counter[str] = Counter()

    def due(self, lesson_id: str | None = None) -> int:
        """Questions due now (of one lesson, or of all)."""
        cards = (
            self.cards.get(lesson_id, [])
            if lesson_id is not None
            else [c for found in self.cards.values() for c in found]
        )
        return sum(1 for c in cards if c.due <= self.now)


def _question_count(entry: LessonEntry | None, attempts: list[Attempt]) -> int:
    if entry is not None:
        return entry.card.questions
    return max((len(a.question_ids) for a in attempts if a.kind == "full"), default=0)


def lesson_review_part(
    facts: ReviewFacts,
    lesson_id: str,
    state: LessonState | None,
    attempts: list[Attempt],
    entry: LessonEntry | None,
    describe: Any,
) -> dict[str, Any]:
    """A lesson's mastery level, its questions due now and its review history.
    `describe(record, question, seed)` gives an answer in words."""
    count = _question_count(entry, attempts)
    level = lesson_mastery(state, facts.reviews.get(lesson_id), count)
    facts.levels[level.key] += 1
    history = []
    for item in facts.log.get(lesson_id, []):
        question = entry.lesson.question(item.question_id) if entry is not None else None
        row: dict[str, Any] = {"question_id": item.question_id}
        if question is not None:
            row["prompt"] = question.prompt
        row.update(
            reviewed_at=item.reviewed_at.astimezone().isoformat(timespec="seconds"),
            where="review session" if item.source == "review" else "lesson quiz",
            rating=RATING_WORDS.get(item.rating, str(item.rating)),
            result="right" if item.correct else "wrong",
        )
        if item.source == "review" and item.answer is not None:
            record = AnswerRecord(item.question_id, item.answer, item.correct, item.reviewed_at)
            seed = facts.seeds.get(item.session_id) if item.session_id is not None else None
            row["answer"] = describe(record, question, seed)
        history.append(row)
    return {"mastery": level.key, "questions_due": facts.due(lesson_id), "reviews": history}


def summary_part(facts: ReviewFacts) -> dict[str, Any]:
    """The record's review summary: due now, lessons per mastery level, sessions."""
    return {
        "due_for_review": facts.due(),
        "mastery": {level.key: facts.levels.get(level.key, 0) for level in Mastery},
    }


def sessions_part(facts: ReviewFacts) -> list[dict[str, Any]]:
    """Each review session: when, how many questions, its score."""
    return [
        {
            "session": n,
            "started_at": s.started_at.astimezone().isoformat(timespec="seconds"),
            "finished_at": (
                None
                if s.finished_at is None
                else s.finished_at.astimezone().isoformat(timespec="seconds")
            ),
            "questions": len(s.question_ids),
            "answered": len({a.question_id for a in s.answers}),
            "score_percent": None if s.score is None else round(s.score * 100),
        }
        for n, s in enumerate(facts.sessions, 1)
    ]


def module_levels(lessons: list[dict[str, Any]]) -> dict[str, str]:
    """Each module's mastery level (by module title), from its lessons' records."""
    by_module: dict[str, list[Mastery]] = {}
    for lesson in lessons:
        if lesson.get("module") is not None:
            level = Mastery[lesson["mastery"].upper().replace("-", "_")]
            by_module.setdefault(lesson["module"], []).append(level)
    return {title: module_mastery(levels).key for title, levels in by_module.items()}

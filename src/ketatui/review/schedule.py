"""When a question comes back for review: the FSRS scheduler, behind one small interface.

Every question a learner with a profile answers becomes a review card. An answer gives a
rating (wrong: Again; right after a hint or on a retry: Hard; right first time: Good) and
FSRS says when the question is next due. There are no same-day learning steps: a learner
opens ketatui on some days, not every ten minutes, so a missed question is due the next
day and a right one a few days later, then further apart each time it is right.

No clock is read here: every function takes `now` (the session's clock), so tests can
move time.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from functools import cache

from fsrs import Card, Rating, Scheduler

from ketatui.content.model import Question
from ketatui.progress.model import ReviewCard
from ketatui.quiz.grading import correct_answer_text
from ketatui.review.rating import Grade


def fingerprint(question: Question) -> str:
    """A short hash of what the learner is asked and what counts as right: a card whose
    fingerprint no longer matches starts fresh."""
    text = json.dumps([question.id, question.prompt, correct_answer_text(question)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@cache
def _scheduler() -> Scheduler:
    # Fuzzing off: the same answers give the same due dates (tests, and a learner's record
    # that can be explained). No learning steps: see the module docstring.
    return Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


def _as_utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def review(
    card: ReviewCard | None,
    lesson_id: str,
    question: Question,
    grade: Grade,
    now: datetime,
) -> ReviewCard:
    """The card after one answer given at `now` (a new card when there was none, or when
    the question changed since)."""
    print_ = fingerprint(question)
    memory = None
    if card is not None and card.fingerprint == print_:
        try:
            memory = Card.from_dict(json.loads(card.memory))
        except (ValueError, TypeError, KeyError):  # damaged or from another version
            memory = None
    if memory is None:
        # A fixed id: fsrs would otherwise read the clock (and sleep a millisecond) for one.
        memory = Card(card_id=1)
    memory, _log = _scheduler().review_card(memory, Rating(int(grade)), _as_utc(now))
    return ReviewCard(
        lesson_id=lesson_id,
        question_id=question.id,
        fingerprint=print_,
        due=memory.due,
        memory=json.dumps(memory.to_dict(), sort_keys=True),
    )


def is_due(card: ReviewCard, now: datetime) -> bool:
    """Whether a card is due at `now`."""
    return card.due <= _as_utc(now)

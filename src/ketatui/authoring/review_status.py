"""Where the course stands in clinical review: drafts, overdue reviews, what blocks a kiosk.

The one home of "overdue" (`is_overdue`): `ketatui stats`, `ketatui validate` and
`ketatui kiosk --check` all count with it, so the three never disagree about a lesson.
Plain Python (no Textual).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ketatui.content.model import Lesson, Review


def is_overdue(next_due: dt.date | None, today: dt.date) -> bool:
    """True when a review's `next_due` date is before `today` (no date: never overdue)."""
    return next_due is not None and next_due < today


def is_cleared(review: Review, today: dt.date) -> bool:
    """True when a clinician approved the lesson and that review has not lapsed.

    What `require_reviewed` in kiosk.toml asks of every patient lesson: `approved`, and
    `next_due` not yet passed. A draft or in-review lesson has had no sign-off; a retired
    one is no longer current; an overdue review may predate a label change.
    """
    return review.status == "approved" and not is_overdue(review.next_due, today)


@dataclass(frozen=True, slots=True)
class ReviewCounts:
    """How many lessons are in each review status, and how many are overdue."""

    lessons: int = 0
    draft: int = 0
    in_review: int = 0
    approved: int = 0
    retired: int = 0
    overdue: int = 0

    def to_json(self, today: dt.date) -> dict[str, object]:
        """The counts as plain values, with the day the due dates were judged against."""
        return {
            "today": today.isoformat(),
            "lessons": self.lessons,
            "draft": self.draft,
            "in_review": self.in_review,
            "approved": self.approved,
            "retired": self.retired,
            "overdue": self.overdue,
        }


def count_reviews(reviews: Iterable[Review], today: dt.date) -> ReviewCounts:
    """Count lessons by review status and overdue date."""
    statuses: Counter[str] = Counter()
    overdue = 0
    for review in reviews:
        statuses[review.status] += 1
        overdue += is_overdue(review.next_due, today)
    return ReviewCounts(
        lessons=sum(statuses.values()),
        draft=statuses["draft"],
        in_review=statuses["in_review"],
        approved=statuses["approved"],
        retired=statuses["retired"],
        overdue=overdue,
    )


def describe_counts(counts: ReviewCounts, noun: str = "lessons") -> str:
    """One calm sentence, e.g. `26 of 26 lessons are drafts (not yet reviewed by a
    clinician), 0 overdue for review`. `noun` is plural ("patient lessons")."""
    total, draft, in_review = counts.lessons, counts.draft, counts.in_review
    first = draft or in_review  # the verb agrees with the first count said
    verb = "is" if first == 1 else "are"
    if draft and in_review:
        drafts = "a draft" if draft == 1 else "drafts"
        state = (
            f"{draft} of {total} {noun} {verb} {drafts} and {in_review} "
            f"{'is' if in_review == 1 else 'are'} in review (not yet approved by a clinician)"
        )
    elif draft:
        drafts = "a draft" if draft == 1 else "drafts"
        state = f"{draft} of {total} {noun} {verb} {drafts} (not yet reviewed by a clinician)"
    elif in_review:
        state = f"{in_review} of {total} {noun} {verb} in review (not yet approved by a clinician)"
    else:
        verb = "is" if counts.approved == 1 else "are"
        state = f"{counts.approved} of {total} {noun} {verb} approved by a clinician"
    if counts.retired:
        state += f", {counts.retired} retired"
    return f"{state}, {counts.overdue} overdue for review"


@dataclass(frozen=True, slots=True)
class NotCleared:
    """A lesson that `require_reviewed` keeps off a kiosk, and why."""

    path: Path
    lesson_id: str
    reason: str


def _reason(review: Review, today: dt.date) -> str:
    state = {"draft": "draft", "in_review": "in review"}.get(review.status, review.status)
    if is_overdue(review.next_due, today):
        assert review.next_due is not None
        return f"{state}, review overdue since {review.next_due.isoformat()}"
    return f"{state} (not approved by a clinician)" if review.status != "approved" else state


def not_cleared(lessons: Iterable[tuple[Path, Lesson]], today: dt.date) -> list[NotCleared]:
    """The lessons that are not approved, or whose review is overdue, in the order given."""
    return [
        NotCleared(path, lesson.id, _reason(lesson.review, today))
        for path, lesson in lessons
        if not is_cleared(lesson.review, today)
    ]

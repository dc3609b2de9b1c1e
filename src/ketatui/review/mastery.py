"""Mastery levels: how well a learner knows a lesson, and a module. The one rule.

A lesson is, from lowest to highest:

- not started: never opened;
- attempted: opened, or its quiz tried, but not passed;
- familiar: passed;
- proficient: passed, and either its first full attempt passed or every one of its
  questions was last answered right in a review session;
- mastered: proficient, and every one of its questions was last answered right in a review
  session at least a week after the lesson was first passed.

A lesson without a quiz can be familiar at most: there is nothing to review. A module's level
is the lowest level of its lessons, except that a module with some lessons started and
others not is "attempted". docs/architecture.md ("Mastery levels") says the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from enum import IntEnum

from ketatui.i18n import _
from ketatui.progress.model import LessonReviews, LessonState

#: How long after passing a right review must come for "mastered".
MASTERY_GAP = timedelta(days=7)


class Mastery(IntEnum):
    """The five levels, in order (compare them with < and >)."""

    NOT_STARTED = 0
    ATTEMPTED = 1
    FAMILIAR = 2
    PROFICIENT = 3
    MASTERED = 4

    @property
    def label(self) -> str:
        """The level in words, for the catalog and records."""
        return {
            Mastery.NOT_STARTED: _("not started"),
            Mastery.ATTEMPTED: _("attempted"),
            Mastery.FAMILIAR: _("familiar"),
            Mastery.PROFICIENT: _("proficient"),
            Mastery.MASTERED: _("mastered"),
        }[self]

    @property
    def key(self) -> str:
        """A stable English key for exports (JSON, CSV): not translated."""
        return self.name.lower().replace("_", "-")


def _all_right(reviews: LessonReviews, questions: int, since: datetime | None) -> bool:
    """Whether at least `questions` questions were last reviewed right (after `since`)."""
    right = [at for ok, at in reviews.reviews.values() if ok and (since is None or at >= since)]
    wrong = any(not ok for ok, _at in reviews.reviews.values())
    return questions > 0 and not wrong and len(right) >= questions


def lesson_mastery(
    state: LessonState | None, reviews: LessonReviews | None, questions: int
) -> Mastery:
    """The level of one lesson from its saved state, its reviews and its question count."""
    if state is None or state.status == "new":
        return Mastery.NOT_STARTED
    if state.status != "passed":
        return Mastery.ATTEMPTED
    if questions == 0:
        return Mastery.FAMILIAR
    reviews = reviews or LessonReviews()
    passed_at = state.completed_at
    if passed_at is not None and _all_right(reviews, questions, passed_at + MASTERY_GAP):
        return Mastery.MASTERED
    if reviews.first_try_passed or _all_right(reviews, questions, None):
        return Mastery.PROFICIENT
    return Mastery.FAMILIAR


def module_mastery(levels: Iterable[Mastery]) -> Mastery:
    """A module's level from its lessons' levels (the lowest, but "attempted" once any
    lesson is started)."""
    found = list(levels)
    if not found:
        return Mastery.NOT_STARTED
    lowest = min(found)
    if lowest == Mastery.NOT_STARTED and max(found) > Mastery.NOT_STARTED:
        return Mastery.ATTEMPTED
    return lowest

"""What a screen needs to know about who is learning and where progress goes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from ketatui.content.catalog import Catalog, LessonEntry
from ketatui.content.model import Track

if TYPE_CHECKING:
    # Only for the annotation: the store module (sqlite3...) is imported when a store is
    # opened, after the first screen is showing.
    from ketatui.progress.store import ProgressStore


class LearnerSession(msgspec.Struct):
    """The course, the store and the learner for the screens of one app run.

    `store` or `profile_id` is None when nothing may be saved (preview, kiosk, read-only
    data dir): screens then keep progress in memory only.
    """

    catalog: Catalog
    store: ProgressStore | None = None
    profile_id: int | None = None
    profile_name: str = ""
    #: Which lessons the learner sees: None = all tracks.
    track: Track | None = None
    #: Kiosk mode: patient track, bigger targets, no saving, no profile.
    kiosk: bool = False

    @property
    def saving(self) -> bool:
        """Whether progress is written to the store."""
        return self.store is not None and self.profile_id is not None

    def next_lesson(self, lesson_id: str) -> LessonEntry | None:
        """The lesson after this one on the learner's track."""
        return self.catalog.next_lesson(lesson_id, self.track)

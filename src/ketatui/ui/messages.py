"""Messages screens post up to their host app (learner app, kiosk or preview).

Screens never call the app by name: they say what the learner asked for, and whichever
host runs them decides what that means (the kiosk opens only patient lessons, the preview
opens nothing else). Each message is handled by `LearnerHost` or its subclasses.
"""

from __future__ import annotations

from textual.message import Message


class OpenLesson(Message):
    """Open this lesson, closing the lesson screens above the list first."""

    # Not a dataclass: making one costs ~0.3 ms of every start (the catalog imports it).
    def __init__(self, lesson_id: str) -> None:
        super().__init__()
        self.lesson_id = lesson_id


class ShowCrisis(Message):
    """Show crisis help on top of whatever is showing."""


class ShowSettings(Message):
    """Open the settings screen."""


class ShowProfiles(Message):
    """Go to the profile picker."""


class ReadAloud(Message):
    """Read the current page or question aloud (the kiosk's "Read to me" button)."""

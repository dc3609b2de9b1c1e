"""Messages screens post up to their host app (learner app, kiosk or preview).

Screens never call the app by name: they say what the learner asked for, and whichever
host runs them decides what that means (the kiosk opens only patient lessons, the preview
opens nothing else). Each message is handled by `LearnerHost` or its subclasses.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class OpenLesson(Message):
    """Open this lesson, closing the lesson screens above the list first."""

    lesson_id: str


class ShowCrisis(Message):
    """Show crisis help on top of whatever is showing."""


class ShowSettings(Message):
    """Open the settings screen."""


class ShowProfiles(Message):
    """Go to the profile picker."""


class ReadAloud(Message):
    """Read the current page or question aloud (the kiosk's "Read to me" button)."""

"""What the kiosk's screens and widgets ask of the kiosk app.

Posted up, handled by `KioskApp`: the screens never import the app, so the kiosk's
modules depend on each other one way (app -> screens -> widgets -> messages).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


class GoBack(Message):
    """One screen back (never past the welcome screen)."""


class StartOver(Message):
    """The visitor is done: start a new visit now."""


class ShowTopics(Message):
    """Open the list of topics (from the welcome screen)."""


@dataclass
class ShowTopic(Message):
    """Open the lessons of one topic."""

    module_id: str


@dataclass
class ChooseLanguage(Message):
    """The visitor chose a language on the welcome screen (a language code)."""

    language: str


class StillHere(Message):
    """Someone answered "Still there?": carry on with the visit."""


class StaffPinAccepted(Message):
    """The right staff PIN was entered: close the kiosk."""

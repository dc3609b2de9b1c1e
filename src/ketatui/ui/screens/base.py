"""What every learner screen shares: the crisis-help key first in the footer.

The app binds F1 (crisis help) and ? (keys) with priority, so they work on every screen
whatever has focus. Screens also declare them here only so the footer lists them first:
the footer shows bindings in chain order and a narrow terminal cuts off the right end.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.screen import Screen

CRISIS_BINDING = Binding("f1", "app.crisis", "Crisis help", key_display="F1")
HELP_BINDING = Binding("question_mark", "app.help", "Keys", key_display="?")


class KetatuiScreen(Screen[object]):
    """A full screen of the learner app. Subclasses add their own BINDINGS (with descriptions).

    Screens of other parts of the app may use CRISIS_BINDING and HELP_BINDING directly
    instead of subclassing, to get the same footer order.
    """

    BINDINGS: ClassVar[list[BindingType]] = [CRISIS_BINDING, HELP_BINDING]

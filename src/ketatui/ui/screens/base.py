"""What every learner screen shares: the crisis-help key first in the footer.

The app binds F1 (crisis help) and ? (keys) with priority, so they work on every screen
whatever has focus. Screens also declare them here only so the footer lists them first:
the footer shows bindings in chain order and a narrow terminal cuts off the right end.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.screen import Screen

from ketatui.i18n import N_

#: What a CSS_PATH may hold (Textual's own alias for it is private).
CSSPath = str | PurePath | list[str | PurePath]

CRISIS_BINDING = Binding("f1", "app.crisis", N_("Crisis help"), key_display="F1")
HELP_BINDING = Binding("question_mark", "app.help", N_("Keys"), key_display="?")


class KetatuiScreen(Screen[object]):
    """A full screen of the learner app. Subclasses add their own BINDINGS (with descriptions).

    Screens of other parts of the app may use CRISIS_BINDING and HELP_BINDING directly
    instead of subclassing, to get the same footer order.
    """

    BINDINGS: ClassVar[list[BindingType]] = [CRISIS_BINDING, HELP_BINDING]


#: The descriptions of `body_scroll_bindings`, by what scrolls (marked for the catalogs).
_SCROLL_WORDS = {
    "the text": (
        N_("Scroll the text up"),
        N_("Scroll the text down"),
        N_("Page the text up"),
        N_("Page the text down"),
    ),
    "the review": (
        N_("Scroll the review up"),
        N_("Scroll the review down"),
        N_("Page the review up"),
        N_("Page the review down"),
    ),
}


def body_scroll_bindings(what: str = "the text") -> list[BindingType]:
    """Keys that scroll a screen's text while the keyboard is on one of its buttons.

    Listed in the keys help (not the key bar). The screen defines `action_scroll_body`
    (see `scroll_body`); when the scrolling text itself has focus its own keys come first.
    """
    up, down, page_up, page_down = _SCROLL_WORDS[what]
    return [
        Binding("up", "scroll_body('up')", up, key_display="↑", show=False),
        Binding("down", "scroll_body('down')", down, key_display="↓", show=False),
        Binding("pageup", "scroll_body('page_up')", page_up, show=False),
        Binding("pagedown", "scroll_body('page_down')", page_down, show=False),
    ]


def scroll_body(screen: Screen[Any], selector: str, direction: str) -> None:
    """Scroll the widget `selector` of `screen` one line or page `direction`, at once."""
    from textual.containers import ScrollableContainer

    body = screen.query_one(selector, ScrollableContainer)
    if direction == "up":
        body.scroll_up(animate=False)
    elif direction == "down":
        body.scroll_down(animate=False)
    elif direction == "page_up":
        body.scroll_page_up(animate=False)
    elif direction == "page_down":
        body.scroll_page_down(animate=False)


class Leavable:
    """A screen a host can ask to close the way its own Escape key does (`leave`), so the
    callbacks waiting for it run as usual. Lesson, quiz and results screens are leavable."""

    def leave(self) -> None:
        """Leave this screen as its Escape key would."""
        raise NotImplementedError

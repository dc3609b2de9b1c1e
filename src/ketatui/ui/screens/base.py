"""What every learner screen shares: the crisis-help key first in the footer.

The app binds F1 (crisis help) and ? (keys) with priority, so they work on every screen
whatever has focus. Screens also declare them here only so the footer lists them first:
the footer shows bindings in chain order and a narrow terminal cuts off the right end.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.screen import Screen

from ketatui.i18n import N_

#: What a CSS_PATH may hold (Textual's own alias for it is private).
CSSPath = str | PurePath | list[str | PurePath]

CRISIS_BINDING = Binding("f1", "app.crisis", N_("Crisis help"), key_display="F1")
HELP_BINDING = Binding("question_mark", "app.help", N_("Keys"), key_display="?")


# A plain mixin at run time, so it is no CSS type name and fits under ModalScreen too.
if TYPE_CHECKING:
    _ScreenBase = Screen[Any]
else:
    _ScreenBase = object


class LaidOutOnce(_ScreenBase):
    """Mixin (before the screen class): a Resize to the size the screen is already laid
    out at lays nothing out again.

    Textual lays a screen out as it is shown, then again for each Resize it posts as the
    app starts or a screen is pushed, at the same size, and lays the screens below out
    again with it: at start two more layouts and paints of the whole catalog (8 M of the
    205 M instructions ketatui adds to a bare app's start, callgrind, 80x24), and on
    opening a lesson or a quiz one more of it and one of the screen below. A widget that
    changes asks for its own layout, so nothing waits on these. A Resize to another size,
    or any Resize in an app with breakpoints (the kiosk), is handled as always
    (`tests/ui/test_laid_out_once.py`).
    """

    def on_resize(self, event: events.Resize) -> None:
        """Skip Textual's layout for a Resize to the size the screen already has."""
        # `region` is where the screen was last laid out (its `size` is the app's, already
        # the new one when the Resize comes). Screen's own handler also sets the classes of
        # any breakpoints (the kiosk's), which a pushed screen first gets from this Resize.
        if event.size == self.region.size and not self._has_breakpoints():
            event.stop()
            event.prevent_default()  # Screen's own handler, which would lay out again

    def _has_breakpoints(self) -> bool:
        app = self.app
        return any(
            (mine if mine is not None else app_wide)
            for mine, app_wide in (
                (self.HORIZONTAL_BREAKPOINTS, app.HORIZONTAL_BREAKPOINTS),
                (self.VERTICAL_BREAKPOINTS, app.VERTICAL_BREAKPOINTS),
            )
        )


class KetatuiScreen(LaidOutOnce, Screen[object]):
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

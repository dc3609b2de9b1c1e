"""The first screen: education, not medical advice, and where to get help in a crisis."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from ketatui.content.model import Course
from ketatui.i18n import N_, _
from ketatui.ui.screens.base import KetatuiScreen, body_scroll_bindings, scroll_body
from ketatui.ui.text import reflow
from ketatui.ui.widgets.key_bar import KeyBar
from ketatui.ui.widgets.light_button import LightButton

DEFAULT_NOTICE = N_(
    "This app is for education only. It is not medical advice. "
    "Talk with your care team about your own treatment."
)


def crisis_summary(course: Course) -> Content:
    """One line per crisis resource, e.g. "Lifeline: Call or text 988 (US)"."""
    lines = []
    for r in course.crisis.resources:
        line = f"• {r.name}: {r.contact}"
        if r.region:
            line += f" ({r.region})"
        lines.append(line)
    return Content("\n".join(lines))


class NoticeScreen(KetatuiScreen):
    """Shown once, as the first screen. Posts `NoticeScreen.Read` when the learner continues."""

    DEFAULT_CSS = """
    #notice-body {
        padding: 1 2;
        align-horizontal: center;
    }

    #notice-body > Static {
        max-width: 88;
    }

    .notice-text {
        margin-top: 1;
        border-left: thick $primary;
        padding: 0 1;
        margin-bottom: 0;
    }

    #notice-help {
        height: auto;
        padding: 0 2;
        margin-bottom: 1;
    }

    /* The height the title, help line and button leave: the text scrolls inside it. */
    #notice-body {
        height: 1fr;
    }

    /* Under the scrolling text (not inside it), which takes the rest of the height: the
       button is always in view and focusing it never scrolls the title off the top. */
    #notice-actions {
        margin: 0 0 1 0;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "continue", N_("Continue")),
        *body_scroll_bindings(),
    ]
    # Focus the button straight away: focusing the scrolling body first (Textual's default)
    # and then moving to the button restyled the screen twice before the first paint.
    AUTO_FOCUS = "#continue"

    def __init__(self, course: Course) -> None:
        super().__init__(id="notice")
        self.course = course

    def compose(self) -> ComposeResult:
        course = self.course
        with VerticalScroll(id="notice-body"):
            yield Static(Content(course.title), classes="screen-title")
            if course.summary:
                yield Static(Content(reflow(course.summary)), classes="muted")
            yield Static(
                Content(reflow(course.notice or _(DEFAULT_NOTICE))),
                id="notice-text",
                classes="notice-text",
            )
        # Crisis help under the scrolling text, never scrolled away: on a small screen
        # (60x20) the help lines are always in view, whatever the notice's length.
        with Vertical(id="notice-help"):
            from ketatui.ui.screens.crisis import crisis_title

            title = crisis_title(course.crisis)
            before, _key, after = _("Press {key} on any screen.").partition("{key}")
            yield Static(
                Content.assemble((title, "bold"), "  " + before, ("F1", "bold"), after),
                id="notice-help-title",
            )
            if course.crisis.resources:
                yield Static(crisis_summary(course), id="notice-crisis")
        # Outside the scrolling text, under it: the focused button is always in
        # view, and focusing it never scrolls the title and disclaimer off the top.
        with Center(id="notice-actions"):
            yield LightButton(_("I understand, continue"), id="continue")
        yield KeyBar()

    def action_scroll_body(self, direction: str) -> None:
        """Scroll the notice while the keyboard is on the Continue button."""
        scroll_body(self, "#notice-body", direction)

    class Read(Message):
        """The learner continued past the notice (the app shows what comes next)."""

    @on(LightButton.Pressed, "#continue")
    def action_continue(self) -> None:
        """Leave the notice."""
        self.post_message(self.Read())

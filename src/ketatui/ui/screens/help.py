"""Keys help (`?`): the keys of the screen underneath, with what they do."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import Center, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Static

from ketatui.i18n import N_, _
from ketatui.ui.screens.base import LaidOutOnce
from ketatui.ui.widgets.light_button import LightButton

TYPING_NOTE = N_("While typing in a box, ? types a question mark: press F2 for this list instead.")

TAB_NOTE = N_("Tab and Shift+Tab move between the parts of the screen.")

#: Actions too technical to list: sideways scrolling of lists that never scroll sideways,
#: and Textual's generic entries ("Focus Next", "Copy selected text"...); Tab is explained
#: once in plain words instead (TAB_NOTE).
HIDDEN_ACTIONS = frozenset(
    {
        "scroll_left",
        "scroll_right",
        "page_left",
        "page_right",
        "focus_next",
        "focus_previous",
        "copy_text",
        "command_palette",
        "maximize",
        "minimize",
    }
)

Rows = list[tuple[str, str]]


def key_sections(
    bindings: Iterable[ActiveBinding], key_display: Callable[[Binding], str]
) -> list[tuple[str, Rows]]:
    """The keys in two sections: the main keys (as in the footer), then moving around.

    One row per action, its keys joined with " / ", described by the binding's tooltip
    (the longer text) or else its description. Bindings without a description are internal
    and left out.
    """
    main: dict[tuple[str, str], list[str]] = {}
    other: dict[tuple[str, str], list[str]] = {}
    for active in bindings:
        binding = active.binding
        action = binding.action.removeprefix("app.").removeprefix("screen.")
        if not binding.description or action in HIDDEN_ACTIONS:
            continue
        target = main if binding.show else other
        key = (action, _(binding.tooltip or binding.description))
        if target is other and key in main:
            target = main
        keys = target.setdefault(key, [])
        shown = key_display(binding)
        if shown not in keys:
            keys.append(shown)
    sections: list[tuple[str, Rows]] = []
    for title, rows in ((_("Main keys"), main), (_("Moving around"), other)):
        if rows:
            sections.append((title, [(" / ".join(keys), desc) for (_, desc), keys in rows.items()]))
    return sections


class HelpScreen(LaidOutOnce, ModalScreen[None]):
    """Lists keys in titled sections of (keys, description) rows; Escape or ? closes it."""

    TITLE = N_("Keys")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Close")),
        Binding("q", "close", N_("Close"), show=False),
    ]

    def __init__(self, title: str, sections: list[tuple[str, Rows]]) -> None:
        # No fixed id: help can be open twice in the stack (help -> F1 -> help), and
        # Textual refuses two screens with one id.
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.sections = sections

    def compose(self) -> ComposeResult:
        width = max((len(k) for _, rows in self.sections for k, _ in rows), default=4) + 2
        # As in crisis help: the keys scroll inside the dialog in a small terminal, while
        # the Close button stays in view below them (a touch user never scrolls to leave).
        with Vertical(classes="dialog help-dialog") as dialog:
            dialog.border_subtitle = _("Esc: close")
            with VerticalScroll(id="help-body"):
                title = _("Keys: {screen}").format(screen=self.title_text)
                yield Static(Content(title), classes="dialog-title")
                for title, rows in self.sections:
                    yield Static(Content(title), classes="help-section")
                    # Two columns, so a long description wraps under itself, not under
                    # the keys.
                    for keys, description in rows:
                        with Horizontal(classes="help-row"):
                            key_cell = Static(Content(keys), classes="help-key")
                            key_cell.styles.width = width
                            yield key_cell
                            yield Static(Content(description), classes="help-description")
                note = f"{_(TAB_NOTE)} {_(TYPING_NOTE)}"
                yield Static(Content(note), classes="muted help-note")
            with Center(id="help-actions"):
                yield LightButton(_("Close (Esc)"), id="close")

    def on_mount(self) -> None:
        # Focus the scrolling body, not the button, so the text starts at the top and the
        # arrow keys scroll it.
        self.query_one("#help-body", VerticalScroll).focus()

    @on(LightButton.Pressed, "#close")
    def action_close(self) -> None:
        """Back to the screen underneath."""
        self.dismiss(None)


def screen_bindings(screen: Screen[Any]) -> list[ActiveBinding]:
    """The keys of a screen for its keys help, wherever the keyboard focus is.

    The active bindings (what works now), then the keys of the app's own widgets shown on
    the screen, e.g. u / d of an order question while the Submit button has focus.
    """
    bindings = list(screen.active_bindings.values())
    listed = {(active.binding.key, active.binding.action) for active in bindings}
    for widget in screen.query("*"):
        if not type(widget).__module__.startswith("ketatui.") or not _shown(widget):
            continue
        for key_bindings in widget._bindings.key_to_bindings.values():
            for binding in key_bindings:
                if (binding.key, binding.action) not in listed:
                    listed.add((binding.key, binding.action))
                    bindings.append(ActiveBinding(widget, binding, True, binding.tooltip))
    return bindings


def _shown(widget: Widget) -> bool:
    """False when the widget or one of its containers is hidden (display: none)."""
    node: DOMNode | None = widget
    while isinstance(node, Widget):
        if not node.display:
            return False
        node = node.parent
    return True


def screen_title(screen: Screen[Any]) -> str:
    """A name for a screen in the keys help, e.g. "Lessons"."""
    title = getattr(type(screen), "TITLE", None)
    if title:
        return _(str(title))
    name = type(screen).__name__.removesuffix("Screen")
    for prefix in ("Kiosk", "Preview"):
        name = name.removeprefix(prefix) or name
    return _(name) if name else _("This screen")


#: Screens named by their class (no TITLE), listed for the translation catalogs.
SCREEN_NAMES = (
    N_("Lesson"),
    N_("Quiz"),
    N_("Results"),
    N_("Crisis"),
    N_("Notice"),
    N_("Welcome"),
    N_("Topics"),
    N_("TopicLessons"),
    N_("StillThere"),
    N_("StaffPin"),
    N_("PageAgain"),
    N_("Home"),
)

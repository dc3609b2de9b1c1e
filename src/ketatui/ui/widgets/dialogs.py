"""Small modal dialogs: confirm an action, or type a name.

Messages and names are passed as `Content` (or plain `str`, shown literally), never as
markup, so text typed by a learner can neither style the dialog nor trigger an action.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from ketatui.i18n import N_, _
from ketatui.ui.screens.base import LaidOutOnce


def _plain(text: str | Content) -> Content:
    """Text to show as-is: a str is never parsed as markup."""
    return text if isinstance(text, Content) else Content(text)


class ConfirmDialog(LaidOutOnce, ModalScreen[bool]):
    """Ask a yes/no question; dismisses with True only when the learner confirms.

    Focus starts on the safe choice (cancel), so a stray Enter never deletes anything.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel")),
        Binding("y", "confirm", N_("Yes"), show=False),
        Binding("n", "cancel", N_("No"), show=False),
    ]

    def __init__(
        self,
        title: str | Content,
        message: str | Content,
        *,
        confirm_label: str = "",
        cancel_label: str = "",
        danger: bool = False,
    ) -> None:
        super().__init__(classes="dialog-screen")
        self._title = _plain(title)
        self._message = _plain(message)
        self._confirm_label = confirm_label or _("Yes")
        self._cancel_label = cancel_label or _("Cancel")
        self._danger = danger

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self._title, classes="dialog-title")
            yield Static(self._message, classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self._cancel_label, id="cancel")
                yield Button(
                    self._confirm_label,
                    id="confirm",
                    variant="error" if self._danger else "primary",
                )

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        """Confirm: dismiss with True."""
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Cancel: dismiss with False."""
        self.dismiss(False)


#: Checks a proposed name: returns an error message to show, or None when it was accepted.
NameCheck = Callable[[str], "str | None"]


class NameDialog(LaidOutOnce, ModalScreen[str | None]):
    """Ask for a name. `check` is called on submit; an error it returns is shown inline.

    Dismisses with the accepted name, or None when cancelled.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(
        self,
        title: str | Content,
        check: NameCheck,
        *,
        value: str = "",
        confirm_label: str = "",
    ) -> None:
        super().__init__(classes="dialog-screen")
        self._title = _plain(title)
        self._check = check
        self._value = value
        self._confirm_label = confirm_label or _("Save")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self._title, classes="dialog-title")
            yield Input(self._value, placeholder=_("Name"), max_length=60, id="name")
            yield Static("", id="name-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Cancel"), id="cancel")
                yield Button(self._confirm_label, id="confirm", variant="primary")

    @on(Input.Changed)
    def _clear_error(self) -> None:
        self.query_one("#name-error", Static).update("")

    @on(Input.Submitted)
    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        """Try the name; dismiss with it if accepted, else show why not."""
        name = self.query_one("#name", Input).value
        error = self._check(name)
        if error is None:
            self.dismiss(name.strip())
        else:
            self.query_one("#name-error", Static).update(Content(error))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Cancel: dismiss with None."""
        self.dismiss(None)

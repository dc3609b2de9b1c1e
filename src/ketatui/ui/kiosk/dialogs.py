"""Kiosk dialogs: "Still there?" and the staff PIN."""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Grid, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static
from textual.worker import Worker, WorkerState

from ketatui.i18n import N_, _, ngettext
from ketatui.kioskcore.pin import PIN_MAX_DIGITS, PinAttempt, PinGuard
from ketatui.ui.kiosk.messages import StaffPinAccepted, StillHere
from ketatui.ui.screens.base import LaidOutOnce


def countdown_text(seconds: int) -> str:
    """The countdown sentence."""
    return (
        ngettext(
            "To keep your visit private, this screen will start over in {n} second.",
            "To keep your visit private, this screen will start over in {n} seconds.",
            seconds,
        ).format(n=seconds)
        + "\n"
        + _("Touch the screen or press any key to continue.")
    )


class StillThereScreen(LaidOutOnce, ModalScreen[None]):
    """Asks whether anyone is still there while the idle countdown runs.

    Any key or tap continues the visit (the app handles keys, this screen taps).
    """

    def __init__(self, seconds: int) -> None:
        super().__init__(classes="-kiosk")
        self.seconds = seconds

    def compose(self) -> ComposeResult:
        with Vertical(classes="kiosk-dialog"):
            yield Static(Content(_("Still there?")), classes="kiosk-heading")
            yield Static(
                Content(countdown_text(self.seconds)),
                id="countdown-text",
                classes="kiosk-dialog-text",
            )
            with Center():
                yield Button(
                    _("I'm still here"), id="still-here", variant="primary", classes="kiosk-big"
                )

    def set_remaining(self, seconds: int) -> None:
        """Show the seconds left."""
        if seconds != self.seconds:
            self.seconds = seconds
            self.query_one("#countdown-text", Static).update(Content(countdown_text(seconds)))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(StillHere())

    @on(Button.Pressed, "#still-here")
    def _still_here(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(StillHere())


def wait_text(seconds: float) -> str:
    """The back-off sentence, in whole seconds rounded up."""
    whole = max(1, int(-(-seconds // 1)))
    return ngettext(
        "Too many wrong PINs. Try again in {n} second.",
        "Too many wrong PINs. Try again in {n} seconds.",
        whole,
    ).format(n=whole)


class StaffPinScreen(LaidOutOnce, ModalScreen[None]):
    """Staff enter the PIN here to close the kiosk. Digits by keyboard or keypad."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, guard: PinGuard) -> None:
        super().__init__(classes="-kiosk")
        #: Checks PINs and keeps the back-off across dialogs (it belongs to the app).
        self.guard = guard
        self._was_waiting = False
        #: Entries waiting to be checked, in order (one check runs at a time).
        self._pending: list[str] = []
        self._checking = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="kiosk-dialog kiosk-pin-dialog") as dialog:
            dialog.border_title = _("Staff only")
            yield Static(
                Content(_("Enter the staff PIN to close the kiosk.")), classes="kiosk-dialog-text"
            )
            yield Input(
                password=True,
                restrict=r"[0-9]*",
                max_length=PIN_MAX_DIGITS,
                id="pin-input",
                placeholder=_("PIN"),
            )
            with Grid(id="pin-keypad"):
                for digit in "123456789":
                    yield Button(digit, id=f"pin-key-{digit}", classes="pin-key")
                yield Button(_("Delete"), id="pin-delete", classes="pin-key")
                yield Button("0", id="pin-key-0", classes="pin-key")
                yield Button("OK", id="pin-ok", variant="primary", classes="pin-key")
            yield Static("", id="pin-status")
            with Center():
                yield Button(_("Cancel"), id="pin-cancel", classes="kiosk-nav")

    def on_mount(self) -> None:
        self.query_one("#pin-input", Input).focus()
        self.refresh_wait()

    def _status(self, text: str) -> None:
        self.query_one("#pin-status", Static).update(Content(text))

    def refresh_wait(self) -> None:
        """Show the wait left, if any (the app calls this on every idle tick)."""
        wait = self.guard.wait_remaining()
        if wait > 0:
            self._was_waiting = True
            self._status(wait_text(wait))
        elif self._was_waiting:
            self._was_waiting = False
            self._status(_("You can try again now."))

    @on(Button.Pressed, ".pin-key")
    def _key(self, event: Button.Pressed) -> None:
        event.stop()
        box = self.query_one("#pin-input", Input)
        button_id = event.button.id or ""
        if button_id == "pin-ok":
            self.submit()
        elif button_id == "pin-delete":
            box.value = box.value[:-1]
        elif len(box.value) < PIN_MAX_DIGITS:
            box.value += button_id.removeprefix("pin-key-")

    @on(Input.Submitted, "#pin-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def submit(self) -> None:
        """Check the PIN in the box (in a thread); the box is always cleared."""
        box = self.query_one("#pin-input", Input)
        pin, box.value = box.value, ""
        if pin:
            self._pending.append(pin)
            self._check_next()

    def _check_next(self) -> None:
        if self._checking or not self._pending:
            return
        pin = self._pending.pop(0)
        # scrypt takes tens of milliseconds by design: off the event loop, so crisis help
        # (F1) and the idle clock never wait for it. Entries made meanwhile queue up.
        self._checking = True
        self.run_worker(
            lambda: self.guard.attempt(pin), thread=True, group="pin-check", exit_on_error=False
        )

    @on(Worker.StateChanged)
    def _checked(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group != "pin-check" or not worker.is_finished:
            return
        self._checking = False
        if worker.state == WorkerState.SUCCESS and isinstance(worker.result, PinAttempt):
            self._show(worker.result)
        elif worker.state == WorkerState.ERROR:
            self._status(_("The PIN could not be checked. Please ask for help."))
        self._check_next()

    def _show(self, result: PinAttempt) -> None:
        """Say what happened to one entry (or close the kiosk on the right PIN)."""
        if result.ok:
            self._pending.clear()
            self.post_message(StaffPinAccepted())
        elif result.locked:
            self._was_waiting = True
            self._status(wait_text(result.wait_seconds))
        elif result.wait_seconds > 0:
            self._was_waiting = True
            whole = int(-(-result.wait_seconds // 1))
            self._status(
                ngettext(
                    "Wrong PIN. Wait {n} second before trying again.",
                    "Wrong PIN. Wait {n} seconds before trying again.",
                    whole,
                ).format(n=whole)
            )
        else:
            left = result.tries_left
            self._status(
                ngettext(
                    "Wrong PIN. {n} more try before a wait.",
                    "Wrong PIN. {n} more tries before a wait.",
                    left,
                ).format(n=left)
            )

    @on(Button.Pressed, "#pin-cancel")
    def action_cancel(self) -> None:
        """Close the PIN screen and go back to where the visitor was."""
        self.dismiss(None)

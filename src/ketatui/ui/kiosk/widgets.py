"""The bar at the top of every kiosk screen: Back, the site name, Read to me (on lessons,
questions and results), Start over, Help now."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Static

from ketatui.i18n import _
from ketatui.ui.kiosk.messages import GoBack, StartOver
from ketatui.ui.messages import ReadAloud, ShowCrisis


class KioskBar(Horizontal):
    """Touch-sized navigation that every kiosk screen shows at the top.

    The help button is always there: crisis help is one tap away from every screen.
    """

    def __init__(
        self,
        title: str,
        *,
        back: bool = True,
        start_over: bool = True,
        back_label: str = "",
        read_aloud: bool = False,
    ) -> None:
        super().__init__(classes="kiosk-bar")
        self._title = title
        self._back = back
        self._start_over = start_over
        self._back_label = back_label or _("◀ Back")
        self._read_aloud = read_aloud

    def compose(self) -> ComposeResult:
        if self._back:
            yield Button(self._back_label, id="kiosk-back", classes="kiosk-nav")
        yield Static(Content(self._title), classes="kiosk-bar-title")
        if self._read_aloud:
            yield Button(_("Read to me"), id="kiosk-read", classes="kiosk-nav")
        if self._start_over:
            yield Button(_("Start over"), id="kiosk-start-over", classes="kiosk-nav")
        yield Button(_("Help now (F1)"), id="kiosk-help", variant="error", classes="kiosk-nav")

    @on(Button.Pressed, "#kiosk-back")
    def _back_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(GoBack())

    @on(Button.Pressed, "#kiosk-start-over")
    def _start_over_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(StartOver())

    @on(Button.Pressed, "#kiosk-read")
    def _read_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(ReadAloud())

    @on(Button.Pressed, "#kiosk-help")
    def _help_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(ShowCrisis())

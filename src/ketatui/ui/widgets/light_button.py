"""A primary button drawn like Textual's Button with a fraction of its CSS.

Textual's Button carries CSS for every style and variant (~7 KB), parsed and matched the
first time any Button shows. On the first screen that was ~6 ms of the notice's ~45 ms
(a whole bare app takes ~10 ms). Crisis help and keys help use it too: the catalog has no
Button, so the first F1 paid that parse, and crisis help must open at once the first time
(median first F1 over the catalog 42.5 -> 29.1 ms, alternating runs). Other screens use
the real Button.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Static

from ketatui.i18n import N_


class LightButton(Static, can_focus=True):
    """A one-line label that looks and acts like ``Button(label, variant="primary")``.

    Enter or a click posts `LightButton.Pressed`.
    """

    DEFAULT_CSS: ClassVar[str] = """
    LightButton {
        width: auto;
        min-width: 16;
        height: auto;
        line-pad: 1;
        text-align: center;
        content-align: center middle;
        pointer: pointer;
        text-style: bold;
        color: $button-color-foreground;
        background: $primary;
        border-top: tall $primary-lighten-3;
        border-bottom: tall $primary-darken-3;
        &:hover {
            background: $primary-darken-2;
            border-top: tall $primary;
        }
        &:focus {
            text-style: $button-focus-text-style;
            background-tint: $foreground 5%;
        }
    }
    """

    # As Button's: Enter presses the focused button (and is listed as such in the keys help).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "press", N_("Press button"), show=False)
    ]

    class Pressed(Message):
        """The button was pressed."""

        def __init__(self, button: LightButton) -> None:
            super().__init__()
            self.button = button

        @property
        def control(self) -> LightButton:
            """The button that was pressed (lets `@on(LightButton.Pressed, "#id")` match)."""
            return self.button

    def action_press(self) -> None:
        """Press the button."""
        self.post_message(self.Pressed(self))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.action_press()

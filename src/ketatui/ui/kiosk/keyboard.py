"""The kiosk's on-screen keyboard, for short-answer questions on a touch-only screen.

A visitor without a keyboard could otherwise never answer a short-answer question (and so
never finish that quiz). The kiosk mounts one `KioskKeyboard` on each quiz screen; it shows
itself only while a short-answer question is waiting for an answer, and types into that
question's box. Its keys never take the focus, so the box keeps its cursor and Enter,
Submit and the hardware keyboard all keep working as before.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Input

from ketatui.i18n import _, current_language
from ketatui.ui.widgets.questions import ShortAnswerView

#: Key rows, as on a phone: digits, then the three letter rows.
ROWS: tuple[str, ...] = ("1234567890", "QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM")
#: The Spanish layout: Ñ where a Spanish keyboard has it, and a row of accented vowels
#: (answers are accepted with or without accents, but a visitor should not have to guess).
ROWS_ES: tuple[str, ...] = ("1234567890", "QWERTYUIOP", "ASDFGHJKLÑ", "ZXCVBNM", "ÁÉÍÓÚÜ")


def rows_for(language: str) -> tuple[str, ...]:
    """The key rows for an interface language."""
    return ROWS_ES if language == "es" else ROWS


def key_id(key: str) -> str:
    """A key's widget id: `osk-a`; a letter outside a-z by its code point (`osk-u00f1`)."""
    return f"osk-{key}" if key.isascii() else f"osk-u{ord(key):04x}"


#: `name` of the two keys that do not type their own letter.
SPACE = "space"
BACKSPACE = "backspace"


class KeyButton(Button, can_focus=False):
    """One key (id `osk-<key>`: `osk-a`, `osk-4`, `osk-space`, `osk-backspace`).

    Not focusable: tapping it leaves the focus (and cursor) in the answer box.
    """

    async def _on_click(self, event: events.Click) -> None:
        # A Button ignores clicks for 0.2 s after a press (its "active" flash); a key must
        # take every tap, or "ll" and quick deletes would lose letters.
        event.stop()
        self.press()


class KioskKeyboard(Vertical):
    """Letters A-Z, digits 0-9, space and backspace, typing into the short-answer box.

    Composed into the kiosk's quiz screen (`KioskQuizScreen.compose_answer_aid`). It finds the box
    as the `Input` inside the screen's current question view, and hides itself whenever
    there is none to type into (another question type, or the answer was submitted).
    """

    DEFAULT_CLASSES: ClassVar[str] = "kiosk-keyboard"

    def __init__(self, *, id: str | None = "kiosk-keyboard", classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)

    def compose(self) -> ComposeResult:
        for number, row in enumerate(rows_for(current_language())):
            with Horizontal(classes="osk-row"):
                for char in row:
                    key = char.lower()
                    yield KeyButton(char, name=key, id=key_id(key), classes="osk-key")
                if number == 2:
                    yield KeyButton("⌫", name=BACKSPACE, id=f"osk-{BACKSPACE}", classes="osk-key")
                elif number == 3:
                    yield KeyButton(
                        _("Space"), name=SPACE, id=f"osk-{SPACE}", classes="osk-key osk-space"
                    )

    def on_mount(self) -> None:
        # Every change of question or answered state moves the focus (the new question's
        # box, or the Next button after Submit): that is when to show or hide.
        self.watch(self.screen, "focused", self._focus_moved, init=False)
        self.sync()
        # The quiz may still be mounting its first question: look again once it has.
        self.call_after_refresh(self.sync)

    def _focus_moved(self, _focused: Widget | None) -> None:
        self.sync()

    def target(self) -> Input | None:
        """The short-answer box to type into, or None when there is nothing to answer."""
        return answer_box(self.screen)

    def sync(self) -> None:
        """Show the keyboard only while there is a short answer to type."""
        self.display = self.target() is not None

    @on(Button.Pressed, ".osk-key")
    def _key(self, event: Button.Pressed) -> None:
        event.stop()
        box = self.target()
        if box is None:
            self.sync()
            return
        key = event.button.name or ""
        if key == BACKSPACE:
            box.action_delete_left()
        elif key == SPACE:
            box.insert_text_at_cursor(" ")
        else:
            box.insert_text_at_cursor(key)
        if self.screen.focused is not box:
            box.focus(scroll_visible=False)


def answer_box(screen: Screen[object]) -> Input | None:
    """The unanswered short-answer `Input` on a quiz screen, or None."""
    view = getattr(screen, "view", None)
    if not isinstance(view, ShortAnswerView) or view.frozen:
        return None
    if getattr(screen, "answered", False) or not view.is_attached:
        return None
    boxes = view.query(Input)
    return boxes.first() if boxes else None

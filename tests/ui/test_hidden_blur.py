"""A widget that loses focus while hidden looks unfocused when it is shown again.

`HiddenBlur` skips the restyle of a hidden widget losing focus (the quiz hides the answer
input and the Next button as focus leaves them); these check the restyle is only put off.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.color import Color
from textual.widgets import Button

from ketatui.ui.widgets.hidden_blur import QuizButton

FOCUS_RED = Color.parse("red")


class TwoButtons(App[None]):
    CSS = """
    Button { background: blue; }
    Button:focus { background: red; }
    .gone { display: none; }
    """

    def compose(self) -> ComposeResult:
        yield QuizButton("Hidden then shown", id="hidden")
        yield Button("Other", id="other")


async def test_shown_again_by_display_looks_unfocused() -> None:
    app = TwoButtons()
    async with app.run_test() as pilot:
        hidden = app.query_one("#hidden", QuizButton)
        hidden.focus()
        await pilot.pause()
        assert hidden.styles.background == FOCUS_RED
        hidden.display = False
        app.query_one("#other").focus()
        await pilot.pause()
        hidden.display = True
        await pilot.pause()
        assert not hidden.has_focus
        assert hidden.styles.background != FOCUS_RED


async def test_shown_again_by_css_looks_unfocused() -> None:
    app = TwoButtons()
    async with app.run_test() as pilot:
        hidden = app.query_one("#hidden", QuizButton)
        hidden.focus()
        await pilot.pause()
        hidden.add_class("gone")
        app.query_one("#other").focus()
        await pilot.pause()
        hidden.remove_class("gone")
        await pilot.pause()
        assert hidden.styles.background != FOCUS_RED


async def test_focus_while_shown_restyles_at_once() -> None:
    app = TwoButtons()
    async with app.run_test() as pilot:
        hidden = app.query_one("#hidden", QuizButton)
        app.query_one("#other").focus()
        await pilot.pause()
        hidden.focus()
        await pilot.pause()
        assert hidden.styles.background == FOCUS_RED

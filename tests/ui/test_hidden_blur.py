"""A widget that loses focus while hidden looks unfocused when it is shown again.

`HiddenBlur` skips the restyle of a hidden widget losing focus (the quiz hides the answer
input and the Next button as focus leaves them); these check the restyle is only put off.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
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


def _by_display(widget: QuizButton, shown: bool) -> None:
    widget.display = shown


def _by_css(widget: QuizButton, shown: bool) -> None:
    widget.set_class(not shown, "gone")


@pytest.mark.parametrize("show", [_by_display, _by_css], ids=["display", "css"])
async def test_shown_again_looks_unfocused(show: Callable[[QuizButton, bool], None]) -> None:
    app = TwoButtons()
    async with app.run_test() as pilot:
        hidden = app.query_one("#hidden", QuizButton)
        hidden.focus()
        await pilot.pause()
        assert hidden.styles.background == FOCUS_RED
        show(hidden, False)
        app.query_one("#other").focus()
        await pilot.pause()
        show(hidden, True)
        await pilot.pause()
        assert not hidden.has_focus
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


@pytest.mark.parametrize("restyled_meanwhile", [False, True], ids=["as-left", "class-changed"])
async def test_shown_with_focus_looks_focused(restyled_meanwhile: bool) -> None:
    # `show_focused` skips the restyle for being shown: the one for focus must still come,
    # even when a class change restyled the hidden widget as unfocused meanwhile.
    app = TwoButtons()
    async with app.run_test() as pilot:
        hidden = app.query_one("#hidden", QuizButton)
        hidden.focus()
        await pilot.pause()
        hidden.display = False
        app.query_one("#other").focus()
        await pilot.pause()
        if restyled_meanwhile:
            hidden.add_class("-meanwhile")
        hidden.show_focused()
        await pilot.pause()
        assert hidden.has_focus
        assert hidden.styles.background == FOCUS_RED


async def test_shown_but_unable_to_take_focus_looks_unfocused() -> None:
    app = TwoButtons()
    async with app.run_test() as pilot:
        hidden = app.query_one("#hidden", QuizButton)
        hidden.focus()
        await pilot.pause()
        hidden.display = False
        app.query_one("#other").focus()
        await pilot.pause()
        hidden.can_focus = False
        hidden.show_focused()
        await pilot.pause()
        assert not hidden.has_focus
        assert hidden.styles.background != FOCUS_RED


@pytest.mark.parametrize("can_take_focus", [True, False], ids=["focused", "cannot-focus"])
async def test_looked_focused_ahead_then_shown(can_take_focus: bool) -> None:
    # The quiz gives the hidden Next button its focused look while a question is read;
    # Submit then shows it with focus. If focus cannot move there, the look must go.
    app = TwoButtons()
    async with app.run_test() as pilot:
        hidden = app.query_one("#hidden", QuizButton)
        hidden.display = False
        app.query_one("#other").focus()
        await pilot.pause()
        hidden.look_focused()
        hidden.can_focus = can_take_focus
        hidden.show_focused()
        await pilot.pause()
        assert hidden.has_focus is can_take_focus
        assert (hidden.styles.background == FOCUS_RED) is can_take_focus
        assert app.screen.focused is (hidden if can_take_focus else app.query_one("#other"))

"""A widget that loses focus while hidden looks unfocused when it is shown again.

`HiddenBlur` skips the restyle of a hidden widget losing focus (the quiz hides the answer
input and the Next button as focus leaves them); these check the restyle is only put off.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.app import App, ComposeResult
from textual.color import Color
from textual.geometry import Region
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


# ------------------------------------------------------------ lines kept while hidden
# Hidden and shown again unchanged, a widget draws the lines it drew before (Submit at each
# Next); any change meanwhile must still show.


def _drawn(widget: QuizButton) -> list[list[tuple[str, str]]]:
    """The cells `widget` draws now: (text, style) runs per line."""
    width, height = widget.outer_size
    lines = widget.render_lines(Region(0, 0, width, height))
    return [[(segment.text, str(segment.style)) for segment in line] for line in lines]


def _drawn_afresh(widget: QuizButton) -> list[list[tuple[str, str]]]:
    widget.refresh()  # drops every line drawn so far
    return _drawn(widget)


def _relabel(app: App[None], widget: QuizButton) -> None:
    widget.label = "A new label"


def _switch_theme(app: App[None], widget: QuizButton) -> None:
    app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"


def _restyle_by_class(app: App[None], widget: QuizButton) -> None:
    widget.add_class("-loud")


def _widen(app: App[None], widget: QuizButton) -> None:
    widget.styles.width = 40


def _lose_focus(app: App[None], widget: QuizButton) -> None:
    app.query_one("#other").focus()


class KeptLinesApp(App[None]):
    AUTO_FOCUS = "#other"
    CSS = """
    QuizButton.-loud { background: green; }
    QuizButton:focus { background: red; }
    """

    def compose(self) -> ComposeResult:
        yield QuizButton("Submit", id="hidden")
        yield Button("Other", id="other")


async def test_shown_again_unchanged_draws_as_before_without_drawing_again() -> None:
    app = KeptLinesApp()
    async with app.run_test() as pilot:
        button = app.query_one("#hidden", QuizButton)
        before = _drawn(button)
        kept = button._styles_cache._cache.copy()
        button.display = False
        await pilot.pause()
        button.display = True
        await pilot.pause()
        drawn = button._styles_cache._cache
        assert kept and all(drawn[y] is kept[y] for y in kept)  # not drawn again
        assert _drawn(button) == before == _drawn_afresh(button)


@pytest.mark.parametrize(
    "change",
    [_relabel, _switch_theme, _restyle_by_class, _widen, _lose_focus],
    ids=["label", "theme", "class", "width", "focus"],
)
async def test_a_change_while_hidden_shows_once_shown(
    change: Callable[[App[None], QuizButton], None],
) -> None:
    app = KeptLinesApp()
    async with app.run_test() as pilot:
        button = app.query_one("#hidden", QuizButton)
        if change is _lose_focus:
            button.focus()
            await pilot.pause()
        before = _drawn(button)
        button.display = False
        await pilot.pause()
        change(app, button)
        await pilot.pause()
        button.display = True
        await pilot.pause()
        shown = _drawn(button)
        assert shown != before
        assert shown == _drawn_afresh(button)

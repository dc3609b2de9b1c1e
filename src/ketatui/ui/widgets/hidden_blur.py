"""`HiddenBlur`: a widget that loses focus while hidden is restyled when it shows again.

Textual restyles a widget and all its children whenever it gains or loses focus (its
`:focus` rules may change how they look). The quiz moves focus away from widgets it has
just hidden: on Submit from the answer input (now replaced by the marked review) to Next,
on Next from the Next button to the new question. Restyling a hidden radio set and its
buttons was about 4.7 ms of a 29 ms submit, and the hidden Next button 1.4 ms of a Next
(timed per message at 100x40, `benchmarks/ui_latency.py`): work for cells nobody sees.

With this mixin (before the widget class) a widget hidden when its focus changes is
restyled when it is shown again instead: when `display` is set true (before the next
paint). A class change that shows it restyles it anyway (Textual restyles the node whose
classes changed and everything under it). Gaining focus while shown restyles at once, as
always. `tests/ui/test_hidden_blur.py` checks that a widget shown again either way looks
unfocused.

Shown again unchanged, it draws the lines it drew before it was hidden instead of drawing
them again (`_put_back_kept_lines`); `tests/ui/test_hidden_blur.py` checks that a change
made while it was hidden (label, theme, class, width, focus) still shows.

Two ways to show one with focus restyle it once instead of twice: `show_focused` (the
Next button on Submit), and `look_focused` while it is still hidden (the next question's
input, built while the feedback is read), after which gaining focus restyles nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Button

from ketatui.ui.widgets.one_pass_mixins import OnePass

# A plain mixin at run time: Textual follows a widget class's first widget base for its CSS
# type names, so a Widget base here would hide "SelectionList" from the quiz's lists' selectors.
if TYPE_CHECKING:
    from textual.widget import Widget as _Base
else:
    _Base = object


class HiddenBlur(_Base):
    """Mixin (before the widget class): focus changes while hidden restyle nothing until
    the widget is shown."""

    _focus_style_stale = False
    #: The lines drawn before the widget was hidden, while none of it has changed since.
    _kept_lines: dict[int, Strip] | None = None
    #: True while `display` changes (Textual marks the widget dirty for that alone).
    _toggling = False

    def watch_has_focus(self, has_focus: bool) -> None:
        if self.display:
            self._focus_style_stale = False
            super().watch_has_focus(has_focus)
        else:
            self._focus_style_stale = True

    @property
    def display(self) -> bool:
        return Widget.display.fget(self)  # type: ignore[attr-defined,no-any-return]

    @display.setter
    def display(self, new_val: bool | str) -> None:
        shown = self.display
        lines = _clean_lines(self) if shown and new_val in (False, "none") else None
        self._toggling = True
        try:
            Widget.display.fset(self, new_val)  # type: ignore[attr-defined]
        finally:
            self._toggling = False
        if lines is not None:
            self._kept_lines = lines
        if self.display:
            self._restyle_if_stale()
            if not shown:
                self._put_back_kept_lines()

    def _set_dirty(self, *regions: Region) -> None:
        # Whatever changes how the widget looks marks it dirty (a restyle, a new label or
        # size, a theme): the lines kept from before it was hidden are no longer its look.
        if not self._toggling:
            self._kept_lines = None
        super()._set_dirty(*regions)

    def _put_back_kept_lines(self) -> None:
        """Shown again, draw the lines from before it was hidden, if nothing changed since.

        Hiding and showing a widget each ask Textual to redraw all of it, though showing
        it again changes none of its cells. The quiz shows Submit again at each Next:
        redrawing its three lines was 1.7% of the Next's instructions (callgrind, 100x40).
        """
        lines, self._kept_lines = self._kept_lines, None
        if lines:
            cache = self._styles_cache
            cache._cache.update(lines)
            cache._dirty_lines.difference_update(lines)

    def show_focused(self) -> None:
        """Show this widget and move focus to it at once, restyling it once (for focus).

        Hidden while it had focus, it still looks focused, as it is about to be: a restyle
        for being shown would only be redone by the one for gaining focus.
        """
        Widget.display.fset(self, True)  # type: ignore[attr-defined]
        self.screen.set_focus(self)
        if self.screen.focused is not self:  # could not take focus: look unfocused now
            if self.has_focus:  # only looked focused (`look_focused`): restyles
                self.has_focus = False
            self._restyle_if_stale()

    def look_focused(self) -> None:
        """While hidden, take on the look of having focus, ahead of being shown with it.

        The restyle for gaining focus is then done before the widget is needed, not when
        it is (2.3 ms for a multiple-choice list, at Next): the Focus event that comes
        when it is shown finds `has_focus` already set and restyles nothing. Whoever calls
        this focuses the widget when showing it, or sets `has_focus` back to False.
        """
        self.set_reactive(Widget.has_focus, True)  # no watcher: one restyle, below
        self._focus_style_stale = False
        self.update_node_styles()

    def _restyle_if_stale(self) -> None:
        if self._focus_style_stale:
            self._focus_style_stale = False
            self.update_node_styles()


def _clean_lines(widget: Widget) -> dict[int, Strip]:
    """The lines of `widget` drawn and not marked for redrawing since, by line number."""
    cache = widget._styles_cache
    dirty = cache._dirty_lines
    return {y: strip for y, strip in cache._cache.items() if y not in dirty}


class QuizButton(OnePass, HiddenBlur, Button):
    """A Button the quiz hides while it has focus (Submit, Next, Hint, Move up...).

    Laid out in one pass: the order question's Move buttons are first sized when the
    question is shown, which would otherwise cost a second layout and paint.
    """

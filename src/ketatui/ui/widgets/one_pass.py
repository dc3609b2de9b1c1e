"""Widgets that are laid out in one pass: `Text`, `Column`, and the `OnePass` and
`OnePassOptions` mixins.

Textual's `Widget.virtual_size` is a reactive that asks for a layout (and a repaint)
whenever it changes, so that a widget that scrolls can update its scroll bars. A layout
sets it on every widget whose size it changed, so each change of size costs a second
layout and a second paint of the same widgets: for a widget that never scrolls, the first
layout has already sized and placed everything, and the second redraws the same cells.
On the quiz (a submit shows the feedback, a Next swaps the question, both change sizes)
that second pass was about a third of each key press (measured at 100x40:
`benchmarks/ui_latency.py`).

A scrolling container needs no second pass either: `Widget._size_updated` updates its
scroll bars itself (`_scroll_update`), and a scroll bar that appears or goes asks for its
own layout. The second pass only redrew the same cells.

A size change still marks the widget's region dirty (`Widget._size_updated`), so the
first paint draws it at its new size; `tests/test_one_pass.py` checks that wrapped text
and resized screens still draw right.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Static

# A plain mixin at run time (see `hidden_blur`): a widget base here would change the CSS
# type names of the lists it is mixed into.
if TYPE_CHECKING:
    from textual.widgets import OptionList as _OptionListBase
else:
    _OptionListBase = object


class OnePass:
    """Mixin (before the widget class): a size change needs no second layout pass.

    For widgets that never scroll, and for `VerticalScroll` (see `Scroll`).
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)


class Text(OnePass, Static):
    """A `Static` that never scrolls, laid out in one pass."""


class Column(OnePass, Vertical):
    """A `Vertical` that never scrolls, laid out in one pass."""


class Row(OnePass, Horizontal):
    """A `Horizontal` that never scrolls, laid out in one pass."""


class Scroll(OnePass, VerticalScroll):
    """A `VerticalScroll` whose content changing height costs one layout pass, not two."""


class OnePassOptions(OnePass, _OptionListBase):
    """Mixin (before an `OptionList` class): one layout pass, and one paint when shown.

    `OptionList` sets its `virtual_size` while it paints (from the lines it has wrapped),
    which `OnePass` keeps from asking for a second layout; its own scroll bars are updated
    where it sets it. And it drops its wrapped and rendered options at every Resize,
    because they wrap at its width. A list shown again (the quiz builds the next question
    hidden) is painted at its real width first and gets its Resize after: dropping them
    then cost a second paint of the same lines, 2-4 ms of a Next to a multiple-choice or
    order question (`benchmarks/ui_latency.py`). Here they are dropped when the width
    they were wrapped at changes, checked before each paint, so a new width is also drawn
    right in the first paint rather than the second.
    """

    _options_width: int | None = None

    def _update_lines(self) -> None:
        width = self.scrollable_content_region.width
        if width and width != self._options_width:
            if self._options_width is not None:
                self._option_render_cache.clear()
                self._line_cache.clear()
            self._options_width = width
        super()._update_lines()

    def _on_resize(self, event: events.Resize) -> None:  # type: ignore[override]
        if self.scrollable_content_region.width == self._options_width:
            event.prevent_default()  # OptionList's handler would drop the same lines

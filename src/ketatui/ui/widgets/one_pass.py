"""Widgets that are laid out in one pass: `Text`, `Column` and the `OnePass` mixin.

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

from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Static


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

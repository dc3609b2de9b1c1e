"""Widgets laid out in one pass (`Text`, `Column`, `Row`, `Scroll`) and `OnePassOptions`,
built on the mixins of `one_pass_mixins` (which says why)."""

from __future__ import annotations

from typing import ClassVar

from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from ketatui.ui.widgets.one_pass_mixins import OnePass, OptionLines

__all__ = [
    "Column",
    "OnePass",
    "OnePassOptions",
    "PlainColumn",
    "PlainScroll",
    "Row",
    "Scroll",
    "Text",
]


class Text(OnePass, Static):
    """A `Static` that never scrolls, laid out in one pass."""


class Column(OnePass, Vertical):
    """A `Vertical` that never scrolls, laid out in one pass."""


class Row(OnePass, Horizontal):
    """A `Horizontal` that never scrolls, laid out in one pass."""


class Scroll(OnePass, VerticalScroll):
    """A `VerticalScroll` whose content changing height costs one layout pass, not two."""


# Textual draws a container's own cells (its background, padding and border) line by
# line through its style cache, again whenever its size changes: the quiz's question area
# changes height at most Next presses, and drawing its ~30 blank lines, then the slot's
# and the view's, was ~1 ms of the key press. `BLANK` paints them as blank cells in the
# container's colours at once, so these must never get a border or an outline.


class PlainColumn(Column):
    """A `Column` with no border or outline: its own cells are painted blank at once."""

    BLANK: ClassVar[bool] = True


class PlainScroll(Scroll):
    """A `Scroll` with no border or outline: its own cells are painted blank at once (its
    scroll bar is a widget of its own, drawn as before)."""

    BLANK: ClassVar[bool] = True


class OnePassOptions(OnePass, OptionLines):
    """Mixin (before an `OptionList` class): one layout pass, and one paint when shown.

    `OptionList` sets its `virtual_size` while it paints (from the lines it has wrapped),
    which `OnePass` keeps from asking for a second layout; its own scroll bars are updated
    where it sets it. `OptionLines` keeps the wrapped options through a Resize at the same
    width: a list shown again (the quiz builds the next question hidden) is painted at its
    real width first and gets its Resize after.
    """

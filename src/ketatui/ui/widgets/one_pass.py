"""Widgets laid out in one pass (`Text`, `Column`, `Row`, `Scroll`) and `OnePassOptions`,
built on the mixins of `one_pass_mixins` (which says why)."""

from __future__ import annotations

from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from ketatui.ui.widgets.one_pass_mixins import OnePass, OptionLines

__all__ = ["Column", "OnePass", "OnePassOptions", "Row", "Scroll", "Text"]


class Text(OnePass, Static):
    """A `Static` that never scrolls, laid out in one pass."""


class Column(OnePass, Vertical):
    """A `Vertical` that never scrolls, laid out in one pass."""


class Row(OnePass, Horizontal):
    """A `Horizontal` that never scrolls, laid out in one pass."""


class Scroll(OnePass, VerticalScroll):
    """A `VerticalScroll` whose content changing height costs one layout pass, not two."""


class OnePassOptions(OnePass, OptionLines):
    """Mixin (before an `OptionList` class): one layout pass, and one paint when shown.

    `OptionList` sets its `virtual_size` while it paints (from the lines it has wrapped),
    which `OnePass` keeps from asking for a second layout; its own scroll bars are updated
    where it sets it. `OptionLines` keeps the wrapped options through a Resize at the same
    width: a list shown again (the quiz builds the next question hidden) is painted at its
    real width first and gets its Resize after.
    """

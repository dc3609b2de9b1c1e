"""A one-line widget made of clickable parts: the key bar and the catalog's choice bar.

The part under the mouse is drawn highlighted and shows its tooltip; a click goes to the
part under it. Subclasses draw the line, record where each part is (`_spans`) and say
what a part's tooltip is and what a click on it does.
"""

from __future__ import annotations

from textual import events
from textual.widget import Widget

from ketatui.ui.widgets.one_pass_mixins import OnePass


class SpanBar(OnePass, Widget, can_focus=False):
    """Mouse hover and clicks over parts drawn at known cells of one line (which never
    scrolls: laid out in one pass)."""

    ALLOW_SELECT = False

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        #: Cell range (start, end) of each part as last drawn, for clicks and hover.
        self._spans: list[tuple[int, int]] = []
        #: Index into `_spans` of the part under the mouse, drawn highlighted.
        self._hover: int | None = None

    def _span_at(self, x: int) -> int | None:
        for index, (start, end) in enumerate(self._spans):
            if start <= x < end:
                return index
        return None

    def _tooltip_at(self, index: int) -> str | None:
        """The tooltip of part `index`."""
        raise NotImplementedError

    def _clicked(self, index: int, event: events.Click) -> None:
        """Part `index` was clicked."""
        raise NotImplementedError

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self._span_at(event.x)
        if index != self._hover:
            self._hover = index
            self.tooltip = None if index is None else self._tooltip_at(index)
            self.refresh()

    def on_leave(self, _event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        """A click on a part goes to that part (between parts it does nothing)."""
        index = self._span_at(event.x)
        if index is not None:
            self._clicked(index, event)

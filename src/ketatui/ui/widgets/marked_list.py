"""An `OptionList` whose highlighted row is marked by a shape as well as a colour: `▸`.

The highlight alone is a slightly lighter background (1.59:1 under NO_COLOR): a learner who
cannot see that difference could not tell which lesson Enter opens.
"""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from textual import events
from textual.strip import Strip
from textual.widgets import OptionList

#: Drawn in the first cell of the highlighted row.
MARKER = "▸"


class MarkedOptionList(OptionList):
    """An OptionList that draws `▸` at the start of the highlighted option's first line.

    It also measures its rows once for the first paint. `OptionList` measures them at
    the width it has without a scroll bar; measuring a long list shows the scroll bar,
    which narrows the rows. It then drew them at the narrower width (a row that wraps
    there lost its last line), and the Resize of its first layout, arriving after that
    paint, threw every row away to measure and draw them all again: about a fifth of the
    catalog's time to appear. Here a fresh measure that changed the width is redone at
    once, and a Resize to the width the rows were measured at keeps them.

    `one_pass.OnePassOptions` does the like for the quiz's lists. The catalog does not
    use it: importing `one_pass` on the first screen and checking the width before every
    line cost more start-up than it saved here (measured with callgrind).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: The content width the rows were last measured at (-1: not measured).
        self._lines_width = -1

    def _update_lines(self) -> None:
        if self._line_cache.lines:  # measured: only options added since need measuring
            super()._update_lines()
            return
        width = self.scrollable_content_region.width
        super()._update_lines()
        if self.scrollable_content_region.width != width:
            # The scroll bar came or went while measuring: measure at the new width.
            self._line_cache.clear()
            width = self.scrollable_content_region.width
            super()._update_lines()
        self._lines_width = width if self._line_cache.lines else -1

    def _on_resize(self, event: events.Resize) -> None:  # type: ignore[override]
        if self._line_cache.lines and self.scrollable_content_region.width == self._lines_width:
            # Measured (and drawn) at this width already: OptionList's handler would
            # throw the rows away.
            event.prevent_default()

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        highlighted = self.highlighted
        if highlighted is None:
            return line
        try:
            # Measured by OptionList.render_line just now (`_lines` would check again).
            index, offset = self._line_cache.lines[self.scroll_offset.y + y]
        except IndexError:
            return line
        if index != highlighted or offset != 0:
            return line
        segments = list(line)
        # Rows start with a blank cell (the option's padding or its own leading space).
        if not segments or not segments[0].text.startswith(" "):
            return line
        first = segments[0]
        segments[0] = Segment(MARKER + first.text[1:], first.style, first.control)
        return Strip(segments, line.cell_length)

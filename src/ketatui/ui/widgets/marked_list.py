"""An `OptionList` whose highlighted row is marked by a shape as well as a colour: `▸`.

The highlight alone is a slightly lighter background (1.59:1 under NO_COLOR): a learner who
cannot see that difference could not tell which lesson Enter opens.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import OptionList

from ketatui.ui.widgets.one_pass_mixins import OptionLines

#: Drawn in the first cell of the highlighted row.
MARKER = "▸"


class MarkedOptionList(OptionLines, OptionList):
    """An OptionList that draws `▸` at the start of the highlighted option's first line.

    Its rows are wrapped once per width (`OptionLines`): once for the catalog's first
    paint, where `OptionList` wrapped and drew them all twice.
    """

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

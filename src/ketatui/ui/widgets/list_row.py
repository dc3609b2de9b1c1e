"""An option for an `OptionList` that knows its height without laying out its text."""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

#: What `Content.assemble` takes: plain text, or (text, style).
Part = str | tuple[str, str]


class ListRow(Visual):
    """A few lines of styled text, for one option of a long list.

    `OptionList` asks every option for its height whenever it lays the list out. A
    `Content` prompt answers by wrapping and formatting all of its text: for the 1,000
    lessons of a large course that took ~150 ms before the catalog could show. A row whose
    lines all fit the width answers by counting them, and its `Content` is built only
    when the row is drawn, so the work is done for the rows on screen alone. A line too
    long for the width is wrapped exactly as a `Content` prompt would wrap it.
    """

    def __init__(self, *parts: Part, hang: int = 0) -> None:
        self._parts = parts
        #: Cells each line's wrapped continuation is indented by (under the text that
        #: follows a mark, not under the mark).
        self._hang = hang
        self._hung: tuple[int, Content] | None = None
        self._plain = "".join(part if isinstance(part, str) else part[0] for part in parts)
        self._lines = self._plain.split("\n")
        self._content: Content | None = None
        #: Cells in the longest line (-1: let Content measure), found on first use.
        self._widest: int | None = None

    def __str__(self) -> str:
        return self._plain

    @property
    def content(self) -> Content:
        """The row as `Content` (built on first use)."""
        if self._content is None:
            self._content = Content.assemble(*self._parts)
        return self._content

    def _fits(self, width: int) -> bool:
        if self._widest is None:
            # Tabs and control characters change the width once Content expands or
            # strips them: such a row never "fits", and Content measures it itself.
            printable = all(line.isprintable() for line in self._lines)
            self._widest = max(map(cell_len, self._lines)) if printable else -1
        return 0 <= self._widest <= width

    def _wrapped(self, width: int) -> Content:
        """The row with its long lines wrapped at `width`, continuations hung by `hang`."""
        if self._hung is not None and self._hung[0] == width:
            return self._hung[1]
        lines: list[Content] = []
        indent = Content(" " * self._hang)
        for line in self.content.split("\n"):
            if len(line) <= self._hang:  # nothing after the mark to wrap
                lines.append(line)
                continue
            head, body = line.divide([self._hang])
            wrapped = body.wrap(max(1, width - self._hang)) or [Content("")]
            lines.append(head + wrapped[0])
            lines.extend(indent + rest for rest in wrapped[1:])
        hung = Content("\n").join(lines)
        self._hung = (width, hung)
        return hung

    def _drawn(self, rules: RulesMap, width: int) -> Content:
        if not self._hang:
            return self.content
        return self._wrapped(width - rules.get("line_pad", 0) * 2)

    def get_height(self, rules: RulesMap, width: int) -> int:
        """Lines needed at `width`: one per line when every line fits."""
        if self._fits(width - rules.get("line_pad", 0) * 2):
            return len(self._lines)
        return self._drawn(rules, width).get_height(rules, width)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        """Width of the longest line (as `Content` measures it)."""
        return self.content.get_optimal_width(rules, container_width)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        """Draw the row (as its `Content` would draw itself, long lines hung by `hang`)."""
        if self._fits(width - options.rules.get("line_pad", 0) * 2):
            return self.content.render_strips(width, height, style, options)
        drawn = self._drawn(options.rules, width)
        return drawn.render_strips(width, height, style, options)

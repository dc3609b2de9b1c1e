"""`OnePass` and `OptionLines`: plain mixins for widgets laid out and drawn in one pass.

No widget classes here, so the first screen can use them at no import cost (the widgets
built on them are in `one_pass`).

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
first paint draws it at its new size; `tests/ui/test_one_pass.py` and
`tests/ui/test_catalog_rows.py` check that wrapped text and resized screens still draw
right.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import events
from textual.css.styles import RulesMap
from textual.geometry import Region, Size, Spacing
from textual.reactive import Reactive
from textual.strip import Strip

# A plain mixin at run time (see `hidden_blur`): a widget base here would change the CSS
# type names of the lists it is mixed into.
if TYPE_CHECKING:
    from textual.widgets import OptionList as _OptionListBase
    from textual.widgets.option_list import Option
else:
    _OptionListBase = object


class OnePass:
    """Mixin (before the widget class): a size change needs no second layout pass.

    For widgets that never scroll, and for `VerticalScroll` (see `Scroll`).
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)


class OptionLines(_OptionListBase):
    """Mixin (before an `OptionList` class): its options are wrapped once per width.

    `OptionList` wraps its options at the width it has before its scroll bar shows; a long
    list then shows the scroll bar, which narrows the options, and they were drawn at the
    wrong width (a row that wraps there lost its last line). And it drops every wrapped
    and rendered option at each Resize, which comes after the paint of a layout that
    changed the size: the options were wrapped, rendered and painted a second time at the
    same width (about a fifth of the catalog's time to appear; 2-4 ms of a Next to a quiz
    question whose list was built hidden). Here a wrap that moved the scroll bar is redone
    at once, options wrapped at another width are dropped before a paint, and a Resize to
    the width they were wrapped at keeps them.

    Options are also measured as they are drawn: with the vertical padding the CSS gives
    them (the kiosk's blank row above each choice, a bigger tap target), which Textual 8
    draws but did not count, so each option took the place of the one below it and a
    list of three showed three blank rows and no text; and beside the left gutter (a
    SelectionList's boxes), which it did not subtract when working out the list's height.
    """

    #: The content width the options were wrapped at (-1: not wrapped).
    _lines_width = -1
    #: True while painting: the lines were brought up to date for this paint.
    _lines_checked = False

    def render_lines(self, crop: Region) -> list[Strip]:
        # Once per paint, not per line: OptionList brings its lines up to date (measuring
        # its width, wrapping new options) from every line it draws, about a fifth of
        # drawing a choice list.
        if self._line_cache.lines and self.scrollable_content_region.width != self._lines_width:
            self._option_render_cache.clear()  # wrapped at another width
            self._line_cache.clear()
        self._update_lines()
        self._lines_checked = True
        try:
            return super().render_lines(crop)
        finally:
            self._lines_checked = False

    def _update_lines(self) -> None:
        if self._lines_checked:
            return
        if self._line_cache.lines:  # wrapped: only options added since need wrapping
            self._add_lines()
            return
        width = self.scrollable_content_region.width
        self._add_lines()
        if self.scrollable_content_region.width != width:
            # The scroll bar came or went while wrapping: wrap at the new width.
            self._line_cache.clear()
            width = self.scrollable_content_region.width
            self._add_lines()
        self._lines_width = width if self._line_cache.lines else -1

    def _add_lines(self) -> None:
        """`OptionList._update_lines`, counting each option's vertical padding."""
        if not self.scrollable_content_region:
            return
        cache = self._line_cache
        lines = cache.lines
        next_index = lines[-1][0] + 1 if lines else 0
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        if next_index < len(self.options):
            padding = self.get_component_styles("option-list--option").padding
            for index, option in enumerate(self.options[next_index:], next_index):
                cache.index_to_line[index] = len(lines)
                count = self._option_rows(option, width, padding) + option._divider
                cache.heights[index] = count
                lines.extend((index, line) for line in range(count))
        last_divider = bool(self.options) and self.options[-1]._divider
        virtual_size = Size(width, len(lines) - (1 if last_divider else 0))
        if virtual_size != self.virtual_size:
            self.virtual_size = virtual_size
            self._scroll_update(virtual_size)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # As `_add_lines` wraps them: OptionList measures at the full width, but the text
        # is drawn beside the left gutter (a SelectionList's boxes), so a choice that
        # wraps there was a line short and the list scrolled to show its last line.
        padding = self.get_component_styles("option-list--option").padding
        width -= self._get_left_gutter_width()
        options = self.options
        return sum(
            self._option_rows(option, width, padding)
            + int(option._divider and index < len(options) - 1)
            for index, option in enumerate(options)
        )

    def _option_rows(self, option: Option, width: int, padding: Spacing) -> int:
        """The rows `option` takes drawn `width` cells wide (beside the gutter), its
        padding included and its divider not."""
        text_width = width - padding.width
        rows = self._get_visual(option).get_height(cast(RulesMap, self.styles), text_width)
        return rows + padding.top + padding.bottom

    def _on_resize(self, event: events.Resize) -> None:  # type: ignore[override]
        if self._line_cache.lines and self.scrollable_content_region.width == self._lines_width:
            event.prevent_default()  # OptionList's handler would drop the same lines

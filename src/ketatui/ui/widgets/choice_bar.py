"""One line of clickable choices, e.g. "Show ● All lessons ○ Patient ○ Trainee   Continue ▸".

The catalog's track filter and Continue were four Buttons: three lines tall each, and on
the first screen of `ketatui --profile` they (their CSS, layout and a focus change) took
~40 ms of the ~100 ms the catalog needed to appear, against ~170 ms for a whole bare
Textual app. This bar is one widget drawn as one line. The keyboard keeps its own keys
(the screen's bindings, listed in the key bar): the bar is for the mouse and touch.
"""

from __future__ import annotations

from typing import ClassVar

import msgspec
from rich.cells import cell_len
from textual import events
from textual.app import RenderResult
from textual.content import Content
from textual.message import Message

from ketatui.ui.widgets.span_bar import SpanBar

LABEL_STYLE = "$text-muted"
OPTION_STYLE = "$foreground on $boost"
CHOSEN_STYLE = "bold $foreground on $primary-muted"
ACTION_STYLE = "bold $button-color-foreground on $primary"
HOVER_STYLE = "on $block-hover-background"
GAP = 1


class Choice(msgspec.Struct, frozen=True):
    """One clickable part of a `ChoiceBar`."""

    id: str
    label: str
    #: Options show ● when chosen and ○ otherwise; exactly one is usually chosen.
    chosen: bool = False
    #: An action (e.g. Continue) instead of an option: drawn as a button at the right end.
    action: bool = False
    tooltip: str = ""

    @property
    def text(self) -> str:
        """The choice as drawn, with its mark and a space either side."""
        if self.action:
            return f" {self.label} ▸ "
        return f" {'●' if self.chosen else '○'} {self.label} "


class ChoiceBar(SpanBar):
    """A label, then options (one chosen) on the left and actions on the right.

    A click posts `ChoiceBar.Pressed` with the choice's id. When the line is too narrow
    the actions follow the options directly, and what still does not fit is cut off.
    """

    DEFAULT_CSS: ClassVar[str] = """
    ChoiceBar {
        width: 1fr;
        height: 1;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    """

    class Pressed(Message):
        """A choice was clicked."""

        def __init__(self, bar: ChoiceBar, choice: Choice) -> None:
            super().__init__()
            self.bar = bar
            self.choice = choice

        @property
        def control(self) -> ChoiceBar:
            """The bar (lets `@on(ChoiceBar.Pressed, "#id")` match)."""
            return self.bar

    def __init__(
        self,
        label: str,
        choices: list[Choice],
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.label = label
        self._choices = list(choices)
        #: The choice drawn at each of `_spans`.
        self._drawn: list[Choice] = []

    @property
    def choices(self) -> list[Choice]:
        """The choices, in the order given."""
        return list(self._choices)

    def set_choices(self, choices: list[Choice]) -> None:
        """Replace the choices (e.g. to mark another one chosen) and redraw."""
        if choices != self._choices:
            self._choices = list(choices)
            self.refresh()

    def choice(self, choice_id: str) -> Choice | None:
        """The choice with this id, if there is one."""
        return next((c for c in self._choices if c.id == choice_id), None)

    def _layout(self, width: int) -> list[tuple[int, int, Choice]]:
        label_width = cell_len(self.label) + GAP if self.label else 0
        x = label_width
        spans = []
        options = [c for c in self._choices if not c.action]
        actions = [c for c in self._choices if c.action]
        for choice in options:
            spans.append((x, x + cell_len(choice.text), choice))
            x += cell_len(choice.text) + GAP
        actions_width = sum(cell_len(c.text) + GAP for c in actions) - GAP if actions else 0
        x = max(x, width - actions_width)
        for choice in actions:
            spans.append((x, x + cell_len(choice.text), choice))
            x += cell_len(choice.text) + GAP
        return spans

    def render(self) -> RenderResult:
        layout = self._layout(self.size.width)
        self._spans = [(start, end) for start, end, _ in layout]
        self._drawn = [choice for _, _, choice in layout]
        parts: list[Content | tuple[str, str] | str] = []
        if self.label:
            parts.append((self.label, LABEL_STYLE))
        x = cell_len(self.label)
        for position, (start, end, choice) in enumerate(layout):
            parts.append(" " * (start - x))
            if choice.action:
                style = ACTION_STYLE
            else:
                style = CHOSEN_STYLE if choice.chosen else OPTION_STYLE
            part = Content.styled(choice.text, style)
            if position == self._hover:
                part = part.stylize(HOVER_STYLE)
            parts.append(part)
            x = end
        return Content.assemble(*parts)

    def choice_span(self, choice_id: str) -> tuple[int, int] | None:
        """Where a choice is drawn: (first cell, cell after it), or None if it is not."""
        for start, end, choice in self._layout(self.size.width):
            if choice.id == choice_id:
                return start, end
        return None

    def _tooltip_at(self, index: int) -> str | None:
        return self._drawn[index].tooltip or None

    def _clicked(self, index: int, event: events.Click) -> None:
        """Post `Pressed` for the clicked choice."""
        event.stop()
        self.post_message(self.Pressed(self, self._drawn[index]))

"""A one-line progress meter drawn as text: "Question 3 of 8  ███████░░░░░░".

Textual's ProgressBar is a container of three widgets (bar, percentage, ETA) with a clock;
the quiz and lesson screens need only the bar, with their own "Question 3 of 8" / "Page 2
of 5" before it. One widget that draws both on one line keeps each page turn, answer and
next question from laying out and painting a row of three widgets (the count in a widget
of its own, sized to its text, resized the bar whenever the count grew a digit).

The line is drawn as three runs of cells, not as Content: it changes at every answer and
every Next, and Content's wrapping and styling was a third of drawing it.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from textual.strip import Strip
from textual.widget import Widget

DONE = "█"
TO_GO = "░"
#: Cells between the label and the bar.
GAP = "  "


def bar(done: int, total: int, width: int) -> tuple[str, str]:
    """The cells of a `width`-wide bar: (the done part, the part to go), `done` of `total`
    (none done when the total is 0, never more than all)."""
    width = max(width, 0)
    fraction = min(max(done / total, 0.0), 1.0) if total > 0 else 0.0
    filled = round(width * fraction)
    return DONE * filled, TO_GO * (width - filled)


class Meter(Widget, can_focus=False):
    """How much of `total` is done: an optional label, then a bar filling the width."""

    # The muted colours are CSS rules, not "$text-muted" content styles: CSS blends the
    # muted (translucent) colour with the background, as a Static's `color` is, where
    # the content style drew the part to go in full white.
    COMPONENT_CLASSES: ClassVar[set[str]] = {"meter--label", "meter--to-go"}

    DEFAULT_CSS: ClassVar[str] = """
    Meter {
        width: 1fr;
        height: 1;
        color: $primary;
        & > .meter--label {
            color: $text-muted;
        }
        & > .meter--to-go {
            color: $text-muted;
        }
    }
    """

    def __init__(
        self,
        total: int,
        progress: int = 0,
        *,
        label: str = "",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.total = total
        self.progress = progress
        #: Drawn (muted) before the bar, e.g. "Question 3 of 8".
        self.label = label

    def update(
        self, *, progress: int | None = None, total: int | None = None, label: str | None = None
    ) -> None:
        """Change the progress (and total, and label), redrawing only if any changed."""
        new = (
            self.progress if progress is None else progress,
            self.total if total is None else total,
            self.label if label is None else label,
        )
        if new != (self.progress, self.total, self.label):
            self.progress, self.total, self.label = new
            self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        style = self.rich_style
        if y != 0:
            return Strip.blank(width, style)
        head = self.label + GAP if self.label else ""
        done, to_go = bar(self.progress, self.total, width - cell_len(head))
        segments = [
            Segment(head, self.get_component_rich_style("meter--label")),
            Segment(done, style),
            Segment(to_go, self.get_component_rich_style("meter--to-go")),
        ]
        # A label wider than the line is cut at its end (no bar left), never wrapped.
        return Strip([segment for segment in segments if segment.text]).crop_extend(0, width, style)

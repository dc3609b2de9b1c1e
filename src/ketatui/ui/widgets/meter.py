"""A one-line progress meter drawn as text: "███████░░░░░░".

Textual's ProgressBar is a container of three widgets (bar, percentage, ETA) with a clock;
the quiz and lesson screens show their own "Question 3 of 8" / "Page 2 of 5" beside it,
so they need only the bar. One widget that draws one line keeps each page turn, answer
and next question from laying out and painting the other two.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import RenderResult
from textual.content import Content
from textual.widget import Widget

DONE = "█"
TO_GO = "░"


def bar(done: int, total: int, width: int) -> tuple[str, str]:
    """The cells of a `width`-wide bar: (the done part, the part to go), `done` of `total`
    (none done when the total is 0, never more than all)."""
    fraction = min(max(done / total, 0.0), 1.0) if total > 0 else 0.0
    filled = round(width * fraction)
    return DONE * filled, TO_GO * (width - filled)


class Meter(Widget, can_focus=False):
    """How much of `total` is done, as a bar as wide as the widget."""

    DEFAULT_CSS: ClassVar[str] = """
    Meter {
        width: 1fr;
        height: 1;
        color: $primary;
    }
    """

    def __init__(
        self,
        total: int,
        progress: int = 0,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.total = total
        self.progress = progress

    def update(self, *, progress: int | None = None, total: int | None = None) -> None:
        """Change the progress (and total), redrawing only if either changed."""
        new = (
            self.progress if progress is None else progress,
            self.total if total is None else total,
        )
        if new != (self.progress, self.total):
            self.progress, self.total = new
            self.refresh()

    def render(self) -> RenderResult:
        done, to_go = bar(self.progress, self.total, self.size.width)
        return Content.assemble((done, ""), (to_go, "$text-muted"))

"""What `ketatui preview` shows instead of the lesson while the lesson file has errors.

Each error is one line an author's editor understands (`file:line:column: error: message —
suggestion`). The screen is updated in place on every save and gives way to the lesson as
soon as the file loads again, so the author never has to press anything here.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ketatui.content.errors import ContentError
from ketatui.i18n import N_
from ketatui.textguard import printable
from ketatui.ui.screens.base import KetatuiScreen
from ketatui.ui.widgets.key_bar import KeyBar

WAITING = "Fix the file and save: this screen updates by itself."


def error_line(error: ContentError, relative_to: Path | None = None) -> Content:
    """One error as `file:line:column: error: message — suggestion`, the location in bold."""
    path = error.file
    if relative_to is not None:
        with contextlib.suppress(ValueError):  # a file outside that folder keeps its path
            path = error.file.relative_to(relative_to)
    parts: list[str | tuple[str, str]] = [
        (printable(f"{path}:{error.line}:{error.column}:"), "bold"),
        (f" {error.severity}: ", "$error" if error.severity == "error" else "$warning"),
        printable(error.message),
    ]
    if error.suggestion:
        parts.append((printable(f" — {error.suggestion}"), "italic"))
    if error.source_line is not None:  # a YAML syntax error: show the line, compiler style
        parts.append(("\n" + error.excerpt(), "$text-muted"))
    return Content.assemble(*parts)


def errors_heading(errors: Sequence[ContentError], path: Path) -> str:
    """E.g. "2 errors in 01-sleep.yaml: the lesson cannot be shown"."""
    count = sum(1 for e in errors if e.severity == "error") or len(errors)
    noun = "error" if count == 1 else "errors"
    return printable(f"{count} {noun} in {path.name}: the lesson cannot be shown")


def _in_order(errors: Sequence[ContentError]) -> tuple[ContentError, ...]:
    """Top of the file first, as the author reads it."""
    return tuple(sorted(errors, key=lambda e: (str(e.file), e.line, e.column)))


class PreviewErrorsScreen(KetatuiScreen):
    """The errors of the previewed lesson file, with the time of the last check."""

    TITLE = "Lesson errors"
    DEFAULT_CSS = """
    PreviewErrorsScreen #errors-body {
        padding: 1 2 0 2;
    }
    PreviewErrorsScreen #errors-waiting {
        margin: 1 0;
        text-style: bold;
        color: $text-accent;
    }
    PreviewErrorsScreen #errors-list {
        height: 1fr;
    }
    PreviewErrorsScreen .error-line {
        margin-bottom: 1;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        *KetatuiScreen.BINDINGS,
        Binding("ctrl+q", "app.quit", N_("Quit"), key_display="^q"),
    ]

    def __init__(
        self,
        path: Path,
        errors: Sequence[ContentError],
        checked_at: datetime,
        *,
        relative_to: Path | None = None,
    ) -> None:
        super().__init__(id="preview-errors")
        self.path = path
        self.errors = _in_order(errors)
        self.checked_at = checked_at
        self.relative_to = relative_to

    def compose(self) -> ComposeResult:
        with Vertical(id="errors-body"):
            yield Static(
                errors_heading(self.errors, self.path),
                id="errors-title",
                classes="screen-title",
                markup=False,
            )
            yield Static(
                Content(printable(f"File: {self.path}")), id="errors-file", classes="muted"
            )
            yield Static(self._checked_text(), id="errors-checked", classes="muted")
            yield Static(WAITING, id="errors-waiting", markup=False)
            with VerticalScroll(id="errors-list"):
                yield from self._error_widgets()
        yield KeyBar()

    def _checked_text(self) -> Content:
        # The time moves only when the file is saved: say so, or it looks stuck.
        return Content(
            f"Checked at {self.checked_at:%H:%M:%S} (checked again each time the file is saved)"
        )

    def _error_widgets(self) -> list[Static]:
        return [Static(error_line(e, self.relative_to), classes="error-line") for e in self.errors]

    def show_errors(self, errors: Sequence[ContentError], checked_at: datetime) -> None:
        """Show the errors of a new check in place (the list scrolls back to the top)."""
        self.checked_at = checked_at
        self.query_one("#errors-checked", Static).update(self._checked_text())
        errors = _in_order(errors)
        if errors == self.errors:
            return  # same errors: only the time changes, no flicker
        self.errors = errors
        self.query_one("#errors-title", Static).update(errors_heading(errors, self.path))
        listing = self.query_one("#errors-list", VerticalScroll)
        listing.remove_children()
        listing.mount_all(self._error_widgets())
        listing.scroll_home(animate=False)

    @property
    def lines(self) -> list[str]:
        """The error lines as plain text (what the author reads)."""
        return [str(w.visual) for w in self.query(".error-line").results(Static)]

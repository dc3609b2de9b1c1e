"""Content errors: each names file:line:column, says what is wrong, and suggests a fix."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import msgspec


class ContentError(msgspec.Struct, frozen=True):
    """One problem found in a content file. `line` and `column` are 1-based."""

    file: Path
    line: int
    column: int
    message: str
    suggestion: str | None = None
    severity: Literal["error", "warning"] = "error"
    #: The text of the offending line, for errors a reader must see in place (YAML syntax).
    source_line: str | None = None

    def format(self, relative_to: Path | None = None) -> str:
        """Compiler-style text: `lessons/x.yaml:12:5: error: message (suggestion)`."""
        path = self.file
        if relative_to is not None and self.file.is_relative_to(relative_to):
            path = self.file.relative_to(relative_to)
        text = f"{path}:{self.line}:{self.column}: {self.severity}: {self.message}"
        if self.suggestion:
            text += f" — {self.suggestion}"
        return text

    def excerpt(self) -> str:
        """The offending line and a caret under the column, compiler style ("" if none)::

        66 |   - "Sleeping well every night
           |     ^
        """
        if self.source_line is None:
            return ""
        gutter = f"{self.line:>6} | "
        # Tabs stay tabs under the line so the caret lines up in any tab width.
        lead = "".join(c if c == "\t" else " " for c in self.source_line[: self.column - 1])
        return f"{gutter}{self.source_line}\n{' ' * (len(gutter) - 2)}| {lead}^"

    def to_json(self) -> dict[str, object]:
        """A plain dict for `--format json`."""
        return {
            "file": str(self.file),
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "message": self.message,
            "suggestion": self.suggestion,
            "source_line": self.source_line,
        }

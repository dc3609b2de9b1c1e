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

    def format(self, relative_to: Path | None = None) -> str:
        """Compiler-style text: `lessons/x.yaml:12:5: error: message (suggestion)`."""
        path = self.file
        if relative_to is not None and self.file.is_relative_to(relative_to):
            path = self.file.relative_to(relative_to)
        text = f"{path}:{self.line}:{self.column}: {self.severity}: {self.message}"
        if self.suggestion:
            text += f" — {self.suggestion}"
        return text

    def to_json(self) -> dict[str, object]:
        """A plain dict for `--format json`."""
        return {
            "file": str(self.file),
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "message": self.message,
            "suggestion": self.suggestion,
        }

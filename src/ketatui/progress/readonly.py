"""Read-only access to the progress database, for reports beside a running app.

The file is opened as a `file:...?mode=ro` URI with `query_only` on, so a report can never
create, migrate or write it, and the queries on the store's schema stay in this package.
Errors are `sqlite3.Error`, left to the caller to word for its reader. No Textual import.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

__all__ = ["answer_rows", "connect_read_only"]


def connect_read_only(path: Path) -> sqlite3.Connection:
    """Open an SQLite file read-only (a `file:...?mode=ro` URI): never creates or writes it."""
    uri = path.resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=5)
    conn.execute("PRAGMA query_only = ON")
    return conn


def answer_rows(db_path: Path) -> list[tuple[str, str, str, int]]:
    """Every saved answer, in the order saved: (lesson_id, question_id, answer JSON, correct).

    Who answered is not returned. Raises `sqlite3.Error` when the file cannot be read.
    """
    conn = connect_read_only(db_path)
    try:
        rows: list[tuple[str, str, str, int]] = conn.execute(
            "SELECT at.lesson_id, an.question_id, an.answer, an.correct"
            " FROM answers AS an JOIN attempts AS at ON at.id = an.attempt_id"
            " ORDER BY an.id"
        ).fetchall()
    finally:
        conn.close()
    return rows

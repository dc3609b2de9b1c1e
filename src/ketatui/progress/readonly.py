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


AnswerRow = tuple[str, str, str, int, str, str | None]


def answer_rows(db_path: Path) -> list[AnswerRow]:
    """Every saved answer, in the order saved: (lesson_id, question_id, answer JSON,
    correct, origin, lesson version of its attempt or None).

    `origin` is "position" for answers still kept by choice position (a file of format 1,
    which a read-only report never upgrades), else how it came to be kept by id (see
    `progress.model.AnswerRecord`). Who answered is not returned. Raises `sqlite3.Error`
    when the file cannot be read.
    """
    conn = connect_read_only(db_path)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        extra = "an.origin, at.content_version" if version >= 2 else "'position', NULL"
        rows: list[AnswerRow] = conn.execute(
            f"SELECT at.lesson_id, an.question_id, an.answer, an.correct, {extra}"
            " FROM answers AS an JOIN attempts AS at ON at.id = an.attempt_id"
            " ORDER BY an.id"
        ).fetchall()
    finally:
        conn.close()
    return rows

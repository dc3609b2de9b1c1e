"""The progress database schema and its forward migrations.

`PRAGMA user_version` holds the number of migrations applied. `MIGRATIONS[i]` takes the
database from version `i` to version `i + 1`; the store applies each one in its own
transaction, together with the version bump, so a failed upgrade leaves the file as it was.
Never edit a migration that has shipped: append a new one.
"""

from __future__ import annotations

#: Version 1: profiles, per-lesson state, quiz attempts and every answer.
_V1 = (
    # `name` is unique under SQLite's NOCASE (ASCII only); `name_key` (NFKC + casefold)
    # makes uniqueness case-insensitive for every script, e.g. "Émile" and "émile".
    """
    CREATE TABLE profiles (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL COLLATE NOCASE UNIQUE,
        name_key    TEXT NOT NULL UNIQUE,
        created_at  TEXT NOT NULL
    )
    """,
    # `touch_seq` orders lessons by last use within a profile; timestamps alone can tie
    # (coarse clocks, fast tests) and "Continue" must never pick the wrong lesson.
    """
    CREATE TABLE lesson_state (
        profile_id    INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        lesson_id     TEXT NOT NULL,
        status        TEXT NOT NULL
                      CHECK (status IN ('new', 'in_progress', 'passed', 'failed')),
        current_page  INTEGER NOT NULL DEFAULT 0 CHECK (current_page >= 0),
        best_score    REAL CHECK (best_score IS NULL OR (best_score >= 0 AND best_score <= 1)),
        completed_at  TEXT,
        content_hash  TEXT,
        in_quiz       INTEGER NOT NULL DEFAULT 0 CHECK (in_quiz IN (0, 1)),
        updated_at    TEXT NOT NULL,
        touch_seq     INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (profile_id, lesson_id)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX lesson_state_recent ON lesson_state (profile_id, touch_seq)",
    """
    CREATE TABLE attempts (
        id            INTEGER PRIMARY KEY,
        profile_id    INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        lesson_id     TEXT NOT NULL,
        question_ids  TEXT NOT NULL,
        started_at    TEXT NOT NULL,
        finished_at   TEXT,
        score         REAL CHECK (score IS NULL OR (score >= 0 AND score <= 1)),
        passed        INTEGER CHECK (passed IS NULL OR passed IN (0, 1))
    )
    """,
    "CREATE INDEX attempts_by_lesson ON attempts (profile_id, lesson_id, id)",
    # One row per submitted answer: a question answered twice in an attempt keeps both.
    """
    CREATE TABLE answers (
        id           INTEGER PRIMARY KEY,
        attempt_id   INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
        question_id  TEXT NOT NULL,
        answer       TEXT NOT NULL,
        correct      INTEGER NOT NULL CHECK (correct IN (0, 1)),
        answered_at  TEXT NOT NULL
    )
    """,
    "CREATE INDEX answers_by_attempt ON answers (attempt_id, id)",
)

#: Version 2 (issue 18): settings a learner chose, remembered per profile (the theme, the
#: track filter). Keys and values are short text; the app reads only the keys it knows.
_V2_SETTINGS = (
    """
    CREATE TABLE profile_settings (
        profile_id  INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        key         TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 40),
        value       TEXT NOT NULL CHECK (length(value) <= 200),
        PRIMARY KEY (profile_id, key)
    ) WITHOUT ROWID
    """,
)

#: Each entry is the list of statements for one version step. Append only.
MIGRATIONS: list[tuple[str, ...]] = [_V1, _V2_SETTINGS]


def latest_version() -> int:
    """The schema version this code writes."""
    return len(MIGRATIONS)

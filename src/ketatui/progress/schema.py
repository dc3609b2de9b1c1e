"""The progress database schema and its forward migrations.

`PRAGMA user_version` holds the number of migrations applied. `MIGRATIONS[i]` takes the
database from version `i` to version `i + 1`; the store applies each one in its own
transaction, together with the version bump, so a failed upgrade leaves the file as it was.
Never edit a migration that has shipped: append a new one.
"""

from __future__ import annotations

import functools
import sqlite3
import zlib

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

#: Version 2 (issue 15): each attempt keeps its kind, the seed of its choice order, the
#: lesson version it showed and a score over its own questions; answers are kept by choice
#: id. Format 1 data is kept whole: its answers are marked as kept by position (converted
#: to ids against the course by `progress.upgrade`), its combined scores move to
#: `lesson_score`, and each lesson's first full attempt gives its first-try score.
_V2 = (
    "ALTER TABLE attempts ADD COLUMN kind TEXT NOT NULL DEFAULT 'full'"
    " CHECK (kind IN ('full', 'retry-missed', 'retry-all'))",
    "ALTER TABLE attempts ADD COLUMN seed INTEGER",
    "ALTER TABLE attempts ADD COLUMN content_version TEXT",
    "ALTER TABLE attempts ADD COLUMN lesson_score REAL"
    " CHECK (lesson_score IS NULL OR (lesson_score >= 0 AND lesson_score <= 1))",
    "ALTER TABLE answers ADD COLUMN origin TEXT NOT NULL DEFAULT 'id'"
    " CHECK (origin IN ('id', 'converted', 'assumed', 'position'))",
    "ALTER TABLE lesson_state ADD COLUMN first_try_score REAL"
    " CHECK (first_try_score IS NULL OR (first_try_score >= 0 AND first_try_score <= 1))",
    "UPDATE answers SET origin = 'position'",
    # Format 1 kept the lesson's combined result as the attempt's score and pass.
    "UPDATE attempts SET lesson_score = score",
    # Its retries asked only the missed questions, so fewer than the lesson's largest
    # attempt; every other attempt asked them all.
    """
    UPDATE attempts SET kind = 'retry-missed'
    WHERE json_array_length(question_ids) < (
        SELECT max(json_array_length(b.question_ids)) FROM attempts b
        WHERE b.profile_id = attempts.profile_id AND b.lesson_id = attempts.lesson_id)
    """,
    # A score over the attempt's own questions (the last answer to each counts). A
    # retry's pass is left unknown: the pass mark is in the lesson, not here.
    """
    UPDATE attempts SET
        score = (
            SELECT CAST(count(*) AS REAL) / json_array_length(attempts.question_ids)
            FROM json_each(attempts.question_ids) AS q
            WHERE (SELECT a.correct FROM answers a
                   WHERE a.attempt_id = attempts.id AND a.question_id = q.value
                   ORDER BY a.id DESC LIMIT 1) = 1),
        passed = CASE WHEN kind = 'full' THEN passed END
    WHERE finished_at IS NOT NULL AND json_array_length(question_ids) > 0
    """,
    # The attempt that passed a lesson finished at its completed_at, on the version whose
    # hash was kept then: the one lesson version format 1 lets us know.
    """
    UPDATE attempts SET content_version = (
        SELECT s.content_hash FROM lesson_state s
        WHERE s.profile_id = attempts.profile_id AND s.lesson_id = attempts.lesson_id
          AND s.completed_at = attempts.finished_at)
    """,
    # The best score is now a full attempt's own (a retry's was the combined score, which
    # each attempt keeps as lesson_score).
    """
    UPDATE lesson_state SET best_score = coalesce((
        SELECT max(t.score) FROM attempts t
        WHERE t.profile_id = lesson_state.profile_id AND t.lesson_id = lesson_state.lesson_id
          AND t.kind = 'full' AND t.finished_at IS NOT NULL), best_score)
    """,
    """
    UPDATE lesson_state SET first_try_score = (
        SELECT t.score FROM attempts t
        WHERE t.profile_id = lesson_state.profile_id AND t.lesson_id = lesson_state.lesson_id
          AND t.kind = 'full' AND t.finished_at IS NOT NULL
        ORDER BY t.id LIMIT 1)
    """,
)

#: Version 3 (issue 18): settings a learner chose, remembered per profile (the theme, the
#: track filter). Keys and values are short text; the app reads only the keys it knows.
_V3 = (
    """
    CREATE TABLE profile_settings (
        profile_id  INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        key         TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 40),
        value       TEXT NOT NULL CHECK (length(value) <= 200),
        PRIMARY KEY (profile_id, key)
    ) WITHOUT ROWID
    """,
)

#: Version 4 (issue 21): spaced review and knowledge gain. A card per question a learner
#: answered (its schedule, and the question's fingerprint so a changed question starts
#: fresh), every review given (the log), review sessions (kept like attempts: their
#: questions, seed and score; their answers are in the log), and pre-/post-check scores.
_V4 = (
    """
    CREATE TABLE review_cards (
        profile_id   INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        lesson_id    TEXT NOT NULL,
        question_id  TEXT NOT NULL,
        fingerprint  TEXT NOT NULL,
        due          TEXT NOT NULL,
        memory       TEXT NOT NULL,
        PRIMARY KEY (profile_id, lesson_id, question_id)
    ) WITHOUT ROWID
    """,
    # The due count is one indexed range count: no lesson is loaded for it.
    "CREATE INDEX review_cards_due ON review_cards (profile_id, due)",
    """
    CREATE TABLE review_sessions (
        id            INTEGER PRIMARY KEY,
        profile_id    INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        question_ids  TEXT NOT NULL,
        seed          INTEGER,
        started_at    TEXT NOT NULL,
        finished_at   TEXT,
        score         REAL CHECK (score IS NULL OR (score >= 0 AND score <= 1))
    )
    """,
    """
    CREATE TABLE review_log (
        id           INTEGER PRIMARY KEY,
        profile_id   INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        lesson_id    TEXT NOT NULL,
        question_id  TEXT NOT NULL,
        rating       INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
        correct      INTEGER NOT NULL CHECK (correct IN (0, 1)),
        source       TEXT NOT NULL CHECK (source IN ('quiz', 'review')),
        session_id   INTEGER REFERENCES review_sessions(id) ON DELETE CASCADE,
        answer       TEXT,
        reviewed_at  TEXT NOT NULL
    )
    """,
    "CREATE INDEX review_log_by_profile ON review_log (profile_id, id)",
    "CREATE INDEX review_log_by_session ON review_log (session_id, id)",
    """
    CREATE TABLE gain_checks (
        id          INTEGER PRIMARY KEY,
        profile_id  INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        module_id   TEXT NOT NULL,
        phase       TEXT NOT NULL CHECK (phase IN ('pre', 'post')),
        correct     INTEGER NOT NULL CHECK (correct >= 0),
        total       INTEGER NOT NULL CHECK (total > 0 AND correct <= total),
        taken_at    TEXT NOT NULL
    )
    """,
)

#: Each entry is the list of statements for one version step. Append only.
MIGRATIONS: list[tuple[str, ...]] = [_V1, _V2, _V3, _V4]


def latest_version() -> int:
    """The schema version this code writes."""
    return len(MIGRATIONS)


#: `build_expected_columns()` as it was for the migrations whose CRC-32 is `_KNOWN_CRC`.
#: Building it runs every migration in an in-memory database: ~5 ms of each start-up.
#: A changed or added migration changes the CRC, and then it is built again (a test
#: says when these need writing out anew).
_KNOWN_CRC = 0x62076F27
_KNOWN_COLUMNS: dict[str, tuple[str, ...]] = {
    "profiles": ("created_at", "id", "name", "name_key"),
    "lesson_state": (
        "best_score",
        "completed_at",
        "content_hash",
        "current_page",
        "first_try_score",
        "in_quiz",
        "lesson_id",
        "profile_id",
        "status",
        "touch_seq",
        "updated_at",
    ),
    "attempts": (
        "content_version",
        "finished_at",
        "id",
        "kind",
        "lesson_id",
        "lesson_score",
        "passed",
        "profile_id",
        "question_ids",
        "score",
        "seed",
        "started_at",
    ),
    "answers": ("answer", "answered_at", "attempt_id", "correct", "id", "origin", "question_id"),
    "profile_settings": ("key", "profile_id", "value"),
    "review_cards": ("due", "fingerprint", "lesson_id", "memory", "profile_id", "question_id"),
    "review_sessions": (
        "finished_at",
        "id",
        "profile_id",
        "question_ids",
        "score",
        "seed",
        "started_at",
    ),
    "review_log": (
        "answer",
        "correct",
        "id",
        "lesson_id",
        "profile_id",
        "question_id",
        "rating",
        "reviewed_at",
        "session_id",
        "source",
    ),
    "gain_checks": ("correct", "id", "module_id", "phase", "profile_id", "taken_at", "total"),
}


def migrations_crc() -> int:
    """CRC-32 of every migration statement, in order (zlib: hashlib is slow to import)."""
    return zlib.crc32("\0".join(s for step in MIGRATIONS for s in step).encode("utf-8"))


@functools.cache
def expected_columns() -> dict[str, frozenset[str]]:
    """Every table of the latest schema and its columns (built once, in memory)."""
    if migrations_crc() == _KNOWN_CRC:
        return {table: frozenset(columns) for table, columns in _KNOWN_COLUMNS.items()}
    return build_expected_columns()


def build_expected_columns() -> dict[str, frozenset[str]]:
    """Every table of the latest schema and its columns, from running the migrations."""
    conn = sqlite3.connect(":memory:")
    try:
        for step in MIGRATIONS:
            for statement in step:
                conn.execute(statement)
        return table_columns(conn)
    finally:
        conn.close()


def table_columns(conn: sqlite3.Connection) -> dict[str, frozenset[str]]:
    """The tables of a database and their column names (in the order they were made)."""
    # One statement, not one per table: this runs at every start-up.
    rows = conn.execute(
        "SELECT m.name, c.name FROM sqlite_master AS m, pragma_table_info(m.name) AS c "
        "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.rowid"
    ).fetchall()
    columns: dict[str, set[str]] = {}
    for table, column in rows:
        columns.setdefault(table, set()).add(column)
    return {table: frozenset(names) for table, names in columns.items()}


def missing_parts(conn: sqlite3.Connection) -> list[str]:
    """What of the latest schema a database lacks ("table answers", "column x of y")."""
    found = table_columns(conn)
    missing: list[str] = []
    for table, columns in expected_columns().items():
        if table not in found:
            missing.append(f"table {table}")
        else:
            missing += [f"column {c} of {table}" for c in sorted(columns - found[table])]
    return missing

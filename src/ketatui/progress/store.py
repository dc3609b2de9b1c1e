"""The progress store: SQLite in the user data dir.

WAL, synchronous=FULL, busy timeout, schema version in PRAGMA user_version with forward
migrations (see `schema.py`). Safe with several processes writing at once: every public
write is one short `BEGIN IMMEDIATE` transaction, retried when another process holds the
lock. A process killed mid-save leaves the last committed state intact. No Textual import.
"""

from __future__ import annotations

import contextlib
import os
import random
import sqlite3
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

from ketatui.i18n import _
from ketatui.paths import DATA_DIR_ENV, PROGRESS_DB_FILENAME
from ketatui.progress import schema
from ketatui.progress.model import (
    AnswerOrigin,
    AnswerRecord,
    Attempt,
    AttemptKind,
    LessonState,
    LessonStatus,
    Profile,
    ReviewCard,
    ReviewEntry,
)
from ketatui.progress.review_tables import ReviewTables, save_review_rows
from ketatui.textguard import name_problem, name_skeleton, printable

__all__ = [
    "AnswerRecord",
    "Attempt",
    "CorruptStoreError",
    "LessonState",
    "LessonStatus",
    "Profile",
    "ProgressStore",
    "StaleRecordError",
    "StoreError",
    "clean_profile_name",
]

MAX_NAME_LENGTH = 60

#: How long SQLite itself waits for another process's lock before reporting busy.
BUSY_TIMEOUT_MS = 5000
#: Extra tries on top of SQLite's own wait, for the busy cases its handler does not cover
#: (e.g. WAL recovery by another process at open).
_MAX_TRIES = 6

# Primary SQLite result codes (sqlite3.Error.sqlite_errorcode & 0xFF).
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26

T = TypeVar("T")


class StoreError(Exception):
    """A progress problem a user should read (corrupt file, unwritable folder...)."""


class CorruptStoreError(StoreError):
    """The progress file is not a readable SQLite database (damaged or something else)."""


class StaleRecordError(StoreError, ValueError):
    """The profile or quiz attempt a call refers to is gone or already finished.

    Usually another ketatui (or another screen) changed it first. Both a StoreError, so
    the UI's "could not save" handling covers it, and a ValueError (a bad argument).
    """


# --------------------------------------------------------------------------- validation


def clean_profile_name(name: object) -> str:
    """Return `name` trimmed, or raise ValueError with a message a user can act on."""
    if not isinstance(name, str):
        raise ValueError(_("A profile name must be text."))
    name = name.strip()
    if not name:
        raise ValueError(_("Please enter a name."))
    if len(name) > MAX_NAME_LENGTH:
        raise ValueError(
            _("A name can be at most {limit} characters; this one has {count}.").format(
                limit=MAX_NAME_LENGTH, count=len(name)
            )
        )
    problem = name_problem(name)
    if problem is not None:
        raise ValueError(problem)
    return name


def _name_key(name: str) -> str:
    # NFKC folds look-alike forms ("ﬁ" -> "fi"), casefold handles every script's case.
    return unicodedata.normalize("NFKC", name).casefold()


def _check_lesson_id(lesson_id: object) -> str:
    if not isinstance(lesson_id, str) or not lesson_id:
        raise ValueError("A lesson id must be non-empty text.")
    return lesson_id


def _check_index(value: object, what: str) -> int:
    # bool is an int subclass; True as a page number is a caller bug.
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{what} must be a whole number of 0 or more, not {value!r}.")
    return value


def _check_score(score: object) -> float:
    if isinstance(score, bool) or not isinstance(score, int | float) or not 0 <= score <= 1:
        raise ValueError(f"A score must be a number from 0 to 1, not {score!r}.")
    return float(score)


def _answer_to_json(answer: object) -> str:
    def default(value: object) -> object:
        if isinstance(value, set | frozenset):
            return sorted(value)
        raise TypeError(type(value).__name__)

    try:
        text: str = _json().dumps(answer, default=default, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError) as exc:
        raise ValueError(f"An answer must be JSON-safe (got {type(answer).__name__}).") from exc
    return text


# --------------------------------------------------------------------------- time


def _json() -> ModuleType:
    # Imported on first use: opening the store for the first screen needs no JSON, and
    # the json package took ~1.4 ms of start-up.
    import json

    return json


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _dt(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _inserted_id(cur: sqlite3.Cursor) -> int:
    """The rowid an INSERT just made (sqlite3 types it as optional for other statements)."""
    if cur.lastrowid is None:  # pragma: no cover - only after a statement that inserts nothing
        raise StoreError("The progress file did not record the new row.")
    return cur.lastrowid


def _dt_or_none(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


# --------------------------------------------------------------------------- errors


def _code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def _is_busy(exc: sqlite3.Error) -> bool:
    code = _code(exc)
    if code is not None:
        return code in (_SQLITE_BUSY, _SQLITE_LOCKED)
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _unwritable_folder(folder: Path, why: str) -> StoreError:
    return StoreError(
        f"Cannot save progress in {folder}: {why}. Choose a folder you can write to "
        f"with --data-dir or the {DATA_DIR_ENV} environment variable."
    )


def _translate(exc: sqlite3.Error, path: Path) -> StoreError:
    """A plain-language StoreError for an SQLite failure on `path`."""
    code = _code(exc)
    text = str(exc)
    lowered = text.lower()
    if (
        code in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
        or "not a database" in lowered
        or ("malformed" in lowered)
    ):
        return CorruptStoreError(
            f"The progress file {path} is damaged or is not a ketatui progress file "
            f"({text}). Move it aside to start afresh, or choose another --data-dir."
        )
    if code == _SQLITE_READONLY or "readonly" in lowered:
        return _unwritable_folder(path.parent, f"{path.name} is read-only")
    if code == _SQLITE_FULL or "disk is full" in lowered:
        return StoreError(f"Cannot save progress in {path.parent}: the disk is full.")
    if code == _SQLITE_CANTOPEN or "unable to open" in lowered:
        return _unwritable_folder(path.parent, f"the progress file could not be opened ({text})")
    if code == _SQLITE_IOERR:
        return StoreError(f"Could not read or write the progress file {path} ({text}).")
    if _is_busy(exc):
        return StoreError(
            "The progress file is busy: another ketatui kept it locked for too long. "
            "Please try again."
        )
    return StoreError(f"Progress could not be saved or read ({text}).")


# --------------------------------------------------------------------------- files


def _prepare_file(path: Path) -> None:
    """Create the data folder (0700) and an empty database file (0600) if missing.

    SQLite gives the -wal and -shm files the same permissions as the database file, so
    creating the file ourselves keeps all three private.
    """
    folder = path.parent
    try:
        folder.mkdir(parents=True, mode=0o700)
    except FileExistsError:
        if not folder.is_dir():
            raise _unwritable_folder(folder, "it is a file, not a folder") from None
    except OSError as exc:
        raise _unwritable_folder(folder, exc.strerror or str(exc)) from None
    else:
        # The umask may have loosened the mode we asked for.
        with contextlib.suppress(OSError):
            folder.chmod(0o700)
    if path.exists():
        if path.is_dir():
            raise StoreError(f"Cannot use {path} as the progress file: it is a folder.")
        return
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first
        return
    except OSError as exc:
        raise _unwritable_folder(folder, exc.strerror or str(exc)) from None
    os.close(fd)


def _move_aside(path: Path) -> Path:
    """Rename a damaged database (and its -wal/-shm) to a dated `.corrupt-...` name."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    try:
        os.replace(path, target)
        for suffix in ("-wal", "-shm"):
            side = path.with_name(path.name + suffix)
            if side.exists():
                os.replace(side, target.with_name(target.name + suffix))
    except OSError as exc:
        raise StoreError(
            f"The progress file {path} is damaged and could not be moved aside "
            f"({exc.strerror or exc})."
        ) from None
    return target


# --------------------------------------------------------------------------- rows


_STATE_COLUMNS = (
    "lesson_id, status, current_page, best_score, completed_at, content_hash, in_quiz, updated_at,"
    " first_try_score"
)
_ATTEMPT_COLUMNS = (
    "id, lesson_id, question_ids, started_at, finished_at, score, passed, kind, seed,"
    " content_version, lesson_score"
)


def _state(row: tuple[Any, ...]) -> LessonState:
    lesson_id, status, page, best, completed, chash, in_quiz, updated, first = row
    return LessonState(
        lesson_id=lesson_id,
        status=status,
        current_page=page,
        best_score=best,
        completed_at=_dt_or_none(completed),
        content_hash=chash,
        in_quiz=bool(in_quiz),
        updated_at=_dt_or_none(updated),
        first_try_score=first,
    )


def _attempt(row: tuple[Any, ...], answers: Iterable[AnswerRecord] = ()) -> Attempt:
    aid, lesson_id, qids, started, finished, score, passed, kind, seed, version, lesson_score = row
    return Attempt(
        id=aid,
        lesson_id=lesson_id,
        question_ids=tuple(_json().loads(qids)),
        answers=tuple(answers),
        started_at=_dt(started),
        finished_at=_dt_or_none(finished),
        score=score,
        passed=None if passed is None else bool(passed),
        kind=kind,
        seed=seed,
        content_version=version,
        lesson_score=lesson_score,
    )


def _answer(row: tuple[Any, ...]) -> AnswerRecord:
    qid, answer, correct, answered, origin = row
    return AnswerRecord(
        question_id=qid,
        answer=_json().loads(answer),
        correct=bool(correct),
        answered_at=_dt(answered),
        origin=origin,
    )


def _profile(row: tuple[Any, ...]) -> Profile:
    pid, name, created = row
    # Names are checked on the way in, but a file written by an older or another version
    # may hold anything: controls and bidi marks never leave the store raw.
    return Profile(id=pid, name=printable(name), created_at=_dt(created))


# --------------------------------------------------------------------------- the store


class ProgressStore(ReviewTables):
    """All saved progress. One instance per process; every method commits durably.

    Thread-safe (calls are serialised on one connection). Methods raise ValueError for
    bad arguments (e.g. profile names), StaleRecordError (a StoreError and a ValueError)
    for a profile or attempt that is gone or finished, and StoreError for file problems.
    """

    def __init__(self, path: Path) -> None:
        """Open the database file at `path`, creating folder and file as needed."""
        self.path = Path(path)
        #: Set by `open(..., recover=True)` when a damaged file was moved aside.
        self.recovery_note: str | None = None
        #: The time now: stamps every write (a learner session sets its own clock here, so
        #: lesson states, attempts and reviews share one, and tests can move it).
        self.clock: Callable[[], datetime] = _utc_now
        self._lock = threading.RLock()
        _prepare_file(self.path)
        try:
            self._conn: sqlite3.Connection | None = sqlite3.connect(
                self.path,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,  # we issue BEGIN/COMMIT ourselves
                check_same_thread=False,  # guarded by self._lock
            )
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from None
        try:
            self._setup()
        except BaseException:
            self._conn.close()
            self._conn = None
            raise

    def _stamp(self) -> str:
        """The time now, as stored (ISO, UTC, microseconds)."""
        now = self.clock()
        now = now.astimezone(UTC) if now.tzinfo else now.replace(tzinfo=UTC)
        return now.isoformat(timespec="microseconds")

    @classmethod
    def open(cls, data_dir: Path, *, recover: bool = False) -> ProgressStore:
        """Open (creating and migrating as needed) the store in `data_dir`.

        With `recover=True` a damaged or non-SQLite progress file is renamed to
        `progress.sqlite3.corrupt-YYYYmmdd-HHMMSS` and a fresh store is started; the
        returned store's `recovery_note` then says so in plain words.
        """
        path = Path(data_dir) / PROGRESS_DB_FILENAME
        _check_writable(path)
        try:
            return cls(path)
        except CorruptStoreError:
            if not recover:
                raise
        moved = _move_aside(path)
        store = cls(path)
        store.recovery_note = _(
            "Your saved progress could not be read because the file was damaged. "
            "It was kept as {path} and a new, empty progress file was started."
        ).format(path=moved)
        return store

    def close(self) -> None:
        """Close the database. Safe to call twice."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ----------------------------------------------------------------- setup

    def _setup(self) -> None:
        conn = self._conn
        assert conn is not None
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # Check the version before anything writes to the file (journal_mode=WAL does).
        # One statement reads the version and the table count from the same snapshot: read
        # apart, another process's first migration could commit in between, and its fresh
        # tables at "version 0" looked like another program's database.
        version, tables = self._retry(
            lambda: conn.execute(
                "SELECT user_version, (SELECT count(*) FROM sqlite_master) FROM pragma_user_version"
            ).fetchone()
        )
        latest = schema.latest_version()
        if version > latest:
            raise StoreError(
                f"The progress file {self.path} was written by a newer version of ketatui "
                f"(format {version}; this version understands up to {latest}). Update "
                f"ketatui, or choose another --data-dir. The file was left untouched."
            )
        if version == 0 and tables:
            # Our migrations are atomic, so tables at version 0 were made by something
            # else: do not add ours to another program's database.
            raise CorruptStoreError(
                f"The file {self.path} is an SQLite database but not a ketatui progress "
                f"file. Move it aside, or choose another --data-dir."
            )
        # Check before switching to WAL: that rewrites the file header, and a damaged file
        # must be moved aside exactly as it was found.
        problems = self._retry(lambda: conn.execute("PRAGMA quick_check(1)").fetchall())
        if problems != [("ok",)]:
            raise CorruptStoreError(
                f"The progress file {self.path} is damaged (SQLite's integrity check "
                f"failed). Move it aside to start afresh, or choose another --data-dir."
            )
        self._retry(lambda: conn.execute("PRAGMA journal_mode = WAL").fetchone())
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        self._migrate()
        # A table dropped by hand (or by another program) would fail at the first read,
        # far from here: say so now, as a damaged file.
        missing = self._retry(lambda: schema.missing_parts(conn))
        if missing:
            raise CorruptStoreError(
                f"The progress file {self.path} is damaged: it has no {', '.join(missing)}. "
                f"Move it aside to start afresh, or choose another --data-dir."
            )

    def _migrate(self) -> None:
        latest = schema.latest_version()
        while True:

            def step(conn: sqlite3.Connection) -> bool:
                # Re-read inside the write lock: another process may have migrated.
                current = conn.execute("PRAGMA user_version").fetchone()[0]
                if current >= latest:
                    return False
                try:
                    for statement in schema.MIGRATIONS[current]:
                        conn.execute(statement)
                except sqlite3.OperationalError as exc:
                    if _is_busy(exc):
                        raise  # retried by _transaction
                    raise StoreError(
                        f"Could not upgrade the progress file {self.path} to format "
                        f"{current + 1} ({exc}). It was left as it was."
                    ) from None
                conn.execute(f"PRAGMA user_version = {current + 1}")
                return True

            if not self._write(step):
                return

    def _retry(self, fn: Callable[[], T]) -> T:
        """Run an autocommit statement, retrying while another process holds a lock."""
        delay = 0.005
        for attempt in range(1, _MAX_TRIES + 1):
            try:
                return fn()
            except sqlite3.IntegrityError as exc:
                if "FOREIGN KEY" in str(exc):
                    raise StaleRecordError("That profile no longer exists.") from None
                raise _translate(exc, self.path) from None
            except sqlite3.OperationalError as exc:
                if not (_is_busy(exc) and attempt < _MAX_TRIES):
                    raise _translate(exc, self.path) from None
            except sqlite3.Error as exc:
                raise _translate(exc, self.path) from None
            # Busy despite SQLite's own wait: back off with jitter so that several
            # processes do not retry in lockstep.
            time.sleep(delay * (1 + random.random()))
            delay = min(delay * 2, 0.25)
        raise AssertionError("unreachable")  # pragma: no cover

    # ----------------------------------------------------------------- transactions

    def _write(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run `fn` in one `BEGIN IMMEDIATE` transaction and commit it durably."""
        return self._transaction(fn, "BEGIN IMMEDIATE")

    def _read(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run `fn` on one consistent snapshot."""
        return self._transaction(fn, "BEGIN")

    def _transaction(self, fn: Callable[[sqlite3.Connection], T], begin: str) -> T:
        with self._lock:
            conn = self._conn
            if conn is None:
                raise StoreError("The progress store has been closed.")

            def once() -> T:
                conn.execute(begin)
                try:
                    result = fn(conn)
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        with contextlib.suppress(sqlite3.Error):
                            conn.execute("ROLLBACK")
                    raise
                return result

            return self._retry(once)

    # ----------------------------------------------------------------- profiles

    def create_profile(self, name: str) -> Profile:
        """Create a profile. Names are trimmed, 1-60 chars, unique (case-insensitive);
        raises ValueError with a plain message otherwise."""
        name = clean_profile_name(name)
        key = _name_key(name)
        now = self._stamp()

        def tx(conn: sqlite3.Connection) -> Profile:
            _ensure_name_free(conn, name, None)
            cur = conn.execute(
                "INSERT INTO profiles (name, name_key, created_at) VALUES (?, ?, ?)",
                (name, key, now),
            )
            return Profile(id=_inserted_id(cur), name=name, created_at=_dt(now))

        return self._write(tx)

    def list_profiles(self) -> list[Profile]:
        """Every profile, sorted by name (case-insensitive)."""
        return self._read(
            lambda conn: [
                _profile(r)
                for r in conn.execute(
                    "SELECT id, name, created_at FROM profiles ORDER BY name_key, id"
                )
            ]
        )

    def find_profile(self, name: str) -> Profile | None:
        """The profile called `name`, matched as names are kept unique: trimmed, any case
        and any look-alike form (NFKC). None if there is none (or the name is not valid)."""
        try:
            key = _name_key(clean_profile_name(name))
        except ValueError:
            return None

        def tx(conn: sqlite3.Connection) -> Profile | None:
            row = conn.execute(
                "SELECT id, name, created_at FROM profiles WHERE name_key = ?", (key,)
            ).fetchone()
            return None if row is None else _profile(row)

        return self._read(tx)

    def profile(self, profile_id: int) -> Profile | None:
        """The profile with this id, or None if there is none."""

        def tx(conn: sqlite3.Connection) -> Profile | None:
            row = conn.execute(
                "SELECT id, name, created_at FROM profiles WHERE id = ?", (profile_id,)
            ).fetchone()
            return None if row is None else _profile(row)

        return self._read(tx)

    def rename_profile(self, profile_id: int, name: str) -> Profile:
        """Give a profile a new name (same rules as `create_profile`)."""
        name = clean_profile_name(name)
        key = _name_key(name)

        def tx(conn: sqlite3.Connection) -> Profile:
            row = conn.execute(
                "SELECT created_at FROM profiles WHERE id = ?", (profile_id,)
            ).fetchone()
            if row is None:
                raise StaleRecordError("That profile no longer exists.")
            _ensure_name_free(conn, name, profile_id)
            conn.execute(
                "UPDATE profiles SET name = ?, name_key = ? WHERE id = ?", (name, key, profile_id)
            )
            return Profile(id=profile_id, name=name, created_at=_dt(row[0]))

        return self._write(tx)

    def delete_profile(self, profile_id: int) -> None:
        """Delete a profile and everything saved for it (no error if it is already gone)."""
        self._write(lambda conn: conn.execute("DELETE FROM profiles WHERE id = ?", (profile_id,)))

    # ----------------------------------------------------------------- settings

    def settings(self, profile_id: int) -> dict[str, str]:
        """The settings a profile chose (e.g. "theme", "track"), by key."""
        return self._read(
            lambda conn: dict(
                conn.execute(
                    "SELECT key, value FROM profile_settings WHERE profile_id = ?", (profile_id,)
                ).fetchall()
            )
        )

    def save_setting(self, profile_id: int, key: str, value: str) -> None:
        """Remember one setting of a profile (replacing its earlier value)."""
        self._write(
            lambda conn: conn.execute(
                "INSERT INTO profile_settings (profile_id, key, value) VALUES (?, ?, ?)"
                " ON CONFLICT (profile_id, key) DO UPDATE SET value = excluded.value",
                (profile_id, key, value),
            )
        )

    # ----------------------------------------------------------------- lesson state

    def lesson_state(self, profile_id: int, lesson_id: str) -> LessonState | None:
        """The saved state of one lesson, or None if the learner never opened it."""
        return self._read(lambda conn: _state_of(conn, profile_id, lesson_id))

    def lesson_states(self, profile_id: int) -> dict[str, LessonState]:
        """Every saved lesson state of a profile, keyed by lesson id."""

        def tx(conn: sqlite3.Connection) -> dict[str, LessonState]:
            rows = conn.execute(
                f"SELECT {_STATE_COLUMNS} FROM lesson_state WHERE profile_id = ?"
                " ORDER BY lesson_id",
                (profile_id,),
            )
            return {row[0]: _state(row) for row in rows}

        return self._read(tx)

    def save_page(self, profile_id: int, lesson_id: str, page: int) -> None:
        """Record that the learner is on `page` (marks the lesson in progress, not in quiz).

        A lesson already passed or failed keeps that status; only the page moves.
        """
        _check_lesson_id(lesson_id)
        _check_index(page, "A page number")
        now = self._stamp()

        def tx(conn: sqlite3.Connection) -> None:
            seq = _next_touch(conn, profile_id)
            conn.execute(
                """
                INSERT INTO lesson_state
                    (profile_id, lesson_id, status, current_page, in_quiz, updated_at, touch_seq)
                VALUES (?, ?, 'in_progress', ?, 0, ?, ?)
                ON CONFLICT (profile_id, lesson_id) DO UPDATE SET
                    status = CASE WHEN status IN ('passed', 'failed') THEN status
                                  ELSE 'in_progress' END,
                    current_page = excluded.current_page,
                    in_quiz = 0,
                    updated_at = excluded.updated_at,
                    touch_seq = excluded.touch_seq
                """,
                (profile_id, lesson_id, page, now, seq),
            )

        self._write(tx)

    def last_lesson(self, profile_id: int) -> str | None:
        """Id of the lesson the learner touched most recently (for "Continue")."""

        def tx(conn: sqlite3.Connection) -> str | None:
            row = conn.execute(
                "SELECT lesson_id FROM lesson_state WHERE profile_id = ?"
                " ORDER BY touch_seq DESC LIMIT 1",
                (profile_id,),
            ).fetchone()
            return None if row is None else row[0]

        return self._read(tx)

    def last_active_profile(self) -> int | None:
        """Id of the profile that saved progress most recently (to preselect it), or None."""

        def tx(conn: sqlite3.Connection) -> int | None:
            row = conn.execute(
                "SELECT profile_id FROM lesson_state"
                " ORDER BY updated_at DESC, touch_seq DESC LIMIT 1"
            ).fetchone()
            return None if row is None else int(row[0])

        return self._read(tx)

    # ----------------------------------------------------------------- quiz attempts

    def start_attempt(
        self,
        profile_id: int,
        lesson_id: str,
        question_ids: list[str],
        *,
        kind: AttemptKind = "full",
        seed: int | None = None,
        content_version: str | None = None,
    ) -> Attempt:
        """Start an attempt (marks the lesson in quiz), keeping its kind, the seed of its
        choice order and the lesson version it shows."""
        _check_lesson_id(lesson_id)
        qids = list(question_ids)
        if not all(isinstance(q, str) and q for q in qids):
            raise ValueError("Question ids must be non-empty text.")
        if len(set(qids)) != len(qids):
            raise ValueError("An attempt cannot list the same question twice.")
        now = self._stamp()

        def tx(conn: sqlite3.Connection) -> Attempt:
            seq = _next_touch(conn, profile_id)
            conn.execute(
                """
                INSERT INTO lesson_state
                    (profile_id, lesson_id, status, current_page, in_quiz, updated_at, touch_seq)
                VALUES (?, ?, 'in_progress', 0, 1, ?, ?)
                ON CONFLICT (profile_id, lesson_id) DO UPDATE SET
                    status = CASE WHEN status = 'new' THEN 'in_progress' ELSE status END,
                    in_quiz = 1,
                    updated_at = excluded.updated_at,
                    touch_seq = excluded.touch_seq
                """,
                (profile_id, lesson_id, now, seq),
            )
            cur = conn.execute(
                "INSERT INTO attempts (profile_id, lesson_id, question_ids, started_at, kind,"
                " seed, content_version) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (profile_id, lesson_id, _json().dumps(qids), now, kind, seed, content_version),
            )
            return Attempt(
                id=_inserted_id(cur),
                lesson_id=lesson_id,
                question_ids=tuple(qids),
                answers=(),
                started_at=_dt(now),
                finished_at=None,
                score=None,
                passed=None,
                kind=kind,
                seed=seed,
                content_version=content_version,
            )

        return self._write(tx)

    def open_attempt(self, profile_id: int, lesson_id: str) -> Attempt | None:
        """The unfinished attempt to resume, if any (the newest one)."""

        def tx(conn: sqlite3.Connection) -> Attempt | None:
            row = conn.execute(
                f"SELECT {_ATTEMPT_COLUMNS} FROM attempts WHERE profile_id = ?"
                " AND lesson_id = ? AND finished_at IS NULL ORDER BY id DESC LIMIT 1",
                (profile_id, lesson_id),
            ).fetchone()
            return None if row is None else _attempt(row, _answers_of(conn, row[0]))

        return self._read(tx)

    def attempt(self, attempt_id: int) -> Attempt | None:
        """One attempt with its answers, or None if there is no such attempt."""

        def tx(conn: sqlite3.Connection) -> Attempt | None:
            row = conn.execute(
                f"SELECT {_ATTEMPT_COLUMNS} FROM attempts WHERE id = ?", (attempt_id,)
            ).fetchone()
            return None if row is None else _attempt(row, _answers_of(conn, attempt_id))

        return self._read(tx)

    def record_answer(
        self,
        attempt_id: int,
        question_id: str,
        answer: object,
        correct: bool,
        *,
        review: tuple[ReviewCard, ReviewEntry] | None = None,
    ) -> None:
        """Save one submitted answer (JSON-safe `answer`; sets and tuples become lists),
        and with `review` the question's new review schedule, in the same transaction.

        Every answer is kept, even a second one to the same question. Raises ValueError
        if the attempt does not exist, is finished, or does not include the question.
        """
        encoded = _answer_to_json(answer)
        now = self._stamp()

        def tx(conn: sqlite3.Connection) -> None:
            row = conn.execute(
                "SELECT question_ids, finished_at, profile_id FROM attempts WHERE id = ?",
                (attempt_id,),
            ).fetchone()
            if row is None:
                raise StaleRecordError("That quiz attempt no longer exists.")
            if row[1] is not None:
                raise StaleRecordError("That quiz attempt is already finished.")
            if question_id not in _json().loads(row[0]):
                raise StaleRecordError(f"Question {question_id!r} is not part of this attempt.")
            conn.execute(
                "INSERT INTO answers (attempt_id, question_id, answer, correct, answered_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (attempt_id, question_id, encoded, 1 if correct else 0, now),
            )
            if review is not None:
                save_review_rows(conn, row[2], *review)

        self._write(tx)

    def finish_attempt(
        self,
        attempt_id: int,
        score: float,
        passed: bool,
        content_hash: str,
        *,
        lesson_passed: bool | None = None,
        lesson_score: float | None = None,
    ) -> LessonState:
        """Close an attempt with its own `score` and `passed`; update the lesson's state.

        `lesson_passed` (default: `passed`) is the lesson-status rule's verdict
        (`quiz.grading.lesson_passed`): status "passed", completed_at set the first time,
        content hash updated; otherwise "failed" unless the lesson was passed before.
        `lesson_score` is kept with the attempt (the share counted right for the lesson).
        A full attempt's score sets the first-try score once and raises the best score; a
        retry of the missed questions changes neither. The lesson is no longer "in quiz".
        A finished attempt cannot be finished again (StaleRecordError).
        """
        score = _check_score(score)
        combined = None if lesson_score is None else _check_score(lesson_score)
        won = passed if lesson_passed is None else lesson_passed
        now = self._stamp()

        def tx(conn: sqlite3.Connection) -> LessonState:
            profile_id, lesson_id, kind = _close_attempt(
                conn, attempt_id, now, (score, passed, combined)
            )
            full_score = None if kind == "retry-missed" else score
            conn.execute(
                _RECORD_RESULT,
                (
                    profile_id,
                    lesson_id,
                    "passed" if won else "failed",
                    full_score,
                    now if won else None,
                    content_hash if won else None,
                    now,
                    _next_touch(conn, profile_id),
                    full_score,
                ),
            )
            state = _state_of(conn, profile_id, lesson_id)
            assert state is not None  # the statement above wrote it
            return state

        return self._write(tx)

    def attempts(self, profile_id: int, lesson_id: str | None = None) -> list[Attempt]:
        """Every attempt of a profile (optionally one lesson), oldest first."""
        where = "t.profile_id = ?" + ("" if lesson_id is None else " AND t.lesson_id = ?")
        params: tuple[int | str, ...] = (profile_id,)
        if lesson_id is not None:
            params = (profile_id, lesson_id)

        def tx(conn: sqlite3.Connection) -> list[Attempt]:
            answers: dict[int, list[AnswerRecord]] = {}
            for row in conn.execute(
                "SELECT a.attempt_id, a.question_id, a.answer, a.correct, a.answered_at, a.origin"
                f" FROM answers a JOIN attempts t ON t.id = a.attempt_id WHERE {where}"
                " ORDER BY a.id",
                params,
            ):
                answers.setdefault(row[0], []).append(_answer(row[1:]))
            rows = conn.execute(
                f"SELECT {_ATTEMPT_COLUMNS} FROM attempts t WHERE {where} ORDER BY t.id",
                params,
            )
            return [_attempt(r, answers.get(r[0], ())) for r in rows]

        return self._read(tx)

    # ----------------------------------------------------------------- format 1 answers

    def has_position_answers(self) -> bool:
        """Whether any answer is still kept by position (progress format 1)."""

        def tx(conn: sqlite3.Connection) -> bool:
            sql = "SELECT EXISTS (SELECT 1 FROM answers WHERE origin = 'position')"
            return bool(conn.execute(sql).fetchone()[0])

        return self._read(tx)

    def position_answers(self) -> list[tuple[int, str, str, object, str | None]]:
        """Answers still kept by position (progress format 1), oldest first: (answer id,
        lesson id, question id, stored value, the lesson version of its attempt or None)."""

        def tx(conn: sqlite3.Connection) -> list[tuple[int, str, str, object, str | None]]:
            rows = conn.execute(
                "SELECT a.id, t.lesson_id, a.question_id, a.answer, t.content_version"
                " FROM answers a JOIN attempts t ON t.id = a.attempt_id"
                " WHERE a.origin = 'position' ORDER BY a.id"
            )
            return [(aid, lid, qid, _json().loads(ans), ver) for aid, lid, qid, ans, ver in rows]

        return self._read(tx)

    def convert_answers(self, changes: Iterable[tuple[int, object, AnswerOrigin]]) -> int:
        """Keep answers converted from positions to ids: (answer id, stored form, origin),
        all in one transaction. Only answers still kept by position change (another
        process may have converted them first); returns how many did."""
        rows = [(_answer_to_json(form), origin, aid) for aid, form, origin in changes]
        if not rows:
            return 0

        def tx(conn: sqlite3.Connection) -> int:
            done = 0
            for row in rows:
                cur = conn.execute(
                    "UPDATE answers SET answer = ?, origin = ? WHERE id = ?"
                    " AND origin = 'position'",
                    row,
                )
                done += cur.rowcount
            return done

        return self._write(tx)


# --------------------------------------------------------------------------- helpers


#: Record a finished attempt in the lesson's state. Parameters: profile id, lesson id,
#: status, a full attempt's score (None for a retry), completed_at and content hash (None
#: unless passed), now, touch_seq, the full attempt's score again (the first try's).
#: A passed lesson stays passed, the best score only rises and the first-try score is
#: set once, so a later attempt never takes away what the learner achieved.
_RECORD_RESULT = """
    INSERT INTO lesson_state
        (profile_id, lesson_id, status, current_page, best_score, completed_at,
         content_hash, in_quiz, updated_at, touch_seq, first_try_score)
    VALUES (?, ?, ?, 0, ?, ?, ?, 0, ?, ?, ?)
    ON CONFLICT (profile_id, lesson_id) DO UPDATE SET
        status = CASE WHEN status = 'passed' THEN 'passed'
                      ELSE excluded.status END,
        best_score = CASE WHEN best_score IS NULL
                            OR excluded.best_score > best_score
                          THEN excluded.best_score ELSE best_score END,
        completed_at = coalesce(completed_at, excluded.completed_at),
        content_hash = coalesce(excluded.content_hash, content_hash),
        in_quiz = 0,
        updated_at = excluded.updated_at,
        touch_seq = excluded.touch_seq,
        first_try_score = coalesce(first_try_score, excluded.first_try_score)
"""


def _close_attempt(
    conn: sqlite3.Connection,
    attempt_id: int,
    now: str,
    result: tuple[float, bool, float | None],
) -> tuple[int, str, AttemptKind]:
    """Mark an open attempt finished with (score, passed, lesson score); return its
    (profile id, lesson id, kind).

    Raises StaleRecordError when the attempt is gone or already finished.
    """
    row = conn.execute(
        "SELECT profile_id, lesson_id, finished_at, kind FROM attempts WHERE id = ?",
        (attempt_id,),
    ).fetchone()
    if row is None:
        raise StaleRecordError("That quiz attempt no longer exists.")
    profile_id, lesson_id, finished, kind = row
    if finished is not None:
        raise StaleRecordError("That quiz attempt is already finished.")
    score, passed, lesson_score = result
    conn.execute(
        "UPDATE attempts SET finished_at = ?, score = ?, passed = ?, lesson_score = ? WHERE id = ?",
        (now, score, 1 if passed else 0, lesson_score, attempt_id),
    )
    return profile_id, lesson_id, kind


def _state_of(conn: sqlite3.Connection, profile_id: int, lesson_id: str) -> LessonState | None:
    """One lesson's saved state, or None if the learner never opened it."""
    row = conn.execute(
        f"SELECT {_STATE_COLUMNS} FROM lesson_state WHERE profile_id = ? AND lesson_id = ?",
        (profile_id, lesson_id),
    ).fetchone()
    return None if row is None else _state(row)


def _check_writable(path: Path) -> None:
    """Refuse up front a progress file or data folder that cannot be written.

    SQLite opens and reads such a file happily and fails only at the first save, by which
    time a learner has done work that is then lost. (WAL needs the folder writable too.)
    """
    for target, what in ((path, "progress file"), (path.parent, "data folder")):
        if target.exists() and not os.access(target, os.W_OK):
            raise StoreError(
                f"the {what} {target} is read-only: saves could fail or not be kept "
                f"safely (SQLite writes files beside the progress file). Make it "
                f"writable, or choose another --data-dir."
            )


def _ensure_name_free(conn: sqlite3.Connection, name: str, own_id: int | None) -> None:
    """Refuse a name that is, or looks like, another profile's (Cyrillic "а" for "a")."""
    looks = name_skeleton(name)
    for other_id, other in conn.execute("SELECT id, name FROM profiles"):
        if other_id != own_id and name_skeleton(other) == looks:
            raise ValueError(_("A profile called '{name}' already exists.").format(name=other))


def _next_touch(conn: sqlite3.Connection, profile_id: int) -> int:
    row = conn.execute(
        "SELECT coalesce(max(touch_seq), 0) + 1 FROM lesson_state WHERE profile_id = ?",
        (profile_id,),
    ).fetchone()
    return int(row[0])


def _answers_of(conn: sqlite3.Connection, attempt_id: int) -> list[AnswerRecord]:
    return [
        _answer(r)
        for r in conn.execute(
            "SELECT question_id, answer, correct, answered_at, origin FROM answers"
            " WHERE attempt_id = ? ORDER BY id",
            (attempt_id,),
        )
    ]

"""The progress store: profiles, lesson state rules, attempts, files and migrations."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
import time
import unicodedata
from datetime import UTC
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ketatui.paths import PROGRESS_DB_FILENAME
from ketatui.progress import schema
from ketatui.progress.store import (
    CorruptStoreError,
    ProgressStore,
    StaleRecordError,
    StoreError,
    clean_profile_name,
)

POSIX = os.name == "posix"


@pytest.fixture
def store(data_dir: Path):
    s = ProgressStore.open(data_dir)
    yield s
    s.close()


@pytest.fixture
def sam(store: ProgressStore) -> int:
    return store.create_profile("Sam").id


def raw(data_dir: Path) -> sqlite3.Connection:
    """A second, plain connection to look at what is really on disk."""
    return sqlite3.connect(data_dir / PROGRESS_DB_FILENAME)


def count(data_dir: Path, table: str) -> int:
    with raw(data_dir) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


# ------------------------------------------------------------------ opening and files


def test_open_creates_private_folder_and_file_with_wal(tmp_path: Path) -> None:
    data = tmp_path / "a" / "b" / "data"
    with ProgressStore.open(data) as s:
        s.create_profile("Sam")
        assert (data / PROGRESS_DB_FILENAME).is_file()
        if POSIX:
            assert (data.stat().st_mode & 0o777) == 0o700
            for f in data.iterdir():  # the db and its -wal/-shm
                assert (f.stat().st_mode & 0o777) == 0o600, f.name
        assert s._conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert s._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert s._conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    with raw(data) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.latest_version()


def test_existing_folder_permissions_are_left_alone(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    ProgressStore.open(tmp_path).close()
    assert (tmp_path.stat().st_mode & 0o777) == 0o755


def test_persists_across_close_and_reopen(data_dir: Path) -> None:
    with ProgressStore.open(data_dir) as s:
        pid = s.create_profile("Sam").id
        s.save_page(pid, "intro", 3)
        a = s.start_attempt(pid, "quiz-lesson", ["q1", "q2"])
        s.record_answer(a.id, "q1", 2, True)
        s.record_answer(a.id, "q2", [0, 1], False)
        s.finish_attempt(a.id, 0.5, False, "h1")
        b = s.start_attempt(pid, "quiz-lesson", ["q2"])
        s.record_answer(b.id, "q2", [1], True)
        before = (s.list_profiles(), s.lesson_states(pid), s.attempts(pid), s.last_lesson(pid))
    with ProgressStore.open(data_dir) as s:
        after = (s.list_profiles(), s.lesson_states(pid), s.attempts(pid), s.last_lesson(pid))
        assert s.open_attempt(pid, "quiz-lesson").id == b.id
    assert after == before
    assert after[1]["intro"].current_page == 3
    assert after[2][0].answers[1].answer == [0, 1]


def test_migrates_an_empty_file_from_version_0(data_dir: Path) -> None:
    (data_dir / PROGRESS_DB_FILENAME).write_bytes(b"")
    with ProgressStore.open(data_dir) as s:
        assert s.create_profile("Sam").name == "Sam"
    with raw(data_dir) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.latest_version()
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"profiles", "lesson_state", "attempts", "answers"} <= tables


def test_refuses_a_newer_file_and_leaves_it_untouched(data_dir: Path) -> None:
    path = data_dir / PROGRESS_DB_FILENAME
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE future (x)")
        conn.execute(f"PRAGMA user_version = {schema.latest_version() + 1}")
    conn.close()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(StoreError, match="newer version of ketatui"):
        ProgressStore.open(data_dir)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    # Still a rollback-journal database: we did not switch it to WAL either.
    with raw(data_dir) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_each_migration_is_one_transaction(data_dir: Path, monkeypatch) -> None:
    with ProgressStore.open(data_dir) as s:
        pid = s.create_profile("Sam").id
        s.save_page(pid, "intro", 1)
    v1 = schema.latest_version()

    broken = ("CREATE TABLE half_done (x)", "THIS IS NOT SQL")
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, broken])
    with pytest.raises(StoreError, match="Could not upgrade the progress file"):
        ProgressStore.open(data_dir)
    with raw(data_dir) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == v1
        assert (
            conn.execute("SELECT name FROM sqlite_master WHERE name='half_done'").fetchall() == []
        )

    good = ("ALTER TABLE profiles ADD COLUMN colour TEXT",)
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS[:v1], good])
    with ProgressStore.open(data_dir) as s:
        assert s.lesson_state(pid, "intro").current_page == 1
    with raw(data_dir) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == v1 + 1
        assert conn.execute("SELECT colour FROM profiles").fetchall() == [(None,)]


def test_non_sqlite_file_is_a_plain_store_error(data_dir: Path) -> None:
    (data_dir / PROGRESS_DB_FILENAME).write_text("these are my notes, not a database\n" * 50)
    with pytest.raises(CorruptStoreError) as info:
        ProgressStore.open(data_dir)
    message = str(info.value)
    assert str(data_dir / PROGRESS_DB_FILENAME) in message
    assert "damaged" in message
    assert "Traceback" not in message


def _damage(path: Path) -> None:
    # Overwrite the middle of the file (b-tree pages), leaving the header intact.
    data = bytearray(path.read_bytes())
    for i in range(4096, len(data) - 100, 7):
        data[i] = 0xA5
    path.write_bytes(bytes(data))


def test_damaged_database_is_a_store_error(data_dir: Path) -> None:
    with ProgressStore.open(data_dir) as s:
        pid = s.create_profile("Sam").id
        for i in range(300):
            s.save_page(pid, f"lesson-{i:04d}-" + "x" * 40, i)
    _damage(data_dir / PROGRESS_DB_FILENAME)
    with pytest.raises(CorruptStoreError) as info:
        ProgressStore.open(data_dir)
    assert "damaged" in str(info.value)
    assert "\n" not in str(info.value)  # one readable sentence, not SQLite's report


def test_someone_elses_sqlite_file_is_not_touched(data_dir: Path) -> None:
    path = data_dir / PROGRESS_DB_FILENAME
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.close()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(CorruptStoreError, match="not a ketatui progress file"):
        ProgressStore.open(data_dir)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


def test_recover_moves_a_damaged_file_aside_and_starts_fresh(data_dir: Path) -> None:
    path = data_dir / PROGRESS_DB_FILENAME
    path.write_bytes(b"garbage" * 1000)
    with ProgressStore.open(data_dir, recover=True) as s:
        assert s.list_profiles() == []
        assert s.recovery_note is not None and "damaged" in s.recovery_note
        s.create_profile("Sam")
    kept = list(data_dir.glob(f"{PROGRESS_DB_FILENAME}.corrupt-*"))
    assert len(kept) == 1
    assert kept[0].read_bytes() == b"garbage" * 1000
    assert kept[0].name in s.recovery_note
    # A healthy file opens without a note.
    with ProgressStore.open(data_dir, recover=True) as s:
        assert s.recovery_note is None
        assert [p.name for p in s.list_profiles()] == ["Sam"]


def test_data_dir_below_a_file_names_the_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(StoreError) as info:
        ProgressStore.open(blocker / "data")
    assert str(blocker / "data") in str(info.value)
    assert "--data-dir" in str(info.value)


def test_data_dir_that_is_a_file_names_it(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="not a folder"):
        ProgressStore.open(blocker)


@pytest.mark.skipif(not POSIX or os.geteuid() == 0, reason="root can write anywhere")
def test_read_only_data_dir_names_the_folder(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(StoreError) as info:
            ProgressStore.open(locked)
        assert str(locked) in str(info.value)
    finally:
        locked.chmod(0o700)


def test_closed_store_raises_store_error(data_dir: Path) -> None:
    s = ProgressStore.open(data_dir)
    s.close()
    s.close()  # twice is fine
    with pytest.raises(StoreError, match="closed"):
        s.list_profiles()


# ------------------------------------------------------------------ profiles


def test_create_profile_trims_and_keeps_text_verbatim(store: ProgressStore) -> None:
    p = store.create_profile("  [bold]Sam[/] <b>  ")
    assert p.name == "[bold]Sam[/] <b>"
    assert p.created_at.tzinfo is not None and p.created_at.utcoffset() == UTC.utcoffset(None)
    assert store.list_profiles() == [p]
    assert store.profile(p.id) == p
    assert store.profile(p.id + 100) is None


def test_list_profiles_is_sorted_by_name(store: ProgressStore) -> None:
    for name in ["zoe", "Adam", "bea"]:
        store.create_profile(name)
    assert [p.name for p in store.list_profiles()] == ["Adam", "bea", "zoe"]


@pytest.mark.parametrize(
    ("first", "second", "shown"),
    [
        ("Sam", "sam", "Sam"),
        ("Sam", "  SAM ", "Sam"),
        ("Émile", "émile", "Émile"),
        ("ß", "SS", "ß"),
    ],
)
def test_profile_names_are_unique_case_insensitively(
    store: ProgressStore, first: str, second: str, shown: str
) -> None:
    store.create_profile(first)
    with pytest.raises(ValueError) as info:
        store.create_profile(second)
    assert str(info.value) == f"A profile called '{shown}' already exists."
    assert len(store.list_profiles()) == 1


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Please enter a name."),
        ("   \t ", "Please enter a name."),
        ("x" * 61, "at most 60 characters; this one has 61"),
        ("Sam\tSmith", "control characters"),
        ("Sam\nSmith", "control characters"),
        ("Sam\x00", "control characters"),
        ("\x1b[31mSam", "control characters"),
        ("Sam\u202eevil", "control characters"),
        ("Sam\u2028x", "control characters"),
        (None, "must be text"),
        (42, "must be text"),
    ],
)
def test_bad_profile_names_are_refused_plainly(
    store: ProgressStore, name: object, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        store.create_profile(name)  # type: ignore[arg-type]
    assert store.list_profiles() == []


def test_sixty_characters_is_allowed(store: ProgressStore) -> None:
    assert store.create_profile("  " + "é" * 60 + "  ").name == "é" * 60


# Controls, surrogates, line/paragraph separators and invisible format characters (Cf:
# bidi marks, zero-width spaces, word joiners, soft hyphens).
_FORBIDDEN = {"Cc", "Cs", "Zl", "Zp", "Cf"}


def _mark_flood(text: str) -> bool:
    """More than four combining marks in a row: they stack into a blot on one letter."""
    return any(
        all(unicodedata.category(c).startswith("M") for c in text[i : i + 5])
        for i in range(len(text) - 4)
    )


@settings(max_examples=80, deadline=None)
@given(st.text(min_size=0, max_size=70))
def test_name_validation_accepts_exactly_the_valid_names(text: str) -> None:
    trimmed = text.strip()
    bad_char = any(unicodedata.category(c) in _FORBIDDEN for c in trimmed)
    visible = any(unicodedata.category(c)[0] not in "MZ" for c in trimmed)
    valid = 0 < len(trimmed) <= 60 and not bad_char and visible and not _mark_flood(trimmed)
    if valid:
        assert clean_profile_name(text) == trimmed
    else:
        with pytest.raises(ValueError):
            clean_profile_name(text)


def test_rename_profile(store: ProgressStore, sam: int) -> None:
    other = store.create_profile("Alex")
    created = store.profile(sam).created_at
    renamed = store.rename_profile(sam, "  Samantha ")
    assert (renamed.id, renamed.name, renamed.created_at) == (sam, "Samantha", created)
    assert store.rename_profile(sam, "SAMANTHA").name == "SAMANTHA"  # own name, new case
    with pytest.raises(ValueError, match=r"A profile called 'Alex' already exists\."):
        store.rename_profile(sam, "alex")
    with pytest.raises(ValueError, match="control characters"):
        store.rename_profile(sam, "a\x07")
    with pytest.raises(ValueError, match="no longer exists"):
        store.rename_profile(sam + 1000, "Nobody")
    assert {p.name for p in store.list_profiles()} == {"SAMANTHA", other.name}


def test_delete_profile_removes_everything_saved_for_it(
    store: ProgressStore, data_dir: Path, sam: int
) -> None:
    alex = store.create_profile("Alex").id
    for pid in (sam, alex):
        store.save_page(pid, "intro", 1)
        a = store.start_attempt(pid, "intro", ["q1"])
        store.record_answer(a.id, "q1", True, True)
        store.finish_attempt(a.id, 1.0, True, "h")
    store.delete_profile(sam)
    assert [p.name for p in store.list_profiles()] == ["Alex"]
    assert store.lesson_states(sam) == {}
    assert store.attempts(sam) == []
    assert count(data_dir, "lesson_state") == 1
    assert count(data_dir, "attempts") == 1
    assert count(data_dir, "answers") == 1
    assert store.lesson_state(alex, "intro").status == "passed"
    store.delete_profile(sam)  # already gone: no error
    # The name is free again.
    assert store.create_profile("sam").name == "sam"


def test_writes_for_a_deleted_profile_are_stale_record_errors(
    store: ProgressStore, sam: int
) -> None:
    store.delete_profile(sam)
    # Both kinds: a ValueError (bad argument) the UI can also catch as a StoreError.
    with pytest.raises(StaleRecordError, match="profile no longer exists") as info:
        store.save_page(sam, "intro", 0)
    assert isinstance(info.value, ValueError) and isinstance(info.value, StoreError)
    with pytest.raises(StaleRecordError, match="profile no longer exists"):
        store.start_attempt(sam, "intro", ["q1"])
    with pytest.raises(StaleRecordError, match="profile no longer exists"):
        store.rename_profile(sam, "Ghost")


# ------------------------------------------------------------------ lesson state


def test_unknown_lesson_has_no_state(store: ProgressStore, sam: int) -> None:
    assert store.lesson_state(sam, "intro") is None
    assert store.lesson_states(sam) == {}
    assert store.last_lesson(sam) is None


def test_save_page_marks_in_progress(store: ProgressStore, sam: int) -> None:
    store.save_page(sam, "intro", 0)
    store.save_page(sam, "intro", 2)
    state = store.lesson_state(sam, "intro")
    assert (state.status, state.current_page, state.in_quiz) == ("in_progress", 2, False)
    assert state.best_score is None and state.completed_at is None
    assert state.updated_at is not None and state.updated_at.tzinfo is not None
    assert store.lesson_states(sam) == {"intro": state}


@pytest.mark.parametrize("page", [-1, 1.5, "2", True, None])
def test_save_page_refuses_bad_pages(store: ProgressStore, sam: int, page: object) -> None:
    with pytest.raises(ValueError, match="page number"):
        store.save_page(sam, "intro", page)  # type: ignore[arg-type]
    assert store.lesson_state(sam, "intro") is None


def test_save_page_refuses_empty_lesson_id(store: ProgressStore, sam: int) -> None:
    with pytest.raises(ValueError, match="lesson id"):
        store.save_page(sam, "", 0)


def test_save_page_clears_in_quiz(store: ProgressStore, sam: int) -> None:
    store.start_attempt(sam, "intro", ["q1"])
    assert store.lesson_state(sam, "intro").in_quiz is True
    store.save_page(sam, "intro", 1)
    assert store.lesson_state(sam, "intro").in_quiz is False


def test_reopened_passed_lesson_stays_passed(store: ProgressStore, sam: int) -> None:
    a = store.start_attempt(sam, "intro", ["q1"])
    store.finish_attempt(a.id, 1.0, True, "h")
    store.save_page(sam, "intro", 4)
    state = store.lesson_state(sam, "intro")
    assert (state.status, state.current_page, state.best_score) == ("passed", 4, 1.0)


def test_reopened_failed_lesson_stays_failed(store: ProgressStore, sam: int) -> None:
    a = store.start_attempt(sam, "intro", ["q1"])
    store.finish_attempt(a.id, 0.0, False, "h")
    store.save_page(sam, "intro", 2)
    state = store.lesson_state(sam, "intro")
    assert (state.status, state.current_page) == ("failed", 2)


def test_last_lesson_is_the_most_recently_touched(store: ProgressStore, sam: int) -> None:
    other = store.create_profile("Alex").id
    store.save_page(sam, "a", 0)
    store.save_page(sam, "b", 0)
    assert store.last_lesson(sam) == "b"
    store.save_page(sam, "a", 1)
    assert store.last_lesson(sam) == "a"
    attempt = store.start_attempt(sam, "c", ["q1"])
    assert store.last_lesson(sam) == "c"
    store.save_page(sam, "b", 2)
    store.finish_attempt(attempt.id, 1.0, True, "h")
    assert store.last_lesson(sam) == "c"
    store.save_page(other, "z", 0)
    assert store.last_lesson(sam) == "c"
    assert store.last_lesson(other) == "z"


# ------------------------------------------------------------------ attempts


def test_start_attempt_marks_lesson_in_quiz(store: ProgressStore, sam: int) -> None:
    a = store.start_attempt(sam, "intro", ["q3", "q1", "q2"])
    assert a.question_ids == ("q3", "q1", "q2")
    assert (a.answers, a.finished_at, a.score, a.passed) == ((), None, None, None)
    assert a.next_question_index == 0
    state = store.lesson_state(sam, "intro")
    assert (state.status, state.in_quiz) == ("in_progress", True)


def test_start_attempt_keeps_passed_status(store: ProgressStore, sam: int) -> None:
    a = store.start_attempt(sam, "intro", ["q1"])
    store.finish_attempt(a.id, 1.0, True, "h")
    store.start_attempt(sam, "intro", ["q1"])
    state = store.lesson_state(sam, "intro")
    assert (state.status, state.in_quiz) == ("passed", True)


@pytest.mark.parametrize("qids", [["q1", "q1"], ["q1", ""], ["q1", 2]])
def test_start_attempt_refuses_bad_question_ids(store: ProgressStore, sam: int, qids: list) -> None:
    with pytest.raises(ValueError):
        store.start_attempt(sam, "intro", qids)
    assert store.attempts(sam) == []


def test_open_attempt_is_the_newest_unfinished(store: ProgressStore, sam: int) -> None:
    assert store.open_attempt(sam, "intro") is None
    first = store.start_attempt(sam, "intro", ["q1", "q2"])
    second = store.start_attempt(sam, "intro", ["q2"])
    store.start_attempt(sam, "other", ["x"])
    assert store.open_attempt(sam, "intro").id == second.id
    store.finish_attempt(second.id, 1.0, True, "h")
    assert store.open_attempt(sam, "intro").id == first.id
    store.finish_attempt(first.id, 0.5, False, "h")
    assert store.open_attempt(sam, "intro") is None


def test_open_attempt_resumes_at_first_unanswered(store: ProgressStore, sam: int) -> None:
    a = store.start_attempt(sam, "intro", ["q1", "q2", "q3"])
    store.record_answer(a.id, "q1", 0, True)
    resumed = store.open_attempt(sam, "intro")
    assert resumed.next_question_index == 1
    assert [(x.question_id, x.answer, x.correct) for x in resumed.answers] == [("q1", 0, True)]
    store.record_answer(a.id, "q3", "988", True)
    store.record_answer(a.id, "q2", False, False)
    assert store.open_attempt(sam, "intro").next_question_index == 3
    assert store.attempt(a.id) == store.open_attempt(sam, "intro")
    assert store.attempt(a.id + 99) is None


def test_record_answer_keeps_every_answer(store: ProgressStore, sam: int, data_dir: Path) -> None:
    a = store.start_attempt(sam, "intro", ["q1", "q2", "q3"])
    store.record_answer(a.id, "q1", frozenset({2, 0}), False)
    store.record_answer(a.id, "q1", {1, 0}, True)  # changed their mind: both kept
    store.record_answer(a.id, "q2", (2, 0, 1), True)
    store.record_answer(a.id, "q3", "  Nine eight eight ", True)
    got = store.attempt(a.id).answers
    assert [(x.question_id, x.answer, x.correct) for x in got] == [
        ("q1", [0, 2], False),
        ("q1", [0, 1], True),
        ("q2", [2, 0, 1], True),
        ("q3", "  Nine eight eight ", True),
    ]
    assert all(x.answered_at.tzinfo is not None for x in got)
    assert count(data_dir, "answers") == 4


@pytest.mark.parametrize("answer", [object(), float("nan"), {"a": object()}])
def test_record_answer_refuses_non_json(store: ProgressStore, sam: int, answer: object) -> None:
    a = store.start_attempt(sam, "intro", ["q1"])
    with pytest.raises(ValueError, match="JSON-safe"):
        store.record_answer(a.id, "q1", answer, True)
    assert store.attempt(a.id).answers == ()


def test_record_answer_refuses_wrong_attempt_or_question(store: ProgressStore, sam: int) -> None:
    a = store.start_attempt(sam, "intro", ["q1"])
    with pytest.raises(ValueError, match="not part of this attempt"):
        store.record_answer(a.id, "q9", 0, True)
    with pytest.raises(ValueError, match="no longer exists"):
        store.record_answer(a.id + 50, "q1", 0, True)
    store.finish_attempt(a.id, 0.0, False, "h")
    with pytest.raises(StaleRecordError, match="already finished"):
        store.record_answer(a.id, "q1", 0, True)
    assert store.attempt(a.id).answers == ()


def test_finish_passed_sets_status_completion_and_hash(store: ProgressStore, sam: int) -> None:
    store.save_page(sam, "intro", 3)
    a = store.start_attempt(sam, "intro", ["q1", "q2"])
    state = store.finish_attempt(a.id, 0.9, True, "hash-1")
    assert state.status == "passed"
    assert state.best_score == pytest.approx(0.9)
    assert state.completed_at is not None and state.completed_at.tzinfo is not None
    assert state.content_hash == "hash-1"
    assert state.in_quiz is False
    assert state.current_page == 3
    assert store.lesson_state(sam, "intro") == state
    done = store.attempt(a.id)
    assert (done.score, done.passed) == (pytest.approx(0.9), True)
    assert done.finished_at is not None and done.finished_at >= done.started_at


def test_failing_first_marks_failed(store: ProgressStore, sam: int) -> None:
    a = store.start_attempt(sam, "intro", ["q1"])
    state = store.finish_attempt(a.id, 0.4, False, "hash-1")
    assert (state.status, state.best_score, state.in_quiz) == ("failed", 0.4, False)
    assert state.completed_at is None and state.content_hash is None
    assert store.attempt(a.id).passed is False


def test_later_attempts_keep_best_score_and_first_completion(
    store: ProgressStore, sam: int
) -> None:
    a = store.start_attempt(sam, "intro", ["q1"])
    store.finish_attempt(a.id, 0.5, False, "hash-1")
    b = store.start_attempt(sam, "intro", ["q1"])
    passed = store.finish_attempt(b.id, 0.8, True, "hash-1")
    assert (passed.status, passed.best_score) == ("passed", 0.8)
    first_completed = passed.completed_at

    c = store.start_attempt(sam, "intro", ["q1"])
    failed_again = store.finish_attempt(c.id, 0.2, False, "hash-2")
    assert failed_again.status == "passed"  # a pass is never taken away
    assert failed_again.best_score == 0.8
    assert failed_again.completed_at == first_completed
    assert failed_again.content_hash == "hash-1"  # a failed try does not re-certify

    d = store.start_attempt(sam, "intro", ["q1"])
    repassed = store.finish_attempt(d.id, 1.0, True, "hash-2")
    assert repassed.best_score == 1.0
    assert repassed.completed_at == first_completed
    assert repassed.content_hash == "hash-2"  # passed the updated lesson


def test_finish_attempt_refuses_bad_calls(store: ProgressStore, sam: int) -> None:
    a = store.start_attempt(sam, "intro", ["q1"])
    for bad in (-0.1, 1.5, float("nan"), "0.5", True):
        with pytest.raises(ValueError, match="score"):
            store.finish_attempt(a.id, bad, False, "h")  # type: ignore[arg-type]
    assert store.open_attempt(sam, "intro").id == a.id
    store.finish_attempt(a.id, 1.0, True, "h")
    with pytest.raises(StaleRecordError, match="already finished"):
        store.finish_attempt(a.id, 0.0, False, "h")
    assert store.lesson_state(sam, "intro").status == "passed"
    with pytest.raises(ValueError, match="no longer exists"):
        store.finish_attempt(a.id + 10, 1.0, True, "h")


def test_attempts_oldest_first_and_by_lesson(store: ProgressStore, sam: int) -> None:
    alex = store.create_profile("Alex").id
    a = store.start_attempt(sam, "one", ["q1"])
    b = store.start_attempt(sam, "two", ["q1", "q2"])
    c = store.start_attempt(sam, "one", ["q1"])
    store.start_attempt(alex, "one", ["q1"])
    store.record_answer(b.id, "q2", 1, False)
    store.record_answer(a.id, "q1", 0, True)
    store.record_answer(c.id, "q1", 1, False)
    assert [x.id for x in store.attempts(sam)] == [a.id, b.id, c.id]
    assert [x.id for x in store.attempts(sam, "one")] == [a.id, c.id]
    by_id = {x.id: x for x in store.attempts(sam)}
    assert [x.answer for x in by_id[a.id].answers] == [0]
    assert [x.question_id for x in by_id[b.id].answers] == ["q2"]
    assert [x.correct for x in by_id[c.id].answers] == [False]
    assert store.attempts(sam, "none") == []


# ------------------------------------------------------------------ locking


def test_waits_for_another_writer_instead_of_failing(store: ProgressStore, data_dir: Path) -> None:
    pid = store.create_profile("Sam").id
    other = sqlite3.connect(
        data_dir / PROGRESS_DB_FILENAME, isolation_level=None, check_same_thread=False
    )
    other.execute("BEGIN IMMEDIATE")
    released = threading.Event()

    def release() -> None:
        time.sleep(0.3)
        other.execute("COMMIT")
        released.set()

    threading.Thread(target=release).start()
    store.save_page(pid, "intro", 1)  # blocks until the other writer commits
    assert released.is_set()
    assert store.lesson_state(pid, "intro").current_page == 1
    other.close()


def test_retries_busy_errors_that_sqlite_does_not_wait_for(
    store: ProgressStore, data_dir: Path
) -> None:
    pid = store.create_profile("Sam").id
    store._conn.execute("PRAGMA busy_timeout = 0")  # every lock conflict surfaces at once
    other = sqlite3.connect(
        data_dir / PROGRESS_DB_FILENAME, isolation_level=None, check_same_thread=False
    )
    other.execute("BEGIN IMMEDIATE")
    timer = threading.Timer(0.1, lambda: other.execute("COMMIT"))
    timer.start()
    store.save_page(pid, "intro", 2)
    timer.join()
    other.close()
    assert store.lesson_state(pid, "intro").current_page == 2


def test_threads_can_share_one_store(store: ProgressStore, sam: int) -> None:
    a = store.start_attempt(sam, "intro", [f"q{i}" for i in range(80)])
    errors: list[BaseException] = []

    def work(start: int) -> None:
        try:
            for i in range(start, 80, 4):
                store.record_answer(a.id, f"q{i}", i, True)
                store.save_page(sam, f"lesson-{start}", i)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(store.attempt(a.id).answers) == 80
    assert set(store.lesson_states(sam)) == {"intro", *(f"lesson-{n}" for n in range(4))}


def test_markup_in_names_round_trips(store: ProgressStore) -> None:
    name = "[red]x[/red] $(rm -rf) ' OR 1=1 --"
    p = store.create_profile(name)
    assert store.profile(p.id).name == name

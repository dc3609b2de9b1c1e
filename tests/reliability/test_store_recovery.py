"""A damaged, foreign or newer progress file, or a data dir that cannot be written.

Trainees' records are never silently deleted: a damaged or foreign file is renamed aside
(bytes unchanged) with a dated name, a fresh store starts and the app says where the old
file went. A file from a newer ketatui is left exactly as it is and the app runs without
saving, as it does when the data dir cannot be written. Both go through the real
`ketatui` entry point (`cli.main`), run headless.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.widgets import Static

from ketatui import cli
from ketatui.commands.app import open_store
from ketatui.paths import PROGRESS_DB_FILENAME
from ketatui.progress import schema
from ketatui.progress.store import ProgressStore
from ketatui.ui.app import KetatuiApp
from ketatui.ui.screens.catalog import CatalogScreen
from ketatui.ui.screens.profiles import ProfilesScreen

SIZE = (100, 30)
UI_COURSE = Path(__file__).resolve().parent.parent / "data" / "ui_course"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def real_store_bytes(tmp: Path) -> bytes:
    """A genuine progress file with a profile and some progress, checkpointed into one file."""
    with ProgressStore.open(tmp) as s:
        pid = s.create_profile("Trainee").id
        for i in range(50):
            s.save_page(pid, f"lesson-{i}", i % 4)
    conn = sqlite3.connect(tmp / PROGRESS_DB_FILENAME)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    return (tmp / PROGRESS_DB_FILENAME).read_bytes()


def damaged_pages(tmp: Path) -> bytes:
    """A real progress file whose b-tree pages after the first were overwritten."""
    data = bytearray(real_store_bytes(tmp))
    page = 4096
    for offset in range(page, len(data), page):
        data[offset : offset + 64] = b"\xa5" * 64
    return bytes(data)


def foreign_db(tmp: Path) -> bytes:
    """Another program's SQLite database (user_version 0, its own tables)."""
    path = tmp / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.execute("INSERT INTO recipes VALUES ('soup')")
    conn.commit()
    conn.close()
    return path.read_bytes()


BAD_FILES: dict[str, Callable[[Path], bytes]] = {
    "text": lambda tmp: b"these are my notes, not a database\n" * 40,
    "random bytes": lambda tmp: bytes(range(256)) * 64,
    "truncated header": lambda tmp: real_store_bytes(tmp)[:50],
    "damaged pages": damaged_pages,
    "foreign sqlite": foreign_db,
}


@pytest.fixture(params=sorted(BAD_FILES))
def bad_data_dir(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, bytes]:
    """A data dir whose progress file is damaged or foreign, and the file's bytes."""
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    content = BAD_FILES[request.param](scratch)
    data = tmp_path / "data"
    data.mkdir()
    (data / PROGRESS_DB_FILENAME).write_bytes(content)
    return data, content


def moved_aside(data: Path) -> list[Path]:
    return sorted(p for p in data.iterdir() if ".corrupt-" in p.name and "-wal" not in p.name)


# ---------------------------------------------------------------------------- open_store


def test_damaged_file_is_moved_aside_unchanged_and_a_fresh_store_starts(bad_data_dir) -> None:
    data, content = bad_data_dir
    store, note = open_store(data)
    assert store is not None
    try:
        (old,) = moved_aside(data)
        assert old.name.startswith(f"{PROGRESS_DB_FILENAME}.corrupt-")
        assert old.read_bytes() == content  # never edited, never deleted
        assert str(old) in note and "damaged" in note
        assert store.list_profiles() == []
        pid = store.create_profile("After").id
        store.save_page(pid, "lesson", 2)
    finally:
        store.close()
    with ProgressStore.open(data) as again:  # the fresh file is a healthy store
        assert [p.name for p in again.list_profiles()] == ["After"]
    assert moved_aside(data) == [old]


def test_a_second_damaged_file_gets_its_own_name(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    names = []
    for i in range(3):
        (data / PROGRESS_DB_FILENAME).write_bytes(f"junk {i}".encode() * 100)
        store, _note = open_store(data)
        assert store is not None
        store.close()
        names = moved_aside(data)
        assert len(names) == i + 1
    contents = sorted(p.read_bytes()[:6] for p in names)
    assert contents == [b"junk 0", b"junk 1", b"junk 2"]


def test_empty_file_is_a_new_store_not_a_damaged_one(tmp_path: Path) -> None:
    # E.g. a crash between creating the file and the first write.
    data = tmp_path / "data"
    data.mkdir()
    (data / PROGRESS_DB_FILENAME).write_bytes(b"")
    store, note = open_store(data)
    assert store is not None and note == ""
    store.close()
    assert moved_aside(data) == []


def newer_store(data: Path) -> str:
    with ProgressStore.open(data) as s:
        s.create_profile("From the future")
    conn = sqlite3.connect(data / PROGRESS_DB_FILENAME)
    conn.execute(f"PRAGMA user_version = {schema.latest_version() + 1}")
    conn.close()
    return digest(data / PROGRESS_DB_FILENAME)


def test_newer_file_is_left_untouched_and_the_app_runs_without_saving(tmp_path: Path) -> None:
    data = tmp_path / "data"
    before = newer_store(data)
    store, note = open_store(data)
    assert store is None
    assert "newer version of ketatui" in note and "not being saved" in note
    assert digest(data / PROGRESS_DB_FILENAME) == before
    assert moved_aside(data) == []


@pytest.mark.parametrize("layout", ["data dir is a file", "data dir under a file", "db is a dir"])
def test_unwritable_data_dir_gives_a_clear_message(tmp_path: Path, layout: str) -> None:
    # Running as root, chmod does not stop writes: make paths that cannot work instead.
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be")
    if layout == "data dir is a file":
        data = blocker
    elif layout == "data dir under a file":
        data = blocker / "ketatui"
    else:
        data = tmp_path / "data"
        (data / PROGRESS_DB_FILENAME).mkdir(parents=True)
    store, note = open_store(data)
    assert store is None
    assert note.startswith("Progress is not being saved: ")
    assert "Traceback" not in note
    assert str(blocker) in note or str(data) in note
    assert blocker.read_text() == "a file where a folder should be"


# ---------------------------------------------------------------------------- the real app


def run_headless(
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    script: Callable[[KetatuiApp, object], Awaitable[None]],
) -> int:
    """Run `ketatui ARGV` through cli.main with the app headless, driven by `script`."""
    real_run = KetatuiApp.run

    def headless_run(self: KetatuiApp, *args: object, **kwargs: object) -> object:
        async def auto_pilot(pilot) -> None:
            try:
                await script(self, pilot)
            finally:
                self.exit()

        return real_run(self, headless=True, size=SIZE, auto_pilot=auto_pilot)

    monkeypatch.setattr(KetatuiApp, "run", headless_run)
    return cli.main(argv)


def notes_of(app: KetatuiApp) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


def test_real_app_with_a_damaged_file_says_where_it_went(tmp_path, monkeypatch) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / PROGRESS_DB_FILENAME).write_bytes(b"not sqlite at all " * 100)
    seen: dict[str, str] = {}

    async def script(app: KetatuiApp, pilot) -> None:
        await pilot.press("enter")  # notice (the store is opened when it closes)
        await pilot.pause()
        seen["toast"] = notes_of(app)  # over the (now empty) profile picker
        assert isinstance(app.screen, ProfilesScreen)  # a fresh, empty store
        app.screen.action_new()  # the new-name box
        await pilot.press(*"Ann", "enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CatalogScreen)
        seen["catalog"] = str(app.screen.query_one("#catalog-notes", Static).visual)

    code = run_headless(monkeypatch, ["--lessons", str(UI_COURSE), "--data-dir", str(data)], script)
    assert code == 0
    (old,) = moved_aside(data)
    assert old.read_bytes() == b"not sqlite at all " * 100
    for where in ("toast", "catalog"):
        assert old.name in "".join(seen[where].split()), seen[where]
    with ProgressStore.open(data) as s:
        assert [p.name for p in s.list_profiles()] == ["Ann"]


@pytest.mark.parametrize("case", ["newer file", "data dir is a file"])
def test_real_app_runs_without_saving_and_says_why(tmp_path, monkeypatch, case) -> None:
    if case == "newer file":
        data = tmp_path / "data"
        before = newer_store(data)
        why = "newer version"
    else:
        data = tmp_path / "blocker"
        data.write_text("x")
        before = digest(data)
        why = "not a folder"
    seen: dict[str, str] = {}

    async def script(app: KetatuiApp, pilot) -> None:
        await pilot.press("enter")  # notice; no store, so no profile picker
        await pilot.pause()
        assert isinstance(app.screen, CatalogScreen)
        seen["who"] = str(app.screen.query_one("#who", Static).visual)
        seen["notes"] = str(app.screen.query_one("#catalog-notes", Static).visual)
        app.open_lesson("first-lesson")  # learning still works
        await pilot.pause()
        await pilot.press("right")
        await pilot.pause()
        seen["screen"] = type(app.screen).__name__

    code = run_headless(monkeypatch, ["--lessons", str(UI_COURSE), "--data-dir", str(data)], script)
    assert code == 0
    assert "not saved" in seen["who"]
    assert why in " ".join(seen["notes"].split())
    assert seen["screen"] == "LessonScreen"
    target = data / PROGRESS_DB_FILENAME if case == "newer file" else data
    assert digest(target) == before  # left exactly as it was


def test_store_note_catalog_via_pieces(tmp_path: Path, ui_catalog) -> None:
    """open_store + KetatuiApp (what `run` wires together) keep the note in the app."""
    data = tmp_path / "data"
    data.mkdir()
    (data / PROGRESS_DB_FILENAME).write_bytes(b"\x00" * 8192)
    store, note = open_store(data)
    assert store is not None
    store.close()
    app = KetatuiApp(ui_catalog, None, store_note=note)
    assert app.store_note == note and "kept as" in note

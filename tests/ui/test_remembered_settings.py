"""Each profile's theme and track filter are remembered across starts (and `KETATUI_THEME`)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ketatui.content.catalog import Catalog
from ketatui.progress import schema
from ketatui.progress.store import ProgressStore
from ketatui.ui.app import KetatuiApp
from ketatui.ui.screens.catalog import CatalogScreen
from ketatui.ui.screens.profiles import ProfilesScreen
from ketatui.ui.themes import CALM, HIGH_CONTRAST


@pytest.fixture
def store(data_dir: Path) -> Iterator[ProgressStore]:
    s = ProgressStore.open(data_dir)
    yield s
    s.close()


async def test_theme_and_track_come_back_for_the_same_profile_only(
    ui_catalog: Catalog, store: ProgressStore
) -> None:
    sam = store.create_profile("Sam")
    store.create_profile("Ana")
    first = KetatuiApp(ui_catalog, store, show_notice=False, profile=sam)
    async with first.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+t")  # high contrast
        await pilot.press("t")  # track: all -> patient
        await pilot.pause()
        assert first.theme == HIGH_CONTRAST.name and first.session.track == "patient"

    # Next start, through the profile picker: Sam's choices come back when he is picked.
    again = KetatuiApp(ui_catalog, store, show_notice=False)
    async with again.run_test(size=(80, 24)) as pilot:
        assert isinstance(again.screen, ProfilesScreen) and again.theme == CALM.name
        names = [str(o.prompt) for o in again.screen.query_one("#profile-list").options]
        again.screen.query_one("#profile-list").highlighted = next(
            i for i, name in enumerate(names) if "Sam" in name
        )
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(again.screen, CatalogScreen)
        assert again.theme == HIGH_CONTRAST.name and again.session.track == "patient"
        await pilot.press("escape")  # back to the picker: Ana has chosen nothing
        await pilot.pause()
        assert isinstance(again.screen, ProfilesScreen)

    ana = store.find_profile("Ana")
    assert ana is not None and store.settings(ana.id) == {}
    assert store.settings(sam.id) == {"theme": "high-contrast", "track": "patient"}


async def test_an_asked_for_theme_wins_over_the_remembered_one(
    ui_catalog: Catalog, store: ProgressStore
) -> None:
    sam = store.create_profile("Sam")
    store.save_setting(sam.id, "theme", "high-contrast")
    remembered = KetatuiApp(ui_catalog, store, show_notice=False, profile=sam)
    async with remembered.run_test(size=(80, 24)):
        assert remembered.theme == HIGH_CONTRAST.name  # from the first paint
    asked = KetatuiApp(
        ui_catalog, store, show_notice=False, profile=sam, theme="default", theme_fixed=True
    )
    async with asked.run_test(size=(80, 24)):
        assert asked.theme == CALM.name


def test_settings_survive_a_reopen_and_go_with_their_profile(data_dir: Path) -> None:
    with ProgressStore.open(data_dir) as store:
        sam = store.create_profile("Sam")
        store.save_setting(sam.id, "track", "trainee")
        store.save_setting(sam.id, "track", "patient")
    with ProgressStore.open(data_dir) as store:
        assert store.settings(sam.id) == {"track": "patient"}
        store.delete_profile(sam.id)
        assert store.settings(sam.id) == {}


def test_a_format_1_progress_file_gains_settings_and_keeps_its_profiles(data_dir: Path) -> None:
    path = data_dir / "progress.sqlite3"
    with sqlite3.connect(path) as conn:
        for statement in schema.MIGRATIONS[0]:
            conn.execute(statement)
        conn.execute(
            "INSERT INTO profiles (name, name_key, created_at) VALUES ('Old', 'old', "
            "'2026-01-01T00:00:00+00:00')"
        )
        conn.execute("PRAGMA user_version = 1")
    conn.close()
    with ProgressStore.open(data_dir) as store:
        old = store.find_profile("old")
        assert old is not None
        store.save_setting(old.id, "theme", "high-contrast")
        assert store.settings(old.id) == {"theme": "high-contrast"}
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.latest_version()
    conn.close()


def test_a_wrong_ketatui_theme_is_a_clear_error(data_dir: Path) -> None:
    env = {**os.environ, "KETATUI_THEME": "neon", "KETATUI_DATA_DIR": str(data_dir)}
    done = subprocess.run(
        [sys.executable, "-m", "ketatui.cli"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 2
    assert "KETATUI_THEME='neon' is not a theme; choose one of: default, high-contrast" in (
        done.stderr
    )


def test_ketatui_theme_is_the_asked_for_theme(monkeypatch: pytest.MonkeyPatch) -> None:
    import argparse

    from ketatui.commands.app import start_theme

    monkeypatch.setenv("KETATUI_THEME", "high-contrast")
    assert start_theme(argparse.Namespace()) == "high-contrast"
    assert start_theme(argparse.Namespace(theme="default")) == "default"  # the flag wins
    monkeypatch.delenv("KETATUI_THEME")
    assert start_theme(argparse.Namespace()) == ""

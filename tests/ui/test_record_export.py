"""x on the lesson list: the learner's record, as a CSV file (a download in a browser)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ketatui.content.catalog import Catalog
from ketatui.progress.store import ProgressStore
from ketatui.ui.app import KetatuiApp
from ketatui.ui.record_export import record_filename
from ketatui.ui.screens.catalog import CatalogScreen


def test_record_filename_keeps_only_safe_characters():
    assert record_filename("Sam Lee") == "ketatui-record-sam-lee.csv"
    assert record_filename("../../etc/passwd") == "ketatui-record-etc-passwd.csv"
    assert record_filename("???") == "ketatui-record-learner.csv"


async def test_x_saves_the_record_and_says_where(
    ui_catalog: Catalog, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    downloads = tmp_path / "Downloads"
    monkeypatch.setenv("XDG_DOWNLOAD_DIR", str(downloads))
    store = ProgressStore.open(data_dir)
    sam = store.create_profile("Sam Lee")
    app = KetatuiApp(ui_catalog, store, show_notice=False, profile=sam)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CatalogScreen)
        await pilot.press("x")
        for _ in range(50):
            await pilot.pause(0.05)
            if (downloads / "ketatui-record-sam-lee.csv").exists() and app._notifications:
                break
        saved = downloads / "ketatui-record-sam-lee.csv"
        text = saved.read_text(encoding="utf-8-sig")
        assert "Sam Lee" in text and "first-lesson" in text
        messages = [n.message for n in app._notifications]
        assert any(str(saved) in m for m in messages), messages
    store.close()


async def test_x_does_nothing_when_progress_is_not_saved(
    ui_catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    downloads = tmp_path / "Downloads"
    monkeypatch.setenv("XDG_DOWNLOAD_DIR", str(downloads))
    app = KetatuiApp(ui_catalog, None, show_notice=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CatalogScreen)
        await pilot.press("x")
        await pilot.pause(0.3)
        assert not downloads.exists()  # no record without a profile
        assert isinstance(app.screen, CatalogScreen)

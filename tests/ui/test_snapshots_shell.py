"""Snapshot tests of the app shell at 80x24 (nothing clipped) and 120x40.

Only the fixed fixture course is used, with progress seeded into a store in tmp_path, so
the pictures do not change when the shipped lessons do. Update with
`pytest tests/ui/test_snapshots_shell.py --snapshot-update` and look at the SVGs.
"""

from __future__ import annotations

import pytest

from ketatui.progress.store import ProgressStore
from ketatui.ui.app import KetatuiApp

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
TO_CATALOG = ["enter", "enter"]  # past the notice, then pick the highlighted profile


@pytest.fixture
def seeded_store(data_dir, ui_catalog):
    """Alice passed the first lesson with 80% and is reading the second."""
    store = ProgressStore.open(data_dir)
    profile = store.create_profile("Alice")
    store.create_profile("Sam")
    attempt = store.start_attempt(profile.id, "first-lesson", ["q-single"])
    store.record_answer(attempt.id, "q-single", 1, True)
    store.finish_attempt(attempt.id, 0.8, True, ui_catalog.entry("first-lesson").content_hash)
    store.save_page(profile.id, "second-lesson", 0)
    yield store
    store.close()


@pytest.mark.parametrize("size", SIZES)
def test_notice(snap_compare, ui_catalog, seeded_store, size) -> None:
    assert snap_compare(KetatuiApp(ui_catalog, seeded_store), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_profile_picker(snap_compare, ui_catalog, seeded_store, size) -> None:
    app = KetatuiApp(ui_catalog, seeded_store)
    assert snap_compare(app, terminal_size=size, press=["enter"])


@pytest.mark.parametrize("size", SIZES)
def test_catalog(snap_compare, ui_catalog, seeded_store, size) -> None:
    app = KetatuiApp(ui_catalog, seeded_store)
    assert snap_compare(app, terminal_size=size, press=TO_CATALOG)


def test_catalog_with_reviews_due(snap_compare, ui_catalog, seeded_store) -> None:
    """Alice has three questions due for review: the entry at the top says so, and the
    lessons and module show their mastery levels."""
    from .test_review_session import make_due

    alice = seeded_store.find_profile("Alice")
    make_due(seeded_store, ui_catalog, alice.id, "q-single", "q-multiple", "q-order")
    app = KetatuiApp(ui_catalog, seeded_store)
    assert snap_compare(app, terminal_size=(80, 24), press=TO_CATALOG)


@pytest.mark.parametrize("size", SIZES)
def test_crisis(snap_compare, ui_catalog, seeded_store, size) -> None:
    app = KetatuiApp(ui_catalog, seeded_store)
    assert snap_compare(app, terminal_size=size, press=[*TO_CATALOG, "f1"])


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, ui_catalog, seeded_store, size) -> None:
    app = KetatuiApp(ui_catalog, seeded_store)
    assert snap_compare(app, terminal_size=size, press=[*TO_CATALOG, "question_mark"])


@pytest.mark.parametrize("size", SIZES)
def test_high_contrast_catalog(snap_compare, ui_catalog, seeded_store, size) -> None:
    app = KetatuiApp(ui_catalog, seeded_store, theme="high-contrast")
    assert snap_compare(app, terminal_size=size, press=TO_CATALOG)


def test_notice_at_60x20(snap_compare, ui_catalog, seeded_store) -> None:
    # The crisis lines stay in view under the scrolling notice on a small screen.
    assert snap_compare(KetatuiApp(ui_catalog, seeded_store), terminal_size=(60, 20))

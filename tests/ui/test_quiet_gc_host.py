"""The learner app runs full garbage collections while input is quiet (`ketatui.quiet_gc`)."""

from __future__ import annotations

import gc

import pytest

from ketatui.content.catalog import Catalog
from ketatui.quiet_gc import full_pauses_possible
from ketatui.ui.app import KetatuiApp
from reliability.gc_watch import assert_full_collection_waits_for_quiet_input

pytestmark = pytest.mark.skipif(
    not full_pauses_possible(), reason="this Python's collector has no long full pauses"
)


async def test_the_learner_app_collects_garbage_only_while_keys_pause(
    ui_catalog: Catalog,
) -> None:
    before = gc.get_threshold()
    app = KetatuiApp(ui_catalog, None, show_notice=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await assert_full_collection_waits_for_quiet_input(pilot, "down")
    assert gc.get_threshold() == before, "Python's own thresholds are back after the app"

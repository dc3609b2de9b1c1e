"""The kiosk, like the learner app, runs full garbage collections while input is quiet:
its own input handler (the idle clock) passes every event on to the host's."""

from __future__ import annotations

import pytest

from ketatui.quiet_gc import full_pauses_possible
from reliability.gc_watch import assert_full_collection_waits_for_quiet_input

pytestmark = pytest.mark.skipif(
    not full_pauses_possible(), reason="this Python's collector has no long full pauses"
)


async def test_the_kiosk_collects_garbage_only_while_keys_pause(make_kiosk):
    app = make_kiosk()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await assert_full_collection_waits_for_quiet_input(pilot, "down")

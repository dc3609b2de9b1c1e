"""Drive a running Textual app from a Pilot without Pilot's idle waits.

`Pilot.press` and `Pilot.pause` wait until the process *looks* idle, which takes at least
20-40 ms per call: fine for tests, but it would swamp the latencies we measure. These
helpers wait only for the work itself: every message queue on the current screen drained
and the screen laid out and rendered (as the next refresh timer tick would do).
"""

from __future__ import annotations

from typing import Any

from textual import events

MAX_ROUNDS = 50


async def settle(pilot: Any) -> None:
    """Wait until the current screen has handled everything and is rendered."""
    app = pilot.app
    for _ in range(MAX_ROUNDS):
        await pilot._wait_for_screen()
        screen = app.screen
        # Lay out and paint now instead of on the next 60 Hz timer tick, as Pilot does.
        screen._on_timer_update()
        nodes = [app, *screen.walk_children(with_self=True)]
        if app.screen is screen and not any(n.message_queue_size for n in nodes):
            return


async def press(pilot: Any, key: str) -> None:
    """Press one key and wait until the app has handled it and repainted."""
    app = pilot.app
    event = events.Key(key, key if len(key) == 1 else None)
    event.set_sender(app)
    # Straight onto the app's queue (the driver would hop through run_coroutine_threadsafe).
    app.post_message(event)
    await settle(pilot)

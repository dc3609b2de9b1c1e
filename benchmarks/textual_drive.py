"""Drive a running Textual app from a Pilot without adding work to what is measured.

`Pilot.press` and `Pilot.pause` wait until the process *looks* idle, which takes at least
20-40 ms per call; and `Pilot._wait_for_screen` posts a callback to every widget on the
screen and waits for each, ~4 ms at the quiz's ~70 widgets even for a key that does
nothing. Both would swamp the latencies we measure. These helpers only *look*: the app is
busy while any message pump has a message queued, is handling one (a handler still
awaiting work counts: `track_handlers` counts them as they start and end, about a
microsecond each) or has `call_next` callbacks pending; once all is idle, the screen is laid
out and painted at once, as its next refresh timer tick would do.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from textual import events
from textual.message_pump import MessagePump

#: Event-loop turns to wait at most (a hung app fails the benchmark instead of hanging it).
MAX_TURNS = 100_000


_handling = 0


def track_handlers() -> None:
    """Count message handlers and `call_next` flushes in progress (once per process)."""
    if getattr(MessagePump, "_ketatui_tracked", False):
        return
    dispatch = MessagePump._dispatch_message
    flush = MessagePump._flush_next_callbacks

    async def counted_dispatch(self: MessagePump, message: Any) -> None:
        global _handling
        _handling += 1
        try:
            await dispatch(self, message)
        finally:
            _handling -= 1

    async def counted_flush(self: MessagePump) -> None:
        global _handling
        _handling += 1
        try:
            await flush(self)
        finally:
            _handling -= 1

    MessagePump._dispatch_message = counted_dispatch  # type: ignore[method-assign]
    MessagePump._flush_next_callbacks = counted_flush  # type: ignore[method-assign]
    MessagePump._ketatui_tracked = True  # type: ignore[attr-defined]


def _busy(node: Any) -> bool:
    return bool(node.message_queue_size or node._next_callbacks)


def _needs_paint(screen: Any) -> bool:
    return bool(
        screen._layout_required
        or screen._scroll_required
        or screen._repaint_required
        or screen._dirty_widgets
        or screen._callbacks
    )


async def settle(pilot: Any) -> None:
    """Wait until the current screen has handled everything and is painted."""
    track_handlers()
    app = pilot.app
    for _ in range(MAX_TURNS):
        screen = app.screen
        nodes = screen.walk_children(with_self=True)
        if _handling or _busy(app) or any(_busy(node) for node in nodes):
            await asyncio.sleep(0)
            continue
        if not _needs_paint(screen):
            return
        # Lay out and paint now instead of on the next 60 Hz timer tick, as Pilot does;
        # painting may post messages (Resize, Show), so look again afterwards.
        screen._on_timer_update()
        await asyncio.sleep(0)
    raise TimeoutError("the app did not settle")


async def press(pilot: Any, key: str) -> None:
    """Press one key and wait until the app has handled it and repainted."""
    app = pilot.app
    event = events.Key(key, key if len(key) == 1 else None)
    event.set_sender(app)
    # Straight onto the app's queue (the driver would hop through run_coroutine_threadsafe).
    app.post_message(event)
    await settle(pilot)


async def timed_press(pilot: Any, key: str, done: Callable[[], bool] = lambda: True) -> float:
    """Milliseconds from the key press until `done()` holds and the screen has settled.

    `settle` sees the work queued on the app's widgets, but not a message one widget is
    handing on to the next (an Input's Submitted on its way to the screen): waiting for
    what the key is for as well keeps such a sample from ending early. Gives up waiting
    for `done()` after 1,000 turns; the caller checks whether it came.
    """
    start = time.perf_counter()
    await press(pilot, key)
    for _ in range(1000):
        if done():
            break
        await asyncio.sleep(0)
        await settle(pilot)
    return (time.perf_counter() - start) * 1000

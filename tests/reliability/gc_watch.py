"""Real garbage for the `ketatui.quiet_gc` tests: make a full collection due, and see which
generations the collector actually runs."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.pilot import Pilot


class Node:
    """Something that can be in a reference cycle and be watched by a weakref."""

    def __init__(self) -> None:
        self.other: Node | None = None


@contextmanager
def full_collections() -> Iterator[list[int]]:
    """A list that gets a 1 for each full (generation 2) collection while the block runs.

    Starts from a full collection, so nothing is owed at the start."""
    seen: list[int] = []

    def watch(phase: str, info: dict[str, int]) -> None:
        if phase == "stop" and info["generation"] == 2:
            seen.append(1)

    gc.collect()
    gc.callbacks.append(watch)
    try:
        yield seen
    finally:
        gc.callbacks.remove(watch)


def make_due(owed: int) -> weakref.ref[Node]:
    """Make cyclic garbage until `owed` generation-1 collections have run since the last
    full one; return a weakref to one garbage cycle made before them."""
    first = Node()
    first.other = Node()
    first.other.other = first
    watched = weakref.ref(first)
    del first
    cycles: list[list[object]] = []
    # ~7,000 allocations per generation-1 collection; a full one resets the count, so
    # with automatic full collections on, the count is never reached: fail, do not hang.
    for _ in range(owed * 20_000):
        if gc.get_count()[2] >= owed:
            return watched
        cycle: list[object] = []
        cycle.append(cycle)
        cycles.append(cycle)
        if len(cycles) > 5000:
            cycles.clear()
    raise AssertionError(f"{owed} young collections never ran without a full one between")


async def assert_full_collection_waits_for_quiet_input(pilot: Pilot[object], key: str) -> None:
    """In a running app: a due full collection does not run while keys come, and runs
    once they stop (the host's `quiet_gc` ticks in real time)."""
    from ketatui.quiet_gc import DUE

    collector = pilot.app.quiet_gc  # type: ignore[attr-defined]
    assert collector.active, "the app does not hold full collections back"
    assert gc.get_threshold()[2] > 10**6, "automatic full collections are not held back"
    # A wide margin between key presses: a loaded test machine may handle a key slowly.
    collector.idle_seconds = 1.5
    with full_collections() as full:
        garbage = make_due(DUE + 1)
        for _ in range(4):
            await pilot.press(key)
            await pilot.pause(0.1)
        assert full == [], "a full collection ran between key presses"
        # Ticks come every 0.25 s; a loaded machine may run them late.
        for _ in range(60):
            await pilot.pause(0.1)
            if full:
                break
        assert full == [1], "no full collection once the keys stopped"
        assert garbage() is None

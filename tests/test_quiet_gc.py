"""Full garbage collections wait for a pause in input (`ketatui.quiet_gc`).

Real collections of real garbage: the tests make cyclic garbage until Python would run a
full collection, and watch which generations the collector actually runs
(`reliability.gc_watch`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from ketatui.quiet_gc import DUE, QuietCollector, full_pauses_possible
from kiosk.helpers import FakeClock
from reliability.gc_watch import full_collections, make_due

pytestmark = pytest.mark.skipif(
    not full_pauses_possible(), reason="this Python's collector has no long full pauses"
)


@pytest.fixture
def full() -> Iterator[list[int]]:
    with full_collections() as seen:
        yield seen


def test_a_full_collection_waits_until_input_pauses(full: list[int]) -> None:
    clock = FakeClock()
    collector = QuietCollector(idle_seconds=0.5, clock=clock)
    collector.start()
    try:
        garbage = make_due(DUE + 2)
        collector.touch()
        clock.advance(0.2)
        assert not collector.tick(), "ran while the learner was still pressing keys"
        assert full == [], "Python ran an automatic full collection"
        clock.advance(0.4)
        assert collector.tick()
        assert full == [1]
        # Cycles that only a full collection frees are freed (an earlier young collection
        # may have freed this one already: it was never reachable).
        assert garbage() is None
        assert gc.get_count()[2] == 0
        assert not collector.tick(), "nothing was owed any more"
    finally:
        collector.stop()


def test_an_overdue_collection_runs_even_while_input_goes_on(
    full: list[int],
) -> None:
    clock = FakeClock()
    collector = QuietCollector(idle_seconds=0.5, clock=clock, overdue=DUE + 3)
    collector.start()
    try:
        make_due(DUE + 1)
        collector.touch()
        assert not collector.tick()
        make_due(DUE + 3)
        collector.touch()
        assert collector.tick()
        assert full == [1]
    finally:
        collector.stop()


def test_stop_gives_python_its_thresholds_back() -> None:
    before = gc.get_threshold()
    collector = QuietCollector()
    collector.start()
    collector.start()  # twice is once
    assert collector.active
    assert gc.get_threshold()[:2] == before[:2]
    assert gc.get_threshold()[2] > 10**6
    collector.stop()
    collector.stop()
    assert gc.get_threshold() == before
    assert not collector.active
    assert not collector.tick(), "a stopped collector never collects"


def test_thresholds_come_back_when_the_last_of_several_collectors_stops() -> None:
    before = gc.get_threshold()
    first, second = QuietCollector(), QuietCollector()
    first.start()
    second.start()
    first.stop()  # not in the order they started
    assert gc.get_threshold()[2] > 10**6, "the second is still running"
    assert second.active and not first.active
    second.stop()
    assert gc.get_threshold() == before

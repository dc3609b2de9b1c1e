"""Snapshots of the lesson, quiz and results screens at 80x24 and 120x40.

Nothing is saved (no data dir), so the attempt id and with it the shuffled order of the
order question are the same on every run. Update with `pytest --snapshot-update` and look
at the SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from ketatui.content.catalog import Catalog

from .lesson_harness import (
    LessonHarness,
    answer_multiple,
    answer_short,
    answer_single,
    next_question,
    order_by_keys,
)

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]

Step = Callable[[Pilot], Awaitable[None]]


async def _no_blink(pilot: Pilot) -> None:
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False


async def _to_question(pilot: Pilot, number: int) -> None:
    """Answer the questions before `number` (1-based) right, in fixture order."""
    await pilot.pause()
    steps: list[Step] = [
        lambda p: answer_single(p, 1),
        lambda p: answer_multiple(p, [0, 2]),
        lambda p: answer_single(p, 0),
        _order_and_submit,
    ]
    for step in steps[: number - 1]:
        await step(pilot)
        await next_question(pilot)
    await _no_blink(pilot)


async def _order_and_submit(pilot: Pilot) -> None:
    await order_by_keys(pilot)
    await pilot.press("ctrl+s")
    await pilot.pause()


def _before(number: int) -> Step:
    async def run(pilot: Pilot) -> None:
        await _to_question(pilot, number)

    return run


def _after(number: int, answer: Step) -> Step:
    async def run(pilot: Pilot) -> None:
        await _to_question(pilot, number)
        await answer(pilot)
        await _no_blink(pilot)

    return run


async def _submit_as_shown(pilot: Pilot) -> None:
    await pilot.press("ctrl+s")  # the shuffled order: wrong
    await pilot.pause()


async def _results(pilot: Pilot) -> None:
    await _to_question(pilot, 5)
    await answer_short(pilot, "five")
    await next_question(pilot)


QUIZ_STATES: dict[str, Step] = {
    "single-before": _before(1),
    "single-after-wrong": _after(1, lambda p: answer_single(p, 0)),
    "multiple-before": _before(2),
    "multiple-after-wrong": _after(2, lambda p: answer_multiple(p, [0, 1])),
    "true-false-before": _before(3),
    "true-false-after-right": _after(3, lambda p: answer_single(p, 0)),
    "order-before": _before(4),
    "order-after-wrong": _after(4, _submit_as_shown),
    "short-before": _before(5),
    "short-after-wrong": _after(5, lambda p: answer_short(p, "five")),
    "results": _results,
}


@pytest.mark.parametrize("size", SIZES)
def test_lesson_page(snap_compare, ui_catalog: Catalog, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()

    assert snap_compare(LessonHarness(ui_catalog), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_lesson_page_with_sources(snap_compare, ui_catalog: Catalog, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        await pilot.press("s")

    app = LessonHarness(ui_catalog, start_page=1)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("state", list(QUIZ_STATES))
def test_quiz_states(snap_compare, ui_catalog: Catalog, state: str, size) -> None:
    app = LessonHarness(ui_catalog, start_quiz=True)
    assert snap_compare(app, terminal_size=size, run_before=QUIZ_STATES[state])


@pytest.mark.parametrize("state", ["multiple-after-wrong", "order-after-wrong"])
def test_quiz_after_submit_at_60x20(snap_compare, ui_catalog: Catalog, state: str) -> None:
    # The small screen: the prompt stays above the feedback once it is submitted.
    app = LessonHarness(ui_catalog, start_quiz=True)
    assert snap_compare(app, terminal_size=(60, 20), run_before=QUIZ_STATES[state])

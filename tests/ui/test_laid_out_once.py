"""A Resize to the size a screen already has lays nothing out again (`LaidOutOnce`).

Textual posts such Resizes as the app starts and whenever a screen is pushed, and lays out
the new screen and every screen below it again for each. A real resize must still lay the
screen out at its new size.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen

import ketatui.ui
from ketatui.content.catalog import Catalog
from ketatui.ui.app import KetatuiApp
from ketatui.ui.screens.base import KetatuiScreen, LaidOutOnce
from ketatui.ui.screens.catalog import CatalogScreen
from ketatui.ui.screens.lesson import LessonScreen

SIZE = (100, 40)


def count_layouts(screen: Screen[object]) -> list[Screen[object]]:
    """Every layout of `screen` from now on (Textual's public layout signal)."""
    seen: list[Screen[object]] = []
    screen.screen_layout_refresh_signal.subscribe(screen, seen.append)
    return seen


@asynccontextmanager
async def on_the_catalog(
    ui_catalog: Catalog,
) -> AsyncIterator[tuple[Pilot[None], KetatuiApp, CatalogScreen, list[Screen[object]]]]:
    """The learner app shown at its catalog: (pilot, app, catalog, its layouts from now)."""
    app = KetatuiApp(ui_catalog, None, show_notice=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        catalog = app.screen
        assert isinstance(catalog, CatalogScreen)
        yield pilot, app, catalog, count_layouts(catalog)


async def test_a_resize_to_the_same_size_lays_nothing_out(ui_catalog: Catalog) -> None:
    async with on_the_catalog(ui_catalog) as (pilot, _app, catalog, layouts):
        catalog.post_message(events.Resize(catalog.size, catalog.size, catalog.size))
        await pilot.pause()
        assert layouts == []


async def test_opening_a_lesson_lays_the_catalog_below_out_no_more(ui_catalog: Catalog) -> None:
    async with on_the_catalog(ui_catalog) as (pilot, app, _catalog, layouts):
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        assert layouts == []  # Textual's Resize laid it out again, unseen below the lesson


async def test_a_real_resize_lays_the_screen_out_at_its_new_size(ui_catalog: Catalog) -> None:
    async with on_the_catalog(ui_catalog) as (pilot, app, catalog, layouts):
        await pilot.resize_terminal(70, 30)
        await pilot.pause()
        assert layouts
        assert catalog.size == (70, 30)
        assert catalog.query_one("#lessons").region.right <= 70
        await pilot.press("enter")
        await pilot.pause()
        lesson = app.screen
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert lesson.size == SIZE
        column = lesson.query_one("#lesson-column").region
        assert (column.x, column.width) == ((SIZE[0] - 88) // 2, 88)


def test_every_screen_of_the_app_is_laid_out_once() -> None:
    # A screen class without the mixin is laid out again for every such Resize.
    for module in pkgutil.walk_packages(ketatui.ui.__path__, "ketatui.ui."):
        importlib.import_module(module.name)
    screens = [cls for cls in _subclasses(Screen) if cls.__module__.startswith("ketatui.")]
    assert len(screens) > 20
    assert [cls.__qualname__ for cls in screens if not issubclass(cls, LaidOutOnce)] == []


def _subclasses(cls: type) -> list[type]:
    found: list[type] = []
    for sub in cls.__subclasses__():
        found.append(sub)
        found.extend(_subclasses(sub))
    return found


class _Wide(App[None]):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (90, "-wide")]  # noqa: RUF012 (Textual's type)


async def test_a_pushed_screen_still_gets_its_breakpoint_classes() -> None:
    # Textual gives a pushed screen its breakpoint classes (the kiosk's) from the Resize of
    # the same size that comes after it is laid out: that one is not skipped.
    app = _Wide()
    async with app.run_test(size=SIZE) as pilot:
        screen = KetatuiScreen()
        await app.push_screen(screen)
        await pilot.pause()
        assert screen.has_class("-wide")

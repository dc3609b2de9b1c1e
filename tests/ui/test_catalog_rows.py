"""The catalog's rows are measured and drawn once at start-up, and again when they must be.

The catalog's list (`OptionLines`) keeps the rows it drew when told of a size it already
has (the Resize of its first layout), instead of drawing them all a second time. These
tests resize the terminal under the catalog and compare every painted row with a fresh
app started at the new size: rows kept at the wrong width (cut, or wrapped at the old
width) would differ.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ketatui.content.catalog import Catalog, load_catalog
from ketatui.progress.store import ProgressStore
from ketatui.ui.app import KetatuiApp
from ketatui.ui.screens.catalog import CatalogScreen
from reliability.screen_scan import painted

LESSONS = Path(__file__).resolve().parents[2] / "lessons"

WIDE = (80, 24)
NARROW = (44, 24)  # long lesson titles wrap here
TALL = (80, 40)  # the same width: the rows themselves do not change


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    """The shipped course: long enough to scroll, with titles that wrap when narrow."""
    return load_catalog(LESSONS)


async def _catalog_rows(catalog: Catalog, data_dir: Path, size: tuple[int, int]) -> list[str]:
    with ProgressStore.open(data_dir) as store:
        sam = store.find_profile("Sam") or store.create_profile("Sam")
        app = KetatuiApp(catalog, store, show_notice=False, profile=sam)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, CatalogScreen)
            return painted(app).lines


@pytest.mark.parametrize(("start", "end"), [(WIDE, NARROW), (NARROW, WIDE), (WIDE, TALL)])
async def test_catalog_rows_are_redrawn_right_after_a_resize(
    shipped: Catalog, data_dir: Path, start: tuple[int, int], end: tuple[int, int]
) -> None:
    with ProgressStore.open(data_dir) as store:
        sam = store.create_profile("Sam")
        app = KetatuiApp(shipped, store, show_notice=False, profile=sam)
        async with app.run_test(size=start) as pilot:
            await pilot.pause()
            await pilot.resize_terminal(*end)
            await pilot.pause()
            resized = painted(app)
    fresh = await _catalog_rows(shipped, data_dir, end)
    assert resized.lines == fresh
    # The first lesson's title is whole at either width (on two rows when narrow).
    first = shipped.lessons(None)[0].card.title
    assert "".join(first.split()) in resized.squashed()
    assert max(len(line.rstrip()) for line in resized.lines) <= end[0]


def _cells(app: KetatuiApp) -> list[list[tuple[str, object]]]:
    """Every painted segment: its text and its style (colours, bold...)."""
    strips = app.screen._compositor.render_strips()
    return [[(segment.text, segment.style) for segment in strip] for strip in strips]


@pytest.mark.parametrize("theme", ["default", "high-contrast"])
async def test_the_first_catalog_is_styled_as_after_a_full_restyle(
    ui_catalog: Catalog, data_dir: Path, theme: str
) -> None:
    # Its first show skips Textual's restyle of every widget: nothing may look different.
    with ProgressStore.open(data_dir) as store:
        sam = store.create_profile("Sam")
        app = KetatuiApp(ui_catalog, store, show_notice=False, profile=sam, theme=theme)
        async with app.run_test(size=WIDE) as pilot:
            await pilot.pause()
            first = _cells(app)
            app.screen.update_node_styles(animate=False)
            await pilot.pause()
            assert _cells(app) == first


async def test_a_catalog_opened_from_the_picker_in_a_remembered_theme_is_fully_styled(
    ui_catalog: Catalog, data_dir: Path
) -> None:
    # The theme changes as the profile is picked, while the catalog is being built.
    with ProgressStore.open(data_dir) as store:
        sam = store.create_profile("Sam")
        store.save_setting(sam.id, "theme", "high-contrast")
        app = KetatuiApp(ui_catalog, store, show_notice=False)
        async with app.run_test(size=WIDE) as pilot:
            await pilot.pause()
            await pilot.press("enter")  # the only profile
            await pilot.pause()
            assert isinstance(app.screen, CatalogScreen)
            assert app.theme_choice == "high-contrast"
            first = _cells(app)
            app.screen.update_node_styles(animate=False)
            await pilot.pause()
            assert _cells(app) == first

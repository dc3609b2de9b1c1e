"""Lesson text that looks like Textual/Rich markup or actions is shown literally.

A course author (or whoever can drop a file into the course folder) must not be able to
run app actions such as `app.quit`, style the screen, or send terminal escape sequences.
The markup course loads fine; every screen shows its text as written, no painted
segment carries a click action the app did not put there itself, and no control character
is painted (terminal escapes are refused by the loader: see reject/escapes_in_text.yaml).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ketatui.content.catalog import Catalog, load_catalog
from ketatui.progress.store import ProgressStore
from ketatui.ui.app import KetatuiApp
from ketatui.ui.screens.catalog import CatalogScreen
from ketatui.ui.screens.crisis import CrisisScreen
from ketatui.ui.screens.lesson import LessonScreen
from ketatui.ui.screens.quiz import QuizScreen

from .conftest import HOSTILE
from .screen_scan import Painted, painted, squash

MARKUP_COURSE = HOSTILE / "accept" / "markup_course"
SIZE = (120, 40)
LESSON = "[@click=app.quit]Quit now[/] [bold red]not bold[/]"


@pytest.fixture(scope="module")
def markup_catalog() -> Catalog:
    catalog = load_catalog(MARKUP_COURSE)
    assert not catalog.errors, [e.format() for e in catalog.errors]
    return catalog


def assert_inert(shot: Painted) -> None:
    """No author text became an action, and no control character reaches the terminal."""
    injected = [a for a in shot.actions if "quit" in a or "bell" in a]
    assert not injected, injected
    assert not shot.controls, shot.controls


def assert_shows(shot: Painted, *texts: str) -> None:
    for text in texts:
        assert squash(text) in shot.squashed(), f"{text!r} not shown literally:\n{shot.text}"


def test_markup_course_loads_as_written(markup_catalog: Catalog) -> None:
    entry = markup_catalog.entry("markup-lesson")
    assert entry is not None
    assert entry.lesson.title == LESSON
    assert markup_catalog.course.title.startswith("[@click=app.quit]")
    # A UTF-8 byte-order mark is harmless: that lesson loads too.
    bom = markup_catalog.entry("bom-lesson")
    assert bom is not None and bom.lesson.id == "bom-lesson"


async def test_markup_is_shown_literally_and_never_acts(markup_catalog: Catalog) -> None:
    app = KetatuiApp(markup_catalog, None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shot = painted(app)
        assert_shows(shot, "[@click=app.quit]Notice[/] text.")
        assert_inert(shot)
        await pilot.press("enter")  # past the notice: no store, so straight to the catalog
        await pilot.pause()
        assert isinstance(app.screen, CatalogScreen)
        shot = painted(app)
        assert_shows(shot, "[@click=app.quit]Course[/] [b]title[/b]", "[@click=app.quit]Module[/]")
        assert_shows(shot, "[@click=app.quit]Quit now[/]")
        assert_inert(shot)

        # Click right on the text that would quit if it were markup.
        row = next(y for y, line in enumerate(shot.lines) if "Quit now" in line)
        await pilot.click(offset=(shot.lines[row].index("Quit now") + 2, row))
        await pilot.pause()
        assert app.is_running and app.return_code is None

        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        shot = painted(app)
        assert_shows(shot, "[@click=app.quit]Help[/]", "[@click=app.quit]Line[/]", "[red]000[/]")
        assert_inert(shot)
        await pilot.press("escape")
        await pilot.pause()

        app.open_lesson("markup-lesson")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        shot = painted(app)
        assert_shows(shot, LESSON, "[@click=app.quit]Page title[/]")
        assert_shows(shot, "Body [@click=app.quit]click me[/] and [bold]not bold[/bold]")
        assert_inert(shot)
        for y, line in enumerate(shot.lines):
            if "click me" in line:
                await pilot.click(offset=(line.index("click me") + 1, y))
                await pilot.pause()
        assert app.is_running and app.return_code is None

        await pilot.press("s")  # the sources panel shows the cite and the odd address as text
        await pilot.pause()
        shot = painted(app)
        assert_shows(shot, "[@click=app.quit]Source[/]")
        assert_inert(shot)
        await pilot.press("s")

        await pilot.press("right")
        await pilot.pause()
        shot = painted(app)
        assert_shows(shot, "[reverse]Second[/reverse] page", "[dim]dim[/dim]")
        assert_inert(shot)

        await pilot.press("right")  # past the last page: the quiz
        await pilot.pause()
        for _ in range(3):
            if isinstance(app.screen, QuizScreen):
                break
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        shot = painted(app)
        assert_shows(shot, "[@click=app.quit]Prompt[/]", "[@click=app.quit]Yes[/]", "[b]No[/b]")
        assert_inert(shot)
        assert app.is_running and app.return_code is None


async def test_markup_profile_names_stay_literal(markup_catalog: Catalog, tmp_path: Path) -> None:
    with ProgressStore.open(tmp_path / "data") as store:
        store.create_profile("[@click=app.quit]Eve[/]")
    store = ProgressStore.open(tmp_path / "data")
    try:
        app = KetatuiApp(markup_catalog, store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")  # notice
            await pilot.pause()
            shot = painted(app)
            assert_shows(shot, "[@click=app.quit]Eve[/]")
            assert_inert(shot)
            await pilot.press("enter")  # choose the profile
            await pilot.pause()
            assert isinstance(app.screen, CatalogScreen)
            shot = painted(app)
            assert_shows(shot, "[@click=app.quit]Eve[/]")
            assert_inert(shot)
            assert app.is_running
    finally:
        store.close()

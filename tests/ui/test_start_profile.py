"""`ketatui --profile NAME`: a saved learner starts straight on the catalog."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from ketatui import cli
from ketatui.content.catalog import Catalog
from ketatui.paths import PROGRESS_DB_FILENAME
from ketatui.progress.store import ProgressStore
from ketatui.ui.app import KetatuiApp
from ketatui.ui.screens.catalog import CatalogScreen
from ketatui.ui.screens.profiles import ProfilesScreen

UI_COURSE = Path(__file__).parent.parent / "data" / "ui_course"
SIZE = (80, 24)


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[KetatuiApp]:
    """Apps the command would have run (run() is replaced by recording the app)."""
    apps: list[KetatuiApp] = []
    monkeypatch.setattr(KetatuiApp, "run", lambda self, *a, **k: apps.append(self))
    return apps


def run_cli(data: Path, *args: str) -> int:
    return cli.main(["--lessons", str(UI_COURSE), "--data-dir", str(data), *args])


def test_a_saved_profile_is_found_whatever_its_case_and_spacing(
    data_dir: Path, started: list[KetatuiApp]
) -> None:
    with ProgressStore.open(data_dir) as store:
        store.create_profile("Alice")
        sam = store.create_profile("Sam Lee")
    assert run_cli(data_dir, "--profile", "  sam LEE ") == 0
    app = started[-1]
    assert app._start_profile is not None and app._start_profile.id == sam.id
    assert not app.show_notice


def test_an_unknown_profile_is_a_clear_error_listing_the_profiles(
    data_dir: Path, started: list[KetatuiApp], capsys: pytest.CaptureFixture[str]
) -> None:
    with ProgressStore.open(data_dir) as store:
        store.create_profile("Alice")
        store.create_profile("Sam")
    assert run_cli(data_dir, "--profile", "Sma") == 2
    err = capsys.readouterr().err
    assert "no profile called 'Sma'" in err and "Alice, Sam" in err
    assert "Traceback" not in err
    assert not started


def test_profile_on_a_first_run_creates_nothing(
    tmp_path: Path, started: list[KetatuiApp], capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    assert run_cli(data, "--profile", "Alice") == 2
    assert "no profiles yet" in capsys.readouterr().err
    assert not (data / PROGRESS_DB_FILENAME).exists()  # a typo must not start a progress file
    assert not started


def test_find_profile_matches_as_names_are_kept_unique(data_dir: Path) -> None:
    with ProgressStore.open(data_dir) as store:
        alice = store.create_profile("Alice")
        assert store.find_profile("ALICE") == alice
        assert store.find_profile(" alice\u00a0") == alice  # any white space trimmed
        assert store.find_profile("Ａｌｉｃｅ") == alice  # full-width letters (NFKC)
        assert store.find_profile("Alic") is None
        assert store.find_profile("") is None
        assert store.find_profile("x" * 500) is None


async def test_the_app_starts_on_the_catalog_of_that_profile(
    ui_catalog: Catalog, data_dir: Path
) -> None:
    with ProgressStore.open(data_dir) as store:
        store.create_profile("Alice")
        sam = store.create_profile("Sam")
        store.save_page(sam.id, "second-lesson", 0)
        app = KetatuiApp(ui_catalog, store, show_notice=False, profile=sam)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, CatalogScreen)
            assert app.screen_stack == [screen]  # the first screen: nothing under it
            assert "Learning as Sam" in str(screen.query_one("#who", Static).visual)
            lessons = screen.query_one("#lessons", OptionList)
            assert lessons.has_focus  # arrow keys work at once
            rows = {o.id: str(o.prompt) for o in lessons.options}
            assert "In progress" in rows["second-lesson"]  # Sam's own progress

            # Escape: the picker; choosing someone else shows the catalog as them.
            await pilot.press("escape")
            await pilot.pause()
            picker = app.screen
            assert isinstance(picker, ProfilesScreen)
            picker.query_one("#profile-list", OptionList).highlighted = 0  # Alice
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is screen  # the same catalog, now Alice's
            assert app.session.profile_name == "Alice"
            assert "Learning as Alice" in str(screen.query_one("#who", Static).visual)
            rows = {o.id: str(o.prompt) for o in lessons.options}
            assert "New" in rows["second-lesson"]  # Sam's progress is not shown to Alice
            assert len(app.screen_stack) == 1


def test_the_gc_waits_for_the_first_paint_and_is_on_again_after(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from ketatui.commands import app as app_module

    with ProgressStore.open(data_dir) as store:
        store.create_profile("Sam")
    seen: dict[str, object] = {}

    def fake_run(self: KetatuiApp, *args: object, **kwargs: object) -> None:
        seen["enabled while starting"] = gc.isenabled()
        seen["hook"] = self._on_first_paint

    monkeypatch.setattr(KetatuiApp, "run", fake_run)
    assert gc.isenabled()
    assert run_cli(data_dir, "--profile", "Sam") == 0
    assert seen == {"enabled while starting": False, "hook": app_module.resume_gc}
    assert gc.isenabled()  # on again however the app ended


async def test_the_first_paint_hook_runs_once_the_first_screen_is_up(
    ui_catalog: Catalog,
) -> None:
    painted: list[object] = []
    laid_out: list[bool] = []

    def first_paint() -> None:
        painted.append(app.screen)
        laid_out.append(app.screen.query_one("#lessons").region.height > 0)

    app = KetatuiApp(ui_catalog, None, show_notice=False, on_first_paint=first_paint)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert len(painted) == 1 and isinstance(painted[0], CatalogScreen)
        assert painted[0].query_one("#lessons", OptionList).options  # built by then
        assert laid_out == [True]  # and laid out: called after a refresh, not on mount


async def test_a_lesson_that_cannot_be_read_back_is_a_message_not_a_crash(
    tmp_path: Path, damage_cached_lessons: Callable[[Path, Path], None]
) -> None:
    import shutil

    from ketatui.content import cache

    course = tmp_path / "course"
    shutil.copytree(UI_COURSE, course)
    cache.load_catalog_cached(course, tmp_path / "cache")
    damage_cached_lessons(course, tmp_path / "cache")  # the cached copies damaged...
    catalog = cache.load_catalog_cached(course, tmp_path / "cache")
    entry = catalog.lessons()[0]
    entry.path.write_text("id: [unclosed\n", encoding="utf-8")  # ...and the file broken since

    app = KetatuiApp(catalog, None, show_notice=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_lesson(entry.id)
        await pilot.pause()
        assert isinstance(app.screen, CatalogScreen)  # still there, nothing half-built
        messages = [str(n.message) for n in app._notifications]
        assert any("has changed and now has errors" in m for m in messages)


async def test_continue_twice_on_the_notice_opens_one_picker(
    ui_catalog: Catalog, data_dir: Path
) -> None:
    from ketatui.ui.screens.notice import NoticeScreen

    with ProgressStore.open(data_dir) as store:
        app = KetatuiApp(ui_catalog, store, show_notice=True)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            notice = app.screen
            assert isinstance(notice, NoticeScreen)
            notice.post_message(NoticeScreen.Read())  # a double click: two before either
            notice.post_message(NoticeScreen.Read())  # is handled
            await pilot.pause()
            assert [type(s) for s in app.screen_stack] == [NoticeScreen, ProfilesScreen]


async def test_choosing_a_profile_twice_opens_one_catalog(
    ui_catalog: Catalog, data_dir: Path
) -> None:
    from ketatui.ui.screens.profiles import ProfileChosen

    with ProgressStore.open(data_dir) as store:
        sam = store.create_profile("Sam")
        app = KetatuiApp(ui_catalog, store, show_notice=False)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            picker = app.screen
            assert isinstance(picker, ProfilesScreen)
            picker.post_message(ProfileChosen(sam))
            picker.post_message(ProfileChosen(sam))
            await pilot.pause()
            assert [type(s) for s in app.screen_stack] == [ProfilesScreen, CatalogScreen]


def test_profile_before_another_command_is_a_usage_error(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["--profile", "Sam", "records", "--data-dir", str(data_dir)]) == 2
    err = capsys.readouterr().err
    assert "ketatui records --profile NAME" in err and "Traceback" not in err


async def test_the_gc_is_on_again_once_a_real_app_has_painted(ui_catalog: Catalog) -> None:
    import gc

    from ketatui.commands.app import resume_gc

    gc.disable()
    try:
        app = KetatuiApp(ui_catalog, None, show_notice=False, on_first_paint=resume_gc)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()

"""Pilot tests of the learner app shell: notice, profiles, catalog, crisis, help, themes."""

from __future__ import annotations

from pathlib import Path

import msgspec.structs
import pytest
from textual.widgets import Input, OptionList, Static

from ketatui.content.catalog import Catalog
from ketatui.progress.store import LessonState, ProgressStore
from ketatui.ui.app import KetatuiApp
from ketatui.ui.screens.catalog import CatalogScreen, lesson_status
from ketatui.ui.screens.crisis import CrisisScreen
from ketatui.ui.screens.help import HelpScreen
from ketatui.ui.screens.notice import NoticeScreen
from ketatui.ui.screens.profiles import ProfilesScreen
from ketatui.ui.screens.settings import SettingsScreen
from ketatui.ui.themes import CALM, HIGH_CONTRAST
from ketatui.ui.widgets.choice_bar import ChoiceBar
from ketatui.ui.widgets.dialogs import ConfirmDialog, NameDialog

SIZE = (80, 24)
MARKUP_NAMES = ("[bold]x[/]", "[@click=app.quit]y")


@pytest.fixture
def store(data_dir: Path) -> ProgressStore:
    s = ProgressStore.open(data_dir)
    yield s
    s.close()


def lesson_screen_type() -> type:
    """The screen open_lesson pushes."""
    from ketatui.ui.screens.lesson import LessonScreen

    return LessonScreen


def text_of(widget: Static) -> str:
    """The plain text a Static shows."""
    return str(widget.visual)


def option_texts(option_list: OptionList) -> list[str]:
    """The plain text of every option, as displayed."""
    return [str(option.prompt) for option in option_list.options]


def rendered_lines(widget) -> list[str]:
    """What a widget draws on screen, line by line."""
    return [widget.render_line(y).text for y in range(widget.size.height)]


async def to_catalog(pilot, profile_index: int = 0) -> CatalogScreen:
    """From the notice, through the picker (choosing a profile), to the catalog."""
    await pilot.press("enter")  # notice
    await pilot.pause()
    picker = pilot.app.screen
    assert isinstance(picker, ProfilesScreen)
    picker.query_one("#profile-list", OptionList).highlighted = profile_index
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CatalogScreen)
    return pilot.app.screen


# ---------------------------------------------------------------------------- notice, profiles


async def test_notice_comes_first_then_profile_picker(ui_catalog: Catalog, store) -> None:
    app = KetatuiApp(ui_catalog, store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, NoticeScreen)
        notice = text_of(app.screen.query_one("#notice-text", Static))
        assert "not medical advice" in notice
        crisis = text_of(app.screen.query_one("#notice-crisis", Static))
        for resource in ui_catalog.course.crisis.resources:
            assert resource.contact in crisis
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProfilesScreen)
        # No profile yet: the name box has focus, ready to type.
        assert isinstance(app.focused, Input)


async def test_create_profile_and_gentle_error_for_bad_names(ui_catalog, store) -> None:
    app = KetatuiApp(ui_catalog, store, show_notice=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        error = screen.query_one("#create-error", Static)

        await pilot.press("enter")  # empty name
        await pilot.pause()
        assert text_of(error).strip(), "an empty name should be explained"
        assert store.list_profiles() == []

        await pilot.press(*"Alice", "enter")
        await pilot.pause()
        assert [p.name for p in store.list_profiles()] == ["Alice"]
        assert text_of(error) == ""
        assert option_texts(screen.query_one("#profile-list", OptionList)) == ["Alice"]

        screen.query_one("#new-name", Input).focus()
        await pilot.press(*"alice", "enter")  # duplicate (case-insensitive)
        await pilot.pause()
        assert "already" in text_of(error)
        assert len(store.list_profiles()) == 1
        # Typing again clears the message.
        await pilot.press("x")
        await pilot.pause()
        assert text_of(error) == ""


async def test_markup_in_names_is_shown_literally_and_does_nothing(ui_catalog, store) -> None:
    for name in MARKUP_NAMES:
        store.create_profile(name)
    app = KetatuiApp(ui_catalog, store, show_notice=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        option_list = app.screen.query_one("#profile-list", OptionList)
        shown = "\n".join(rendered_lines(option_list))
        for name in MARKUP_NAMES:
            assert name in shown
        # Click each name: it only picks that profile; no action inside the name runs.
        for y in (1, 2):
            await pilot.click(option_list, offset=(4, y))
            await pilot.pause()
            assert app.is_running
            assert isinstance(app.screen, CatalogScreen)
            assert app.session.profile_name in MARKUP_NAMES
            who = app.screen.query_one("#who", Static)
            assert app.session.profile_name in text_of(who)
            await pilot.click(who)
            await pilot.pause()
            assert app.is_running and isinstance(app.screen, CatalogScreen)
            await pilot.press("escape")  # back to the picker
            await pilot.pause()
            assert isinstance(app.screen, ProfilesScreen)


async def test_rename_profile(ui_catalog, store) -> None:
    profile = store.create_profile("Alice")
    store.create_profile("Bob")
    app = KetatuiApp(ui_catalog, store, show_notice=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NameDialog)
        name_box = dialog.query_one("#name", Input)
        assert name_box.value == "Alice"

        name_box.value = "bob"  # taken
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog, "a rejected name keeps the dialog open"
        assert "already" in text_of(dialog.query_one("#name-error", Static))

        name_box.value = "Alicia"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProfilesScreen)
        assert store.profile(profile.id).name == "Alicia"
        assert "Alicia" in option_texts(app.screen.query_one("#profile-list", OptionList))


async def test_delete_profile_asks_first(ui_catalog, store) -> None:
    store.create_profile("Alice")
    app = KetatuiApp(ui_catalog, store, show_notice=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # focus starts on "Keep it"
        await pilot.pause()
        assert [p.name for p in store.list_profiles()] == ["Alice"]

        await pilot.press("d")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert [p.name for p in store.list_profiles()] == ["Alice"]

        await pilot.press("d")
        await pilot.pause()
        await pilot.click("#confirm")
        await pilot.pause()
        assert store.list_profiles() == []
        screen = app.screen
        assert isinstance(screen, ProfilesScreen)
        assert screen.query_one("#no-profiles").display
        assert isinstance(app.focused, Input)


# ---------------------------------------------------------------------------- catalog


def _state(status, *, page=0, score=None, content_hash=None, in_quiz=False) -> LessonState:
    return LessonState("first-lesson", status, page, score, None, content_hash, in_quiz)


@pytest.mark.parametrize(
    ("state", "mark", "words"),
    [
        (None, "○", "New"),
        (_state("in_progress", page=1), "●", "page 2 of 3"),
        (_state("in_progress", in_quiz=True), "●", "quiz"),
        (_state("failed", score=0.4), "✗", "best 40%"),
        (_state("passed", score=0.8, content_hash="SAME"), "✓", "Passed · 80%"),
        (_state("passed", score=1.0, content_hash="OLD"), "↻", "Updated"),
    ],
)
def test_lesson_status_marks(ui_catalog, state, mark, words) -> None:
    entry = ui_catalog.entry("first-lesson")
    if state is not None and state.content_hash == "SAME":
        state = _state("passed", score=0.8, content_hash=entry.content_hash)
    got_mark, got_words, _style = lesson_status(entry, state)
    assert got_mark == mark
    assert words in got_words


def _seed(store: ProgressStore, catalog: Catalog, *, first_hash: str | None = None) -> int:
    """Alice passed the first lesson (80%) and is on page 1 of the second."""
    profile = store.create_profile("Alice")
    first = catalog.entry("first-lesson")
    attempt = store.start_attempt(profile.id, "first-lesson", ["q-single"])
    store.record_answer(attempt.id, "q-single", 1, True)
    store.finish_attempt(attempt.id, 0.8, True, first_hash or first.content_hash)
    store.save_page(profile.id, "second-lesson", 0)
    return profile.id


async def test_catalog_shows_statuses_from_the_store(ui_catalog, store) -> None:
    _seed(store, ui_catalog)
    app = KetatuiApp(ui_catalog, store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await to_catalog(pilot)
        rows = option_texts(screen.query_one("#lessons", OptionList))
        assert any("The basics" in r and "1 of 2 passed" in r for r in rows)
        assert any("✓ A first lesson" in r and "Passed · 80%" in r for r in rows)
        assert any("● A second lesson" in r and "page 1 of 1" in r for r in rows)


async def test_catalog_flags_lessons_updated_since_passed(ui_catalog, store) -> None:
    _seed(store, ui_catalog, first_hash="an-older-version")
    app = KetatuiApp(ui_catalog, store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await to_catalog(pilot)
        rows = option_texts(screen.query_one("#lessons", OptionList))
        assert any("↻ A first lesson" in r and "Updated" in r for r in rows)


async def test_track_filter_hides_trainee_only_lesson(ui_catalog, store) -> None:
    store.create_profile("Alice")
    app = KetatuiApp(ui_catalog, store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await to_catalog(pilot)
        option_list = screen.query_one("#lessons", OptionList)
        ids = [o.id for o in option_list.options]
        assert "second-lesson" in ids
        await pilot.press("t")  # all -> patient
        await pilot.pause()
        assert app.session.track == "patient"
        ids = [o.id for o in option_list.options]
        assert "first-lesson" in ids and "second-lesson" not in ids
        assert any("0 of 1 passed" in r for r in option_texts(option_list))
        await pilot.press("t")  # -> trainee
        await pilot.pause()
        assert "second-lesson" in [o.id for o in option_list.options]


async def click_choice(pilot, choice_id: str) -> None:
    """Click the middle of one choice of the catalog's track and Continue bar."""
    bar = pilot.app.screen.query_one("#catalog-controls", ChoiceBar)
    span = bar.choice_span(choice_id)
    assert span is not None, f"{choice_id} is not drawn"
    await pilot.click(bar, offset=((span[0] + span[1]) // 2, 0))
    await pilot.pause()


async def test_track_choices_filter_with_one_tap_and_mark_the_choice(ui_catalog, store) -> None:
    store.create_profile("Alice")
    app = KetatuiApp(ui_catalog, store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await to_catalog(pilot)
        option_list = screen.query_one("#lessons", OptionList)
        bar = screen.query_one("#catalog-controls", ChoiceBar)
        await click_choice(pilot, "track-patient")
        assert app.session.track == "patient"
        assert "second-lesson" not in [o.id for o in option_list.options]
        # The choice is marked by a glyph, not by colour alone, on screen.
        line = bar.render_line(0).text
        assert "● Patient" in line and "○ All lessons" in line and "○ Trainee" in line
        await click_choice(pilot, "track-all")
        assert app.session.track is None
        assert "second-lesson" in [o.id for o in option_list.options]
        assert "● All lessons" in bar.render_line(0).text
        # The list keeps the keyboard: clicking the bar does not take the focus.
        assert option_list.has_focus


async def test_continue_is_one_click_at_the_right_end(ui_catalog, store) -> None:
    store.create_profile("Alice")
    app = KetatuiApp(ui_catalog, store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await to_catalog(pilot)
        bar = screen.query_one("#catalog-controls", ChoiceBar)
        span = bar.choice_span("continue")
        assert span is not None and span[1] == bar.size.width  # right-aligned
        await click_choice(pilot, "continue")
        assert isinstance(app.screen, lesson_screen_type())
        assert app.screen.entry.id == "first-lesson"  # nothing passed yet: the first


async def test_enter_opens_the_highlighted_lesson(ui_catalog, store) -> None:
    store.create_profile("Alice")
    app = KetatuiApp(ui_catalog, store)
    async with app.run_test(size=SIZE) as pilot:
        catalog = await to_catalog(pilot)
        assert catalog.highlighted_lesson_id() == "first-lesson"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, lesson_screen_type())
        # Opening another lesson from the lesson replaces it (no pile of lesson screens).
        app.open_lesson("second-lesson")
        await pilot.pause()
        assert app.screen_stack[-2] is catalog
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is catalog


async def test_continue_opens_the_last_lesson(ui_catalog, store, monkeypatch) -> None:
    _seed(store, ui_catalog)  # last touched: second-lesson
    app = KetatuiApp(ui_catalog, store)
    opened: list[str] = []
    real_open = app.open_lesson
    monkeypatch.setattr(app, "open_lesson", lambda lid: (opened.append(lid), real_open(lid)))
    async with app.run_test(size=SIZE) as pilot:
        await to_catalog(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert opened == ["second-lesson"]
        assert isinstance(app.screen, lesson_screen_type())


async def test_catalog_without_store_runs_without_saving(ui_catalog) -> None:
    app = KetatuiApp(ui_catalog, None, store_note="Progress is not being saved: disk full")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CatalogScreen)
        assert "not saved" in text_of(screen.query_one("#who", Static))
        assert "disk full" in text_of(screen.query_one("#catalog-notes", Static))


# ---------------------------------------------------------------------------- app-wide keys


async def test_f1_opens_crisis_help_and_escape_returns_exactly(ui_catalog, store) -> None:
    store.create_profile("Alice")
    app = KetatuiApp(ui_catalog, store)
    async with app.run_test(size=SIZE) as pilot:
        catalog = await to_catalog(pilot)
        await pilot.press("down")
        option_list = catalog.query_one("#lessons", OptionList)
        highlighted = option_list.highlighted
        assert catalog.highlighted_lesson_id() == "second-lesson"

        await pilot.press("f1")
        await pilot.pause()
        crisis = app.screen
        assert isinstance(crisis, CrisisScreen)
        shown = " ".join(text_of(w) for w in crisis.query(".crisis-resource"))
        for resource in ui_catalog.course.crisis.resources:
            assert resource.name in shown and resource.contact in shown
        await pilot.press("f1")  # again: no second copy
        await pilot.pause()
        assert len([s for s in app.screen_stack if isinstance(s, CrisisScreen)]) == 1

        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is catalog
        assert app.focused is option_list
        assert option_list.highlighted == highlighted


async def test_crisis_help_back_button_returns_by_click_and_by_enter(ui_catalog, store) -> None:
    store.create_profile("Alice")
    app = KetatuiApp(ui_catalog, store)
    async with app.run_test(size=SIZE) as pilot:
        catalog = await to_catalog(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        assert await pilot.click("#close")
        await pilot.pause()
        assert app.screen is catalog

        await pilot.press("f1")
        await pilot.pause()
        back = app.screen.query_one("#close")
        back.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is catalog


async def test_crisis_help_opened_again_starts_at_the_top_with_the_text_focused(
    ui_catalog, store
) -> None:
    """Crisis help is kept between uses: shown again, it is as it was the first time."""
    from textual.containers import VerticalScroll

    app = KetatuiApp(ui_catalog, store, show_notice=False)
    async with app.run_test(size=(60, 12)) as pilot:  # small: the resources scroll
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        first = app.screen
        assert isinstance(first, CrisisScreen)
        body = first.query_one("#crisis-body", VerticalScroll)
        assert app.focused is body and body.max_scroll_y > 0
        await pilot.press("end", "tab")  # scrolled down, focus moved to Back
        await pilot.pause()
        assert body.scroll_y > 0 and app.focused is not body
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert app.screen is first  # the same screen, not built again
        assert body.scroll_y == 0 and app.focused is body
        shown = " ".join(text_of(w) for w in first.query(".crisis-resource"))
        assert ui_catalog.course.crisis.resources[0].contact in shown


async def test_f1_works_while_typing_a_name(ui_catalog, store) -> None:
    app = KetatuiApp(ui_catalog, store, show_notice=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        name_box = app.screen.query_one("#new-name", Input)
        assert app.focused is name_box
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is name_box


async def test_question_mark_lists_the_current_screens_keys(ui_catalog, store) -> None:
    store.create_profile("Alice")
    app = KetatuiApp(ui_catalog, store)
    async with app.run_test(size=SIZE) as pilot:
        await to_catalog(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        assert help_screen.title_text == "Lessons"
        main = dict((desc, keys) for keys, desc in help_screen.sections[0][1])
        assert main["Where to get help now, if you are in crisis"] == "F1"
        assert main["List the keys of this screen"] == "? / F2"
        assert main["Continue where you left off"] == "c"
        assert main["Show lessons for all, patients or trainees"] == "t"
        await pilot.press("question_mark")  # toggles closed
        await pilot.pause()
        assert isinstance(app.screen, CatalogScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert await pilot.click("#close")  # so does its Close button
        await pilot.pause()
        assert isinstance(app.screen, CatalogScreen)


async def test_question_mark_types_in_a_name_box_and_f2_shows_keys(ui_catalog, store) -> None:
    app = KetatuiApp(ui_catalog, store, show_notice=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        name_box = app.screen.query_one("#new-name", Input)
        await pilot.press("question_mark")
        await pilot.pause()
        assert name_box.value == "?"
        assert isinstance(app.screen, ProfilesScreen)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.title_text == "Profiles"
        main = dict((desc, keys) for keys, desc in app.screen.sections[0][1])
        assert main["Where to get help now, if you are in crisis"] == "F1"


async def test_theme_switch_with_ctrl_t_and_settings(ui_catalog, store) -> None:
    store.create_profile("Alice")
    app = KetatuiApp(ui_catalog, store)
    async with app.run_test(size=SIZE) as pilot:
        await to_catalog(pilot)
        assert app.theme == CALM.name
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.theme == HIGH_CONTRAST.name
        await pilot.press("s")
        await pilot.pause()
        settings = app.screen
        assert isinstance(settings, SettingsScreen)
        themes = settings.query_one("#theme", OptionList)
        assert [t.startswith("✓") for t in option_texts(themes)] == [False, True]
        await pilot.press("up", "enter")  # choose "Calm (default)"
        await pilot.pause()
        assert app.theme == CALM.name
        assert [t.startswith("✓") for t in option_texts(themes)] == [True, False]
        await pilot.press("ctrl+t")  # the settings screen follows Ctrl+T too
        await pilot.pause()
        assert [t.startswith("✓") for t in option_texts(themes)] == [False, True]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CatalogScreen)


async def test_high_contrast_theme_from_the_start(ui_catalog) -> None:
    app = KetatuiApp(ui_catalog, None, theme="high-contrast")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == HIGH_CONTRAST.name
        assert app.theme_choice == "high-contrast"


def test_unknown_theme_is_a_clear_error(ui_catalog) -> None:
    with pytest.raises(ValueError, match="high-contrast"):
        KetatuiApp(ui_catalog, None, theme="neon")


async def test_runs_with_no_color(ui_catalog, store, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    store.create_profile("Alice")
    app = KetatuiApp(ui_catalog, store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.no_color  # Textual renders in monochrome
        catalog = await to_catalog(pilot)
        rows = option_texts(catalog.query_one("#lessons", OptionList))
        assert any("○ A first lesson" in r for r in rows)  # status still readable


async def test_links_never_open_a_browser(ui_catalog, monkeypatch) -> None:
    app = KetatuiApp(ui_catalog, None)
    async with app.run_test(size=SIZE) as pilot:
        opened: list[str] = []
        monkeypatch.setattr(app._driver, "open_url", lambda url, new_tab=True: opened.append(url))
        app.open_url("https://example.org")
        await pilot.pause()
        assert opened == []
        messages = [n.message for n in app._notifications]
        assert any("not opened" in m and "https://example.org" in m for m in messages)


# ---------------------------------------------------------------------------- command


def test_command_reports_a_missing_course_folder(tmp_path, capsys) -> None:
    from ketatui.cli import main

    code = main(["--lessons", str(tmp_path / "nope"), "--data-dir", str(tmp_path)])
    assert code == 2
    err = capsys.readouterr().err
    assert "course folder not found" in err and len(err.strip().splitlines()) == 1


def test_unusable_data_dir_means_no_saving_not_a_crash(tmp_path) -> None:
    from ketatui.commands.app import open_store

    # A file where the data folder should be. (A damaged progress file is no longer a
    # reason to stop saving: it is moved aside, see tests/reliability/test_store_recovery.py.)
    blocker = tmp_path / "data"
    blocker.write_text("this is not a folder")
    store, note = open_store(blocker)
    assert store is None
    assert note.startswith("Progress is not being saved")


async def test_catalog_counts_broken_lesson_files_without_blocking(ui_catalog) -> None:

    from ketatui.content.errors import ContentError

    bad = Path("01-basics/03-broken.yaml")
    errors = (
        ContentError(bad, 3, 1, "unknown key 'titel'"),
        ContentError(bad, 9, 5, "a single question needs exactly one correct choice"),
        ContentError(Path("x.yaml"), 1, 1, "review is overdue", severity="warning"),
    )
    catalog = msgspec.structs.replace(ui_catalog, errors=errors)
    app = KetatuiApp(catalog, None, show_notice=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CatalogScreen)
        assert text_of(screen.query_one("#catalog-notes", Static)).startswith("1 lesson file has")
        assert "first-lesson" in [o.id for o in screen.query_one("#lessons", OptionList).options]

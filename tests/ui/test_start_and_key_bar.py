"""The key bar (what replaced Textual's Footer) and the lazily opened progress store."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from textual import events
from textual.color import Color
from textual.geometry import Region

from ketatui.content.catalog import Catalog
from ketatui.progress.store import ProgressStore
from ketatui.ui.app import KetatuiApp
from ketatui.ui.screens.crisis import CrisisScreen
from ketatui.ui.screens.notice import NoticeScreen
from ketatui.ui.screens.profiles import ProfilesScreen
from ketatui.ui.themes import CALM, HIGH_CONTRAST
from ketatui.ui.widgets.key_bar import KeyBar

SIZE = (80, 24)


def bar_text(app: KetatuiApp) -> str:
    bar = app.screen.query_one(KeyBar)
    return bar.render_line(0).text


async def test_key_bar_lists_crisis_help_first_and_the_screen_keys(ui_catalog: Catalog) -> None:
    app = KetatuiApp(ui_catalog, None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, NoticeScreen)
        text = bar_text(app)
        assert text.lstrip().startswith("F1 Crisis help")
        assert "? Keys" in text and "Quit" in text
        await pilot.press("enter")
        await pilot.pause()
        # The catalog's own keys replace the notice's.
        text = bar_text(app)
        assert text.lstrip().startswith("F1 Crisis help")
        assert "Track" in text


async def test_the_key_bar_redraws_in_a_new_theme_and_back(ui_catalog: Catalog) -> None:
    # The bar keeps each line it has drawn: a line kept from one theme must not show in
    # another.
    app = KetatuiApp(ui_catalog, None, theme="default")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)

        def drawn() -> tuple[str, list[object]]:
            line = bar.render_lines(Region(0, 0, bar.size.width, 1))[0]
            return line.text, [segment.style for segment in line]

        def f1_colour() -> object:
            line = bar.render_lines(Region(0, 0, bar.size.width, 1))[0]
            key = next(segment for segment in line if "F1" in segment.text)
            return key.style.color.triplet if key.style and key.style.color else None

        calm = drawn()
        assert (
            f1_colour() == Color.parse(CALM.variables["footer-key-foreground"]).rich_color.triplet
        )
        app.theme = HIGH_CONTRAST.name
        await pilot.pause()
        contrast = drawn()
        assert contrast[0] == calm[0]
        assert contrast[1] != calm[1]
        assert (
            f1_colour()
            == Color.parse(HIGH_CONTRAST.variables["footer-key-foreground"]).rich_color.triplet
        )
        app.theme = CALM.name
        await pilot.pause()
        assert drawn() == calm


async def test_a_tap_on_a_kept_line_presses_the_key_drawn_there(ui_catalog: Catalog) -> None:
    # The quiz's keys alternate (Submit, then Next): from the third question on, the bar
    # is a line kept from the question before, and a tap on it must find its keys where
    # they are drawn, not where the Next line had them.
    from ketatui.ui.screens.quiz import QuizScreen

    from .lesson_harness import LessonHarness, answer_in_turn, next_question, notifications

    app = LessonHarness(ui_catalog, start_quiz=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        bar = quiz.query_one(KeyBar)
        lines = []
        for index in (0, 1):
            lines.append(bar.render_line(0).text)
            await answer_in_turn(pilot, index)
            await next_question(pilot)
        text = bar.render_line(0).text
        assert text == lines[1]  # the same keys as the second question's: a kept line
        # A tap: a click where the pointer did not move to first (no hover to redraw).
        x = text.index("Submit") + len("Submit") - 1  # its last letter
        where = bar.region.offset
        tap = events.Click(bar, x, 0, 0, 0, 1, False, False, False, where.x + x, where.y)
        bar.post_message(tap)
        await pilot.pause()
        assert "Choose or type an answer first" in notifications(app)


async def test_clicking_a_key_in_the_bar_presses_it(ui_catalog: Catalog) -> None:
    app = KetatuiApp(ui_catalog, None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = bar_text(app)
        x = text.index("Crisis help")
        await pilot.click(KeyBar, offset=(x, 0))
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)


async def test_the_store_opens_only_when_the_learner_leaves_the_notice(
    ui_catalog: Catalog, tmp_path: Path
) -> None:
    opened: list[ProgressStore] = []

    def open_store() -> tuple[ProgressStore | None, str]:
        store = ProgressStore.open(tmp_path / "data")
        opened.append(store)
        return store, ""

    app = KetatuiApp(ui_catalog, open_store=open_store)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, NoticeScreen)
            assert opened == []
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ProfilesScreen)
            assert len(opened) == 1 and app.store is opened[0]
            assert app.session.store is opened[0]
    finally:
        for store in opened:
            store.close()


def test_plain_start_does_not_import_the_author_commands() -> None:
    code = (
        "import sys; from ketatui.cli import parse_args; "
        "args = parse_args(['--theme', 'high-contrast']); "
        "print(args.command, args.theme, "
        "sorted(m for m in sys.modules if m.startswith('ketatui.commands.')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split(maxsplit=2)
    assert out[:2] == ["None", "high-contrast"]
    assert out[2].strip() == "[]"


def test_a_wrong_command_still_lists_every_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ketatui.cli", "bogus"], capture_output=True, text=True
    )
    assert result.returncode == 2
    for name in ("validate", "schema", "stats", "new", "kiosk", "preview"):
        assert name in result.stderr

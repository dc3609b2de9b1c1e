"""Where styles live (docs/architecture.md, "Styles"): a screen's rules are its DEFAULT_CSS.

Opening a screen then parses only its own rules. A screen that named a `.tcss` file made
Textual rebuild the whole stylesheet and restyle every widget of the app on its first
open (10-20 ms of each first lesson and first quiz open).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from textual.css.stylesheet import Stylesheet
from textual.widgets import Button

import ketatui
from ketatui.content.catalog import Catalog
from ketatui.ui.app import KetatuiApp
from ketatui.ui.screens.catalog import CatalogScreen
from ketatui.ui.screens.lesson import LessonScreen
from ketatui.ui.screens.quiz import QuizScreen
from ketatui.ui.screens.settings import SettingsScreen

SIZE = (100, 40)


@pytest.fixture
def rebuilds(monkeypatch: pytest.MonkeyPatch) -> list[Stylesheet]:
    """Every full rebuild of a stylesheet (Textual's `Stylesheet.reparse`), as it happens."""
    seen: list[Stylesheet] = []
    reparse = Stylesheet.reparse

    def watched(self: Stylesheet) -> None:
        seen.append(self)
        reparse(self)

    monkeypatch.setattr(Stylesheet, "reparse", watched)
    return seen


async def test_lesson_and_quiz_open_with_their_own_rules_and_no_rebuild(
    ui_catalog: Catalog, rebuilds: list[Stylesheet]
) -> None:
    app = KetatuiApp(ui_catalog, None, show_notice=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CatalogScreen)
        await pilot.press("enter")
        await pilot.pause()
        lesson = app.screen
        assert isinstance(lesson, LessonScreen)
        # The reading column: at most 88 columns, centred.
        column = lesson.query_one("#lesson-column").region
        assert (column.x, column.width) == ((SIZE[0] - 88) // 2, 88)
        # The button row's own `min-width: 0` wins over the app-wide minimum of 10.
        back = lesson.query_one("#back", Button)
        assert back.size.width == len(str(back.label)) + 2

        lesson.action_start_quiz()
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        column = app.screen.query_one("#quiz-column").region
        assert (column.x, column.width) == ((SIZE[0] - 88) // 2, 88)
        assert rebuilds == [], "opening a screen rebuilt the app's whole stylesheet"


async def test_a_button_no_screen_sizes_takes_the_app_wide_minimum_not_textuals(
    ui_catalog: Catalog,
) -> None:
    app = KetatuiApp(ui_catalog, None, show_notice=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")  # settings, whose "Back (Esc)" is 12 cells: under Textual's 16
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        back = app.screen.query_one("#back", Button)
        assert back.size.width == max(10, len(str(back.label)) + 2) < 16


def stylesheet_owners(source: str) -> list[str]:
    """Classes in `source` that set `CSS_PATH` or `CSS` (both make Textual rebuild)."""
    owners = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef):
            for statement in node.body:
                targets = (
                    statement.targets
                    if isinstance(statement, ast.Assign)
                    else [statement.target]
                    if isinstance(statement, ast.AnnAssign)
                    else []
                )
                if any(isinstance(t, ast.Name) and t.id in ("CSS_PATH", "CSS") for t in targets):
                    owners.append(node.name)
    return owners


def test_only_the_hosts_name_stylesheets() -> None:
    src = Path(ketatui.__file__).parent
    owners = {
        f"{path.relative_to(src)}:{name}"
        for path in src.rglob("*.py")
        for name in stylesheet_owners(path.read_text(encoding="utf-8"))
    }
    assert owners == {"ui/app.py:KetatuiApp", "ui/kiosk/app.py:KioskApp"}


def test_the_owner_check_sees_both_spellings() -> None:
    source = (
        "class A(Screen):\n    CSS_PATH = 'a.tcss'\n"
        "class B(Screen):\n    CSS: ClassVar[str] = 'B {}'\n"
        "class C(Screen):\n    DEFAULT_CSS = 'C {}'\n"
    )
    assert stylesheet_owners(source) == ["A", "B"]

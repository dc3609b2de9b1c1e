"""Long answer choices wrap at 80x24 instead of being cut off with "…" before answering."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widgets import SelectionList

from ketatui.content.catalog import load_catalog
from ketatui.ui.screens.quiz import QuizScreen
from ketatui.ui.widgets.questions import MarkedChoiceList, MarkedSelectionList

from .lesson_harness import LessonHarness, letters, ui_course_with

# The length of the longest shipped choice (123 characters, trainee-talking-with-patients).
LONG_SINGLE = (
    "Some medicines add to sleepiness, slow breathing or raise blood pressure with "
    "esketamine, so the team asks about every one of them before the first session ends."
)
LONG_MULTIPLE = (
    "Esketamine has not been shown to prevent suicide or to lessen suicidal thoughts, "
    "and it does not replace a hospital stay when one is needed."
)


def _course(tmp_path: Path) -> Path:
    return ui_course_with(
        tmp_path,
        ("{text: Red, feedback", f'{{text: "{LONG_SINGLE}", feedback'),
        ("{text: Carrot, feedback", f'{{text: "{LONG_MULTIPLE}", feedback'),
    )


def _screen_text(app: LessonHarness) -> str:
    strips = app.screen._compositor.render_strips()
    return "".join(strip.text for strip in strips)


async def test_long_choices_wrap_and_show_every_word_at_80x24(tmp_path: Path) -> None:
    catalog = load_catalog(_course(tmp_path))
    assert not catalog.errors, catalog.errors
    app = LessonHarness(catalog, start_quiz=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        app.screen.query_one(MarkedChoiceList).scroll_visible(animate=False, top=False)
        await pilot.pause()
        shown = _screen_text(app)
        assert "…" not in shown
        assert letters(LONG_SINGLE) in letters(shown)
        # Answer the single-choice question and move on to the multiple-choice one.
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        await app.screen.action_submit()
        await pilot.pause()
        await app.screen.action_next()
        await pilot.pause()
        app.screen.view.query_one(SelectionList).scroll_visible(animate=False)
        await pilot.pause()
        shown = _screen_text(app)
        assert "…" not in shown
        assert letters(LONG_MULTIPLE) in letters(shown)


@pytest.mark.parametrize("kind", [MarkedSelectionList, MarkedChoiceList])
async def test_a_wrapped_choice_has_one_box_on_its_own_first_line(kind) -> None:
    # Textual's SelectionList draws the box of option y on line y: a choice that wraps
    # showed the next choice's box on its second line, and the last choice had none.
    class Host(App[None]):
        CSS = "OptionList { width: 40; height: auto; text-wrap: wrap; }"

        def compose(self) -> ComposeResult:
            yield kind((LONG_MULTIPLE, 0), ("Pear", 1), ("Carrot", 2))

    async with Host().run_test(size=(60, 20)) as pilot:
        options = pilot.app.query_one(kind)
        options.highlighted = 2
        await pilot.press("enter")  # tick / choose the last one
        await pilot.pause()
        assert options.max_scroll_y == 0  # as tall as its lines: every word in view
        rows = [options.render_line(y).text for y in range(options.size.height)]
        boxes = [y for y, row in enumerate(rows) if row.startswith("▐")]
        assert boxes == [0, len(rows) - 2, len(rows) - 1]  # the first line of each choice
        assert letters(LONG_MULTIPLE) in letters("".join(rows))
        assert [rows[y][1] for y in boxes] == [" ", " ", kind.MARK]

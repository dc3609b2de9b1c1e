"""The quiz is laid out in one pass (`ketatui.ui.widgets.one_pass`): it must still draw right.

Skipping Textual's second layout pass is safe only if a widget that changes size is still
painted at its new size. These tests resize the terminal under a quiz, then compare every
painted row with a fresh app started at that size in the same state: stale text, text cut
at the old width or a widget left at its old height would differ.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from ketatui.content.catalog import Catalog, load_catalog
from ketatui.ui.screens.quiz import QuizScreen
from reliability.screen_scan import blank_painted_with_a_frame, painted

from .lesson_harness import (
    LessonHarness,
    answer_in_turn,
    answer_single,
    letters,
    next_question,
    ui_course_with,
)

WIDE = (100, 30)
NARROW = (40, 30)


async def _rows_after_submit(catalog: Catalog, size: tuple[int, int]) -> list[str]:
    app = LessonHarness(catalog, start_quiz=True)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await answer_single(pilot, 0)  # wrong: feedback, explanation and the right answer
        return painted(app).lines


@pytest.mark.parametrize(("start", "end"), [(WIDE, NARROW), (NARROW, WIDE)])
async def test_feedback_is_redrawn_at_the_new_width(
    ui_catalog: Catalog, start: tuple[int, int], end: tuple[int, int]
) -> None:
    app = LessonHarness(ui_catalog, start_quiz=True)
    async with app.run_test(size=start) as pilot:
        await pilot.pause()
        await answer_single(pilot, 0)
        await pilot.resize_terminal(*end)
        await pilot.pause()
        resized = painted(app)
    fresh = await _rows_after_submit(ui_catalog, end)
    assert resized.lines == fresh
    # The prompt is whole at either width (wrapped onto two rows when narrow).
    assert "Whichcolouristheskyonaclearday?" in resized.squashed()
    assert max(len(line.rstrip()) for line in resized.lines) <= end[0]


async def test_a_question_built_before_a_resize_is_shown_at_the_new_size(
    ui_catalog: Catalog,
) -> None:
    app = LessonHarness(ui_catalog, start_quiz=True)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        await answer_single(pilot, 0)
        await pilot.pause(0.3)  # the next question is built (hidden) meanwhile
        assert screen._prepared is not None
        await pilot.resize_terminal(*NARROW)
        await pilot.pause()
        await next_question(pilot)
        resized = painted(app).lines

    fresh_app = LessonHarness(ui_catalog, start_quiz=True)
    async with fresh_app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await answer_single(pilot, 0)
        await next_question(pilot)
        fresh = painted(fresh_app).lines
    assert resized == fresh
    assert any("Which of these are fruits?" in line for line in resized)


SHORT = (40, 12)  # the lesson's pages need scrolling here


async def _page_rows(catalog: Catalog, size: tuple[int, int], page: int) -> list[str]:
    app = LessonHarness(catalog, start_page=page)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        return painted(app).lines


@pytest.mark.parametrize(("start", "end"), [(SHORT, SHORT), (WIDE, SHORT), (SHORT, WIDE)])
async def test_a_turned_page_is_drawn_as_a_fresh_one(
    ui_catalog: Catalog, start: tuple[int, int], end: tuple[int, int]
) -> None:
    # The page body and its scroll area are laid out in one pass: a page of another
    # length, at another size, must still get its height and its scroll bar right.
    app = LessonHarness(ui_catalog)
    async with app.run_test(size=start) as pilot:
        await pilot.pause()
        for key in ("right", "right", "left"):
            await pilot.press(key)
            await pilot.pause()
        if end != start:
            await pilot.resize_terminal(*end)
            await pilot.pause()
        turned = painted(app).lines
    assert turned == await _page_rows(ui_catalog, end, 1)


LONG_CHOICE = "Carrot, which is the root of a plant and not a fruit, whatever some recipes say"
LONG_ITEM = "Two, which comes after one and before three when you count upwards from one"


def _long_choices_course(tmp_path: Path) -> Catalog:
    course = ui_course_with(
        tmp_path,
        ("{text: Carrot, feedback", f'{{text: "{LONG_CHOICE}", feedback'),
        ("items: [One, Two, Three]", f'items: [One, "{LONG_ITEM}", Three]'),
    )
    catalog = load_catalog(course)
    assert not catalog.errors, catalog.errors
    return catalog


async def _go_to_question(pilot: Pilot[None], index: int) -> None:
    """Answer the questions before `index` and move on."""
    for earlier in range(index):
        await answer_in_turn(pilot, earlier)
        await next_question(pilot)


@pytest.mark.parametrize("index", [1, 3], ids=["multiple", "order"])
@pytest.mark.parametrize(("start", "end"), [(WIDE, NARROW), (NARROW, WIDE)])
async def test_a_list_resized_while_shown_is_rewrapped_at_the_new_width(
    tmp_path: Path, index: int, start: tuple[int, int], end: tuple[int, int]
) -> None:
    # The lists keep their wrapped choices through a Resize at the same width (one paint
    # when a question is shown): a new width must still rewrap them.
    catalog = _long_choices_course(tmp_path)
    app = LessonHarness(catalog, start_quiz=True)
    async with app.run_test(size=start) as pilot:
        await pilot.pause()
        await _go_to_question(pilot, index)
        await pilot.resize_terminal(*end)
        await pilot.pause()
        resized = painted(app)
    fresh_app = LessonHarness(catalog, start_quiz=True)
    async with fresh_app.run_test(size=end) as pilot:
        await pilot.pause()
        await _go_to_question(pilot, index)
        fresh = painted(fresh_app)
    assert resized.lines == fresh.lines
    # Every word of the long text is shown (wrapped rows have borders between them).
    long_text = LONG_CHOICE if index == 1 else LONG_ITEM
    assert letters(long_text) in letters("".join(resized.lines))


@pytest.mark.parametrize("theme", ["default", "high-contrast"])
async def test_the_quiz_parts_painted_blank_have_no_frame_to_lose(
    ui_catalog: Catalog, theme: str
) -> None:
    # The quiz's containers are painted as blank cells at once (a key press saving): a
    # border the app's CSS gave one of them would silently not show.
    from ketatui.ui.app import KetatuiApp

    app = KetatuiApp(ui_catalog, None, show_notice=False, theme=theme)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        app.open_lesson("first-lesson")
        await pilot.pause()
        app.screen.action_start_quiz()
        await pilot.pause()
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        assert len([w for w in quiz.walk_children() if w.BLANK]) >= 4
        assert blank_painted_with_a_frame(quiz) == []

"""Draft lessons say so on their first page, and a missed question links back to the page
that teaches it: from the feedback and from the results, by key, click or tap."""

from __future__ import annotations

from ketatui.content.catalog import Catalog
from ketatui.ui.screens.lesson import LessonScreen
from ketatui.ui.screens.page_again import PageAgainScreen
from ketatui.ui.screens.quiz import QuizScreen
from ketatui.ui.screens.results import ResultsScreen

from .lesson_harness import (
    LessonHarness,
    answer_multiple,
    answer_short,
    answer_single,
    click_button,
    next_question,
    order_by_keys,
    screen_text,
)

SIZE = (80, 24)


async def test_a_draft_lesson_says_so_on_its_first_page_only(ui_catalog: Catalog) -> None:
    app = LessonHarness(ui_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        note = app.screen.query_one("#review-note")
        assert note.display
        assert "not yet reviewed by a clinician" in screen_text(app.screen, "#review-note")
        await pilot.press("right")
        assert not note.display


async def test_a_missed_question_offers_its_page_and_comes_back_to_the_feedback(
    ui_catalog: Catalog,
) -> None:
    app = LessonHarness(ui_catalog, start_quiz=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        assert not quiz.query_one("#page-again").display  # nothing to offer before answering
        await answer_single(pilot, 0)  # Green: wrong; the question teaches page 2
        button = quiz.query_one("#page-again")
        assert button.display and str(button.label) == "Read page 2 again"
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, PageAgainScreen)
        assert screen_text(app.screen, "#page-title") == "Page two"
        assert screen_text(app.screen, "#page-count") == "Page 2 of 3"
        await pilot.press("escape")
        await pilot.pause()
        # Back where the learner was: the same question, its feedback, Next ready.
        assert app.screen is quiz and quiz.answered and quiz.index == 0
        assert quiz.query_one("#feedback").display
        await click_button(pilot, "#page-again")  # the same by click or tap
        assert isinstance(app.screen, PageAgainScreen)
        await click_button(pilot, "#back")
        assert app.screen is quiz


async def test_a_right_answer_offers_no_page(ui_catalog: Catalog) -> None:
    app = LessonHarness(ui_catalog, start_quiz=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await answer_single(pilot, 1)  # Blue: right
        quiz = app.screen
        assert not quiz.query_one("#page-again").display
        await pilot.press("r")
        await pilot.pause()
        assert app.screen is quiz


async def test_results_link_each_missed_question_to_its_page(ui_catalog: Catalog) -> None:
    app = LessonHarness(ui_catalog, start_quiz=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await answer_single(pilot, 0)  # wrong, teaches page 2
        await next_question(pilot)
        await answer_multiple(pilot, [0, 2])
        await next_question(pilot)
        await answer_single(pilot, 0)
        await next_question(pilot)
        await order_by_keys(pilot)
        await pilot.press("ctrl+s")
        await next_question(pilot)
        await answer_short(pilot, "4")
        await next_question(pilot)
        results = app.screen
        assert isinstance(results, ResultsScreen)
        links = list(results.query(".page-again-link"))
        assert [str(b.label) for b in links] == ["Read page 2 again"]
        links[0].focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PageAgainScreen)
        assert "Back to the results" in str(app.screen.query_one("#back").label)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is results

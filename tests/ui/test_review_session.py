"""The catalog's "Review (N due)" entry and a review session, driven with Pilot.

Cards are made due in the past (2020), so the app's real clock finds them due; the
scheduling by days is tested with a moved clock in tests/test_review.py.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ketatui.content.catalog import Catalog
from ketatui.progress.model import GainCheck, ReviewEntry
from ketatui.progress.store import ProgressStore
from ketatui.review.rating import Grade
from ketatui.review.schedule import review
from ketatui.ui.app import KetatuiApp
from ketatui.ui.screens.catalog import CatalogScreen
from ketatui.ui.screens.page_again import PageAgainScreen
from ketatui.ui.screens.review import ReviewScreen
from ketatui.ui.widgets.choice_bar import ChoiceBar
from ketatui.ui.widgets.meter import Meter

from .lesson_harness import answer_single, next_question, notifications, screen_text
from .test_app_shell import click_choice

SIZE = (80, 24)
LESSON = "first-lesson"
LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)


def make_due(store: ProgressStore, catalog: Catalog, profile_id: int, *qids: str) -> None:
    """Cards for these questions, missed long ago (so due now)."""
    for qid in qids:
        question = catalog.entry(LESSON).lesson.question(qid)
        card = review(None, LESSON, question, Grade.AGAIN, LONG_AGO)
        entry = ReviewEntry(LESSON, qid, 1, False, LONG_AGO, "quiz")
        store.save_review(profile_id, card, entry)


@pytest.fixture
def alice_store(data_dir, ui_catalog):
    store = ProgressStore.open(data_dir)
    alice = store.create_profile("Alice")
    make_due(store, ui_catalog, alice.id, "q-single", "q-true-false")
    yield store, alice.id
    store.close()


def bar_text(app) -> str:
    return app.screen.query_one("#catalog-controls", ChoiceBar).render_line(0).text


async def to_catalog(pilot) -> CatalogScreen:
    await pilot.press("enter", "enter")  # past the notice, then pick Alice
    await pilot.pause()
    assert isinstance(pilot.app.screen, CatalogScreen)
    return pilot.app.screen


async def answer_shown(pilot, right: bool) -> None:
    """Answer the review question shown (single or true/false), right or wrong."""
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)
    qid = screen.question.id
    if qid == "q-single":
        await answer_single(pilot, 1 if right else 0)  # Blue is right, Green wrong
    else:
        assert qid == "q-true-false"
        await answer_single(pilot, 0 if right else 1)  # the answer is "True"


async def test_a_review_session_asks_the_due_questions_links_their_page_and_is_kept(
    ui_catalog, alice_store
) -> None:
    store, alice = alice_store
    app = KetatuiApp(ui_catalog, store)
    async with app.run_test(size=SIZE) as pilot:
        await to_catalog(pilot)
        assert "Review (2 due) ▸" in bar_text(app)
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert screen_text(screen, "#quiz-title") == "Review — A first lesson"
        assert screen.query_one("#quiz-progress", Meter).label == "Question 1 of 2"
        order = list(screen.attempt.question_ids)
        # q-single teaches page 2: missing it offers that page, as in the lesson's quiz.
        for _ in range(2):
            if screen.question.id == "q-single":
                await answer_shown(pilot, right=False)
                assert str(screen.query_one("#page-again").label) == "Read page 2 again"
                await pilot.press("r")
                await pilot.pause()
                assert isinstance(app.screen, PageAgainScreen)
                assert screen_text(app.screen, "#page-title") == "Page two"
                await pilot.press("escape")
                await pilot.pause()
                assert app.screen is screen
            else:
                await answer_shown(pilot, right=True)
            await next_question(pilot)
        assert isinstance(app.screen, CatalogScreen)
        assert "Review done: 1 of 2 questions right." in notifications(app)
        assert "Review (0 due) ▸" in bar_text(app)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, CatalogScreen)  # nothing due: says when, stays
        assert "The next question comes back on" in notifications(app)
    sessions = store.review_sessions(alice)
    assert len(sessions) == 1 and sessions[0].finished and sessions[0].score == 0.5
    assert list(sessions[0].question_ids) == order
    log = [e for e in store.review_log(alice) if e.source == "review"]
    assert {(e.question_id, e.correct) for e in log} == {
        ("q-single", False),
        ("q-true-false", True),
    }


async def test_a_session_left_midway_resumes_at_its_next_question(ui_catalog, alice_store) -> None:
    store, _alice = alice_store
    app = KetatuiApp(ui_catalog, store)
    async with app.run_test(size=SIZE) as pilot:
        await to_catalog(pilot)
        await click_choice(pilot, "review")  # the same by click or tap
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        first = screen.question.id
        await answer_shown(pilot, right=True)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CatalogScreen)
        assert "Review (1 due) ▸" in bar_text(app)  # the answer counted
        await pilot.press("r")
        await pilot.pause()
        again = app.screen
        assert isinstance(again, ReviewScreen)
        assert again.query_one("#quiz-progress", Meter).label == "Question 2 of 2"
        assert again.question.id != first


async def test_without_a_profile_there_is_no_review(ui_catalog) -> None:
    app = KetatuiApp(ui_catalog, None)  # progress cannot be saved: no profile
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CatalogScreen)
        assert "Review" not in bar_text(app)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, CatalogScreen)


def _course_with_pre_check(make):
    from ketatui.content.catalog import load_catalog

    return load_catalog(make("first-lesson/q-single", "second-lesson/q1"))


async def test_the_pre_check_comes_before_the_first_lesson_and_then_the_lesson_opens(
    course_with_pre_check, data_dir
) -> None:
    from ketatui.ui.screens.lesson import LessonScreen
    from ketatui.ui.screens.review import CheckScreen

    catalog = _course_with_pre_check(course_with_pre_check)
    store = ProgressStore.open(data_dir)
    alice = store.create_profile("Alice").id
    app = KetatuiApp(catalog, store)
    async with app.run_test(size=SIZE) as pilot:
        await to_catalog(pilot)
        await pilot.press("enter")  # the first lesson
        await pilot.pause()
        check = app.screen
        assert isinstance(check, CheckScreen)
        title = screen_text(check, "#quiz-title")
        assert title == "Before you start: what do you know already? — The basics"
        assert check.question.id == "q-single"
        await answer_single(pilot, 0)  # wrong: no page to read again before the lesson
        assert not check.query_one("#page-again").display
        await next_question(pilot)
        await answer_single(pilot, 0)  # second-lesson q1: "True" is right
        await next_question(pilot)
        assert isinstance(app.screen, LessonScreen)
        assert app.screen.entry.id == "first-lesson"
        assert "before the module" in notifications(app)
        await pilot.press("escape")  # back to the lessons: nothing asked again
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
    checks = store.gain_checks(alice)
    assert [(c.module_id, c.phase, c.correct, c.total) for c in checks] == [("basics", "pre", 1, 2)]
    store.close()


async def test_the_post_check_follows_the_last_lesson_of_the_module(
    course_with_pre_check, data_dir
) -> None:
    from ketatui.ui.screens.review import CheckScreen

    catalog = _course_with_pre_check(course_with_pre_check)
    store = ProgressStore.open(data_dir)
    alice = store.create_profile("Alice").id
    store.save_check(alice, GainCheck("basics", "pre", 1, 2, LONG_AGO))
    for lesson_id in ("first-lesson", "second-lesson"):
        attempt = store.start_attempt(alice, lesson_id, ["x"])
        store.finish_attempt(attempt.id, 1.0, True, catalog.entry(lesson_id).content_hash)
    app = KetatuiApp(catalog, store)
    async with app.run_test(size=SIZE) as pilot:
        await to_catalog(pilot)
        await pilot.press("enter")  # reopen a passed lesson, then leave it
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        check = app.screen
        assert isinstance(check, CheckScreen) and check.phase == "post"
        assert "check what you learned" in screen_text(check, "#quiz-title")
        for _ in range(2):
            await answer_single(pilot, 0)
            await next_question(pilot)
        assert isinstance(app.screen, CatalogScreen)
    assert [c.phase for c in store.gain_checks(alice)] == ["pre", "post"]
    store.close()

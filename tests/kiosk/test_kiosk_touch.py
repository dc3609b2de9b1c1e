"""Pilot tests of the kiosk for touch-only visitors: the welcome screen on a small terminal,
and the on-screen keyboard for short-answer questions."""

from __future__ import annotations

import msgspec
import msgspec.structs
import pytest
from textual.widgets import Input, OptionList, Static

from ketatui.ui.kiosk.keyboard import KioskKeyboard
from ketatui.ui.kiosk.screens import TopicsScreen, WelcomeScreen
from ketatui.ui.screens.quiz import QuizScreen
from reliability.screen_scan import blank_painted_with_a_frame

SMALL = (80, 24)
LARGE = (120, 40)


def with_long_notice(catalog):
    """The fixture course with a notice as long as a real one (longer than 80x24 shows)."""
    notice = "\n".join(
        f"Line {i} of a long notice about what this app is and is not." for i in range(1, 16)
    )
    course = msgspec.structs.replace(catalog.course, notice=notice)
    return msgspec.structs.replace(catalog, course=course)


async def test_welcome_at_80x24_shows_the_heading_and_a_tappable_start(
    ui_catalog, kiosk_config, clock
):
    from ketatui.ui.kiosk import KioskApp

    app = KioskApp(with_long_notice(ui_catalog), kiosk_config, clock=clock, tick_seconds=10_000)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        welcome = app.screen
        assert isinstance(welcome, WelcomeScreen)
        title = welcome.query_one("#welcome-title", Static)
        body = welcome.query_one("#welcome-body")
        # The heading is on screen, under the top bar, and the text starts at the top.
        assert body.scroll_offset.y == 0
        assert title.region.y >= 3 and title.region.bottom <= SMALL[1]
        assert welcome.get_widget_at(title.region.x + 1, title.region.y)[0] is title
        # Start is fully on screen without scrolling, and the long notice still scrolls.
        start = welcome.query_one("#kiosk-start")
        assert start.region.height >= 3 and start.region.bottom <= SMALL[1]
        assert body.max_scroll_y > 0
        # Scrolling the notice is something of a visitor: the idle countdown applies again.
        body.scroll_end(animate=False)
        await pilot.pause()
        assert not welcome.untouched
        await pilot.click("#kiosk-start")
        assert isinstance(app.screen, TopicsScreen)


async def open_question(pilot, question_id: str) -> QuizScreen:
    """Tap through to the quiz of the first lesson and show one of its questions."""
    await pilot.click("#kiosk-start")
    await pilot.click("#topic-0")
    await pilot.click("#lesson-0")
    await pilot.pause()
    pilot.app.screen.action_start_quiz()
    await pilot.pause()
    quiz = pilot.app.screen
    assert isinstance(quiz, QuizScreen)
    await quiz.show_question(quiz.attempt.question_ids.index(question_id))
    await pilot.pause()
    return quiz


async def tap(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.click(f"#osk-{key}")


def typed(quiz: QuizScreen) -> str:
    return quiz.query_one("#question-slot").query_one(Input).value


async def test_a_short_answer_can_be_typed_and_submitted_by_taps_alone(make_kiosk):
    app = make_kiosk()
    async with app.run_test(size=SMALL) as pilot:
        quiz = await open_question(pilot, "q-short")
        keyboard = quiz.query_one(KioskKeyboard)
        assert keyboard.display
        await tap(pilot, "f", "i", "v", "backspace", "backspace", "backspace", "4")
        assert typed(quiz) == "4"
        await tap(pilot, "space", "2")
        assert typed(quiz) == "4 2"
        await tap(pilot, "backspace", "backspace")
        # The keys never took the focus: the box keeps its cursor for a real keyboard too.
        assert isinstance(quiz.focused, Input)
        # Every key sits on screen at 80x24, together with the question and Submit.
        for key in quiz.query(".osk-key"):
            assert key.region.bottom <= SMALL[1] and key.region.width >= 5
        assert quiz.query_one("#question-prompt").region.height >= 1
        await pilot.click("#submit")
        await pilot.pause()
        assert quiz.answered
        assert "Right" in str(quiz.query_one("#feedback", Static).content)
        # Answered: the keyboard goes, so it never covers the explanation.
        assert not keyboard.display


async def test_the_keyboard_shows_only_for_an_unanswered_short_answer(make_kiosk):
    app = make_kiosk()
    async with app.run_test(size=LARGE) as pilot:
        quiz = await open_question(pilot, "q-single")
        keyboard = quiz.query_one(KioskKeyboard)
        assert not keyboard.display
        await quiz.show_question(quiz.attempt.question_ids.index("q-short"))
        await pilot.pause()
        assert keyboard.display
        # Taller keys when there is room.
        assert quiz.query_one("#osk-a").region.height == 3
        await tap(pilot, "f", "o", "u", "r")
        assert typed(quiz) == "four"
        await pilot.press("enter")  # a hardware keyboard still submits as before
        await pilot.pause()
        assert quiz.answered and not keyboard.display


async def test_what_was_typed_on_the_keyboard_is_gone_after_a_reset(make_kiosk, clock):
    app = make_kiosk()
    async with app.run_test(size=SMALL) as pilot:
        quiz = await open_question(pilot, "q-short")
        await tap(pilot, "s", "e", "c", "r", "e", "t")
        assert typed(quiz) == "secret"
        clock.advance(200)
        await app.idle_tick()
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen) and not quiz.is_attached
        again = await open_question(pilot, "q-short")
        assert again is not quiz and typed(again) == ""


@pytest.mark.parametrize(
    ("question_id", "choices"),
    [
        ("q-single", ["Green", "Blue", "Red"]),
        ("q-multiple", ["Apple", "Carrot", "Pear"]),
        ("q-order", ["One", "Two", "Three"]),
    ],
)
async def test_every_choice_shows_with_a_blank_row_above_it(make_kiosk, question_id, choices):
    # The kiosk pads each choice with a blank row (a bigger tap target). The lists once
    # drew that row but did not count it: three blank rows showed and no text at all.
    app = make_kiosk()
    async with app.run_test(size=LARGE) as pilot:
        quiz = await open_question(pilot, question_id)
        options = quiz.view.query_one(OptionList)
        assert options.max_scroll_y == 0  # all of it in view, nothing to scroll
        rows = [options.render_line(y).text for y in range(options.size.height)]
        texts = [row for row in rows if row.strip()]
        shown = [row.strip(" ▐▌●X").removeprefix(f"{n}. ") for n, row in enumerate(texts, 1)]
        assert sorted(shown) == sorted(choices)
        for row in texts:
            assert not rows[rows.index(row) - 1].strip()  # a blank row above each
        # A tap on a choice's blank row or its text picks that one choice.
        top = options.content_region.y - options.region.y
        await pilot.click(options, offset=(10, top + rows.index(texts[1]) - 1))
        await pilot.pause()
        assert options.highlighted == 1


async def test_the_quiz_parts_painted_blank_have_no_frame_to_lose(make_kiosk):
    # The quiz's containers are painted as blank cells at once (a key press saving): a
    # border the kiosk's CSS gave one of them would silently not show.
    app = make_kiosk()
    async with app.run_test(size=LARGE) as pilot:
        quiz = await open_question(pilot, "q-single")
        assert len([w for w in quiz.walk_children() if w.BLANK]) >= 4
        assert blank_painted_with_a_frame(quiz) == []

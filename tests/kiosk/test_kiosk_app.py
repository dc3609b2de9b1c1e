"""Pilot tests of the kiosk: idle reset, locked exit, staff PIN, recovery from errors.

The app runs with a fake clock and its idle timer effectively off: tests move the clock
and call `idle_tick()` themselves, so nothing sleeps.
"""

from __future__ import annotations

import asyncio

import pytest
from textual.command import CommandPalette
from textual.widgets import Button, Input, Static

from ketatui.content.model import choice_id
from ketatui.kioskcore.stats import KioskStats
from ketatui.quiz.grading import answer_to_json
from ketatui.ui.kiosk import STAFF_KEY
from ketatui.ui.kiosk.dialogs import StaffPinScreen, StillThereScreen
from ketatui.ui.kiosk.lesson import KioskCheckScreen, KioskLessonScreen
from ketatui.ui.kiosk.screens import TopicLessonsScreen, TopicsScreen, WelcomeScreen
from ketatui.ui.screens.crisis import CrisisScreen
from ketatui.ui.screens.quiz import QuizScreen
from ketatui.ui.widgets.questions import MarkedChoiceList

from .helpers import PIN, pin_checks_done

SIZE = (100, 40)


async def tap_first_lesson(pilot) -> None:
    """Welcome -> topics -> the basics -> first lesson, by taps (a module's pre-check may
    come first)."""
    await pilot.click("#kiosk-start")
    await pilot.click("#topic-0")
    await pilot.click("#lesson-0")
    await pilot.pause()


def pick_shown(view, position: int) -> None:
    """Choose the choice shown at `position` of a single-choice or true/false question."""
    choices = view.query_one(MarkedChoiceList)
    choices.highlighted = position
    choices.action_select()


async def open_first_lesson(pilot) -> KioskLessonScreen:
    """Welcome -> topics -> the basics -> first lesson, by taps."""
    await tap_first_lesson(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, KioskLessonScreen)
    return screen


async def enter_pin(pilot, pin: str) -> None:
    for digit in pin:
        await pilot.press(digit)
    await pilot.press("enter")
    await pin_checks_done(pilot)


def status(app) -> str:
    return str(app.screen.query_one("#pin-status", Static).content)


async def test_welcome_shows_patient_topics_and_lessons_only(make_kiosk):
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        assert "Learn about your treatment" in str(app.screen.query_one("#welcome-title").content)
        await pilot.click("#kiosk-start")
        assert isinstance(app.screen, TopicsScreen)
        await pilot.click("#topic-0")
        assert isinstance(app.screen, TopicLessonsScreen)
        lessons = [b.name for b in app.screen.query(".kiosk-choice").results(Button)]
        assert lessons == ["first-lesson"]  # second-lesson is trainee-only
        app.open_lesson("second-lesson")  # e.g. a "Next lesson" link: refused too
        await pilot.pause()
        assert isinstance(app.screen, TopicLessonsScreen)
        assert app.session.track == "patient" and not app.session.saving
        assert app.has_class("-kiosk") and app.screen.has_class("-kiosk")


async def test_touch_targets_are_at_least_three_rows(make_kiosk):
    app = make_kiosk()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.click("#kiosk-start")
        for button in app.screen.query(Button):
            assert button.region.height >= 3, button


async def test_idle_countdown_then_reset_to_a_new_welcome_screen(make_kiosk, clock):
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        first_welcome = app.screen
        lesson = await open_first_lesson(pilot)
        await pilot.click("#next")
        assert lesson.page_index == 1
        clock.advance(89)
        await app.idle_tick()
        assert app.screen is lesson
        clock.advance(1)
        await app.idle_tick()
        await pilot.pause()
        assert isinstance(app.screen, StillThereScreen)
        assert "20 seconds" in str(app.screen.query_one("#countdown-text", Static).content)
        clock.advance(15)
        await app.idle_tick()
        assert "5 seconds" in str(app.screen.query_one("#countdown-text", Static).content)
        clock.advance(5)
        await app.idle_tick()
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert app.screen is not first_welcome
        assert len(app.screen_stack) == 2
        assert app.visit == 2
        assert not lesson.is_attached


@pytest.mark.parametrize("continue_with", ["key", "click", "button"])
async def test_input_during_the_countdown_continues_the_visit(make_kiosk, clock, continue_with):
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        lesson = await open_first_lesson(pilot)
        clock.advance(95)
        await app.idle_tick()
        await pilot.pause()
        assert isinstance(app.screen, StillThereScreen)
        if continue_with == "key":
            await pilot.press("right")  # must not also turn the page underneath
        elif continue_with == "click":
            await pilot.click(offset=(1, 1))
        else:
            await pilot.click("#still-here")
        await pilot.pause()
        assert app.screen is lesson
        assert lesson.page_index == 0
        # The idle clock started again from that input.
        clock.advance(60)
        await app.idle_tick()
        assert app.screen is lesson and app.visit == 1


async def test_any_input_postpones_the_countdown(make_kiosk, clock):
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#kiosk-start")
        topics = app.screen
        for _ in range(3):
            clock.advance(80)
            await pilot.press("tab")
            await app.idle_tick()
        assert app.screen is topics
        await pilot.hover("#topic-0")
        clock.advance(80)
        await app.idle_tick()
        assert app.screen is topics and app.visit == 1
        clock.advance(10)
        await app.idle_tick()
        assert isinstance(app.screen, StillThereScreen)


async def test_an_untouched_welcome_screen_never_counts_down(make_kiosk, clock):
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        welcome = app.screen
        # An empty waiting room all day: no "Still there?", no resets.
        for _ in range(12):
            clock.advance(60)
            await app.idle_tick()
            await pilot.pause()
            assert app.screen is welcome and app.visit == 1
        # A visitor who went in and came back out left nothing on screen either.
        await pilot.click("#kiosk-start")
        await pilot.click("#kiosk-back")
        assert app.screen is welcome
        clock.advance(200)
        await app.idle_tick()
        assert app.screen is welcome and app.visit == 1
        # After a real visit the reset happens once; then the new welcome screen waits.
        await pilot.click("#kiosk-start")
        clock.advance(95)
        await app.idle_tick()
        await pilot.pause()
        assert isinstance(app.screen, StillThereScreen)
        clock.advance(20)
        await app.idle_tick()
        await pilot.pause()
        fresh = app.screen
        assert isinstance(fresh, WelcomeScreen) and app.visit == 2
        for _ in range(5):
            clock.advance(120)
            await app.idle_tick()
            await pilot.pause()
        assert app.screen is fresh and app.visit == 2


async def test_crisis_help_left_open_on_welcome_still_counts_down(make_kiosk, clock):
    from ketatui.ui.kiosk.app import CRISIS_IDLE_SECONDS

    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#kiosk-help")
        clock.advance(CRISIS_IDLE_SECONDS + 5)  # after the longer wait crisis help gets
        await app.idle_tick()
        await pilot.pause()
        assert isinstance(app.screen, StillThereScreen)
        clock.advance(20)
        await app.idle_tick()
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen) and len(app.screen_stack) == 2


@pytest.mark.parametrize(
    "key", ["ctrl+q", "ctrl+c", "ctrl+z", "ctrl+backslash", "ctrl+p", "ctrl+d"]
)
async def test_escape_keys_do_nothing(make_kiosk, key):
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        welcome = app.screen
        await pilot.press(key)
        await pilot.pause()
        assert app.is_running and app.return_code is None
        assert app.screen is welcome
        assert not CommandPalette.is_open(app)
        await pilot.click("#kiosk-start")
        topics = app.screen
        await pilot.press(key)
        await pilot.pause()
        assert app.is_running and app.screen is topics


async def test_escape_goes_back_one_level_but_never_past_welcome(make_kiosk):
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        welcome = app.screen
        await pilot.press("escape")
        assert app.is_running and app.screen is welcome
        lesson = await open_first_lesson(pilot)
        await pilot.press("escape")  # the lesson's own "esc Lessons"
        await pilot.pause()
        assert isinstance(app.screen, TopicLessonsScreen) and not lesson.is_attached
        await pilot.press("escape")
        assert isinstance(app.screen, TopicsScreen)
        await pilot.press("escape")
        assert app.screen is welcome
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and app.screen is welcome and len(app.screen_stack) == 2


async def test_quit_actions_and_exit_calls_are_ignored(make_kiosk):
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await app.run_action("quit")
        await app.run_action("command_palette")
        app.exit()
        app.open_url("https://example.org")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, WelcomeScreen)


async def test_crisis_help_is_one_tap_or_f1_away_with_site_resources(make_kiosk, kiosk_config):
    from dataclasses import replace

    from ketatui.content.model import CrisisResource

    site = CrisisResource(name="Riverside Crisis Team", contact="Call 555 0100")
    app = make_kiosk(replace(kiosk_config, crisis=(site,)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#kiosk-help")
        assert isinstance(app.screen, CrisisScreen)
        text = " ".join(str(s.content) for s in app.screen.query(Static))
        assert "Riverside Crisis Team" in text and "Test Lifeline" not in text
        await pilot.press("escape")
        lesson = await open_first_lesson(pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, CrisisScreen)
        await pilot.press("escape")
        assert app.screen is lesson
        await pilot.click("#kiosk-help")
        assert isinstance(app.screen, CrisisScreen)
        back = app.screen.query_one("#close")
        assert back.region.height >= 3, "the Back button is not a comfortable tap target"
        assert await pilot.click("#close")
        assert app.screen is lesson


async def test_keys_help_opens_on_lesson_screens(make_kiosk):
    from ketatui.ui.screens.help import HelpScreen

    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        lesson = await open_first_lesson(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert app.screen is lesson


async def test_right_pin_closes_the_kiosk(make_kiosk):
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(STAFF_KEY)
        assert isinstance(app.screen, StaffPinScreen)
        await enter_pin(pilot, PIN)
    assert app.return_code == 0


async def test_pin_keypad_works_by_touch(make_kiosk):
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(STAFF_KEY)
        for digit in PIN + "9":
            await pilot.click(f"#pin-key-{digit}")
        await pilot.click("#pin-delete")
        await pilot.click("#pin-ok")
        await pin_checks_done(pilot)
    assert app.return_code == 0


async def test_crisis_help_opens_while_a_slow_pin_check_runs(make_kiosk):
    """The PIN hash runs off the event loop: F1 never waits for it."""
    import threading

    from ketatui.ui.screens.crisis import CrisisScreen

    release, checked = threading.Event(), threading.Event()
    app = make_kiosk()

    def slow_verify(pin, stored):
        release.wait(3)
        checked.set()
        return False

    async with app.run_test(size=SIZE) as pilot:
        app.pin_guard._verify = slow_verify
        await pilot.press(STAFF_KEY)
        pin_screen = app.screen
        for digit in PIN:
            await pilot.press(digit)
        await pilot.press("enter")
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        assert not checked.is_set()  # crisis help came first: the check is still running
        release.set()
        await app.workers.wait_for_complete()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is pin_screen
        assert "Wrong PIN" in status(app)


async def test_wrong_pins_back_off_even_the_right_pin(make_kiosk, clock, error_log):
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(STAFF_KEY)
        await enter_pin(pilot, "111111")
        assert "2 more tries" in status(app)
        await enter_pin(pilot, "222222")
        await enter_pin(pilot, "333333")
        assert "Wait 30 seconds" in status(app)
        await enter_pin(pilot, PIN)
        assert app.is_running and isinstance(app.screen, StaffPinScreen)
        assert "Too many wrong PINs" in status(app)
        clock.advance(12)
        await app.idle_tick()
        assert "Try again in 18 seconds" in status(app)
        assert app.screen.query_one("#pin-input", Input).value == ""
        clock.advance(19)
        await app.idle_tick()
        assert "You can try again now" in status(app)
        await enter_pin(pilot, PIN)
    assert app.return_code == 0


async def test_cancel_pin_returns_to_the_same_screen(make_kiosk):
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#kiosk-start")
        topics = app.screen
        await pilot.press(STAFF_KEY)
        await pilot.click("#pin-cancel")
        assert app.screen is topics


async def test_reset_clears_typed_text_answers_and_pages(make_kiosk, clock, tmp_path):
    import datetime as dt

    stats = KioskStats(tmp_path / "stats.sqlite3", today=lambda: dt.date(2026, 11, 21))
    app = make_kiosk(stats=stats)
    async with app.run_test(size=SIZE) as pilot:
        lesson = await open_first_lesson(pilot)
        await pilot.press("right", "right", "right")  # (taps within 0.2 s are debounced)
        await pilot.pause()
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        pick_shown(quiz, 0)  # "Green": wrong
        await pilot.click("#submit")
        await pilot.pause()
        assert lesson.progress.open_attempt().answers
        # Someone starts typing the staff PIN and walks away.
        await pilot.press(STAFF_KEY)
        await pilot.press("1", "2", "3")
        assert app.screen.query_one("#pin-input", Input).value == "123"
        clock.advance(200)
        await app.idle_tick()
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert not app.query(Input) and len(app.screen_stack) == 2
        assert app.clipboard == ""
        again = await open_first_lesson(pilot)
        assert again is not lesson
        assert again.page_index == 0 and again.progress.open_attempt() is None
        assert again.progress.resume_point() == (0, False)
    # The answer was counted anonymously: which choice, whether right; nothing else.
    [counted] = stats.summary()
    assert (counted.question_id, counted.answered, counted.correct) == ("q-single", 1, 0)
    green = app.catalog.entry("first-lesson").lesson.question("q-single").choices[0]
    assert green.text == "Green" and counted.choices == {choice_id(green): 1}
    stats.close()


async def test_start_over_button_resets(make_kiosk):
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await open_first_lesson(pilot)
        await pilot.click("#kiosk-start-over")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen) and app.visit == 2


async def test_back_goes_one_screen_back_and_leaves_lessons_cleanly(make_kiosk):
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await open_first_lesson(pilot)
        await pilot.click("#kiosk-back")
        assert isinstance(app.screen, TopicLessonsScreen)
        await pilot.click("#kiosk-back")
        assert isinstance(app.screen, TopicsScreen)
        await pilot.click("#kiosk-back")
        assert isinstance(app.screen, WelcomeScreen)


async def test_an_error_in_a_screen_handler_starts_over(make_kiosk, error_log, monkeypatch):
    from ketatui.ui.kiosk.app import KioskApp

    def broken(self, module_id):
        raise RuntimeError("boom with visitor text")

    monkeypatch.setattr(KioskApp, "show_topic", broken)
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#kiosk-start")
        await pilot.click("#topic-0")
        await pilot.pause()
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, WelcomeScreen)
        assert app.errors_recovered == 1 and app.visit == 2
        # Still usable afterwards.
        await pilot.click("#kiosk-start")
        assert isinstance(app.screen, TopicsScreen)
    log = error_log.path.read_text()
    assert "builtins.RuntimeError" in log and "visitor text" not in log


async def test_an_error_in_a_key_action_starts_over(make_kiosk, monkeypatch):
    from ketatui.ui.kiosk.app import KioskApp

    def broken(self):
        raise KeyError("x")

    monkeypatch.setattr(KioskApp, "action_crisis", broken)
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#kiosk-start")
        await pilot.press("f1")  # runs in the app's own message loop
        await pilot.pause()
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, WelcomeScreen)
        await pilot.click("#kiosk-start")
        assert isinstance(app.screen, TopicsScreen)


async def test_a_welcome_screen_that_keeps_failing_shows_the_fallback(make_kiosk, monkeypatch):
    from ketatui.ui.kiosk.screens import FallbackScreen

    app = make_kiosk()
    async with app.run_test(size=SIZE):

        def broken(self):
            raise RuntimeError("welcome is broken")

        monkeypatch.setattr(WelcomeScreen, "compose", broken)
        await app.reset_visit()
        # pilot.pause() would wait on the broken screens; poll instead (bounded).
        for _ in range(200):
            await asyncio.sleep(0.01)
            # Its text, not only the screen: on a busy machine the screen is current a
            # moment before it has composed its widgets.
            if isinstance(app.screen, FallbackScreen) and app.screen.query(Static):
                break
        assert app.is_running and isinstance(app.screen, FallbackScreen)
        text = str(app.screen.query_one(Static).content)
        assert "tell a member of staff" in text and "Call or text 000" in text


async def test_cut_or_copied_text_never_reaches_the_terminal_clipboard(make_kiosk):
    # Textual writes copies to the terminal (OSC 52), which keeps them after a reset: the
    # next visitor could paste what this one typed.
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        written: list[str] = []
        original = app._driver.write
        app._driver.write = lambda data: (written.append(data), original(data))[1]
        app.copy_to_clipboard("my private answer")
        await pilot.pause()
        assert app.clipboard == "my private answer"
        assert not any("\x1b]52" in data for data in written)


async def test_read_the_page_again_by_tap_and_come_back(make_kiosk):
    from ketatui.ui.kiosk.widgets import KioskBar
    from ketatui.ui.screens.page_again import PageAgainScreen

    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await open_first_lesson(pilot)
        await pilot.press("right", "right", "right")
        await pilot.pause()
        quiz = app.screen
        assert isinstance(quiz, QuizScreen) and quiz.query(KioskBar)
        pick_shown(quiz, 0)  # "Green": wrong; the question teaches page 2
        await pilot.click("#submit")
        await pilot.pause(0.25)
        await pilot.click("#page-again")
        await pilot.pause()
        page = app.screen
        assert isinstance(page, PageAgainScreen) and page.query(KioskBar)
        assert str(page.query_one("#page-title", Static).visual) == "Page two"
        back = page.query_one("#kiosk-back", Button)
        assert str(back.label) == "◀ Back to the quiz"  # where it goes, not "Lessons"
        await pilot.click("#kiosk-back")
        await pilot.pause()
        assert app.screen is quiz and quiz.answered


async def test_results_are_calm_words_and_every_button_is_in_view_at_60x20(make_kiosk):
    from ketatui.ui.kiosk.lesson import KioskResultsScreen

    app = make_kiosk()
    async with app.run_test(size=(60, 20)) as pilot:
        await open_first_lesson(pilot)
        pilot.app.screen.action_start_quiz()
        await pilot.pause()
        quiz = app.screen
        blue = answer_to_json(quiz.entry.lesson.question("q-single"), 1)  # Blue, as written
        quiz.attempt = quiz.progress.record_answer(quiz.attempt, "q-single", blue, True)
        quiz.dismiss(quiz.progress.finish(quiz.attempt))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, KioskResultsScreen)
        words = str(screen.query_one("#score", Static).visual) + str(
            screen.query_one("#verdict", Static).visual
        )
        assert "1 of 5" in words
        assert "pass" not in words.lower() and "%" not in words
        for button in screen.query("#results-buttons Button").results(Button):
            assert screen.region.contains_region(button.region), button.id


async def test_arrow_keys_move_between_buttons_and_question_mark_lists_keys(make_kiosk):
    from ketatui.ui.screens.help import HelpScreen

    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#kiosk-start")
        await pilot.pause()
        assert isinstance(app.screen, TopicsScreen)
        topics = app.screen
        buttons = list(topics.query(".kiosk-choice").results(Button))
        buttons[0].focus()
        await pilot.pause()
        await pilot.press("down")
        assert app.focused is not buttons[0] and isinstance(app.focused, Button)
        await pilot.press("up")
        assert app.focused is buttons[0]
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is topics
        await pilot.click("#topic-0")
        await pilot.pause()
        assert isinstance(app.screen, TopicLessonsScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_crisis_help_waits_much_longer_before_asking_still_there(make_kiosk, clock):
    from ketatui.ui.kiosk.app import CRISIS_IDLE_SECONDS

    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await open_first_lesson(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        clock.advance(300)  # well past the usual 90 s: someone may be on the phone
        await app.idle_tick()
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        clock.advance(CRISIS_IDLE_SECONDS - 300 + 20)  # then it does start over
        await app.idle_tick()
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)


async def test_a_visitor_answers_the_pre_check_and_it_is_counted_by_day_only(
    make_pre_check_kiosk, tmp_path
):
    import datetime as dt
    import sqlite3

    from ketatui.ui.screens.review import CheckScreen

    stats = KioskStats(tmp_path / "stats.sqlite3", today=lambda: dt.date(2026, 11, 21))
    app = make_pre_check_kiosk("first-lesson/q-single", "first-lesson/q-true-false", stats=stats)
    async with app.run_test(size=SIZE) as pilot:
        await tap_first_lesson(pilot)
        check = app.screen
        assert isinstance(check, CheckScreen) and check.phase == "pre"
        for right in (1, 0):  # Blue (as written) for the sky; then "True"
            view = check.view
            pick_shown(view, view.order.index(right) if view.order else right)
            await pilot.click("#submit")
            await pilot.pause()
            await pilot.click("#next")
            await pilot.pause()
        assert isinstance(app.screen, KioskLessonScreen)
    stats.close()
    conn = sqlite3.connect(tmp_path / "stats.sqlite3")
    rows = conn.execute("SELECT * FROM gain_stats").fetchall()
    conn.close()
    [(day, module, phase, checks, percent_sum)] = rows
    assert (day, module, phase, checks) == ("2026-11-21", "basics", "pre", 1)
    assert percent_sum == 100.0  # one visitor's score, both right; nothing else kept


async def test_the_pre_check_has_the_kiosk_bar_and_keyboard_for_a_touch_only_visitor(
    make_pre_check_kiosk,
):
    """A module's check is a screen a visitor reaches by touch: Help now and Start over
    must be on it, a short answer must be typeable by tapping, and its Back (Skip) must
    lead on to the lesson the visitor chose."""
    from ketatui.ui.kiosk.keyboard import KioskKeyboard

    app = make_pre_check_kiosk("first-lesson/q-short")
    async with app.run_test(size=SIZE) as pilot:
        await tap_first_lesson(pilot)
        check = app.screen
        assert isinstance(check, KioskCheckScreen) and check.phase == "pre"
        for button in ("#kiosk-help", "#kiosk-start-over", "#kiosk-back"):
            assert check.query_one(button, Button).region.height > 0, button
        assert str(check.query_one("#kiosk-back", Button).label) == "Skip ▶"

        await pilot.click("#kiosk-help")  # crisis help, one tap away
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is check

        assert check.query_one(KioskKeyboard).display
        box = check.query_one("#question-slot").query_one(Input)
        await pilot.click("#osk-4")
        assert box.value == "4"

        await pilot.click("#kiosk-back")  # skip the check: on to the chosen lesson
        await pilot.pause()
        assert isinstance(app.screen, KioskLessonScreen)


async def test_a_visitor_who_walks_away_from_a_typed_check_answer_leaves_nothing_behind(
    make_pre_check_kiosk, kiosk_config, clock
):
    """What a visitor typed into a check with the on-screen keyboard is gone after the idle
    reset: the next visitor's check starts with an empty box."""
    app = make_pre_check_kiosk("first-lesson/q-short")
    async with app.run_test(size=SIZE) as pilot:
        await tap_first_lesson(pilot)
        first = app.screen
        assert isinstance(first, KioskCheckScreen)
        await pilot.click("#osk-4")
        await pilot.click("#osk-2")
        assert first.query_one("#question-slot").query_one(Input).value == "42"
        clock.advance(kiosk_config.idle_seconds + 1)
        await app.idle_tick()
        await pilot.pause()
        assert isinstance(app.screen, StillThereScreen)
        clock.advance(kiosk_config.countdown_seconds + 1)
        await app.idle_tick()
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await tap_first_lesson(pilot)
        second = app.screen
        assert isinstance(second, KioskCheckScreen) and second is not first
        assert second.query_one("#question-slot").query_one(Input).value == ""


async def test_the_kiosk_post_check_has_the_bar_and_its_back_returns_to_the_lessons(
    make_pre_check_kiosk,
):
    """After the module's last lesson, the post-check: the kiosk bar, and Back ("Lessons")
    goes back to the module's list of lessons."""
    from ketatui.learning.gain import CheckProgress
    from ketatui.learning.lesson import LessonProgress

    app = make_pre_check_kiosk("first-lesson/q-single", "first-lesson/q-true-false")
    async with app.run_test(size=SIZE) as pilot:
        # This visitor took the pre-check and passed the module's one patient lesson.
        entry = app.catalog.entry("first-lesson")
        module = app.catalog.module_of("first-lesson")
        pre = CheckProgress(app.session, module, "pre")
        taken = pre.start()
        for key in taken.question_ids:
            taken = pre.record_answer(taken, key, None, True)
        pre.finish(taken)
        lesson = LessonProgress(entry, app.session)
        attempt = lesson.start_attempt()
        for qid in attempt.question_ids:
            attempt = lesson.record_answer(attempt, qid, None, True)
        assert lesson.finish(attempt).passed

        await open_first_lesson(pilot)
        await pilot.click("#kiosk-back")  # the lesson closes: the post-check is due
        await pilot.pause()
        check = app.screen
        assert isinstance(check, KioskCheckScreen) and check.phase == "post"
        for button in ("#kiosk-help", "#kiosk-start-over", "#kiosk-back"):
            assert check.query_one(button, Button).region.height > 0, button
        assert str(check.query_one("#kiosk-back", Button).label) == "◀ Lessons"
        await pilot.click("#kiosk-back")
        await pilot.pause()
        assert isinstance(app.screen, TopicLessonsScreen)


async def test_after_a_reset_during_the_pre_check_the_next_visitor_can_open_lessons(
    make_pre_check_kiosk,
):
    """A visitor walks away from the pre-check: the reset closes it without its callback,
    and the next visitor's lesson must still open (it once stayed shut for good)."""
    from ketatui.ui.screens.review import CheckScreen

    app = make_pre_check_kiosk("first-lesson/q-single")
    async with app.run_test(size=SIZE) as pilot:
        await tap_first_lesson(pilot)
        first_check = app.screen
        assert isinstance(first_check, CheckScreen)
        await app.reset_visit()
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await tap_first_lesson(pilot)
        # A new visitor: asked the pre-check in turn (before, nothing opened at all).
        assert isinstance(app.screen, CheckScreen) and app.screen is not first_check

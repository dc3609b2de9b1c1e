"""Snapshots of the kiosk at 80x24 (nothing important clipped) and 120x40.

Fixed fixture course and a fake clock, so the pictures only change when the kiosk does.
Update with `pytest tests/kiosk/test_kiosk_snapshots.py --snapshot-update` and look at them.
"""

from __future__ import annotations

import pytest

from ketatui.quiz.grading import answer_to_json

from .helpers import pin_checks_done

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


async def _welcome(pilot) -> None:
    pass


async def _to_topics(pilot) -> None:
    await pilot.click("#kiosk-start")


async def _to_lesson(pilot) -> None:
    await pilot.click("#kiosk-start")
    await pilot.click("#topic-0")
    await pilot.click("#lesson-0")
    await pilot.pause()


async def _to_quiz(pilot) -> None:
    # A choice question with the kiosk's touch spacing around each answer.
    await _to_lesson(pilot)
    pilot.app.screen.action_start_quiz()
    await pilot.pause()


async def _to_short_answer(pilot) -> None:
    # The on-screen keyboard, with one letter typed by tapping it.
    await _to_quiz(pilot)
    quiz = pilot.app.screen
    await quiz.show_question(quiz.attempt.question_ids.index("q-short"))
    await pilot.pause()
    await pilot.click("#osk-4")
    # The key's 0.2 s "pressed" flash would make the picture depend on timing.
    quiz.query_one("#osk-4").remove_class("-active")
    await pilot.pause()


async def _to_countdown(pilot) -> None:
    await pilot.click("#kiosk-start")
    pilot.app.clock.advance(93)
    await pilot.app.idle_tick()
    await pilot.pause()


async def _to_pin_wait(pilot) -> None:
    await pilot.press("ctrl+e")
    for pin in ("111111", "222222", "333333"):
        await pilot.press(*pin, "enter")
    await pin_checks_done(pilot)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    "run_before",
    [
        pytest.param(_welcome, id="welcome"),
        pytest.param(_to_topics, id="topics"),
        pytest.param(_to_lesson, id="lesson"),
        pytest.param(_to_quiz, id="quiz"),
        pytest.param(_to_short_answer, id="short-answer"),
        pytest.param(_to_countdown, id="countdown"),
        pytest.param(_to_pin_wait, id="pin-wait"),
    ],
)
def test_kiosk_screens(snap_compare, make_kiosk, size, run_before):
    async def then_unlock(pilot) -> None:
        await run_before(pilot)
        # The snapshot plugin ends the app with exit(), which the locked kiosk ignores.
        pilot.app.unlock()

    assert snap_compare(make_kiosk(), terminal_size=size, run_before=then_unlock)


async def _to_results(pilot) -> None:
    # A first try with one answer right: the calm words, and every button in view.
    await _to_quiz(pilot)
    quiz = pilot.app.screen
    blue = answer_to_json(quiz.entry.lesson.question("q-single"), 1)  # Blue, as written
    quiz.attempt = quiz.progress.record_answer(quiz.attempt, "q-single", blue, True)
    quiz.dismiss(quiz.progress.finish(quiz.attempt))
    await pilot.pause()


@pytest.mark.parametrize(
    "size",
    [pytest.param((60, 20), id="60x20"), *SIZES],
)
def test_kiosk_results(snap_compare, make_kiosk, size):
    async def then_unlock(pilot) -> None:
        await _to_results(pilot)
        pilot.app.unlock()

    assert snap_compare(make_kiosk(), terminal_size=size, run_before=then_unlock)


@pytest.mark.parametrize("size", SIZES)
def test_kiosk_pre_check(snap_compare, make_pre_check_kiosk, size):
    # A module's pre-check, reached by tapping a lesson: the kiosk bar (Skip, Start over,
    # Help now) and the on-screen keyboard under a short-answer question.
    app = make_pre_check_kiosk("first-lesson/q-short")

    async def then_unlock(pilot) -> None:
        await _to_lesson(pilot)
        pilot.app.unlock()

    assert snap_compare(app, terminal_size=size, run_before=then_unlock)

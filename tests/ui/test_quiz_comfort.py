"""Quiz comfort at 80x24: Submit has a key of its own, the prompt stays in view after
Submit and PageUp/PageDown page the feedback, and each thing is said once."""

from __future__ import annotations

from textual.widgets import Button, SelectionList, Static

from ketatui.content.catalog import Catalog
from ketatui.content.model import Choice, MultipleQuestion, SingleQuestion
from ketatui.quiz.kinds import kind_of
from ketatui.ui.screens.quiz import QuizScreen
from ketatui.ui.widgets.questions import says_how, without_verdict

from .lesson_harness import LessonHarness, answer_single, next_question

SIZE = (80, 24)


async def to_multiple(pilot) -> QuizScreen:
    await pilot.pause()
    await answer_single(pilot, 1)
    await next_question(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, QuizScreen) and screen.view.query(SelectionList)
    return screen


async def test_s_does_not_submit_a_half_ticked_answer(ui_catalog: Catalog) -> None:
    app = LessonHarness(ui_catalog, start_quiz=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await to_multiple(pilot)
        await pilot.press("space")  # tick Apple, meaning to look at the sources next
        await pilot.press("s")
        await pilot.pause()
        assert not screen.answered and screen.query_one("#submit", Button).display
        await pilot.press("space", "down", "down", "space", "ctrl+s")  # Apple and Pear
        await pilot.pause()
        assert screen.answered


async def test_the_prompt_stays_in_view_after_submit_at_60x20_and_pageup_pages_back(
    ui_catalog: Catalog,
) -> None:
    app = LessonHarness(ui_catalog, start_quiz=True)
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await to_multiple(pilot)
        # Apple and Carrot (as written; they are listed shuffled): wrong.
        selection = screen.view.query_one(SelectionList)
        for row, index in enumerate(screen.view.order):
            selection.highlighted = row
            if index in (0, 1):
                await pilot.press("space")
        await pilot.press("ctrl+s")
        await pilot.pause()
        prompt = screen.query_one("#question-prompt", Static)
        assert screen.get_widget_at(prompt.region.x, prompt.region.y)[0] is prompt
        assert str(prompt.visual) == "Which of these are fruits?"
        # The how-to line is gone once answered; Next has the focus.
        assert not screen.query_one("#question-how").display
        assert screen.focused is screen.query_one("#next")
        scroll = screen.query_one("#quiz-scroll")
        assert scroll.max_scroll_y > 0  # the feedback is longer than the room for it
        await pilot.press("pageup")
        await pilot.pause()
        assert scroll.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert scroll.scroll_y > 0
        assert screen.focused is screen.query_one("#next")


def _choices(*texts: str) -> tuple[Choice, ...]:
    return tuple(Choice(text=t, correct=True) for t in texts)


def test_things_are_said_once() -> None:
    multiple = MultipleQuestion(
        id="m",
        prompt="Which are true? Pick all that apply.",
        explanation="x",
        choices=_choices("It is common.", "It can be treated."),
    )
    # The prompt says how to answer: no second how-to line.
    assert says_how(multiple)
    single = SingleQuestion(id="s", prompt="Which one?", explanation="x", choices=_choices("A"))
    assert not says_how(single)
    # "Your answer" without ".;" run-ons.
    answer = kind_of(multiple).describe(multiple, frozenset({0, 1}))
    assert answer == "It is common; It can be treated"
    # "✓ Right." is not followed by "That's right."; a sentence that starts with
    # "Correct" as a word is left whole.
    assert without_verdict("That's right. It stays at the clinic.", True) == (
        "It stays at the clinic."
    )
    assert without_verdict("Correct.", True) == ""
    assert without_verdict("Correct dosing matters.", True) == "Correct dosing matters."
    assert without_verdict("Incorrect. It is two hours.", False) == "It is two hours."

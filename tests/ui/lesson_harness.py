"""A tiny App that opens one lesson, so lesson/quiz/results tests don't need the full app."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.app import App
from textual.widgets import Input, OptionList, SelectionList, Static

from ketatui.content.catalog import Catalog
from ketatui.learning.session import LearnerSession
from ketatui.progress.store import ProgressStore
from ketatui.ui.messages import OpenLesson
from ketatui.ui.screens.lesson import LessonScreen
from ketatui.ui.widgets.meter import Meter
from ketatui.ui.widgets.questions import MarkedChoiceList, OrderView

LESSON_ID = "first-lesson"
#: The fixed course of the UI tests (one lesson with every question type).
UI_COURSE = Path(__file__).resolve().parent.parent / "data" / "ui_course"


def ui_course_with(tmp_path: Path, *replacements: tuple[str, str]) -> Path:
    """A copy of the UI course whose first lesson has each (old, new) text replaced."""
    course = tmp_path / "course"
    shutil.copytree(UI_COURSE, course)
    lesson = course / "01-basics" / "01-first.yaml"
    text = lesson.read_text(encoding="utf-8")
    for old, new in replacements:
        text = text.replace(old, new)
    lesson.write_text(text, encoding="utf-8")
    return course


def letters(text: str) -> str:
    """Letters and digits only: wrapped lines have borders and spaces between them."""
    return "".join(ch for ch in text if ch.isalnum())


class LessonHarness(App[None]):
    """Pushes LessonScreen for one lesson over a plain "lesson list" screen.

    With `data_dir`, progress is saved in a real store under a profile named "Tester"
    (reused by a later harness on the same folder); without it nothing is saved.
    """

    def __init__(
        self,
        catalog: Catalog,
        *,
        data_dir: Path | None = None,
        lesson_id: str = LESSON_ID,
        start_page: int | None = None,
        start_quiz: bool = False,
        seeds=lambda: 7,
    ) -> None:
        super().__init__()
        self.catalog = catalog
        self.store = ProgressStore.open(data_dir) if data_dir is not None else None
        profile_id = None
        if self.store is not None:
            profiles = self.store.list_profiles()
            profile = profiles[0] if profiles else self.store.create_profile("Tester")
            profile_id = profile.id
        # A fixed seed by default: choices are shuffled per attempt, and snapshots must
        # not change from run to run.
        self.session = LearnerSession(
            catalog, self.store, profile_id=profile_id, profile_name="Tester", seeds=seeds
        )
        self.lesson_id = lesson_id
        self.start_page = start_page
        self.start_quiz = start_quiz
        #: Lessons asked for through `open_lesson` (what "Next lesson" calls).
        self.opened: list[str] = []

    def compose(self):
        yield Static("Lesson list", id="lesson-list")

    def on_mount(self) -> None:
        entry = self.catalog.entry(self.lesson_id)
        assert entry is not None
        self.push_screen(
            LessonScreen(
                entry, self.session, start_page=self.start_page, start_quiz=self.start_quiz
            )
        )

    def on_open_lesson(self, message: OpenLesson) -> None:
        """What the real app does for "Next lesson": open that lesson."""
        lesson_id = message.lesson_id
        self.opened.append(lesson_id)
        entry = self.catalog.entry(lesson_id)
        if entry is not None:
            self.push_screen(LessonScreen(entry, self.session))

    def on_unmount(self) -> None:
        if self.store is not None:
            self.store.close()


# ---------------------------------------------------------------------------- helpers


def text_of(widget: Static) -> str:
    """The plain text a Static shows."""
    return str(widget.visual)


def screen_text(screen, selector: str) -> str:
    return text_of(screen.query_one(selector, Static))


def page_label(app) -> str:
    """The "Page 2 of 5" before the lesson's progress bar."""
    return app.screen.query_one("#page-progress", Meter).label


def question_label(app) -> str:
    """The "Question 2 of 5" before the quiz's progress bar."""
    return app.screen.query_one("#quiz-progress", Meter).label


def notifications(app) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


def shown_at(view, index: int) -> int:
    """Where choice `index` (as written) is shown: choices are shuffled per attempt."""
    return view.order.index(index) if view.order else index


async def answer_single(pilot, index: int) -> None:
    """Pick a choice (`index` as written) of a single / true-false question with the
    keyboard, then submit."""
    view = pilot.app.screen.view
    choices = view.query_one(MarkedChoiceList)
    assert choices.has_focus
    for _ in range(shown_at(view, index)):
        await pilot.press("down")
    await pilot.press("enter")  # picks the highlighted choice
    await pilot.press("ctrl+s")  # submits
    await pilot.pause()


async def answer_multiple(pilot, indices: list[int]) -> None:
    """Tick the choices `indices` (as written), then submit."""
    view = pilot.app.screen.view
    selection = view.query_one(SelectionList)
    assert selection.has_focus
    for i in range(len(selection.options)):
        selection.highlighted = i
        if view.order[i] in indices:
            await pilot.press("space")
    await pilot.click("#submit")
    await pilot.pause()


async def order_by_keys(pilot) -> None:
    """Sort the order question with the keys only (highlight with arrows, move with u)."""
    view = pilot.app.screen.view
    assert isinstance(view, OrderView)
    options = view.query_one(OptionList)
    assert options.has_focus
    for target in range(len(view.order)):
        position = view.order.index(target)
        options.highlighted = 0
        for _ in range(position):
            await pilot.press("down")
        for _ in range(position - target):
            await pilot.press("u")
    assert view.order == sorted(view.order)


async def answer_short(pilot, text: str) -> None:
    field = pilot.app.screen.view.query_one(Input)
    assert field.has_focus
    await pilot.press(*text, "enter")
    await pilot.pause()


async def click_button(pilot, selector: str) -> None:
    """Click a button and wait out its press animation (Textual ignores clicks during it)."""
    await pilot.click(selector)
    await pilot.pause(0.25)


async def next_question(pilot) -> None:
    await pilot.press("enter")  # focus is on "Next question"
    await pilot.pause()


async def answer_in_turn(pilot, index: int) -> None:
    """Answer question `index` (0-3) of the UI lesson: single, multiple, true/false, order
    (an order is an answer as it stands)."""
    if index in (0, 2):
        await answer_single(pilot, 0)
    elif index == 1:
        await answer_multiple(pilot, [0])
    else:
        await pilot.press("ctrl+s")
        await pilot.pause()

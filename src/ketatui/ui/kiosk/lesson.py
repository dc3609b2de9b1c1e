"""The learner app's lesson, quiz and results screens, as the kiosk shows them.

The same screens, customised through their declared extension points: the kiosk bar
(`compose_host_bar`), the on-screen keyboard under the quiz (`compose_answer_aid`), and the
kiosk's own quiz and results screens (`quiz_screen`, `results_screen`). Progress lives in
memory only (the session has no store), so a reset that closes the screen forgets it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual.app import ComposeResult
from textual.screen import Screen

from ketatui.content.catalog import LessonEntry
from ketatui.learning.lesson import QuizResult
from ketatui.learning.session import LearnerSession
from ketatui.progress.model import Attempt
from ketatui.ui.kiosk.widgets import KioskBar
from ketatui.ui.screens.lesson import LessonScreen
from ketatui.ui.screens.page_again import PageAgainScreen
from ketatui.ui.screens.quiz import QuizScreen
from ketatui.ui.screens.results import ResultsScreen

if TYPE_CHECKING:
    from ketatui.ui.kiosk.app import KioskApp


def _kiosk_bar(screen: Screen[Any]) -> KioskBar:
    return KioskBar(cast("KioskApp", screen.app).site_name, back_label="◀ Lessons")


class KioskLessonScreen(LessonScreen):
    """A lesson in the kiosk: the kiosk bar on top; its quiz and results have it too."""

    def __init__(self, entry: LessonEntry, session: LearnerSession) -> None:
        super().__init__(entry, session)
        self.add_class("-kiosk")

    def compose_host_bar(self) -> ComposeResult:
        yield _kiosk_bar(self)

    def quiz_screen(self, attempt: Attempt) -> Screen[QuizResult | None]:
        return KioskQuizScreen(self.entry, self.progress, attempt)

    def results_screen(self, result: QuizResult, next_entry: LessonEntry | None) -> Screen[str]:
        return KioskResultsScreen(self.entry, result, next_entry=next_entry)


class KioskQuizScreen(QuizScreen):
    """The quiz with the kiosk bar, and an on-screen keyboard: a touch-only visitor has no
    other way to type a short answer."""

    def compose_answer_aid(self) -> ComposeResult:
        from ketatui.ui.kiosk.keyboard import KioskKeyboard

        yield KioskKeyboard()

    def compose_host_bar(self) -> ComposeResult:
        yield _kiosk_bar(self)

    def page_again_screen(self, page: int) -> PageAgainScreen:
        return KioskPageAgainScreen(self.entry, page, "the quiz")


class KioskResultsScreen(ResultsScreen):
    """Quiz results with the kiosk bar, so help is one tap away there too."""

    def compose_host_bar(self) -> ComposeResult:
        yield _kiosk_bar(self)

    def page_again_screen(self, page: int) -> PageAgainScreen:
        return KioskPageAgainScreen(self.entry, page, "the results")


class KioskPageAgainScreen(PageAgainScreen):
    """A page read again from the quiz or results, with the kiosk bar."""

    def compose_host_bar(self) -> ComposeResult:
        yield _kiosk_bar(self)

"""The learner app's lesson, quiz and results screens, as the kiosk shows them.

The same screens, customised through their declared extension points: the kiosk bar
(`compose_host_bar`), the on-screen keyboard under the quiz (`compose_answer_aid`), and the
kiosk's own quiz and results screens (`quiz_screen`, `results_screen`). Progress lives in
memory only (the session has no store), so a reset that closes the screen forgets it.
"""

from __future__ import annotations

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


def _kiosk_bar(site_name: str) -> KioskBar:
    return KioskBar(site_name, back_label="◀ Lessons")


class KioskLessonScreen(LessonScreen):
    """A lesson in the kiosk: the kiosk bar on top; its quiz and results have it too."""

    def __init__(self, entry: LessonEntry, session: LearnerSession, site_name: str) -> None:
        super().__init__(entry, session)
        self.site_name = site_name
        self.add_class("-kiosk")

    def compose_host_bar(self) -> ComposeResult:
        yield _kiosk_bar(self.site_name)

    def quiz_screen(self, attempt: Attempt) -> Screen[QuizResult | None]:
        screen = KioskQuizScreen(self.entry, self.progress, attempt)
        screen.site_name = self.site_name
        return screen

    def results_screen(self, result: QuizResult, next_entry: LessonEntry | None) -> Screen[str]:
        screen = KioskResultsScreen(self.entry, result, next_entry=next_entry)
        screen.site_name = self.site_name
        return screen


class KioskQuizScreen(QuizScreen):
    """The quiz with the kiosk bar, and an on-screen keyboard: a touch-only visitor has no
    other way to type a short answer."""

    def compose_answer_aid(self) -> ComposeResult:
        from ketatui.ui.kiosk.keyboard import KioskKeyboard

        yield KioskKeyboard()

    site_name = ""

    def compose_host_bar(self) -> ComposeResult:
        yield _kiosk_bar(self.site_name)

    def page_again_screen(self, page: int) -> PageAgainScreen:
        screen = KioskPageAgainScreen(self.entry, page, "the quiz")
        screen.site_name = self.site_name
        return screen


class KioskResultsScreen(ResultsScreen):
    """Quiz results with the kiosk bar, so help is one tap away there too."""

    site_name = ""

    def compose_host_bar(self) -> ComposeResult:
        yield _kiosk_bar(self.site_name)

    def page_again_screen(self, page: int) -> PageAgainScreen:
        screen = KioskPageAgainScreen(self.entry, page, "the results")
        screen.site_name = self.site_name
        return screen


class KioskPageAgainScreen(PageAgainScreen):
    """A page read again from the quiz or results, with the kiosk bar."""

    site_name = ""

    def compose_host_bar(self) -> ComposeResult:
        # Its Back returns to the quiz or results, so it says so (not "Lessons").
        yield KioskBar(self.site_name, back_label=f"◀ Back to {self.back_to}")

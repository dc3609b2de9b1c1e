"""The learner app's lesson, quiz and results screens, as the kiosk shows them.

The same screens, customised through their declared extension points: the kiosk bar
(`compose_host_bar`), the on-screen keyboard under the quiz (`compose_answer_aid`), and the
kiosk's own quiz and results screens (`quiz_screen`, `results_screen`); a module's check is
the kiosk's quiz too (`KioskApp.check_screen`). Progress lives in memory only (the session
has no store), so a reset that closes the screen forgets it.
"""

from __future__ import annotations

from typing import TypeVar

from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen

from ketatui.content.catalog import LessonEntry
from ketatui.i18n import _, ngettext
from ketatui.learning.lesson import QuizResult
from ketatui.learning.session import LearnerSession
from ketatui.progress.model import Attempt, GainPhase
from ketatui.ui.kiosk.widgets import KioskBar
from ketatui.ui.screens.lesson import LessonScreen
from ketatui.ui.screens.page_again import PageAgainScreen
from ketatui.ui.screens.quiz import QuizScreen
from ketatui.ui.screens.results import ResultsScreen
from ketatui.ui.screens.review import CheckScreen, MixedProgress

S = TypeVar("S", bound="_KioskBarred")


class _KioskBarred:
    """The kiosk bar on a learner screen; the kiosk's screens open others with the same."""

    #: The site name the bar shows (set by the screen that opens this one).
    site_name: str = ""

    def compose_host_bar(self) -> ComposeResult:
        yield KioskBar(self.site_name, back_label=self.back_label(), read_aloud=True)

    def back_label(self) -> str:
        """Where the bar's Back goes."""
        return _("◀ Lessons")

    def _in_kiosk(self, screen: S) -> S:
        screen.site_name = self.site_name
        return screen


class KioskLessonScreen(_KioskBarred, LessonScreen):
    """A lesson in the kiosk: the kiosk bar on top; its quiz and results have it too."""

    def __init__(self, entry: LessonEntry, session: LearnerSession, site_name: str) -> None:
        super().__init__(entry, session)
        self.site_name = site_name
        self.add_class("-kiosk")

    def quiz_screen(self, attempt: Attempt) -> Screen[QuizResult | None]:
        return self._in_kiosk(KioskQuizScreen(self.entry, self.progress, attempt))

    def results_screen(self, result: QuizResult, next_entry: LessonEntry | None) -> Screen[str]:
        return self._in_kiosk(KioskResultsScreen(self.entry, result, next_entry=next_entry))


class KioskQuizScreen(_KioskBarred, QuizScreen):
    """The quiz with the kiosk bar, and an on-screen keyboard: a touch-only visitor has no
    other way to type a short answer."""

    def compose_answer_aid(self) -> ComposeResult:
        from ketatui.ui.kiosk.keyboard import KioskKeyboard

        yield KioskKeyboard()

    def page_again_screen(self, page: int) -> PageAgainScreen:
        # The question's own lesson: a check's questions come from several.
        return self._in_kiosk(KioskPageAgainScreen(self.entry_of(self.index), page, "the quiz"))


class KioskCheckScreen(KioskQuizScreen, CheckScreen):
    """A module's pre- or post-check in the kiosk: the kiosk bar (Help now, Start over) and
    the on-screen keyboard, as on every other question a visitor answers by touch.

    Styled as the kiosk quiz: Textual takes CSS type names from the first base class only
    (`KioskQuizScreen`, `QuizScreen`), so a `CheckScreen` or `ReviewScreen` selector would
    not reach this screen.
    """

    def __init__(
        self,
        progress: MixedProgress,
        attempt: Attempt,
        module_title: str,
        phase: GainPhase,
        site_name: str,
    ) -> None:
        super().__init__(progress, attempt, module_title, phase)
        self.site_name = site_name

    def back_label(self) -> str:
        # Leaving a pre-check opens the lesson the visitor chose; a post-check, the list.
        return _("Skip ▶") if self.phase == "pre" else super().back_label()


class KioskResultsScreen(_KioskBarred, ResultsScreen):
    """Quiz results with the kiosk bar, so help is one tap away there too.

    A patient is not sitting a test: no pass mark, no "not passed", no percentage; a
    calm word about what went well and where to look again.
    """

    def score_line(self) -> str:
        score = self.result.score
        return ngettext(
            "You answered {right} of {total} question right.",
            "You answered {right} of {total} questions right.",
            score.total,
        ).format(right=score.correct, total=score.total)

    def verdict(self) -> Content:
        if not self.result.score.missed:
            return Content(_("Well done: every answer was right."))
        return Content(
            _(
                "Thank you for trying these. The ones to look at again are below: you can try "
                "them again, or go on whenever you like."
            )
        )

    def page_again_screen(self, page: int) -> PageAgainScreen:
        return self._in_kiosk(KioskPageAgainScreen(self.entry, page, "the results"))


class KioskPageAgainScreen(_KioskBarred, PageAgainScreen):
    """A page read again from the quiz or results, with the kiosk bar."""

    def back_label(self) -> str:
        # Its Back returns to the quiz or results, so it says so (not "Lessons").
        from ketatui.ui.screens.page_again import BACK_LABELS

        return _(BACK_LABELS.get(self.back_to, "◀ Back"))

"""The learner app's lesson screen, as the kiosk shows it.

Same pages and quiz, plus the kiosk bar, and answers counted in the anonymous statistics
when the site keeps them. Progress lives in memory only (the session has no store), so a
reset that closes the screen forgets it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult

from ketatui.content.catalog import LessonEntry
from ketatui.content.model import Question
from ketatui.quiz.kinds import kind_of
from ketatui.ui.kiosk.widgets import KioskBar
from ketatui.ui.screens.base import CSSPath
from ketatui.ui.screens.lesson import LessonScreen
from ketatui.ui.screens.lesson_progress import AttemptState, LessonProgress
from ketatui.ui.session import LearnerSession

if TYPE_CHECKING:
    from ketatui.ui.kiosk.app import KioskApp

#: Called with (lesson id, question id, correct, picked choice indices or None).
AnswerHook = Callable[[str, str, bool, "tuple[int, ...] | None"], None]


def choice_indices(question: Question | None, answer: object) -> tuple[int, ...] | None:
    """The picked choices of an answer (JSON form) to a choice question, else None.

    Never returns typed text: short answers, true/false and order answers give None.
    """
    if question is None:
        return None
    kind = kind_of(question)
    value = kind.decode(question, answer)
    picked = kind.picked(question, value) if value is not None else ()
    return picked or None


class KioskLessonProgress(LessonProgress):
    """Lesson progress that also reports each answer to the kiosk's statistics hook."""

    def __init__(
        self,
        entry: LessonEntry,
        session: LearnerSession,
        on_error: Callable[[str], None] | None = None,
        *,
        on_answer: AnswerHook | None = None,
    ) -> None:
        super().__init__(entry, session, on_error)
        self._on_answer = on_answer

    def record_answer(
        self, attempt: AttemptState, question_id: str, answer: object, correct: bool
    ) -> None:
        super().record_answer(attempt, question_id, answer, correct)
        if self._on_answer is not None:
            question = self.entry.lesson.question(question_id)
            self._on_answer(self.lesson_id, question_id, correct, choice_indices(question, answer))


def _css_beside(cls: type, css_path: CSSPath | None) -> list[str | PurePath]:
    # Textual reads a relative CSS_PATH next to the file of the class *using* it, so a
    # subclass in another folder must name its parent's stylesheets absolutely.
    folder = Path(inspect.getfile(cls)).parent
    paths = list(css_path) if isinstance(css_path, list) else [css_path] if css_path else []
    return [p if Path(p).is_absolute() else folder / p for p in paths]


class KioskLessonScreen(LessonScreen):
    """A lesson in the kiosk: the kiosk bar on top, answers counted for statistics."""

    CSS_PATH: ClassVar[CSSPath | None] = _css_beside(LessonScreen, LessonScreen.CSS_PATH)

    def __init__(
        self, entry: LessonEntry, session: LearnerSession, on_answer: AnswerHook | None = None
    ) -> None:
        super().__init__(entry, session)
        self.progress = KioskLessonProgress(entry, session, self._store_error, on_answer=on_answer)
        self.add_class("-kiosk")

    def compose(self) -> ComposeResult:
        kiosk = cast("KioskApp", self.app)
        yield KioskBar(kiosk.site_name, back_label="◀ Lessons")
        yield from super().compose()

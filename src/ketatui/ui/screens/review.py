"""Quizzes whose questions come from several lessons: a review session, a module's check.

The quiz screen, through its extension points: where each question comes from (its
lesson, for "Read page N again"), its id within that lesson, and the title. Asking,
feedback, hints and saving are the quiz's own.
"""

from __future__ import annotations

from typing import ClassVar, Protocol

from textual.widgets import Static

from ketatui.content.catalog import LessonEntry
from ketatui.i18n import _, ngettext
from ketatui.learning.lesson import QuizProgress
from ketatui.progress.model import Attempt, GainPhase, split_review_key
from ketatui.ui.screens.quiz import QuizScreen


class MixedProgress(QuizProgress, Protocol):
    """A quiz over questions of several lessons ("lesson:question" keys)."""

    def entry_of(self, key: str) -> LessonEntry | None:
        """The lesson a question comes from."""
        ...


class ReviewScreen(QuizScreen):
    """Ask a review session's questions; dismisses with its result (None: left)."""

    def __init__(self, progress: MixedProgress, attempt: Attempt) -> None:
        first = progress.entry_of(attempt.question_ids[0])
        assert first is not None  # the progress keeps only questions it can load
        super().__init__(first, progress, attempt)
        self.mixed = progress

    def entry_of(self, index: int) -> LessonEntry:
        """The lesson the question at `index` comes from."""
        entry = self.mixed.entry_of(self.attempt.question_ids[index])
        assert entry is not None  # the progress keeps only questions it can load
        return entry

    def question_id_at(self, index: int) -> str:
        """The question's id within its lesson ("lesson:question" -> "question")."""
        return split_review_key(self.attempt.question_ids[index])[1]

    def quiz_title(self) -> str:
        """ "Review — Lesson title", naming the lesson each question comes from."""
        return _("Review — {title}").format(title=self.entry_of(self.index).lesson.title)

    async def show_question(self, index: int) -> None:
        """Show question `index`, with its own title above it."""
        await super().show_question(index)
        self.query_one("#quiz-title", Static).update(self.quiz_title())


class CheckScreen(ReviewScreen):
    """A module's pre-check (before its first lesson) or post-check (after its last)."""

    #: Asked before the pages were read: no "Read page N again".
    TEACH_BACK: ClassVar[bool] = False

    def __init__(
        self, progress: MixedProgress, attempt: Attempt, module_title: str, phase: GainPhase
    ) -> None:
        self.module_title = module_title
        self.phase: GainPhase = phase
        super().__init__(progress, attempt)

    def quiz_title(self) -> str:
        """What the check is for, and which module."""
        if self.phase == "pre":
            text = _("Before you start: what do you know already? — {module}")
        else:
            text = _("You finished the module: check what you learned — {module}")
        return text.format(module=self.module_title)


def review_done(correct: int, total: int) -> str:
    """What the catalog says after a session, e.g. "Review done: 7 of 10 right."."""
    return ngettext(
        "Review done: {correct} of {total} question right.",
        "Review done: {correct} of {total} questions right.",
        total,
    ).format(correct=correct, total=total)


def check_done(phase: GainPhase, correct: int, total: int) -> str:
    """What the learner is told after a check."""
    if phase == "pre":
        text = _("Thank you: {correct} of {total} right before the module. Now the lessons.")
    else:
        text = _("{correct} of {total} right after the module.")
    return text.format(correct=correct, total=total)

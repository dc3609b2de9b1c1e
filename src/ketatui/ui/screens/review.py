"""The review session: the quiz screen, asking due questions from several lessons.

Only what differs from a lesson's quiz is here, through the quiz screen's extension
points: where each question comes from (its lesson, for "Read page N again"), its id
within that lesson, and the title. Asking, feedback, hints and saving are the quiz's.
"""

from __future__ import annotations

from textual.widgets import Static

from ketatui.content.catalog import LessonEntry
from ketatui.i18n import _, ngettext
from ketatui.learning.review import ReviewProgress
from ketatui.progress.model import Attempt, split_review_key
from ketatui.ui.screens.quiz import QuizScreen


class ReviewScreen(QuizScreen):
    """Ask a review session's questions; dismisses with its result (None: left)."""

    def __init__(self, progress: ReviewProgress, attempt: Attempt) -> None:
        first = progress.entry_of(attempt.question_ids[0])
        assert first is not None  # ReviewProgress.start keeps only questions it can load
        super().__init__(first, progress, attempt)
        self.review = progress

    def entry_of(self, index: int) -> LessonEntry:
        """The lesson the question at `index` comes from."""
        entry = self.review.entry_of(self.attempt.question_ids[index])
        assert entry is not None  # ReviewProgress.start keeps only questions it can load
        return entry

    def question_id_at(self, index: int) -> str:
        """The question's id within its lesson ("lesson:question" -> "question")."""
        return split_review_key(self.attempt.question_ids[index])[1]

    def quiz_title(self) -> str:
        """ "Review — Lesson title", naming the lesson each question comes from."""
        return _("Review — {title}").format(title=self.entry_of(self.index).lesson.title)

    async def show_question(self, index: int) -> None:
        """Show question `index`, with its own lesson's title above it."""
        await super().show_question(index)
        self.query_one("#quiz-title", Static).update(self.quiz_title())


def review_done(correct: int, total: int) -> str:
    """What the catalog says after a session, e.g. "Review done: 7 of 10 right."."""
    return ngettext(
        "Review done: {correct} of {total} question right.",
        "Review done: {correct} of {total} questions right.",
        total,
    ).format(correct=correct, total=total)

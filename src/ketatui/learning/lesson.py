"""`LessonProgress`: where a learner is in one lesson, and their quiz attempts.

The lesson, quiz and results screens talk to this class, never to a store. It works on
the session's progress backend (SQLite or memory) through `LearnerSession.call`, so saving
or not, the code path is the same.

Attempts: the first is "full"; "Retry the ones I missed" starts a "retry-missed" attempt
with only the missed question ids, "Retry all" a "retry-all" one with every question. Each
attempt keeps a seed (the order of its questions and of each question's choices, the same
on resume and review) and the lesson version it showed. Its score is over its own questions;
the lesson's status follows `grading.lesson_passed` (docs/authoring.md, "Scores and
lesson status").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import msgspec

from ketatui.content.catalog import LessonEntry
from ketatui.content.model import Crisis, Lesson, Question, Quiz
from ketatui.i18n import N_, _
from ketatui.learning.session import LearnerSession
from ketatui.progress.model import AnswerRecord, Attempt, AttemptKind
from ketatui.quiz.grading import (
    Score,
    lesson_grades,
    lesson_passed,
    question_seed,
    questions_to_retry,
    score_attempt,
    score_subset,
    shown_order,
    shuffled_question_order,
)

#: What a lesson says on its first page while no clinician has approved it.
REVIEW_NOTES = {
    "draft": N_("Draft — not yet reviewed by a clinician."),
    "in_review": N_("Being reviewed — not yet approved by a clinician."),
}


#: What a lesson says on its first page when it is shown in its source language because it
#: has no translation into the learner's language (a localized catalog marks it).
UNTRANSLATED_NOTE = N_("This lesson is not translated yet: it is shown in its original language.")


#: The crisis screen's title when a course gives none (the lesson model's default).
DEFAULT_CRISIS_TITLE = N_("Need help now?")


def crisis_title(crisis: Crisis) -> str:
    """The title of crisis help: the course's own, or the default in the learner's language."""
    title = crisis.title or DEFAULT_CRISIS_TITLE
    return _(title) if title == DEFAULT_CRISIS_TITLE else title


def lesson_notes(entry: LessonEntry) -> str:
    """The calm lines over a lesson's first page: not translated yet, not yet reviewed."""
    notes = [_(UNTRANSLATED_NOTE)] if entry.untranslated else []
    if note := review_note(entry.lesson):
        notes.append(note)
    return "\n".join(notes)


def review_note(lesson: Lesson) -> str:
    """The calm line a lesson shows on its first page until it is approved, else ""."""
    note = REVIEW_NOTES.get(lesson.review.status, "")
    return _(note) if note else ""


def teaching_page(lesson: Lesson, question_id: str) -> int | None:
    """The page (0-based) that teaches a question, for "Read that page again", or None."""
    question = lesson.question(question_id)
    if question is None or question.teaches is None:
        return None
    index = question.teaches - 1
    return index if 0 <= index < len(lesson.pages) else None


@dataclass(frozen=True, slots=True)
class QuizResult:
    """A finished attempt: what the results screen shows."""

    attempt: Attempt
    #: This attempt's score: over the questions it asked, and nothing else.
    score: Score
    #: The answers that count for the lesson after this attempt, over the whole quiz
    #: (what a retry of the missed ones would ask).
    lesson: Score
    #: The lesson's status after this attempt (`grading.lesson_passed`; stays passed).
    passed: bool
    #: The first full attempt's score and the best full attempt's (0..1).
    first_try: float | None
    best: float | None
    #: Whether the attempt retried only the questions missed before.
    is_retry: bool
    #: The answers that count, by question id, in the order they were given.
    answers: dict[str, AnswerRecord]


class QuizProgress(Protocol):
    """What the quiz screen asks of the questions it shows: a lesson's quiz
    (`LessonProgress`) or a review session (`learning.review.ReviewProgress`)."""

    session: LearnerSession

    def is_retry(self, attempt: Attempt) -> bool:
        """Whether `attempt` retries only the questions missed before."""
        ...

    def shown_order(self, attempt: Attempt, question: Question) -> tuple[int, ...]:
        """The order `attempt` shows the question's choices in."""
        ...

    def record_answer(
        self,
        attempt: Attempt,
        question_id: str,
        answer: object,
        correct: bool,
        *,
        hinted: bool = False,
    ) -> Attempt:
        """Save one answer; returns the attempt with it added."""
        ...

    def finish(self, attempt: Attempt) -> QuizResult:
        """Score and close the attempt."""
        ...


class LessonProgress:
    """Page and quiz progress of one learner in one lesson."""

    def __init__(self, entry: LessonEntry, session: LearnerSession) -> None:
        self.entry = entry
        self.session = session

    @property
    def lesson_id(self) -> str:
        """The lesson's id."""
        return self.entry.lesson.id

    @property
    def quiz(self) -> Quiz:
        """The lesson's quiz (an empty one when it has none)."""
        return self.entry.lesson.quiz or Quiz()

    # ------------------------------------------------------------------ pages

    def resume_point(self) -> tuple[int, bool]:
        """(page to show, whether the learner left during the quiz)."""
        pid = self.session.profile_id
        state = self.session.call("read", lambda p: p.lesson_state(pid, self.lesson_id))
        return (state.current_page, state.in_quiz) if state is not None else (0, False)

    def save_page(self, page: int) -> None:
        """Remember the page shown (leaves quiz mode)."""
        pid = self.session.profile_id
        self.session.call("page", lambda p: p.save_page(pid, self.lesson_id, page))

    # ------------------------------------------------------------------ attempts

    def is_retry(self, attempt: Attempt) -> bool:
        """Whether `attempt` retries only the questions missed before."""
        return attempt.kind == "retry-missed"

    def shown_order(self, attempt: Attempt, question: Question) -> tuple[int, ...]:
        """The order `attempt` shows the question's choices (or order items) in, as
        indices as written: the same on resume and on review."""
        return shown_order(question, question_seed(attempt.seed, question.id))

    def _finished(self, but: int | None = None) -> list[Attempt]:
        pid = self.session.profile_id
        found = self.session.call("read", lambda p: p.attempts(pid, self.lesson_id))
        return [a for a in found if a.finished and a.id != but]

    def _counted(self, attempts: list[Attempt]) -> dict[str, AnswerRecord]:
        """The answers that count for the lesson after `attempts` (the one retry rule)."""
        return lesson_grades(
            self.quiz, [(a.question_ids, {r.question_id: r for r in a.answers}) for a in attempts]
        )

    def open_attempt(self) -> Attempt | None:
        """The unfinished attempt to resume, or None."""
        pid = self.session.profile_id
        attempt = self.session.call("read", lambda p: p.open_attempt(pid, self.lesson_id))
        if attempt is None:
            return None
        # The lesson may have been edited since the attempt began: drop vanished questions.
        known = {q.id for q in self.quiz.questions}
        kept = tuple(qid for qid in attempt.question_ids if qid in known)
        return msgspec.structs.replace(attempt, question_ids=kept) if kept else None

    def start_attempt(self, *, missed_only: bool = False) -> Attempt:
        """Start a new attempt: every question, or only those missed so far."""
        seed = self.session.seeds()
        order = shuffled_question_order(self.quiz, seed)
        finished = self._finished()
        kind: AttemptKind = "retry-all" if finished else "full"
        if missed_only:
            counted = self._counted(finished)
            grades = {qid: record.correct for qid, record in counted.items()}
            missed = set(questions_to_retry(self.quiz, grades))
            if missed:  # nothing missed: every question again
                order, kind = [qid for qid in order if qid in missed], "retry-missed"
        pid = self.session.profile_id
        version = self.entry.content_hash
        return self.session.call(
            "quiz",
            lambda p: p.start_attempt(
                pid, self.lesson_id, order, kind=kind, seed=seed, content_version=version
            ),
        )

    def record_answer(
        self,
        attempt: Attempt,
        question_id: str,
        answer: object,
        correct: bool,
        *,
        hinted: bool = False,
    ) -> Attempt:
        """Save one submitted answer (JSON form); returns the attempt with it added. For a
        learner with a profile, the question's review card is scheduled by it too (a
        hint, or a retry, makes a right answer count as hard)."""
        question = self.entry.lesson.question(question_id)
        review = None
        if question is not None and self.session.reviews:
            from ketatui.learning.review import quiz_review

            retry = attempt.kind != "full"
            review = quiz_review(
                self.session, self.lesson_id, question, correct, hinted=hinted, retry=retry
            )
        # The answer and its question's new review schedule: one transaction.
        self.session.call(
            "answer",
            lambda p: p.record_answer(attempt.id, question_id, answer, correct, review=review),
            carry=attempt,
        )
        hook = self.session.on_answer
        if hook is not None:
            hook(self.lesson_id, question_id, correct, answer)
        record = AnswerRecord(question_id, answer, correct, self.session.clock())
        return msgspec.structs.replace(attempt, answers=(*attempt.answers, record))

    def last_result(self) -> QuizResult | None:
        """The result of the last finished attempt, scored against the quiz as it is now,
        saving nothing (the preview shows it again after the lesson file changed)."""
        done = self._finished()
        if not done:
            return None
        attempt = done[-1]
        known = {q.id for q in self.quiz.questions}
        kept = tuple(qid for qid in attempt.question_ids if qid in known)
        attempt = msgspec.structs.replace(attempt, question_ids=kept)
        counted = self._counted(done)
        pid = self.session.profile_id
        state = self.session.call("read", lambda p: p.lesson_state(pid, self.lesson_id))
        return QuizResult(
            attempt=attempt,
            score=score_subset(self.quiz, attempt.question_ids, attempt.grades),
            lesson=score_attempt(self.quiz, {qid: r.correct for qid, r in counted.items()}),
            passed=state is not None and state.status == "passed",
            first_try=state.first_try_score if state is not None else None,
            best=state.best_score if state is not None else None,
            is_retry=self.is_retry(attempt),
            answers=counted,
        )

    def finish(self, attempt: Attempt) -> QuizResult:
        """Score and close an attempt; saves the lesson's status, first-try and best score."""
        before = self._finished(but=attempt.id)
        counted = self._counted([*before, attempt])
        lesson = score_attempt(self.quiz, {qid: r.correct for qid, r in counted.items()})
        own = score_subset(self.quiz, attempt.question_ids, attempt.grades)
        won = lesson_passed(
            self.quiz,
            [(a.kind != "retry-missed", a.question_ids, a.grades) for a in [*before, attempt]],
        )
        state = self.session.call(
            "result",
            lambda p: p.finish_attempt(
                attempt.id,
                own.fraction,
                own.passed,
                self.entry.content_hash,
                lesson_passed=won,
                lesson_score=lesson.fraction,
            ),
            carry=attempt,
        )
        return QuizResult(
            attempt=attempt,
            score=own,
            lesson=lesson,
            passed=state.status == "passed",
            first_try=state.first_try_score,
            best=state.best_score,
            is_retry=self.is_retry(attempt),
            answers=counted,
        )

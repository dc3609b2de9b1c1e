"""Spaced review for one learner: cards from quiz answers, review sessions (the due count
is `LearnerSession.due_count`: the catalog needs it without this module).

Every answer a learner with a profile gives in a lesson's quiz updates that question's
review card (`ketatui.review.schedule`). A review session asks up to `SESSION_SIZE` due
questions from any lessons, shuffled by a seed kept with the session (as a quiz's
attempt is); each answer is saved as it is given, with the card's new schedule, so a
session left or cut short resumes where it was and loses nothing.
"""

from __future__ import annotations

import random

import msgspec

from ketatui.content.catalog import LessonEntry, LessonUnavailableError
from ketatui.content.model import Question
from ketatui.learning.lesson import QuizResult
from ketatui.learning.session import LearnerSession
from ketatui.progress.model import (
    AnswerRecord,
    Attempt,
    ReviewCard,
    ReviewEntry,
    ReviewSource,
    review_key,
    split_review_key,
)
from ketatui.quiz.grading import Score, question_seed, shown_order
from ketatui.review.rating import SESSION_SIZE, Grade, rating_for


def review_update(
    session: LearnerSession,
    lesson_id: str,
    question: Question,
    grade: Grade,
    *,
    source: ReviewSource,
    answer: object = None,
    session_id: int | None = None,
) -> tuple[ReviewCard, ReviewEntry]:
    """The question's new card after one answer given now, and the review to log (to be
    saved together, in one transaction)."""
    # Here, not at the top: the catalog's due count must not wait for the scheduler.
    from ketatui.review.schedule import review

    now = session.clock()
    pid = session.profile_id
    card = session.call("read", lambda p: p.review_card(pid, lesson_id, question.id))
    entry = ReviewEntry(
        lesson_id=lesson_id,
        question_id=question.id,
        rating=int(grade),
        correct=grade != Grade.AGAIN,
        reviewed_at=now,
        source=source,
        session_id=session_id,
        answer=answer,
    )
    # The card follows the question as the course writes it, not as translated: switching
    # language must not make it look like a changed question (that starts the card afresh).
    shown = session.catalog.entry(lesson_id)
    written = shown.source.lesson.question(question.id) if shown is not None else None
    return review(card, lesson_id, written or question, grade, now), entry


def quiz_review(
    session: LearnerSession, lesson_id: str, question: Question, correct: bool, *, hinted: bool,
    retry: bool,
) -> tuple[ReviewCard, ReviewEntry] | None:  # fmt: skip
    """The review an answer in a lesson's quiz gives its question (None: no profile)."""
    if not session.reviews:
        return None
    grade = rating_for(correct, hinted=hinted, retry=retry)
    return review_update(session, lesson_id, question, grade, source="quiz")


class MixedQuestions:
    """What the quiz screen asks of questions drawn from several lessons and asked once
    (a review session, a module's check): never a retry, choices in a seeded order."""

    def is_retry(self, attempt: Attempt) -> bool:
        """Questions asked once are never a retry."""
        return False

    def shown_order(self, attempt: Attempt, question: Question) -> tuple[int, ...]:
        """The order the question's choices show in (seeded by the attempt, as a quiz)."""
        return shown_order(question, question_seed(attempt.seed, question.id))


class ReviewProgress(MixedQuestions):
    """One review session: the quiz screen asks its questions through this, as it asks a
    lesson's through `LessonProgress`."""

    def __init__(self, session: LearnerSession) -> None:
        self.session = session

    def entry_of(self, key: str) -> LessonEntry | None:
        """The lesson a review question ("lesson:question") comes from, if it loads."""
        lesson_id, _qid = split_review_key(key)
        entry = self.session.catalog.entry(lesson_id)
        if entry is None:
            return None
        try:
            entry.lesson  # noqa: B018 - decodes the lesson now, so a damaged one is skipped
        except LessonUnavailableError:
            return None
        return entry

    def question_of(self, key: str) -> Question | None:
        """The question of a review key, as the course has it now (None: gone)."""
        entry = self.entry_of(key)
        return None if entry is None else entry.lesson.question(split_review_key(key)[1])

    def _pick(self) -> list[str]:
        """Up to `SESSION_SIZE` due questions that are still in the course, soonest due
        first; the cards of questions that left the course (or their lesson) are dropped,
        so the due count on the catalog never counts a question Review cannot ask."""
        pid, now = self.session.profile_id, self.session.clock()
        due = self.session.call("read", lambda p: p.due_cards(pid, now))
        keys: list[str] = []
        gone: list[tuple[str, str]] = []
        for card in due:
            key = review_key(card.lesson_id, card.question_id)
            if self.session.catalog.entry(card.lesson_id) is None:
                gone.append((card.lesson_id, card.question_id))
                continue
            entry = self.entry_of(key)
            if entry is None:
                continue  # the lesson cannot be read just now: its cards wait for it
            if entry.lesson.question(card.question_id) is None:
                gone.append((card.lesson_id, card.question_id))  # removed from its lesson
            else:
                keys.append(key)
            if len(keys) == SESSION_SIZE:
                break
        if gone:
            self.session.call("review", lambda p: p.drop_cards(pid, gone))
        return keys

    def start(self) -> Attempt | None:
        """The unfinished session to resume, else a new one of the questions due now
        (None: nothing is due)."""
        if not self.session.reviews:
            return None
        pid = self.session.profile_id
        open_ = self.session.call("read", lambda p: p.open_review(pid))
        if open_ is not None:
            kept = tuple(k for k in open_.question_ids if self.question_of(k) is not None)
            if kept:  # every question answered (a crash before the end): the caller finishes
                return msgspec.structs.replace(open_, question_ids=kept)
            self.finish(open_)  # its questions left the course: closed with what it had
        keys = self._pick()
        if not keys:
            return None
        seed = self.session.seeds()
        random.Random(seed).shuffle(keys)  # mixed, as a shuffled quiz is
        now = self.session.clock()
        return self.session.call("review", lambda p: p.start_review(pid, keys, seed, now))

    # ---------------------------------------------------------- what the quiz screen asks

    def record_answer(
        self,
        attempt: Attempt,
        question_id: str,
        answer: object,
        correct: bool,
        *,
        hinted: bool = False,
    ) -> Attempt:
        """Save one answer of the session and its card's new schedule; returns the
        session with the answer added."""
        lesson_id, _qid = split_review_key(question_id)
        question = self.question_of(question_id)
        if question is None:
            raise ValueError(f"{question_id!r} is no longer in the course.")
        grade = rating_for(correct, hinted=hinted)
        card, entry = review_update(
            self.session,
            lesson_id,
            question,
            grade,
            source="review",
            answer=answer,
            session_id=attempt.id,
        )
        pid = self.session.profile_id
        self.session.call("review", lambda p: p.save_review(pid, card, entry), carry=attempt)
        record = AnswerRecord(question_id, answer, correct, entry.reviewed_at)
        return msgspec.structs.replace(attempt, answers=(*attempt.answers, record))

    def finish(self, attempt: Attempt) -> QuizResult:
        """Close the session with its score."""
        grades = attempt.grades
        missed = tuple(k for k in attempt.question_ids if not grades.get(k, False))
        total = len(attempt.question_ids)
        score = Score(correct=total - len(missed), total=total, pass_mark=0.0, missed=missed)
        now = self.session.clock()
        self.session.call(
            "review", lambda p: p.finish_review(attempt.id, score.fraction, now), carry=attempt
        )
        done = msgspec.structs.replace(attempt, finished_at=now, score=score.fraction)
        return QuizResult(
            attempt=done,
            score=score,
            lesson=score,
            passed=True,
            first_try=None,
            best=None,
            is_retry=False,
            answers={a.question_id: a for a in attempt.answers},
        )

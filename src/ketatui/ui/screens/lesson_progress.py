"""Where a learner is in one lesson, saved to the store or kept in memory.

The lesson, quiz and results screens talk to this small class, never to the store
directly, so they work the same when nothing may be saved (preview, kiosk): then every
attempt lives in memory for as long as the lesson screen is open.

Retrying: "Retry the ones I missed" starts an attempt with only the missed question ids.
Its grades are merged over the grades of the attempts before it (`merge_grades`: a question
asked again takes its new grade), and the merged grades are scored against the pass mark. So
a retry passes once enough questions are right across the attempts — in particular when every
previously missed question is now right. A full attempt ("Retry all") starts from scratch.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from ketatui.content.catalog import LessonEntry
from ketatui.content.model import Quiz
from ketatui.progress.store import Attempt, StoreError
from ketatui.quiz.grading import Score, score_attempt, score_subset
from ketatui.quiz.grading import shuffled_question_order as _question_order
from ketatui.ui.session import LearnerSession

_T = TypeVar("_T")

#: question id -> (answer in its JSON form, correct)
Answers = dict[str, tuple[object, bool]]


@dataclass(slots=True)
class AttemptState:
    """One quiz attempt as the screens see it."""

    id: int
    question_ids: tuple[str, ...]
    #: Answers of this attempt, in the order given.
    answers: Answers = field(default_factory=dict)
    #: Answers of the attempts this one builds on (empty for a full attempt).
    baseline: Answers = field(default_factory=dict)

    @property
    def next_index(self) -> int:
        """Index of the first unanswered question (len(question_ids) when all are done)."""
        for i, qid in enumerate(self.question_ids):
            if qid not in self.answers:
                return i
        return len(self.question_ids)

    @property
    def is_retry(self) -> bool:
        """True for a "retry the ones I missed" attempt."""
        return bool(self.baseline)

    def merged(self) -> Answers:
        """This attempt's answers over the earlier ones it retries."""
        return {**self.baseline, **self.answers}


@dataclass(frozen=True, slots=True)
class QuizResult:
    """A finished attempt: what the results screen shows."""

    attempt: AttemptState
    #: The lesson result: the merged grades scored against the pass mark.
    score: Score
    #: Only the questions this attempt asked (equal to `score` for a full attempt).
    round_score: Score
    #: Best score so far (0..1) when saved, else this score.
    best: float


def _is_full(quiz: Quiz, question_ids: tuple[str, ...]) -> bool:
    return set(question_ids) >= {q.id for q in quiz.questions}


class LessonProgress:
    """Page and quiz progress of one learner in one lesson."""

    def __init__(
        self,
        entry: LessonEntry,
        session: LearnerSession,
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        self.entry = entry
        self.session = session
        self._on_error = on_error or (lambda _message: None)
        # Memory-only state (also a fallback when the store fails mid-session).
        self._page = 0
        self._in_quiz = False
        self._open: AttemptState | None = None
        self._history: list[AttemptState] = []
        self._next_id = 1
        self._best = 0.0

    # ------------------------------------------------------------------ helpers

    @property
    def lesson_id(self) -> str:
        return self.entry.lesson.id

    @property
    def quiz(self) -> Quiz:
        return self.entry.lesson.quiz or Quiz()

    def _store_call(self, what: str, call: Callable[[], _T]) -> _T | None:
        """Run a store call; on failure tell the learner once and carry on in memory."""
        if not self.session.saving:
            return None
        try:
            return call()
        except (StoreError, OSError) as error:
            self._on_error(f"Progress could not be saved ({what}): {error}")
            return None

    def _known_ids(self, question_ids: tuple[str, ...]) -> tuple[str, ...]:
        # The lesson may have been edited since the attempt began: drop vanished questions.
        known = {q.id for q in self.quiz.questions}
        return tuple(qid for qid in question_ids if qid in known)

    @staticmethod
    def _answers(attempt: Attempt) -> Answers:
        return {a.question_id: (a.answer, a.correct) for a in attempt.answers}

    # ------------------------------------------------------------------ pages

    def resume_point(self) -> tuple[int, bool]:
        """(page to show, whether the learner left during the quiz)."""
        store, profile = self.session.store, self.session.profile_id
        if self.session.saving and store is not None and profile is not None:
            state = self._store_call("read", lambda: store.lesson_state(profile, self.lesson_id))
            if state is not None:
                return state.current_page, bool(state.in_quiz)
            return 0, False
        return self._page, self._in_quiz

    def save_page(self, page: int) -> None:
        """Remember the page shown (leaves quiz mode)."""
        self._page = page
        self._in_quiz = False
        store, profile = self.session.store, self.session.profile_id
        if store is not None and profile is not None:
            self._store_call("page", lambda: store.save_page(profile, self.lesson_id, page))

    # ------------------------------------------------------------------ attempts

    def _baseline_from(self, finished: list[AttemptState]) -> Answers:
        baseline: Answers = {}
        for attempt in finished:
            if _is_full(self.quiz, attempt.question_ids):
                baseline = dict(attempt.answers)
            else:
                baseline = {**baseline, **attempt.answers}
        return baseline

    def _stored_attempts(self) -> tuple[list[AttemptState], AttemptState | None]:
        store, profile = self.session.store, self.session.profile_id
        if store is None or profile is None:
            return [], None
        attempts = self._store_call("read", lambda: store.attempts(profile, self.lesson_id))
        finished: list[AttemptState] = []
        open_attempt: AttemptState | None = None
        for a in attempts or ():
            state = AttemptState(a.id, self._known_ids(a.question_ids), self._answers(a))
            if a.finished_at is None:
                open_attempt = state  # the newest unfinished one wins
            else:
                finished.append(state)
        return finished, open_attempt

    def open_attempt(self) -> AttemptState | None:
        """The unfinished attempt to resume, with its baseline, or None."""
        if self.session.saving:
            finished, attempt = self._stored_attempts()
        else:
            finished, attempt = self._history, self._open
        if attempt is None or not attempt.question_ids:
            return None
        if not _is_full(self.quiz, attempt.question_ids):
            attempt.baseline = self._baseline_from(finished)
        return attempt

    def last_grades(self) -> Answers:
        """The merged answers of the finished attempts (what "retry missed" builds on)."""
        finished = self._stored_attempts()[0] if self.session.saving else self._history
        return self._baseline_from(finished)

    def start_attempt(self, *, missed_only: bool = False) -> AttemptState:
        """Start a new attempt: every question, or only those missed so far."""
        order = _question_order(self.quiz, secrets.randbits(32))
        baseline: Answers = {}
        if missed_only:
            baseline = self.last_grades()
            order = [qid for qid in order if not baseline.get(qid, (None, False))[1]]
            if not order:  # nothing missed: retry everything instead
                baseline, order = {}, _question_order(self.quiz, secrets.randbits(32))
        store, profile = self.session.store, self.session.profile_id
        attempt: AttemptState | None = None
        if store is not None and profile is not None:
            saved = self._store_call(
                "quiz", lambda: store.start_attempt(profile, self.lesson_id, list(order))
            )
            if saved is not None:
                attempt = AttemptState(saved.id, tuple(order), {}, baseline)
        if attempt is None:
            attempt = AttemptState(self._next_id, tuple(order), {}, baseline)
            self._next_id += 1
        self._open = attempt
        self._in_quiz = True
        return attempt

    def record_answer(
        self, attempt: AttemptState, question_id: str, answer: object, correct: bool
    ) -> None:
        """Save one submitted answer (JSON form)."""
        attempt.answers[question_id] = (answer, correct)
        store = self.session.store
        if store is not None:
            self._store_call(
                "answer", lambda: store.record_answer(attempt.id, question_id, answer, correct)
            )

    def finish(self, attempt: AttemptState) -> QuizResult:
        """Score and close an attempt; saves completion and best score."""
        grades = {qid: correct for qid, (_a, correct) in attempt.merged().items()}
        score = score_attempt(self.quiz, grades)
        round_score = score_subset(self.quiz, attempt.question_ids, grades)
        self._best = max(self._best, score.fraction)
        best = self._best
        store = self.session.store
        if store is not None:
            state = self._store_call(
                "result",
                lambda: store.finish_attempt(
                    attempt.id, score.fraction, score.passed, self.entry.content_hash
                ),
            )
            if state is not None and state.best_score is not None:
                best = max(best, state.best_score)
        previous = [a for a in self._history if a is not attempt]
        self._history = [*previous, attempt]
        self._open = None
        self._in_quiz = False
        return QuizResult(attempt, score, round_score, best)

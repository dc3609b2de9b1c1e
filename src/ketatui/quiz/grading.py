"""Quiz grading and scoring: pure functions, no I/O, no Textual.

Checking one answer is the question kind's job (`ketatui.quiz.kinds`, which documents the
answer shape of each type); this module names that for callers (`check_answer`,
`answer_from_json`, `correct_answer_text`) and adds what spans questions: scoring, the
retry rule and shuffling. Short answers are compared by `ketatui.quiz.matching`.

Scoring (docs/authoring.md, "Scores and lesson status"): an attempt's score is over its own
questions only (`score_subset`): a retry of 2 questions with 1 right scores 1 of 2, never
counting answers from before it. Attempts are full (every question: the first try, or
"Retry all") or retries of the missed ones (`questions_to_retry`). The lesson is passed
(`lesson_passed`) once a full attempt meets the pass mark on its own, or once every
question has been answered right since the latest full attempt (its misses put right in
retries). `lesson_grades` gives the answers that count after a run of attempts: a full
attempt starts afresh, a retry's replace the ones it asked again (`merge_grades`).

Shuffling: `shuffled_question_order` for the questions, `shown_order` for the choices (or
order items) of one question, both from a seed kept with the attempt, so a resumed or
reviewed attempt shows the same order.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from ketatui.content.model import Question, Quiz
from ketatui.quiz.kinds import ORDER_SEPARATOR, Answer, Grade, kind_of, shuffled_indices
from ketatui.quiz.matching import MAX_SHORT_ANSWER_CHARS, normalize_text, short_answer_matches

V = TypeVar("V")

__all__ = [
    "MAX_SHORT_ANSWER_CHARS",
    "ORDER_SEPARATOR",
    "PASS_EPSILON",
    "Answer",
    "Grade",
    "Score",
    "answer_from_json",
    "answer_to_json",
    "check_answer",
    "correct_answer_text",
    "is_full_attempt",
    "lesson_grades",
    "lesson_passed",
    "merge_grades",
    "normalize_text",
    "passes",
    "question_seed",
    "questions_to_retry",
    "score_attempt",
    "score_subset",
    "short_answer_matches",
    "shown_order",
    "shuffled_indices",
    "shuffled_question_order",
]

#: Tolerance for float rounding in pass/fail (4/5 must meet a pass mark of 0.8).
PASS_EPSILON = 1e-9


@dataclass(frozen=True, slots=True)
class Score:
    """The score of one attempt."""

    correct: int
    total: int
    pass_mark: float
    #: Question ids answered wrong or not answered, in quiz order.
    missed: tuple[str, ...]

    @property
    def fraction(self) -> float:
        """Share right, 0..1 (1.0 for an empty quiz)."""
        return self.correct / self.total if self.total else 1.0

    @property
    def passed(self) -> bool:
        """Whether the attempt meets the pass mark."""
        return passes(self.fraction, self.pass_mark)


# ---------------------------------------------------------------------------- answers


def correct_answer_text(question: Question) -> str:
    """A readable right answer for `question` (what `Grade.correct_answer` holds)."""
    return kind_of(question).right_answer(question)


def check_answer(question: Question, answer: object) -> Grade:
    """Grade one answer to one question. Never raises.

    Malformed answers (see `ketatui.quiz.kinds`) are graded incorrect; for single/multiple
    questions they carry no feedback, for the other types the `feedback.incorrect` line.
    """
    return kind_of(question).check(question, answer)


# ---------------------------------------------------------------------------- scoring


def passes(fraction: float, pass_mark: float) -> bool:
    """True when `fraction` meets `pass_mark` (with a tolerance for float rounding)."""
    if math.isnan(fraction) or math.isnan(pass_mark):
        return False
    return fraction >= pass_mark - PASS_EPSILON


def _score(quiz: Quiz, ids: tuple[str, ...], grades: Mapping[str, bool]) -> Score:
    # Only an explicit True counts: unanswered (missing) or junk values are missed.
    missed = tuple(qid for qid in ids if grades.get(qid) is not True)
    return Score(
        correct=len(ids) - len(missed), total=len(ids), pass_mark=quiz.pass_mark, missed=missed
    )


def score_attempt(quiz: Quiz, grades: Mapping[str, bool]) -> Score:
    """Score an attempt from question id -> correct. Unanswered questions count as missed.

    Ids in `grades` that are not questions of `quiz` are ignored.
    """
    return _score(quiz, tuple(q.id for q in quiz.questions), grades)


def score_subset(quiz: Quiz, question_ids: Iterable[str], grades: Mapping[str, bool]) -> Score:
    """Score only the questions of `quiz` listed in `question_ids` (e.g. a retry's questions).

    The total is the number of those questions that exist in the quiz; `missed` is in quiz
    order; the pass mark is the quiz's. Unknown ids are ignored.
    """
    wanted = set(question_ids)
    return _score(quiz, tuple(q.id for q in quiz.questions if q.id in wanted), grades)


def questions_to_retry(quiz: Quiz, grades: Mapping[str, bool]) -> tuple[str, ...]:
    """Ids of the questions to retry (missed or unanswered), in quiz order."""
    return score_attempt(quiz, grades).missed


def merge_grades(previous: Mapping[str, V], new: Mapping[str, V]) -> dict[str, V]:
    """Combine an earlier attempt's grades with a retry's: the retry's grade wins per question.

    Questions the retry did not ask keep their earlier grade, so after retrying the missed
    questions, `score_attempt(quiz, merge_grades(first, retry))` is the lesson result.
    """
    return {**previous, **new}


def is_full_attempt(quiz: Quiz, question_ids: Iterable[str]) -> bool:
    """Whether an attempt asked every question of the quiz (not a retry of the missed)."""
    return set(question_ids) >= {q.id for q in quiz.questions}


def lesson_grades(
    quiz: Quiz, attempts: Sequence[tuple[Iterable[str], Mapping[str, V]]]
) -> dict[str, V]:
    """What counts for the lesson after these attempts, oldest first, per question id.

    Each attempt is (question ids asked, question id -> its grade or answer record). A full
    attempt starts afresh; a retry's entries are merged over the ones before it
    (`merge_grades`: the retry wins for the questions it asked).
    """
    counted: dict[str, V] = {}
    for question_ids, answered in attempts:
        if is_full_attempt(quiz, question_ids):
            counted = dict(answered)
        else:
            counted = merge_grades(counted, answered)
    return counted


def lesson_passed(
    quiz: Quiz, attempts: Sequence[tuple[bool, Iterable[str], Mapping[str, bool]]]
) -> bool:
    """The lesson-status rule, over finished attempts oldest first: passed once a full
    attempt meets the pass mark on its own, or once every question of the quiz has been
    answered right since the latest full attempt (its misses put right in retries).

    Each attempt is (whether it was full, the question ids it asked, id -> right).
    """
    everything = tuple(q.id for q in quiz.questions)
    counted: dict[str, bool] = {}
    for full, question_ids, grades in attempts:
        asked = tuple(question_ids)
        if full:
            if score_subset(quiz, asked, grades).passed:
                return True
            counted = dict(grades)
        else:
            counted = merge_grades(counted, grades)
        if everything and all(counted.get(qid) is True for qid in everything):
            return True
    return False


# ---------------------------------------------------------------------------- shuffling


def shuffled_question_order(quiz: Quiz, seed: int | str) -> list[str]:
    """Question ids in the order to ask them: quiz order, or shuffled when `quiz.shuffle`.

    The same seed always gives the same order (so a resumed attempt keeps its order).
    """
    ids = [q.id for q in quiz.questions]
    if quiz.shuffle:
        random.Random(seed).shuffle(ids)
    return ids


def question_seed(attempt_seed: int | None, question_id: str) -> str | None:
    """The seed of one question's choice order within an attempt (None: an attempt from
    before choices were shuffled, whose choices are shown as written)."""
    return None if attempt_seed is None else f"{attempt_seed}:{question_id}"


def shown_order(question: Question, seed: str | None) -> tuple[int, ...]:
    """The order the learner sees a question's choices (or order items) in, as indices as
    written: shuffled by `seed` unless the question says `shuffle: false`, a choice marked
    `fixed: true` kept in its place; () for a question without choices."""
    return kind_of(question).shown_order(question, seed)


# ---------------------------------------------------------------------------- JSON


def answer_to_json(question: Question, answer: object) -> object:
    """The stored form of an answer to `question`: choice and item ids, never positions
    (see `ketatui.quiz.kinds`). A malformed answer is stored as null."""
    kind = kind_of(question)
    value = kind.accept(question, answer)
    return None if value is None else kind.encode(question, value)


def answer_from_json(question: Question, data: object) -> Answer | None:
    """Rebuild an answer of the right shape for `question` from its stored form, or None.

    Returns None when `data` does not fit this question (a choice id that is gone, wrong
    type or length), e.g. after the lesson was edited.
    """
    return kind_of(question).decode(question, data)

"""Quiz grading and scoring: pure functions, no I/O, no Textual.

Checking one answer is the question kind's job (`ketatui.quiz.kinds`, which documents the
answer shape of each type); this module names that for callers (`check_answer`,
`answer_from_json`, `correct_answer_text`) and adds what spans questions: scoring, the
retry rule and shuffling. Short answers are compared by `ketatui.quiz.matching`.

Retrying: after an attempt, the learner may retry only the questions they missed
(`questions_to_retry`). The retry's grades are combined with the earlier ones by
`merge_grades(previous, new)`: a question answered in the retry takes its new grade, one not
asked keeps its earlier grade. `lesson_grades` applies that rule to a lesson's finished
attempts in order (a full attempt starts afresh), and scoring those grades with
`score_attempt` gives the lesson result, so the learner passes once enough questions have
been answered right across the attempts. `score_subset` scores only the questions a retry
asked ("2 of 3 right").
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from ketatui.content.model import Question, Quiz
from ketatui.quiz.kinds import ORDER_SEPARATOR, Answer, Grade, encode_answer, kind_of
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
    "merge_grades",
    "normalize_text",
    "passes",
    "questions_to_retry",
    "score_attempt",
    "score_subset",
    "short_answer_matches",
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


# ---------------------------------------------------------------------------- shuffling


def shuffled_question_order(quiz: Quiz, seed: int | str) -> list[str]:
    """Question ids in the order to ask them: quiz order, or shuffled when `quiz.shuffle`.

    The same seed always gives the same order (so a resumed attempt keeps its order).
    """
    ids = [q.id for q in quiz.questions]
    if quiz.shuffle:
        random.Random(seed).shuffle(ids)
    return ids


def shuffled_indices(n: int, seed: int | str) -> list[int]:
    """A seeded shuffle of range(n) for showing order items; never the identity when n >= 2.

    Reshuffles until the order differs from the right one, so every wrong order is equally
    likely and the learner never starts with the answer already in place.
    """
    indices = list(range(max(n, 0)))
    if n < 2:
        return indices
    rng = random.Random(seed)
    identity = list(indices)
    while indices == identity:
        rng.shuffle(indices)
    return indices


# ---------------------------------------------------------------------------- JSON


def answer_to_json(answer: object) -> object:
    """A JSON-safe form of an answer for the progress store (see `kinds.encode_answer`)."""
    return encode_answer(answer)


def answer_from_json(question: Question, data: object) -> Answer | None:
    """Rebuild an answer of the right shape for `question` from its JSON form, or None.

    Returns None when `data` is not a well-formed answer to this question (wrong type,
    index out of range, duplicates, wrong length), e.g. after the lesson was edited.
    """
    return kind_of(question).decode(question, data)

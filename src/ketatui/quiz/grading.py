"""Quiz grading: pure functions, no I/O, no Textual.

Answer shapes, by question type (what the UI passes and the store keeps as JSON):
- single:       int            index into `question.choices`
- multiple:     frozenset[int] indices into `question.choices` (also accepts list/tuple/set)
- true_false:   bool
- order:        tuple[int, ...] the learner's order, as indices into `question.items`
                (the items as authored are the right order: (0, 1, 2, ...) is correct)
- short_answer: str
Any other shape (None, wrong type, out-of-range index) is graded as incorrect, never raises.
`bool` is never accepted where an index is expected (in Python `True == 1`), and an int is
never accepted for a true/false answer.

Short answers are compared after `normalize_text` (Unicode NFKC, casefold, accents folded,
punctuation dropped, whitespace collapsed). An answer also counts when it matches an accepted
answer with all whitespace removed, so "9-8-8", "9 8 8" and "988" all match "988", and
"ketamine-assisted" matches "ketamine assisted". Empty (or punctuation-only) answers are wrong.

Retrying: after an attempt, the learner may retry only the questions they missed
(`questions_to_retry`). The retry's grades are combined with the earlier ones by
`merge_grades(previous, new)`: a question answered in the retry takes its new grade, one not
asked keeps its earlier grade. Scoring the merged grades with `score_attempt` gives the
lesson result, so the learner passes once enough questions have been answered right across
the attempts. `score_subset` scores only the questions a retry asked ("2 of 3 right").
"""

from __future__ import annotations

import math
import random
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeGuard

from ketatui.content.model import (
    MultipleQuestion,
    OrderQuestion,
    Question,
    Quiz,
    ShortAnswerQuestion,
    SingleQuestion,
    TrueFalseQuestion,
)

Answer = int | bool | str | frozenset[int] | tuple[int, ...]

#: Tolerance for float rounding in pass/fail (4/5 must meet a pass mark of 0.8).
PASS_EPSILON = 1e-9

#: Longer typed answers are graded wrong without being normalised (bounds the work;
#: no accepted short answer is anywhere near this long).
MAX_SHORT_ANSWER_CHARS = 10_000

#: Arrow between items in the readable right answer of an order question.
ORDER_SEPARATOR = " → "

#: Answers are flat; junk nested deeper than this is stored as null.
_MAX_JSON_DEPTH = 8

# Apostrophes are dropped outright so "don't" becomes "dont"; all other punctuation
# separates words ("ketamine-assisted" -> "ketamine assisted").
_APOSTROPHES = frozenset("'ʼ’‘‛`´′")


@dataclass(frozen=True, slots=True)
class Grade:
    """The result of checking one answer."""

    question_id: str
    correct: bool
    #: Feedback lines to show, in order: per-choice feedback for each picked choice
    #: (single/multiple), or the question's correct/incorrect feedback (other types).
    feedback: tuple[str, ...]
    #: Human-readable right answer, e.g. "2 hours" / "True" / "1. x → 2. y" / "988".
    correct_answer: str


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


# ---------------------------------------------------------------------------- text


def normalize_text(text: str) -> str:
    """Casefold, drop punctuation, collapse spaces: how short answers are compared.

    Steps: NFKC (full-width and compatibility forms become plain ones), casefold
    ("Straße" == "STRASSE"), fold accents ("naïve" == "naive"), drop apostrophes, turn other
    punctuation (any Unicode P* category: curly quotes, dashes, ...) into spaces, and
    collapse runs of whitespace to one space with none at the ends.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    # Fold accents: decompose, then drop combining marks.
    decomposed = unicodedata.normalize("NFKD", text)
    out: list[str] = []
    for ch in decomposed:
        if ch in _APOSTROPHES:
            continue
        cat = unicodedata.category(ch)
        if cat == "Mn":
            continue
        if cat.startswith("P"):
            out.append(" ")
        else:
            out.append(ch)
    return " ".join(unicodedata.normalize("NFC", "".join(out)).split())


def _compact(normalized: str) -> str:
    return "".join(normalized.split())


def short_answer_matches(answer: str, accepted: Iterable[str]) -> bool:
    """True when `answer` matches any accepted answer, ignoring case, spacing, punctuation."""
    if len(answer) > MAX_SHORT_ANSWER_CHARS:
        return False
    given = normalize_text(answer)
    if not given:
        return False
    given_compact = _compact(given)
    for alternative in accepted:
        target = normalize_text(alternative)
        if not target:
            continue
        if given == target or given_compact == _compact(target):
            return True
    return False


# ---------------------------------------------------------------------------- answers


def _is_index(value: object) -> TypeGuard[int]:
    # bool is a subclass of int; True must not pass for choice 1.
    return isinstance(value, int) and not isinstance(value, bool)


def _valid_index(value: object, size: int) -> TypeGuard[int]:
    return _is_index(value) and 0 <= value < size


def _index_set(answer: object, size: int) -> frozenset[int] | None:
    """The picked indices of a `multiple` answer, or None when the shape is wrong."""
    if not isinstance(answer, frozenset | set | list | tuple):
        return None
    items = list(answer)
    if not all(_valid_index(i, size) for i in items):
        return None
    picked = frozenset(items)
    if len(picked) != len(items):  # duplicates in a list/tuple: malformed
        return None
    return picked


def _index_order(answer: object, size: int) -> tuple[int, ...] | None:
    """An `order` answer as a permutation of range(size), or None when malformed."""
    if not isinstance(answer, list | tuple):
        return None
    if len(answer) != size:
        return None
    if not all(_valid_index(i, size) for i in answer):
        return None
    order = tuple(answer)
    if len(set(order)) != size:  # duplicates
        return None
    return order


def _texts(lines: Iterable[str]) -> tuple[str, ...]:
    return tuple(line for line in lines if line)


def correct_answer_text(question: Question) -> str:
    """A readable right answer for `question` (what `Grade.correct_answer` holds)."""
    if isinstance(question, SingleQuestion | MultipleQuestion):
        texts = [c.text.strip() for c in question.choices if c.correct]
        if len(texts) > 1:
            # "It is common; It can be treated", not "It is common.; It can be treated."
            texts = [t.removesuffix(".") for t in texts]
        return "; ".join(texts)
    if isinstance(question, TrueFalseQuestion):
        return "True" if question.answer else "False"
    if isinstance(question, OrderQuestion):
        return ORDER_SEPARATOR.join(f"{n}. {item}" for n, item in enumerate(question.items, 1))
    if isinstance(question, ShortAnswerQuestion):
        return question.accepted[0] if question.accepted else ""
    return ""


def check_answer(question: Question, answer: object) -> Grade:
    """Grade one answer to one question. Never raises.

    Malformed answers (see the module docstring) are graded incorrect; for single/multiple
    questions they carry no feedback, for the other types the `feedback.incorrect` line.
    """
    qid = getattr(question, "id", "")
    expected = correct_answer_text(question)

    if isinstance(question, SingleQuestion):
        choices = question.choices
        if not _valid_index(answer, len(choices)):
            return Grade(qid, False, (), expected)
        choice = choices[answer]
        return Grade(qid, choice.correct, _texts([choice.feedback]), expected)

    if isinstance(question, MultipleQuestion):
        choices = question.choices
        picked = _index_set(answer, len(choices))
        if picked is None:
            return Grade(qid, False, (), expected)
        right = frozenset(i for i, c in enumerate(choices) if c.correct)
        feedback = _texts(c.feedback for i, c in enumerate(choices) if i in picked)
        return Grade(qid, picked == right, feedback, expected)

    if isinstance(question, TrueFalseQuestion):
        correct = isinstance(answer, bool) and answer == question.answer
        return _with_question_feedback(question, correct, expected)

    if isinstance(question, OrderQuestion):
        items = question.items
        order = _index_order(answer, len(items))
        # Compare the texts shown, so items with equal text may swap places.
        correct = order is not None and all(
            items[i] == item for i, item in zip(order, items, strict=True)
        )
        return _with_question_feedback(question, correct, expected)

    if isinstance(question, ShortAnswerQuestion):
        correct = isinstance(answer, str) and short_answer_matches(answer, question.accepted)
        return _with_question_feedback(question, correct, expected)

    return Grade(qid, False, (), expected)


def _with_question_feedback(
    question: TrueFalseQuestion | OrderQuestion | ShortAnswerQuestion, correct: bool, expected: str
) -> Grade:
    line = question.feedback.correct if correct else question.feedback.incorrect
    return Grade(question.id, correct, _texts([line]), expected)


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


def merge_grades(previous: Mapping[str, bool], new: Mapping[str, bool]) -> dict[str, bool]:
    """Combine an earlier attempt's grades with a retry's: the retry's grade wins per question.

    Questions the retry did not ask keep their earlier grade, so after retrying the missed
    questions, `score_attempt(quiz, merge_grades(first, retry))` is the lesson result.
    """
    return {**previous, **new}


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


def answer_to_json(answer: object, _depth: int = 0) -> object:
    """A JSON-safe form of an answer for the progress store (frozenset -> sorted list ...).

    Sets become sorted lists, tuples become lists; str, int, bool, finite floats and None pass
    through. Anything that has no JSON form becomes None, and so does nesting deeper than any
    answer shape needs (which also stops a self-containing list from recursing forever).
    """
    if _depth > _MAX_JSON_DEPTH:
        return None
    if answer is None or isinstance(answer, str | bool | int):
        return answer
    if isinstance(answer, float):
        return answer if math.isfinite(answer) else None
    if isinstance(answer, frozenset | set):
        # Any: JSON values of one type sort; a mix raises TypeError, handled below.
        items: list[Any] = [answer_to_json(a, _depth + 1) for a in answer]
        try:
            return sorted(items)
        except TypeError:  # mixed element types: any stable order will do
            return sorted(items, key=lambda a: (type(a).__name__, repr(a)))
    if isinstance(answer, list | tuple):
        return [answer_to_json(a, _depth + 1) for a in answer]
    return None


def answer_from_json(question: Question, data: object) -> Answer | None:
    """Rebuild an answer of the right shape for `question` from its JSON form, or None.

    Returns None when `data` is not a well-formed answer to this question (wrong type,
    index out of range, duplicates, wrong length), e.g. after the lesson was edited.
    """
    if isinstance(question, SingleQuestion):
        return data if _valid_index(data, len(question.choices)) else None
    if isinstance(question, MultipleQuestion):
        if not isinstance(data, list | tuple):
            return None
        return _index_set(data, len(question.choices))
    if isinstance(question, TrueFalseQuestion):
        return data if isinstance(data, bool) else None
    if isinstance(question, OrderQuestion):
        return _index_order(data, len(question.items))
    if isinstance(question, ShortAnswerQuestion):
        return data if isinstance(data, str) else None
    return None

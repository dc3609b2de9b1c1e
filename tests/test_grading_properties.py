"""Property tests: grading never raises, is deterministic, and agrees with the answer key."""

from __future__ import annotations

import json
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ketatui.content.model import (
    Choice,
    Feedback,
    MultipleQuestion,
    OrderQuestion,
    Question,
    Quiz,
    ShortAnswerQuestion,
    SingleQuestion,
    TrueFalseQuestion,
    text_id,
)
from ketatui.quiz.grading import (
    Grade,
    answer_from_json,
    answer_to_json,
    check_answer,
    normalize_text,
    score_attempt,
    shuffled_indices,
)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ids = st.text(alphabet=string.ascii_lowercase + string.digits, min_size=1, max_size=8)
texts = st.text(min_size=1, max_size=30)
feedback_text = st.one_of(st.just(""), st.text(max_size=20))
feedbacks = st.builds(Feedback, correct=feedback_text, incorrect=feedback_text)


def _choices(min_correct: int, max_correct: int | None) -> st.SearchStrategy[tuple[Choice, ...]]:
    @st.composite
    def build(draw: st.DrawFn) -> tuple[Choice, ...]:
        n = draw(st.integers(min_value=max(min_correct, 1), max_value=6))
        top = n if max_correct is None else max_correct
        k = draw(st.integers(min_value=min_correct, max_value=min(top, n)))
        correct = set(draw(st.permutations(range(n)))[:k])
        # The validator rejects two choices with the same id (same words): so do we here.
        words = draw(st.lists(texts, min_size=n, max_size=n, unique_by=text_id))
        return tuple(
            Choice(text=words[i], correct=i in correct, feedback=draw(feedback_text))
            for i in range(n)
        )

    return build()


def _question(cls: type, **fields: st.SearchStrategy[object]) -> st.SearchStrategy[Question]:
    return st.builds(cls, id=ids, prompt=texts, explanation=texts, **fields)


questions: st.SearchStrategy[Question] = st.one_of(
    _question(SingleQuestion, choices=_choices(1, 1)),
    _question(MultipleQuestion, choices=_choices(1, None)),
    _question(TrueFalseQuestion, answer=st.booleans(), feedback=feedbacks),
    _question(
        OrderQuestion, items=st.lists(texts, min_size=1, max_size=6).map(tuple), feedback=feedbacks
    ),
    _question(
        ShortAnswerQuestion,
        accepted=st.lists(texts, min_size=1, max_size=3).map(tuple),
        feedback=feedbacks,
    ),
)

# Plausible-looking answers (ints near the valid range, bools, collections of them) are the
# ones most likely to slip through a type check; mix them with arbitrary objects.
near_ints = st.integers(min_value=-3, max_value=8)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    near_ints,
    st.integers(),
    st.floats(),
    st.text(max_size=40),
    st.binary(max_size=10),
)
junk = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=7),
        st.lists(inner, max_size=7).map(tuple),
        st.frozensets(near_ints | st.booleans(), max_size=7),
        st.sets(near_ints, max_size=7),
        st.dictionaries(st.text(max_size=5), inner, max_size=3),
    ),
    max_leaves=20,
)
answers = st.one_of(junk, st.from_type(object))


def _right_answer(question: Question) -> object:
    if isinstance(question, SingleQuestion):
        return next(i for i, c in enumerate(question.choices) if c.correct)
    if isinstance(question, MultipleQuestion):
        return frozenset(i for i, c in enumerate(question.choices) if c.correct)
    if isinstance(question, TrueFalseQuestion):
        return question.answer
    if isinstance(question, OrderQuestion):
        return tuple(range(len(question.items)))
    return question.accepted[-1]


@SETTINGS
@given(question=questions, answer=answers)
def test_check_answer_never_raises_and_is_deterministic(question: Question, answer: object) -> None:
    grade = check_answer(question, answer)
    assert isinstance(grade, Grade)
    assert grade.question_id == question.id
    assert isinstance(grade.correct, bool)
    assert all(isinstance(line, str) and line for line in grade.feedback)
    assert check_answer(question, answer) == grade


@SETTINGS
@given(question=questions)
def test_the_answer_key_is_graded_right(question: Question) -> None:
    right = _right_answer(question)
    if isinstance(question, ShortAnswerQuestion) and not normalize_text(str(right)):
        return  # an accepted answer made only of punctuation can never be typed right
    assert check_answer(question, right).correct


@SETTINGS
@given(question=questions, data=st.data())
def test_json_round_trip_preserves_the_grade(question: Question, data: st.DataObject) -> None:
    if isinstance(question, SingleQuestion):
        answer = data.draw(st.integers(0, len(question.choices) - 1))
    elif isinstance(question, MultipleQuestion):
        answer = data.draw(st.frozensets(st.integers(0, len(question.choices) - 1)))
    elif isinstance(question, TrueFalseQuestion):
        answer = data.draw(st.booleans())
    elif isinstance(question, OrderQuestion):
        answer = tuple(data.draw(st.permutations(range(len(question.items)))))
    else:
        answer = data.draw(st.text(max_size=30))
    stored = json.loads(json.dumps(answer_to_json(question, answer)))
    rebuilt = answer_from_json(question, stored)
    # Order items with the same words are one answer whichever of them comes first.
    assert rebuilt == answer or [question.items[i] for i in rebuilt] == [  # type: ignore[union-attr]
        question.items[i]  # type: ignore[union-attr]
        for i in answer
    ]
    assert check_answer(question, rebuilt) == check_answer(question, answer)


@SETTINGS
@given(question=questions, data=junk)
def test_answer_from_json_gives_none_or_a_gradeable_answer(
    question: Question, data: object
) -> None:
    rebuilt = answer_from_json(question, data)
    if rebuilt is not None:
        # Whatever it rebuilds is a well-formed answer that survives another round trip.
        assert check_answer(question, answer_from_json(question, answer_to_json(question, rebuilt)))


@SETTINGS
@given(question=questions, answer=junk)
def test_answer_to_json_is_json_safe(question: Question, answer: object) -> None:
    json.dumps(answer_to_json(question, answer), allow_nan=False)


@SETTINGS
@given(
    quiz_ids=st.lists(ids, unique=True, max_size=8),
    grades=st.dictionaries(ids, st.booleans(), max_size=10),
)
def test_score_counts_add_up(quiz_ids: list[str], grades: dict[str, bool]) -> None:
    quiz = Quiz(
        questions=tuple(
            TrueFalseQuestion(id=i, prompt="p", explanation="e", answer=True) for i in quiz_ids
        )
    )
    score = score_attempt(quiz, grades)
    assert score.total == len(quiz_ids)
    assert score.correct + len(score.missed) == score.total
    assert score.correct == sum(1 for i in quiz_ids if grades.get(i) is True)
    assert list(score.missed) == [i for i in quiz_ids if i in score.missed]


@SETTINGS
@given(n=st.integers(0, 12), seed=st.integers() | st.text(max_size=10))
def test_shuffled_indices_is_a_deterministic_non_identity_permutation(
    n: int, seed: int | str
) -> None:
    indices = shuffled_indices(n, seed)
    assert sorted(indices) == list(range(n))
    if n >= 2:
        assert indices != list(range(n))
    assert shuffled_indices(n, seed) == indices


@SETTINGS
@given(text=st.text(max_size=60))
def test_normalize_text_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once

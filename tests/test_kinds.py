"""The question-kind registry: every question type has one kind, and each kind's answer
form survives storage and reads back in words."""

from __future__ import annotations

import json
import typing
from pathlib import Path

import msgspec
import pytest

from ketatui.content.model import (
    Choice,
    Feedback,
    MultipleQuestion,
    OrderQuestion,
    Question,
    QuestionType,
    ShortAnswerQuestion,
    SingleQuestion,
    TrueFalseQuestion,
    choice_id,
    question_type,
    text_id,
)
from ketatui.quiz.kinds import HIDDEN_ANSWER, kind_named, kind_of, kinds

SRC = Path(__file__).resolve().parents[1] / "src" / "ketatui"

CHOICES = (
    Choice(text="Apple", correct=True, feedback="Apples are fruit."),
    Choice(text="Carrot", feedback="A carrot is a root."),
    Choice(text="Pear", correct=True),
)
FB = Feedback(correct="Yes.", incorrect="No.")

#: (question, a right answer, a wrong answer, the wrong answer in words)
CASES: list[tuple[Question, object, object, str]] = [
    (
        SingleQuestion(id="s", prompt="?", explanation="", choices=CHOICES[:2]),
        0,
        1,
        "Carrot",
    ),
    (
        MultipleQuestion(id="m", prompt="?", explanation="", choices=CHOICES),
        frozenset({0, 2}),
        frozenset({0, 1}),
        "Apple; Carrot",
    ),
    (
        TrueFalseQuestion(id="t", prompt="?", explanation="", answer=True, feedback=FB),
        True,
        False,
        "False",
    ),
    (
        OrderQuestion(
            id="o", prompt="?", explanation="", items=("One", "Two", "Three"), feedback=FB
        ),
        (0, 1, 2),
        (2, 1, 0),
        "Three → Two → One",
    ),
    (
        ShortAnswerQuestion(id="a", prompt="?", explanation="", accepted=("988",), feedback=FB),
        "9 8 8",
        "911",
        "911",
    ),
]


def test_every_question_type_of_the_model_has_exactly_one_kind() -> None:
    model_tags = set(typing.get_args(QuestionType))
    assert {kind.tag for kind in kinds()} == model_tags
    assert len(kinds()) == len(model_tags)
    for tag in model_tags:
        kind = kind_named(tag)
        assert kind is not None and kind.how_to.endswith((".", "?", ")"))


@pytest.mark.parametrize(
    ("question", "right", "wrong", "words"), CASES, ids=lambda c: getattr(c, "id", "")
)
def test_a_kind_grades_stores_and_describes_its_answers(
    question: Question, right: object, wrong: object, words: str
) -> None:
    kind = kind_of(question)
    assert kind.tag == question_type(question)
    assert kind.check(question, right).correct
    assert not kind.check(question, wrong).correct
    # Through storage and back, as the progress store keeps it: the same answer, still graded.
    stored = json.loads(json.dumps(kind.encode(question, wrong)))
    assert kind.decode(question, stored) == wrong
    assert kind.describe(question, kind.decode(question, stored)) == words
    assert kind.right_answer(question)


@pytest.mark.parametrize(
    ("question", "right", "wrong", "words"), CASES, ids=lambda c: getattr(c, "id", "")
)
def test_malformed_answers_are_wrong_and_never_raise(
    question: Question, right: object, wrong: object, words: str
) -> None:
    kind = kind_of(question)
    for junk in (None, True, -1, 99, "x", [0, 0], {"a": 1}, [[0]], 1.5):
        if kind.accept(question, junk) is not None:
            continue  # a valid answer of this type ("x" is a short answer)
        grade = kind.check(question, junk)
        assert grade.correct is False


def _reordered(question: Question) -> Question:
    """The same question with its choices (or items) written in reverse order."""
    if isinstance(question, SingleQuestion | MultipleQuestion):
        return msgspec.structs.replace(question, choices=question.choices[::-1])
    if isinstance(question, OrderQuestion):
        return msgspec.structs.replace(question, items=question.items[::-1])
    return question


@pytest.mark.parametrize(
    ("question", "right", "wrong", "words"), CASES, ids=lambda c: getattr(c, "id", "")
)
def test_a_stored_answer_means_the_same_after_the_choices_are_reordered(
    question: Question, right: object, wrong: object, words: str
) -> None:
    kind = kind_of(question)
    stored = json.loads(json.dumps(kind.encode(question, wrong)))
    assert "Carrot" not in json.dumps(stored) or kind.free_text  # ids, not the text itself
    moved = _reordered(question)
    value = kind.decode(moved, stored)
    assert value is not None
    # Same words, same grade: the YAML order does not change what an answer means.
    assert sorted(kind.describe(moved, value).split("; ")) == sorted(words.split("; "))
    if isinstance(question, OrderQuestion):
        return  # reversing the items of an order question changes its key, not the answer
    assert kind.check(moved, value).correct is False
    right_stored = kind.encode(question, right)
    assert kind.check(moved, kind.decode(moved, right_stored)).correct


def test_a_choice_id_is_the_authors_or_derived_from_its_text() -> None:
    named = Choice(text="None of these", id="none")
    assert choice_id(named) == "none"
    plain = Choice(text="  Losing   interest ")
    # Spacing and case do not change a derived id; other words do.
    assert (
        choice_id(plain) == text_id("losing interest") == choice_id(Choice(text="LOSING INTEREST"))
    )
    assert choice_id(plain) != choice_id(Choice(text="Losing interests"))
    assert choice_id(plain).startswith("t-") and len(choice_id(plain)) == 14


def test_format_1_answers_by_position_convert_to_ids() -> None:
    single, multiple, tf = CASES[0][0], CASES[1][0], CASES[2][0]
    assert kind_of(single).from_positions(single, 1) == choice_id(CHOICES[1])
    assert kind_of(multiple).from_positions(multiple, [2, 0]) == sorted(
        [choice_id(CHOICES[0]), choice_id(CHOICES[2])]
    )
    assert kind_of(tf).from_positions(tf, False) is False
    assert kind_of(single).from_positions(single, 5) is None  # no such choice now


def test_only_choice_kinds_report_picked_choices() -> None:
    single, multiple = CASES[0][0], CASES[1][0]
    assert kind_of(single).picked(single, 1) == (1,)
    assert kind_of(multiple).picked(multiple, frozenset({2, 0})) == (0, 2)
    for question, right, _wrong, _words in CASES[2:]:
        assert kind_of(question).picked(question, right) == ()


def test_free_text_is_never_shown_in_analytics() -> None:
    question = CASES[4][0]
    assert kind_of(question).describe_for_stats(question, "my private words") == HIDDEN_ANSWER


def test_kiosk_counts_name_the_wrong_answer_picked_most() -> None:
    multiple, tf = CASES[1][0], CASES[2][0]
    # Choice 1 (Carrot) is the only wrong one: right choices picked more do not count.
    apple, carrot, pear = (choice_id(c) for c in CHOICES)
    counts = {apple: 9, carrot: 4, pear: 7}
    assert kind_of(multiple).most_wrong_of_counts(multiple, counts, 5) == ("Carrot", 4)
    assert kind_of(tf).most_wrong_of_counts(tf, {}, 3) == ("False", 3)
    assert kind_of(tf).most_wrong_of_counts(tf, {}, 0) == (HIDDEN_ANSWER, 0)


def test_only_the_registry_dispatches_on_question_classes() -> None:
    # Adding a type must not mean hunting for isinstance checks: they live in kinds.py.
    classes = (
        "SingleQuestion",
        "MultipleQuestion",
        "TrueFalseQuestion",
        "OrderQuestion",
        "ShortAnswerQuestion",
    )
    offenders = [
        f"{path.relative_to(SRC)}:{n}: {line.strip()}"
        for path in SRC.rglob("*.py")
        if path.relative_to(SRC).as_posix() != "quiz/kinds.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "isinstance(" in line and any(name in line for name in classes)
    ]
    assert offenders == []

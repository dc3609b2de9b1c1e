"""Quiz grading: each question type, short-answer matching, scoring, retries, JSON."""

from __future__ import annotations

import json

import msgspec
import pytest

from ketatui.content.model import (
    Choice,
    Feedback,
    MultipleQuestion,
    OrderQuestion,
    Quiz,
    ShortAnswerQuestion,
    SingleQuestion,
    TrueFalseQuestion,
    choice_id,
    text_id,
)
from ketatui.quiz.grading import (
    Score,
    answer_from_json,
    answer_to_json,
    check_answer,
    correct_answer_text,
    merge_grades,
    normalize_text,
    passes,
    question_seed,
    questions_to_retry,
    score_attempt,
    score_subset,
    shown_order,
    shuffled_indices,
    shuffled_question_order,
)
from ketatui.quiz.kinds import encode_answer

SINGLE = SingleQuestion(
    id="q-single",
    prompt="How long are you observed after an esketamine dose?",
    explanation="At least two hours.",
    choices=(
        Choice(text="15 minutes", feedback="Too short."),
        Choice(text="At least 2 hours", correct=True, feedback="Right."),
        Choice(text="Overnight"),
    ),
)

MULTIPLE = MultipleQuestion(
    id="q-multi",
    prompt="Which are common short-term effects?",
    explanation="Dissociation and raised blood pressure are common.",
    choices=(
        Choice(text="Dissociation", correct=True, feedback="Yes, dissociation."),
        Choice(text="Hair loss", feedback="Not typical."),
        Choice(text="Raised blood pressure", correct=True, feedback="Yes, blood pressure."),
        Choice(text="Nothing at all"),
    ),
)

TRUE_FALSE = TrueFalseQuestion(
    id="q-tf",
    prompt="You may drive yourself home after a session.",
    explanation="No driving until the next day.",
    answer=False,
    feedback=Feedback(correct="Good.", incorrect="Not the same day."),
)

ORDER = OrderQuestion(
    id="q-order",
    prompt="Put the steps in order.",
    explanation="Check in, dose, observe.",
    items=("Check in", "Take the dose", "Be observed"),
    feedback=Feedback(correct="", incorrect="Check the order."),
)

SHORT = ShortAnswerQuestion(
    id="q-short",
    prompt="Which number do you call or text in a US crisis?",
    explanation="988 is the Suicide & Crisis Lifeline.",
    accepted=("988", "nine eight eight"),
    feedback=Feedback(correct="Yes.", incorrect="It is 988."),
)

QUIZ = Quiz(pass_mark=0.8, questions=(SINGLE, MULTIPLE, TRUE_FALSE, ORDER, SHORT))


# ---------------------------------------------------------------------------- single


def test_single_right_shows_its_feedback() -> None:
    grade = check_answer(SINGLE, 1)
    assert grade.correct
    assert grade.question_id == "q-single"
    assert grade.feedback == ("Right.",)
    assert grade.correct_answer == "At least 2 hours"


def test_single_wrong_shows_the_picked_choice_feedback() -> None:
    grade = check_answer(SINGLE, 0)
    assert not grade.correct
    assert grade.feedback == ("Too short.",)
    assert grade.correct_answer == "At least 2 hours"


def test_single_wrong_without_feedback_shows_none() -> None:
    grade = check_answer(SINGLE, 2)
    assert not grade.correct
    assert grade.feedback == ()


@pytest.mark.parametrize("answer", [True, False, -1, 3, 10**30, "1", 1.0, None, [1], {1}])
def test_single_rejects_bad_shapes(answer: object) -> None:
    # True == 1 in Python, and 1 is the right choice: a bool must still be wrong.
    grade = check_answer(SINGLE, answer)
    assert not grade.correct
    assert grade.feedback == ()


# ---------------------------------------------------------------------------- multiple


@pytest.mark.parametrize("answer", [frozenset({0, 2}), {2, 0}, [2, 0], (0, 2)])
def test_multiple_right_needs_exactly_the_correct_set(answer: object) -> None:
    grade = check_answer(MULTIPLE, answer)
    assert grade.correct
    assert grade.feedback == ("Yes, dissociation.", "Yes, blood pressure.")
    assert grade.correct_answer == "Dissociation; Raised blood pressure"


def test_multiple_feedback_is_in_choice_order_for_each_pick() -> None:
    grade = check_answer(MULTIPLE, [2, 1, 0])
    assert not grade.correct  # a superset is wrong
    assert grade.feedback == ("Yes, dissociation.", "Not typical.", "Yes, blood pressure.")


@pytest.mark.parametrize(
    "answer",
    [frozenset({0}), frozenset(), frozenset({0, 2, 3}), [0, 0, 2], [0, True], [0, 2, 4], {-1, 0}],
)
def test_multiple_wrong(answer: object) -> None:
    assert not check_answer(MULTIPLE, answer).correct


def test_multiple_junk_shape_has_no_feedback() -> None:
    grade = check_answer(MULTIPLE, [0, "2"])
    assert not grade.correct
    assert grade.feedback == ()


# ---------------------------------------------------------------------------- true/false


def test_true_false_right_and_wrong() -> None:
    right = check_answer(TRUE_FALSE, False)
    wrong = check_answer(TRUE_FALSE, True)
    assert right.correct and right.feedback == ("Good.",)
    assert not wrong.correct and wrong.feedback == ("Not the same day.",)
    assert right.correct_answer == wrong.correct_answer == "False"


@pytest.mark.parametrize("answer", [0, "False", "false", None, []])
def test_true_false_only_accepts_bools(answer: object) -> None:
    grade = check_answer(TRUE_FALSE, answer)
    assert not grade.correct
    assert grade.feedback == ("Not the same day.",)


def test_true_false_without_feedback_text_shows_nothing() -> None:
    question = TrueFalseQuestion(id="t", prompt="p", explanation="e", answer=True)
    grade = check_answer(question, True)
    assert grade.correct and grade.feedback == ()
    assert grade.correct_answer == "True"


# ---------------------------------------------------------------------------- order


def test_order_right_skips_empty_correct_feedback() -> None:
    grade = check_answer(ORDER, (0, 1, 2))
    assert grade.correct
    assert grade.feedback == ()
    assert grade.correct_answer == "1. Check in → 2. Take the dose → 3. Be observed"


def test_order_accepts_a_list() -> None:
    assert check_answer(ORDER, [0, 1, 2]).correct


@pytest.mark.parametrize(
    "answer",
    [(1, 0, 2), (2, 1, 0), (0, 1), (0, 1, 2, 3), (0, 0, 1), (0, 1, 3), (0, True, 2), "012", None],
)
def test_order_wrong_or_malformed(answer: object) -> None:
    grade = check_answer(ORDER, answer)
    assert not grade.correct
    assert grade.feedback == ("Check the order.",)


def test_order_items_with_equal_text_may_swap() -> None:
    question = OrderQuestion(id="o", prompt="p", explanation="e", items=("a", "a", "b"))
    assert check_answer(question, (1, 0, 2)).correct
    assert not check_answer(question, (2, 0, 1)).correct


# ---------------------------------------------------------------------------- short answer


@pytest.mark.parametrize(
    "answer",
    ["988", " 988 ", "9-8-8", " 9-8-8 ", "9 8 8", "988.", "Nine Eight Eight", "nine-eight-eight"],
)
def test_short_answer_right(answer: str) -> None:
    grade = check_answer(SHORT, answer)
    assert grade.correct
    assert grade.feedback == ("Yes.",)
    assert grade.correct_answer == "988"


@pytest.mark.parametrize("answer", ["", "   ", "...", "911", "98", "9888", "nine eight"])
def test_short_answer_wrong(answer: str) -> None:
    grade = check_answer(SHORT, answer)
    assert not grade.correct
    assert grade.feedback == ("It is 988.",)


def test_short_answer_too_long_is_wrong() -> None:
    assert not check_answer(SHORT, "988" + " " * 20_000).correct


@pytest.mark.parametrize(
    ("typed", "accepted"),
    [
        ("KETAMINE", "ketamine"),
        ("  nasal\tspray \n", "Nasal spray"),
        ("“nasal spray”", "nasal spray"),  # curly quotes
        ("ketamine—assisted", "ketamine-assisted"),  # em dash vs hyphen
        ("ketamine assisted", "ketamine-assisted"),
        ("dont", "don't"),
        ("don’t", "don't"),  # curly apostrophe
        ("naive", "naïve"),  # accents folded
        ("CAFÉ", "café"),
        ("strasse", "Straße"),  # casefold
        ("ｋｅｔａｍｉｎｅ", "ketamine"),  # full-width, NFKC
        ("e\u0301", "é"),  # decomposed vs composed
    ],
)
def test_short_answer_normalisation(typed: str, accepted: str) -> None:
    question = ShortAnswerQuestion(id="s", prompt="p", explanation="e", accepted=(accepted,))
    assert check_answer(question, typed).correct


def test_short_answer_different_words_stay_different() -> None:
    question = ShortAnswerQuestion(id="s", prompt="p", explanation="e", accepted=("esketamine",))
    assert not check_answer(question, "ketamine").correct
    assert not check_answer(question, "es ketamine x").correct


def test_normalize_text() -> None:
    assert normalize_text("  Don’t  STOP—now!  ") == "dont stop now"
    assert normalize_text("Ça   va?") == "ca va"
    assert normalize_text("!!!") == ""


# ---------------------------------------------------------------------------- scoring


@pytest.mark.parametrize(
    ("fraction", "pass_mark", "expected"),
    [
        (4 / 5, 0.8, True),
        (0.7 + 0.1, 0.8, True),  # 0.7999999999999999
        (8 / 10, 0.8, True),
        (7 / 9, 0.78, False),
        (3 / 4, 0.8, False),
        (1.0, 1.0, True),
        (0.99, 1.0, False),
        (float("nan"), 0.8, False),
    ],
)
def test_passes_boundary(fraction: float, pass_mark: float, expected: bool) -> None:
    assert passes(fraction, pass_mark) is expected


def test_score_attempt_counts_and_missed_in_quiz_order() -> None:
    grades = {"q-short": False, "q-tf": True, "q-single": True, "not-in-quiz": True}
    score = score_attempt(QUIZ, grades)
    assert (score.correct, score.total) == (2, 5)
    # q-multi and q-order were never answered: missed too, in quiz order.
    assert score.missed == ("q-multi", "q-order", "q-short")
    assert score.fraction == pytest.approx(0.4)
    assert not score.passed


def test_score_attempt_four_of_five_passes_at_point_eight() -> None:
    grades = {q.id: True for q in QUIZ.questions} | {"q-order": False}
    score = score_attempt(QUIZ, grades)
    assert score == Score(correct=4, total=5, pass_mark=0.8, missed=("q-order",))
    assert score.passed


def test_score_empty_quiz_passes() -> None:
    score = score_attempt(Quiz(), {"x": False})
    assert score.total == 0 and score.fraction == 1.0 and score.passed


def test_questions_to_retry_and_merged_retry_passes() -> None:
    first = {"q-single": True, "q-multi": False, "q-tf": True, "q-order": False}
    retry_ids = questions_to_retry(QUIZ, first)
    assert retry_ids == ("q-multi", "q-order", "q-short")
    assert not score_attempt(QUIZ, first).passed

    # The retry asks only the missed questions; two of three right this time.
    retry = {"q-multi": True, "q-order": False, "q-short": True}
    subset = score_subset(QUIZ, retry_ids, retry)
    assert (subset.correct, subset.total, subset.missed) == (2, 3, ("q-order",))

    merged = merge_grades(first, retry)
    score = score_attempt(QUIZ, merged)
    assert (score.correct, score.missed) == (4, ("q-order",))
    assert score.passed
    assert questions_to_retry(QUIZ, merged) == ("q-order",)


def test_merge_grades_new_answer_wins() -> None:
    assert merge_grades({"a": True, "b": False}, {"a": False}) == {"a": False, "b": False}
    # Inputs are not modified.
    previous = {"a": True}
    merge_grades(previous, {"a": False})
    assert previous == {"a": True}


def test_score_subset_ignores_unknown_ids_and_keeps_quiz_order() -> None:
    score = score_subset(QUIZ, ["q-short", "nope", "q-single"], {})
    assert score.total == 2
    assert score.missed == ("q-single", "q-short")


# ---------------------------------------------------------------------------- shuffling


def test_question_order_unshuffled_is_quiz_order() -> None:
    assert shuffled_question_order(QUIZ, 123) == [q.id for q in QUIZ.questions]


def test_question_order_shuffled_is_deterministic_permutation() -> None:
    quiz = Quiz(shuffle=True, questions=QUIZ.questions)
    orders = {tuple(shuffled_question_order(quiz, seed)) for seed in range(30)}
    for order in orders:
        assert sorted(order) == sorted(q.id for q in QUIZ.questions)
    assert len(orders) > 1  # the seed matters
    assert shuffled_question_order(quiz, "attempt-7") == shuffled_question_order(quiz, "attempt-7")


@pytest.mark.parametrize("n", [2, 3, 5])
def test_shuffled_indices_never_start_in_the_right_order(n: int) -> None:
    for seed in range(200):
        indices = shuffled_indices(n, seed)
        assert sorted(indices) == list(range(n))
        assert indices != list(range(n))
        assert shuffled_indices(n, seed) == indices


@pytest.mark.parametrize(("n", "expected"), [(0, []), (1, [0]), (-3, [])])
def test_shuffled_indices_small(n: int, expected: list[int]) -> None:
    assert shuffled_indices(n, 1) == expected


# ---------------------------------------------------------------------------- JSON


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        (SINGLE, 1),
        (MULTIPLE, frozenset({2, 0})),
        (MULTIPLE, frozenset()),
        (TRUE_FALSE, True),
        (TRUE_FALSE, False),
        (ORDER, (2, 0, 1)),
        (SHORT, " Nine-eight-eight "),
        (SHORT, ""),
    ],
)
def test_answer_json_round_trip(question: object, answer: object) -> None:
    data = json.loads(json.dumps(answer_to_json(question, answer)))  # type: ignore[arg-type]
    rebuilt = answer_from_json(question, data)  # type: ignore[arg-type]
    assert rebuilt == answer
    assert type(rebuilt) is type(answer)
    assert check_answer(question, rebuilt) == check_answer(question, answer)  # type: ignore[arg-type]


def test_encode_answer_shapes() -> None:
    assert encode_answer(frozenset({3, 1, 2})) == [1, 2, 3]
    assert encode_answer((2, 0, 1)) == [2, 0, 1]
    assert encode_answer(None) is None
    assert encode_answer(object()) is None
    assert encode_answer(float("inf")) is None
    json.dumps(encode_answer({1, "a", (2,)}))  # mixed junk still serialises


def test_answers_are_stored_by_choice_id_not_position() -> None:
    assert answer_to_json(SINGLE, 1) == choice_id(SINGLE.choices[1])
    assert answer_to_json(MULTIPLE, frozenset({2, 0})) == sorted(
        choice_id(MULTIPLE.choices[i]) for i in (0, 2)
    )
    assert answer_to_json(ORDER, (2, 0, 1)) == [text_id(ORDER.items[i]) for i in (2, 0, 1)]
    assert answer_to_json(SINGLE, 99) is None  # malformed: stored as null


@pytest.mark.parametrize(
    ("question", "data"),
    [
        (SINGLE, True),
        (SINGLE, 7),
        (SINGLE, "1"),
        (SINGLE, 1.0),
        (MULTIPLE, [0, 0]),
        (MULTIPLE, [0, 9]),
        (MULTIPLE, 0),
        (MULTIPLE, {"a": 1}),
        (TRUE_FALSE, 1),
        (TRUE_FALSE, "true"),
        (ORDER, [0, 1]),
        (ORDER, [0, 0, 1]),
        (ORDER, [0, 1, False]),
        (SHORT, 988),
        (SHORT, None),
        (SHORT, ["988"]),
    ],
)
def test_answer_from_json_junk_is_none(question: object, data: object) -> None:
    assert answer_from_json(question, data) is None  # type: ignore[arg-type]


def test_answer_to_json_survives_a_self_containing_list() -> None:
    loop: list[object] = [1]
    loop.append(loop)
    json.dumps(answer_to_json(ORDER, loop))
    assert not check_answer(ORDER, loop).correct


def test_multiple_right_answer_joins_sentences_without_stray_periods() -> None:
    question = MultipleQuestion(
        id="q-sentences",
        prompt="Which are true?",
        explanation="Both are true.",
        choices=(
            Choice(text="It is a common health condition.", correct=True),
            Choice(text="It is rare."),
            Choice(text="It can be treated.", correct=True),
        ),
    )
    assert correct_answer_text(question) == "It is a common health condition; It can be treated"
    # One sentence alone keeps its full stop.
    one = SingleQuestion(
        id="q-one",
        prompt="Which is true?",
        explanation="It is.",
        choices=(Choice(text="It can be treated.", correct=True), Choice(text="No.")),
    )
    assert correct_answer_text(one) == "It can be treated."


def test_choice_order_follows_the_seed_keeps_fixed_choices_and_can_be_off() -> None:
    letters = [Choice(text=t, correct=t == "b") for t in "abcde"]
    choices = (*letters, Choice(text="None of these", fixed=True))
    question = SingleQuestion(id="q", prompt="?", explanation=".", choices=choices)
    orders = {shown_order(question, question_seed(seed, "q")) for seed in range(40)}
    assert len(orders) > 10  # attempts see different orders
    assert shown_order(question, "7:q") == shown_order(question, "7:q")  # resume: the same
    assert all(order[-1] == 5 for order in orders)  # "None of these" stays last
    assert all(sorted(order) == list(range(6)) for order in orders)
    kept = msgspec.structs.replace(question, shuffle=False)
    assert shown_order(kept, "7:q") == tuple(range(6))
    assert shown_order(question, None) == tuple(range(6))  # an attempt from format 1

"""One entry per question type: the only place that dispatches on a question's type.

Each `QuestionKind` says, for its type: how an answer is checked (`check`), how it is kept
in storage (`encode` / `decode`), how a learner's answer reads in words (`describe`), what
the right answer reads as (`right_answer`), which choices an answer picked (`picked`), the
order its choices or items are shown in (`shown_order`), and the one-line how-to shown
above the question. Everything else (grading, the question views, the kiosk's
statistics, answer analytics, records) asks `kind_of(question)`.

Answer shapes in memory (what the UI hands in, `accept` checks and `decode` gives back):
- single:       int             index into `question.choices` as written
- multiple:     frozenset[int]  indices into `question.choices` as written
- true_false:   bool
- order:        tuple[int, ...] the learner's order, as indices into `question.items`
                (the items as authored are the right order: (0, 1, 2, ...) is correct)
- short_answer: str
Any other shape is graded wrong and never raises. `bool` is never accepted where an index
is expected (in Python `True == 1`), and an int is never a true/false answer.

Stored form (`encode`; what progress, records and statistics keep): never a position.
A single answer is its choice's id (`content.model.choice_id`), a multiple answer the
sorted list of the picked ids, an order answer the list of the items' ids (`text_id`) in
the learner's order; true/false and short answers are kept as they are. So reordering
choices or items in the YAML changes no stored answer. `from_positions` converts an
answer stored by position (progress format 1) to that form.

Adding a question type: its struct in `content/model.py`, a `QuestionKind` here (and an
entry in `_KINDS`), one view in `ui/widgets/questions.py`, and the docs (docs/authoring.md,
docs/architecture.md).
"""

from __future__ import annotations

import math
import random
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeGuard, TypeVar

from ketatui.content.model import (
    Choice,
    MultipleQuestion,
    OrderQuestion,
    Question,
    QuestionType,
    ShortAnswerQuestion,
    SingleQuestion,
    TrueFalseQuestion,
    choice_id,
    text_id,
)
from ketatui.i18n import N_, _
from ketatui.quiz.matching import short_answer_matches

Answer = int | bool | str | frozenset[int] | tuple[int, ...]

#: Arrow between items in the readable right answer of an order question.
ORDER_SEPARATOR = " → "
#: How analytics show an answer they must not or cannot show (free text, nothing picked).
HIDDEN_ANSWER = "—"
#: Answers are flat; junk nested deeper than this is stored as null.
_MAX_JSON_DEPTH = 8

Q = TypeVar("Q", bound=Question)


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


def _is_index(value: object) -> TypeGuard[int]:
    # bool is a subclass of int; True must not pass for choice 1.
    return isinstance(value, int) and not isinstance(value, bool)


def _valid_index(value: object, size: int) -> TypeGuard[int]:
    return _is_index(value) and 0 <= value < size


def _typed_numbers(text: str, shown: Sequence[int]) -> list[int] | None:
    """The options a typed line of numbers picks ("2", "1 3", "1, 3"), as indices in
    `shown`'s terms; None when any part is not a listed number."""
    parts = text.replace(",", " ").split()
    if not parts or not all(p.isdigit() and 1 <= int(p) <= len(shown) for p in parts):
        return None
    return [shown[int(p) - 1] for p in parts]


def _texts(lines: Iterable[str]) -> tuple[str, ...]:
    return tuple(line for line in lines if line)


def encode_answer(answer: object, _depth: int = 0) -> object:
    """A JSON-safe form of an answer for storage (frozenset -> sorted list ...).

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
        items: list[Any] = [encode_answer(a, _depth + 1) for a in answer]
        try:
            return sorted(items)
        except TypeError:  # mixed element types: any stable order will do
            return sorted(items, key=lambda a: (type(a).__name__, repr(a)))
    if isinstance(answer, list | tuple):
        return [encode_answer(a, _depth + 1) for a in answer]
    return None


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


def _choice_order(choices: Sequence[Choice], seed: str, shuffle: bool) -> tuple[int, ...]:
    """Choice indices in the order shown: shuffled by `seed`, a fixed choice kept in place."""
    order = range(len(choices))
    if not shuffle:
        return tuple(order)
    movable = [i for i in order if not choices[i].fixed]
    random.Random(seed).shuffle(movable)
    rest = iter(movable)
    return tuple(i if choices[i].fixed else next(rest) for i in order)


def _indices_of(ids: object, known: Sequence[str]) -> list[int] | None:
    """Indices of stored ids among `known` (ids as written), or None if any is unknown.

    An id that occurs several times in `known` (order items with equal text) takes its
    next unused index, so equal items still give a full order.
    """
    if not isinstance(ids, list | tuple) or not all(isinstance(i, str) for i in ids):
        return None
    used: set[int] = set()
    found: list[int] = []
    for wanted in ids:
        index = next((i for i, k in enumerate(known) if k == wanted and i not in used), None)
        if index is None:
            return None
        used.add(index)
        found.append(index)
    return found


class QuestionKind(ABC, Generic[Q]):
    """What one question type needs everywhere else; one instance per type in `_KINDS`."""

    tag: ClassVar[QuestionType]
    #: The line shown under the prompt, saying how to answer.
    how_to: ClassVar[str]
    #: True when answers are typed text: analytics never show them.
    free_text: ClassVar[bool] = False
    #: How to answer by typing (the plain, screen-reader mode: `ketatui read`).
    typed_how_to: ClassVar[str] = N_("Type the number of your answer.")

    def options(self, question: Q) -> tuple[str, ...]:
        """What a typed answer picks from by number, as written (none: free text)."""
        return ()

    def from_typed(self, question: Q, text: str, shown: Sequence[int]) -> Answer | None:
        """An answer (the shape `accept` takes) from what a learner typed, or None when it
        does not fit.

        `shown` is the order the options were listed in, as indices into `options`: the
        learner types the numbers they saw (1 is `shown[0]`).
        """
        picked = _typed_numbers(text, shown)
        return self.accept(question, picked[0]) if picked and len(picked) == 1 else None

    #: The xAPI interaction type of this kind of question (`ketatui.progress.xapi`).
    interaction: ClassVar[str]

    def xapi_response(self, question: Q, stored: object) -> str | None:
        """A stored answer as an xAPI response string, or None when it has none."""
        return stored if isinstance(stored, str) else None

    def xapi_correct(self, question: Q) -> list[str]:
        """The xAPI correctResponsesPattern: each response that counts as right."""
        return [self.right_answer(question)]

    def xapi_components(self, question: Q, lang: str) -> dict[str, list[dict[str, object]]]:
        """The xAPI interaction components (choices, or items to sequence) with their ids,
        their words tagged with the language `lang`."""
        return {}

    @abstractmethod
    def accept(self, question: Q, given: object) -> Answer | None:
        """`given` if it is an answer of the right shape for `question` (see the module
        doc), else None (wrong type, index out of range, duplicates...)."""

    def encode(self, question: Q, answer: Answer) -> object:
        """The stored (JSON) form of a well-formed answer: ids, never positions."""
        return encode_answer(answer)

    def decode(self, question: Q, data: object) -> Answer | None:
        """An answer from its stored form (`encode`), or None when it no longer fits the
        question (a choice that is gone, a malformed value)."""
        return self.accept(question, data)

    def from_positions(self, question: Q, data: object) -> object | None:
        """The stored form of an answer kept by position (progress format 1), read against
        this version of the question, or None when it does not fit it."""
        value = self.accept(question, data)
        return None if value is None else self.encode(question, value)

    def shown_order(self, question: Q, seed: str | None) -> tuple[int, ...]:
        """The order a learner sees this question's choices or items in, as indices as
        written, from a seed (the same seed gives the same order; None: choices as
        written, for attempts from before choices were shuffled); () without any."""
        return ()

    @abstractmethod
    def is_right(self, question: Q, answer: Answer) -> bool:
        """Whether a well-formed answer is right."""

    @abstractmethod
    def right_answer(self, question: Q) -> str:
        """The right answer in words (what `Grade.correct_answer` holds)."""

    def right_answer_lines(self, question: Q) -> tuple[str, ...]:
        """The right answer as separate lines where there are several (multiple choice)."""
        return (self.right_answer(question),)

    @abstractmethod
    def describe(self, question: Q, answer: Answer, shown: Sequence[int] = ()) -> str:
        """A well-formed answer in words, as the learner gave it; picked choices follow
        `shown` (the order they were shown in) when it is given."""

    def feedback(self, question: Q, answer: Answer | None, correct: bool) -> tuple[str, ...]:
        """The author's feedback lines for an answer (None: a malformed one)."""
        lines = getattr(question, "feedback", None)
        if lines is None:
            return ()
        return _texts([lines.correct if correct else lines.incorrect])

    def picked(self, question: Q, answer: Answer) -> tuple[int, ...]:
        """The choice indices an answer picked, in choice order (none for other types)."""
        return ()

    def picked_ids(self, question: Q, answer: Answer) -> tuple[str, ...]:
        """The ids of the choices an answer picked, in choice order (none for other types)."""
        ids = self.ids(question)
        return tuple(ids[i] for i in self.picked(question, answer))

    def ids(self, question: Q) -> tuple[str, ...]:
        """The stable id of each choice, in the order written (none for other types)."""
        return ()

    def describe_for_stats(self, question: Q, answer: Answer) -> str:
        """An answer as answer analytics show it: as given, or hidden for free text."""
        return HIDDEN_ANSWER if self.free_text else self.describe(question, answer)

    def most_wrong_of_counts(
        self, question: Q, picks: Mapping[str, int], wrong: int
    ) -> tuple[str, int]:
        """From per-choice pick counts only (the kiosk's anonymous statistics): the wrong
        answer picked most and how often, or (HIDDEN_ANSWER, 0) when counts cannot tell.

        `picks` is choice id -> times picked; `wrong` is how many answers were wrong.
        """
        return HIDDEN_ANSWER, 0

    def check(self, question: Q, answer: object) -> Grade:
        """Grade one answer. Never raises: a malformed answer is graded wrong."""
        value = self.accept(question, answer)
        correct = value is not None and self.is_right(question, value)
        return Grade(
            question.id,
            correct,
            self.feedback(question, value, correct),
            self.right_answer(question),
        )


#: How xAPI joins the ids of a choice or sequencing response.
XAPI_JOIN = "[,]"


def _component(key: str, text: str, lang: str) -> dict[str, object]:
    return {"id": key, "description": {lang: text}}


class _ChoiceKind(QuestionKind[Q]):
    """Shared by single and multiple: feedback per picked choice, wrong picks counted."""

    interaction = "choice"

    def xapi_response(self, question: Q, stored: object) -> str | None:
        ids = [stored] if isinstance(stored, str) else stored
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            return None
        return XAPI_JOIN.join(ids)

    def xapi_correct(self, question: Q) -> list[str]:
        choices = getattr(question, "choices", ())
        return [XAPI_JOIN.join(choice_id(c) for c in choices if c.correct)]

    def xapi_components(self, question: Q, lang: str) -> dict[str, list[dict[str, object]]]:
        choices = getattr(question, "choices", ())
        return {"choices": [_component(choice_id(c), c.text, lang) for c in choices]}

    def shown_order(self, question: Q, seed: str | None) -> tuple[int, ...]:
        choices = getattr(question, "choices", ())
        shuffle = seed is not None and getattr(question, "shuffle", True)
        return _choice_order(choices, seed or "", shuffle)

    def ids(self, question: Q) -> tuple[str, ...]:
        """The stable id of each choice, in the order written."""
        return tuple(choice_id(c) for c in getattr(question, "choices", ()))

    def feedback(self, question: Q, answer: Answer | None, correct: bool) -> tuple[str, ...]:
        if answer is None:
            return ()
        choices = getattr(question, "choices", ())
        return _texts(choices[i].feedback for i in self.picked(question, answer))

    def right_answer(self, question: Q) -> str:
        texts = [c.text.strip() for c in getattr(question, "choices", ()) if c.correct]
        if len(texts) > 1:
            # "It is common; It can be treated", not "It is common.; It can be treated."
            texts = [t.removesuffix(".") for t in texts]
        return "; ".join(texts)

    def right_answer_lines(self, question: Q) -> tuple[str, ...]:
        return tuple(c.text for c in getattr(question, "choices", ()) if c.correct)

    def options(self, question: Q) -> tuple[str, ...]:
        return tuple(c.text for c in getattr(question, "choices", ()))

    def most_wrong_of_counts(
        self, question: Q, picks: Mapping[str, int], wrong: int
    ) -> tuple[str, int]:
        choices = getattr(question, "choices", ())
        best, best_count = None, 0
        for choice in choices:  # ties go to the first choice as written
            chosen = picks.get(choice_id(choice), 0)
            if not choice.correct and chosen > best_count:
                best, best_count = choice, chosen
        return (best.text, best_count) if best is not None else (HIDDEN_ANSWER, 0)


class SingleKind(_ChoiceKind[SingleQuestion]):
    tag = "single"
    how_to = N_("Choose one answer.")

    def accept(self, question: SingleQuestion, given: object) -> Answer | None:
        return given if _valid_index(given, len(question.choices)) else None

    def encode(self, question: SingleQuestion, answer: Answer) -> object:
        return choice_id(question.choices[answer]) if _is_index(answer) else None

    def decode(self, question: SingleQuestion, data: object) -> Answer | None:
        found = _indices_of([data], self.ids(question))
        return found[0] if found else None

    def is_right(self, question: SingleQuestion, answer: Answer) -> bool:
        return _is_index(answer) and question.choices[answer].correct

    def describe(self, question: SingleQuestion, answer: Answer, shown: Sequence[int] = ()) -> str:
        return question.choices[answer].text if _is_index(answer) else HIDDEN_ANSWER

    def picked(self, question: SingleQuestion, answer: Answer) -> tuple[int, ...]:
        return (answer,) if _valid_index(answer, len(question.choices)) else ()


class MultipleKind(_ChoiceKind[MultipleQuestion]):
    tag = "multiple"
    how_to = N_("Tick every answer that applies.")
    typed_how_to = N_("Type the numbers of every answer that applies, with spaces between them.")

    def accept(self, question: MultipleQuestion, given: object) -> Answer | None:
        if not isinstance(given, frozenset | set | list | tuple):
            return None
        items = list(given)
        if not all(_valid_index(i, len(question.choices)) for i in items):
            return None
        picked = frozenset(items)
        if len(picked) != len(items):  # duplicates in a list/tuple: malformed
            return None
        return picked

    def encode(self, question: MultipleQuestion, answer: Answer) -> object:
        return sorted(choice_id(question.choices[i]) for i in self.picked(question, answer))

    def decode(self, question: MultipleQuestion, data: object) -> Answer | None:
        found = _indices_of(data, self.ids(question))
        return None if found is None else self.accept(question, found)

    def is_right(self, question: MultipleQuestion, answer: Answer) -> bool:
        right = frozenset(i for i, c in enumerate(question.choices) if c.correct)
        return answer == right

    def describe(
        self, question: MultipleQuestion, answer: Answer, shown: Sequence[int] = ()
    ) -> str:
        picked = self.picked(question, answer)
        if shown:
            picked = tuple(i for i in shown if i in picked)
        texts = [question.choices[i].text.strip() for i in picked]
        if len(texts) > 1:  # "It is common; It can be treated", not "common.; It can"
            texts = [t.removesuffix(".") for t in texts]
        return "; ".join(texts) or _("(none ticked)")

    def from_typed(
        self, question: MultipleQuestion, text: str, shown: Sequence[int]
    ) -> Answer | None:
        picked = _typed_numbers(text, shown)
        return None if picked is None else self.accept(question, frozenset(picked))

    def describe_for_stats(self, question: MultipleQuestion, answer: Answer) -> str:
        picked = self.picked(question, answer)
        if not picked:
            return _("(nothing chosen)")
        text = " + ".join(question.choices[i].text for i in picked)
        # A wrong set may hold only right choices (some were left out): say which, or the
        # "most chosen wrong answer" would read like a right one.
        missed = [c.text for i, c in enumerate(question.choices) if c.correct and i not in picked]
        return (
            _("{text} (left out: {missed})").format(text=text, missed=" + ".join(missed))
            if missed
            else text
        )

    def picked(self, question: MultipleQuestion, answer: Answer) -> tuple[int, ...]:
        if not isinstance(answer, frozenset):
            return ()
        return tuple(sorted(i for i in answer if _valid_index(i, len(question.choices))))


#: Words a typed true/false answer may be, in every interface language (`ketatui read`).
_TRUE_WORDS = frozenset({"true", "t", "verdadero", "v", "cierto"})
_FALSE_WORDS = frozenset({"false", "f", "falso"})


class TrueFalseKind(QuestionKind[TrueFalseQuestion]):
    tag = "true_false"
    how_to = N_("Is this true or false?")
    typed_how_to = N_("Type 1 for true or 2 for false.")
    interaction = "true-false"

    def options(self, question: TrueFalseQuestion) -> tuple[str, ...]:
        return (_("True"), _("False"))

    def from_typed(
        self, question: TrueFalseQuestion, text: str, shown: Sequence[int]
    ) -> Answer | None:
        word = text.strip().casefold()
        if word in _TRUE_WORDS or word in _FALSE_WORDS:
            return word in _TRUE_WORDS
        picked = _typed_numbers(text, shown)
        return picked[0] == 0 if picked and len(picked) == 1 else None

    def xapi_response(self, question: TrueFalseQuestion, stored: object) -> str | None:
        return ("true" if stored else "false") if isinstance(stored, bool) else None

    def xapi_correct(self, question: TrueFalseQuestion) -> list[str]:
        return ["true" if question.answer else "false"]

    def accept(self, question: TrueFalseQuestion, given: object) -> Answer | None:
        return given if isinstance(given, bool) else None

    def is_right(self, question: TrueFalseQuestion, answer: Answer) -> bool:
        return isinstance(answer, bool) and answer == question.answer

    def right_answer(self, question: TrueFalseQuestion) -> str:
        return _("True") if question.answer else _("False")

    def describe(
        self, question: TrueFalseQuestion, answer: Answer, shown: Sequence[int] = ()
    ) -> str:
        return _("True") if answer is True else _("False")

    def most_wrong_of_counts(
        self, question: TrueFalseQuestion, picks: Mapping[str, int], wrong: int
    ) -> tuple[str, int]:
        # Only one wrong answer exists: the opposite of the right one.
        if not wrong:
            return HIDDEN_ANSWER, 0
        return (_("False") if question.answer else _("True")), wrong


class OrderKind(QuestionKind[OrderQuestion]):
    tag = "order"
    how_to = N_("Put these in order: highlight an item, then move it (u / d keys or the buttons).")
    typed_how_to = N_("Type the numbers of all the items in the right order, with spaces between.")
    interaction = "sequencing"

    def options(self, question: OrderQuestion) -> tuple[str, ...]:
        return question.items

    def from_typed(self, question: OrderQuestion, text: str, shown: Sequence[int]) -> Answer | None:
        picked = _typed_numbers(text, shown)
        return None if picked is None else self.accept(question, tuple(picked))

    def xapi_response(self, question: OrderQuestion, stored: object) -> str | None:
        if not isinstance(stored, list) or not all(isinstance(i, str) for i in stored):
            return None
        return XAPI_JOIN.join(stored)

    def xapi_correct(self, question: OrderQuestion) -> list[str]:
        return [XAPI_JOIN.join(text_id(item) for item in question.items)]

    def xapi_components(
        self, question: OrderQuestion, lang: str
    ) -> dict[str, list[dict[str, object]]]:
        # Items with the same words share one id: list each id once.
        unique = {text_id(item): item for item in question.items}
        return {"choices": [_component(key, text, lang) for key, text in unique.items()]}

    def accept(self, question: OrderQuestion, given: object) -> Answer | None:
        size = len(question.items)
        if not isinstance(given, list | tuple) or len(given) != size:
            return None
        if not all(_valid_index(i, size) for i in given):
            return None
        order = tuple(given)
        return order if len(set(order)) == size else None  # duplicates: malformed

    def encode(self, question: OrderQuestion, answer: Answer) -> object:
        order = answer if isinstance(answer, tuple) else ()
        return [text_id(question.items[i]) for i in order]

    def decode(self, question: OrderQuestion, data: object) -> Answer | None:
        found = _indices_of(data, [text_id(item) for item in question.items])
        return None if found is None else self.accept(question, found)

    def shown_order(self, question: OrderQuestion, seed: str | None) -> tuple[int, ...]:
        # Never as written, whatever the seed: the items as written are the answer.
        return tuple(shuffled_indices(len(question.items), seed or ""))

    def is_right(self, question: OrderQuestion, answer: Answer) -> bool:
        items = question.items
        # Compare the texts shown, so items with equal text may swap places.
        return isinstance(answer, tuple) and all(
            items[i] == item for i, item in zip(answer, items, strict=True)
        )

    def right_answer(self, question: OrderQuestion) -> str:
        return ORDER_SEPARATOR.join(f"{n}. {item}" for n, item in enumerate(question.items, 1))

    def describe(self, question: OrderQuestion, answer: Answer, shown: Sequence[int] = ()) -> str:
        order = answer if isinstance(answer, tuple) else ()
        return ORDER_SEPARATOR.join(question.items[i] for i in order)


class ShortAnswerKind(QuestionKind[ShortAnswerQuestion]):
    tag = "short_answer"
    how_to = N_("Type a short answer.")
    typed_how_to = N_("Type a short answer.")
    free_text = True
    interaction = "fill-in"

    def xapi_correct(self, question: ShortAnswerQuestion) -> list[str]:
        return list(question.accepted)

    def from_typed(
        self, question: ShortAnswerQuestion, text: str, shown: Sequence[int]
    ) -> Answer | None:
        return self.accept(question, text.strip()) if text.strip() else None

    def accept(self, question: ShortAnswerQuestion, given: object) -> Answer | None:
        return given if isinstance(given, str) else None

    def is_right(self, question: ShortAnswerQuestion, answer: Answer) -> bool:
        return isinstance(answer, str) and short_answer_matches(answer, question.accepted)

    def right_answer(self, question: ShortAnswerQuestion) -> str:
        return question.accepted[0] if question.accepted else ""

    def describe(
        self, question: ShortAnswerQuestion, answer: Answer, shown: Sequence[int] = ()
    ) -> str:
        return (answer.strip() if isinstance(answer, str) else "") or "(empty)"


_KINDS: dict[type[Question], QuestionKind[Any]] = {
    SingleQuestion: SingleKind(),
    MultipleQuestion: MultipleKind(),
    TrueFalseQuestion: TrueFalseKind(),
    OrderQuestion: OrderKind(),
    ShortAnswerQuestion: ShortAnswerKind(),
}
_BY_TAG: dict[str, QuestionKind[Any]] = {kind.tag: kind for kind in _KINDS.values()}


def kind_of(question: Question) -> QuestionKind[Any]:
    """The kind of a question (raises KeyError for a type with no registered kind)."""
    return _KINDS[type(question)]


def kind_named(tag: str) -> QuestionKind[Any] | None:
    """The kind whose `type:` tag is `tag`, or None."""
    return _BY_TAG.get(tag)


def kinds() -> tuple[QuestionKind[Any], ...]:
    """Every registered kind, in the order the lesson format lists them."""
    return tuple(_KINDS.values())

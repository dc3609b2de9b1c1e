"""The shipped lessons do not give their answers away by where the right choice sits."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ketatui.content.catalog import load_catalog
from ketatui.content.model import MultipleQuestion, SingleQuestion

LESSONS = Path(__file__).resolve().parents[1] / "lessons"
#: No one place may hold more than this share of the keyed (right) choices.
MOST_AT_ONE_PLACE = 0.40


def _choice_questions() -> list[SingleQuestion | MultipleQuestion]:
    catalog = load_catalog(LESSONS)
    found = []
    for module in catalog.modules:
        for entry in module.lessons:
            quiz = entry.lesson.quiz
            for question in quiz.questions if quiz else ():
                if isinstance(question, SingleQuestion | MultipleQuestion):
                    found.append(question)
    return found


def _shares(places: list[int]) -> dict[int, float]:
    counts = Counter(places)
    return {place: n / len(places) for place, n in sorted(counts.items())}


def test_no_one_place_holds_most_of_the_right_answers() -> None:
    questions = _choice_questions()
    singles = [q for q in questions if isinstance(q, SingleQuestion)]
    assert len(singles) >= 30  # the check means something only over many questions
    single_places = [next(i for i, c in enumerate(q.choices) if c.correct) for q in singles]
    keyed = [i for q in questions for i, c in enumerate(q.choices) if c.correct]
    for shares in (_shares(single_places), _shares(keyed)):
        assert max(shares.values()) <= MOST_AT_ONE_PLACE, shares


def test_the_first_choice_is_not_always_one_to_tick() -> None:
    multiples = [q for q in _choice_questions() if isinstance(q, MultipleQuestion)]
    first_right = sum(1 for q in multiples if q.choices[0].correct)
    assert first_right < len(multiples), "every multiple-choice question includes choice 1"
    assert first_right / len(multiples) <= 0.75

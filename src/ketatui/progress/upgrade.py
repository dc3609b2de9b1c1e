"""Answers kept by position (progress format 1) converted to choice ids, against the course.

Format 1 stored a choice answer as its position in the YAML, so reordering choices changed
what an old answer meant. Format 2 keeps ids (see `ketatui.quiz.kinds`). The schema
migration cannot convert old answers itself, as the lessons are not in the database, so
it marks them `origin = 'position'`; this module converts them once a course is at hand:

- "converted": the attempt's lesson version is known (format 1 kept it for the attempt
  that passed a lesson) and is the version in the course now: exact;
- "assumed": the version the answer was given on was not recorded, so it is read against
  the lesson as it is now (right unless the choices were reordered in between);
- left as "position": the attempt was on a known version that is no longer the course's,
  or the answer does not fit the question now (a choice removed). Kept exactly as stored.

True/false and short answers hold no positions: they become "converted" or "assumed" as
they are. No Textual import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ketatui.progress.model import AnswerOrigin

if TYPE_CHECKING:
    from ketatui.content.catalog import Catalog
    from ketatui.progress.store import ProgressStore

__all__ = ["convert_position_answer", "convert_position_answers"]


def convert_position_answer(
    catalog: Catalog, lesson_id: str, question_id: str, data: object, version: str | None
) -> tuple[object, AnswerOrigin] | None:
    """One format 1 answer in its id form and how sure the conversion is, or None when it
    cannot be converted (see the module doc)."""
    entry = catalog.entry(lesson_id)
    if entry is None:
        return None
    if version is not None and version != entry.content_hash:
        return None  # given on another version, which is not at hand
    question = entry.lesson.question(question_id)
    if question is None:
        return None
    # Here, not at the top: every start runs convert_position_answers, and nearly always
    # finds nothing to convert (the quiz kinds cost ~2 ms to import).
    from ketatui.quiz.kinds import kind_of

    form = kind_of(question).from_positions(question, data)
    if form is None:
        return None
    return form, ("converted" if version is not None else "assumed")


def convert_position_answers(store: ProgressStore, catalog: Catalog) -> int:
    """Convert every answer the store still keeps by position that the course lets us
    read; returns how many were converted. Safe to run again (and by several processes)."""
    changes: list[tuple[int, object, AnswerOrigin]] = []
    for answer_id, lesson_id, question_id, data, version in store.position_answers():
        found = convert_position_answer(catalog, lesson_id, question_id, data, version)
        if found is not None:
            changes.append((answer_id, *found))
    return store.convert_answers(changes)

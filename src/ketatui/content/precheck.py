"""A module's `pre_check:`: each entry must name a question of one of the module's lessons.

Checked when the module loads (and so by `ketatui validate`), each error at the entry's
own line and column in module.yaml.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from yaml.nodes import MappingNode, SequenceNode

from ketatui.content.catalog import LessonEntry
from ketatui.content.errors import ContentError
from ketatui.content.model import Module
from ketatui.content.yamlsafe import read_yaml

#: The most questions a pre-check may ask: it comes before the learner has read anything.
MAX_PRE_CHECK = 10


def _positions(path: Path) -> list[tuple[int, int]]:
    """Line and column of each `pre_check:` entry, in order (1-based)."""
    node = read_yaml(path).node
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if key.value == "pre_check" and isinstance(value, SequenceNode):
                return [(v.start_mark.line + 1, v.start_mark.column + 1) for v in value.value]
    return []


def _problem(ref: str, lessons: dict[str, LessonEntry]) -> tuple[str, str] | None:
    """(message, suggestion) when `ref` names no question of the module, else None."""
    lesson_id, _, question_id = ref.partition("/")
    entry = lessons.get(lesson_id)
    if entry is None:
        known = ", ".join(sorted(lessons)) or "none"
        return (
            f"pre_check: {ref!r} names lesson {lesson_id!r}, which is not in this module",
            f"use one of this module's lessons: {known}",
        )
    quiz = entry.lesson.quiz
    ids = [q.id for q in quiz.questions] if quiz is not None else []
    if question_id not in ids:
        return (
            f"pre_check: lesson {lesson_id!r} has no question {question_id!r}",
            f"its questions are: {', '.join(ids) or 'none'}",
        )
    return None


def pre_check_errors(
    path: Path, info: Module, lessons: Sequence[LessonEntry]
) -> list[ContentError]:
    """The errors of a module's `pre_check:` list (none when it has none)."""
    refs = info.pre_check
    if not refs:
        return []
    positions = _positions(path)
    by_id = {entry.id: entry for entry in lessons}
    errors: list[ContentError] = []
    seen: set[str] = set()
    for n, ref in enumerate(refs):
        line, column = positions[n] if n < len(positions) else (1, 1)
        found = _problem(ref, by_id)
        if found is None and ref in seen:
            found = (f"pre_check: {ref!r} is listed twice", "list each question once")
        seen.add(ref)
        if found is not None:
            errors.append(ContentError(path, line, column, found[0], found[1]))
    if len(refs) > MAX_PRE_CHECK:
        line, column = positions[MAX_PRE_CHECK] if len(positions) > MAX_PRE_CHECK else (1, 1)
        errors.append(
            ContentError(
                path,
                line,
                column,
                f"pre_check: {len(refs)} questions; a pre-check asks at most {MAX_PRE_CHECK}",
                "keep it short: it comes before the learner has read anything",
            )
        )
    return errors

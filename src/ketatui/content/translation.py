"""Translated lessons, modules and courses: naming, parity with the source, and inheriting ids.

A translation sits beside its source with the language before `.yaml`
(`01-what-is-depression.es.yaml`, `module.es.yaml`, `course.es.yaml`; docs/authoring.md).
It is a complete file in the same schema, read only as a translation: never a lesson of
its own. Parity (same lesson id, question ids, types, page count, choices and right
answers) is checked here with file:line; a translation that fails it is not shown, so
answers and progress always line up across languages. Choice ids come from the source
choice at the same written position, so stats and records do too.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import msgspec

from ketatui.content.errors import ContentError
from ketatui.content.model import Choice, Lesson, Question, choice_id, question_type

#: `<stem>.<lang>.yaml`: two or three lowercase letters (ISO 639-1 or -2).
_TRANSLATION = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2,3})\.yaml$")
#: How much of a source lesson's content hash `source_version` holds.
VERSION_CHARS = 12

_Path = tuple[str | int, ...]


def translation_name(name: str) -> tuple[str, str] | None:
    """(source file name, language) for a translation's file name, else None.

    "01-x.es.yaml" -> ("01-x.yaml", "es"); "module.es.yaml" -> ("module.yaml", "es").
    """
    m = _TRANSLATION.match(name)
    if m is None:
        return None
    return m.group("stem") + ".yaml", m.group("lang")


def is_translation(path: Path) -> bool:
    """Whether a file is a translation by its name (`*.<lang>.yaml`)."""
    return translation_name(path.name) is not None


def source_version(content_hash: str) -> str:
    """What a translation's `source_version` must say for a source with this content hash."""
    return content_hash[:VERSION_CHARS]


# ------------------------------------------------------------------------------ parity


class _Positions:
    """file:line:column of paths in a translation file, read only when a problem is found."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._root: Any = None
        self._read = False
        self.errors: list[ContentError] = []

    def _node(self, where: _Path) -> Any:
        if not self._read:
            from ketatui.content.yamlsafe import read_yaml

            self._read = True
            self._root = read_yaml(self.path).node
        node = self._root
        for part in where:
            child = _child(node, part)
            if child is None:
                break
            node = child
        return node

    def add(self, where: _Path, message: str, hint: str | None = None, warn: bool = False) -> None:
        node = self._node(where)
        line, column = (1, 1)
        if node is not None:
            line, column = node.start_mark.line + 1, node.start_mark.column + 1
        severity: Any = "warning" if warn else "error"
        self.errors.append(ContentError(self.path, line, column, message, hint, severity))


def _child(node: Any, part: str | int) -> Any:
    value = getattr(node, "value", None)
    if not isinstance(value, list):
        return None
    if isinstance(part, int):
        item = value[part] if part < len(value) else None
        return item if not isinstance(item, tuple) else None
    for key, child in value:
        if isinstance(key, object) and getattr(key, "value", None) == part:
            return child
    return None


def check_parity(
    source: Lesson, source_hash: str, translated: Lesson, path: Path, lang: str
) -> list[ContentError]:
    """Everything that keeps `translated` (the file `path`) from lining up with `source`.

    Errors: another lesson id or language, another number of pages, other question ids,
    types or order, other choices (number, `correct`, `fixed`, explicit ids) or another
    true/false answer. Warning: `source_version` missing or older than the source.
    """
    at = _Positions(path)
    if translated.id != source.id:
        at.add(
            ("id",),
            f"a translation keeps the lesson id '{source.id}' (this says '{translated.id}')",
        )
    if translated.language is not None and translated.language != lang:
        at.add(
            ("language",), f"the file name says '{lang}' but language is '{translated.language}'"
        )
    if len(translated.pages) != len(source.pages):
        at.add(
            ("pages",),
            f"{len(translated.pages)} pages, but the source has {len(source.pages)}",
            "page N of a translation teaches what page N of the source does",
        )
    _check_questions(at, source, translated)
    _check_version(at, source_hash, translated)
    return at.errors


def _questions(lesson: Lesson) -> tuple[Question, ...]:
    return lesson.quiz.questions if lesson.quiz is not None else ()


def _check_questions(at: _Positions, source: Lesson, translated: Lesson) -> None:
    theirs, ours = _questions(source), _questions(translated)
    if [q.id for q in theirs] != [q.id for q in ours]:
        at.add(
            ("quiz", "questions"),
            "the question ids differ from the source: "
            f"{', '.join(q.id for q in ours) or 'none'} (source: "
            f"{', '.join(q.id for q in theirs) or 'none'})",
            "keep the same questions, with the same ids, in the same order",
        )
        return
    for i, (src, tr) in enumerate(zip(theirs, ours, strict=True)):
        where: _Path = ("quiz", "questions", i)
        if question_type(src) != question_type(tr):
            at.add(
                (*where, "type"),
                f"question '{tr.id}' is {question_type(tr)}, but {question_type(src)} "
                "in the source",
            )
            continue
        # By the fields that decide the right answer, not by type: a new question type
        # with choices (or an answer, or items) is checked without changes here.
        src_choices = getattr(src, "choices", None)
        if src_choices is not None:
            _check_choices(at, where, src_choices, getattr(tr, "choices", ()), tr.id)
        if getattr(src, "answer", None) != getattr(tr, "answer", None):
            answer = "true" if getattr(src, "answer", False) else "false"
            at.add((*where, "answer"), f"question '{tr.id}': the source's answer is {answer}")
        src_items, tr_items = getattr(src, "items", ()), getattr(tr, "items", ())
        if len(src_items) != len(tr_items):
            at.add(
                (*where, "items"),
                f"question '{tr.id}' has {len(tr_items)} items, but {len(src_items)} in the source",
                "list the same items, in the same (right) order",
            )


def _check_choices(
    at: _Positions, where: _Path, src: tuple[Choice, ...], tr: tuple[Choice, ...], qid: str
) -> None:
    if len(src) != len(tr):
        at.add(
            (*where, "choices"),
            f"question '{qid}' has {len(tr)} choices, but {len(src)} in the source",
            "write the same choices in the same order as the source",
        )
        return
    for j, (a, b) in enumerate(zip(src, tr, strict=True)):
        here = (*where, "choices", j)
        if a.correct != b.correct or a.fixed != b.fixed:
            at.add(
                here,
                f"question '{qid}', choice {j + 1}: correct/fixed differ from the source's "
                f"choice {j + 1} ('{a.text}')",
                "write the choices in the same order as the source",
            )
        if b.id is not None and b.id != choice_id(a):
            at.add(
                (*here, "id"),
                f"question '{qid}', choice {j + 1}: id '{b.id}' is not the source's "
                f"'{choice_id(a)}'",
                "leave the id out: a translated choice takes the source's id by position",
            )


def _check_version(at: _Positions, source_hash: str, translated: Lesson) -> None:
    want = source_version(source_hash)
    # Quoted: a hash of digits only would otherwise be read as a number.
    line = f"add the line 'source_version: \"{want}\"' once the translation matches the source"
    if translated.source_version is None:
        at.add(
            ("id",), "source_version is missing: nothing tells when the source changes", line, True
        )
    elif translated.source_version != want:
        at.add(
            ("source_version",),
            f"the source lesson changed since this translation (source_version "
            f"{translated.source_version}, source now {want})",
            f"update the translation, then set 'source_version: \"{want}\"'",
            True,
        )


# ------------------------------------------------------------------------------ ids


def inherit_ids(source: Lesson, translated: Lesson) -> Lesson:
    """`translated` with each choice's id taken from the source choice at its position.

    Call only after `check_parity` found no error: the questions then line up one to one.
    """
    questions = []
    for src, tr in zip(_questions(source), _questions(translated), strict=True):
        src_choices = getattr(src, "choices", None)
        if src_choices is not None:
            choices = tuple(
                msgspec.structs.replace(b, id=choice_id(a))
                for a, b in zip(src_choices, getattr(tr, "choices", ()), strict=True)
            )
            tr = msgspec.structs.replace(tr, choices=choices)
        questions.append(tr)
    if translated.quiz is None:
        return translated
    quiz = msgspec.structs.replace(translated.quiz, questions=tuple(questions))
    return msgspec.structs.replace(translated, quiz=quiz)

"""Warnings `ketatui validate` adds for lessons that loaded: checks that need the quiz's
answer matching or the reading statistics, which the content loader does not import.

- an `accepted` answer that no typed answer can ever match (it is only punctuation once
  normalised the way answers are compared);
- a page far over the word cap (patient pages aim for about 120 words; see
  docs/authoring.md, "Reading level").
"""

from __future__ import annotations

from pathlib import Path

from yaml.nodes import MappingNode, Node, SequenceNode

from ketatui.authoring.readability import strip_markdown, words
from ketatui.content.errors import ContentError
from ketatui.content.model import Lesson
from ketatui.content.yamlsafe import read_yaml
from ketatui.quiz.matching import MAX_SHORT_ANSWER_CHARS, normalize_text

#: The words a patient page should stay within (docs/authoring.md).
PAGE_WORD_CAP = 120
#: A page with more words than this is far over the cap: warned about.
PAGE_WORD_WARNING = 200


def lesson_warnings(path: Path, lesson: Lesson) -> list[ContentError]:
    """Warnings for one loaded lesson file, each at the line of the value concerned."""
    found: list[tuple[tuple[str | int, ...], str, str]] = []
    for i, page in enumerate(lesson.pages):
        # Words only: syllable counting (the reading grade) tripled `validate`'s time.
        count = len(words(strip_markdown(_page_text(path, page.body, page.body_file))))
        if count > PAGE_WORD_WARNING:
            found.append(
                (
                    ("pages", i, "title"),
                    f"page {i + 1} has {count} words, far over the {PAGE_WORD_CAP} a page "
                    "should hold",
                    "split it into two pages, one idea each",
                )
            )
    questions = lesson.quiz.questions if lesson.quiz else ()
    for i, q in enumerate(questions):
        # Any question with typed answers (short_answer today): compared as typed text.
        accepted: tuple[str, ...] = getattr(q, "accepted", ())
        for j, answer in enumerate(accepted):
            if len(answer) > MAX_SHORT_ANSWER_CHARS or not normalize_text(answer):
                found.append(
                    (
                        ("quiz", "questions", i, "accepted", j),
                        f"the accepted answer '{answer[:40]}' can never match: answers are "
                        "compared without punctuation, case or spacing, and this one has "
                        "no letters or digits left",
                        "write the answer in words or digits",
                    )
                )
    if not found:
        return []
    root = read_yaml(path).node
    return [
        ContentError(path, *_position(root, where), message, hint, severity="warning")
        for where, message, hint in found
    ]


def _page_text(path: Path, body: str, body_file: str | None) -> str:
    if body_file is None:
        return body
    try:
        return (path.parent / body_file).read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return ""  # the loader reported it


def _position(node: Node | None, where: tuple[str | int, ...]) -> tuple[int, int]:
    """1-based line and column of the value at `where` (or of the nearest parent found)."""
    line, column = 1, 1
    for part in where:
        child = None
        if isinstance(node, MappingNode):
            child = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
            child = node.value[part]
        if child is None:
            break
        node = child
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
    return line, column

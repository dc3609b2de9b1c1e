"""Read-aloud in the app: what a screen says (`spoken_text`) and saying it without waiting.

A screen that can be read aloud has a `spoken_text()` method returning (text, language):
the lesson page, the quiz question with its choices, the results. The host speaks it with
`ketatui.access.speech` in a worker, so the app keeps answering keys while it speaks; a
newer request stops the older one.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from ketatui.access.plaintext import plain_text
from ketatui.content.catalog import Catalog, LessonEntry
from ketatui.content.model import Question
from ketatui.i18n import _
from ketatui.quiz.kinds import kind_of


@runtime_checkable
class Speakable(Protocol):
    """A screen that can say what it shows."""

    def spoken_text(self) -> tuple[str, str]:
        """(what to say, its language code)."""
        ...


def lesson_language(entry: LessonEntry, catalog: Catalog) -> str:
    """The language a lesson is read in: its own, else the course's (the course's source
    language for a lesson shown untranslated)."""
    if entry.untranslated:
        return entry.lesson.language or catalog.source_language or "en"
    return entry.lesson.language or catalog.course.language or "en"


def page_words(entry: LessonEntry, index: int) -> str:
    """A page as it is read aloud: its title, then its text without markup."""
    page = entry.lesson.pages[index]
    return f"{page.title}.\n{plain_text(entry.page_text(index))}"


def question_words(question: Question, shown: list[int] | None = None) -> str:
    """A question as it is read aloud: the prompt, how to answer, then each choice."""
    kind = kind_of(question)
    options = kind.options(question)
    order = shown if shown is not None else list(range(len(options)))
    lines = [plain_text(question.prompt), _(kind.how_to)]
    lines += [f"{n}: {options[i]}." for n, i in enumerate(order, 1)]
    return "\n".join(lines)

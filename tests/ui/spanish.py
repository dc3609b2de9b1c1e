"""Helpers for the Spanish UI tests: the Spanish fixture course, walking a lesson to its
results, and finding interface text left in English on a painted screen."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from textual.widgets import Input, SelectionList

from ketatui.content.catalog import Catalog, load_catalog
from ketatui.ui.screens.lesson import LessonScreen
from ketatui.ui.screens.quiz import QuizScreen
from ketatui.ui.screens.results import ResultsScreen
from ketatui.ui.widgets.questions import MarkedChoiceList
from reliability.screen_scan import painted

ES_COURSE = Path(__file__).resolve().parents[1] / "data" / "es_course"
POT = Path(__file__).resolve().parents[2] / "src" / "ketatui" / "locale" / "ketatui.pot"
SPANISH_PO = POT.parent / "es" / "LC_MESSAGES" / "ketatui.po"
#: Literal parts of a message shorter than this are not searched for (too likely to occur
#: by chance, inside names or Spanish words).
MIN_FRAGMENT = 9
_FIELD = re.compile(r"\{\w*\}|\$\w+|\[[^\]]*\]")


def load_es_course() -> Catalog:
    """The Spanish fixture course (lesson 1 translated, lesson 2 not), checked clean."""
    catalog = load_catalog(ES_COURSE)
    assert not [e for e in catalog.errors if e.severity == "error"], catalog.errors
    return catalog


@cache
def english_only_fragments() -> tuple[tuple[str, str], ...]:
    """(message, fragment) for each catalog message whose Spanish differs: the literal
    parts of it (placeholders and markup cut out) long enough to search for."""
    from babel.messages.pofile import read_po

    with SPANISH_PO.open("rb") as f:
        catalog = read_po(f, locale="es")
    found = []
    for m in catalog:
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        for english in ids:
            if english in strings:
                continue  # the same in Spanish ("PIN", "Crisis")
            for part in _FIELD.split(english):
                squashed = "".join(part.split())
                if len(squashed) >= MIN_FRAGMENT and re.search(r"[A-Za-z]{3}", squashed):
                    found.append((english, squashed))
    return tuple(found)


def untranslated_on_screen(app: object) -> list[str]:
    """Interface messages shown in English on the current screen (none expected)."""
    screen = "".join(painted(app).text.split())  # type: ignore[arg-type]
    return sorted({english for english, fragment in english_only_fragments() if fragment in screen})


async def walk_lesson(pilot, lesson_id: str, seen: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Open `lesson_id`, read every page, answer every question (the first choice, or
    "x"), reach the results, and check each screen for English interface text."""
    from ketatui.ui.screens.review import CheckScreen

    app = pilot.app
    app.open_lesson(lesson_id)
    await pilot.pause()
    while isinstance(app.screen, CheckScreen):  # the module's pre-check comes first
        await _answer(pilot)
        _check(app, seen, f"pre-check feedback {app.screen.index + 1}")
        await pilot.press("enter")
        await pilot.pause()
    assert isinstance(app.screen, LessonScreen), type(app.screen)
    _check(app, seen, "first page")
    await pilot.press("f1")
    await pilot.pause()
    _check(app, seen, "crisis help")
    await pilot.press("escape")
    await pilot.press("question_mark")
    await pilot.pause()
    _check(app, seen, "keys help")
    await pilot.press("escape")
    await pilot.pause()
    await pilot.press("s")  # sources and review
    await pilot.pause()
    _check(app, seen, "sources")
    await pilot.press("s")
    while isinstance(app.screen, LessonScreen):
        await pilot.press("right")
        await pilot.pause()
        _check(app, seen, f"{type(app.screen).__name__}")
    while isinstance(app.screen, QuizScreen):
        await _answer(pilot)
        _check(app, seen, f"feedback {app.screen.index + 1}")
        await pilot.press("enter")  # Next question / See results
        await pilot.pause()
    assert isinstance(app.screen, ResultsScreen), type(app.screen)
    _check(app, seen, "results")


async def _answer(pilot) -> None:  # type: ignore[no-untyped-def]
    view = pilot.app.screen.view
    _check(pilot.app, [], "question")  # raises with the question's English text, if any
    if view.query(MarkedChoiceList):
        await pilot.press("enter")  # the highlighted (first shown) choice
    elif view.query(SelectionList):
        await pilot.press("space")
    elif view.query(Input):
        await pilot.press("x")
    await pilot.press("ctrl+s")
    await pilot.pause()


def _check(app: object, seen: list[str], where: str) -> None:
    left = untranslated_on_screen(app)
    assert not left, f"English interface text on the {where} screen: {left}"
    seen.append(where)

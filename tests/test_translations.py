"""Translated lessons (`*.<lang>.yaml`): loading, parity checks with file:line, fallback, cache."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ketatui.content.cache import load_catalog_cached
from ketatui.content.loader import load_course_folder, validate_paths
from ketatui.content.model import choice_id
from ketatui.quiz.kinds import kind_of

ES_COURSE = Path(__file__).parent / "data" / "es_course"


@pytest.fixture
def course(tmp_path: Path) -> Path:
    root = tmp_path / "course"
    shutil.copytree(ES_COURSE, root)
    return root


def _translation(root: Path) -> Path:
    return root / "01-basics" / "01-first.es.yaml"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_translation_is_not_a_lesson_of_its_own_and_loads_cleanly() -> None:
    catalog = load_course_folder(ES_COURSE)
    assert catalog.errors == ()
    assert [e.id for e in catalog.lessons()] == ["first-lesson", "second-lesson"]
    assert catalog.languages() == ("en", "es")


def test_spanish_catalog_shows_translations_and_marks_the_rest() -> None:
    es = load_course_folder(ES_COURSE).localized("es")
    assert es.course.title == "Curso de prueba"
    assert es.course.crisis.title == "¿Necesita ayuda ahora?"
    assert es.modules[0].title == "Lo básico"
    first, second = es.lessons()
    assert (first.card.title, first.untranslated) == ("Una primera lección", None)
    assert first.lesson.pages[0].title == "Página uno"
    # No Spanish file: the English lesson, never blank, marked for the note.
    assert (second.card.title, second.untranslated) == ("A second lesson", "es")


def test_translated_choices_take_the_source_ids_so_answers_line_up() -> None:
    catalog = load_course_folder(ES_COURSE)
    en = catalog.entry("first-lesson")
    es = catalog.localized("es").entry("first-lesson")
    assert en is not None and es is not None
    for source_q, spanish_q in zip(en.lesson.quiz.questions, es.lesson.quiz.questions, strict=True):  # type: ignore[union-attr]
        theirs = [choice_id(c) for c in getattr(source_q, "choices", ())]
        ours = [choice_id(c) for c in getattr(spanish_q, "choices", ())]
        assert theirs == ours
    # The stored answer for "Azul" is the id of "Blue".
    q_en, q_es = en.lesson.quiz.questions[0], es.lesson.quiz.questions[0]  # type: ignore[union-attr]
    assert kind_of(q_es).encode(q_es, 1) == kind_of(q_en).encode(q_en, 1)
    # Progress is keyed on the source's id and version.
    assert es.content_hash == en.content_hash


def test_cached_catalog_equals_the_loaded_one_with_translations(
    course: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    fresh = load_catalog_cached(course, cache)
    again = load_catalog_cached(course, cache)  # from the snapshot
    for catalog in (fresh, again):
        es = catalog.localized("es")
        assert es.course.title == "Curso de prueba"
        assert es.entry("first-lesson").lesson.quiz.questions[0].choices[1].id == (  # type: ignore[union-attr]
            choice_id(catalog.entry("first-lesson").lesson.quiz.questions[0].choices[1])  # type: ignore[union-attr]
        )
    # A changed module translation is seen on the next start.
    _edit(course / "01-basics" / "module.es.yaml", "Lo básico", "Lo esencial")
    assert load_catalog_cached(course, cache).localized("es").modules[0].title == "Lo esencial"


def _messages(root: Path) -> list[str]:
    errors, _ = validate_paths([root])
    return [f"{e.file.name}:{e.line}: {e.severity}: {e.message}" for e in errors]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("id: q-order", "id: q-orden", "01-first.es.yaml:28: error: the question ids differ"),
        (
            "type: true_false\n      prompt: El agua hierve a 100 °C al nivel del mar.\n"
            "      answer: true\n"
            '      feedback: {correct: "Correcto.", incorrect: "Sí hierve a 100 °C al nivel del '
            'mar."}\n',
            "type: single\n      prompt: ¿A cuántos grados hierve el agua?\n"
            "      choices: [{text: A 100 °C, correct: true}, {text: A 50 °C}]\n",
            "error: question 'q-true-false' is single, but true_false in the source",
        ),
        ("answer: true", "answer: false", "01-first.es.yaml:50: error: question 'q-true-false'"),
        (
            "{text: Zanahoria, ",
            "{text: Zanahoria, correct: true, ",
            "01-first.es.yaml:44: error: question 'q-multiple', choice 2",
        ),
        ("        - {text: Rojo", "        - {text: Violeta}\n        - {text: Rojo", "4 choices"),
        (
            "  - title: Página tres\n    body: La última página antes de las preguntas.\n",
            "",
            "2 pages",
        ),
        ("id: first-lesson", "id: primera", "error: a translation keeps the lesson id"),
        ("language: es", "language: fr", "the file name says 'es' but language is 'fr'"),
    ],
)
def test_parity_errors_name_the_line(course: Path, old: str, new: str, expected: str) -> None:
    _edit(_translation(course), old, new)
    found = _messages(course)
    assert any(expected in m for m in found), found
    # A translation that does not line up is not shown: the learner gets the source.
    es = load_course_folder(course).localized("es").entry("first-lesson")
    assert es is not None and es.untranslated == "es"


def test_translation_without_source_is_an_error(course: Path) -> None:
    shutil.copy(_translation(course), course / "01-basics" / "03-gone.es.yaml")
    found = _messages(course)
    assert any(
        "03-gone.es.yaml:1: error: this translation has no source lesson" in m for m in found
    )


def test_missing_or_stale_source_version_warns_with_the_line_to_add(course: Path) -> None:
    source_hash = load_course_folder(course).entry("first-lesson").content_hash  # type: ignore[union-attr]
    _edit(_translation(course), 'source_version: "5640b783bd22"\n', "")
    errors, _ = validate_paths([_translation(course)])
    [warning] = errors
    assert warning.severity == "warning" and "source_version is missing" in warning.message
    assert f'source_version: "{source_hash[:12]}"' in (warning.suggestion or "")
    # The source changes: the translation is stale.
    _edit(course / "01-basics" / "01-first.yaml", "Air scatters", "The air scatters")
    _edit(
        _translation(course),
        "language: es\n",
        f"language: es\nsource_version: {source_hash[:12]}\n",
    )
    errors, _ = validate_paths([course])
    [stale] = [e for e in errors if "changed since this translation" in e.message]
    assert (stale.file.name, stale.line, stale.severity) == ("01-first.es.yaml", 4, "warning")
    # Still shown: a stale translation is better than none.
    assert load_course_folder(course).localized("es").entry("first-lesson").untranslated is None  # type: ignore[union-attr]


def test_the_guides_translation_samples_are_real(course: Path) -> None:
    """docs/authoring.md, "Translations": the sample warning is what validate prints."""
    import re

    guide = (Path(__file__).parents[1] / "docs" / "authoring.md").read_text(encoding="utf-8")
    start = guide.index("\n## Translations\n")
    section = guide[start : guide.index("\n## ", start + 1)]
    sample = re.findall(r"```\n(lessons/\S+:\d+:\d+: .*?)\n```", section, re.S)[0]
    header = re.findall(r"```yaml\n(.*?)```", section, re.S)[0]
    text = _translation(course).read_text(encoding="utf-8")
    for line in header.splitlines()[1:]:
        assert line in text
    _edit(_translation(course), 'source_version: "5640b783bd22"', 'source_version: "000000000000"')
    errors, _ = validate_paths([course])
    [warning] = errors
    assert warning.format(course.parent).replace("course/", "lessons/", 1) == sample


def test_a_translated_module_asks_the_sources_pre_check() -> None:
    """The shipped ketamine module's Spanish file has no `pre_check` of its own: a Spanish
    learner is still asked the same questions before and after it (gain lines up)."""
    from ketatui.paths import shipped_lessons_dir

    catalog = load_course_folder(shipped_lessons_dir())
    source = {m.id: m.info for m in catalog.modules}
    spanish = {m.id: m.info for m in catalog.localized("es").modules}
    assert source["ketamine-esketamine"].pre_check
    assert spanish["ketamine-esketamine"].title != source["ketamine-esketamine"].title
    for module_id, info in source.items():
        assert spanish[module_id].pre_check == info.pre_check

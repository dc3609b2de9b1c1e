"""The learner app in Spanish: chosen at start, switched live, remembered per profile, and
walked through a translated lesson with no English interface text on any screen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import OptionList

from ketatui.content.catalog import Catalog, load_catalog
from ketatui.i18n import current_language, set_language
from ketatui.progress.store import ProgressStore
from ketatui.ui.app import KetatuiApp
from ketatui.ui.screens.catalog import CatalogScreen
from ketatui.ui.screens.lesson import LessonScreen
from ketatui.ui.screens.quiz import QuizScreen
from ketatui.ui.screens.settings import SettingsScreen
from reliability.screen_scan import painted, squash

from .spanish import load_es_course, untranslated_on_screen, walk_lesson

SHIPPED = Path(__file__).resolve().parents[2] / "lessons"


@pytest.fixture
def es_catalog() -> Catalog:
    return load_es_course()


@pytest.fixture
def store(data_dir: Path) -> Iterator[ProgressStore]:
    s = ProgressStore.open(data_dir)
    yield s
    s.close()


def _shows(app: KetatuiApp, text: str) -> bool:
    return squash(text) in painted(app).squashed()


async def test_started_in_spanish_the_catalog_and_lessons_are_spanish(
    es_catalog: Catalog,
) -> None:
    set_language("es")
    app = KetatuiApp(es_catalog, None, show_notice=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CatalogScreen)
        assert _shows(app, "Curso de prueba") and _shows(app, "Una primera lección")
        assert _shows(app, "F1 Ayuda en crisis") and _shows(app, "? Teclas")
        # The untranslated lesson is there, in English, marked.
        assert _shows(app, "A second lesson")
        assert untranslated_on_screen(app) == []
        app.screen.highlight_lesson("second-lesson")
        await pilot.pause()
        assert _shows(app, "aún no traducida")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        assert _shows(app, "Esta lección aún no está en español. Se muestra en inglés.")
        assert _shows(app, "Only page")  # its own text, never blank


async def test_switching_language_live_keeps_the_place_in_a_lesson(
    es_catalog: Catalog, store: ProgressStore
) -> None:
    sam = store.create_profile("Sam")
    app = KetatuiApp(es_catalog, store, show_notice=False, profile=sam)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_lesson("first-lesson")
        await pilot.pause()
        await pilot.press("right")  # page 2
        await pilot.pause()
        assert _shows(app, "Page 2 of 3") and _shows(app, "Page two")
        await pilot.press("ctrl+l")
        await pilot.pause()
        await pilot.pause()
        assert current_language() == "es"
        assert isinstance(app.screen, LessonScreen)
        assert _shows(app, "Página 2 de 3") and _shows(app, "Página dos")
        assert _shows(app, "F1 Ayuda en crisis")
        assert untranslated_on_screen(app) == []
        await pilot.press("escape")  # back to the catalog, rebuilt in Spanish
        await pilot.pause()
        assert isinstance(app.screen, CatalogScreen) and _shows(app, "Lo básico")
        await pilot.press("ctrl+l")  # and back to English
        await pilot.pause()
        await pilot.pause()
        assert current_language() == "en" and _shows(app, "The basics")
    assert store.settings(sam.id)["language"] == "en"


async def test_language_chosen_in_settings_is_remembered_for_that_profile_only(
    es_catalog: Catalog, store: ProgressStore
) -> None:
    sam = store.create_profile("Sam")
    store.create_profile("Ana")
    first = KetatuiApp(es_catalog, store, show_notice=False, profile=sam)
    async with first.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(first.screen, SettingsScreen)
        languages = first.screen.query_one("#language", OptionList)
        languages.focus()
        languages.highlighted = languages.get_option_index("lang-es")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(first.screen, SettingsScreen)
        assert _shows(first, "Ajustes") and _shows(first, "✓ Español")
    assert store.settings(sam.id)["language"] == "es"

    set_language("en")
    # Sam's next start is in Spanish; picking Ana afterwards keeps Sam's choice (hers is
    # not set), and her own start is in the system's language.
    again = KetatuiApp(es_catalog, store, show_notice=False, profile=sam)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert current_language() == "es" and _shows(again, "Curso de prueba")
    set_language("en")
    ana = store.find_profile("Ana")
    assert ana is not None
    third = KetatuiApp(es_catalog, store, show_notice=False, profile=ana)
    async with third.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert current_language() == "en" and _shows(third, "Test Course")


async def test_an_asked_for_language_wins_over_the_profiles(
    es_catalog: Catalog, store: ProgressStore
) -> None:
    sam = store.create_profile("Sam")
    store.save_setting(sam.id, "language", "es")
    app = KetatuiApp(es_catalog, store, show_notice=False, profile=sam, language_fixed=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert current_language() == "en" and _shows(app, "Test Course")


async def test_walking_the_spanish_lesson_shows_no_english_interface_text(
    es_catalog: Catalog, store: ProgressStore
) -> None:
    set_language("es")
    sam = store.create_profile("Sam")
    app = KetatuiApp(es_catalog, store, show_notice=False, profile=sam)
    seen: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await walk_lesson(pilot, "first-lesson", seen)
    assert "results" in seen and len(seen) >= 12


async def test_keys_help_in_spanish_translates_textuals_own_keys_too(
    es_catalog: Catalog,
) -> None:
    """The keys help lists Textual's widget keys (Up, Down, Select...): in Spanish too."""
    from ketatui.ui.screens.help import HelpScreen
    from ketatui.ui.textual_words import TEXTUAL_KEY_WORDS

    set_language("es")
    app = KetatuiApp(es_catalog, None, show_notice=False)
    english = set(TEXTUAL_KEY_WORDS)
    async with app.run_test(size=(100, 50)) as pilot:
        for open_screen in ("catalog", "quiz"):
            if open_screen == "quiz":
                app.open_lesson("first-lesson")
                await pilot.pause()
                app.screen.action_start_quiz()
                await pilot.pause()
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            described = [desc for _title, rows in app.screen.sections for _k, desc in rows]
            assert "Bajar" in described and "Subir" in described
            assert english.isdisjoint(described), english & set(described)
            await pilot.press("escape")
            await pilot.pause()


def _spanish_kiosk(catalog: Catalog):  # type: ignore[no-untyped-def]
    from ketatui.kioskcore.config import KioskConfig
    from ketatui.ui.kiosk import KioskApp
    from kiosk.helpers import FakeClock, cheap_pin

    config = KioskConfig(pin=cheap_pin(), site_name="Clínica", language="es")
    return KioskApp(catalog, config, clock=FakeClock(), tick_seconds=10_000, seeds=lambda: 7)


async def test_walking_the_spanish_lesson_in_the_kiosk_shows_no_english_interface_text(
    es_catalog: Catalog,
) -> None:
    app = _spanish_kiosk(es_catalog)
    seen: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await walk_lesson(pilot, "first-lesson", seen)
        app.unlock()
    assert "results" in seen


def _shipped_translations() -> list[str]:
    catalog = load_catalog(SHIPPED)
    return sorted(e.id for e in catalog.lessons("patient") if "es" in e.translations)


def test_every_shipped_patient_lesson_has_a_spanish_translation() -> None:
    catalog = load_catalog(SHIPPED)
    patient = [e.id for e in catalog.lessons("patient")]
    translated = _shipped_translations()
    if not translated:
        pytest.skip("no Spanish lesson ships yet (issue 19's content lands separately)")
    assert sorted(patient) == translated


@pytest.mark.parametrize("host", ["app", "kiosk"])
@pytest.mark.parametrize(
    "lesson_id",
    _shipped_translations()
    or [pytest.param("", marks=pytest.mark.skip(reason="no Spanish lesson ships yet"))],
)
async def test_shipped_spanish_lesson_walk_shows_no_english_interface_text(
    lesson_id: str, host: str, data_dir: Path
) -> None:
    """Every shipped patient lesson with a Spanish translation, pages to results, in the
    learner app and in the kiosk: no interface message of the catalog left in English."""
    from ketatui.content.cache import load_catalog_cached

    set_language("es")
    catalog = load_catalog_cached(SHIPPED, data_dir / "cache")
    store = ProgressStore.open(data_dir) if host == "app" else None
    try:
        if store is not None:
            sam = store.create_profile("Sam")
            app = KetatuiApp(catalog, store, show_notice=False, profile=sam)
        else:
            app = _spanish_kiosk(catalog)
        seen: list[str] = []
        async with app.run_test(size=(80, 24)) as pilot:
            await walk_lesson(pilot, lesson_id, seen)
            assert not isinstance(app.screen, QuizScreen)
            if host == "kiosk":
                app.unlock()
    finally:
        if store is not None:
            store.close()

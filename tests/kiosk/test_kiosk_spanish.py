"""The kiosk in Spanish: the one-tap language choice on the welcome screen, the site's
language after an idle reset, the Spanish on-screen keyboard, and `language` in kiosk.toml."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from ketatui.i18n import current_language
from ketatui.kioskcore.config import ConfigError, KioskConfig, parse_config
from ketatui.ui.kiosk.keyboard import KioskKeyboard
from ketatui.ui.kiosk.screens import TopicsScreen, WelcomeScreen
from ketatui.ui.screens.quiz import QuizScreen
from reliability.screen_scan import painted, squash

from .helpers import FakeClock

ES_COURSE = Path(__file__).resolve().parents[1] / "data" / "es_course"
SIZE = (80, 24)


@pytest.fixture
def make_es_kiosk(kiosk_config: KioskConfig, clock: FakeClock, error_log):
    """A kiosk on the Spanish fixture course (lesson 1 translated, lesson 2 not)."""
    from ketatui.content.catalog import load_catalog
    from ketatui.ui.kiosk import KioskApp

    def make(language: str = "", **kwargs):
        config = dataclasses.replace(kiosk_config, language=language)
        return KioskApp(
            load_catalog(ES_COURSE),
            config,
            clock=clock,
            error_log=error_log,
            tick_seconds=10_000,
            seeds=lambda: 7,
            **kwargs,
        )

    return make


def shows(app, text: str) -> bool:
    return squash(text) in painted(app).squashed()


async def test_one_tap_on_espanol_shows_the_kiosk_in_spanish(make_es_kiosk) -> None:
    app = make_es_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert shows(app, "✓ English") and shows(app, "Español")
        await pilot.click("#kiosk-lang-es")
        await pilot.pause()
        assert current_language() == "es"
        assert isinstance(app.screen, WelcomeScreen)
        assert shows(app, "Aprenda sobre su tratamiento") and shows(app, "✓ Español")
        assert shows(app, "Ayuda ahora (F1)")
        await pilot.click("#kiosk-start")
        await pilot.pause()
        assert isinstance(app.screen, TopicsScreen)
        assert shows(app, "Elija un tema") and shows(app, "Lo básico")
        await pilot.click("#topic-0")
        await pilot.pause()
        assert shows(app, "Una primera lección")


async def test_idle_reset_returns_to_the_sites_language(make_es_kiosk, clock) -> None:
    app = make_es_kiosk()  # no language set: English here
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#kiosk-lang-es")
        await pilot.click("#kiosk-start")
        await pilot.pause()
        assert current_language() == "es" and shows(app, "Elija un tema")
        clock.advance(91)
        await app.idle_tick()
        await pilot.pause()
        assert shows(app, "¿Sigue ahí?")
        clock.advance(21)
        await app.idle_tick()
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert current_language() == "en" and shows(app, "Learn about your treatment")


async def test_a_spanish_site_starts_in_spanish_and_returns_to_it(make_es_kiosk, clock) -> None:
    app = make_es_kiosk(language="es")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert current_language() == "es" and shows(app, "Aprenda sobre su tratamiento")
        await pilot.click("#kiosk-lang-en")
        await pilot.pause()
        assert shows(app, "Learn about your treatment")
        # Nobody touched anything after choosing English: the next visitor still gets
        # the site's language, after the usual countdown.
        clock.advance(91)
        await app.idle_tick()
        clock.advance(21)
        await app.idle_tick()
        await pilot.pause()
        assert current_language() == "es" and shows(app, "Aprenda sobre su tratamiento")


async def test_spanish_keyboard_has_n_tilde_and_accents_and_answers_match_without_them(
    make_es_kiosk,
) -> None:
    app = make_es_kiosk(language="es")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#kiosk-start")
        await pilot.click("#topic-0")
        await pilot.click("#lesson-0")
        await pilot.pause()
        app.screen.action_start_quiz()
        await pilot.pause()
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        await quiz.show_question(quiz.attempt.question_ids.index("q-short"))
        await pilot.pause()
        keyboard = quiz.query_one(KioskKeyboard)
        assert keyboard.display
        labels = {str(k.label) for k in keyboard.query(".osk-key")}
        assert {"Ñ", "Á", "É", "Í", "Ó", "Ú", "Ü", "Espacio"} <= labels
        for key in keyboard.query(".osk-key"):
            assert key.region.bottom <= SIZE[1]
        box = quiz.query_one("#question-slot").query_one(Input)
        await pilot.click("#osk-u00f1")  # ñ
        assert box.value == "ñ"
        await pilot.click("#osk-backspace")
        for key in ("c", "u", "a", "t", "r", "u00f3"):  # "cuatró": a stray accent
            await pilot.click(f"#osk-{key}")
        assert box.value == "cuatró"
        await pilot.click("#submit")
        await pilot.pause()
        assert quiz.answered
        assert "Correcto" in str(quiz.query_one("#feedback", Static).content)


def test_kiosk_config_language_is_checked() -> None:
    assert parse_config({"language": "es"}).language == "es"
    assert parse_config({}).language == ""
    with pytest.raises(ConfigError, match="'language' must be one of 'en', 'es', got 'fr'"):
        parse_config({"language": "fr"})
    with pytest.raises(ConfigError, match="'language'"):
        parse_config({"language": 3})

"""Choosing the language from the command line and the environment: `--lang`,
`KETATUI_LANG`, `ketatui read` in Spanish, `ketatui serve` passing it on, and short answers
with or without accents."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ketatui.cli import main, parse_args
from ketatui.commands.serve import app_command
from ketatui.i18n import current_language
from ketatui.quiz.matching import short_answer_matches

ES_COURSE = Path(__file__).parent / "data" / "es_course"


def _ketatui(data_dir: Path, *args: str, env: dict[str, str], stdin: str = "") -> str:
    command = [sys.executable, "-m", "ketatui.cli", "--lessons", str(ES_COURSE)]
    result = subprocess.run(
        [*command, "--data-dir", str(data_dir), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "KETATUI_SPEECH": "off", "PYTHONIOENCODING": "utf-8", **env},
    )
    return result.stdout + result.stderr


def test_read_in_spanish_with_lang(data_dir: Path) -> None:
    out = _ketatui(
        data_dir,
        "read",
        "--lang",
        "es",
        env={"KETATUI_LANG": ""},
        # A new profile, the first lesson, its three pages, the first question answered.
        stdin="Ana\n1\n\n\n\n2\n",
    )
    assert "Solo para aprender. No es un consejo médico." in out
    assert "¿Quién va a aprender?" in out and "Perfil de Ana." in out
    assert "Tema: Lo básico" in out
    assert "1. Una primera lección. 3 minutos. Sin empezar." in out
    assert "2. A second lesson. 2 minutos. Sin empezar." in out  # not translated: as written
    assert "Página 1 de 3: Página uno" in out
    assert "Pregunta 1 de 5." in out and "Escriba el número de su respuesta." in out
    assert "Education only" not in out and "Page 1 of 3" not in out


def test_ketatui_lang_and_the_system_locale_choose_the_language(data_dir: Path) -> None:
    out = _ketatui(data_dir, "read", env={"KETATUI_LANG": "es"}, stdin="crisis\n")
    assert "¿Necesita ayuda ahora?" in out and "Línea de prueba (Prueba)" in out
    out = _ketatui(data_dir, "read", env={"KETATUI_LANG": "", "LC_ALL": "", "LANG": "es_MX.UTF-8"})
    assert "Solo para aprender." in out
    out = _ketatui(data_dir, "read", env={"KETATUI_LANG": "", "LC_ALL": "C", "LANG": "es_MX"})
    assert "Education only, not medical advice." in out


def test_a_language_the_app_cannot_show_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--lang", "fr", "validate"])
    assert exit_info.value.code == 2
    assert "no such language 'fr' (available: en, es)" in capsys.readouterr().err


def test_lang_is_accepted_before_or_after_a_command() -> None:
    assert parse_args(["--lang", "es"]).lang == "es"
    assert parse_args(["read", "--lang", "ES"]).lang == "es"
    assert parse_args(["kiosk", "--check", "--lang", "es-MX"]).lang == "es"


def test_validate_messages_stay_english_whatever_the_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Author tools are not translated; the language is still set for the run.
    assert main(["--lang", "es", "validate", str(ES_COURSE)]) == 0
    assert current_language() == "es"
    assert "checked 7 files: no errors" in capsys.readouterr().out


def test_serve_passes_an_asked_for_language_to_each_session(tmp_path: Path) -> None:
    args = parse_args(["serve", "--lang", "es", "--data-dir", str(tmp_path)])
    args.language_fixed, args.lang = True, "es"
    assert app_command(args).endswith("--lang es")
    args.language_fixed = False
    assert "--lang" not in app_command(args)


@pytest.mark.parametrize(
    ("typed", "accepted"),
    [
        ("depresion", ["depresión"]),
        ("DEPRESIÓN", ["depresion"]),
        ("nino", ["niño"]),
        ("¿cuatro?", ["cuatro"]),
        ("pingüino", ["pinguino"]),
        ("ketamina", ["Ketamina"]),
    ],
)
def test_short_answers_match_with_or_without_accents(typed: str, accepted: list[str]) -> None:
    assert short_answer_matches(typed, accepted)


def test_accents_do_not_make_other_words_match() -> None:
    assert not short_answer_matches("nina", ["niño"])

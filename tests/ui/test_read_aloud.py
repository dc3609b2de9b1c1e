"""Read-aloud: ctrl+r speaks the page or question through the system's speech.

The speaking tests run the real espeak-ng, writing to a WAV file instead of the speakers
(CI installs it; skipped only where it is truly missing).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ketatui.access.speech import NO_SPEECH_NOTE, SPEECH_OFF_NOTE, Voice, find_voice
from ketatui.content.catalog import Catalog
from ketatui.ui.app import KetatuiApp
from ketatui.ui.screens.lesson import LessonScreen
from ketatui.ui.screens.quiz import QuizScreen

ESPEAK = shutil.which("espeak-ng")
needs_espeak = pytest.mark.skipif(ESPEAK is None, reason="espeak-ng is not installed")


def espeak_to(wav: Path) -> Voice:
    assert ESPEAK is not None
    return Voice("espeak-ng", ESPEAK, wav=wav)


def is_speech(wav: Path) -> bool:
    """A WAV file with more than its 44-byte header: something was said."""
    data = wav.read_bytes() if wav.exists() else b""
    return data[:4] == b"RIFF" and data[8:12] == b"WAVE" and len(data) > 1000


def notices(app: KetatuiApp) -> str:
    return " ".join(str(n.message) for n in app._notifications)


async def open_lesson(app: KetatuiApp, pilot) -> LessonScreen:
    app.open_lesson("first-lesson")
    await pilot.pause()
    assert isinstance(app.screen, LessonScreen)
    return app.screen


@needs_espeak
async def test_ctrl_r_speaks_the_page_with_espeak(ui_catalog: Catalog, tmp_path: Path) -> None:
    wav = tmp_path / "page.wav"
    app = KetatuiApp(ui_catalog, show_notice=False)
    app.voice = espeak_to(wav)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_lesson(app, pilot)
        text, language = screen.spoken_text()
        # The page's title and words, without Markdown marks; in the lesson's language.
        assert text.startswith("Page one.\nThis is the first page.") and language == "en"
        await pilot.press("ctrl+r")
        await app.workers.wait_for_complete()
    assert is_speech(wav)


@needs_espeak
async def test_ctrl_r_speaks_a_question_and_its_choices(
    ui_catalog: Catalog, tmp_path: Path
) -> None:
    wav = tmp_path / "question.wav"
    app = KetatuiApp(ui_catalog, show_notice=False)
    app.voice = espeak_to(wav)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(app, pilot)
        for _ in range(3):
            await pilot.press("right")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        text, _ = app.screen.spoken_text()
        assert "Which colour is the sky on a clear day?" in text
        # Each choice by the number it has on screen (choices are shuffled per attempt).
        shown = [app.screen.question.choices[i].text for i in app.screen.view.order]
        assert sorted(shown) == ["Blue", "Green", "Red"]
        assert "\n".join(f"{n}: {t}." for n, t in enumerate(shown, 1)) in text
        await pilot.press("ctrl+r")
        await app.workers.wait_for_complete()
    assert is_speech(wav)


async def test_without_speech_the_key_says_what_to_install(
    ui_catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no spd-say, no espeak-ng
    monkeypatch.delenv("KETATUI_SPEECH", raising=False)
    app = KetatuiApp(ui_catalog, show_notice=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(app, pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert NO_SPEECH_NOTE in notices(app)
        assert isinstance(app.screen, LessonScreen)  # nothing else happened


def test_speech_off_is_said_plainly_and_an_engine_is_found_on_the_path(
    tmp_path: Path,
) -> None:
    assert find_voice({"KETATUI_SPEECH": "off", "PATH": "/usr/bin"}) is None
    from ketatui.access.speech import missing_note

    assert missing_note({"KETATUI_SPEECH": "off"}) == SPEECH_OFF_NOTE
    fake = tmp_path / "espeak-ng"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    voice = find_voice({"PATH": str(tmp_path)})
    assert voice is not None and voice.engine == "espeak-ng"
    # The text goes on stdin, never on the command line.
    assert voice.command("fr") == [str(fake), "-v", "fr", "--stdin"]


@needs_espeak
def test_text_that_looks_like_an_option_or_a_shell_command_is_only_spoken(
    tmp_path: Path,
) -> None:
    from ketatui.access.speech import start_speaking

    wav = tmp_path / "odd.wav"
    marker = tmp_path / "pwned"
    process = start_speaking(espeak_to(wav), f"--help; touch {marker} $(touch {marker})", "en")
    assert process.wait(timeout=20) == 0
    assert is_speech(wav) and not marker.exists()

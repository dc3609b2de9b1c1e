"""The kiosk's "Read to me" button: visible on a lesson, it speaks the page with espeak-ng
(writing a WAV file instead of the speakers here)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Button

from ketatui.access.speech import Voice
from ketatui.ui.kiosk.screens import WelcomeScreen

from .test_kiosk_app import SIZE, open_first_lesson

ESPEAK = shutil.which("espeak-ng")


@pytest.mark.skipif(ESPEAK is None, reason="espeak-ng is not installed")
async def test_read_to_me_button_speaks_the_page(make_kiosk, tmp_path: Path) -> None:
    assert ESPEAK is not None
    wav = tmp_path / "kiosk.wav"
    app = make_kiosk()
    app.voice = Voice("espeak-ng", ESPEAK, wav=wav)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        assert not app.screen.query("#kiosk-read")  # nothing to read before a lesson
        screen = await open_first_lesson(pilot)
        button = screen.query_one("#kiosk-read", Button)
        assert str(button.label) == "Read to me" and button.region.height >= 3
        await pilot.click("#kiosk-read")
        await app.workers.wait_for_complete()
    data = wav.read_bytes()
    assert data[:4] == b"RIFF" and len(data) > 1000

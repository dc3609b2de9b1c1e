"""Read-aloud through the system's speech: speech-dispatcher (`spd-say`) or `espeak-ng`.

Both are optional and found at run time (`find_voice`). The text never passes through a
shell, nor as a command-line argument (where a leading "-" would read as an option): the
engine is started with an argument list and reads the text on its standard input.

`KETATUI_SPEECH` chooses: "spd-say", "espeak-ng", or "off"; unset, speech-dispatcher is
preferred (it speaks through the same voice and queue as a screen reader such as Orca),
then espeak-ng.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ketatui.i18n import N_, _

#: Said when no speech engine is installed (the app and `ketatui read` show it).
NO_SPEECH_NOTE = N_(
    "Read-aloud needs speech on this computer: install speech-dispatcher (spd-say) or "
    "espeak-ng, e.g. `sudo apt install espeak-ng`, then start ketatui again."
)
#: Said when speech was switched off with KETATUI_SPEECH=off.
SPEECH_OFF_NOTE = N_("Read-aloud is switched off (KETATUI_SPEECH=off).")

ENGINES = ("spd-say", "espeak-ng")


@dataclass(frozen=True, slots=True)
class Voice:
    """A speech engine found on this computer.

    Args:
        engine: "spd-say" or "espeak-ng".
        program: the path of its program.
        wav: espeak-ng only: write the speech to this WAV file instead of the speakers.
    """

    engine: str
    program: str
    wav: Path | None = None

    def command(self, language: str) -> list[str]:
        """The argument list that speaks standard input in `language` (e.g. "en")."""
        lang = language.strip() or "en"
        if self.engine == "espeak-ng":
            args = [self.program, "-v", lang, "--stdin"]
            return [*args, "-w", str(self.wav)] if self.wav is not None else args
        # -e: read standard input; -w: stay until it is said, so a newer text can stop it.
        return [self.program, "-l", lang, "-e", "-w"]


def find_voice(env: dict[str, str] | None = None) -> Voice | None:
    """The speech engine to use (see the module doc), or None when there is none."""
    env = dict(os.environ) if env is None else env
    wanted = env.get("KETATUI_SPEECH", "").strip()
    if wanted == "off":
        return None
    for engine in (wanted,) if wanted in ENGINES else ENGINES:
        program = shutil.which(engine, path=env.get("PATH"))
        if program is not None:
            return Voice(engine, program)
    return None


def missing_note(env: dict[str, str] | None = None) -> str:
    """Why there is no speech: switched off, or nothing installed."""
    env = dict(os.environ) if env is None else env
    off = env.get("KETATUI_SPEECH", "").strip() == "off"
    return _(SPEECH_OFF_NOTE) if off else _(NO_SPEECH_NOTE)


def start_speaking(voice: Voice, text: str, language: str) -> subprocess.Popen[bytes]:
    """Start saying `text`; returns at once (the caller may `wait()` or `stop_speaking`)."""
    process = subprocess.Popen(
        voice.command(language),
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    assert process.stdin is not None
    try:
        process.stdin.write(text.encode("utf-8"))
        process.stdin.close()
    except BrokenPipeError:
        pass  # the engine stopped early (an unknown voice): nothing more to say
    return process


def stop_speaking(process: subprocess.Popen[bytes] | None) -> None:
    """Stop a text still being said (a newer one replaces it)."""
    if process is not None and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            process.kill()


async def speak(voice: Voice, text: str, language: str) -> int:
    """Say `text` without blocking the event loop; returns the engine's exit code.

    Cancelled (a newer text, the app closing), the engine is stopped too.
    """
    process = await asyncio.create_subprocess_exec(
        *voice.command(language),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        await process.communicate(text.encode("utf-8"))
    except asyncio.CancelledError:
        if process.returncode is None:
            process.terminate()
            await process.wait()
        raise
    return process.returncode if process.returncode is not None else 0

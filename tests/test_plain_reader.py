"""`ketatui read`, driven as a screen-reader user drives it: a real process, plain pipes for
stdin and stdout, no terminal, answers typed as numbers. Each test reads the transcript."""

from __future__ import annotations

import io
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from ketatui.progress.store import ProgressStore

UI_COURSE = Path(__file__).parent / "data" / "ui_course"

TIMEOUT = 20.0
#: Box drawing, block elements and geometric shapes: what a screen reader reads as noise.
DRAWING = re.compile("[\u2500-\u25ff]")


class PlainRun:
    """One `ketatui read` process; `until(text)` waits for output, `type(line)` answers."""

    def __init__(self, data_dir: Path, *args: str) -> None:
        env = {**os.environ, "KETATUI_SPEECH": "off", "PYTHONIOENCODING": "utf-8"}
        command = [sys.executable, "-m", "ketatui.cli", "--lessons", str(UI_COURSE)]
        self.process = subprocess.Popen(
            [*command, "--data-dir", str(data_dir), "read", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=env,
        )
        self.transcript = ""
        self._seen = 0
        self._chunks: queue.Queue[bytes] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.process.stdout is not None
        while chunk := self.process.stdout.read1(4096):  # type: ignore[attr-defined]
            self._chunks.put(chunk)

    def until(self, text: str) -> str:
        """Wait for `text` after what was already read; returns the output up to it."""
        deadline = time.monotonic() + TIMEOUT
        while (found := self.transcript.find(text, self._seen)) < 0:
            try:
                chunk = self._chunks.get(timeout=max(deadline - time.monotonic(), 0.01))
            except queue.Empty:
                pytest.fail(f"no {text!r} in time; output so far:\n{self.transcript}")
            self.transcript += chunk.decode("utf-8")
        start, self._seen = self._seen, found + len(text)
        return self.transcript[start : self._seen]

    def type(self, line: str) -> None:
        """Type one line and press Enter."""
        assert self.process.stdin is not None
        self.process.stdin.write(line.encode() + b"\n")
        self.process.stdin.flush()

    def close(self) -> int:
        """End the input (Ctrl+D) and wait for the process."""
        assert self.process.stdin is not None
        self.process.stdin.close()
        code = self.process.wait(timeout=TIMEOUT)
        while not self._chunks.empty():
            self.transcript += self._chunks.get().decode("utf-8")
        return code


def numbers(shown: str, *texts: str) -> str:
    """The listed numbers of `texts` (choices are shuffled per attempt), as one would type
    them: "2", or "1 3"."""
    listed = {m.group(2): m.group(1) for m in re.finditer(r"^(\d+)\. (.+)$", shown, re.M)}
    return " ".join(listed[text] for text in texts)


def _read_pages(run: PlainRun) -> None:
    run.until("Page 1 of 3: Page one")
    run.until("> ")
    run.type("")
    page_two = run.until("> ")
    # A link keeps its words and its address; no Markdown marks are read out.
    assert "A link (https://example.org)" in page_two
    run.type("")
    assert "start the quiz" in run.until("> ")
    run.type("")


def test_a_whole_lesson_by_typing_numbers_saves_progress_as_the_app_does(
    data_dir: Path,
) -> None:
    run = PlainRun(data_dir)
    run.until("Profile: ")
    run.type("Sam Lee")
    listing = run.until("(q to quit): ")
    assert "1. A first lesson. 3 minutes. Not started." in listing
    run.type("1")
    _read_pages(run)
    question = run.until("Your answer: ")
    assert "Question 1 of 5." in question and "Which colour is the sky" in question
    run.type("9")  # not a listed number: asked again, nothing graded
    assert "does not fit" in run.until("Your answer: ")
    run.type(numbers(question, "Blue"))
    assert "Right." in run.until("> ")
    run.type("")
    run.type(numbers(run.until("Your answer: "), "Apple", "Pear"))
    assert "Right." in run.until("> ")
    run.type("")
    run.type(numbers(run.until("Your answer: "), "True"))
    assert "Right." in run.until("> ")
    run.type("")
    run.type(numbers(run.until("Your answer: "), "One", "Two", "Three"))
    assert "Right." in run.until("> ")
    run.type("")
    run.until("Your answer: ")
    run.type("4")
    run.until("> ")
    run.type("")
    assert "Results: 5 of 5 right." in run.until("> ")
    run.type("")
    assert "1. A first lesson. 3 minutes. Passed." in run.until("(q to quit): ")
    run.type("q")
    assert run.close() == 0
    assert "\x1b" not in run.transcript and not DRAWING.search(run.transcript)
    with ProgressStore.open(data_dir) as store:
        profile = store.find_profile("sam lee")
        assert profile is not None
        state = store.lesson_state(profile.id, "first-lesson")
        assert state is not None and state.status == "passed" and state.best_score == 1.0
        (attempt,) = store.attempts(profile.id, "first-lesson")
        assert [a.correct for a in attempt.answers] == [True] * 5


def test_leaving_mid_quiz_resumes_at_the_next_question(data_dir: Path) -> None:
    run = PlainRun(data_dir)
    run.until("Profile: ")
    run.type("Ana")
    run.until("(q to quit): ")
    run.type("1")
    _read_pages(run)
    run.type(numbers(run.until("Your answer: "), "Green"))  # wrong
    feedback = run.until("> ")
    assert "Not quite." in feedback and "The right answer: Blue" in feedback
    assert run.close() == 0  # Ctrl+D: the answer is already saved

    again = PlainRun(data_dir, "--profile", "ana")
    assert "1. A first lesson. 3 minutes. In the quiz." in again.until("(q to quit): ")
    again.type("")  # Enter: Continue, to the unfinished lesson
    resumed = again.until("Your answer: ")
    assert "where you left it" in resumed and "Question 2 of 5." in resumed
    again.type("q")
    again.until("(q to quit): ")
    again.type("q")
    assert again.close() == 0
    assert "Goodbye. Your progress is saved." in again.transcript


def test_crisis_lines_and_the_missing_speech_note_at_any_prompt(data_dir: Path) -> None:
    run = PlainRun(data_dir)
    run.until("Profile: ")
    run.type("crisis")
    help_lines = run.until("Profile: ")
    assert "Test Lifeline (Test): Call or text 000" in help_lines
    assert "Emergency (Test): Call 999" in help_lines
    run.type("say")
    assert "Read-aloud is switched off" in run.until("Profile: ")
    assert run.close() == 0


def test_an_unknown_profile_is_a_clear_error(data_dir: Path) -> None:
    run = PlainRun(data_dir, "--profile", "Nobody")
    assert run.close() == 2
    assert "no profiles yet" in run.transcript


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_say_speaks_the_last_text_shown_with_espeak(tmp_path: Path) -> None:
    from ketatui.access.reader import PlainReader, Quit
    from ketatui.access.speech import Voice
    from ketatui.content.catalog import load_catalog
    from ketatui.learning.session import LearnerSession

    espeak = shutil.which("espeak-ng")
    assert espeak is not None
    wav = tmp_path / "say.wav"
    session = LearnerSession(load_catalog(UI_COURSE))
    out = io.StringIO()
    reader = PlainReader(session, io.StringIO("say\n"), out, Voice("espeak-ng", espeak, wav=wav))
    reader.say("Page 1 of 3: Page one", "This is the first page.")
    with pytest.raises(Quit):  # "say" is handled at the prompt; then the input ends
        reader.ask("> ")
    assert reader.speaking is not None and reader.speaking.wait(timeout=20) == 0
    data = wav.read_bytes()
    assert data[:4] == b"RIFF" and len(data) > 1000

"""Hostile text from every source into every sink (hypothesis).

Sources: lesson text fields, course/module files, file and folder names, the kiosk
config, profile names (typed, and as stored by some other version) and stored answers.
Sinks: `validate`, `stats`, `stats --answers`, `records`, `new` and `kiosk --check` in
table, JSON and CSV; every screen of the learner app and of the kiosk (Pilot, with taps on
the drawn text). Whatever is drawn, no raw control or bidi character reaches the terminal,
no markup is interpreted (no action, no link), nothing raises, and no CSV cell starts a
formula. A source may refuse the text instead, with a clear message.

CI draws a few examples per property; `KETATUI_STRESS=1` draws many (see SECURITY.md).
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from ketatui.cli import main
from ketatui.content.catalog import load_catalog
from ketatui.kioskcore.config import ConfigError, KioskConfig, parse_config
from ketatui.kioskcore.errorlog import ErrorLog
from ketatui.kioskcore.pin import hash_pin
from ketatui.progress.store import ProgressStore
from ketatui.textguard import MAX_MARKS_PER_LETTER, csv_cell, name_problem, printable

from .conftest import scaled
from .screen_scan import painted
from .text_course import make_course, quoted, seed_progress

PAYLOADS = [
    "[@click=app.quit]quit[/]",
    "[@click=app.screenshot('x.svg','/tmp')]shot[/]",
    "[link=file:///etc/passwd]link[/link]",
    "[/bold]",
    "[b]bold",
    "\x1b]8;;https://evil.example\x1b\\osc8\x1b]8;;\x1b\\",
    "\x1b]52;c;cHduZWQ=\x07",
    "\x1b[2J\x1b[H",
    "\x9b31m",
    "\x85",
    "\x7f",
    "\x00",
    "\u202e",
    "\u2066",
    "\u200f",
    "\u2028",
    "\u200b",
    "\u2060",
    "\u00ad",
    "\ufeff",
    "e" + "\u0301" * 40,
    "\u0301" * 20,
    '=HYPERLINK("https://evil.example","x")',
    "=1+2",
    "+1",
    "-1+2",
    "@SUM(A1)",
    "\t=1",
    "ｗ" * 30,
    "x" * 10_000,
    "Sаm",  # Cyrillic а
]
hostile = st.lists(
    st.one_of(
        st.sampled_from(PAYLOADS),
        st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=6),
    ),
    min_size=1,
    max_size=4,
).map("".join)

FAST = settings(
    max_examples=scaled(60, 2000),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
CLI = settings(FAST, max_examples=scaled(12, 300))
#: A Pilot run takes seconds: no shrinking (a failure prints its text anyway).
SCREENS = settings(FAST, max_examples=scaled(3, 60), phases=[Phase.explicit, Phase.generate])

#: What must never reach a terminal: controls (but newline), DEL, C1, bidi, separators.
_RAW = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
_SGR = re.compile(r"\x1b\[[0-9;]*m")  # Rich's colours (FORCE_COLOR): ours, not the data's
_INJECTED = ("quit", "screenshot", "bell", "open_url", "suspend")


def accepted(text: str) -> str:
    """`text` as the sources accept it: hostile still (markup, formulas, zero-width and
    look-alike letters, mark floods), but without what they refuse, so the sinks see it."""
    text = _RAW.sub("", text.replace("\n", " "))
    text = re.sub(r"\S{400,}", lambda m: m.group()[:400], text)
    return text.strip()[:60] or "x"


def file_name(text: str) -> str:
    """`text` as a file name: anything but `/` and NUL, at most 200 bytes."""
    name = text.replace("/", "_").replace("\x00", "_").strip(".") or "x"
    return name.encode("utf-8")[:200].decode("utf-8", "ignore") or "x"


# ------------------------------------------------------------------ the guard itself


@FAST
@given(hostile)
def test_printable_and_csv_cells_are_always_inert(text: str) -> None:
    assert not _RAW.search(printable(text))
    cell = csv_cell(text)
    assert isinstance(cell, str)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert not _RAW.search(cell.replace("\t", "").replace("\r", ""))


@FAST
@given(hostile)
def test_lesson_text_is_refused_or_arrives_clean(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        catalog = load_catalog(make_course(Path(tmp), text))
        entry = catalog.entry("hostile")
        for error in catalog.errors:
            assert error.line >= 1 and "internal error" not in error.message
            assert not _RAW.search(error.format().replace("\n", " ")), error.format()
        if entry is None:
            assert catalog.errors
            return
        lesson = entry.lesson
        for field in (lesson.title, lesson.summary, entry.page_text(0), lesson.review.by):
            assert not _RAW.search(field.replace("\n", " ").replace("\t", " "))


@FAST
@given(hostile)
def test_kiosk_config_text_is_refused_or_arrives_clean(text: str) -> None:
    data = {"site_name": text, "crisis": [{"name": text, "contact": text}]}
    try:
        config = parse_config(data)
    except ConfigError as error:
        assert not _RAW.search(str(error))
        return
    for value in (config.site_name, config.crisis[0].name, config.crisis[0].contact):
        assert not _RAW.search(value.replace("\n", " ").replace("\t", " "))


@FAST
@given(hostile)
def test_profile_names_are_refused_or_visible_and_distinct(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp, ProgressStore.open(Path(tmp)) as store:
        store.create_profile("Sam")
        try:
            profile = store.create_profile(text)
        except ValueError as error:
            assert str(error)
            return
        assert name_problem(profile.name) is None
        assert not _RAW.search(profile.name)
        assert any(not c.isspace() for c in profile.name)
        run = re.search("[\u0300-\u036f]{" + str(MAX_MARKS_PER_LETTER + 1) + ",}", profile.name)
        assert run is None


# ------------------------------------------------------------------ command-line sinks


def _terminal_safe(output: str) -> None:
    bare = _SGR.sub("", output).replace("\r\n", "\n")  # CSV rows end in CRLF
    assert "Traceback" not in bare
    assert "\x1b]8;" not in bare
    assert not _RAW.search(bare.replace("\t", " ")), [c for c in _RAW.findall(bare)]


def _csv_safe(output: str) -> None:
    for row in csv.reader(io.StringIO(output)):
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@"):
                float(cell)  # only a number may start so


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("COLUMNS", "160")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("KETATUI_LESSONS", raising=False)
    monkeypatch.delenv("KETATUI_DATA_DIR", raising=False)

    def run(*args: str) -> tuple[int, str]:
        capsys.readouterr()
        code = main(list(args))
        out, err = capsys.readouterr()
        assert code in (0, 1, 2), (args, code)
        _terminal_safe(out + err)
        return code, out

    return run


@CLI
@given(text=hostile)
def test_every_command_prints_hostile_text_inertly(text: str, run_cli) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        course = make_course(root, accepted(text), file_name=file_name(text))
        (course / file_name("m" + text)).mkdir(exist_ok=True)
        (course / file_name("m" + text) / "01.yaml").write_text("id: [x\n", encoding="utf-8")
        data = root / "data"
        seed_progress(data, text)  # stored by another version: the name is not checked
        c, d = str(course), str(data)
        assert run_cli("validate", c)[0] == 1  # the broken files
        run_cli("validate", "--format", "json", c)
        run_cli("validate", str(course / "02-hostile" / f"{file_name(text)}.yaml"))
        run_cli("stats", c)
        run_cli("stats", "--format", "json", c)
        _csv_safe(run_cli("stats", "--format", "csv", c)[1])
        code, out = run_cli("stats", "--answers", c, "--data-dir", d)
        assert code == 0 and "hostile / q1" in out
        run_cli("stats", "--answers", "--format", "json", c, "--data-dir", d)
        _csv_safe(run_cli("stats", "--answers", "--format", "csv", c, "--data-dir", d)[1])
        assert run_cli("records", "--data-dir", d, "--lessons", c)[0] == 0
        for fmt in ("json", "csv"):
            code, out = run_cli(
                "records", f"--profile={text}", "--format", fmt, "--data-dir", d, "--lessons", c
            )
            if fmt == "csv" and code == 0:
                _csv_safe(out)
        run_cli("new", "lesson", "--lessons", c, f"--module={file_name(text)}", "--title", "T")
        config = root / "kiosk.toml"
        config.write_text(
            f"lessons = {quoted(c)}\nsite_name = {quoted(text[:80])}\n", encoding="utf-8"
        )
        config.chmod(0o600)
        run_cli("kiosk", "--config", str(config), "--check")


# ------------------------------------------------------------------ screens


def _inert(app: object, where: str) -> None:
    shot = painted(app)  # type: ignore[arg-type]
    injected = [a for a in shot.actions if any(word in a for word in _INJECTED)]
    assert not injected, (where, injected)
    assert not shot.controls, (where, shot.controls)
    assert not _RAW.search(shot.text.replace("\n", " ")), (where, _RAW.findall(shot.text))
    links = [
        seg.style.link
        for strip in app.screen._compositor.render_strips()  # type: ignore[attr-defined]
        for seg in strip
        if seg.style is not None and seg.style.link
    ]
    assert not links, (where, links)


async def _tap_text(pilot: object, app: object, where: str, needle: str) -> None:
    """Tap every row showing a piece of the hostile text; the app must not act on it."""
    shot = painted(app)  # type: ignore[arg-type]
    for y, line in enumerate(shot.lines):
        x = line.find(needle) if needle else -1
        if x >= 0:
            await pilot.click(offset=(x, y))  # type: ignore[attr-defined]
            await pilot.pause()  # type: ignore[attr-defined]
    assert app.is_running and app.return_code is None, where  # type: ignore[attr-defined]


def _needle(text: str) -> str:
    return next((w for w in text.split() if len(w) >= 2 and w.isprintable()), "")[:8]


@SCREENS
@given(text=hostile)
async def test_learner_app_screens_draw_hostile_text_inertly(text: str) -> None:
    from ketatui.ui.app import KetatuiApp
    from ketatui.ui.screens.quiz import QuizScreen

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shown = accepted(text)
        catalog = load_catalog(make_course(root, shown))
        assert catalog.entry("hostile") is not None, [e.format() for e in catalog.errors]
        seed_progress(root / "data", text)
        store = ProgressStore.open(root / "data")
        app = KetatuiApp(catalog, store)
        try:
            async with app.run_test(size=(100, 32)) as pilot:
                await pilot.press("enter")  # notice
                await pilot.pause()
                _inert(app, "profiles")  # the stored, unchecked name
                await _tap_text(pilot, app, "profiles", _needle(text))
                await pilot.press("enter")
                await pilot.pause()
                _inert(app, "catalog")
                await _tap_text(pilot, app, "catalog", _needle(shown))
                app.open_lesson("hostile")
                await pilot.pause()
                await pilot.press("s")  # sources and review
                await pilot.pause()
                _inert(app, "lesson")
                await _tap_text(pilot, app, "lesson", _needle(shown))
                await pilot.press("f1")
                await pilot.pause()
                _inert(app, "crisis")
                await pilot.press("escape")
                await pilot.press("right")
                await pilot.pause()
                for _ in range(3):
                    if isinstance(app.screen, QuizScreen):
                        break
                    await pilot.press("enter")
                    await pilot.pause()
                assert isinstance(app.screen, QuizScreen)
                await pilot.press("h")
                await pilot.pause()
                _inert(app, "quiz")
                await pilot.press("down", "enter")
                await pilot.press("s")
                await pilot.pause()
                _inert(app, "feedback")
                await _tap_text(pilot, app, "feedback", _needle(shown))
                await pilot.press("n")
                await pilot.pause()
                _inert(app, "results")
                await _tap_text(pilot, app, "results", _needle(shown))
        finally:
            store.close()


@SCREENS
@given(text=hostile)
async def test_kiosk_screens_draw_hostile_text_inertly(text: str) -> None:
    from ketatui.ui.kiosk import KioskApp
    from ketatui.ui.kiosk.messages import ShowTopic

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shown = accepted(text)
        catalog = load_catalog(make_course(root, shown))
        try:
            config = parse_config({"site_name": text[:80]})
        except ConfigError:
            config = parse_config({"site_name": shown})
        config = KioskConfig(site_name=config.site_name, pin=hash_pin("246810", n=16, r=1, p=1))
        app = KioskApp(catalog, config, error_log=ErrorLog(root / "kiosk.log"), tick_seconds=1e4)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            _inert(app, "welcome")
            await pilot.click("#kiosk-start")
            await pilot.pause()
            _inert(app, "topics")
            await _tap_text(pilot, app, "topics", "")
            app.post_message(ShowTopic("hostile-module"))
            await pilot.pause()
            _inert(app, "topic lessons")
            app.open_lesson("hostile")
            await pilot.pause()
            _inert(app, "lesson")
            await _tap_text(pilot, app, "lesson", _needle(shown))
            await pilot.press("f1")
            await pilot.pause()
            _inert(app, "crisis")
            assert app.is_running and app.errors_recovered == 0

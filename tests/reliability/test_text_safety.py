"""Issue 16: each text that once reached a screen, a terminal or a file unguarded.

One test per failure found by the red-team pass; `test_text_properties.py` then closes the
class with hostile strings from every source into every sink.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from ketatui.cli import main
from ketatui.content.catalog import load_catalog
from ketatui.kioskcore.config import ConfigError, load_config
from ketatui.paths import PROGRESS_DB_FILENAME
from ketatui.progress.store import ProgressStore
from ketatui.ui.app import KetatuiApp
from ketatui.ui.screens.lesson import LessonScreen

from .screen_scan import painted, squash
from .text_course import kiosk_config, lesson_yaml, make_course, quoted, seed_progress

SIZE = (120, 40)
ESC_NAME = "evil\x1b]0;pwned\x07\x1b[2J\x9b31m\u202eyaml"
#: Escape sequences Rich writes for colour (FORCE_COLOR) are the only ones allowed out.
_SGR = re.compile(r"\x1b\[[0-9;]*m")
_RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """Letters, digits and markup punctuation only: wrapped lines have borders between."""
    return "".join(c for c in text if c.isalnum() or c in "[]@=/()'.,:")


def formula_start(cell: str) -> bool:
    """A CSV cell a spreadsheet would run: `= + - @` first, and not just a number."""
    if cell[:1] not in ("=", "+", "-", "@"):
        return False
    try:
        float(cell)
    except ValueError:
        return True
    return False


def raw_controls(text: str) -> list[str]:
    """Control and bidi characters in terminal output, colour codes aside."""
    return [repr(c) for c in _RAW.findall(_SGR.sub("", text))]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """`ketatui ARGS` in-process, writing to a colour terminal as Rich sees it."""
    monkeypatch.setenv("COLUMNS", "160")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("KETATUI_LESSONS", raising=False)
    monkeypatch.delenv("KETATUI_DATA_DIR", raising=False)

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run


# ------------------------------------------------------------------ review.by markup


@pytest.mark.parametrize(
    "by",
    [
        "[@click=app.screenshot('pwned.svg','{tmp}')]Dr X[/]",
        "[link=file:///etc/passwd]Dr Y[/link] [/bold]",
    ],
)
async def test_review_by_is_shown_literally_and_never_acts(tmp_path: Path, by: str) -> None:
    by = by.format(tmp=tmp_path)
    course = make_course(tmp_path, "Plain text")
    lesson = course / "02-hostile" / "01-hostile.yaml"
    lesson.write_text(lesson_yaml("Plain text", by=by), encoding="utf-8")
    catalog = load_catalog(course)
    assert not catalog.errors, catalog.errors
    app = KetatuiApp(catalog, None, show_notice=False)
    async with app.run_test(size=SIZE) as pilot:
        app.open_lesson("hostile")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        await pilot.press("s")
        await pilot.pause()
        shot = painted(app)
        assert visible(f"Reviewed by {by}") in visible(shot.text)
        assert not [a for a in shot.actions if "screenshot" in a], shot.actions
        links = [
            seg.style.link
            for strip in app.screen._compositor.render_strips()
            for seg in strip
            if seg.style is not None and seg.style.link
        ]
        assert links == []
        row = next(y for y, line in enumerate(shot.lines) if "Dr " in line)
        await pilot.click(offset=(shot.lines[row].index("Dr ") + 1, row))
        await pilot.pause()
        assert app.is_running and app.return_code is None
    assert list(tmp_path.glob("*.svg")) == []


# ------------------------------------------------------------------ bidi in lesson text


@pytest.mark.parametrize("mark", ["\u202e", "\u2066", "\u200f", "\u061c", "\u2028"])
def test_bidi_marks_in_lesson_text_are_refused(tmp_path: Path, mark: str, cli) -> None:
    course = make_course(tmp_path, f"Take one {mark}yad a{mark} tablet")
    catalog = load_catalog(course)
    assert catalog.entry("hostile") is None
    messages = [e.message for e in catalog.errors]
    assert any(f"\\u{ord(mark):04x}" in m for m in messages), messages
    code, out, err = cli("validate", str(course))
    assert code == 1
    assert "bidirectional" in out or "control character" in out
    assert not raw_controls(out + err)


# ------------------------------------------------------------------ kiosk config text


@pytest.mark.parametrize("char", ["\x85", "\x9b", "\x7f", "\u202e", "\u2067"])
@pytest.mark.parametrize("key", ["site_name", "crisis"])
def test_kiosk_config_text_refuses_c1_del_and_bidi(tmp_path: Path, char: str, key: str, cli):
    course = make_course(tmp_path, "Plain text")
    line = (
        f"site_name = {quoted('Clinic ' + char + ' North')}"
        if key == "site_name"
        else f"[[crisis]]\nname = {quoted('Line ' + char + ' 1')}\ncontact = 'Call 000'"
    )
    config = kiosk_config(tmp_path / "kiosk.toml", course, line)
    with pytest.raises(ConfigError, match=key):
        load_config(config)
    code, out, err = cli("kiosk", "--config", str(config), "--check")
    assert code == 2
    assert key in err and "Traceback" not in err
    assert not raw_controls(out + err)


# ------------------------------------------------------------------ look-alike names


@pytest.mark.parametrize(
    "name",
    [
        "Sam\u200bLee",  # zero-width space
        "Sam Lee\u2060",  # word joiner
        "Sam Le\u00ade",  # soft hyphen
        "Sam L\u0435e",  # Cyrillic е
        "S\u0430m Lee",  # Cyrillic а
        "\u0301" * 60,  # combining marks only: shows as blank
        "a" + "\u0301" * 59,  # a blot on one letter
        " \u200b ",
    ],
)
def test_look_alike_and_invisible_profile_names_are_refused(tmp_path: Path, name: str) -> None:
    with ProgressStore.open(tmp_path / "data") as store:
        store.create_profile("Sam Lee")
        with pytest.raises(ValueError):
            store.create_profile(name)
        assert [p.name for p in store.list_profiles()] == ["Sam Lee"]


def test_real_names_with_accents_and_other_scripts_are_still_welcome(tmp_path: Path) -> None:
    with ProgressStore.open(tmp_path / "data") as store:
        for name in ("Sam Lee", "Zoë", "José Núñez", "Сергей", "李明", "Ngọc Ánh", "Sam Leigh"):
            store.create_profile(name)
        assert len(store.list_profiles()) == 7


# ------------------------------------------------------------------ file and folder names


def test_file_names_reach_the_terminal_escaped(tmp_path: Path, cli) -> None:
    course = make_course(tmp_path, "Plain text", file_name=ESC_NAME)
    bad_module = course / ESC_NAME
    bad_module.mkdir()
    (bad_module / "01-x.yaml").write_text("id: [broken\n", encoding="utf-8")
    outputs = []
    for args in (
        ("validate", str(course)),
        ("validate", "--format", "json", str(course)),
        ("stats", str(course)),
        ("stats", "--format", "csv", str(course)),
        ("stats", "--format", "json", str(course)),
        ("new", "lesson", "--lessons", str(course), "--module", "nope", "--title", "T"),
    ):
        _, out, err = cli(*args)
        assert "Traceback" not in err, (args, err)
        assert not raw_controls(out + err), (args, raw_controls(out + err))
        outputs.append(out + err)
    assert any("\\x1b" in o for o in outputs)


def test_kiosk_check_and_start_print_file_names_escaped(tmp_path: Path, cli) -> None:
    course = make_course(tmp_path, "Plain text", file_name=ESC_NAME)
    config = kiosk_config(tmp_path / "kiosk.toml", course)
    code, out, err = cli("kiosk", "--config", str(config), "--check")
    assert code == 1  # a file with errors was left out
    assert "\\x1b" in err and not raw_controls(out + err)


async def test_preview_error_screen_shows_file_names_escaped(tmp_path: Path) -> None:
    from ketatui.ui.preview import PreviewApp

    course = make_course(tmp_path, "Plain text", file_name=ESC_NAME)
    broken = course / "02-hostile" / f"{ESC_NAME}.yaml"
    app = PreviewApp(broken, poll_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shot = painted(app)
        assert "\\x1b" in shot.text
        assert not shot.controls
        assert "\u202e" not in shot.text


# ------------------------------------------------------------------ stats and CSV


CHOICE_MARKUP = "[link=https://evil.example]Click[/link] [/bold]"


def test_stats_answers_table_shows_choice_markup_literally(tmp_path: Path, cli) -> None:
    course = make_course(tmp_path, CHOICE_MARKUP)
    seed_progress(tmp_path / "data", "Sam")
    code, out, err = cli("stats", "--answers", str(course), "--data-dir", str(tmp_path / "data"))
    assert code == 0, err
    assert "Traceback" not in err
    assert "\x1b]8;" not in out  # no OSC 8 hyperlink
    assert squash(CHOICE_MARKUP)[:20] in squash(out)


@pytest.mark.parametrize("formula", ['=HYPERLINK("https://evil","x")', "=1+2", "@SUM(A1)"])
def test_stats_csv_cells_never_start_a_formula(tmp_path: Path, formula: str, cli) -> None:
    import csv
    import io

    course = make_course(tmp_path, formula)
    seed_progress(tmp_path / "data", formula)
    data = str(tmp_path / "data")
    for args in (
        ("stats", "--format", "csv", str(course)),
        ("stats", "--answers", "--format", "csv", str(course), "--data-dir", data),
        ("records", "--profile", formula, "--format", "csv", "--data-dir", data),
    ):
        code, out, err = cli(*args)
        assert code == 0, (args, err)
        cells = [c for row in csv.reader(io.StringIO(out)) for c in row]
        assert any(formula in c for c in cells), (args, out)
        assert not [c for c in cells if formula_start(c)], (args, out)


# ------------------------------------------------------------------ symlinked course files


@pytest.mark.parametrize("name", ["course.yaml", "02-hostile/module.yaml"])
def test_course_and_module_files_linked_outside_are_refused(tmp_path: Path, name: str, cli):
    course = make_course(tmp_path / "in", "Plain text")
    outside = tmp_path / "secret.yaml"
    target = course / name
    outside.write_text(target.read_text(encoding="utf-8"), encoding="utf-8")
    target.unlink()
    target.symlink_to(outside)
    catalog = load_catalog(course)
    assert any("link to outside the course folder" in e.message for e in catalog.errors)
    code, out, _ = cli("validate", str(course))
    assert code == 1 and "link to outside the course folder" in out
    code, out, _ = cli("validate", str(target))
    assert code == 1 and "link to outside the course folder" in out


# ------------------------------------------------------------------ kiosk config files


@pytest.mark.parametrize("what", ["file", "folder"])
@pytest.mark.parametrize("mode", [0o620, 0o602])
def test_kiosk_config_writable_by_others_is_refused(tmp_path: Path, what: str, mode: int, cli):
    course = make_course(tmp_path, "Plain text")
    folder = tmp_path / "etc"
    folder.mkdir()
    config = kiosk_config(folder / "kiosk.toml", course)
    if what == "file":
        os.chmod(config, mode)
    else:
        os.chmod(folder, 0o700 | (mode & 0o022))
    code, _, err = cli("kiosk", "--config", str(config), "--check")
    assert code == 2
    assert "other users can" in err and "chmod go-w" in err


def test_scrypt_parameters_too_costly_are_refused_and_check_hashes(tmp_path: Path, cli) -> None:
    course = make_course(tmp_path, "Plain text")
    config = kiosk_config(tmp_path / "kiosk.toml", course)
    good = cli("kiosk", "--config", str(config), "--check")
    assert good[0] == 0 and "PIN check:" in good[1]
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^n = \d+", "n = 1048576", text)
    text = re.sub(r"(?m)^r = \d+", "r = 8", text)
    config.write_text(text, encoding="utf-8")
    code, _, err = cli("kiosk", "--config", str(config), "--check")
    assert code == 2
    assert "pin" in err and "set the PIN again" in err and "Traceback" not in err


@pytest.mark.usefixtures("hang_guard")
def test_a_named_pipe_as_log_file_is_refused_without_hanging(tmp_path: Path, cli) -> None:
    course = make_course(tmp_path, "Plain text")
    fifo = tmp_path / "kiosk.log"
    os.mkfifo(fifo)
    config = kiosk_config(tmp_path / "kiosk.toml", course, f"log_file = {quoted(str(fifo))}")
    start = time.monotonic()
    code, _, err = cli("kiosk", "--config", str(config), "--check")
    assert time.monotonic() - start < 10
    assert code == 2 and "not a regular file" in err


# ------------------------------------------------------------------ progress files


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX users")
def test_read_only_data_folder_is_told_up_front() -> None:
    """The learner owns the progress file (and the WAL files an unclean exit left) but may
    not write the folder: told at open, not at the first save that cannot be kept safely.
    Root can write anywhere, so as root the check runs as `nobody`."""
    base = Path(tempfile.mkdtemp(prefix="ketatui-ro-"))
    data = base / "data"
    try:
        store = ProgressStore.open(base / "live")
        store.create_profile("Sam")
        # Copied while open: the WAL and its index come too, as after a crash.
        shutil.copytree(base / "live", data)
        store.close()
        os.chmod(base, 0o755)
        cmd = [sys.executable, "-c", READ_ONLY_SCRIPT, str(data)]
        if os.geteuid() == 0:
            for path in (data, *data.iterdir()):
                os.chown(path, 65534, 65534)
            cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
        os.chmod(data, 0o555)
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=False)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.startswith("True Progress is not being saved"), proc.stdout
        assert "read-only" in proc.stdout
    finally:
        os.chmod(base, 0o700)
        if data.exists():
            os.chmod(data, 0o700)
        shutil.rmtree(base)


READ_ONLY_SCRIPT = """
import sys
from pathlib import Path
from ketatui.commands.app import open_store
store, note = open_store(Path(sys.argv[1]))
print(store is None, note)
"""


def test_records_on_a_damaged_database_gives_a_clear_message(tmp_path: Path, cli) -> None:
    data = tmp_path / "data"
    seed_progress(data, "Sam")
    conn = sqlite3.connect(data / PROGRESS_DB_FILENAME)
    conn.execute("DROP TABLE answers")
    conn.commit()
    conn.close()
    code, _, err = cli("records", "--data-dir", str(data))
    assert code == 2
    assert "damaged" in err and "table answers" in err and "Traceback" not in err


# ------------------------------------------------------------------ large content


def test_pages_and_quizzes_too_big_to_show_quickly_are_refused(tmp_path: Path) -> None:
    course = make_course(tmp_path, "Plain text")
    folder = course / "02-hostile"
    (folder / "big-page.md").write_text("word " * 200_000, encoding="utf-8")  # 1 MB
    questions = "".join(
        f"    - {{id: q{i}, type: true_false, prompt: Is {i} even?, answer: true}}\n"
        for i in range(1000)
    )
    (folder / "02-big.yaml").write_text(
        "id: big\ntitle: Big\ntracks: [patient]\nminutes: 3\nsummary: S\n"
        "review: {status: draft}\npages:\n  - {title: P, body_file: big-page.md}\n"
        "  - {title: W, body: " + "x" * 10_000 + "}\n"
        "quiz:\n  questions:\n" + questions,
        encoding="utf-8",
    )
    catalog = load_catalog(course)
    assert catalog.entry("big") is None
    messages = "\n".join(e.format() for e in catalog.errors)
    assert "02-big.yaml:8:" in messages and "at most 20,000" in messages
    assert "without a space" in messages
    assert "1000 questions; at most 250" in messages

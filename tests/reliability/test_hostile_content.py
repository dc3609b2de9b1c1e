"""Hostile lesson files: each is refused with a clear ContentError, in bounded time and memory.

The corpus is `tests/data/hostile/reject/` (small files, committed) plus what
`tests/data/hostile/generate.py` builds at test time (a 50 MB file, deep indentation,
alias fan-outs, symlinks and paths leaving the course folder, a named pipe). Never a
traceback, never an "internal error", never code execution, and the one good lesson next
to them still loads.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from ketatui.content.catalog import load_catalog
from ketatui.content.errors import ContentError
from ketatui.content.loader import load_lesson_file

from .conftest import HOSTILE, load_generator

REJECT = HOSTILE / "reject"
REJECT_FILES = sorted(p.name for p in REJECT.glob("*.yaml"))
GENERATOR = load_generator()
PWNED = GENERATOR.PWNED_MARKER
#: Peak RSS allowed for `ketatui validate` on the whole corpus, 50 MB file included.
MAX_VALIDATE_RSS_MB = 200
#: Python-level peak allowed while loading any one hostile file.
MAX_TRACED_MB = 50
CONTROL = {chr(c) for c in range(32) if chr(c) not in "\n\t"} | {"\x7f"}


def by_file(errors: tuple[ContentError, ...] | list[ContentError]) -> dict[str, list[ContentError]]:
    grouped: dict[str, list[ContentError]] = {}
    for e in errors:
        grouped.setdefault(e.file.name, []).append(e)
    return grouped


def assert_clean(errors: list[ContentError]) -> None:
    """Real, specific errors: a position, a message, no bug of ours showing through."""
    assert any(e.severity == "error" for e in errors)
    for e in errors:
        assert e.line >= 1 and e.column >= 1
        assert e.message and "Traceback" not in e.message
        assert "internal error" not in e.message, e.format()


@pytest.fixture(autouse=True)
def no_marker() -> None:
    PWNED.unlink(missing_ok=True)
    yield
    assert not PWNED.exists(), "a hostile lesson ran a shell command"


@pytest.mark.parametrize("name", REJECT_FILES)
def test_each_committed_hostile_file_is_refused(name: str, hang_guard: None) -> None:
    tracemalloc.start()
    try:
        entry, errors = load_lesson_file(REJECT / name, REJECT)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert entry is None
    assert_clean(errors)
    assert peak < MAX_TRACED_MB * 2**20, f"{name}: {peak / 2**20:.0f} MB traced"


def test_hostile_course_loads_the_good_lesson_and_reports_every_bad_file(
    hostile: tuple[Path, dict[str, str]], hang_guard: None
) -> None:
    course, what = hostile
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    catalog = load_catalog(course)
    growth_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert [e.lesson.id for e in catalog.lessons()] == ["good-lesson"]
    errors = by_file(catalog.errors)
    silent = sorted(name for name in what if name not in errors)
    assert not silent, f"hostile files accepted without an error: {silent}"
    for name in what:
        assert_clean(errors[name])
    assert "02-linked-module" in errors  # a module folder linking outside the course
    assert growth_mb < MAX_VALIDATE_RSS_MB, f"peak RSS grew {growth_mb:.0f} MB"


def test_nothing_outside_the_course_is_ever_read_into_a_lesson(
    hostile: tuple[Path, dict[str, str]], hang_guard: None
) -> None:
    course, _what = hostile
    for name in (
        "body_file_dotdot.yaml",
        "body_file_absolute.yaml",
        "body_file_sibling.yaml",
        "body_file_symlink.yaml",
        "body_file_dev_zero.yaml",
    ):
        entry, errors = load_lesson_file(course / "01-hostile" / name, course)
        assert entry is None, name
        text = " ".join(e.format() for e in errors)
        assert "outside the course" in text, text
        assert "PRIVATE" not in text and "root:" not in text


def test_the_size_cap_is_checked_before_reading(
    hostile: tuple[Path, dict[str, str]], hang_guard: None
) -> None:
    big = hostile[0] / "01-hostile" / "big_50mb.yaml"
    assert big.stat().st_size >= 50 * 2**20
    tracemalloc.start()
    try:
        entry, errors = load_lesson_file(big, hostile[0])
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert entry is None
    assert "too big" in errors[0].message
    assert peak < 4 * 2**20  # nowhere near the 50 MB: the file was never read


@pytest.mark.parametrize(
    "hostile_name",
    [
        "billion_laughs.yaml",
        "binary_junk.yaml",
        "deep_flow_seq.yaml",
        "python_object_apply.yaml",
        "empty.yaml",
        "utf16_le_bom.yaml",
        "tabs.yaml",
        "huge_int.yaml",
        "list_root.yaml",
    ],
)
@pytest.mark.parametrize("role", ["course.yaml", "module.yaml"])
def test_hostile_course_or_module_file_never_takes_the_course_down(
    tmp_path: Path, role: str, hostile_name: str, hang_guard: None
) -> None:
    course = tmp_path / "course"
    module = course / "01-m"
    module.mkdir(parents=True)
    (course / "course.yaml").write_text(GENERATOR.COURSE_YAML)
    (module / "module.yaml").write_text(GENERATOR.MODULE_YAML)
    (module / "01-good.yaml").write_text(GENERATOR.GOOD_LESSON)
    target = course / role if role == "course.yaml" else module / role
    shutil.copyfile(REJECT / hostile_name, target)
    catalog = load_catalog(course)
    assert [e.lesson.id for e in catalog.lessons()] == ["good-lesson"]
    errors = by_file(catalog.errors)
    assert role in errors
    assert_clean(errors[role])
    assert catalog.course.title  # a fallback title, so the app can still start


#: Runs `ketatui validate` and writes the process's own peak RSS (VmHWM, kB) to a file at
#: exit. VmHWM starts afresh at exec, so unlike the rusage of a child forked from a large
#: pytest process it counts only what validate itself used.
_CHILD = """
import atexit, sys
from ketatui.cli import main

def _report(path=sys.argv[1]):
    with open("/proc/self/status") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    with open(path, "w") as out:
        out.write(peak)

atexit.register(_report)
sys.exit(main(sys.argv[2:]))
"""


def run_validate(*args: str, tmp: Path) -> tuple[int, str, str, float]:
    """`ketatui validate ARGS` in a child process: (exit code, stdout, stderr, peak RSS MB)."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "COLUMNS": "200"}
    out_path, err_path = tmp / "validate.out", tmp / "validate.err"
    peak_path = tmp / "validate.peak"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(peak_path), "validate", *args],
            stdout=out,
            stderr=err,
            env=env,
        )
        try:
            proc.wait(timeout=120)  # a hang guard, not a timing assertion
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            pytest.fail(f"ketatui validate {' '.join(args)} hung")
    out_text = out_path.read_bytes().decode("utf-8", "replace")
    err_text = err_path.read_bytes().decode("utf-8", "replace")
    return proc.returncode, out_text, err_text, int(peak_path.read_text()) / 1024


def test_validate_reports_the_whole_corpus_without_a_traceback(
    hostile: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    course, what = hostile
    code, out, err, peak_mb = run_validate(str(course), tmp=tmp_path)
    assert code == 1, (out, err)
    assert "Traceback" not in out + err
    assert "internal error" not in out
    for name in what:
        assert name in out, f"{name} not reported"
    assert not CONTROL & set(out + err), "control characters reached the terminal"
    assert peak_mb < MAX_VALIDATE_RSS_MB, f"validate peaked at {peak_mb:.0f} MB"


def test_validate_single_files_and_json(
    hostile: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    course, what = hostile
    module = course / "01-hostile"
    files = sorted(str(p) for p in module.glob("*.yaml") if p.name != "00-good.yaml")
    code, out, err, _peak = run_validate("--format", "json", *files, tmp=tmp_path)
    assert code == 1 and "Traceback" not in err, err
    report = json.loads(out)
    named = {Path(e["file"]).name for e in report["errors"] if e["severity"] == "error"}
    # A lesson file named explicitly is checked even when it is a link (its body_files are
    # still confined to the course); inside a course folder the link itself is refused.
    assert set(what) - {"symlink_lesson.yaml"} <= named
    assert report["files_checked"] == len(files)


def test_a_named_pipe_does_not_hang_the_loader(tmp_path: Path) -> None:
    """A FIFO blocks whoever opens it for reading until a writer comes: never wait for one."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    course = tmp_path / "course"
    module = course / "01-m"
    (module / "bodies").mkdir(parents=True)
    (course / "course.yaml").write_text(GENERATOR.COURSE_YAML)
    (module / "module.yaml").write_text(GENERATOR.MODULE_YAML)
    (module / "01-good.yaml").write_text(GENERATOR.GOOD_LESSON)
    os.mkfifo(module / "bodies" / "pipe.md")
    (module / "02-fifo.yaml").write_text(GENERATOR.body_file_lesson("fifo", "bodies/pipe.md"))
    os.mkfifo(module / "03-pipe.yaml")
    code, out, err, _peak = run_validate(str(course), str(module / "03-pipe.yaml"), tmp=tmp_path)
    assert code == 1 and "Traceback" not in out + err
    assert "02-fifo.yaml" in out and "03-pipe.yaml" in out

"""Benchmarks for ketatui, reported as ratios to a baseline measured in the same run.

    .venv/bin/python benchmarks/run.py            # full run (about 4.5 minutes)
    .venv/bin/python benchmarks/run.py --quick    # CI smoke run (about 10 seconds)

Prints a table (figure, median, p95, min, max, baseline, ratio, target, PASS/MISS) and
writes JSON (`benchmarks/results/latest.json`, or `latest-quick.json` with --quick); a full
run also rewrites `benchmarks/latest.md`. Exit status: 0 when every benchmark ran, even if a
target was missed (the numbers are informational); 1 when a benchmark itself failed.

See benchmarks/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import gc
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import TypeVar

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate_course, generate_long_lesson_course  # noqa: E402
from machine import reference_ms  # noqa: E402

PROBE = HERE / "start_probe.py"
PARSE_PROBE = HERE / "parse_probe.py"
RESULTS = HERE / "results"

_T = TypeVar("_T")


# ------------------------------------------------------------------------------ figures


@dataclass
class Row:
    """One measured figure, with its baseline and target."""

    section: str
    name: str
    unit: str  # "s", "ms" or "MB"
    samples: list[float]
    baseline: str | None = None  # name of the baseline row
    baseline_median: float | None = None
    #: Each ("ratio", 1.3) = median / baseline median <= 1.3; ("p50", 20.0) = p50 < 20 ms.
    targets: tuple[tuple[str, float], ...] = ()
    note: str = ""
    stats: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.stats = summarize(self.samples)

    @property
    def ratio(self) -> float | None:
        if self.baseline_median in (None, 0):
            return None
        return self.stats["median"] / self.baseline_median

    @property
    def target_text(self) -> str:
        parts = []
        for kind, value in self.targets:
            if kind == "ratio":
                parts.append(f"<= {value:g}x")
            else:
                parts.append(f"{kind} < {value:g} {self.unit}")
        return ", ".join(parts) or "-"

    def _met(self, kind: str, value: float) -> bool:
        if kind == "ratio":
            return self.ratio is not None and self.ratio <= value
        return self.stats[kind] < value

    @property
    def status(self) -> str:
        if not self.targets:
            return "info"
        return "PASS" if all(self._met(k, v) for k, v in self.targets) else "MISS"

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data.update(ratio=self.ratio, target=self.target_text, status=self.status)
        return data


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (no interpolation: with 5 samples p95 is the maximum)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def summarize(samples: list[float]) -> dict[str, float]:
    return {
        "n": len(samples),
        "median": statistics.median(samples),
        "p50": statistics.median(samples),
        "p95": percentile(samples, 95),
        "p99": percentile(samples, 99),
        "min": min(samples),
        "max": max(samples),
    }


class BenchmarkFailed(Exception):
    """A benchmark could not run (as opposed to running and missing its target)."""


# ------------------------------------------------------------------------------ start-up


@dataclass
class StartKind:
    name: str
    probe_args: list[str]
    env: dict[str, str] = field(default_factory=dict)
    before: Callable[[], None] | None = None  # run before each sample (e.g. clear a cache)


def probe_once(kind: StartKind, timeout: float = 120.0) -> tuple[float, float]:
    """Start the probe process once: (seconds until the READY line, peak RSS in MB)."""
    if kind.before is not None:
        kind.before()
    read_fd, write_fd = os.pipe()
    # One terminal size for both of Textual's questions. Without a terminal, Rich says
    # 80x25 and the headless driver 80x24: the app then resizes its first screen back and
    # forth, repainting it whole each time (~25 ms for the catalog, next to nothing for the
    # bare app's one Static), which a real terminal, where both ask the same ioctl, never does.
    env = {**os.environ, "COLUMNS": "80", "LINES": "24", **kind.env}
    cmd = [sys.executable, str(PROBE), str(write_fd), *kind.probe_args]
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd,
            pass_fds=(write_fd,),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env=env,
            cwd=REPO,
        )
        os.close(write_fd)
        # A probe that hangs before it can time out by itself is killed: the pipe then
        # closes and readline() returns.
        watchdog = threading.Timer(timeout, proc.kill)
        watchdog.start()
        try:
            with os.fdopen(read_fd, "r", encoding="ascii") as pipe:
                line = pipe.readline()
            elapsed = time.perf_counter() - start
            proc.wait()
        finally:
            watchdog.cancel()
        stderr.seek(0)
        detail = stderr.read().decode("utf-8", "replace").strip()[-2000:]
    parts = line.split()
    if not parts or parts[0] != "READY" or proc.returncode != 0:
        raise BenchmarkFailed(
            f"start probe {kind.name!r} failed (exit {proc.returncode}, said {line.strip()!r})"
            + (f":\n{detail}" if detail else "")
        )
    return elapsed, int(parts[1]) / 1024


def bench_start(config: Config, work: Path) -> list[Row]:
    """Start-to-interactive and peak memory: bare Textual vs ketatui, interleaved."""
    compile_bytecode()
    shipped = REPO / "lessons"
    generated = work / "generated"
    generate_course(generated, config.lessons)
    data_warm = work / "data-warm"
    cache_warm = work / "cache-warm"
    cache_cold = work / "cache-cold"

    def app_args(lessons: Path, data: Path, target: str, *more: str) -> list[str]:
        return [target, "app", "--lessons", str(lessons), "--data-dir", str(data), *more]

    def clear_cold_cache() -> None:
        shutil.rmtree(cache_cold, ignore_errors=True)

    def app_env(cache: Path) -> dict[str, str]:
        return {"KETATUI_CACHE_DIR": str(cache)}

    n = config.lessons
    # "Until the catalog accepts input": `ketatui --profile NAME` starts a saved profile
    # straight on the catalog. The other kinds are the other ways in: the first-run
    # notice (its data dir stays empty: the probe leaves before the store is opened), the
    # profile picker of a returning learner, and that picker with Enter pressed at once
    # (app work only, no think time).
    as_profile = ("--profile", PROFILE)
    kinds = [
        StartKind("bare", ["default", "bare"]),
        StartKind(
            "shipped",
            app_args(shipped, data_warm, "CatalogScreen", *as_profile),
            app_env(cache_warm),
        ),
        StartKind(
            f"gen{n}",
            app_args(generated, data_warm, "CatalogScreen", *as_profile),
            app_env(cache_warm),
        ),
        StartKind(
            f"gen{n}-cold",
            app_args(generated, data_warm, "CatalogScreen", *as_profile),
            app_env(cache_cold),
            before=clear_cold_cache,
        ),
        StartKind(
            "shipped-notice",
            app_args(shipped, work / "data-first-run", "NoticeScreen"),
            app_env(cache_warm),
        ),
        StartKind(
            f"gen{n}-profiles",
            app_args(generated, data_warm, "ProfilesScreen"),
            app_env(cache_warm),
        ),
        StartKind(
            f"gen{n}-picked",
            app_args(generated, data_warm, "CatalogScreen+ProfilesScreen=enter"),
            app_env(cache_warm),
        ),
    ]
    _create_profile(data_warm)

    samples = _interleaved({k.name: partial(probe_once, k) for k in kinds}, config.start_reps)
    times = {name: [seconds for seconds, _ in both] for name, both in samples.items()}
    memory = {name: [mb for _, mb in both] for name, both in samples.items()}

    def row(
        section: str,
        name: str,
        kind: str,
        targets: tuple[tuple[str, float], ...] = (),
        note: str = "",
    ) -> Row:
        samples = times if section == "start" else memory
        unit = "s" if section == "start" else "MB"
        if kind == "bare":
            return Row(section, name, unit, samples[kind])
        base = statistics.median(samples["bare"])
        return Row(section, name, unit, samples[kind], "bare", base, targets, note)

    rows = [
        row("start", "bare Textual app (one Static)", "bare"),
        row(
            "start",
            "ketatui --profile, shipped lessons -> catalog",
            "shipped",
            (("ratio", 1.2),),
        ),
        row(
            "start",
            f"ketatui --profile, {n} lessons, cached -> catalog",
            f"gen{n}",
            (("ratio", 1.5),),
        ),
        row(
            "start",
            f"ketatui --profile, {n} lessons, no cache -> catalog",
            f"gen{n}-cold",
            note="the first start, or after the cache was cleared: every lesson parsed",
        ),
        row(
            "start",
            "ketatui, first run, shipped lessons -> notice",
            "shipped-notice",
            note="no progress yet: the education-not-advice notice comes first",
        ),
        row(
            "start",
            f"ketatui, {n} lessons -> profile picker",
            f"gen{n}-profiles",
            note="a returning learner without --profile",
        ),
        row(
            "start",
            f"ketatui, {n} lessons -> picker, Enter -> catalog",
            f"gen{n}-picked",
            note="the probe presses Enter on the picker as soon as it is ready",
        ),
        row("memory", "bare Textual app, peak RSS", "bare"),
        row(
            "memory", "ketatui, shipped lessons -> catalog, peak RSS", "shipped", (("ratio", 1.5),)
        ),
        row(
            "memory",
            f"ketatui, {n} lessons -> catalog, peak RSS",
            f"gen{n}",
            (("ratio", 1.5),),
        ),
    ]
    return rows + _terminal_rows(config, shipped, data_warm, cache_warm)


def _interleaved(measures: dict[str, Callable[[], _T]], reps: int) -> dict[str, list[_T]]:
    """`reps` samples of each measure, taken in rounds of one each, after one unmeasured round.

    The unmeasured round warms the OS file cache and the catalog cache; interleaving makes
    drift in machine load hit every measure alike.
    """
    for measure in measures.values():
        measure()
    samples: dict[str, list[_T]] = {name: [] for name in measures}
    for _ in range(reps):
        for name, measure in measures.items():
            samples[name].append(measure())
    return samples


def _terminal_rows(config: Config, lessons: Path, data: Path, cache: Path) -> list[Row]:
    """The `ketatui` command and the bare app as they are, in a pseudo-terminal (no probe)."""
    from bare_app import GREETING
    from terminal_start import TerminalStartFailed, first_frame_seconds

    command = Path(sys.executable).with_name("ketatui")
    if not command.is_file():
        raise BenchmarkFailed(f"no `ketatui` command beside {sys.executable}: pip install -e .")
    env = {**os.environ, "KETATUI_CACHE_DIR": str(cache)}
    ketatui = [str(command), "--lessons", str(lessons), "--data-dir", str(data)]
    kinds = {
        "bare": ([sys.executable, str(HERE / "bare_app.py")], GREETING),
        # The profile's name is in the catalog's top line ("Learning as Benchmark").
        "shipped": ([*ketatui, "--profile", PROFILE], PROFILE),
    }
    measures = {
        name: partial(first_frame_seconds, cmd, text, env=env, cwd=REPO)
        for name, (cmd, text) in kinds.items()
    }
    try:
        times = _interleaved(measures, config.start_reps)
    except TerminalStartFailed as exc:
        raise BenchmarkFailed(f"start in a terminal: {exc}") from exc
    base = Row("start", "bare Textual app, in a terminal, to its first frame", "s", times["bare"])
    return [
        base,
        Row(
            "start",
            "ketatui --profile, shipped lessons, in a terminal, to the catalog's first frame",
            "s",
            times["shipped"],
            base.name,
            base.stats["median"],
            note="the `ketatui` command itself in an 80x24 pseudo-terminal, nothing patched: "
            "a cross-check on the probe's figure above",
        ),
    ]


def compile_bytecode() -> None:
    """Byte-compile ketatui and the probes, as `pip install` does for an installed package.

    An editable install run with PYTHONDONTWRITEBYTECODE (common in containers and CI)
    would otherwise compile every ketatui module from source at each start, while
    Textual's modules load from the bytecode pip wrote: ~10 ms that no user pays.
    """
    import compileall

    import ketatui

    for folder in (Path(ketatui.__file__).parent, HERE):
        compileall.compile_dir(folder, quiet=1)


PROFILE = "Benchmark"


def _create_profile(data_dir: Path) -> None:
    from ketatui.progress.store import ProgressStore

    with ProgressStore.open(data_dir) as store:
        if store.find_profile(PROFILE) is None:
            store.create_profile(PROFILE)


# ------------------------------------------------------------------------------ UI latency


#: Within one 60 Hz frame at the median, two at p95 (the design's quality bar).
UI_TARGETS = (("p50", 16.7), ("p95", 33.0))


def bench_ui(config: Config, work: Path) -> list[Row]:
    """Page turn and answer submit latency, in-process with Pilot, on ~2 KB pages; then
    crisis help (F1) over the largest page allowed."""
    from ui_latency import measure

    course = work / "long"
    generate_long_lesson_course(course, pages=40, page_chars=2048, questions=config.ui_actions + 1)
    data = work / "data"
    data.mkdir(parents=True)
    turns, submits, nexts, at_once = asyncio.run(measure(course, data, config.ui_actions))
    sec = "ui"
    return [
        Row(sec, "page turn (~2 KB Markdown page)", "ms", turns, targets=UI_TARGETS),
        Row(sec, "answer submit (check, save, feedback)", "ms", submits, targets=UI_TARGETS),
        Row(
            sec,
            "next question, after reading the feedback",
            "ms",
            nexts,
            targets=UI_TARGETS,
            note="0.2 s after the feedback: the quiz has built the question meanwhile",
        ),
        Row(
            sec,
            "next question, pressed at once",
            "ms",
            at_once,
            note="Next as soon as the feedback shows: the question is built on the key press",
        ),
        *_crisis_rows(config, work / "crisis"),
        *_first_open_rows(config),
    ]


def _first_open_rows(config: Config) -> list[Row]:
    """The first lesson and quiz a fresh app opens (one process per sample)."""
    from first_open import sample

    lessons, quizzes = sample(config.first_open_reps)
    note = "a fresh app on the shipped lessons, one process per sample"
    return [
        Row("ui", "first lesson open (Enter on the catalog)", "ms", lessons, note=note),
        Row("ui", "first quiz open (-> on the lesson's last page)", "ms", quizzes, note=note),
    ]


def _crisis_rows(config: Config, work: Path) -> list[Row]:
    """F1 over a ~2 KB page (baseline) and over the largest page the validator allows."""
    from crisis_latency import run as run_crisis

    results = run_crisis(work, config.ui_actions)
    (small_f1, _), (big_f1, big_resize) = results["small"], results["big"]
    base = Row("ui", "crisis help (F1) over a ~2 KB page", "ms", small_f1, targets=UI_TARGETS)
    return [
        base,
        Row(
            "ui",
            "crisis help (F1) over the largest page allowed",
            "ms",
            big_f1,
            baseline=base.name,
            baseline_median=base.stats["median"],
            targets=(*UI_TARGETS, ("ratio", 1.5)),
            note="pages of ~19,000 characters (the validator's cap is 20,000)",
        ),
        Row("ui", "resize with the largest page allowed", "ms", big_resize),
    ]


# ------------------------------------------------------------------------------ validate


def bench_validate(config: Config, work: Path) -> list[Row]:
    """`ketatui validate` on N lessons vs a bare CSafeLoader parse of the same files."""
    import yaml

    from ketatui.content import loader

    root = work / "validate"
    generate_course(root, config.lessons)
    files = sorted(root.rglob("*.yaml"))

    def bare_parse() -> None:
        for path in files:
            with open(path, "rb") as f:
                yaml.load(f, Loader=yaml.CSafeLoader)

    def validate() -> None:
        errors, _ = loader.validate_paths([root])
        if any(e.severity == "error" for e in errors):
            raise BenchmarkFailed(f"generated course does not validate: {errors[0].format()}")

    parse_t: list[float] = []
    validate_t: list[float] = []
    bare_parse()
    validate()
    for _ in range(config.validate_reps):
        parse_t.append(_timed(bare_parse))
        validate_t.append(_timed(validate))

    cli_t: list[float] = []
    cli_parse_t: list[float] = []
    ketatui = [sys.executable, "-m", "ketatui.cli", "validate", str(root)]
    parse_cmd = [sys.executable, str(PARSE_PROBE), str(root)]
    _run_ok(ketatui)
    for _ in range(config.validate_process_reps):
        cli_parse_t.append(_timed(lambda: _run_ok(parse_cmd)))
        cli_t.append(_timed(lambda: _run_ok(ketatui)))

    n = config.lessons
    sec = "validate"
    base = statistics.median(parse_t)
    cli_base = statistics.median(cli_parse_t)
    return [
        Row(sec, f"CSafeLoader parse of {n} lessons", "s", parse_t),
        Row(
            sec,
            f"validate_paths, {n} lessons",
            "s",
            validate_t,
            "CSafeLoader parse",
            base,
            (("ratio", 1.3),),
        ),
        Row(sec, f"process: python + CSafeLoader parse, {n} lessons", "s", cli_parse_t),
        Row(
            sec,
            f"process: ketatui validate, {n} lessons",
            "s",
            cli_t,
            "process: parse",
            cli_base,
        ),
    ]


def _run_ok(cmd: list[str]) -> None:
    proc = subprocess.run(cmd, capture_output=True, cwd=REPO, check=False)
    if proc.returncode != 0:
        raise BenchmarkFailed(
            f"{' '.join(cmd)} exited {proc.returncode}: "
            + proc.stderr.decode("utf-8", "replace")[-1000:]
            + proc.stdout.decode("utf-8", "replace")[-1000:]
        )


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


# ------------------------------------------------------------------------------ progress


def bench_progress(config: Config, work: Path) -> list[Row]:
    """Durable progress writes: save_page and record_answer (WAL, synchronous=FULL).

    Interleaved with the floor, a bare SQLite one-row upsert commit with the same settings,
    so a burst of disk activity from elsewhere hits both alike.
    """
    import sqlite3

    from ketatui.progress.store import ProgressStore

    saves: list[float] = []
    answers: list[float] = []
    bare: list[float] = []
    (work / "bare").mkdir(parents=True)
    conn = sqlite3.connect(work / "bare" / "bare.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE t (k TEXT PRIMARY KEY, page INTEGER, at TEXT)")
    upsert = "INSERT INTO t VALUES (?, ?, ?) ON CONFLICT (k) DO UPDATE SET page = excluded.page"
    try:
        with ProgressStore.open(work / "data") as store:
            profile = store.create_profile("Benchmark")
            question_ids = [f"q{i}" for i in range(config.save_ops)]
            attempt = store.start_attempt(profile.id, "bench-lesson", question_ids)
            for i in range(config.save_ops):
                t0 = time.perf_counter()
                conn.execute("BEGIN IMMEDIATE")
                conn.execute(upsert, (f"lesson-{i % 40}", i, "2026-01-01T00:00:00"))
                conn.execute("COMMIT")
                t1 = time.perf_counter()
                store.save_page(profile.id, "bench-lesson", i % 40)
                t2 = time.perf_counter()
                store.record_answer(attempt.id, question_ids[i], ["choice"], i % 2 == 0)
                t3 = time.perf_counter()
                bare.append((t1 - t0) * 1000)
                saves.append((t2 - t1) * 1000)
                answers.append((t3 - t2) * 1000)
    finally:
        conn.close()
    base = statistics.median(bare)
    sec = "progress"
    return [
        Row(sec, "bare SQLite upsert commit (WAL, FULL)", "ms", bare),
        Row(sec, "save_page (durable)", "ms", saves, "bare SQLite", base, (("p99", 2.0),)),
        Row(sec, "record_answer (durable)", "ms", answers, "bare SQLite", base, (("p99", 2.0),)),
    ]


# ------------------------------------------------------------------------------ driver


@dataclass
class Config:
    quick: bool
    lessons: int
    start_reps: int
    ui_actions: int
    #: In-process validate_paths / CSafeLoader pairs (the target figure). Single runs on a
    #: busy 2-core machine swing by +-20%: the medians need more pairs than the processes.
    validate_reps: int
    #: Whole `ketatui validate` / parse processes (informational).
    validate_process_reps: int
    save_ops: int
    #: Fresh processes for the first lesson and quiz open (about a second each).
    first_open_reps: int

    @classmethod
    def make(cls, quick: bool) -> Config:
        if quick:
            return cls(
                True,
                lessons=100,
                start_reps=2,
                ui_actions=10,
                validate_reps=2,
                validate_process_reps=2,
                save_ops=50,
                first_open_reps=2,
            )
        return cls(
            False,
            lessons=1000,
            # A start-up ratio of 10 interleaved samples swung 1.16x-1.26x between runs
            # of the same code on this machine; 20 narrow the median's spread by ~30%.
            start_reps=20,
            ui_actions=200,
            validate_reps=15,
            validate_process_reps=7,
            save_ops=500,
            first_open_reps=10,
        )


SECTIONS: dict[str, Callable[[Config, Path], list[Row]]] = {
    "start": bench_start,
    "ui": bench_ui,
    "validate": bench_validate,
    "progress": bench_progress,
}


def machine_row(samples: list[float]) -> Row:
    """The machine's speed during the run: `machine.reference_work`, timed around each
    section. Informational: it shows whether a missed absolute target met a slow machine."""
    return Row(
        "machine",
        "machine speed: fixed pure-Python work, before and after each section",
        "ms",
        samples,
        note=(
            "the same work every run (`benchmarks/machine.py`): ~33 ms when this machine "
            "is quiet; a median well above that means every absolute figure above ran slow"
        ),
    )


def format_value(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "s":
        return f"{value * 1000:.0f} ms"
    if unit == "MB":
        return f"{value:.1f} MB"
    return f"{value:.2f} ms" if value < 10 else f"{value:.1f} ms"


HEADER = ("figure", "median", "p95", "p99", "min", "max", "ratio", "target", "result")


def table_rows(rows: list[Row]) -> list[tuple[str, ...]]:
    out = []
    for r in rows:
        s = r.stats
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else "-"
        out.append(
            (
                r.name,
                format_value(s["median"], r.unit),
                format_value(s["p95"], r.unit),
                format_value(s["p99"], r.unit),
                format_value(s["min"], r.unit),
                format_value(s["max"], r.unit),
                ratio,
                r.target_text,
                r.status,
            )
        )
    return out


def print_table(rows: list[Row]) -> None:
    body = table_rows(rows)
    widths = [max(len(str(x)) for x in col) for col in zip(HEADER, *body, strict=False)]
    line = "  ".join(h.ljust(w) for h, w in zip(HEADER, widths, strict=True))
    print(line)
    print("-" * len(line))
    for row in body:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))


def markdown_table(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(r) + " |" for r in table_rows(rows)]
    return "\n".join(lines)


def environment() -> dict[str, str]:
    import msgspec
    import textual
    import yaml

    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": str(os.cpu_count()),
        # Other work on the machine inflates p95/p99 most: worth knowing when reading them.
        "load average at start (1 min)": f"{os.getloadavg()[0]:.2f}",
        "textual": textual.__version__,
        "msgspec": msgspec.__version__,
        "pyyaml": f"{yaml.__version__} (libyaml: {getattr(yaml, '__with_libyaml__', False)})",
    }


@contextlib.contextmanager
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="ketatui-bench-") as tmp:
        yield Path(tmp)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="ketatui benchmarks (ratios to baselines)")
    parser.add_argument("--quick", action="store_true", help="few repetitions, 100 lessons")
    parser.add_argument("--out", type=Path, help="JSON results file")
    parser.add_argument("--markdown", type=Path, help="also write the table as Markdown here")
    parser.add_argument(
        "--only", choices=sorted(SECTIONS), action="append", help="run only these sections"
    )
    args = parser.parse_args(argv)
    config = Config.make(args.quick)
    out = args.out or RESULTS / ("latest-quick.json" if args.quick else "latest.json")
    markdown = args.markdown or (None if args.quick or args.only else HERE / "latest.md")

    rows: list[Row] = []
    failures: list[str] = []
    speed: list[float] = []  # the machine's speed around every section
    started = time.perf_counter()
    with workdir() as work:
        for name, section in SECTIONS.items():
            if args.only and name not in args.only:
                continue
            speed += reference_ms()
            t0 = time.perf_counter()
            # What earlier sections left on the heap is frozen out of the cyclic GC: the
            # in-process figures (validate after the UI run) otherwise paid for walking
            # it at every collection, which a fresh `ketatui validate` never does.
            gc.collect()
            gc.freeze()
            try:
                rows += section(config, work / name)
            except Exception as exc:  # report every broken section, not just the first
                failures.append(f"{name}: {exc}")
                traceback.print_exc()
            finally:
                gc.unfreeze()
            print(f"[{name}: {time.perf_counter() - t0:.1f} s]", file=sys.stderr)
        speed += reference_ms()
    rows.append(machine_row(speed))

    print()
    print_table(rows)
    env = environment()
    total = time.perf_counter() - started
    summary = {
        "mode": "quick" if args.quick else "full",
        "lessons": config.lessons,
        "seconds": round(total, 1),
        "environment": env,
        "failures": failures,
        "rows": [r.to_json() for r in rows],
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    if markdown is not None and not failures:
        markdown.write_text(render_markdown(rows, env, config, total), encoding="utf-8")
    missed = [r.name for r in rows if r.status == "MISS"]
    print(f"\n{len(rows)} figures in {total:.1f} s; {len(missed)} target(s) missed; JSON: {out}")
    for failure in failures:
        print(f"BENCHMARK FAILED: {failure}", file=sys.stderr)
    return 1 if failures else 0


def render_markdown(rows: list[Row], env: dict[str, str], config: Config, total: float) -> str:
    notes = [f"- {r.name}: {r.note}" for r in rows if r.note]
    return "\n".join(
        [
            "# Latest benchmark results",
            "",
            "Written by `.venv/bin/python benchmarks/run.py` (full mode); ratios are to the",
            "baseline measured in the same run. See `benchmarks/README.md`.",
            "",
            f"{env['date']} · Python {env['python']} · {env['cpus']} CPUs · "
            f"load average {env['load average at start (1 min)']} · "
            f"Textual {env['textual']} · {env['platform']} · run took {total:.0f} s",
            "",
            markdown_table(rows),
            "",
            *(["Notes:", "", *notes, ""] if notes else []),
        ]
    )


if __name__ == "__main__":
    sys.exit(main())

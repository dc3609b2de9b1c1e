"""The progress store under several processes and under SIGKILL.

Both tests run real child processes: one writes in a loop and is killed at random moments;
four others write answers to one database at the same time.

The counts scale up under `KETATUI_STRESS=1` (see SECURITY.md): hundreds of kills and
bigger, busier writers. `KETATUI_STRESS_KILLS=N` sets the number of kills directly.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from ketatui.paths import PROGRESS_DB_FILENAME
from ketatui.progress.store import ProgressStore

STRESS = os.environ.get("KETATUI_STRESS", "") not in ("", "0")
#: SIGKILLs of a writing process: dozens in CI (~0.15 s each), hundreds under stress.
KILLS = int(os.environ.get("KETATUI_STRESS_KILLS") or (400 if STRESS else 40))
#: Processes writing to one database at once, and answers each of them saves.
WORKERS, ANSWERS_PER_WORKER = (8, 2000) if STRESS else (4, 500)

# A child that saves in a loop and acknowledges each save on stdout only after it committed.
WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from ketatui.progress.store import ProgressStore

    data, run = Path(sys.argv[1]), sys.argv[2]
    store = ProgressStore.open(data)
    pid = next(p.id for p in store.list_profiles() if p.name == "Crash")
    print("ready", flush=True)
    attempt = None
    i = 0
    while True:
        if i % 10 == 0:
            if attempt is not None:
                store.finish_attempt(attempt.id, 0.5, False, "h")
                print("finished", attempt.id, flush=True)
            attempt = store.start_attempt(pid, f"{run}-a{i}", [f"q{j}" for j in range(10)])
            print("attempt", attempt.id, flush=True)
        store.record_answer(attempt.id, f"q{i % 10}", [i, i + 1], i % 3 == 0)
        print("answer", attempt.id, f"q{i % 10}", flush=True)
        store.save_page(pid, f"{run}-p{i}", i % 5)
        print("page", f"{run}-p{i}", i % 5, flush=True)
        i += 1
    """
)

# A child that waits for the go signal, then records `count` answers as fast as it can.
WORKER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from ketatui.progress.store import ProgressStore

    data, n, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    go = data.parent / "go"
    while not go.exists():
        time.sleep(0.002)
    store = ProgressStore.open(data)  # several processes create and migrate at once
    pid = store.create_profile(f"worker {n}").id
    attempt = store.start_attempt(pid, "shared-lesson", [f"q{i}" for i in range(count)])
    for i in range(count):
        store.record_answer(attempt.id, f"q{i}", i, i % 2 == 0)
        if i % 20 == 0:
            store.save_page(pid, "shared-lesson", i // 20)
    store.finish_attempt(attempt.id, 0.5, False, "h")
    store.close()
    print("done", attempt.id, flush=True)
    """
)


def _wait_for_line(path: Path, proc: subprocess.Popen, text: str, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and text in path.read_text():
            return
        if proc.poll() is not None:
            pytest.fail(f"writer exited early: {proc.stderr.read() if proc.stderr else ''}")
        time.sleep(0.005)
    pytest.fail("writer never became ready")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_writer_never_loses_an_acknowledged_save(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with ProgressStore.open(data) as s:
        s.create_profile("Crash")
    seed = int(os.environ.get("KETATUI_STRESS_SEED") or 20260501)
    rng = random.Random(seed)
    rows_checked = 0
    acked_pages: dict[str, int] = {}
    acked_answers: set[tuple[int, str]] = set()
    acked_attempts: set[int] = set()
    finished: set[int] = set()
    for run in range(KILLS):
        out = tmp_path / f"run{run}.out"
        with out.open("w") as stdout:
            proc = subprocess.Popen(
                [sys.executable, "-c", WRITER, str(data), f"r{run}"],
                stdout=stdout,
                stderr=subprocess.PIPE,
                text=True,
            )
        _wait_for_line(out, proc, "ready")
        # Mostly mid-stream; sometimes straight after opening, when the WAL is fresh.
        time.sleep(rng.uniform(0.0, 0.2) if rng.random() < 0.8 else rng.uniform(0.0, 0.01))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stderr.close()
        lines = out.read_text().split("\n")[:-1]  # a torn last line was never acknowledged
        for line in lines:
            kind, *rest = line.split()
            if kind == "page":
                acked_pages[rest[0]] = int(rest[1])
            elif kind == "answer":
                acked_answers.add((int(rest[0]), rest[1]))
            elif kind == "attempt":
                acked_attempts.add(int(rest[0]))
            elif kind == "finished":
                finished.add(int(rest[0]))

        # Look at the file as the next process would, straight after the kill.
        conn = sqlite3.connect(data / PROGRESS_DB_FILENAME)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            pages = dict(conn.execute("SELECT lesson_id, current_page FROM lesson_state"))
            answers = set(conn.execute("SELECT attempt_id, question_id FROM answers"))
            attempts = {r[0] for r in conn.execute("SELECT id FROM attempts")}
            done = {r[0] for r in conn.execute("SELECT id FROM attempts WHERE passed = 0")}
        finally:
            conn.close()
        missing = {k: v for k, v in acked_pages.items() if pages.get(k) != v}
        assert not missing, f"run {run}: acknowledged pages lost: {missing}"
        assert acked_answers <= answers, f"run {run}: lost {acked_answers - answers}"
        assert acked_attempts <= attempts
        assert finished <= done
        rows_checked += len(acked_pages) + len(acked_answers) + len(acked_attempts)

    assert len(acked_pages) > KILLS  # the writers really were writing when killed
    print(
        f"\n{KILLS} SIGKILLs survived (seed {seed}): {len(acked_pages)} pages, "
        f"{len(acked_answers)} answers, {len(acked_attempts)} attempts acknowledged; "
        f"{rows_checked} acknowledged rows checked after the kills"
    )
    with ProgressStore.open(data) as s:  # and the store still opens and works
        pid = s.list_profiles()[0].id
        s.save_page(pid, "after", 1)
        assert s.last_lesson(pid) == "after"


def test_four_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"  # not created yet: the workers race to create it
    per_worker = ANSWERS_PER_WORKER
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(data), str(n), str(per_worker)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        )
        for n in range(WORKERS)
    ]
    time.sleep(0.3)  # let them all start and wait at the barrier
    (tmp_path / "go").touch()
    results = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, results, strict=True):
        assert p.returncode == 0, err
        assert err == ""  # no "database is locked" (or anything else) reached the user
        assert out.startswith("done")

    with ProgressStore.open(data) as s:
        profiles = s.list_profiles()
        assert [p.name for p in profiles] == [f"worker {n}" for n in range(WORKERS)]
        for p in profiles:
            (attempt,) = s.attempts(p.id)
            assert len(attempt.answers) == per_worker
            assert [a.question_id for a in attempt.answers] == list(attempt.question_ids)
            assert attempt.passed is False
            state = s.lesson_state(p.id, "shared-lesson")
            assert (state.status, state.current_page) == ("failed", (per_worker - 1) // 20)

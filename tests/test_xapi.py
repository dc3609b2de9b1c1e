"""xAPI statements: checked by Ralph's own statement models, and sent to a real Ralph LRS.

Ralph (`ralph-malph`) is a test-only tool with pinned dependencies of its own, so it lives
in its own virtual environment, `.venv-lrs` (tests/lrs-requirements.txt; .ci/run makes it).
These tests run Ralph's Python there, as a separate process: its models validate what
`ketatui records --format xapi` writes, and its LRS server (filesystem backend, no other
service) runs on 127.0.0.1 for `--send`, read back through its statements API.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LRS_PYTHON = ROOT / ".venv-lrs" / "bin" / "python"
DATA = Path(__file__).parent / "data"
COURSE = DATA / "course_ok"

pytestmark = pytest.mark.skipif(
    not LRS_PYTHON.exists(),
    reason="Ralph's venv (.venv-lrs) is not installed here; .ci/run creates it: "
    "python3 -m venv .venv-lrs && .venv-lrs/bin/pip install -r tests/lrs-requirements.txt",
)

_VALIDATE = """
import json, sys
from ralph.models.xapi.base.statements import BaseXapiStatement
statements = json.load(open(sys.argv[1]))
for statement in statements:
    BaseXapiStatement.model_validate(statement)
print(len(statements))
"""


def _ketatui(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "from ketatui.cli import main; raise SystemExit(main())"]
    return subprocess.run(
        [*command, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """Ana's format 1 record, then a new full attempt answered through the lesson code."""
    from ketatui.content.catalog import load_catalog
    from ketatui.learning.lesson import LessonProgress
    from ketatui.learning.session import LearnerSession
    from ketatui.progress.store import ProgressStore
    from ketatui.quiz.grading import answer_to_json, check_answer

    target = tmp_path / "data"
    target.mkdir()
    shutil.copy(DATA / "progress_v1" / "progress.sqlite3", target)
    catalog = load_catalog(COURSE)
    entry = catalog.entry("first-lesson")
    given = {"q1": 0, "q2": frozenset({0, 1}), "q3": True, "q4": (1, 0, 2), "q5": "ketamine"}
    with ProgressStore.open(target) as store:
        ana = store.find_profile("Ana")
        assert ana is not None
        progress = LessonProgress(entry, LearnerSession(catalog, store, profile_id=ana.id))
        attempt = progress.open_attempt()
        assert attempt is not None
        for qid in attempt.question_ids[attempt.next_question_index :]:
            question = entry.lesson.question(qid)
            grade = check_answer(question, given[qid])
            attempt = progress.record_answer(
                attempt, qid, answer_to_json(question, given[qid]), grade.correct
            )
        progress.finish(attempt)
    return target


def _statements(data_dir: Path, tmp_path: Path) -> list[dict]:
    out = tmp_path / "ana.xapi.json"
    done = _ketatui(
        "records",
        "--data-dir",
        str(data_dir),
        "--lessons",
        str(COURSE),
        "--profile",
        "Ana",
        "--format",
        "xapi",
        "--home-page",
        "https://training.example.org",
        "-o",
        str(out),
    )
    assert done.returncode == 0, done.stderr
    return json.loads(out.read_text(encoding="utf-8"))


def test_statements_validate_against_ralphs_xapi_models(data_dir: Path, tmp_path: Path) -> None:
    statements = _statements(data_dir, tmp_path)
    path = tmp_path / "statements.json"
    path.write_text(json.dumps(statements), encoding="utf-8")
    done = subprocess.run(
        [str(LRS_PYTHON), "-c", _VALIDATE, str(path)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) == len(statements)
    verbs = {s["verb"]["display"]["en-US"] for s in statements}
    assert verbs == {"attempted", "answered", "completed", "passed", "failed"}
    kinds = {s["object"]["definition"].get("interactionType") for s in statements}
    assert kinds == {None, "choice", "true-false", "sequencing", "fill-in"}
    actor = statements[0]["actor"]
    assert actor["account"] == {"homePage": "https://training.example.org", "name": "Ana"}
    assert "mbox" not in actor  # no e-mail address is made up
    assert len({s["id"] for s in statements}) == len(statements)
    # One registration per attempt: format 1's three attempts and the one finished here.
    assert len({s["context"]["registration"] for s in statements}) == 3
    retry = [
        s
        for s in statements
        if s["context"]["extensions"].get(
            "https://training.example.org/xapi/extensions/attempt-kind"
        )
        == "retry-missed"
    ]
    completed = [s for s in retry if s["verb"]["display"]["en-US"] == "completed"]
    assert completed[0]["result"]["score"] == {"scaled": 0.5, "raw": 1, "min": 0, "max": 2}
    assert all(s["timestamp"].endswith("+00:00") for s in statements)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _hash(password: str) -> str:
    code = (
        "import bcrypt, sys; print(bcrypt.hashpw(sys.argv[1].encode(), bcrypt.gensalt(4)).decode())"
    )
    done = subprocess.run(
        [str(LRS_PYTHON), "-c", code, password], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture
def lrs(tmp_path: Path) -> Iterator[str]:
    """A real Ralph LRS on 127.0.0.1 (filesystem backend); yields its xAPI address."""
    home = tmp_path / "lrs"
    (home / "statements").mkdir(parents=True)
    auth = home / "auth.json"
    agent = {"account": {"homePage": "https://lrs.test", "name": "ketatui"}}
    users = [{"username": "ketatui", "hash": _hash("s3cret"), "scopes": ["all"], "agent": agent}]
    auth.write_text(json.dumps(users), encoding="utf-8")
    port = _free_port()
    env = {
        **os.environ,
        "RALPH_RUNSERVER_BACKEND": "fs",
        "RALPH_AUTH_FILE": str(auth),
        "RALPH_APP_DIR": str(home / "app"),
        "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(home / "statements"),
    }
    server = subprocess.Popen(
        [
            str(LRS_PYTHON),
            "-m",
            "uvicorn",
            "ralph.api:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(home / "server.log").open("w"),
    )
    try:
        _wait_until_up(f"http://127.0.0.1:{port}/__heartbeat__", server, home / "server.log")
        yield f"http://127.0.0.1:{port}/xAPI"
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_until_up(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the LRS stopped: {log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    pytest.fail(f"the LRS did not start in time: {log.read_text()}")


def _read_back(endpoint: str) -> list[dict]:
    """Every statement the LRS holds, through its own statements API (following 'more')."""
    token = base64.b64encode(b"ketatui:s3cret").decode()
    found: list[dict] = []
    url = f"{endpoint}/statements?limit=100"
    while url:
        request = urllib.request.Request(
            url, headers={"Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            page = json.load(response)
        found += page["statements"]
        more = page.get("more")
        url = f"{endpoint.rsplit('/xAPI', 1)[0]}{more}" if more else ""
    return found


def test_send_round_trips_through_a_real_lrs_and_resends_nothing_twice(
    data_dir: Path, tmp_path: Path, lrs: str
) -> None:
    statements = _statements(data_dir, tmp_path)
    args = [
        "records",
        "--data-dir",
        str(data_dir),
        "--lessons",
        str(COURSE),
        "--profile",
        "Ana",
        "--home-page",
        "https://training.example.org",
        "--send",
        lrs,
    ]
    sent = _ketatui(*args, env={"KETATUI_LRS_AUTH": "ketatui:s3cret"})
    assert sent.returncode == 0, sent.stderr
    assert f"Sent {len(statements)} statements" in sent.stdout
    stored = {s["id"]: s for s in _read_back(lrs)}
    assert set(stored) == {s["id"] for s in statements}
    for mine in statements:
        theirs = stored[mine["id"]]
        for key in ("actor", "verb", "object", "result", "context"):
            assert theirs.get(key) == mine.get(key), key
    # Again, with the credentials from a file this time: nothing is stored twice.
    auth = tmp_path / "lrs-auth"
    auth.write_text("ketatui:s3cret\n", encoding="utf-8")
    again = _ketatui(*args, "--auth-file", str(auth), env={"KETATUI_LRS_AUTH": ""})
    assert again.returncode == 0, again.stderr
    assert len(_read_back(lrs)) == len(statements)


def test_a_refusal_or_an_unreachable_lrs_is_said_plainly_and_changes_nothing(
    data_dir: Path, lrs: str
) -> None:
    before = (data_dir / "progress.sqlite3").read_bytes()
    args = ["records", "--data-dir", str(data_dir), "--lessons", str(COURSE), "--profile", "Ana"]
    refused = _ketatui(*args, "--send", lrs, env={"KETATUI_LRS_AUTH": "ketatui:wrong"})
    assert refused.returncode == 3
    assert "refused" in refused.stderr and "credentials were not accepted" in refused.stderr
    assert "Traceback" not in refused.stderr
    gone = f"http://127.0.0.1:{_free_port()}/xAPI"
    down = _ketatui(*args, "--send", gone, env={"KETATUI_LRS_AUTH": "ketatui:s3cret"})
    assert down.returncode == 3 and "Could not reach the LRS" in down.stderr
    assert _read_back(lrs) == []
    assert (data_dir / "progress.sqlite3").read_bytes() == before

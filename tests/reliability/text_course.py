"""A small course, progress file and kiosk config carrying chosen text, for the text-safety
tests: each piece of hostile text goes where a real author, learner or site would put it."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

from ketatui.kioskcore.config import set_pin
from ketatui.kioskcore.pin import hash_pin
from ketatui.paths import PROGRESS_DB_FILENAME
from ketatui.progress.schema import MIGRATIONS, latest_version

UI_COURSE = Path(__file__).resolve().parents[1] / "data" / "ui_course"
PIN = "246810"
NOW = "2026-05-01T10:00:00+00:00"


def quoted(text: str) -> str:
    """`text` as a double-quoted YAML (or TOML) string: every character but printable
    ASCII written as an escape, so the file holds exactly `text`."""
    out = []
    for ch in text:
        code = ord(ch)
        if 32 <= code < 127 and ch not in '"\\':
            out.append(ch)
        elif code < 0x10000:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def lesson_yaml(text: str, *, lesson_id: str = "hostile", by: str | None = None) -> str:
    """A valid approved patient lesson with `text` in every text field."""
    t = quoted(text)
    reviewer = quoted(by if by is not None else text)
    return f"""\
id: {lesson_id}
title: {t}
tracks: [patient, trainee]
minutes: 3
summary: {t}
review: {{status: approved, by: {reviewer}, date: 2026-11-01, next_due: 2099-01-01}}
sources:
  - {{id: s1, cite: {t}, url: "https://example.org/a"}}
pages:
  - title: {t}
    body: {t}
    sources: [s1]
quiz:
  pass_mark: 0.5
  shuffle: false
  questions:
    - id: q1
      type: single
      prompt: {t}
      choices:
        - {{text: Right, correct: true, feedback: {t}}}
        - {{text: {t}, feedback: {t}}}
      explanation: {t}
      hint: {t}
"""


def make_course(root: Path, text: str, *, file_name: str | None = None) -> Path:
    """The UI fixture course plus a module holding a lesson with `text` everywhere.

    With `file_name`, a broken lesson file of that name sits beside it (file names reach
    `validate`, `stats` and the preview as they are on disk).
    """
    course = root / "course"
    shutil.copytree(UI_COURSE, course)
    module = course / "02-hostile"
    module.mkdir()
    (module / "module.yaml").write_text(
        f"id: hostile-module\ntitle: {quoted(text)}\nsummary: {quoted(text)}\n", encoding="utf-8"
    )
    (module / "01-hostile.yaml").write_text(lesson_yaml(text), encoding="utf-8")
    if file_name is not None:
        (module / f"{file_name}.yaml").write_text("id: [broken\n", encoding="utf-8")
    return course


def seed_progress(data_dir: Path, name: str) -> Path:
    """A progress file (the store's schema, plain inserts: as an older or other version
    could have written it) with a profile called `name` that picked the hostile choice of
    `hostile`/q1 (wrongly) three times."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / PROGRESS_DB_FILENAME
    conn = sqlite3.connect(path)
    for migration in MIGRATIONS:
        for statement in migration:
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {latest_version()}")
    conn.execute("INSERT INTO profiles VALUES (1, ?, ?, ?)", (name, name.casefold(), NOW))
    cur = conn.execute(
        "INSERT INTO attempts (profile_id, lesson_id, question_ids, started_at, finished_at,"
        " score, passed) VALUES (1, 'hostile', '[\"q1\"]', ?, ?, 0, 0)",
        (NOW, NOW),
    )
    for answer in (1, 1, 1):
        conn.execute(
            "INSERT INTO answers (attempt_id, question_id, answer, correct, answered_at)"
            " VALUES (?, 'q1', ?, 0, ?)",
            (cur.lastrowid, json.dumps(answer), NOW),
        )
    conn.commit()
    conn.close()
    return path


def kiosk_config(path: Path, course: Path, extra: str = "") -> Path:
    """A private kiosk.toml for `course`, with a cheap real PIN hash and `extra` lines."""
    path.write_text(f"lessons = {quoted(str(course))}\n", encoding="utf-8")
    os.chmod(path, 0o600)
    set_pin(path, hash_pin(PIN, n=16, r=1, p=1))
    # After set_pin, which checks the whole file: `extra` may be what must be refused.
    # Top-level keys go before the [pin] table; a [[crisis]] table may follow it.
    pin = path.read_text(encoding="utf-8")
    path.write_text(f"lessons = {quoted(str(course))}\n{extra}\n" + pin.split("\n", 1)[1])
    return path

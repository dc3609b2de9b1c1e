"""`ketatui records`: a trainee exports their record for a supervisor."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ketatui.cli import main
from ketatui.progress.store import ProgressStore

UI_COURSE = Path(__file__).parent / "data" / "ui_course"


def _seed(data_dir: Path) -> None:
    with ProgressStore.open(data_dir) as store:
        sam = store.create_profile("Sam Lee")
        store.create_profile("Ada")
        store.save_page(sam.id, "first-lesson", 2)
        attempt = store.start_attempt(sam.id, "second-lesson", ["q1"])
        store.record_answer(attempt.id, "q1", True, True)
        store.finish_attempt(attempt.id, 1.0, True, "hash")


def test_export_json_to_a_file(tmp_path, capsys):
    _seed(tmp_path)
    out = tmp_path / "sam.json"
    code = main(
        [
            "records",
            "--data-dir",
            str(tmp_path),
            "--lessons",
            str(UI_COURSE),
            "--profile",
            "sam lee",
            "-o",
            str(out),
        ]
    )
    assert code == 0
    assert str(out) in capsys.readouterr().out
    record = json.loads(out.read_text())
    assert record["profile"]["name"] == "Sam Lee"
    status = {lesson["lesson_id"]: lesson["status"] for lesson in record["lessons"]}
    assert status == {"first-lesson": "in_progress", "second-lesson": "passed"}


def test_export_csv_to_stdout(tmp_path, capsys):
    _seed(tmp_path)
    code = main(
        [
            "records",
            "--data-dir",
            str(tmp_path),
            "--lessons",
            str(UI_COURSE),
            "--profile",
            "Sam Lee",
            "--format",
            "csv",
        ]
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff"))))
    assert any(r.get("question_id") == "q1" for r in rows)


def test_without_a_profile_lists_them_and_unknown_names_fail(tmp_path, capsys):
    _seed(tmp_path)
    assert main(["records", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Sam Lee" in out and "Ada" in out
    assert main(["records", "--data-dir", str(tmp_path), "--profile", "Nobody"]) == 1
    assert "no profile called 'Nobody'" in capsys.readouterr().err


def test_no_saved_progress_is_a_plain_message(tmp_path, capsys):
    assert main(["records", "--data-dir", str(tmp_path / "empty")]) == 1
    assert "no saved progress" in capsys.readouterr().err
    assert not (tmp_path / "empty").exists()


PINNED = Path(__file__).parent / "data" / "records_pinned"


def _export_in(tmp_path: Path, name: str) -> Path:
    """Export Ana's record from a copy of the format 1 file, as a supervisor's machine in
    UTC+05:30 would (a POSIX TZ string: no time zone database needed)."""
    import os
    import shutil
    import subprocess
    import sys

    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    if not (data / "progress.sqlite3").exists():
        shutil.copy(Path(__file__).parent / "data" / "progress_v1" / "progress.sqlite3", data)
    out = tmp_path / name
    course = Path(__file__).parent / "data" / "course_ok"
    command = [sys.executable, "-c", "from ketatui.cli import main; raise SystemExit(main())"]
    args = ["records", "--data-dir", str(data), "--lessons", str(course)]
    done = subprocess.run(
        [*command, *args, "--profile", "ana", "-o", str(out)],
        env={**os.environ, "TZ": "IST-5:30"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return out


def test_the_json_record_reads_well_for_a_supervisor(tmp_path: Path) -> None:
    # Pinned whole: percentages, the pass mark, local times with their offset, attempt
    # kinds, each retry scored on its own questions, answers as text.
    got = json.loads(_export_in(tmp_path, "ana.json").read_text(encoding="utf-8"))
    want = json.loads((PINNED / "ana.json").read_text(encoding="utf-8"))
    assert got.pop("exported_at").endswith("+05:30")
    want.pop("exported_at")
    assert got == want


def test_the_csv_record_reads_well_for_a_supervisor(tmp_path: Path) -> None:
    got = _export_in(tmp_path, "ana.csv").read_bytes()
    assert got == (PINNED / "ana.csv").read_bytes()
    rows = list(csv.DictReader(io.StringIO(got.decode("utf-8-sig"))))
    retry = [r for r in rows if r["attempt_kind"] == "retry-missed"]
    assert [(r["answer"], r["question_result"]) for r in retry] == [
        ("A; C", "wrong"),
        ("Right", "right"),
    ]
    assert {r["attempt_score"] for r in retry} == {"50%"}  # not format 1's 0.8


def test_o_takes_the_format_from_the_extension_and_never_overwrites(tmp_path, capsys):
    _seed(tmp_path)
    common = ["records", "--data-dir", str(tmp_path), "--lessons", str(UI_COURSE)]
    out = tmp_path / "sam.csv"
    assert main([*common, "--profile", "Sam Lee", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8-sig").startswith("profile,module,")  # CSV, not JSON
    out.write_text("the supervisor's notes")
    assert main([*common, "--profile", "Sam Lee", "-o", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert out.read_text() == "the supervisor's notes"
    assert main([*common, "--profile", "Sam Lee", "-o", str(out), "--force"]) == 0
    assert out.read_text(encoding="utf-8-sig").startswith("profile,")
    odd = tmp_path / "sam.txt"
    assert main([*common, "--profile", "Sam Lee", "-o", str(odd)]) == 2
    assert "--format" in capsys.readouterr().err and not odd.exists()
    assert main([*common, "--profile", "Sam Lee", "-o", str(odd), "--format", "json"]) == 0
    assert json.loads(odd.read_text())["profile"]["name"] == "Sam Lee"

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

"""`ketatui validate`: compiler-style errors, a summary, exit codes 0/1/2, JSON output,
and never a traceback whatever the files contain."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ketatui.cli import main

COURSE_OK = Path(__file__).parent / "data" / "course_ok"
#: The review part of the summary for a course of one draft lesson (LESSON).
ONE_DRAFT = "; 1 of 1 lessons is a draft (not yet reviewed by a clinician), 0 overdue for review"
#: course_ok: one draft, one in review, one approved; no review due before 2027-11-01.
COURSE_OK_REVIEW = (
    "; 1 of 3 lessons is a draft and 1 is in review (not yet approved by a clinician), "
    "0 overdue for review"
)

LESSON = """\
id: {id}
title: A lesson
review: {{status: draft}}
pages:
  - title: One
    body: Text.
"""


def make_course(root: Path, lessons: dict[str, str | bytes]) -> Path:
    (root / "m").mkdir(parents=True)
    (root / "course.yaml").write_text("title: Test\n")
    (root / "m" / "module.yaml").write_text("id: m\ntitle: M\n")
    for name, text in lessons.items():
        target = root / "m" / name
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text)
    return root


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    code = main(["validate", *argv])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_clean_course_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, err = run(capsys, str(COURSE_OK), "--today", "2026-12-03")
    assert code == 0
    assert lines == ["checked 6 files: no errors" + COURSE_OK_REVIEW]
    assert err == ""


def test_errors_exit_1_compiler_style_sorted_with_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_course(
        tmp_path / "c",
        {
            "01-a.yaml": LESSON.format(id="a").replace("title: A", "titel: A"),
            "02-b.yaml": LESSON.format(id="b").replace("draft", "drafft"),
            "03-ok.yaml": LESSON.format(id="ok"),
        },
    )
    monkeypatch.chdir(tmp_path)
    code, lines, _ = run(capsys, str(root.resolve()))
    assert code == 1
    assert lines == [
        "c/m/01-a.yaml:1:1: error: missing required key 'title'",
        "c/m/01-a.yaml:2:1: error: unknown key 'titel' — did you mean 'title'?",
        "c/m/02-b.yaml:3:18: error: unknown status 'drafft' — did you mean 'draft'? "
        "(one of: approved, draft, in_review, retired)",
        "checked 5 files: 3 errors in 2 files" + ONE_DRAFT,
    ]


def test_single_file_finds_its_course_for_body_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = LESSON.format(id="a").replace("body: Text.", "body_file: ../shared/one.md")
    root = make_course(tmp_path / "c", {"01-a.yaml": text})
    (root / "shared").mkdir()
    (root / "shared" / "one.md").write_text("Shared text\n")
    code, lines, _ = run(capsys, str(root / "m" / "01-a.yaml"))
    assert (code, lines) == (0, ["checked 1 file: no errors" + ONE_DRAFT])


def test_missing_path_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, err = run(capsys, str(COURSE_OK), str(tmp_path / "nope"))
    assert code == 2
    assert lines == []
    assert f"{tmp_path / 'nope'}: no such file or folder" in err


def test_json_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_course(tmp_path / "c", {"01-a.yaml": LESSON.format(id="Bad Id")})
    code, lines, _ = run(capsys, "--format", "json", str(root))
    assert code == 1
    data = json.loads("\n".join(lines))
    assert data["files_checked"] == 3
    (error,) = data["errors"]
    assert error == {
        "file": str(root / "m" / "01-a.yaml"),
        "line": 1,
        "column": 5,
        "severity": "error",
        "message": "'Bad Id' is not a valid id",
        "suggestion": "ids use lowercase letters, digits and dashes: did you mean 'bad-id'?",
        "source_line": None,
    }


def test_json_output_when_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines, _ = run(capsys, "--format", "json", str(COURSE_OK), "--today", "2026-12-03")
    assert code == 0
    assert json.loads("\n".join(lines)) == {
        "files_checked": 6,
        "errors": [],
        "review": {
            "today": "2026-12-03",
            "lessons": 3,
            "draft": 1,
            "in_review": 1,
            "approved": 1,
            "retired": 0,
            "overdue": 0,
        },
    }


def test_default_path_is_the_lessons_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_course(tmp_path / "c", {"01-a.yaml": LESSON.format(id="a")})
    code, lines, _ = run(capsys, "--lessons", str(root))
    assert (code, lines) == (0, ["checked 3 files: no errors" + ONE_DRAFT])


def test_warnings_do_not_fail(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_course(tmp_path / "c", {"01-a.yaml": LESSON.format(id="a")})
    (root / "m" / "02-b.yml").write_text(LESSON.format(id="b"))
    code, lines, _ = run(capsys, str(root))
    assert code == 0
    assert lines[-1] == "checked 3 files: no errors, 1 warning" + ONE_DRAFT
    assert lines[0].endswith("02-b.yml:1:1: warning: ignored: rename it to end in .yaml")


def nasty_course(root: Path) -> Path:
    """A course of hostile files next to one good lesson."""
    laughs = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    laughs += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    laughs.append("id: *a8")
    (root.parent / "outside.yaml").write_text(LESSON.format(id="outside"))
    make_course(
        root,
        {
            "00-good.yaml": LESSON.format(id="good"),
            "binary.yaml": bytes(range(256)) * 4,
            "utf16.yaml": LESSON.format(id="utf").encode("utf-16"),
            "laughs.yaml": "\n".join(laughs) + "\n",
            "deep.yaml": "title: " + "[" * 1000 + "]" * 1000 + "\n",
            "deeper.yaml": "title: " + "{a: " * 100_000 + "}" * 100_000 + "\n",
            "python.yaml": "id: !!python/object/apply:os.system ['touch /tmp/ketatui-pwned']\n",
        },
    )
    (root / "m" / "link.yaml").symlink_to(root.parent / "outside.yaml")
    return root


def test_nasty_files_never_give_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = nasty_course(tmp_path / "c")
    code, lines, err = run(capsys, str(root))
    assert code == 1
    assert "Traceback" not in err
    named = {line.split(":")[0].rsplit("/", 1)[-1] for line in lines[:-1]}
    assert named == {
        "binary.yaml",
        "utf16.yaml",
        "laughs.yaml",
        "deep.yaml",
        "deeper.yaml",
        "python.yaml",
        "link.yaml",
    }
    assert not Path("/tmp/ketatui-pwned").exists()
    assert not any("internal error" in line for line in lines)


def test_nasty_files_in_a_real_process(tmp_path: Path) -> None:
    root = nasty_course(tmp_path / "c")
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}  # and a terminal that is not UTF-8
    done = subprocess.run(
        [sys.executable, "-m", "ketatui.cli", "validate", str(root)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert re.fullmatch(
        r"checked 9 files: \d+ errors in 7 files; 1 of 1 lessons is a draft .*",
        done.stdout.splitlines()[-1],
    )


def test_a_module_folder_is_checked_as_a_module(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_course(tmp_path / "c", {"01-a.yaml": LESSON.format(id="a")})
    code, lines, _ = run(capsys, str(root / "m"))
    assert (code, lines) == (0, ["checked 2 files: no errors" + ONE_DRAFT])


# ---------------------------------------------------------------- review counts (issue 14)


def _reviewed(lesson_id: str, review: str) -> str:
    return LESSON.format(id=lesson_id).replace("{status: draft}", review)


def test_summary_counts_drafts_and_overdue_reviews(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_course(
        tmp_path / "c",
        {
            "01-a.yaml": _reviewed("a", "{status: draft, next_due: 2026-01-01}"),
            "02-b.yaml": _reviewed("b", "{status: approved, next_due: 2026-06-01}"),
            "03-c.yaml": _reviewed("c", "{status: approved, next_due: 2027-06-01}"),
        },
    )
    code, lines, _ = run(capsys, str(root), "--today", "2026-12-03")
    assert code == 0, "drafts and overdue reviews are information, not errors"
    assert lines == [
        "checked 5 files: no errors; 1 of 3 lessons is a draft (not yet reviewed by a "
        "clinician), 2 overdue for review"
    ]


def test_today_moves_the_overdue_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_course(
        tmp_path / "c", {"01-a.yaml": _reviewed("a", "{status: approved, next_due: 2027-06-01}")}
    )
    _, before, _ = run(capsys, str(root), "--today", "2027-06-01")
    _, after, _ = run(capsys, str(root), "--today", "2027-06-02")
    assert before[-1].endswith("1 of 1 lessons is approved by a clinician, 0 overdue for review")
    assert after[-1].endswith("1 of 1 lessons is approved by a clinician, 1 overdue for review")


def test_json_gives_review_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_course(
        tmp_path / "c",
        {
            "01-a.yaml": _reviewed("a", "{status: in_review}"),
            "02-b.yaml": _reviewed("b", "{status: retired, next_due: 2020-01-01}"),
        },
    )
    code, lines, _ = run(capsys, "--format", "json", str(root), "--today", "2026-12-03")
    assert code == 0
    assert json.loads("\n".join(lines))["review"] == {
        "today": "2026-12-03",
        "lessons": 2,
        "draft": 0,
        "in_review": 1,
        "approved": 0,
        "retired": 1,
        "overdue": 1,
    }


def test_a_lesson_given_twice_is_counted_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_course(tmp_path / "c", {"01-a.yaml": LESSON.format(id="a")})
    _, lines, _ = run(capsys, str(root), str(root / "m" / "01-a.yaml"))
    assert lines[-1].endswith(ONE_DRAFT)


def test_no_review_part_when_no_lesson_loaded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_course(tmp_path / "c", {})
    _, lines, _ = run(capsys, str(root / "course.yaml"))
    assert lines == ["checked 1 file: no errors"]


def test_bad_today_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", str(COURSE_OK), "--today", "2026-13-01"])
    assert exit_info.value.code == 2
    assert "not a date: '2026-13-01' (use YYYY-MM-DD)" in capsys.readouterr().err


def test_shipped_course_reports_every_lesson_a_draft(capsys: pytest.CaptureFixture[str]) -> None:
    # Only a clinician may mark a lesson reviewed (issue 14): the summary must say so.
    code, lines, _ = run(capsys, str(Path(__file__).parents[1] / "lessons"))
    assert code == 0
    assert re.fullmatch(
        r"checked \d+ files: no errors; (\d+) of \1 lessons are drafts "
        r"\(not yet reviewed by a clinician\), \d+ overdue for review",
        lines[-1],
    )

"""`require_reviewed` in kiosk.toml and the review line of `ketatui kiosk --check` (issue 14):
a site that shows only clinician-approved content gets a refusal naming each lesson."""

from __future__ import annotations

from pathlib import Path

import pytest

from ketatui.cli import main
from ketatui.kioskcore.config import set_pin

from .helpers import cheap_pin

LESSON = """\
id: {id}
title: Lesson {id}
tracks: [{track}]
review: {review}
pages:
  - title: One
    body: Text.
"""
FAR = "2099-01-01"  # a next_due date no test run will pass


def _course(root: Path, lessons: dict[str, tuple[str, str]]) -> Path:
    """A course whose module m holds `file name -> (track, review)` lessons."""
    (root / "m").mkdir(parents=True)
    (root / "course.yaml").write_text("title: Test\n")
    (root / "m" / "module.yaml").write_text("id: m\ntitle: M\n")
    for name, (track, review) in lessons.items():
        text = LESSON.format(id=name.removesuffix(".yaml"), track=track, review=review)
        (root / "m" / name).write_text(text)
    return root


def _config(tmp_path: Path, text: str = "") -> Path:
    config = tmp_path / "kiosk.toml"
    set_pin(config, cheap_pin())
    # Top-level keys go before the [pin] table; set_pin would refuse a bad one.
    config.write_text(text + config.read_text())
    return config


def _kiosk(tmp_path: Path, config: Path, course: Path, *extra: str) -> int:
    args = ["kiosk", "--config", str(config), "--lessons", str(course)]
    return main([*args, "--log-file", str(tmp_path / "kiosk.log"), *extra])


APPROVED = f"{{status: approved, by: Dr A, date: 2026-01-01, next_due: {FAR}}}"


def test_check_reports_drafts_and_that_require_reviewed_is_off(tmp_path, capsys):
    course = _course(
        tmp_path / "c",
        {
            "a.yaml": ("patient", "{status: draft}"),
            "b.yaml": ("patient", APPROVED),
            "t.yaml": ("trainee", "{status: draft, next_due: 2020-01-01}"),
        },
    )
    assert _kiosk(tmp_path, _config(tmp_path), course, "--check") == 0
    out = capsys.readouterr().out.splitlines()
    assert (
        "review: 1 of 2 patient lessons is a draft (not yet reviewed by a clinician), "
        "0 overdue for review"
    ) in out, "trainee lessons are not counted: the kiosk never shows them"
    assert "require_reviewed: off" in out


@pytest.mark.parametrize("extra", [["--check"], []], ids=["check", "start"])
def test_require_reviewed_refuses_drafts_and_overdue_naming_them(tmp_path, capsys, extra):
    course = _course(
        tmp_path / "c",
        {
            "a.yaml": ("patient", "{status: draft}"),
            "b.yaml": ("patient", "{status: approved, next_due: 2020-06-01}"),
            "c.yaml": ("patient", APPROVED),
            "d.yaml": ("patient", "{status: in_review}"),
            "t.yaml": ("trainee", "{status: draft}"),
        },
    )
    config = _config(tmp_path, "require_reviewed = true\n")
    assert _kiosk(tmp_path, config, course, *extra) == 1
    err = capsys.readouterr().err
    assert f"require_reviewed is on in {config}, so the kiosk will not start" in err
    assert "3 of 4 patient lessons are not approved by a clinician" in err
    assert "  m/a.yaml (a): draft (not approved by a clinician)" in err
    assert "  m/b.yaml (b): approved, review overdue since 2020-06-01" in err
    assert "  m/d.yaml (d): in review (not approved by a clinician)" in err
    assert "c.yaml" not in err and "t.yaml" not in err
    assert "ketatui review FILE --by NAME" in err and "Traceback" not in err


def test_require_reviewed_passes_when_every_patient_lesson_is_approved(tmp_path, capsys):
    course = _course(
        tmp_path / "c",
        {"a.yaml": ("patient", APPROVED), "t.yaml": ("trainee", "{status: draft}")},
    )
    config = _config(tmp_path, "require_reviewed = true\n")
    assert _kiosk(tmp_path, config, course, "--check") == 0
    captured = capsys.readouterr()
    assert "review: 1 of 1 patient lessons is approved by a clinician, 0 overdue" in captured.out
    assert "require_reviewed: on" in captured.out
    assert captured.err == ""


def test_require_reviewed_must_be_true_or_false(tmp_path, capsys):
    course = _course(tmp_path / "c", {"a.yaml": ("patient", APPROVED)})
    config = _config(tmp_path, 'require_reviewed = "yes"\n')
    assert _kiosk(tmp_path, config, course, "--check") == 2
    err = capsys.readouterr().err
    assert "'require_reviewed' must be true or false, got 'yes'" in err


def test_a_misspelt_require_reviewed_names_the_key(tmp_path, capsys):
    course = _course(tmp_path / "c", {"a.yaml": ("patient", APPROVED)})
    config = _config(tmp_path, "require_review = true\n")
    assert _kiosk(tmp_path, config, course, "--check") == 2
    assert "did you mean 'require_reviewed'?" in capsys.readouterr().err

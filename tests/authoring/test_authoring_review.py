"""`ketatui review FILE --by NAME`: a review recorded in place, every other byte kept, and
a refusal that changes nothing (issue 14)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ketatui.authoring.record_review import (
    ReviewError,
    ReviewRecord,
    edit_review_text,
    make_record,
)
from ketatui.authoring.scaffold import add_months
from ketatui.content.catalog import load_catalog

TODAY = dt.date.today()
NAME = 'Dr A: "Rivera" #1, psychiatrist'

FLOW = """\
# A comment above, kept as it is.
id: second
title: A second lesson
tracks: [patient, trainee]
minutes: 2
review: {status: draft, by: "", date: 2026-01-10, next_due: 2026-07-10}  # set by ketatui review
pages:
  - title: Only page
    body: Hello there.   # trailing spaces and this comment stay
"""

BLOCK = """\
id: second
title: A second lesson
tracks: [patient, trainee]
minutes: 2
review:
  # Who looked at it, and when.
  status: in_review   # changed by the reviewer
  by:
sources:
  - {id: s1, cite: "A source"}
pages:
  - title: Only page
    body: Hello there.
"""


def _lesson(course: Path, text: str | bytes, name: str = "02-second.yaml") -> Path:
    path = course / "01-basics" / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


def _review(cli, path: Path, *extra: str, by: str = NAME):
    return cli("review", str(path), "--by", by, *extra)


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_flow_style_changes_only_the_review_values(cli, course: Path) -> None:
    path = _lesson(course, FLOW)
    r = _review(cli, path, "--date", "2026-11-30", "--next-due", "2027-11-30")
    assert r.code == 0, r.err
    new = (
        'review: {status: approved, by: "Dr A: \\"Rivera\\" #1, psychiatrist", '
        "date: 2026-11-30, next_due: 2027-11-30}  # set by ketatui review"
    )
    old = next(line for line in FLOW.splitlines() if line.startswith("review:"))
    assert path.read_bytes() == FLOW.replace(old, new).encode()
    assert r.out.strip() == (
        f"{path}: approved, reviewed by {NAME} on 2026-11-30, next review due 2027-11-30"
    )
    review = load_catalog(course).entry("second").lesson.review  # type: ignore[union-attr]
    assert (review.status, review.by, review.date) == ("approved", NAME, dt.date(2026, 11, 30))


def test_block_style_keeps_comments_fills_empty_values_and_adds_missing_ones(
    cli, course: Path
) -> None:
    path = _lesson(course, BLOCK)
    r = _review(cli, path, "--date", "2026-11-30", "--status", "draft")
    assert r.code == 0, r.err
    expected = BLOCK.replace(
        "  status: in_review   # changed by the reviewer\n  by:\n",
        "  status: draft   # changed by the reviewer\n"
        '  by: "Dr A: \\"Rivera\\" #1, psychiatrist"\n'
        "  date: 2026-11-30\n"
        "  next_due: 2027-05-30\n",
    )
    assert path.read_text() == expected


def test_crlf_line_ends_and_a_bom_are_kept(cli, course: Path) -> None:
    text = "\ufeff" + BLOCK.replace("\n", "\r\n")
    path = _lesson(course, text.encode("utf-8"))
    assert _review(cli, path, "--date", "2026-11-30").code == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n  date: 2026-11-30\r\n  next_due: 2027-05-30\r\nsources:" in data
    assert data.count(b"\n") == data.count(b"\r\n")


def test_defaults_are_today_six_months_and_approved(cli, course: Path) -> None:
    path = course / "01-basics" / "02-second.yaml"
    assert _review(cli, path).code == 0
    review = load_catalog(course).entry("second").lesson.review  # type: ignore[union-attr]
    assert review.status == "approved"
    assert review.date == TODAY
    assert review.next_due == add_months(TODAY, 6)


def test_file_mode_is_kept_and_no_temporary_file_is_left(cli, course: Path) -> None:
    path = course / "01-basics" / "02-second.yaml"
    path.chmod(0o640)
    before = _listing(path.parent)
    assert _review(cli, path).code == 0
    assert path.stat().st_mode & 0o777 == 0o640
    assert _listing(path.parent) == before


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--date", "2026-02-30"], "not a date: '2026-02-30' (use YYYY-MM-DD)"),
        (["--next-due", "soon"], "not a date: 'soon' (use YYYY-MM-DD)"),
        (["--date", "2026-03-01", "--next-due", "2026-03-01"], "must be after the review date"),
        (["--date", (TODAY + dt.timedelta(days=1)).isoformat()], "is in the future"),
        (["--status", "reviewed"], "invalid choice: 'reviewed'"),
    ],
)
def test_bad_dates_and_status_are_usage_errors_and_change_nothing(
    cli, course: Path, capsys, extra: list[str], message: str
) -> None:
    path = course / "01-basics" / "02-second.yaml"
    original = path.read_bytes()
    try:
        r = _review(cli, path, *extra)
        code, err = r.code, r.err
    except SystemExit as exit_info:  # argparse rejects a malformed date itself
        code, err = int(str(exit_info.code)), capsys.readouterr().err
    assert code == 2
    assert message in err and "Traceback" not in err
    assert path.read_bytes() == original


def test_whitespace_in_a_name_is_tidied_like_a_title(cli, course: Path) -> None:
    path = course / "01-basics" / "02-second.yaml"
    assert _review(cli, path, by="  Dr  B.\nLee, RN ").code == 0
    review = load_catalog(course).entry("second").lesson.review  # type: ignore[union-attr]
    assert review.by == "Dr B. Lee, RN"


@pytest.mark.parametrize("by", ["", "   ", "red \x1b[31m", "bidi \u202e", "x" * 201])
def test_a_bad_name_is_refused(cli, course: Path, by: str) -> None:
    path = course / "01-basics" / "02-second.yaml"
    original = path.read_bytes()
    r = _review(cli, path, by=by)
    assert r.code == 2 and "--by" in r.err
    assert path.read_bytes() == original


def test_a_read_only_file_is_refused(cli, course: Path) -> None:
    path = course / "01-basics" / "02-second.yaml"
    original = path.read_bytes()
    path.chmod(0o444)
    r = _review(cli, path)
    assert r.code == 1
    assert "is read-only" in r.err and "nothing was changed" in r.err
    assert path.read_bytes() == original and path.stat().st_mode & 0o777 == 0o444


def test_a_folder_it_cannot_write_in_is_refused(cli, course: Path, monkeypatch) -> None:
    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    path = course / "01-basics" / "02-second.yaml"
    original = path.read_bytes()
    r = _review(cli, path)
    assert r.code == 1
    assert f"cannot write in {path.parent}: Permission denied" in r.err
    assert path.read_bytes() == original


def test_a_result_that_would_not_validate_is_refused(cli, course: Path) -> None:
    text = FLOW.replace("review: {status: draft,", "review: {status: draft, reviewer: me,")
    path = _lesson(course, text)
    before = _listing(path.parent)
    r = _review(cli, path)
    assert r.code == 1
    assert "with this review the lesson would not validate" in r.err
    assert f"{path}:6:" in r.err and "unknown key 'reviewer'" in r.err
    assert path.read_text() == text
    assert _listing(path.parent) == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (FLOW.replace("review: {", "review: &r {"), "anchor, alias or tag"),
        (FLOW.replace('by: ""', "by: !!str x"), "anchor, alias or tag"),
        (BLOCK.replace("  by:\n", "  by: |\n    Dr X\n"), "is not a single one-line value"),
        ("id: x\ntitle: T\npages: []\n", "has no 'review' entry"),
        ("id: x\nreview: draft\n", "'review' entry is not a mapping"),
        ("id: [x\n", "cannot read it as YAML"),
    ],
)
def test_a_review_entry_it_cannot_edit_safely_is_refused(
    cli, course: Path, text: str, message: str
) -> None:
    path = _lesson(course, text)
    r = _review(cli, path)
    assert r.code == 1, r.err
    assert message in r.err and "Traceback" not in r.err
    assert path.read_text() == text


def test_outside_a_course_and_non_lessons_are_usage_errors(cli, course: Path, tmp_path) -> None:
    loose = tmp_path / "loose.yaml"
    loose.write_text(FLOW)
    cases = {
        loose: "not inside a course folder",
        course / "course.yaml": "is not a lesson file",
        course / "01-basics" / "module.yaml": "is not a lesson file",
        course / "01-basics" / "nope.yaml": "no such file",
        course / "01-basics": "a folder, not a lesson file",
    }
    for path, message in cases.items():
        r = _review(cli, path)
        assert (r.code, message in r.err) == (2, True), (path, r.err)
    assert loose.read_text() == FLOW


def test_a_link_is_refused(cli, course: Path) -> None:
    link = course / "01-basics" / "03-link.yaml"
    link.symlink_to(course / "01-basics" / "02-second.yaml")
    r = _review(cli, link)
    assert r.code == 2 and "is a link" in r.err
    assert link.is_symlink()


def test_the_installed_course_is_refused(cli, course: Path, monkeypatch) -> None:
    from ketatui import paths

    monkeypatch.setattr(paths, "is_installed_course", lambda folder: folder == course)
    path = course / "01-basics" / "02-second.yaml"
    original = path.read_bytes()
    r = _review(cli, path)
    assert r.code == 2 and "installed with ketatui" in r.err
    assert path.read_bytes() == original


def test_the_command_is_listed_in_help(capsys) -> None:
    from ketatui.cli import main

    with pytest.raises(SystemExit):
        main(["--help"])
    assert "record a clinician's review in a lesson file" in capsys.readouterr().out


# --------------------------------------------------------------------------- the text edit

_NAMES = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40).filter(
    lambda s: s.strip()
)


@settings(max_examples=150, deadline=None)
@given(by=_NAMES)
def test_any_accepted_name_round_trips_through_yaml(by: str) -> None:
    try:
        record = make_record(by, dt.date(2026, 12, 3))
    except ReviewError:
        return  # control characters and the like are refused, not written
    for text in (FLOW, BLOCK):
        edited = edit_review_text(text, record)
        assert yaml.safe_load(edited)["review"]["by"] == record.by


def test_an_empty_flow_review_gets_every_field() -> None:
    record = ReviewRecord(
        by="X", date=dt.date(2026, 1, 1), next_due=dt.date(2026, 7, 1), status="approved"
    )
    edited = edit_review_text("review: {}\nid: a\n", record)
    assert edited == (
        'review: {status: approved, by: "X", date: 2026-01-01, next_due: 2026-07-01}\nid: a\n'
    )

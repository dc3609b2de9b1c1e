"""Warnings (exit 0, listed) for things that load but silently change what learners see,
and `validate --strict`, which makes them errors (issue 17)."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import COURSE
from .test_authoring_answers import seed

LESSON = """\
id: sleep
title: Sleep
review: {status: draft, date: 2026-03-01, next_due: 2026-09-01}
pages:
  - title: One
    body: |
      Sleep matters.
quiz:
  questions:
    - id: q1
      type: short_answer
      prompt: What matters?
      explanation: Sleep.
      accepted: [sleep]
"""


def lesson_file(tmp_path: Path, text: str) -> Path:
    module = tmp_path / "course" / "01-m"
    module.mkdir(parents=True)
    (tmp_path / "course" / "course.yaml").write_text("title: T\n", encoding="utf-8")
    (module / "module.yaml").write_text("id: m\ntitle: M\n", encoding="utf-8")
    path = module / "01-sleep.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def warnings(cli, path: Path, *options: str) -> list[dict[str, object]]:
    r = cli("validate", "--format", "json", *options, str(path))
    assert r.code == 0, r.out
    return [e for e in json.loads(r.out)["errors"] if e["severity"] == "warning"]


def only_warning(cli, tmp_path: Path, text: str) -> dict[str, object]:
    [warning] = warnings(cli, lesson_file(tmp_path, text))
    return warning


def test_the_lesson_used_here_has_no_warnings(cli, tmp_path: Path) -> None:
    assert warnings(cli, lesson_file(tmp_path, LESSON)) == []


def test_raw_html_in_a_page(cli, tmp_path: Path) -> None:
    w = only_warning(cli, tmp_path, LESSON.replace("Sleep matters.", "Sleep <b>matters</b>."))
    assert (w["line"], w["column"]) == (6, 11)
    assert w["message"].startswith("raw HTML ('<b>') is not shown as HTML")
    assert w["suggestion"].startswith("use Markdown instead")


def test_raw_html_in_a_body_file(cli, tmp_path: Path) -> None:
    path = lesson_file(tmp_path, LESSON.replace("body: |\n      Sleep matters.", "body_file: p.md"))
    (path.parent / "p.md").write_text("Line one<br>line two\n", encoding="utf-8")
    [w] = warnings(cli, path)
    assert w["message"].startswith("body_file 'p.md': raw HTML ('<br>')")


def test_a_hash_in_plain_text_cuts_the_rest(cli, tmp_path: Path) -> None:
    w = only_warning(cli, tmp_path, LESSON.replace("title: Sleep", "title: Sleep #1 tip"))
    assert (w["line"], w["column"]) == (2, 8)
    assert "' #1 tip'" in w["message"] and "learners never see the rest" in w["message"]
    assert w["suggestion"].startswith("put the whole text in quotes")


def test_a_comment_after_an_id_or_a_number_is_fine(cli, tmp_path: Path) -> None:
    text = LESSON.replace("- id: q1", "- id: q1   # stable").replace(
        "quiz:\n", "quiz:\n  pass_mark: 0.8  # share right\n"
    )
    assert warnings(cli, lesson_file(tmp_path, text)) == []


def test_placeholder_text_left_from_new(cli, course: Path) -> None:
    r = cli("--lessons", str(course), "new", "lesson", "--module", "basics", "--title", "Draft")
    path = Path(r.out.strip())
    found = warnings(cli, path)
    assert found, "the skeleton's placeholders are warned about"
    assert all(w["message"].startswith("placeholder text from `ketatui new`") for w in found)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert any("Replace with the page title" in lines[w["line"] - 1] for w in found)
    assert cli("validate", "--strict", str(path)).code == 1


def test_an_accepted_answer_that_can_never_match(cli, tmp_path: Path) -> None:
    w = only_warning(cli, tmp_path, LESSON.replace("accepted: [sleep]", 'accepted: [sleep, "?!"]'))
    assert (w["line"], w["column"]) == (14, 25)
    assert w["message"].startswith("the accepted answer '?!' can never match")


def test_empty_tracks(cli, tmp_path: Path) -> None:
    w = only_warning(cli, tmp_path, LESSON.replace("title: Sleep\n", "title: Sleep\ntracks: []\n"))
    assert w["message"] == "'tracks: []' hides the lesson from every learner"
    assert w["line"] == 3


def test_next_due_before_the_review_date(cli, tmp_path: Path) -> None:
    w = only_warning(cli, tmp_path, LESSON.replace("next_due: 2026-09-01", "next_due: 2025-09-01"))
    assert w["message"].startswith("next_due (2025-09-01) is earlier than the review date")
    assert (w["line"], w["column"]) == (3, 53)


def test_a_page_far_over_the_word_cap(cli, tmp_path: Path) -> None:
    long = " ".join(["Sleep helps the brain rest."] * 50)  # 250 words
    w = only_warning(cli, tmp_path, LESSON.replace("Sleep matters.", long))
    assert w["message"] == "page 1 has 250 words, far over the 120 a page should hold"
    assert (w["line"], w["column"]) == (5, 12)


def test_a_bad_source_url_is_an_error(cli, tmp_path: Path) -> None:
    text = LESSON.replace("pages:", "sources:\n  - {id: s1, cite: C, url: 'doi:10.1/x'}\npages:")
    r = cli("validate", str(lesson_file(tmp_path, text)))
    assert r.code == 1
    assert "is not a well-formed http(s) URL" in r.out


def test_warnings_keep_exit_0_and_strict_makes_them_errors(cli, tmp_path: Path) -> None:
    path = lesson_file(tmp_path, LESSON.replace("title: Sleep\n", "title: Sleep\ntracks: []\n"))
    r = cli("validate", str(path))
    assert r.code == 0
    assert "warning: 'tracks: []' hides the lesson" in r.out
    assert r.out.splitlines()[-1].startswith("checked 1 file: no errors, 1 warning")
    r = cli("validate", "--strict", str(path))
    assert r.code == 1
    assert "error: 'tracks: []' hides the lesson" in r.out


def test_stats_answers_from_another_course_is_a_warning(cli, tmp_path: Path) -> None:
    data = tmp_path / "data"
    seed(data, [("other-course-lesson", "q1", "0", 0), ("counted", "q-colour", "1", 1)])
    r = cli("stats", "--answers", "--lessons", str(COURSE), "--data-dir", str(data))
    assert r.code == 0
    assert "warning: 1 of the 2 questions in the saved answers are in the course" in r.err
    assert "other-course-lesson / q1" in r.err
    seed(tmp_path / "fine", [("counted", "q-colour", "1", 1)])
    r = cli("stats", "--answers", "--lessons", str(COURSE), "--data-dir", str(tmp_path / "fine"))
    assert "warning" not in r.err

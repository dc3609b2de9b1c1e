"""The content loader: every kind of mistake is reported with its exact line and column,
one bad lesson never stops the others loading, and hostile files are refused safely."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

import pytest
import yaml

from ketatui.content import loader, yamlsafe
from ketatui.content.catalog import load_catalog
from ketatui.content.errors import ContentError
from ketatui.content.loader import load_course_folder, load_lesson_file, validate_paths

COURSE_OK = Path(__file__).parent / "data" / "course_ok"

# Line numbers below refer to this lesson; tests replace one line at a time.
GOOD = """\
id: my-lesson
title: My lesson
review: {status: draft}
sources:
  - {id: s1, cite: "Author, Journal, 2020"}
pages:
  - title: One
    body: Text.
    sources: [s1]
quiz:
  questions:
    - id: q1
      type: single
      prompt: Pick one.
      explanation: Because.
      choices:
        - {text: A, correct: true}
        - {text: B}
"""


def make_course(root: Path, lessons: dict[str, str | bytes]) -> Path:
    """A course folder with one module `m` holding the given lesson files."""
    (root / "m").mkdir(parents=True, exist_ok=True)
    (root / "course.yaml").write_text("title: Test\n")
    (root / "m" / "module.yaml").write_text("id: m\ntitle: M\n")
    for name, text in lessons.items():
        path = root / "m" / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


def load(tmp_path: Path, text: str | bytes) -> tuple[object, list[ContentError]]:
    root = make_course(tmp_path / "course", {"lesson.yaml": text})
    return load_lesson_file(root / "m" / "lesson.yaml", root)


def errors_of(tmp_path: Path, text: str | bytes) -> list[tuple[int, int, str, str | None]]:
    entry, errors = load(tmp_path, text)
    assert entry is None, "a lesson with errors must be left out"
    assert errors, "expected at least one error"
    return [(e.line, e.column, e.message, e.suggestion) for e in errors]


def replace_line(number: int, new: str, text: str = GOOD) -> str:
    lines = text.splitlines()
    lines[number - 1] = new
    return "\n".join(lines) + "\n"


def only(errors: list[tuple[int, int, str, str | None]]) -> tuple[int, int, str, str | None]:
    assert len(errors) == 1, errors
    return errors[0]


# --------------------------------------------------------------------------- the good path


def test_good_lesson_loads(tmp_path: Path) -> None:
    entry, errors = load(tmp_path, GOOD)
    assert errors == []
    assert entry.lesson.id == "my-lesson"
    assert entry.lesson.quiz.questions[0].choices[0].correct is True
    assert entry.bodies == ("Text.",)
    assert entry.module_id == "m"


def test_fixture_course_loads_in_order_with_body_files_and_yaml_quirks() -> None:
    catalog = load_catalog(COURSE_OK)
    assert catalog.errors == ()
    assert catalog.course.title == "Test course"
    assert [m.id for m in catalog.modules] == ["basics", "treatment"]
    assert [e.lesson.id for e in catalog.lessons()] == [
        "first-lesson",
        "second-lesson",
        "third-lesson",
    ]
    first = catalog.entry("first-lesson")
    assert first.lesson.review.date == dt.date(2026, 11, 1)
    assert first.bodies[1] == "Page two comes **from a file**.\n"
    assert first.lesson.quiz.questions[2].answer is True  # `answer: yes`
    second = catalog.entry("second-lesson").lesson
    # YAML 1.1 would make these an int and a bool; in string fields they stay the text.
    assert second.title == "2024"
    assert second.pages[0].title == "No"
    assert [e.lesson.id for e in catalog.lessons("patient")] == ["first-lesson", "third-lesson"]


def test_content_hash_covers_the_lesson_and_its_body_file(tmp_path: Path) -> None:
    root = make_course(tmp_path / "c", {"l.yaml": replace_line(8, "    body_file: body.md", GOOD)})
    body = root / "m" / "body.md"
    body.write_text("Hello\n")
    entry, errors = load_lesson_file(root / "m" / "l.yaml", root)
    assert errors == []
    assert entry.bodies == ("Hello\n",)
    raw = (root / "m" / "l.yaml").read_bytes()
    assert entry.content_hash == hashlib.sha256(raw + b"\0" + b"Hello\n").hexdigest()
    body.write_text("Changed\n")
    again, _ = load_lesson_file(root / "m" / "l.yaml", root)
    assert again.content_hash != entry.content_hash


def test_merge_keys_are_supported(tmp_path: Path) -> None:
    text = GOOD.replace(
        "    - id: q1\n      type: single\n",
        "    - <<: {type: single, explanation: Shared.}\n      id: q1\n",
    ).replace("      explanation: Because.\n", "")
    entry, errors = load(tmp_path, text)
    assert errors == []
    assert entry.lesson.quiz.questions[0].explanation == "Shared."


def test_a_quoted_date_is_accepted(tmp_path: Path) -> None:
    entry, errors = load(tmp_path, replace_line(3, 'review: {status: draft, date: "2026-01-31"}'))
    assert errors == []
    assert entry.lesson.review.date == dt.date(2026, 1, 31)


# --------------------------------------------------------------------------- one test per error


def test_yaml_syntax_error(tmp_path: Path) -> None:
    line, column, message, hint = only(errors_of(tmp_path, replace_line(2, "title: [unclosed")))
    # libyaml notices at the next key; the author is told where the bracket opened.
    assert (line, column, message) == (2, 8, "this [ is never closed")
    assert hint == "add the closing ] after the last item"


def test_tab_indentation_gets_a_hint(tmp_path: Path) -> None:
    line, column, message, hint = only(errors_of(tmp_path, replace_line(8, "\tbody: Text.")))
    assert message == "this line is indented with a tab: YAML needs spaces"
    assert (line, column) == (8, 1)
    assert hint == "replace the tab with spaces (set your editor to insert spaces)"


def test_wrong_type(tmp_path: Path) -> None:
    error = only(errors_of(tmp_path, GOOD.split("pages:")[0] + "pages: hello\n"))
    assert error[:3] == (6, 8, "expected a list of pages, got a string")


def test_scalar_for_a_list_suggests_a_list(tmp_path: Path) -> None:
    text = replace_line(3, "review: {status: draft}\ntracks: patient")
    error = only(errors_of(tmp_path, text))
    assert error[:3] == (4, 9, "expected a list of tracks, got a string")
    assert error[3] == "write it as a list: [patient]"


def test_missing_required_key_points_at_the_mapping(tmp_path: Path) -> None:
    error = only(errors_of(tmp_path, GOOD.replace("review: {status: draft}\n", "")))
    assert error[:3] == (1, 1, "missing required key 'review'")


def test_missing_key_in_a_nested_mapping(tmp_path: Path) -> None:
    error = only(errors_of(tmp_path, GOOD.replace("      explanation: Because.\n", "")))
    assert error[:3] == (12, 7, "missing required key 'explanation'")


def test_unknown_key_reports_both_the_typo_and_the_missing_key(tmp_path: Path) -> None:
    errors = errors_of(tmp_path, replace_line(2, "titel: My lesson"))
    assert (2, 1, "unknown key 'titel'", "did you mean 'title'?") in errors
    assert (1, 1, "missing required key 'title'", None) in errors
    assert len(errors) == 2


def test_unknown_key_without_a_close_match_lists_the_allowed_keys(tmp_path: Path) -> None:
    errors = errors_of(tmp_path, replace_line(8, "    body: Text.\n    zzz: 1"))
    line, column, message, hint = only(errors)
    assert (line, column, message) == (9, 5, "unknown key 'zzz'")
    assert hint == "allowed keys: title, body, body_file, sources"


def test_unknown_question_type(tmp_path: Path) -> None:
    line, column, message, hint = only(errors_of(tmp_path, replace_line(13, "      type: singel")))
    assert (line, column, message) == (13, 13, "unknown question type 'singel'")
    assert hint.startswith("did you mean 'single'?")
    for kind in ("single", "multiple", "true_false", "order", "short_answer"):
        assert kind in hint


def test_missing_question_type(tmp_path: Path) -> None:
    text = GOOD.replace("      type: single\n", "")
    line, column, message, hint = only(errors_of(tmp_path, text))
    assert (line, column, message) == (12, 7, "missing required key 'type'")
    assert "single, multiple, true_false, order, short_answer" in hint


def test_bad_enum_value(tmp_path: Path) -> None:
    text = replace_line(3, "review: {status: drafft}")
    line, column, message, hint = only(errors_of(tmp_path, text))
    assert (line, column, message) == (3, 18, "unknown status 'drafft'")
    assert hint == "did you mean 'draft'? (one of: approved, draft, in_review, retired)"


def test_bad_id_pattern_suggests_a_slug(tmp_path: Path) -> None:
    error = only(errors_of(tmp_path, replace_line(1, "id: My Lesson")))
    assert error[:3] == (1, 5, "'My Lesson' is not a valid id")
    assert error[3].endswith("did you mean 'my-lesson'?")


def test_pass_mark_out_of_range(tmp_path: Path) -> None:
    text = GOOD.replace("quiz:\n", "quiz:\n  pass_mark: 1.5\n")
    error = only(errors_of(tmp_path, text))
    assert error[:3] == (11, 14, "'pass_mark' must be more than 0 and at most 1, got 1.5")
    text = GOOD.replace("quiz:\n", "quiz:\n  pass_mark: 0\n")
    assert only(errors_of(tmp_path / "zero", text))[:2] == (11, 14)


def test_pass_mark_as_a_percentage_gets_a_hint(tmp_path: Path) -> None:
    text = GOOD.replace("quiz:\n", "quiz:\n  pass_mark: 80%\n")
    assert only(errors_of(tmp_path, text)) == (
        11,
        14,
        "expected a number, got a string",
        "write a decimal like 0.8",
    )


def test_minutes_out_of_range(tmp_path: Path) -> None:
    error = only(errors_of(tmp_path, replace_line(2, "title: T\nminutes: 500")))
    assert error[:3] == (3, 10, "'minutes' must be between 1 and 240, got 500")


def test_minutes_must_be_whole(tmp_path: Path) -> None:
    error = only(errors_of(tmp_path, replace_line(2, "title: T\nminutes: 2.5")))
    assert error[:3] == (3, 10, "expected a whole number, got the number 2.5")


def test_empty_required_string(tmp_path: Path) -> None:
    error = only(errors_of(tmp_path, replace_line(2, 'title: ""')))
    assert error[:3] == (2, 8, "'title' must not be empty")


def test_null_for_a_string(tmp_path: Path) -> None:
    error = only(errors_of(tmp_path, replace_line(2, "title:")))
    assert error[:3] == (2, 7, "expected a string, got an empty value")


def test_date_field_given_text(tmp_path: Path) -> None:
    error = only(errors_of(tmp_path, replace_line(3, "review: {status: draft, date: soon}")))
    assert error == (
        3,
        31,
        "'soon' is not a date written as YYYY-MM-DD",
        "write dates as YYYY-MM-DD (year, month, day), e.g. 2026-12-02",
    )


def test_impossible_date(tmp_path: Path) -> None:
    error = only(errors_of(tmp_path, replace_line(3, "review: {status: draft, date: 2026-13-45}")))
    assert error[:2] == (3, 31)
    assert error[2].startswith("'2026-13-45' is not a real date")


def test_bool_field_given_text(tmp_path: Path) -> None:
    error = only(errors_of(tmp_path, replace_line(17, "        - {text: A, correct: maybe}")))
    assert error[:3] == (17, 30, "expected true or false, got a string")


@pytest.mark.parametrize(
    ("number", "new", "expected"),
    [
        (
            17,
            "        - {text: A, correct: !!bool maybe}",
            (17, 30, "'maybe' is not true or false", "write true or false"),
        ),
        (
            2,
            "title: T\nminutes: !!int abc",
            (3, 10, "'abc' is not a whole number", "write e.g. 5"),
        ),
        (
            11,
            "  pass_mark: !!float most\n  questions:",
            (11, 14, "'most' is not a number", "write e.g. 0.8"),
        ),
    ],
    ids=["bool", "int", "float"],
)
def test_an_explicit_tag_on_a_value_it_cannot_be_is_an_error_at_the_value(
    tmp_path: Path, number: int, new: str, expected: tuple[int, int, str, str]
) -> None:
    # `!!bool maybe` used to stop the file with "internal error ... KeyError" at 1:1.
    assert only(errors_of(tmp_path, replace_line(number, new))) == expected


def test_duplicate_mapping_key_reported_at_the_second(tmp_path: Path) -> None:
    error = only(errors_of(tmp_path, replace_line(2, "title: My lesson\ntitle: Again")))
    assert error[:3] == (3, 1, "duplicate key 'title' (first at line 2)")


def test_duplicate_question_ids(tmp_path: Path) -> None:
    text = GOOD + (
        "    - id: q1\n      type: true_false\n      prompt: P.\n"
        "      explanation: E.\n      answer: false\n"
    )
    error = only(errors_of(tmp_path, text))
    assert error[:3] == (19, 11, "duplicate question id 'q1' (first used at line 12)")


def test_duplicate_source_ids(tmp_path: Path) -> None:
    text = replace_line(5, '  - {id: s1, cite: "A"}\n  - {id: s1, cite: "B"}')
    error = only(errors_of(tmp_path, text))
    assert error[:3] == (6, 10, "duplicate source id 's1' (first used at line 5)")


def test_dangling_page_source(tmp_path: Path) -> None:
    error = only(errors_of(tmp_path, replace_line(9, "    sources: [s1, s2]")))
    assert error == (9, 19, "unknown source 's2'", "the lesson's sources are: s1")


def test_dangling_question_source_without_any_sources(tmp_path: Path) -> None:
    text = GOOD.replace('sources:\n  - {id: s1, cite: "Author, Journal, 2020"}\n', "").replace(
        "    sources: [s1]\n", ""
    )
    text = text.replace(
        "      explanation: Because.\n", "      explanation: E.\n      sources: [x9]\n"
    )
    error = only(errors_of(tmp_path, text))
    assert error == (13, 17, "unknown source 'x9'", "add it to the lesson's 'sources:' list")


def test_single_question_needs_exactly_one_correct_choice(tmp_path: Path) -> None:
    text = replace_line(18, "        - {text: B, correct: true}")
    error = only(errors_of(tmp_path, text))
    assert error[:3] == (
        16,
        7,
        "a 'single' question needs exactly one correct choice, found 2",
    )
    none = replace_line(17, "        - {text: A}")
    assert only(errors_of(tmp_path / "none", none))[2].endswith("found 0")


def test_multiple_question_needs_a_correct_choice(tmp_path: Path) -> None:
    text = replace_line(13, "      type: multiple", replace_line(17, "        - {text: A}"))
    error = only(errors_of(tmp_path, text))
    assert error[:3] == (16, 7, "a 'multiple' question needs at least one correct choice")


def test_choice_question_needs_two_choices(tmp_path: Path) -> None:
    text = GOOD.replace("        - {text: B}\n", "")
    error = only(errors_of(tmp_path, text))
    assert error[:3] == (16, 7, "a choice question needs at least 2 choices, found 1")


def test_order_question_needs_two_items(tmp_path: Path) -> None:
    text = GOOD.split("    - id: q1")[0] + (
        "    - id: q1\n      type: order\n      prompt: Sort.\n      explanation: E.\n"
        "      items: [only]\n"
    )
    error = only(errors_of(tmp_path, text))
    assert error[:3] == (16, 7, "an 'order' question needs at least 2 items, found 1")


def test_short_answer_needs_accepted_answers(tmp_path: Path) -> None:
    text = GOOD.split("    - id: q1")[0] + (
        "    - id: q1\n      type: short_answer\n      prompt: Name it.\n"
        "      explanation: E.\n      accepted: []\n"
    )
    error = only(errors_of(tmp_path, text))
    assert error[:3] == (16, 7, "a 'short_answer' question needs at least one accepted answer")


# --------------------------------------------------------------------------- source links


@pytest.mark.parametrize(
    "url",
    [
        "https://doi.org/10.1056/NEJMoa2302399",
        "http://www.example.org/page?x=1#top",
        "https://pubmed.ncbi.nlm.nih.gov/31166571/",
    ],
)
def test_a_well_formed_source_url_is_accepted(tmp_path: Path, url: str) -> None:
    text = replace_line(5, f'  - {{id: s1, cite: "A", url: "{url}"}}')
    entry, errors = load(tmp_path, text)
    assert entry is not None and not errors
    assert entry.lesson.sources[0].url == url  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("url", "hint"),
    [
        ("doi:10.1002/da.22968", "write a DOI as a link: 'https://doi.org/10.1002/da.22968'"),
        ("10.1002/da.22968", "write a DOI as a link: 'https://doi.org/10.1002/da.22968'"),
        ("31166571", "write a PMID as a link: 'https://pubmed.ncbi.nlm.nih.gov/<number>/'"),
        ("www.samaritans.org", "add the scheme: 'https://www.samaritans.org'"),
        (
            "ftp://example.org/x",
            "give the full address, starting with 'https://', or leave 'url' out",
        ),
        ("https://", "give the full address, starting with 'https://', or leave 'url' out"),
        (
            "https://localhost/x",
            "give the full address, starting with 'https://', or leave 'url' out",
        ),
        (
            "https://example.org/a b",
            "give the full address, starting with 'https://', or leave 'url' out",
        ),
        ("mirror copy", "give the full address, starting with 'https://', or leave 'url' out"),
    ],
)
def test_a_source_url_must_be_a_well_formed_http_url(tmp_path: Path, url: str, hint: str) -> None:
    text = replace_line(5, f'  - {{id: s1, cite: "A", url: "{url}"}}')
    error = only(errors_of(tmp_path, text))
    assert error == (5, 30, f"'{url}' is not a well-formed http(s) URL", hint)


# --------------------------------------------------------------------------- teach-back links

TWO_PAGES = GOOD.replace(
    "    sources: [s1]\nquiz:", "    sources: [s1]\n  - title: Two\n    body: More.\nquiz:"
)


def test_teaches_names_a_page_by_its_number(tmp_path: Path) -> None:
    text = TWO_PAGES.replace(
        "      explanation: Because.\n", "      explanation: B.\n      teaches: 2\n"
    )
    entry, errors = load(tmp_path, text)
    assert entry is not None and not errors
    assert entry.lesson.quiz.questions[0].teaches == 2  # type: ignore[attr-defined]


def test_teaches_is_optional(tmp_path: Path) -> None:
    entry, errors = load(tmp_path, GOOD)
    assert entry is not None and not errors
    assert entry.lesson.quiz.questions[0].teaches is None  # type: ignore[attr-defined]


def test_teaches_past_the_last_page_gives_the_valid_range(tmp_path: Path) -> None:
    text = TWO_PAGES.replace(
        "      explanation: Because.\n", "      explanation: B.\n      teaches: 5\n"
    )
    error = only(errors_of(tmp_path, text))
    assert error == (
        18,
        16,
        "'teaches: 5' names no page: the lesson has 2 pages",
        "use a page number from 1 to 2",
    )


def test_teaches_in_a_one_page_lesson(tmp_path: Path) -> None:
    text = GOOD.replace(
        "      explanation: Because.\n", "      explanation: B.\n      teaches: 2\n"
    )
    error = only(errors_of(tmp_path, text))
    assert error == (
        16,
        16,
        "'teaches: 2' names no page: the lesson has 1 page",
        "use 'teaches: 1'",
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "'teaches' must be at least 1, got 0"),
        ("Two", "expected a whole number, got a string"),
        ("1.5", "expected a whole number, got the number 1.5"),
    ],
)
def test_teaches_must_be_a_page_number(tmp_path: Path, value: str, message: str) -> None:
    text = TWO_PAGES.replace(
        "      explanation: Because.\n", f"      explanation: B.\n      teaches: {value}\n"
    )
    error = only(errors_of(tmp_path, text))
    assert error[:3] == (18, 16, message)


def test_lesson_needs_a_page(tmp_path: Path) -> None:
    text = GOOD.split("pages:")[0] + "pages: []\n"
    error = only(errors_of(tmp_path, text))
    assert error[:3] == (6, 1, "a lesson needs at least one page")


def test_page_needs_a_body(tmp_path: Path) -> None:
    error = only(errors_of(tmp_path, GOOD.replace("    body: Text.\n", "")))
    assert error[:3] == (7, 5, "a page needs a 'body' or a 'body_file'")


def test_page_with_body_and_body_file(tmp_path: Path) -> None:
    text = replace_line(8, "    body: Text.\n    body_file: x.md")
    root = make_course(tmp_path / "c", {"l.yaml": text})
    (root / "m" / "x.md").write_text("x")
    _, errors = load_lesson_file(root / "m" / "l.yaml", root)
    assert [(e.line, e.column, e.message) for e in errors] == [
        (7, 5, "a page has both 'body' and 'body_file'")
    ]


def test_missing_body_file(tmp_path: Path) -> None:
    text = replace_line(8, "    body_file: bodyy.md")
    root = make_course(tmp_path / "c", {"l.yaml": text})
    (root / "m" / "body.md").write_text("x")
    entry, errors = load_lesson_file(root / "m" / "l.yaml", root)
    assert entry is None
    assert [(e.line, e.column, e.message, e.suggestion) for e in errors] == [
        (8, 16, "body_file 'bodyy.md' does not exist", "did you mean 'body.md'?")
    ]


def test_body_file_outside_the_course(tmp_path: Path) -> None:
    (tmp_path / "secret.md").write_text("secret")
    text = replace_line(8, "    body_file: ../../secret.md")
    root = make_course(tmp_path / "c", {"l.yaml": text})
    entry, errors = load_lesson_file(root / "m" / "l.yaml", root)
    assert entry is None
    assert [(e.line, e.column, e.message) for e in errors] == [
        (8, 16, "body_file '../../secret.md' is outside the course folder")
    ]


def test_body_file_symlink_leading_outside(tmp_path: Path) -> None:
    (tmp_path / "secret.md").write_text("secret")
    root = make_course(tmp_path / "c", {"l.yaml": replace_line(8, "    body_file: link.md")})
    (root / "m" / "link.md").symlink_to(tmp_path / "secret.md")
    entry, errors = load_lesson_file(root / "m" / "l.yaml", root)
    assert entry is None
    assert [(e.line, e.column, e.message) for e in errors] == [
        (8, 16, "body_file 'link.md' is outside the course folder")
    ]


def test_not_utf8_reports_the_line_and_column(tmp_path: Path) -> None:
    data = replace_line(2, "title: Caf\xe9").encode("latin-1")
    error = only(errors_of(tmp_path, data))
    assert error == (
        2,
        11,
        "the file is not valid UTF-8 (byte 0xe9 at byte offset 24)",
        "save it as UTF-8",
    )


def test_utf8_bom_is_fine(tmp_path: Path) -> None:
    entry, errors = load(tmp_path, b"\xef\xbb\xbf" + GOOD.encode())
    assert errors == []
    assert entry.lesson.id == "my-lesson"


def test_utf16_is_refused_with_advice(tmp_path: Path) -> None:
    error = only(errors_of(tmp_path, GOOD.encode("utf-16")))
    assert error == (1, 1, "the file is UTF-16, not UTF-8", "save it as UTF-8")
    no_bom = only(errors_of(tmp_path / "le", GOOD.encode("utf-16-le")))
    assert no_bom[2:] == ("the file looks like UTF-16, not UTF-8", "save it as UTF-8")


def test_file_over_the_size_cap(tmp_path: Path) -> None:
    text = GOOD + "# " + "x" * yamlsafe.MAX_FILE_BYTES + "\n"
    line, column, message, _ = only(errors_of(tmp_path, text))
    assert (line, column) == (1, 1)
    assert message.startswith("the file is too big (")
    assert message.endswith("the limit is 1 MiB)")


def test_alias_expansion_bomb(tmp_path: Path) -> None:
    # One question with 10 choices, then 12,000 aliases to it: ~40 visits each, 120 KB of text.
    choices = ", ".join(["{text: A, correct: true}"] + ["{text: B}"] * 9)
    text = GOOD.split("quiz:")[0] + "quiz:\n  questions:\n"
    text += f"    - &q1 {{id: q1, type: single, prompt: P, explanation: E, choices: [{choices}]}}\n"
    text += "    - *q1\n" * 12_000
    messages = [m for _, _, m, _ in errors_of(tmp_path, text)]
    assert "the file expands to too many values (more than 100,000)" in messages
    assert len(messages) < 300  # the knock-on duplicate-id errors are capped


def test_billion_laughs_is_refused_fast(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    text = "\n".join(lines) + "\n" + replace_line(9, "    sources: *a9")
    errors = errors_of(tmp_path, text)
    messages = {m for _, _, m, _ in errors}
    assert "unknown key 'a9'" in messages
    # The aliased list is walked as the page's source ids: its items are lists, not ids.
    assert "expected an id, got a list" in messages
    assert len(errors) < 100


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    text = replace_line(2, "title: " + "[" * 1000 + "]" * 1000)
    error = only(errors_of(tmp_path, text))
    assert error[2] == "the YAML is nested more than 100 levels deep"
    assert error[:2] == (2, 8 + 99)  # the 100th bracket: level 101 counting the top mapping


@pytest.mark.parametrize(
    "nest",
    [
        lambda n: "title: " + "[" * n + "]" * n,
        lambda n: "title: " + "{a: " * n + "}" * n,
        lambda n: "title:\n  " + "- " * n + "x",
    ],
    ids=["flow-seq", "flow-map", "block-seq"],
)
def test_extreme_nesting_never_crashes(tmp_path: Path, nest) -> None:  # type: ignore[no-untyped-def]
    # 200,000 levels would overflow libyaml's recursive composer (a segfault, not an error).
    text = replace_line(2, nest(200_000))
    error = only(errors_of(tmp_path, text))
    assert error[2] == "the YAML is nested more than 100 levels deep"


def _block_mappings(levels: int) -> str:
    """`title:` holding `levels` block mappings, each indented one column under the last."""
    return (
        "title:\n"
        + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(levels))
        + (" " * (levels + 1) + "x")
    )


def _block_sequences(levels: int) -> str:
    """`title:` holding `levels` block sequences, one `-` per line, each a column deeper."""
    return "title:\n" + "\n".join(" " * (i + 1) + "-" for i in range(levels)) + " x"


@pytest.mark.parametrize("levels", [150, 1100], ids=["past-ours", "past-libyaml-limit"])
@pytest.mark.parametrize("nest", [_block_mappings, _block_sequences], ids=["map", "seq"])
def test_deep_block_nesting_gets_our_message(tmp_path: Path, nest, levels: int) -> None:  # type: ignore[no-untyped-def]
    # Indentation alone nests without any bracket; PyYAML 6.0.4's libyaml refuses 1,000
    # levels with its own wording, older ones accept them: authors see ours either way.
    text = replace_line(2, nest(levels))
    line, _column, message, suggestion = only(errors_of(tmp_path, text))
    assert message == "the YAML is nested more than 100 levels deep"
    assert suggestion and "indentation" in suggestion
    assert line < 2 + 101  # at the first level too deep, not where libyaml gave up


def test_nesting_up_to_the_limit_is_not_refused(tmp_path: Path) -> None:
    # 60 levels of indentation plus 35 of brackets: deep, but within MAX_DEPTH, so the
    # author hears about the real problem (an unknown key), not about nesting.
    text = replace_line(2, _block_mappings(60)).replace(" x\n", " " + "[" * 35 + "]" * 35 + "\n")
    messages = [m for _, _, m, _ in errors_of(tmp_path, text)]
    assert messages and all("nested" not in m for m in messages), messages


def test_depth_guard_does_not_use_libyaml(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # The guard must decide before libyaml sees the text: a libyaml that refuses everything
    # (as a stricter future release might refuse deep files) never hears of this file.
    seen: list[str] = []

    class Refusing(yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader):  # type: ignore[misc]
        def __init__(self, stream: str) -> None:
            seen.append(stream)
            super().__init__(stream)

    monkeypatch.setattr(yamlsafe, "_LOADER", Refusing)
    monkeypatch.setattr(yamlsafe, "_fast_loaders", {})
    error = only(errors_of(tmp_path, replace_line(2, "title: " + "[" * 500 + "]" * 500)))
    assert error[2] == "the YAML is nested more than 100 levels deep"
    assert seen == []


def test_python_tags_are_refused(tmp_path: Path) -> None:
    text = replace_line(2, "title: !!python/object/apply:os.system ['echo pwned']")
    error = only(errors_of(tmp_path, text))
    assert error == (
        2,
        8,
        "tags are not allowed ('!!python/object/apply:os.system')",
        "remove the tag",
    )


def test_custom_tags_are_refused(tmp_path: Path) -> None:
    error = only(errors_of(tmp_path, replace_line(8, "    body: !include other.md")))
    assert error[:3] == (8, 11, "tags are not allowed ('!include')")


def test_empty_file(tmp_path: Path) -> None:
    assert only(errors_of(tmp_path, ""))[:3] == (1, 1, "the file is empty")
    assert only(errors_of(tmp_path / "c", "# only a comment\n"))[:3] == (1, 1, "the file is empty")


def test_top_level_not_a_mapping(tmp_path: Path) -> None:
    error = only(errors_of(tmp_path, "- id: x\n- title: y\n"))
    assert error[:3] == (1, 1, "a lesson file must be a mapping (key: value lines), got a list")


def test_all_errors_of_a_file_are_reported(tmp_path: Path) -> None:
    text = replace_line(2, "titel: T")
    text = replace_line(13, "      type: singel", text)
    text = replace_line(9, "    sources: [s7]", text)
    found = {(line, column) for line, column, _, _ in errors_of(tmp_path, text)}
    assert found == {(1, 1), (2, 1), (9, 15), (13, 13)}


def test_long_and_control_characters_are_cut_and_escaped(tmp_path: Path) -> None:
    text = replace_line(3, 'review: {status: "\\e[31m' + "x" * 200 + '"}')
    _, _, message, _ = only(errors_of(tmp_path, text))
    assert "\x1b" not in message
    assert "\\x1b[31m" in message
    assert len(message) < 80


def test_an_unexpected_exception_becomes_an_error_for_that_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(loader, "check_lesson", boom)
    error = only(errors_of(tmp_path, GOOD))
    assert error[:3] == (1, 1, "internal error while reading this file: RuntimeError: boom")


def test_without_libyaml_it_warns_once_and_still_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yaml

    monkeypatch.setattr(yamlsafe, "_LOADER", yaml.SafeLoader)
    monkeypatch.setattr(yamlsafe, "_warned_no_libyaml", False)
    with pytest.warns(RuntimeWarning, match="libyaml"):
        entry, errors = load(tmp_path, GOOD)
    assert errors == [] and entry.lesson.id == "my-lesson"
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load_lesson_file(entry.path, entry.path.parents[1])  # no second warning


# --------------------------------------------------------------------------- a course


def test_one_broken_lesson_is_left_out_and_the_rest_load(tmp_path: Path) -> None:
    root = make_course(
        tmp_path / "c",
        {
            "01-a.yaml": GOOD.replace("my-lesson", "lesson-a"),
            "02-broken.yaml": replace_line(1, "id: lesson-b\ntitel: x"),
            "03-c.yaml": GOOD.replace("my-lesson", "lesson-c"),
            "04-junk.yaml": b"\x89PNG\r\n\x1a\n\x00\x00",
        },
    )
    catalog = load_course_folder(root)
    assert [e.lesson.id for e in catalog.lessons()] == ["lesson-a", "lesson-c"]
    files = {e.file.name for e in catalog.errors}
    assert files == {"02-broken.yaml", "04-junk.yaml"}


def test_duplicate_lesson_ids_across_the_course(tmp_path: Path) -> None:
    root = make_course(tmp_path / "c", {"01-a.yaml": GOOD, "02-b.yaml": "\n" + GOOD})
    catalog = load_course_folder(root)
    assert [e.path.name for e in catalog.lessons()] == ["01-a.yaml"]
    (error,) = catalog.errors
    assert (error.file.name, error.line, error.column) == ("02-b.yaml", 2, 5)
    assert error.message == "duplicate lesson id 'my-lesson': already used in m/01-a.yaml:1"


def test_duplicate_module_ids(tmp_path: Path) -> None:
    root = make_course(tmp_path / "c", {"01-a.yaml": GOOD})
    (root / "n").mkdir()
    (root / "n" / "module.yaml").write_text("title: N\nid: m\n")
    catalog = load_course_folder(root)
    assert [m.path.name for m in catalog.modules] == ["m"]
    (error,) = catalog.errors
    assert (error.file, error.line, error.column) == (root / "n" / "module.yaml", 2, 5)
    assert error.message == "duplicate module id 'm': already used in m/module.yaml:1"


def test_folder_without_module_yaml(tmp_path: Path) -> None:
    root = make_course(tmp_path / "c", {"01-a.yaml": GOOD})
    (root / "stray").mkdir()
    (root / "stray" / "01-x.yaml").write_text(GOOD.replace("my-lesson", "x"))
    (root / "images").mkdir()  # no YAML at all: not a module, ignored
    (root / "images" / "a.png").write_bytes(b"\x89PNG")
    catalog = load_course_folder(root)
    (error,) = catalog.errors
    assert error.file == root / "stray" / "module.yaml"
    assert error.message == "module.yaml is missing: every module folder needs one"
    assert catalog.entry("x") is not None  # its lessons still load, under the folder name
    assert [m.id for m in catalog.modules] == ["m", "stray"]


def test_missing_course_yaml_still_loads_the_lessons(tmp_path: Path) -> None:
    root = make_course(tmp_path / "my-course", {"01-a.yaml": GOOD})
    (root / "course.yaml").unlink()
    catalog = load_course_folder(root)
    assert catalog.course.title == "my-course"
    assert [e.message for e in catalog.errors] == ["course.yaml is missing"]
    assert catalog.entry("my-lesson") is not None


def test_lesson_symlink_leading_outside_is_refused(tmp_path: Path) -> None:
    (tmp_path / "outside.yaml").write_text(GOOD.replace("my-lesson", "outside"))
    root = make_course(tmp_path / "c", {"01-a.yaml": GOOD})
    (root / "m" / "02-link.yaml").symlink_to(tmp_path / "outside.yaml")
    catalog = load_course_folder(root)
    assert catalog.entry("outside") is None
    (error,) = catalog.errors
    assert error.file.name == "02-link.yaml"
    assert error.message.startswith("this lesson file is a link to outside the course folder")


def test_a_linked_lesson_given_on_its_own_is_refused_like_in_the_course(tmp_path: Path) -> None:
    # `validate FILE` and `preview FILE` must agree with loading the whole course.
    (tmp_path / "outside.yaml").write_text(GOOD.replace("my-lesson", "outside"))
    root = make_course(tmp_path / "c", {"01-a.yaml": GOOD})
    link = root / "m" / "02-link.yaml"
    link.symlink_to(tmp_path / "outside.yaml")
    entry, errors = load_lesson_file(link)
    assert entry is None
    assert errors[0].message.startswith("this lesson file is a link to outside the course folder")
    errors, checked = validate_paths([link])
    assert checked == 1
    assert errors[0].message.startswith("this lesson file is a link to outside the course folder")
    # A link that stays inside the course is fine.
    inside = root / "m" / "03-inside.yaml"
    inside.symlink_to(root / "m" / "01-a.yaml")
    assert validate_paths([inside]) == ([], 1)


def test_missing_course_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_course_folder(tmp_path / "nowhere")
    (tmp_path / "file").write_text("x")
    with pytest.raises(FileNotFoundError):
        load_course_folder(tmp_path / "file")


def test_unreadable_file_is_an_error_not_a_crash(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read any file")
    root = make_course(tmp_path / "c", {"01-a.yaml": GOOD})
    (root / "m" / "01-a.yaml").chmod(0)
    catalog = load_course_folder(root)
    assert catalog.errors[0].message.startswith("cannot read the file")


def test_symlink_loops_are_errors_not_crashes(tmp_path: Path) -> None:
    root = make_course(tmp_path / "c", {"01-a.yaml": GOOD})
    (root / "m" / "02-loop.yaml").symlink_to(root / "m" / "03-loop.yaml")
    (root / "m" / "03-loop.yaml").symlink_to(root / "m" / "02-loop.yaml")
    (root / "loop-dir").symlink_to(root / "loop-dir")
    catalog = load_course_folder(root)
    assert catalog.entry("my-lesson") is not None
    assert sorted((e.file.name, e.message) for e in catalog.errors) == [
        ("02-loop.yaml", "this lesson file is a symbolic link loop"),
        ("03-loop.yaml", "this lesson file is a symbolic link loop"),
    ]


def test_two_choices_with_the_same_words_or_id_are_an_error(tmp_path: Path) -> None:
    # Answers are stored by choice id (the author's, or one derived from the words).
    error = only(errors_of(tmp_path, replace_line(18, '        - {text: "  a "}')))
    assert error[:3] == (18, 18, "choice 2 has the same id as choice 1 (the same words)")
    text = GOOD.replace("{text: A, correct: true}", "{text: A, correct: true, id: x}")
    text = text.replace("{text: B}", "{text: B, id: x}")
    error = only(errors_of(tmp_path / "ids", text))
    assert error[:3] == (18, 25, "choice 2 has the same id as choice 1")

"""YAML mistakes authors make, reported in plain words at the place of the mistake, with
the offending line and a caret under the column (issue 17)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ketatui.content.errors import ContentError
from ketatui.content.loader import load_lesson_file
from ketatui.content.yamlhints import diagnose
from ketatui.content.yamlsafe import loader_class

LESSON = """\
id: sleep
title: Sleep
review: {status: draft}
pages:
  - title: One
    body: |
      Line one of the page.
      Line two of the page.
quiz:
  questions:
    - id: q1
      type: order
      prompt: Put these in order.
      explanation: Because.
      items:
        - Wake up
        - Eat breakfast
        - Go to work
"""


def course(tmp_path: Path, text: str) -> Path:
    module = tmp_path / "course" / "01-m"
    module.mkdir(parents=True)
    (tmp_path / "course" / "course.yaml").write_text("title: T\n", encoding="utf-8")
    (module / "module.yaml").write_text("id: m\ntitle: M\n", encoding="utf-8")
    path = module / "01-sleep.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def only_error(tmp_path: Path, text: str) -> ContentError:
    path = course(tmp_path, text)
    entry, errors = load_lesson_file(path)
    assert entry is None
    [error] = errors
    return error


def test_the_lesson_used_here_loads(tmp_path: Path) -> None:
    entry, errors = load_lesson_file(course(tmp_path, LESSON))
    assert errors == [] and entry is not None


def test_an_unclosed_quote_is_reported_where_the_quote_opens(tmp_path: Path) -> None:
    text = LESSON.replace("- Eat breakfast", '- "Eat breakfast every day')
    error = only_error(tmp_path, text)
    assert (error.line, error.column, error.message) == (17, 11, "this quote is never closed")
    assert error.suggestion.startswith('add the closing "')
    assert error.source_line == '        - "Eat breakfast every day'


def test_a_single_quote_left_open_at_the_end_of_the_file(tmp_path: Path) -> None:
    error = only_error(tmp_path, LESSON.replace("- Go to work", "- 'Go to work"))
    assert (error.line, error.column, error.message) == (18, 11, "this quote is never closed")
    assert "'" in error.suggestion


def test_a_quote_spread_over_lines_on_purpose_is_not_blamed(tmp_path: Path) -> None:
    text = LESSON.replace("title: Sleep", 'title: "Sleep\n  well"').replace(
        "prompt: Put these in order.", "prompt: [unclosed"
    )
    error = only_error(tmp_path, text)
    assert error.message == "this [ is never closed"


def test_a_body_line_indented_too_little_is_pointed_at(tmp_path: Path) -> None:
    text = LESSON.replace("      Line two of the page.", "    Line two of the page.")
    error = only_error(tmp_path, text)
    assert (error.line, error.column) == (8, 5)  # the line itself, not lines later
    assert error.message.startswith("this line is indented less than the text above it")
    assert "start it at column 7" in error.suggestion


def test_a_key_indented_wrongly_says_which_column(tmp_path: Path) -> None:
    text = LESSON.replace("      prompt: Put", "     prompt: Put")
    error = only_error(tmp_path, text)
    assert (error.line, error.column) == (13, 6)
    assert "column 6" in error.message
    assert error.suggestion.startswith("start it at column 7")


def test_a_key_indented_too_far_says_which_column(tmp_path: Path) -> None:
    text = LESSON.replace("      prompt: Put", "        prompt: Put")
    error = only_error(tmp_path, text)
    assert (error.line, error.column) == (13, 9)
    assert error.message.startswith("this line is indented more than the line above it")
    assert error.suggestion == "start it at column 7, like the line above"


def test_a_colon_inside_braces_says_to_quote(tmp_path: Path) -> None:
    text = LESSON.replace("  - title: One\n", "  - {title: Note: one, body: x}\n  - title: One\n")
    error = only_error(tmp_path, text)
    assert error.line == 5
    assert "put quotes around text that contains ': '" in error.suggestion


def test_a_colon_in_an_order_item_says_to_quote(tmp_path: Path) -> None:
    error = only_error(tmp_path, LESSON.replace("- Eat breakfast", "- Breakfast: eat"))
    assert (error.line, error.column) == (17, 11)
    assert error.message == "expected a string, got a mapping"
    assert error.suggestion == "put quotes around text that contains ': ': \"Breakfast: eat\""


def test_a_colon_in_plain_text_says_to_quote(tmp_path: Path) -> None:
    error = only_error(tmp_path, LESSON.replace("title: Sleep", "title: Note: sleep"))
    assert (error.line, error.column) == (2, 12)
    assert error.suggestion.startswith("put quotes around text that contains ': '")


def test_empty_pages_suggests_adding_a_page(tmp_path: Path) -> None:
    text = LESSON.split("pages:")[0] + "pages:\n"
    error = only_error(tmp_path, text)
    assert error.message == "expected a list of pages, got an empty value"
    assert error.suggestion.startswith("add a page under it")
    assert "[]" not in error.suggestion


def test_a_date_in_another_format_says_how_to_write_it(tmp_path: Path) -> None:
    text = LESSON.replace("review: {status: draft}", "review: {status: draft, date: 02/12/2026}")
    error = only_error(tmp_path, text)
    assert error.message == "'02/12/2026' is not a date written as YYYY-MM-DD"
    assert error.suggestion.startswith("write dates as YYYY-MM-DD")
    assert "isoformat" not in error.message


def test_an_empty_accepted_entry_is_named(tmp_path: Path) -> None:
    text = LESSON.split("quiz:")[0] + (
        "quiz:\n  questions:\n    - id: q1\n      type: short_answer\n      prompt: P?\n"
        '      explanation: E.\n      accepted: [sleep, ""]\n'
    )
    error = only_error(tmp_path, text)
    assert error.message == "entry 2 of 'accepted' is empty"
    assert (error.line, error.column) == (15, 25)


def test_validate_shows_the_line_and_a_caret(cli, tmp_path: Path) -> None:
    path = course(tmp_path, LESSON.replace("- Eat breakfast", '- "Eat breakfast every day'))
    r = cli("validate", str(path))
    assert r.code == 1
    lines = r.out.splitlines()
    assert ":17:11: error: this quote is never closed — add the closing" in lines[0]
    assert lines[1] == '    17 |         - "Eat breakfast every day'
    assert lines[2] == "       |           ^"
    assert lines[2].index("^") == lines[1].index('"')


def test_validate_json_has_the_source_line(cli, tmp_path: Path) -> None:
    path = course(tmp_path, LESSON.replace("title: Sleep", "title: Note: sleep"))
    r = cli("validate", "--format", "json", str(path))
    [error] = json.loads(r.out)["errors"]
    assert error["source_line"] == "title: Note: sleep"
    assert (error["line"], error["column"]) == (2, 12)


def test_other_errors_have_no_source_line(cli, tmp_path: Path) -> None:
    path = course(tmp_path, LESSON.replace("title: Sleep", "titel: Sleep"))
    r = cli("validate", "--format", "json", str(path))
    assert {e["source_line"] for e in json.loads(r.out)["errors"]} == {None}


def test_a_character_yaml_refuses_is_shown_in_its_line(tmp_path: Path) -> None:
    error = only_error(tmp_path, LESSON.replace("title: Sleep", "title: Sle\x07ep"))
    assert (error.line, error.column) == (2, 11)
    assert error.message.startswith("the file contains a character YAML does not allow")
    assert error.source_line == "title: Sle\\x07ep"  # shown, never sent to the terminal
    assert error.excerpt().splitlines()[1].index("^") == error.excerpt().splitlines()[0].index("\\")


def test_a_tab_keeps_the_caret_under_it(tmp_path: Path) -> None:
    error = only_error(tmp_path, LESSON.replace("    body: |", "\tbody: |"))
    assert error.message == "this line is indented with a tab: YAML needs spaces"
    assert error.source_line == "\tbody: |"
    assert error.excerpt().splitlines()[1].endswith("| ^")


YAMLISH = st.text(alphabet=list("ab :-#'\"[]{},|>\t\n  "), max_size=80)


@settings(max_examples=300, deadline=None)
@given(text=YAMLISH)
def test_the_plain_words_never_fail_and_point_inside_the_file(text: str) -> None:
    try:
        yaml.compose(text, Loader=loader_class())
    except yaml.MarkedYAMLError as e:
        found = diagnose(e, text)  # must not raise, whatever the text
        if found is not None:
            lines = text.split("\n")
            assert 1 <= found.line <= len(lines)
            assert 1 <= found.column <= len(lines[found.line - 1]) + 1
    except yaml.YAMLError:
        pass

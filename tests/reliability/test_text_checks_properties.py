"""Property tests: the refused characters, placeholders and raw HTML are found in every
string of a lesson however the string is written.

`ketatui validate` decides from a file's text which strings can hold such things at all
(`walker.may_hold_unsafe_chars`, `lint._lint_strings`) and looks no further in a file that
cannot. These tests write one string of a lesson in every YAML style (plain, quoted,
escaped, folded over lines, block) from fragments of the things looked for, and check the
errors and warnings against the string's value as libyaml reads it.
"""

from __future__ import annotations

import string
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from ketatui.content.lint import PLACEHOLDERS, html_warning
from ketatui.content.loader import load_lesson_file
from ketatui.textguard import has_unsafe_char, unsafe_char

from .conftest import scaled

SETTINGS = settings(
    max_examples=scaled(150, 3000),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

LESSON = """\
id: props
title: T
review: {{status: draft}}
pages:
  - title: One
    body: Text.
quiz:
  questions:
    - id: q1
      type: true_false
      answer: true
      explanation: Because.
      prompt: {prompt}
"""

#: Pieces of what the checks look for, and of what YAML makes of text.
FRAGMENTS = [
    *PLACEHOLDERS,
    *(w for p in PLACEHOLDERS for w in p.split()),
    "<b>",
    "</b>",
    "<!--",
    "<",
    "#",
    " #x",
    "\u202e",
    "\u200f",
    "\u2028",
    "\x85",
    "\x1b",
    "\x7f",
    "\t",
    "é",
    "’",
    " ",
    "  ",
    "\n",
    "Sleep",
    "matters.",
    ":",
    "'",
    '"',
    "\\",
]
words = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(string.ascii_letters + " .,", max_size=6)),
    min_size=1,
    max_size=8,
).map("".join)

#: Escapes of a double-quoted YAML string: refused characters, line breaks, and letters or
#: signs the checks look for ("<", "#", "R" of "Replace", "M" of "Markdown.").
ESCAPES = [
    "\\e",
    "\\x7f",
    "\\N",
    "\\u202e",
    "\\L",
    "\\t",
    "\\n",
    "\\x3c",
    "\\x23",
    "\\x52",
    "\\x4d",
]


@st.composite
def written(draw: st.DrawFn) -> str:
    """A value written as the YAML of `prompt:` in one of the styles an author may use."""
    value = "Q " + draw(words)
    style = draw(st.sampled_from(["plain", "single", "double", "escaped", "folded", "block"]))
    if style == "plain":
        return value.replace("\n", "\n        ")
    if style == "single":
        return "'" + value.replace("'", "''").replace("\n", "\n        ") + "'"
    if style in ("double", "escaped"):
        text = value.replace("\\", "\\\\").replace('"', '\\"')
        if style == "escaped":  # escapes put in anywhere
            for escape in draw(st.lists(st.sampled_from(ESCAPES), min_size=1, max_size=3)):
                at = draw(st.integers(0, len(text)))
                text = text[:at] + escape + text[at:]
        return '"' + text.replace("\n", "\n        ") + '"'
    indicator = ">" if style == "folded" else "|"
    return indicator + "\n" + "\n".join("        " + line for line in value.split("\n"))


Checked = tuple[str, list[str], list[str]]


def check(tmp_path: Path, prompt: str) -> Checked | None:
    """(the prompt as libyaml reads it, error messages, warning messages), or None when
    the prompt is not a string (other tests cover syntax errors and wrong types)."""
    text = LESSON.format(prompt=prompt)
    try:
        data = yaml.load(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return None
    value = data["quiz"]["questions"][0]["prompt"]
    if not isinstance(value, str):
        return None
    path = tmp_path / "lesson.yaml"
    path.write_text(text, encoding="utf-8")
    _, found = load_lesson_file(path, tmp_path)
    errors = [e.message for e in found if e.severity == "error"]
    warnings = [e.message for e in found if e.severity == "warning"]
    return value, errors, warnings


@SETTINGS
@given(prompt=written())
def test_a_refused_character_is_found_however_the_string_is_written(
    tmp_path: Path, prompt: str
) -> None:
    checked = check(tmp_path, prompt)
    assume(checked is not None)
    assert checked is not None
    value, errors, _ = checked
    refused = [m for m in errors if m.startswith("'prompt' contains")]
    assert bool(refused) == (unsafe_char(value) is not None), (value, errors)


@SETTINGS
@given(prompt=written())
@example(prompt='"\\x3cQ willAAAAAA<b\\t>"')  # found in CI: a tag with a tab in it
def test_placeholders_and_raw_html_are_found_however_the_string_is_written(
    tmp_path: Path, prompt: str
) -> None:
    checked = check(tmp_path, prompt)
    assume(checked is not None and not checked[1])  # a refused string is an error, not linted
    assert checked is not None
    value, _, warnings = checked
    placeholder = any(p in value for p in PLACEHOLDERS)
    assert placeholder == any(m.startswith("placeholder text") for m in warnings), (value, warnings)
    html = any(m.startswith("raw HTML") for m in warnings)
    # What the check finds in the value itself: a tag may hold spaces or tabs ("<b\t>").
    assert html == (html_warning(value) is not None), (value, warnings)


@pytest.mark.parametrize("style", ["plain", "double"])
def test_a_placeholder_folded_over_two_lines_is_found(tmp_path: Path, style: str) -> None:
    lines = "Write the page here,\n        in Markdown."
    prompt = lines if style == "plain" else f'"{lines}"'
    checked = check(tmp_path, prompt)
    assert checked is not None
    value, _, warnings = checked
    assert value == "Write the page here, in Markdown."
    assert [m for m in warnings if m.startswith("placeholder text")]


@pytest.mark.parametrize(
    ("prompt", "message"),
    [
        ('"Q \\e[2J"', "'prompt' contains a control character (\\x1b)"),
        ('"Q \\u202eevil"', "'prompt' contains a bidirectional control (\\u202e)"),
        ("Q \u202eevil", "'prompt' contains a bidirectional control (\\u202e)"),
    ],
)
def test_a_refused_character_in_a_file_otherwise_clean_is_found(
    tmp_path: Path, prompt: str, message: str
) -> None:
    checked = check(tmp_path, prompt)
    assert checked is not None
    assert checked[1] == [message]


def test_html_written_with_an_escape_is_found(tmp_path: Path) -> None:
    checked = check(tmp_path, '"Pick \\x3cb>one"')
    assert checked is not None
    value, _, warnings = checked
    assert value == "Pick <b>one"
    assert [m for m in warnings if m.startswith("raw HTML ('<b>')")]


def test_a_placeholder_and_html_written_with_escapes_are_found(tmp_path: Path) -> None:
    # No "Replace", no "<" in the file: only the escapes make them.
    checked = check(tmp_path, '"\\x52eplace with \\x3cb>this\\x3c/b>"')
    assert checked is not None
    value, _, warnings = checked
    assert value == "Replace with <b>this</b>"
    assert any(m.startswith("placeholder text") for m in warnings)
    assert any(m.startswith("raw HTML") for m in warnings)


@settings(max_examples=scaled(500, 20000), deadline=None)
@given(st.lists(st.sampled_from([*FRAGMENTS, "a", "\r", "\x00", "\x9f", "\u061c"])).map("".join))
def test_the_quick_check_for_a_refused_character_agrees_with_unsafe_char(text: str) -> None:
    assert has_unsafe_char(text) == (unsafe_char(text) is not None)


@given(st.text())
def test_the_quick_check_agrees_on_any_text(text: str) -> None:
    assert has_unsafe_char(text) == (unsafe_char(text) is not None)

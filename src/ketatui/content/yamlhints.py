"""Plain-language YAML syntax errors, placed where the author made the mistake.

libyaml reports where it gave up, in parser words ("did not find expected key"), often
lines after the real mistake: a quote left open swallows the next line; a body line
indented too little is read as the start of a key several lines on. `diagnose` looks at
the error and the text and, for the mistakes authors make most, says what is wrong in
plain words at the line and column of the mistake itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

#: The start of a value that opens with a quote: indentation, list dashes, an optional
#: `key:`, then the quote (block context only; flow text is left to the parser's words).
_QUOTED_VALUE = re.compile(r"""^([ \t]*(?:-[ \t]+)*(?:[^\s#'"{}\[\],][^#]*?:[ \t]+)?)(["'])""")
#: What may follow a closing quote on its line: the end, a comment, or `:` of a key.
_AFTER_QUOTE = re.compile(r"^[ \t]*(?:#.*|:(?:[ \t].*)?|[,\]}].*)?$")
_LIST_ITEM = re.compile(r"^([ \t]*)((?:-[ \t]+)*)")


@dataclass(frozen=True, slots=True)
class Diagnosis:
    """What went wrong, in plain words, and where (1-based line and column)."""

    message: str
    suggestion: str | None
    line: int
    column: int


def diagnose(e: yaml.MarkedYAMLError, text: str) -> Diagnosis | None:
    """A plain-language account of a YAML syntax error, or None to keep the parser's.

    The place is always inside the text (libyaml can mark the line after the last)."""
    found = _diagnose(e, text)
    if found is None:
        return None
    lines = text.split("\n")
    line = max(1, min(found.line, len(lines)))
    column = max(1, min(found.column, len(lines[line - 1]) + 1))
    return Diagnosis(found.message, found.suggestion, line, column)


def _diagnose(e: yaml.MarkedYAMLError, text: str) -> Diagnosis | None:
    lines = text.split("\n")
    context = e.context or ""
    problem = e.problem or ""
    mark = e.problem_mark
    if mark is None:
        return None
    tab = _tab_indent(lines, mark.line)
    if tab is not None:
        return tab
    if context.startswith("while scanning a quoted scalar") and e.context_mark is not None:
        return _unclosed(lines, e.context_mark.line, e.context_mark.column)
    quote = _broken_quote(text, lines, mark.line)
    if quote is not None:
        return quote
    start = e.context_mark
    # The file ended, or the next line came, before the closing bracket.
    if (
        context.startswith("while parsing a flow")
        and start is not None
        and _char(lines, start.line, start.column) in ("[", "{")
        and (mark.line > start.line or not "".join(lines[mark.line :]).strip())
    ):
        return _unclosed_bracket(lines, start.line, start.column)
    if context.startswith("while parsing a flow mapping") and "expected ',' or '}'" in problem:
        return Diagnosis(
            "text inside { } contains ': ', which YAML reads as another key",
            "put quotes around text that contains ': ', e.g. {text: \"Note: take it with food\"}",
            mark.line + 1,
            mark.column + 1,
        )
    if context.startswith("while scanning a simple key") and start is not None:
        return _stray_line(lines, start.line)
    if "mapping values are not allowed" in problem:
        return _too_deep_or_colon(lines, mark.line, mark.column)
    if "expected" in problem and mark.line < len(lines):
        return _misaligned(lines, mark.line, mark.column)
    return None


def _tab_indent(lines: list[str], line: int) -> Diagnosis | None:
    """A line indented with a tab (YAML refuses tabs in indentation)."""
    if line >= len(lines):
        return None
    text = lines[line]
    leading = text[: len(text) - len(text.lstrip())]
    if "\t" not in leading:
        return None
    return Diagnosis(
        "this line is indented with a tab: YAML needs spaces",
        "replace the tab with spaces (set your editor to insert spaces)",
        line + 1,
        leading.index("\t") + 1,
    )


def _unclosed(lines: list[str], line: int, column: int) -> Diagnosis:
    quote = _char(lines, line, column) or '"'
    return Diagnosis(
        "this quote is never closed",
        f"add the closing {quote} at the end of the text (and check for a {quote} inside it)",
        line + 1,
        column + 1,
    )


def _char(lines: list[str], line: int, column: int) -> str:
    """The character at a 0-based position, or "" past the end."""
    if line < len(lines) and column < len(lines[line]):
        return lines[line][column]
    return ""


def _unclosed_bracket(lines: list[str], line: int, column: int) -> Diagnosis:
    opening = _char(lines, line, column)
    closing = "]" if opening == "[" else "}"
    return Diagnosis(
        f"this {opening} is never closed",
        f"add the closing {closing} after the last item",
        line + 1,
        column + 1,
    )


def _broken_quote(text: str, lines: list[str], error_line: int) -> Diagnosis | None:
    """The last quote opened at or before `error_line` that does not close on its own line
    and whose closing quote (as YAML finds it, lines later) has text stuck after it."""
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    for n in range(min(error_line, len(lines) - 1), -1, -1):
        m = _QUOTED_VALUE.match(lines[n])
        if m is None:
            continue
        start = offsets[n] + m.end(1)
        end = _closing_quote(text, start)
        if end is not None and end < offsets[n + 1]:
            continue  # closed on its own line: fine
        if end is None:
            return _unclosed(lines, n, m.end(1))
        close_line = text.count("\n", 0, end)
        rest = text[end + 1 : offsets[close_line + 1] - 1]
        if not _AFTER_QUOTE.match(rest):
            return _unclosed(lines, n, m.end(1))
        return None  # a quoted text spread over lines on purpose
    return None


def _closing_quote(text: str, start: int) -> int | None:
    """Offset of the quote that closes the one at `start` (YAML's escapes), or None."""
    quote = text[start]
    i = start + 1
    while i < len(text):
        c = text[i]
        if quote == '"' and c == "\\":
            i += 2
            continue
        if c == quote:
            if quote == "'" and text.startswith("''", i):
                i += 2
                continue
            return i
        i += 1
    return None


def _indent(line: str) -> int:
    """0-based column of the first character that is not a space."""
    return len(line) - len(line.lstrip(" "))


def _content_column(line: str) -> int:
    """0-based column where a line's content starts, after its list dashes."""
    m = _LIST_ITEM.match(line)
    return m.end() if m else 0


def _previous(lines: list[str], line: int) -> str | None:
    """The nearest line above `line` that is not blank or a comment."""
    for n in range(line - 1, -1, -1):
        stripped = lines[n].strip()
        if stripped and not stripped.startswith("#"):
            return lines[n]
    return None


def _stray_line(lines: list[str], line: int) -> Diagnosis | None:
    """A line of plain text where a `key: value` line was expected (often a body line
    indented less than the text of its block)."""
    if line >= len(lines):
        return None
    here = _indent(lines[line])
    above = _previous(lines, line)
    if above is not None and _content_column(above) > here:
        want = _content_column(above) + 1
        return Diagnosis(
            f"this line is indented less than the text above it (it starts at column {here + 1})",
            f"start it at column {want}, like the line above, so it stays part of that text",
            line + 1,
            here + 1,
        )
    return Diagnosis(
        "this line is not a 'key: value' line, and not part of the text above it",
        "indent it under the text it belongs to, or write it as 'key: value'",
        line + 1,
        here + 1,
    )


def _too_deep_or_colon(lines: list[str], line: int, column: int) -> Diagnosis:
    """`key: value` on a line indented more than the line above, or text with ': '."""
    if line < len(lines):
        here = _indent(lines[line])
        above = _previous(lines, line)
        if above is not None and _content_column(above) < here and ": " in above.strip():
            want = _content_column(above) + 1
            return Diagnosis(
                f"this line is indented more than the line above it (it starts at column "
                f"{here + 1})",
                f"start it at column {want}, like the line above",
                line + 1,
                here + 1,
            )
    return Diagnosis(
        "this text contains ': ', which YAML reads as the start of another key",
        "put quotes around text that contains ': ', e.g. title: \"Note: this\"",
        line + 1,
        column + 1,
    )


def _misaligned(lines: list[str], line: int, column: int) -> Diagnosis | None:
    """A line whose indentation matches neither the block it is in nor the one above."""
    text = lines[line]
    here = _indent(text)
    if column != here or not text.strip():
        return None  # the parser stopped mid-line: not an indentation problem
    above = _previous(lines, line)
    if above is None:
        return None
    want = _content_column(above)
    if want == here:
        want = _indent(above)
    if want == here:
        return None
    return Diagnosis(
        f"this line is indented wrongly: it starts at column {here + 1}, the line above at "
        f"column {want + 1}",
        f"start it at column {want + 1}, like the line above, if it belongs with it "
        "(indent with spaces only)",
        line + 1,
        here + 1,
    )

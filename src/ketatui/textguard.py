"""One guard for text that comes from outside the program, and the ways it may leave.

Text reaches ketatui from lesson files, file and folder names, the kiosk config, profile
names typed by learners and answers kept in the stores. Every such *source* checks its text
with `unsafe_char` (or `name_problem` for a name) and refuses what it finds: C0 controls
(except tab and newline in multi-line text), DEL, C1 controls, and the bidirectional
marks, embeddings, overrides and isolates, which can make text read differently from
what it is. Line and paragraph separators are refused too (they break lines invisibly).

What cannot be refused at the source (a file name on disk, a record written by an older
version) is made safe at the *sink*: `printable` for a terminal line (controls and bidi
shown as escapes like ``\\x1b``) and `csv_cell` for a spreadsheet cell (a formula start
gets an apostrophe). The UI shows data through literal Content/Text, never as markup.

Plain Python: the core, the commands and the UI all use it (no Textual, no Rich).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import IO

from ketatui.i18n import _

__all__ = [
    "csv_cell",
    "describe",
    "has_unsafe_char",
    "json_text",
    "name_problem",
    "name_skeleton",
    "printable",
    "unsafe_char",
    "write_csv_rows",
]

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
#: Never in any text: controls but tab and newline, DEL, C1, bidi, line/paragraph separators.
_UNSAFE_MULTILINE = f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{_BIDI}]"
#: One-line text (names, paths, config values) refuses tab and newline too.
_UNSAFE_LINE = f"[\x00-\x1f\x7f-\x9f\u2028\u2029{_BIDI}]"
_BIDI_CHARS = f"[{_BIDI}]"
#: What json.dumps leaves raw that a terminal would act on (it escapes C0 itself).
_UNSAFE_IN_JSON = f"[\x7f-\x9f\u2028\u2029{_BIDI}]"


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """One of the patterns above, compiled when first used: compiling them all at import
    was ~1.5 ms of every start-up, which needs none of them."""
    return re.compile(pattern)


#: Spreadsheet apps run a cell starting with one of these as a formula (or a DDE command).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")

#: More combining marks than this on one letter only stack into an unreadable blot.
MAX_MARKS_PER_LETTER = 4

# Letters from other scripts that look exactly like Latin ones in common terminal fonts
# (after NFKC and casefold). Enough to stop "Sаm" (Cyrillic а) passing for "Sam".
_CONFUSABLES = str.maketrans(
    {
        # Cyrillic
        "а": "a",
        "в": "b",
        "с": "c",
        "ԁ": "d",
        "е": "e",
        "һ": "h",
        "і": "i",
        "ј": "j",
        "к": "k",
        "ӏ": "l",
        "м": "m",
        "н": "h",
        "о": "o",
        "р": "p",
        "ԛ": "q",
        "ѕ": "s",
        "т": "t",
        "у": "y",
        "ԝ": "w",
        "х": "x",
        "ѵ": "v",
        "ё": "e",
        "ї": "i",
        # Greek
        "α": "a",
        "β": "b",
        "ε": "e",
        "η": "n",
        "ι": "i",
        "κ": "k",
        "ν": "v",
        "ο": "o",
        "ρ": "p",
        "τ": "t",
        "υ": "u",
        "χ": "x",
        "γ": "y",
        "ω": "w",
        # Digits and Latin look-alikes
        "ı": "i",
        "ɡ": "g",
        "ℓ": "l",
    }
)


def unsafe_char(text: str, *, multiline: bool = True) -> str | None:
    """The first character of `text` that must not reach a terminal or a name, or None.

    `multiline` allows tab and newline (lesson bodies); otherwise they are refused too.
    """
    found = _compiled(_UNSAFE_MULTILINE if multiline else _UNSAFE_LINE).search(text)
    return None if found is None else found.group()


def has_unsafe_char(text: str) -> bool:
    """Whether `unsafe_char(text)` (multi-line) finds a character; quick for ASCII text."""
    if text.isascii():
        # A byte table is many times quicker than the regex over a whole file.
        return bool(text.encode("ascii").translate(None, _SAFE_ASCII))
    return _compiled(_UNSAFE_MULTILINE).search(text) is not None


#: ASCII allowed in multi-line text: tab, newline and the printable characters.
_SAFE_ASCII = b"\t\n" + bytes(range(0x20, 0x7F))


def describe(ch: str) -> str:
    """What `ch` (as found by `unsafe_char`) is, with its escape: for an error message."""
    kind = "a bidirectional control" if _compiled(_BIDI_CHARS).match(ch) else "a control character"
    return f"{kind} ({printable(ch)})"


def printable(text: str) -> str:
    """`text` with every control, bidi and separator character shown as an escape (\\x1b).

    For one-line output of text that could not be refused at its source (file names).
    """
    return _compiled(_UNSAFE_LINE).sub(_escape, text)


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def json_text(value: object, *, indent: int | None = 2) -> str:
    """`value` as JSON that is safe to print: readable accents, but every control, bidi or
    separator character written as a \\uXXXX escape (JSON escapes only C0 by itself)."""
    import json  # here, not at the top: the learner app's start-up needs no JSON

    text = json.dumps(value, indent=indent, ensure_ascii=False)
    return _compiled(_UNSAFE_IN_JSON).sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def csv_cell(value: object) -> object:
    """`value` ready for a CSV cell that a spreadsheet may open.

    None becomes empty, booleans "yes"/"no", and text a spreadsheet would run as a formula
    (`=`, `+`, `-`, `@`, tab, CR, LF, or their full-width forms first) gets an apostrophe in
    front, and controls and bidi marks are escaped (CSV is printed to terminals too).
    Numbers are left alone: a negative number is not a formula.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        value = _compiled(_UNSAFE_MULTILINE).sub(_escape, value)
        if value.startswith(FORMULA_START):
            return "'" + value
    return value


def write_csv_rows(
    out: IO[str],
    columns: Iterable[str],
    rows: Iterable[Mapping[str, object]],
    *,
    lineterminator: str = "\r\n",
) -> None:
    """Write a header and `rows` (missing keys empty), every cell through `csv_cell`."""
    import csv  # here, not at the top: the learner app's start-up needs no CSV

    names = list(columns)
    writer = csv.DictWriter(out, fieldnames=names, lineterminator=lineterminator)
    writer.writeheader()
    for row in rows:
        writer.writerow({col: csv_cell(row.get(col)) for col in names})


def name_problem(name: str) -> str | None:
    """Why `name` (trimmed) cannot be a profile name shown to people, or None if it can.

    Refused: controls and bidi (`unsafe_char`), invisible format characters (Unicode
    category Cf: zero-width spaces, word joiners, soft hyphens), names with no visible
    letter, digit or symbol (only marks and spaces), and floods of combining marks.
    """
    if unsafe_char(name, multiline=False) is not None:
        return _("A name cannot contain control characters (such as tabs or line breaks).")
    marks = 0
    visible = False
    for ch in name:
        category = unicodedata.category(ch)
        if category in ("Cf", "Cs"):
            return _("A name cannot contain invisible characters (such as zero-width spaces).")
        if category.startswith("M"):
            marks += 1
            if marks > MAX_MARKS_PER_LETTER:
                return _("A name cannot stack so many accents on one letter.")
            continue
        marks = 0
        if not category.startswith("Z"):
            visible = True
    if not visible:
        return _("A name needs at least one visible letter or digit.")
    return None


def name_skeleton(name: str) -> str:
    """What a name looks like: NFKC, casefold, look-alike letters of other scripts folded.

    Two names with the same skeleton are too easy to mix up on screen, so only one of them
    may be a profile.
    """
    text = unicodedata.normalize("NFKC", name).casefold().translate(_CONFUSABLES)
    return " ".join(text.split())

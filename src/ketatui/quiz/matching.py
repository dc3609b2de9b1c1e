"""How typed short answers are compared: normalised text, no Textual, no I/O.

Short answers are compared after `normalize_text` (Unicode NFKC, casefold, accents folded,
punctuation dropped, whitespace collapsed). An answer also counts when it matches an accepted
answer with all whitespace removed, so "9-8-8", "9 8 8" and "988" all match "988", and
"ketamine-assisted" matches "ketamine assisted". Empty (or punctuation-only) answers are wrong.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

#: Longer typed answers are graded wrong without being normalised (bounds the work;
#: no accepted short answer is anywhere near this long).
MAX_SHORT_ANSWER_CHARS = 10_000

# Apostrophes are dropped outright so "don't" becomes "dont"; all other punctuation
# separates words ("ketamine-assisted" -> "ketamine assisted").
_APOSTROPHES = frozenset("'ʼ’‘‛`´′")


def normalize_text(text: str) -> str:
    """Casefold, drop punctuation, collapse spaces: how short answers are compared.

    Steps: NFKC (full-width and compatibility forms become plain ones), casefold
    ("Straße" == "STRASSE"), fold accents ("naïve" == "naive"), drop apostrophes, turn other
    punctuation (any Unicode P* category: curly quotes, dashes, ...) into spaces, and
    collapse runs of whitespace to one space with none at the ends.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    # Fold accents: decompose, then drop combining marks.
    decomposed = unicodedata.normalize("NFKD", text)
    out: list[str] = []
    for ch in decomposed:
        if ch in _APOSTROPHES:
            continue
        cat = unicodedata.category(ch)
        if cat == "Mn":
            continue
        if cat.startswith("P"):
            out.append(" ")
        else:
            out.append(ch)
    return " ".join(unicodedata.normalize("NFC", "".join(out)).split())


def _compact(normalized: str) -> str:
    return "".join(normalized.split())


def short_answer_matches(answer: str, accepted: Iterable[str]) -> bool:
    """True when `answer` matches any accepted answer, ignoring case, spacing, punctuation."""
    if len(answer) > MAX_SHORT_ANSWER_CHARS:
        return False
    given = normalize_text(answer)
    if not given:
        return False
    given_compact = _compact(given)
    for alternative in accepted:
        target = normalize_text(alternative)
        if not target:
            continue
        if given == target or given_compact == _compact(target):
            return True
    return False

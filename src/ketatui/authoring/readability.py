"""Reading level of lesson text: Flesch-Kincaid grade and SMOG grade, on Markdown stripped.

Implemented here rather than with `textstat`: textstat 0.7.13 pulls in nltk, takes
~250-400 ms to import and downloads the CMU dictionary from the network on first use
(which fails offline, i.e. on every clinic machine and in CI). The formulas are short and
public; only syllable counting needs a heuristic, and the one below lands within a
syllable of a dictionary on ordinary English words.

Counting rules (documented in docs/authoring.md, so authors can check a number by hand):
- words: runs of letters or digits, joined by an apostrophe or hyphen ("don't",
  "ketamine-assisted" and "988" are one word each);
- sentences: each paragraph, heading, list item or table row is at least one sentence,
  and `.`, `!` or `?` followed by a space ends a sentence inside it;
- polysyllables (for SMOG): words of three or more syllables.

Flesch-Kincaid grade = 0.39 x words/sentences + 11.8 x syllables/words - 15.59
SMOG grade           = 1.0430 x sqrt(polysyllables x 30 / sentences) + 3.1291
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

# ------------------------------------------------------------------------------- Markdown

_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.S | re.M)
_HTML_TAG = re.compile(r"<[^>\n]+>")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_LINK_DEF = re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$", re.M)
_AUTOLINK = re.compile(r"<(https?://[^>]+)>")
_BLOCK_PREFIX = re.compile(r"^\s*(?:#{1,6}\s+|>\s?|[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+)+")
_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_EMPHASIS = re.compile(r"(\*{1,3}|_{1,3}|~~)(?=\S)(.+?)(?<=\S)\1")
_CODE = re.compile(r"`+([^`]*)`+")


def strip_markdown(markdown: str) -> str:
    """Plain text of a Markdown page: one block (paragraph, heading, item, row) per line.

    Code blocks and link targets are dropped, link and emphasis text kept. Blocks are
    separated by newlines so `count_sentences` can treat each one as a sentence.
    """
    text = _FENCE.sub("", markdown)
    text = _LINK_DEF.sub("", text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub("", text)
    text = _HTML_TAG.sub("", text)
    blocks: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(" ".join(paragraph))
            paragraph.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line or _RULE.match(line) or _TABLE_SEP.match(line):
            flush()
            continue
        starts_block = bool(_BLOCK_PREFIX.match(line)) or line.startswith("|")
        line = _BLOCK_PREFIX.sub("", line)
        if line.startswith("|"):
            line = ". ".join(cell.strip() for cell in line.strip("|").split("|") if cell.strip())
        line = _CODE.sub(r"\1", line)
        for _ in range(3):  # nested emphasis such as ***bold italic***
            line = _EMPHASIS.sub(r"\2", line)
        if starts_block:
            flush()
        paragraph.append(line)
        if starts_block and raw.lstrip().startswith("#"):
            flush()  # a heading is a block of its own
    flush()
    return "\n".join(b for b in blocks if b)


# ------------------------------------------------------------------------------- counting

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?:\s+|$)")
_VOWEL_GROUP = re.compile(r"[aeiouy]+")
# Vowel pairs that are two syllables ("bi-o", "di-et", "be-ing"); the vowel-group count
# merges them into one.
_HIATUS = re.compile(r"(?:[^cgst]i[ao]|[^q]u[ao]|eo(?!u|ple)|[aeiou]ing$|ie[rt]|iu)")


def words(text: str) -> list[str]:
    """The words of plain text (see the module docstring for what counts as a word)."""
    return _WORD.findall(text)


def count_sentences(plain: str) -> int:
    """Sentences in text from `strip_markdown`: each line counts at least once."""
    total = 0
    for line in plain.splitlines():
        if not _WORD.search(line):
            continue
        pieces = [p for p in _SENTENCE_END.split(line) if _WORD.search(p)]
        total += max(1, len(pieces))
    return total


def count_syllables(word: str) -> int:
    """Syllables in one English word, by heuristic (at least 1).

    Vowel groups, less a silent final -e / -es / -ed, plus known two-vowel splits.
    Hyphenated words are the sum of their parts; digits and acronyms count as one.
    """
    parts = re.split(r"[-’']", word.lower())
    if len(parts) > 1:
        return sum(count_syllables(p) for p in parts if p) or 1
    w = re.sub(r"[^a-z]", "", parts[0])
    if len(w) <= 3:
        return 1
    if w.startswith("y"):
        w = w[1:]
    count = len(_VOWEL_GROUP.findall(w))
    if w.endswith("e") and not re.search(r"[^aeiouy]le$", w):
        count -= 1  # silent e: "make", "medicine" (but not "people", "table")
    elif re.search(r"[^aeiouytd]ed$", w) or re.search(r"[^aeiouysxzgch]es$", w):
        count -= 1  # "walked", "makes" (but "wanted", "boxes", "teaches")
    count += len(_HIATUS.findall(w))
    return max(1, count)


@dataclass(frozen=True, slots=True)
class TextCounts:
    """What the reading formulas need, counted on plain text."""

    words: int
    sentences: int
    syllables: int
    polysyllables: int

    def __add__(self, other: TextCounts) -> TextCounts:
        return TextCounts(
            self.words + other.words,
            self.sentences + other.sentences,
            self.syllables + other.syllables,
            self.polysyllables + other.polysyllables,
        )


def count_text(plain: str, syllables_of: Callable[[str], int] = count_syllables) -> TextCounts:
    """Count words, sentences, syllables and polysyllables in plain text (English
    syllables unless another language's counter is given)."""
    ws = words(plain)
    syllables = [syllables_of(w) for w in ws]
    return TextCounts(
        words=len(ws),
        sentences=count_sentences(plain),
        syllables=sum(syllables),
        polysyllables=sum(1 for s in syllables if s >= 3),
    )


def flesch_kincaid_grade(counts: TextCounts) -> float | None:
    """Flesch-Kincaid grade level (US school grade), or None for text without words."""
    if counts.words == 0 or counts.sentences == 0:
        return None
    return 0.39 * counts.words / counts.sentences + 11.8 * counts.syllables / counts.words - 15.59


def smog_grade(counts: TextCounts) -> float | None:
    """SMOG grade (McLaughlin 1969), or None for text without sentences.

    SMOG was built for samples of 30 sentences; on a short lesson it is a rough guide.
    It is widely used for health information because it predicts full comprehension.
    """
    if counts.sentences == 0:
        return None
    return 1.0430 * math.sqrt(counts.polysyllables * 30 / counts.sentences) + 3.1291


@dataclass(frozen=True, slots=True)
class Readability:
    """Reading level of a text."""

    counts: TextCounts
    flesch_kincaid: float | None
    smog: float | None


def readability_of_counts(counts: TextCounts) -> Readability:
    """Both grades for already counted text."""
    return Readability(counts, flesch_kincaid_grade(counts), smog_grade(counts))


def readability(markdown: str) -> Readability:
    """Reading level of Markdown text (stripped to plain text first)."""
    return readability_of_counts(count_text(strip_markdown(markdown)))

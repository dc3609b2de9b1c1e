"""Reading ease of Spanish lesson text: Fernández-Huerta and Szigriszt-Pazos (INFLESZ).

English grade formulas (Flesch-Kincaid, SMOG) mis-measure Spanish, whose words are longer
in syllables; Spanish patient materials are judged on these two instead. Both are Flesch
reading-ease scales (0-100, higher is easier), counted on the same words and sentences as
`readability` (Markdown stripped first), with a Spanish syllable counter:

Fernández-Huerta = 206.84 - 60 x syllables/words - 1.02 x words/sentences
    (the corrected form in common use, and textstat's; the 1959 paper's "1.02 x F" with
    F = sentences per 100 words has the wrong sign of effect)
Szigriszt-Pazos  = 206.835 - 62.3 x syllables/words - words/sentences
    read on the INFLESZ scale (Barrio-Cantalejo et al. 2008): under 40 muy difícil,
    40-55 algo difícil, 55-65 normal, 65-80 bastante fácil, 80 and over muy fácil.
    Patient materials should be at least "bastante fácil" (65).

Syllables: each group of vowels is one syllable, except that two strong vowels (a, e, o,
or an accented í / ú) side by side are two ("po-e-ta", "dí-a"); the u of que / qui / gue /
gui is silent, and a final y after a vowel ("muy", "hoy") belongs to its syllable.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ketatui.authoring.readability import TextCounts, count_text

#: Vowels that are the nucleus of their own syllable (an accent makes i and u strong).
_STRONG = frozenset("aeoáéóíú")
_VOWELS = frozenset("aeiouáéíóúü")
_SILENT_U = re.compile(r"(?<=[qg])u(?=[eiéí])")

#: INFLESZ bands: (lowest score, words), highest first.
INFLESZ_BANDS: tuple[tuple[float, str], ...] = (
    (80.0, "muy fácil"),
    (65.0, "bastante fácil"),
    (55.0, "normal"),
    (40.0, "algo difícil"),
    (float("-inf"), "muy difícil"),
)
#: The least INFLESZ score for patient materials ("bastante fácil").
PATIENT_MINIMUM = 65.0


def count_syllables_es(word: str) -> int:
    """Syllables in one Spanish word (at least 1); digits and symbols count as one."""
    w = unicodedata.normalize("NFC", word.lower())
    w = _SILENT_U.sub("", w)
    if w.endswith("y") and len(w) > 1 and w[-2] in _VOWELS:
        w = w[:-1] + "i"  # "muy", "hoy", "Uruguay": the y closes a diphthong
    count = 0
    group = ""
    for ch in (*w, " "):
        if ch in _VOWELS:
            group += ch
            continue
        if group:
            strong = sum(1 for c in group if c in _STRONG)
            count += max(1, strong)
            group = ""
    return max(1, count)


def count_text_es(plain: str) -> TextCounts:
    """Words, sentences and syllables of plain Spanish text (polysyllables: 3 or more)."""
    return count_text(plain, count_syllables_es)


def fernandez_huerta(counts: TextCounts) -> float | None:
    """Fernández-Huerta reading ease (0-100, higher is easier), or None without words."""
    if counts.words == 0 or counts.sentences == 0:
        return None
    return 206.84 - 60 * counts.syllables / counts.words - 1.02 * counts.words / counts.sentences


def szigriszt_pazos(counts: TextCounts) -> float | None:
    """Szigriszt-Pazos perspicuity (the INFLESZ score), or None without words."""
    if counts.words == 0 or counts.sentences == 0:
        return None
    return 206.835 - 62.3 * counts.syllables / counts.words - counts.words / counts.sentences


def inflesz_band(score: float | None) -> str:
    """The INFLESZ words for a Szigriszt-Pazos score ("bastante fácil"), or "" for None."""
    if score is None:
        return ""
    return next(words for lowest, words in INFLESZ_BANDS if score >= lowest)


@dataclass(frozen=True, slots=True)
class SpanishReadability:
    """Reading ease of a Spanish text."""

    counts: TextCounts
    fernandez_huerta: float | None
    szigriszt_pazos: float | None

    @property
    def inflesz(self) -> str:
        """The INFLESZ band of the Szigriszt-Pazos score."""
        return inflesz_band(self.szigriszt_pazos)


def readability_es_of_counts(counts: TextCounts) -> SpanishReadability:
    """Both scores for already counted Spanish text."""
    return SpanishReadability(counts, fernandez_huerta(counts), szigriszt_pazos(counts))

"""Reading-level counting: syllables, Markdown stripping and the two grade formulas."""

from __future__ import annotations

import math

import pytest

from ketatui.authoring.readability import (
    TextCounts,
    count_sentences,
    count_syllables,
    count_text,
    flesch_kincaid_grade,
    readability,
    smog_grade,
    strip_markdown,
    words,
)

# Syllable counts from a pronouncing dictionary.
DICTIONARY = {
    "the": 1,
    "cat": 1,
    "make": 1,
    "walked": 1,
    "makes": 1,
    "spray": 1,
    "there": 1,
    "treatment": 2,
    "people": 2,
    "wanted": 2,
    "boxes": 2,
    "teaches": 2,
    "being": 2,
    "nasal": 2,
    "quiet": 2,
    "illness": 2,
    "treated": 2,
    "ketamine": 3,
    "depression": 3,
    "medicine": 3,
    "physician": 3,
    "video": 3,
    "clinician": 3,
    "esketamine": 4,
    "anxiety": 4,
    "biology": 4,
}


@pytest.mark.parametrize(("word", "syllables"), sorted(DICTIONARY.items()))
def test_syllables_match_a_dictionary_on_common_words(word: str, syllables: int) -> None:
    assert count_syllables(word) == syllables


def test_hyphenated_words_and_numbers() -> None:
    assert words("Ketamine-assisted care isn't 988 help.") == [
        "Ketamine-assisted",
        "care",
        "isn't",
        "988",
        "help",
    ]
    assert count_syllables("ketamine-assisted") == 3 + 3
    assert count_syllables("988") == 1


def test_markdown_is_stripped_to_text_blocks() -> None:
    plain = strip_markdown(
        "# A heading\n"
        "Some **bold** and _italic_ text with a [link](https://example.org/page).\n"
        "It goes on.\n\n"
        "- first item\n"
        "- second `code` item\n\n"
        "```\nprint('not prose')\n```\n"
        "> a quote\n"
    )
    assert plain.splitlines() == [
        "A heading",
        "Some bold and italic text with a link. It goes on.",
        "first item",
        "second code item",
        "a quote",
    ]
    assert "example.org" not in plain


def test_each_block_is_at_least_one_sentence() -> None:
    # Heading, two sentences in a paragraph, two list items without full stops.
    plain = strip_markdown("# Title\nOne. Two!\n\n- item a\n- item b")
    assert count_sentences(plain) == 5


def test_grades_follow_the_published_formulas() -> None:
    counts = TextCounts(words=100, sentences=5, syllables=150, polysyllables=12)
    assert flesch_kincaid_grade(counts) == pytest.approx(0.39 * 20 + 11.8 * 1.5 - 15.59)
    assert smog_grade(counts) == pytest.approx(1.0430 * math.sqrt(12 * 30 / 5) + 3.1291)


def test_empty_text_has_no_grade() -> None:
    r = readability("")
    assert r.counts == TextCounts(0, 0, 0, 0)
    assert r.flesch_kincaid is None
    assert r.smog is None


def test_plain_words_read_easier_than_clinical_jargon() -> None:
    simple = readability("The drug is a spray. You use it in the clinic. A nurse stays with you.")
    hard = readability(
        "Esketamine intranasal administration necessitates post-administration monitoring "
        "for dissociative symptoms and transient hypertension."
    )
    assert simple.flesch_kincaid is not None and hard.flesch_kincaid is not None
    assert simple.flesch_kincaid < 4 < 12 < hard.flesch_kincaid
    assert count_text(strip_markdown("The cat sat.")).words == 3

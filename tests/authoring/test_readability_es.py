"""Spanish reading ease: the syllable counter against hand counts, both formulas against
textstat's, the INFLESZ bands, and `ketatui stats` on a Spanish lesson."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

from ketatui.authoring.readability import TextCounts, strip_markdown
from ketatui.authoring.readability_es import (
    count_syllables_es,
    count_text_es,
    fernandez_huerta,
    inflesz_band,
    szigriszt_pazos,
)

ES_COURSE = Path(__file__).resolve().parents[1] / "data" / "es_course"

#: Patient-style Spanish, as the shipped translations are written.
SAMPLES = [
    "La depresión es una enfermedad común. Puede afectar su ánimo, su sueño y su energía. "
    "No es culpa suya. Hay tratamientos que ayudan. Hable con su equipo de atención.",
    "La esketamina es un medicamento en aerosol nasal. Se usa junto con un antidepresivo que "
    "se toma por la boca. Usted la recibe en una clínica. Un profesional lo acompaña durante "
    "dos horas después de cada dosis.",
    "Después de una sesión, es normal sentirse mareado o con sueño. No maneje hasta el día "
    "siguiente. Pida a alguien que lo lleve a casa. Si algo le preocupa, llame a su clínica.",
    "El tratamiento puede causar cambios en la presión arterial. Por eso, el personal la mide "
    "antes y después de cada sesión. Si la presión sube mucho, esperan a que baje antes de "
    "que usted se vaya.",
]


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("depresión", 3),  # de-pre-sión
        ("tratamiento", 4),  # tra-ta-mien-to: "ie" is one syllable
        ("esketamina", 5),
        ("día", 2),  # dí-a: an accented i is strong
        ("poeta", 3),  # po-e-ta: two strong vowels
        ("ciudad", 2),  # ciu-dad
        ("energía", 4),  # e-ner-gí-a
        ("que", 1),  # the u of que is silent
        ("guerra", 2),
        ("pingüino", 3),  # pin-güi-no: ü is said, but joins the i
        ("muy", 1),
        ("Uruguay", 3),  # U-ru-guay
        ("ahora", 3),  # a-ho-ra: h does not join vowels
        ("988", 1),
    ],
)
def test_spanish_syllables_match_a_hand_count(word: str, syllables: int) -> None:
    assert count_syllables_es(word) == syllables


def test_sample_counted_by_hand() -> None:
    counts = count_text_es(strip_markdown(SAMPLES[0]))
    # La de-pre-sión es u-na en-fer-me-dad co-mún (13) / Pue-de a-fec-tar su á-ni-mo su
    # sue-ño y su e-ner-gí-a (18) / No es cul-pa su-ya (6) / Hay tra-ta-mien-tos que a-yu-dan
    # (9) / Ha-ble con su e-qui-po de a-ten-ción (11).
    assert counts == TextCounts(words=29, sentences=5, syllables=57, polysyllables=9)


@pytest.mark.parametrize("text", SAMPLES)
def test_formulas_agree_with_textstat(text: str) -> None:
    """Our formulas are textstat's: given textstat's own counts, the scores agree to 0.01.
    Our whole scores are lower by at most 18 points, all of it from syllables: textstat
    counts them with Pyphen's hyphenation dictionary, which never splits the last letters
    of a word nor a hiatus ("e-ner-gí-a" is "ener-gía" to it), so it finds fewer."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import textstat

    textstat.set_lang("es")
    try:
        theirs = TextCounts(
            words=textstat.lexicon_count(text),
            sentences=textstat.sentence_count(text),
            syllables=textstat.syllable_count(text),
            polysyllables=0,
        )
        fh, szp = textstat.fernandez_huerta(text), textstat.szigriszt_pazos(text)
    finally:
        textstat.set_lang("en_US")
    assert fernandez_huerta(theirs) == pytest.approx(fh, abs=0.01)
    assert szigriszt_pazos(theirs) == pytest.approx(szp, abs=0.01)

    ours = count_text_es(strip_markdown(text))
    assert (ours.words, ours.sentences) == (theirs.words, theirs.sentences)
    assert ours.syllables >= theirs.syllables
    for mine, textstats in ((fernandez_huerta(ours), fh), (szigriszt_pazos(ours), szp)):
        assert mine is not None and 0 <= textstats - mine <= 18


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (85.0, "muy fácil"),
        (80.0, "muy fácil"),
        (70.0, "bastante fácil"),
        (65.0, "bastante fácil"),
        (60.0, "normal"),
        (45.0, "algo difícil"),
        (30.0, "muy difícil"),
        (None, ""),
    ],
)
def test_inflesz_bands(score: float | None, band: str) -> None:
    assert inflesz_band(score) == band


def test_stats_gives_spanish_readability_for_spanish_lessons(cli) -> None:
    r = cli("stats", str(ES_COURSE), "--format", "json")
    assert r.code == 0, r.err
    lessons = {(d["file"], d["language"]): d for d in json.loads(r.out)["lessons"]}
    spanish = lessons[("01-basics/01-first.es.yaml", "es")]
    english = lessons[("01-basics/01-first.yaml", "en")]
    assert spanish["flesch_kincaid"] is None and spanish["smog"] is None
    assert spanish["szigriszt_pazos"] > 65 and spanish["inflesz"] in ("bastante fácil", "muy fácil")
    assert spanish["fernandez_huerta"] > spanish["szigriszt_pazos"] - 10
    assert english["flesch_kincaid"] is not None and english["szigriszt_pazos"] is None
    table = cli("stats", str(ES_COURSE))
    assert ("SzP" in table.out and "bastante fácil" in table.out) or "muy fácil" in table.out

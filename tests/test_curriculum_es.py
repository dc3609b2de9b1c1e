"""The Spanish patient lessons (`*.es.yaml`) meet the course's content standards (issue 19).

A Spanish-speaking patient gets every patient lesson in Spanish, in easy Spanish (INFLESZ,
the Szigriszt-Pazos scale, at 65 or above: "bastante fácil" or easier), one short idea per
page, and with the same questions and answers as the English lesson, so progress and stats
line up across languages. The files are read with PyYAML directly, so these checks hold
whatever the loader does with translations; one test also loads them, renamed, through the
real loader to show each is a complete lesson on its own.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from ketatui.content.catalog import load_catalog
from test_curriculum import (
    ALLOWED_NUMBERS,
    MAX_PAGE_WORDS,
    _numbers_to_call,
    plain_text,
    word_count,
)

LESSONS = Path(__file__).resolve().parents[1] / "lessons"

#: INFLESZ floor: 65 and above reads "bastante fácil" (fairly easy) or easier for Spanish
#: readers; 55-65 is "normal", the band most Spanish health leaflets sit in.
MIN_INFLESZ = 65.0


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _source_of(translation: Path) -> Path:
    return translation.with_name(translation.name.replace(".es.yaml", ".yaml"))


def _patient_sources() -> list[Path]:
    return [
        p
        for p in sorted(LESSONS.glob("*/[0-9]*.yaml"))
        if not p.name.endswith(".es.yaml") and "patient" in _load(p)["tracks"]
    ]


def _translations() -> list[Path]:
    return sorted(LESSONS.glob("*/[0-9]*.es.yaml"))


def _translation_of(source: Path) -> Path:
    return source.with_name(source.name.replace(".yaml", ".es.yaml"))


def _inflesz(text: str) -> float:
    textstat = pytest.importorskip("textstat")
    textstat.set_lang("es")
    try:
        return float(textstat.szigriszt_pazos(text))
    finally:
        textstat.set_lang("en")


_MARKER = re.compile(r"^(?:#{1,6}|[-*+]|\d+[.)])\s+")


def prose(markdown: str) -> str:
    """Markdown as the sentences a reader meets: markers dropped, wrapped lines joined.

    tests/test_curriculum.py's `plain_text` ends every source line with a full stop, so a
    sentence wrapped over three lines counts as three short ones and the score flatters the
    text. Here a paragraph, list item or heading is one unit, ended with a full stop if the
    author left it off; the words are the same, only the sentence breaks differ.
    """
    units: list[str] = []
    joining = False
    for raw in markdown.splitlines():
        line = raw.strip()
        if line and joining and not _MARKER.match(line):
            units[-1] += " " + line
        elif line:
            units.append(line)
        joining = bool(line)
    return " ".join(plain_text(unit) for unit in units)


def _page_text(lesson: dict[str, Any]) -> str:
    return prose("\n\n".join(p["body"] for p in lesson["pages"]))


# ---------------------------------------------------------------------------- coverage


def test_every_patient_lesson_and_module_has_a_spanish_translation() -> None:
    sources = _patient_sources()
    assert len(sources) == 19
    missing = [str(p.relative_to(LESSONS)) for p in sources if not _translation_of(p).exists()]
    assert not missing, f"patient lessons with no Spanish file: {missing}"
    for module in {p.parent for p in sources}:
        assert (module / "module.es.yaml").exists(), module.name
        es, en = _load(module / "module.es.yaml"), _load(module / "module.yaml")
        assert es["id"] == en["id"] and es["title"] != en["title"]
    # Every translation has its source: no orphan the loader could not place.
    assert all(_source_of(p).exists() for p in _translations())


def test_translations_are_spanish_drafts_with_the_source_lesson_id() -> None:
    for path in _translations():
        es, en = _load(path), _load(_source_of(path))
        assert es["language"] == "es", path.name
        assert es["id"] == en["id"], path.name
        assert es["tracks"] == en["tracks"], path.name
        # Only a bilingual clinician can approve; until then no reviewer is named.
        assert es["review"]["status"] == "draft" and not es["review"]["by"], path.name
        assert es["sources"] == en["sources"], path.name


def test_each_translation_matches_the_current_english_lesson() -> None:
    # source_version is the start of the source's content hash (sha256 of the file, as
    # attempts store it). A changed English lesson may change a clinical fact, so the
    # Spanish must be checked against it before it ships again.
    stale = {}
    for path in _translations():
        want = hashlib.sha256(_source_of(path).read_bytes()).hexdigest()[:12]
        if _load(path).get("source_version") != want:
            stale[str(path.relative_to(LESSONS))] = f"source_version: {want}"
    assert not stale, (
        "English lessons changed since their Spanish translation: bring the Spanish in line"
        f" with the English, then set {stale}"
    )


# ---------------------------------------------------------------------------- parity


def _choice_shape(question: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (c.get("id"), bool(c.get("correct")), bool(c.get("fixed")))
        for c in question.get("choices", [])
    ]


def _question_shape(q: dict[str, Any]) -> tuple[Any, ...]:
    """What must match across languages: everything but the words."""
    return (
        q["id"],
        q["type"],
        _choice_shape(q),
        q.get("answer"),
        len(q.get("items", [])),
        bool(q.get("accepted")),
        q.get("teaches"),
        q.get("sources"),
    )


@pytest.mark.parametrize("path", _translations(), ids=lambda p: p.stem)
def test_a_translation_has_the_same_pages_questions_and_answers(path: Path) -> None:
    es, en = _load(path), _load(_source_of(path))
    assert len(es["pages"]) == len(en["pages"])
    assert [p["sources"] for p in es["pages"]] == [p["sources"] for p in en["pages"]]
    es_quiz, en_quiz = es["quiz"], en["quiz"]
    assert es_quiz["pass_mark"] == en_quiz["pass_mark"]
    assert es_quiz.get("shuffle") == en_quiz.get("shuffle")
    es_qs = [_question_shape(q) for q in es_quiz["questions"]]
    en_qs = [_question_shape(q) for q in en_quiz["questions"]]
    assert es_qs == en_qs
    # The words are Spanish, not the English left in place.
    for es_q, en_q in zip(es_quiz["questions"], en_quiz["questions"], strict=True):
        assert es_q["prompt"] != en_q["prompt"], es_q["id"]


#: Numbers a translation shows that its source does not: the Spanish-language option of a
#: 988 call ("marque 2", 988lifeline.org "What to expect").
ADDED_NUMBERS = {("08-getting-help-in-a-crisis.es.yaml", "page 2"): {"2"}}


def _numbers(text: str) -> set[str]:
    return set(re.findall(r"\d+(?:[.,]\d+)*", text))


def _numbered_parts(lesson: dict[str, Any]) -> dict[str, set[str]]:
    """The numbers on each page and in each question of a lesson."""
    parts = {f"page {i}": _numbers(p["body"]) for i, p in enumerate(lesson["pages"], 1)}
    for q in lesson["quiz"]["questions"]:
        parts[q["id"]] = _numbers(" ".join(_question_texts(q)))
    return parts


@pytest.mark.parametrize("path", _translations(), ids=lambda p: p.stem)
def test_a_translation_gives_the_same_numbers_as_its_source(path: Path) -> None:
    # Doses, hours, weeks, rates and phone numbers are where a slip in translation harms.
    es = _numbered_parts(_load(path))
    en = _numbered_parts(_load(_source_of(path)))
    for part, numbers in es.items():
        added = ADDED_NUMBERS.get((path.name, part), set())
        assert numbers == en[part] | added, f"{part}: {sorted(numbers ^ (en[part] | added))}"


def test_the_parity_check_notices_a_moved_correct_flag() -> None:
    source = _load(LESSONS / "01-depression" / "01-what-is-depression.yaml")
    question = next(q for q in source["quiz"]["questions"] if q["type"] == "single")
    choices = question["choices"]
    moved = {**question, "choices": choices[1:] + choices[:1]}
    assert _question_shape(moved) != _question_shape(question)


def test_every_wrong_choice_gets_gentle_spanish_feedback() -> None:
    # The English says "Not quite."; the Spanish says "No exactamente." in the same places.
    harsh = [
        f"{path.name}/{q['id']}: {c['text']!r}"
        for path in _translations()
        for q in _load(path)["quiz"]["questions"]
        for c in q.get("choices", [])
        if not c.get("correct") and not c["feedback"].startswith("No exactamente.")
    ]
    assert not harsh


# ---------------------------------------------------------------------------- readability


def test_spanish_patient_lessons_read_easy_on_inflesz() -> None:
    scores = {p.name: round(_inflesz(_page_text(_load(p))), 1) for p in _translations()}
    assert len(scores) == 19
    too_hard = {k: v for k, v in scores.items() if v < MIN_INFLESZ}
    assert not too_hard, f"INFLESZ below {MIN_INFLESZ}: {too_hard}"


def test_a_wrapped_sentence_is_measured_as_one_sentence() -> None:
    text = "- Una **lista** con una frase\n  partida en dos líneas\n\nOtra frase.\nY otra."
    assert prose(text) == "Una lista con una frase partida en dos líneas. Otra frase. Y otra."


def test_the_inflesz_scale_tells_easy_spanish_from_hard() -> None:
    easy = "La depresión es común. No es su culpa. Hay ayuda. Hable con su equipo."
    hard = (
        "La farmacoterapia antidepresiva convencional, administrada consecutivamente, "
        "presenta frecuentemente respuestas terapéuticas insuficientes en determinados "
        "pacientes con sintomatología persistente y comorbilidades psiquiátricas asociadas."
    )
    assert _inflesz(easy) >= MIN_INFLESZ > _inflesz(hard)


def test_spanish_patient_pages_are_short() -> None:
    long_pages = [
        (path.name, page["title"], word_count(page["body"]))
        for path in _translations()
        for page in _load(path)["pages"]
        if word_count(page["body"]) > MAX_PAGE_WORDS
    ]
    assert not long_pages, f"pages over {MAX_PAGE_WORDS} words: {long_pages}"


def test_spanish_lessons_say_decisions_are_made_with_the_care_team() -> None:
    missing = [
        p.name for p in _translations() if "equipo de atención" not in _page_text(_load(p)).lower()
    ]
    assert not missing


# ---------------------------------------------------------------------------- loads as a course


def test_each_translation_is_a_complete_lesson_for_the_real_loader(tmp_path: Path) -> None:
    # Renamed to X.yaml in a course of their own, the Spanish files load with no errors.
    shutil.copy(LESSONS / "course.es.yaml", tmp_path / "course.yaml")
    for path in _translations():
        module = tmp_path / path.parent.name
        if not module.exists():
            module.mkdir()
            shutil.copy(path.parent / "module.es.yaml", module / "module.yaml")
        # `source_version` ties a translation to its source; a stand-alone lesson has none
        # (this branch's loader does not know the key before the translation loader lands).
        text = re.sub(r"(?m)^source_version: .*\n", "", path.read_text(encoding="utf-8"))
        (module / path.name.replace(".es.yaml", ".yaml")).write_text(text, encoding="utf-8")
    catalog = load_catalog(tmp_path)
    assert not catalog.errors, "\n".join(e.format() for e in catalog.errors)
    assert len(catalog.lessons()) == 19
    assert catalog.course.language == "es"


# ---------------------------------------------------------------------------- safety


def test_spanish_crisis_help_reaches_988_in_spanish_and_911() -> None:
    course = _load(LESSONS / "course.es.yaml")
    assert course["language"] == "es"
    lifeline = course["crisis"]["resources"][0]
    text = f"{lifeline['contact']} {lifeline['detail']}"
    # 988lifeline.org "What to expect": press 2 for Spanish on a call, text AYUDA by text.
    assert "988" in lifeline["contact"] and "2" in text and "AYUDA" in text
    contacts = " ".join(r["contact"] for r in course["crisis"]["resources"])
    assert "911" in contacts
    notice = course["notice"].lower()
    assert "no es un consejo médico" in notice
    assert all(s in notice for s in ("988", "911", "f1", "equipo de atención"))


def test_spanish_files_show_no_numbers_but_the_checked_ones() -> None:
    course = _load(LESSONS / "course.es.yaml")
    texts = [course["notice"], course["crisis"]["intro"]]
    texts += [f"{r['contact']} {r.get('detail', '')}" for r in course["crisis"]["resources"]]
    texts += [t for p in _translations() for t in _visible_texts(_load(p))]
    found = {n for t in texts for n in _numbers_to_call(_as_english_verbs(t))}
    assert "988" in found
    assert found <= ALLOWED_NUMBERS, found - ALLOWED_NUMBERS


def _visible_texts(lesson: dict[str, Any]) -> list[str]:
    """Every string a learner sees in a lesson file (not ids, not source citations)."""
    texts = [lesson["title"], lesson["summary"]]
    texts += [f"{p['title']} {p['body']}" for p in lesson["pages"]]
    for q in lesson["quiz"]["questions"]:
        texts += _question_texts(q)
    return texts


def _question_texts(q: dict[str, Any]) -> list[str]:
    texts = [q["prompt"], q["explanation"], q.get("hint", "")]
    texts += q.get("items", []) + q.get("accepted", [])
    feedback = q.get("feedback", {})
    texts += list(feedback.values()) if isinstance(feedback, dict) else [feedback]
    return texts + [f"{c['text']} {c.get('feedback', '')}" for c in q.get("choices", [])]


def _as_english_verbs(text: str) -> str:
    """Spanish "llame / envíe un mensaje al" read as "call / text" for the number scan."""
    text = re.sub(r"\b(?:llame|llamar|marque|marcar)\s+(?:al\s+)?", "call ", text, flags=re.I)
    return re.sub(r"\b(?:escriba|envíe|enviar)\b[^\d]{0,30}?\bal\s+", "text ", text, flags=re.I)

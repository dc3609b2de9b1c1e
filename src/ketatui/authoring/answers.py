"""Answer analytics: which questions learners get wrong, and what they choose instead.

Reads the progress database (through `ketatui.progress.readonly`) and, when present, the
kiosk's anonymous statistics (`ketatui.kioskcore.stats.read_summary`), both opened read-only
so a running app is never disturbed; the SQL stays with the modules that own each schema.
Plain Python, no Textual. Only counts per question are reported, never who answered.

For choice questions (single, multiple, true/false, order) the most chosen wrong answer
is shown as the text the learner saw, looked up in the course by choice id, so reordered
choices change nothing. Answers still kept by position (progress format 1) are read as the
store's upgrade would read them (`progress.upgrade`). Each question also says how many of
its answers were given on another lesson version than the course's now. Short answers are
free text and are never shown ("—").
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ketatui.content.catalog import Catalog
from ketatui.content.model import Question, question_type
from ketatui.kioskcore.stats import QuestionStats, read_summary
from ketatui.paths import KIOSK_STATS_FILENAME, PROGRESS_DB_FILENAME
from ketatui.progress.readonly import AnswerRow, answer_rows
from ketatui.progress.upgrade import convert_position_answer
from ketatui.quiz.kinds import HIDDEN_ANSWER, kind_of

NO_ANSWER_TEXT = HIDDEN_ANSWER


class AnswerDataError(Exception):
    """A statistics database could not be read (corrupt, locked, wrong schema)."""


@dataclass(frozen=True, slots=True)
class QuestionAnswers:
    """How one question has been answered, from one source (progress or kiosk)."""

    source: str  # "progress" or "kiosk"
    lesson_id: str
    question_id: str
    prompt: str  # "" when the question is no longer in the course
    question_type: str  # "" when the question is no longer in the course
    answers: int
    right: int
    most_wrong: str  # text of the most chosen wrong answer, or "—"
    most_wrong_count: int
    #: Answers given on another version of the lesson than the course's now, or on one
    #: that was not recorded (progress format 1); 0 without a course or for the kiosk.
    older_version: int = 0

    @property
    def share_right(self) -> float:
        """Share of answers that were right, 0..1 (0 when never answered)."""
        return self.right / self.answers if self.answers else 0.0

    def to_json(self) -> dict[str, object]:
        """A plain dict for `--format json` (share right rounded to 3 places)."""
        return {
            "source": self.source,
            "lesson_id": self.lesson_id,
            "question_id": self.question_id,
            "question_type": self.question_type,
            "prompt": self.prompt,
            "answers": self.answers,
            "right": self.right,
            "share_right": round(self.share_right, 3),
            "most_wrong": self.most_wrong,
            "most_wrong_count": self.most_wrong_count,
            "older_version": self.older_version,
        }


def answer_text(question: Question, answer: object) -> str:
    """What a learner saw as their answer, from its stored JSON form.

    Short answers give "—" (free text is never shown); an answer that no longer fits the
    question (the lesson was edited since) gives "(no longer a choice)".
    """
    kind = kind_of(question)
    if kind.free_text:
        return NO_ANSWER_TEXT
    value = kind.decode(question, answer)
    if value is None:
        return "(no longer a choice)"
    return kind.describe_for_stats(question, value)


def _canonical(answer_json: str) -> tuple[str, object]:
    """A stable key for a stored answer (same value, same key, whatever the spacing)."""
    try:
        value = json.loads(answer_json)
    except (TypeError, ValueError):
        return answer_json, None
    # Order answers keep their order; multiple-choice sets are stored sorted already.
    return json.dumps(value, sort_keys=True), value


def _by_id(row: AnswerRow, catalog: Catalog | None) -> tuple[str, bool]:
    """A row's answer JSON in the id form where it can be, and whether it was given on
    another lesson version than the course's now."""
    lesson_id, question_id, answer_json, _correct, origin, version = row
    if catalog is None:
        return answer_json, False
    entry = catalog.entry(lesson_id)
    older = entry is None or version != entry.content_hash
    if origin == "position":
        try:
            stored = json.loads(answer_json)
        except (TypeError, ValueError):
            return answer_json, older
        found = convert_position_answer(catalog, lesson_id, question_id, stored, version)
        if found is not None:
            return json.dumps(found[0]), older
    return answer_json, older


def summarize(
    rows: Iterable[AnswerRow], catalog: Catalog | None, source: str
) -> list[QuestionAnswers]:
    """Aggregate (lesson_id, question_id, answer_json, correct, origin, version) rows per
    question."""
    totals: Counter[tuple[str, str]] = Counter()
    right: Counter[tuple[str, str]] = Counter()
    older: Counter[tuple[str, str]] = Counter()
    wrong: dict[tuple[str, str], Counter[str]] = {}
    values: dict[str, object] = {}
    for row in rows:
        lesson_id, question_id, _answer, correct = row[:4]
        answer_json, old = _by_id(row, catalog)
        key = (lesson_id, question_id)
        totals[key] += 1
        older[key] += old
        if correct:
            right[key] += 1
        else:
            canon, value = _canonical(answer_json)
            values[canon] = value
            wrong.setdefault(key, Counter())[canon] += 1
    result = []
    for key, count in totals.items():
        question = _find_question(catalog, *key)
        most_wrong, most_wrong_count = NO_ANSWER_TEXT, 0
        if key in wrong:
            # Ties go to the answer seen first, so the report is stable.
            canon, most_wrong_count = wrong[key].most_common(1)[0]
            if question is not None:
                most_wrong = answer_text(question, values[canon])
            if most_wrong == NO_ANSWER_TEXT:
                most_wrong_count = 0
        result.append(
            QuestionAnswers(
                source=source,
                lesson_id=key[0],
                question_id=key[1],
                prompt=question.prompt if question else "",
                question_type=question_type(question) if question else "",
                answers=count,
                right=right[key],
                most_wrong=most_wrong,
                most_wrong_count=most_wrong_count,
                older_version=older[key],
            )
        )
    return result


def _find_question(catalog: Catalog | None, lesson_id: str, question_id: str) -> Question | None:
    if catalog is None:
        return None
    entry = catalog.entry(lesson_id)
    return entry.lesson.question(question_id) if entry else None


def progress_answers(db_path: Path, catalog: Catalog | None) -> list[QuestionAnswers]:
    """Per-question answer stats from a progress database (opened read-only)."""
    try:
        rows = answer_rows(db_path)
    except sqlite3.Error as exc:
        raise AnswerDataError(f"{db_path}: cannot read the progress database ({exc})") from exc
    return summarize(rows, catalog, "progress")


def kiosk_answers(db_path: Path, catalog: Catalog | None) -> list[QuestionAnswers]:
    """Per-question answer stats from the kiosk's anonymous statistics (read-only).

    The kiosk keeps only counts (answered and correct per question per day, and how often
    each choice of a single or multiple question was picked), so the "most chosen wrong
    answer" is the wrong choice picked most often; for a true/false question it is the
    opposite of the right answer.
    """
    try:
        totals = read_summary(db_path)
    except sqlite3.Error as exc:
        raise AnswerDataError(f"{db_path}: cannot read the kiosk statistics ({exc})") from exc
    result = []
    for stats in totals:
        question = _find_question(catalog, stats.lesson_id, stats.question_id)
        most_wrong, count = _kiosk_most_wrong(question, stats)
        result.append(
            QuestionAnswers(
                source="kiosk",
                lesson_id=stats.lesson_id,
                question_id=stats.question_id,
                prompt=question.prompt if question else "",
                question_type=question_type(question) if question else "",
                answers=stats.answered,
                right=stats.correct,
                most_wrong=most_wrong,
                most_wrong_count=count,
            )
        )
    return result


def _kiosk_most_wrong(question: Question | None, stats: QuestionStats) -> tuple[str, int]:
    """The wrong answer picked most (from per-choice counts) and how often, or ("—", 0).

    Picks counted by position (kiosk statistics schema 1) are read against the question
    as it is now, as the progress store reads its answers of that age."""
    if question is None:
        return NO_ANSWER_TEXT, 0
    kind = kind_of(question)
    picks = Counter(stats.choices)
    ids = kind.ids(question)
    for index, chosen in stats.by_position.items():
        if 0 <= index < len(ids):
            picks[ids[index]] += chosen
    return kind.most_wrong_of_counts(question, picks, stats.wrong)


def sort_worst_first(items: Iterable[QuestionAnswers]) -> list[QuestionAnswers]:
    """Lowest share right first; among equals, the most answered first."""
    return sorted(
        items, key=lambda q: (q.share_right, -q.answers, q.lesson_id, q.question_id, q.source)
    )


def collect_answers(
    data_dir: Path, catalog: Catalog | None
) -> tuple[list[QuestionAnswers], list[Path]]:
    """Answer stats from every database found in `data_dir`, worst first.

    Returns the stats and the database files read. Raises AnswerDataError when a file
    exists but cannot be read.
    """
    items: list[QuestionAnswers] = []
    read: list[Path] = []
    progress = data_dir / PROGRESS_DB_FILENAME
    if progress.is_file():
        items += progress_answers(progress, catalog)
        read.append(progress)
    kiosk = data_dir / KIOSK_STATS_FILENAME
    if kiosk.is_file():
        items += kiosk_answers(kiosk, catalog)
        read.append(kiosk)
    return sort_worst_first(items), read

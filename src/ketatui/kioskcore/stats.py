"""Anonymous answer statistics for authors: which questions kiosk visitors get wrong.

Off unless the kiosk config says `stats = true`. Only counts are kept, per question per day:
how often it was answered and answered right, and for choice questions how often each choice
was picked, by the choice's stable id (so authors see the most-chosen wrong answer, however
the choices are reordered later). Schema 1 counted picks by choice position; those counts
are kept and read against the course as it is now. Never a time finer than a day,
never typed text, nothing about a visit or a visitor.

A separate small SQLite file (`kiosk-stats.sqlite3` in the data dir), WAL and
synchronous=FULL like the progress store, so a crash loses at most the answer being saved.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ketatui.content.model import Question
from ketatui.paths import KIOSK_STATS_FILENAME
from ketatui.progress.readonly import connect_read_only
from ketatui.quiz.kinds import kind_of

SCHEMA_VERSION = 2

_SCHEMA = """
CREATE TABLE IF NOT EXISTS question_stats (
    day TEXT NOT NULL,              -- YYYY-MM-DD, never finer
    lesson_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    answered INTEGER NOT NULL DEFAULT 0,
    correct INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, lesson_id, question_id)
);
CREATE TABLE IF NOT EXISTS choice_stats (
    day TEXT NOT NULL,
    lesson_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    choice INTEGER NOT NULL,        -- schema 1, no longer written: index as authored then
    chosen INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, lesson_id, question_id, choice)
);
-- Knowledge gain (issue 21): per day, module and phase, how many pre- or post-checks
-- were taken and the sum of their percent scores. Nothing links a pre-check to a post-
-- check or to a visit. Added without a schema bump: older versions ignore the table.
CREATE TABLE IF NOT EXISTS gain_stats (
    day TEXT NOT NULL,
    module_id TEXT NOT NULL,
    phase TEXT NOT NULL CHECK (phase IN ('pre', 'post')),
    checks INTEGER NOT NULL DEFAULT 0,
    percent_sum REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (day, module_id, phase)
);
CREATE TABLE IF NOT EXISTS choice_picks (
    day TEXT NOT NULL,
    lesson_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    choice_id TEXT NOT NULL,        -- the choice's stable id (content.model.choice_id)
    chosen INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, lesson_id, question_id, choice_id)
);
"""


class StatsError(Exception):
    """The statistics file cannot be opened or written (message for staff)."""


@dataclass(frozen=True, slots=True)
class QuestionStats:
    """Totals for one question over the days asked for."""

    lesson_id: str
    question_id: str
    answered: int
    correct: int
    #: Choice id -> times picked; empty for non-choice questions.
    choices: dict[str, int] = field(default_factory=dict)
    #: Picks counted by schema 1: choice index (as authored then) -> times picked.
    by_position: dict[int, int] = field(default_factory=dict)

    @property
    def wrong(self) -> int:
        """Times answered wrong."""
        return self.answered - self.correct

    @property
    def correct_rate(self) -> float:
        """Share answered right, 0..1 (0 when never answered)."""
        return self.correct / self.answered if self.answered else 0.0


def _today() -> dt.date:
    return dt.date.today()


class KioskStats:
    """Counts of kiosk answers. One instance per kiosk process."""

    def __init__(self, path: Path, *, today: Callable[[], dt.date] = _today) -> None:
        self.path = Path(path)
        self._today = today
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not self.path.exists():
                # On a day with one visitor the counts are that person's answers: owner only.
                # (The -wal and -shm files SQLite makes take the database file's mode.)
                os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
            self._db = sqlite3.connect(self.path, timeout=5.0, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StatsError(
                    f"{self.path} was written by a newer ketatui (schema {version}); "
                    "upgrade ketatui or move the file away"
                )
            self._db.executescript(_SCHEMA)
            self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except sqlite3.Error as error:
            raise StatsError(f"cannot open the statistics file {self.path}: {error}") from None

    @classmethod
    def open(cls, data_dir: Path) -> KioskStats:
        """The statistics file in a data dir."""
        return cls(Path(data_dir) / KIOSK_STATS_FILENAME)

    def close(self) -> None:
        """Close the statistics file."""
        self._db.close()

    def record(
        self,
        lesson_id: str,
        question_id: str,
        correct: bool,
        choice_ids: Iterable[str] | None = None,
    ) -> None:
        """Count one answer. `choice_ids`: the ids of the picked choices of a single or
        multiple-choice question, else None. Never pass typed text."""
        day = self._today().isoformat()
        picked = sorted({str(i) for i in choice_ids}) if choice_ids is not None else []
        try:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                self._db.execute(
                    "INSERT INTO question_stats (day, lesson_id, question_id, answered, correct)"
                    " VALUES (?, ?, ?, 1, ?) ON CONFLICT (day, lesson_id, question_id) DO UPDATE"
                    " SET answered = answered + 1, correct = correct + excluded.correct",
                    (day, lesson_id, question_id, int(bool(correct))),
                )
                self._db.executemany(
                    "INSERT INTO choice_picks (day, lesson_id, question_id, choice_id, chosen)"
                    " VALUES (?, ?, ?, ?, 1) ON CONFLICT (day, lesson_id, question_id, choice_id)"
                    " DO UPDATE SET chosen = chosen + 1",
                    [(day, lesson_id, question_id, i) for i in picked],
                )
        except sqlite3.Error as error:
            raise StatsError(f"cannot write the statistics file {self.path}: {error}") from None

    def record_check(self, module_id: str, phase: str, correct: int, total: int) -> None:
        """Count one pre- or post-check (its score only, by day)."""
        if phase not in ("pre", "post") or total <= 0:
            return
        day = self._today().isoformat()
        try:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                self._db.execute(
                    "INSERT INTO gain_stats (day, module_id, phase, checks, percent_sum)"
                    " VALUES (?, ?, ?, 1, ?) ON CONFLICT (day, module_id, phase) DO UPDATE"
                    " SET checks = checks + 1, percent_sum = percent_sum + excluded.percent_sum",
                    (day, module_id, phase, 100.0 * correct / total),
                )
        except sqlite3.Error as error:
            raise StatsError(f"cannot write the statistics file {self.path}: {error}") from None

    def summary(
        self,
        lesson_id: str | None = None,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> list[QuestionStats]:
        """Totals per question (optionally one lesson, between two days inclusive), sorted by
        lesson id then question id."""
        where, params = ["1=1"], []
        if lesson_id is not None:
            where.append("lesson_id = ?")
            params.append(lesson_id)
        if since is not None:
            where.append("day >= ?")
            params.append(since.isoformat())
        if until is not None:
            where.append("day <= ?")
            params.append(until.isoformat())
        return _totals(self._db, " AND ".join(where), params)


def read_summary(path: Path) -> list[QuestionStats]:
    """Totals per question over all days, from a statistics file opened read-only.

    For reports beside a running kiosk: the file is never created or written. Raises
    `sqlite3.Error` when it cannot be read.
    """
    conn = connect_read_only(path)
    try:
        if conn.execute("PRAGMA user_version").fetchone()[0] < 2:
            return _totals(conn, "1=1", [], picks=False)  # never written by a kiosk since
        return _totals(conn, "1=1", [])
    finally:
        conn.close()


def read_gain(path: Path) -> list[tuple[str, str, int, float]]:
    """(module id, phase, checks, sum of percent scores) over all days, read-only; empty
    for a file from before knowledge gain. Raises `sqlite3.Error` when it cannot be read."""
    conn = connect_read_only(path)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        if "gain_stats" not in tables:
            return []
        return [
            (module_id, phase, int(checks), float(total))
            for module_id, phase, checks, total in conn.execute(
                "SELECT module_id, phase, SUM(checks), SUM(percent_sum) FROM gain_stats"
                " GROUP BY module_id, phase ORDER BY module_id, phase"
            )
        ]
    finally:
        conn.close()


def _totals(
    db: sqlite3.Connection, cond: str, params: list[str], *, picks: bool = True
) -> list[QuestionStats]:
    """Totals per question matching the SQL condition `cond`, by lesson id then question id.

    `picks`: whether the file has schema 2's picks by choice id (a file of schema 1 read
    read-only has only its picks by position)."""
    by_position: dict[tuple[str, str], dict[int, int]] = {}
    for lid, qid, choice, chosen in db.execute(
        f"SELECT lesson_id, question_id, choice, SUM(chosen) FROM choice_stats WHERE {cond}"
        " GROUP BY lesson_id, question_id, choice ORDER BY choice",
        params,
    ):
        by_position.setdefault((lid, qid), {})[choice] = chosen
    choices: dict[tuple[str, str], dict[str, int]] = {}
    query = (
        f"SELECT lesson_id, question_id, choice_id, SUM(chosen) FROM choice_picks WHERE {cond}"
        " GROUP BY lesson_id, question_id, choice_id ORDER BY choice_id"
    )
    for lid, qid, choice, chosen in db.execute(query, params) if picks else ():
        choices.setdefault((lid, qid), {})[choice] = chosen
    return [
        QuestionStats(
            lid,
            qid,
            answered,
            correct,
            choices.get((lid, qid), {}),
            by_position.get((lid, qid), {}),
        )
        for lid, qid, answered, correct in db.execute(
            f"SELECT lesson_id, question_id, SUM(answered), SUM(correct) FROM question_stats"
            f" WHERE {cond} GROUP BY lesson_id, question_id ORDER BY lesson_id, question_id",
            params,
        )
    ]


def choice_ids(question: Question | None, answer: object) -> tuple[str, ...] | None:
    """The ids of the picked choices of an answer (stored form) to a choice question, else
    None. Never returns typed text: short answers, true/false and order answers give None.
    """
    if question is None:
        return None
    kind = kind_of(question)
    value = kind.decode(question, answer)
    picked = kind.picked_ids(question, value) if value is not None else ()
    return picked or None

"""The progress store's spaced-review and knowledge-gain tables (progress format 4).

A mixin of `ProgressStore`: each method is one transaction of the store, so a review
answer and its card's new schedule are saved together or not at all. Times come from the
caller (the session's clock); they are kept as ISO text in UTC, which sorts as time does,
so "due" is one indexed comparison.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from types import ModuleType
from typing import Any, TypeVar

from ketatui.progress.model import (
    REVIEW_LESSON,
    AnswerRecord,
    Attempt,
    GainCheck,
    GainPhase,
    LessonReviews,
    ReviewCard,
    ReviewEntry,
    StaleReviewError,
    review_key,
    split_review_key,
)

T = TypeVar("T")


def _json() -> ModuleType:
    # Imported on first use, as the store does: `json` is ~3 ms of start-up otherwise.
    import json

    return json


def utc_text(moment: datetime) -> str:
    """A time as stored: ISO text in UTC (naive times are taken as UTC)."""
    moment = moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    return moment.isoformat(timespec="microseconds")


def _card(row: tuple[Any, ...]) -> ReviewCard:
    lesson_id, question_id, fingerprint, due, memory = row
    return ReviewCard(lesson_id, question_id, fingerprint, datetime.fromisoformat(due), memory)


def _entry(row: tuple[Any, ...]) -> ReviewEntry:
    lesson_id, qid, rating, correct, source, session_id, answer, at = row
    return ReviewEntry(
        lesson_id=lesson_id,
        question_id=qid,
        rating=rating,
        correct=bool(correct),
        reviewed_at=datetime.fromisoformat(at),
        source=source,
        session_id=session_id,
        answer=None if answer is None else _json().loads(answer),
    )


_CARD_COLUMNS = "lesson_id, question_id, fingerprint, due, memory"
_LOG_COLUMNS = "lesson_id, question_id, rating, correct, source, session_id, answer, reviewed_at"
_SESSION_COLUMNS = "id, question_ids, seed, started_at, finished_at, score"


def _session(conn: sqlite3.Connection, row: tuple[Any, ...]) -> Attempt:
    sid, qids, seed, started, finished, score = row
    answers = [
        AnswerRecord(
            question_id=review_key(lesson_id, qid),
            answer=None if answer is None else _json().loads(answer),
            correct=bool(correct),
            answered_at=datetime.fromisoformat(at),
        )
        for lesson_id, qid, correct, answer, at in conn.execute(
            "SELECT lesson_id, question_id, correct, answer, reviewed_at FROM review_log"
            " WHERE session_id = ? ORDER BY id",
            (sid,),
        )
    ]
    return Attempt(
        id=sid,
        lesson_id=REVIEW_LESSON,
        question_ids=tuple(_json().loads(qids)),
        answers=tuple(answers),
        started_at=datetime.fromisoformat(started),
        finished_at=None if finished is None else datetime.fromisoformat(finished),
        score=score,
        passed=None,
        kind="review",
        seed=seed,
    )


def save_review_rows(
    conn: sqlite3.Connection, profile_id: int, card: ReviewCard, entry: ReviewEntry
) -> None:
    """Write one review and its card's schedule inside the caller's transaction."""
    if entry.session_id is not None:
        row = conn.execute(
            "SELECT finished_at FROM review_sessions WHERE id = ? AND profile_id = ?",
            (entry.session_id, profile_id),
        ).fetchone()
        if row is None or row[0] is not None:
            raise StaleReviewError("That review session is over.")
    conn.execute(
        f"INSERT INTO review_cards (profile_id, {_CARD_COLUMNS})"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (profile_id, lesson_id, question_id)"
        " DO UPDATE SET fingerprint = excluded.fingerprint, due = excluded.due,"
        " memory = excluded.memory",
        (profile_id, card.lesson_id, card.question_id, card.fingerprint,
         utc_text(card.due), card.memory),
    )  # fmt: skip
    answer = None if entry.answer is None else _json().dumps(entry.answer)
    conn.execute(
        f"INSERT INTO review_log (profile_id, {_LOG_COLUMNS})"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (profile_id, entry.lesson_id, entry.question_id, entry.rating,
         int(entry.correct), entry.source, entry.session_id, answer,
         utc_text(entry.reviewed_at)),
    )  # fmt: skip


class ReviewTables:
    """Review cards, the review log, review sessions and gain checks of the store."""

    def _write(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        raise NotImplementedError  # pragma: no cover - ProgressStore provides it

    def _read(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        raise NotImplementedError  # pragma: no cover - ProgressStore provides it

    # ------------------------------------------------------------------ cards

    def review_card(self, profile_id: int, lesson_id: str, question_id: str) -> ReviewCard | None:
        """The review card of one question, or None if it was never answered."""

        def tx(conn: sqlite3.Connection) -> ReviewCard | None:
            row = conn.execute(
                f"SELECT {_CARD_COLUMNS} FROM review_cards WHERE profile_id = ?"
                " AND lesson_id = ? AND question_id = ?",
                (profile_id, lesson_id, question_id),
            ).fetchone()
            return None if row is None else _card(row)

        return self._read(tx)

    def review_cards(self, profile_id: int) -> list[ReviewCard]:
        """Every review card of a profile, soonest due first."""
        return self.due_cards(profile_id, None)

    def due_cards(
        self, profile_id: int, now: datetime | None, limit: int | None = None
    ) -> list[ReviewCard]:
        """The cards due at `now` (None: every card), soonest due first."""
        sql = f"SELECT {_CARD_COLUMNS} FROM review_cards WHERE profile_id = ?"
        args: list[object] = [profile_id]
        if now is not None:
            sql += " AND due <= ?"
            args.append(utc_text(now))
        sql += " ORDER BY due, lesson_id, question_id"
        if limit is not None:
            sql += " LIMIT ?"
            args.append(limit)

        def tx(conn: sqlite3.Connection) -> list[ReviewCard]:
            return [_card(row) for row in conn.execute(sql, args)]

        return self._read(tx)

    def due_count(self, profile_id: int, now: datetime) -> int:
        """How many of a profile's questions are due at `now` (one indexed count)."""

        def tx(conn: sqlite3.Connection) -> int:
            row = conn.execute(
                "SELECT count(*) FROM review_cards WHERE profile_id = ? AND due <= ?",
                (profile_id, utc_text(now)),
            ).fetchone()
            return int(row[0])

        return self._read(tx)

    def save_review(self, profile_id: int, card: ReviewCard, entry: ReviewEntry) -> None:
        """Keep one review and the card's new schedule together (one transaction)."""
        self._write(lambda conn: save_review_rows(conn, profile_id, card, entry))

    def drop_cards(self, profile_id: int, keys: Iterable[tuple[str, str]]) -> None:
        """Forget the cards of questions that are no longer in the course."""
        rows = [(profile_id, lesson_id, qid) for lesson_id, qid in keys]

        def tx(conn: sqlite3.Connection) -> None:
            conn.executemany(
                "DELETE FROM review_cards WHERE profile_id = ? AND lesson_id = ?"
                " AND question_id = ?",
                rows,
            )

        if rows:
            self._write(tx)

    def review_log(self, profile_id: int) -> list[ReviewEntry]:
        """Every review a profile gave, oldest first."""

        def tx(conn: sqlite3.Connection) -> list[ReviewEntry]:
            return [
                _entry(row)
                for row in conn.execute(
                    f"SELECT {_LOG_COLUMNS} FROM review_log WHERE profile_id = ? ORDER BY id",
                    (profile_id,),
                )
            ]

        return self._read(tx)

    def lesson_reviews(self, profile_id: int) -> dict[str, LessonReviews]:
        """Per lesson: whether its first full attempt passed, and each question's latest
        review in a review session (what the mastery rule needs)."""

        def tx(conn: sqlite3.Connection) -> dict[str, LessonReviews]:
            first = conn.execute(
                "SELECT a.lesson_id, a.passed FROM attempts a WHERE a.profile_id = ?"
                " AND a.id = (SELECT min(b.id) FROM attempts b WHERE b.profile_id ="
                " a.profile_id AND b.lesson_id = a.lesson_id AND b.kind = 'full'"
                " AND b.finished_at IS NOT NULL)",
                (profile_id,),
            ).fetchall()
            latest = conn.execute(
                "SELECT lesson_id, question_id, correct, reviewed_at FROM review_log"
                " WHERE id IN (SELECT max(id) FROM review_log WHERE profile_id = ?"
                " AND source = 'review' GROUP BY lesson_id, question_id)",
                (profile_id,),
            ).fetchall()
            return _lesson_reviews(first, latest)

        return self._read(tx)

    # ------------------------------------------------------------------ sessions

    def start_review(
        self, profile_id: int, keys: list[str], seed: int | None, now: datetime
    ) -> Attempt:
        """Start a review session of these questions ("lesson:question" keys)."""
        for key in keys:
            split_review_key(key)  # raises ValueError on a malformed key

        def tx(conn: sqlite3.Connection) -> Attempt:
            cur = conn.execute(
                "INSERT INTO review_sessions (profile_id, question_ids, seed, started_at)"
                " VALUES (?, ?, ?, ?)",
                (profile_id, _json().dumps(keys), seed, utc_text(now)),
            )
            sid = cur.lastrowid
            row = conn.execute(
                f"SELECT {_SESSION_COLUMNS} FROM review_sessions WHERE id = ?", (sid,)
            ).fetchone()
            return _session(conn, row)

        return self._write(tx)

    def open_review(self, profile_id: int) -> Attempt | None:
        """The newest unfinished review session, with its answers, to resume."""

        def tx(conn: sqlite3.Connection) -> Attempt | None:
            row = conn.execute(
                f"SELECT {_SESSION_COLUMNS} FROM review_sessions WHERE profile_id = ?"
                " AND finished_at IS NULL ORDER BY id DESC LIMIT 1",
                (profile_id,),
            ).fetchone()
            return None if row is None else _session(conn, row)

        return self._read(tx)

    def finish_review(self, session_id: int, score: float, now: datetime) -> None:
        """Close a review session with its score (0..1)."""

        def tx(conn: sqlite3.Connection) -> None:
            cur = conn.execute(
                "UPDATE review_sessions SET finished_at = ?, score = ?"
                " WHERE id = ? AND finished_at IS NULL",
                (utc_text(now), score, session_id),
            )
            if cur.rowcount != 1:
                raise StaleReviewError("That review session is over.")

        self._write(tx)

    def review_sessions(self, profile_id: int) -> list[Attempt]:
        """Every review session of a profile, oldest first, with its answers."""

        def tx(conn: sqlite3.Connection) -> list[Attempt]:
            rows = conn.execute(
                f"SELECT {_SESSION_COLUMNS} FROM review_sessions WHERE profile_id = ? ORDER BY id",
                (profile_id,),
            ).fetchall()
            return [_session(conn, row) for row in rows]

        return self._read(tx)

    # ------------------------------------------------------------------ knowledge gain

    def save_check(self, profile_id: int, check: GainCheck) -> None:
        """Keep one pre- or post-check score."""

        def tx(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT INTO gain_checks (profile_id, module_id, phase, correct, total,"
                " taken_at) VALUES (?, ?, ?, ?, ?, ?)",
                (profile_id, check.module_id, check.phase, check.correct, check.total,
                 utc_text(check.taken_at)),
            )  # fmt: skip

        self._write(tx)

    def gain_checks(self, profile_id: int | None = None) -> list[GainCheck]:
        """The checks of one profile (None: of every profile), oldest first."""
        sql = "SELECT module_id, phase, correct, total, taken_at FROM gain_checks"
        args: tuple[object, ...] = ()
        if profile_id is not None:
            sql, args = sql + " WHERE profile_id = ?", (profile_id,)

        def tx(conn: sqlite3.Connection) -> list[GainCheck]:
            return [
                GainCheck(module, _phase(phase), correct, total, datetime.fromisoformat(at))
                for module, phase, correct, total, at in conn.execute(sql + " ORDER BY id", args)
            ]

        return self._read(tx)


def _phase(value: str) -> GainPhase:
    return "pre" if value == "pre" else "post"


def _lesson_reviews(
    first: list[tuple[Any, ...]], latest: list[tuple[Any, ...]]
) -> dict[str, LessonReviews]:
    passed = {lesson_id: bool(ok) for lesson_id, ok in first if ok is not None}
    reviews: dict[str, dict[str, tuple[bool, datetime]]] = {}
    for lesson_id, qid, correct, at in latest:
        reviews.setdefault(lesson_id, {})[qid] = (bool(correct), datetime.fromisoformat(at))
    return {
        lesson_id: LessonReviews(passed.get(lesson_id), reviews.get(lesson_id, {}))
        for lesson_id in sorted(set(passed) | set(reviews))
    }

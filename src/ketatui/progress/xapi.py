"""A profile's training record as xAPI 1.0.3 statements, for a Learning Record Store.

Statements, per lesson attempt (on the lesson's activity): "attempted" when it began, and
once finished, "completed" (with the attempt's scaled score) and "passed" or "failed" (the
attempt's own score against the pass mark); per answered question (the last answer of an
attempt counts): "answered", on the question's activity, an interaction (choice,
true-false, sequencing or fill-in) with the response and whether it was right.

Stable identities, so a resend duplicates nothing: activity ids are built from the
course, module, lesson and question ids under a home page; each attempt's registration,
and each statement's id, is a name-based UUID of who, which lesson, when the attempt
began and what the statement says. The actor is an `account` on the configurable home
page named after the profile: no e-mail address is made up. Times are UTC with the
offset written out (+00:00), so a resend from another time zone is the same statement.
Lessons no longer in the course, and answers kept by choice position from an older lesson
version, are left out (the JSON and CSV records still show them). No Textual import.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ketatui.progress.model import AnswerRecord, Attempt, Profile
from ketatui.quiz.grading import passes
from ketatui.quiz.kinds import kind_of

if TYPE_CHECKING:
    from ketatui.content.catalog import Catalog, LessonEntry
    from ketatui.content.model import Question
    from ketatui.progress.store import ProgressStore

__all__ = ["DEFAULT_HOME_PAGE", "XAPI_VERSION", "xapi_statements"]

XAPI_VERSION = "1.0.3"
#: The actor's account home page and the root of activity ids, unless configured: a
#: reserved name (RFC 2606), so nothing is claimed for a real site.
DEFAULT_HOME_PAGE = "https://ketatui.invalid"
_NAMESPACE = uuid.UUID("6f0c7f61-6d1e-4b59-9a0b-6b6574617475")  # ketatui's, fixed forever
_ADL = "http://adlnet.gov/expapi"


def _verb(name: str) -> dict[str, Any]:
    return {"id": f"{_ADL}/verbs/{name}", "display": {"en-US": name}}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "course"


def _when(value: datetime) -> str:
    # UTC, with its offset written out: a resend from another time zone must be the very
    # same statement, or the LRS rightly refuses a "different statement with the same id".
    return value.astimezone(UTC).isoformat(timespec="milliseconds")


class _Builder:
    """Statements of one profile, under one home page."""

    def __init__(self, profile: Profile, catalog: Catalog, home_page: str) -> None:
        self.home = home_page.rstrip("/")
        self.root = f"{self.home}/xapi/courses/{_slug(catalog.course.title)}"
        self.language = catalog.course.language or "en"
        self.actor = {
            "objectType": "Agent",
            "name": profile.name,
            "account": {"homePage": home_page, "name": profile.name},
        }
        self.profile = profile.name

    def lang(self, entry: LessonEntry) -> str:
        """The language tag of a lesson's words (its own, else the course's)."""
        return entry.lesson.language or self.language

    def lesson_activity(self, entry: LessonEntry) -> dict[str, Any]:
        return {
            "objectType": "Activity",
            "id": f"{self.root}/modules/{entry.module_id}/lessons/{entry.id}",
            "definition": {
                "type": f"{_ADL}/activities/lesson",
                "name": {self.lang(entry): entry.lesson.title},
            },
        }

    def question_activity(self, entry: LessonEntry, question: Question) -> dict[str, Any]:
        kind = kind_of(question)
        lang = self.lang(entry)
        components = kind.xapi_components(question, lang)
        definition: dict[str, Any] = {
            "type": f"{_ADL}/activities/cmi.interaction",
            "name": {lang: question.prompt},
            "description": {lang: question.prompt},
            "interactionType": kind.interaction,
            "correctResponsesPattern": kind.xapi_correct(question),
            **components,
        }
        lesson = self.lesson_activity(entry)["id"]
        return {
            "objectType": "Activity",
            "id": f"{lesson}/questions/{question.id}",
            "definition": definition,
        }

    def registration(self, attempt: Attempt) -> str:
        # In UTC: the same attempt keeps its registration whatever the sender's time zone.
        started = attempt.started_at.astimezone(UTC).isoformat()
        key = f"{self.home}|{self.profile}|{attempt.lesson_id}|{started}"
        return str(uuid.uuid5(_NAMESPACE, key))

    def statement(
        self,
        attempt: Attempt,
        entry: LessonEntry,
        what: tuple[str, dict[str, Any], datetime],
        result: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        verb, activity, when = what
        registration = self.registration(attempt)
        lesson = self.lesson_activity(entry)
        context: dict[str, Any] = {
            "registration": registration,
            "platform": "ketatui",
            "extensions": {
                f"{self.home}/xapi/extensions/attempt-kind": attempt.kind,
                f"{self.home}/xapi/extensions/lesson-version": attempt.content_version
                or "not recorded",
            },
        }
        if activity["id"] != lesson["id"]:
            context["contextActivities"] = {"parent": [lesson]}
        statement: dict[str, Any] = {
            "id": str(uuid.uuid5(_NAMESPACE, f"{registration}|{verb}|{activity['id']}")),
            "actor": self.actor,
            "verb": _verb(verb),
            "object": activity,
            "context": context,
            "timestamp": _when(when),
        }
        if result is not None:
            statement["result"] = result
        return statement


def _own_count(attempt: Attempt) -> int:
    return sum(1 for record in _last(attempt).values() if record.correct)


def _last(attempt: Attempt) -> dict[str, AnswerRecord]:
    return {record.question_id: record for record in attempt.answers}


def _attempt_statements(b: _Builder, attempt: Attempt, entry: LessonEntry) -> list[dict[str, Any]]:
    lesson = b.lesson_activity(entry)
    out = [b.statement(attempt, entry, ("attempted", lesson, attempt.started_at))]
    for qid, record in _last(attempt).items():
        question = entry.lesson.question(qid)
        if question is None or record.origin == "position":
            continue
        response = kind_of(question).xapi_response(question, record.answer)
        if response is None:
            continue
        activity = b.question_activity(entry, question)
        result = {"response": response, "success": record.correct}
        out.append(b.statement(attempt, entry, ("answered", activity, record.answered_at), result))
    if attempt.finished_at is None or attempt.score is None:
        return out
    total = len(attempt.question_ids)
    score = {"scaled": round(attempt.score, 4), "raw": _own_count(attempt), "min": 0}
    score["max"] = total
    passed = attempt.passed
    if passed is None:  # a retry kept by progress format 1
        quiz = entry.lesson.quiz
        passed = passes(attempt.score, quiz.pass_mark) if quiz is not None else True
    done = attempt.finished_at
    out.append(
        b.statement(
            attempt, entry, ("completed", lesson, done), {"score": score, "completion": True}
        )
    )
    verdict = "passed" if passed else "failed"
    out.append(
        b.statement(attempt, entry, (verdict, lesson, done), {"score": score, "success": passed})
    )
    return out


def xapi_statements(
    store: ProgressStore,
    profile_id: int,
    catalog: Catalog,
    *,
    home_page: str = DEFAULT_HOME_PAGE,
) -> list[dict[str, Any]]:
    """Every xAPI statement of one profile's record, oldest attempt first.

    Raises StaleRecordError (a ValueError and a StoreError) if the profile does not exist.
    """
    from ketatui.progress.store import StaleRecordError

    profile = store.profile(profile_id)
    if profile is None:
        raise StaleRecordError("That profile no longer exists.")
    builder = _Builder(profile, catalog, home_page)
    statements: list[dict[str, Any]] = []
    for attempt in store.attempts(profile_id):
        entry = catalog.entry(attempt.lesson_id)
        if entry is not None:
            statements += _attempt_statements(builder, attempt, entry)
    return statements

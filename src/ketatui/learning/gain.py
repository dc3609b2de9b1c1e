"""Knowledge gain: a module's pre-check before its first lesson, the same questions after.

A module lists its pre-check questions in module.yaml (`pre_check:`). A learner answers
them before opening any of the module's lessons, and again once every lesson of the module
on their track is passed. Only the score of each check is kept (`GainCheck`): for a
profile in the progress store, for a kiosk visitor in memory for the visit (the kiosk
adds it to its day-level anonymous statistics through `LearnerSession.on_check`).
"""

from __future__ import annotations

from datetime import datetime

import msgspec

from ketatui.content.catalog import CatalogModule, LessonEntry
from ketatui.learning.lesson import QuizResult
from ketatui.learning.review import MixedQuestions
from ketatui.learning.session import LearnerSession
from ketatui.progress.model import (
    AnswerRecord,
    Attempt,
    GainCheck,
    GainPhase,
    review_key,
    split_review_key,
)
from ketatui.quiz.grading import Score


def check_keys(session: LearnerSession, module: CatalogModule) -> list[str]:
    """The module's pre-check questions that are in the course now, as review keys."""
    keys = []
    for ref in module.info.pre_check:
        lesson_id, _, question_id = ref.partition("/")
        entry = next((e for e in module.lessons if e.id == lesson_id), None)
        if entry is not None and entry.lesson.question(question_id) is not None:
            keys.append(review_key(lesson_id, question_id))
    return keys


def _taken(session: LearnerSession, module_id: str) -> set[GainPhase]:
    pid = session.profile_id
    checks = session.call("read", lambda p: p.gain_checks(pid))
    return {c.phase for c in checks if c.module_id == module_id}


def check_due(session: LearnerSession, entry: LessonEntry) -> GainPhase | None:
    """Which check, if any, comes before opening `entry`: "pre" when the learner has
    started none of its module's lessons and never took the pre-check."""
    module = session.catalog.module_of(entry.id)
    if module is None or not module.info.pre_check or not check_keys(session, module):
        return None
    pid = session.profile_id
    states = session.call("read", lambda p: p.lesson_states(pid))
    if any(e.id in states for e in module.lessons) or "pre" in _taken(session, module.id):
        return None
    return "pre"


def post_check_due(session: LearnerSession, entry: LessonEntry) -> bool:
    """Whether the post-check of `entry`'s module is due: the pre-check was taken, the
    post-check was not, and every lesson of the module on the learner's track is passed."""
    module = session.catalog.module_of(entry.id)
    if module is None or not module.info.pre_check or not check_keys(session, module):
        return False
    taken = _taken(session, module.id)
    if "pre" not in taken or "post" in taken:
        return False
    pid = session.profile_id
    states = session.call("read", lambda p: p.lesson_states(pid))
    lessons = module.for_track(session.track)
    return bool(lessons) and all(
        (s := states.get(e.id)) is not None and s.status == "passed" for e in lessons
    )


class CheckProgress(MixedQuestions):
    """One pre- or post-check: the quiz screen asks its questions through this."""

    def __init__(self, session: LearnerSession, module: CatalogModule, phase: GainPhase):
        self.session = session
        self.module = module
        self.phase: GainPhase = phase

    def start(self) -> Attempt:
        """The check's questions, in the order module.yaml lists them (kept in memory:
        a check left midway is simply asked again)."""
        return Attempt(
            id=0,
            lesson_id=f":{self.phase}-check",
            question_ids=tuple(check_keys(self.session, self.module)),
            answers=(),
            started_at=self.session.clock(),
            finished_at=None,
            score=None,
            passed=None,
            kind="check",
            seed=self.session.seeds(),
        )

    def entry_of(self, key: str) -> LessonEntry | None:
        """The lesson a check question comes from."""
        lesson_id, _qid = split_review_key(key)
        return next((e for e in self.module.lessons if e.id == lesson_id), None)

    def record_answer(
        self,
        attempt: Attempt,
        question_id: str,
        answer: object,
        correct: bool,
        *,
        hinted: bool = False,
    ) -> Attempt:
        """Add one answer to the check (saved with the score when the check ends)."""
        record = AnswerRecord(question_id, answer, correct, self.session.clock())
        return msgspec.structs.replace(attempt, answers=(*attempt.answers, record))

    def finish(self, attempt: Attempt) -> QuizResult:
        """Keep the check's score (and tell the kiosk's statistics, if it counts)."""
        grades = attempt.grades
        missed = tuple(k for k in attempt.question_ids if not grades.get(k, False))
        total = len(attempt.question_ids)
        score = Score(correct=total - len(missed), total=total, pass_mark=0.0, missed=missed)
        now: datetime = self.session.clock()
        check = GainCheck(self.module.id, self.phase, score.correct, total, now)
        pid = self.session.profile_id
        if total:
            self.session.call("check", lambda p: p.save_check(pid, check))
            if self.session.on_check is not None:
                self.session.on_check(check)
        return QuizResult(
            attempt=msgspec.structs.replace(attempt, finished_at=now, score=score.fraction),
            score=score,
            lesson=score,
            passed=True,
            first_try=None,
            best=None,
            is_retry=False,
            answers={a.question_id: a for a in attempt.answers},
        )

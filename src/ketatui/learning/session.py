"""`LearnerSession`: who is learning, what they see, and where their progress goes.

The session is the one owner of the progress store during a run. Screens and lesson
progress reach progress only through `call`, which handles a failing store the same way
everywhere: the learner is told once, plainly, and carries on with progress kept in memory
(nothing already saved is lost; the attempt in hand carries on under its id).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, TypeVar

from ketatui.content.catalog import Catalog, LessonEntry
from ketatui.content.model import Track
from ketatui.i18n import _
from ketatui.progress.backend import ProgressBackend

if TYPE_CHECKING:
    # Only for annotations: the store module (sqlite3...) is imported when a store is
    # opened, after the first screen is showing.
    from ketatui.progress.memory import MemoryProgress
    from ketatui.progress.model import Attempt, GainCheck
    from ketatui.progress.store import ProgressStore

T = TypeVar("T")

#: The profile id of a session that has no profile (kiosk visitor, preview, no store).
ANONYMOUS = 0


def utc_now() -> datetime:
    """The time now, in UTC: the session's clock unless a test gives another."""
    return datetime.now(UTC)


def new_seed() -> int:
    """A fresh seed for an attempt's question and choice order (kept with the attempt)."""
    import secrets  # here: starting the app makes no attempt

    return secrets.randbits(31)


def _memory(clock: Callable[[], datetime]) -> MemoryProgress:
    """An empty in-memory backend. Imported here: a learner with a profile saves to the
    store, and the memory module (with the quiz kinds) cost ~3 ms of every start."""
    from ketatui.progress.memory import MemoryProgress

    return MemoryProgress(clock)


#: Called with each pre- or post-check taken (the kiosk counts them, anonymously, by day).
CheckHook = Callable[["GainCheck"], None]

#: Called with the lesson id, question id, whether it was right and the answer's JSON form,
#: after each answer is kept (the kiosk counts them for its anonymous statistics).
AnswerHook = Callable[[str, str, bool, object], None]


class LearnerSession:
    """The course, the learner and their progress for the screens of one app run.

    Args:
        catalog: the course.
        store: the SQLite store of this data dir, or None when nothing may be saved
            (preview, kiosk, an unwritable data dir): progress is then kept in memory.
        profile_id / profile_name: the learner; progress is saved only for a profile.
        track: which lessons the learner sees (None: all tracks).
        on_answer: called after each answer is kept.
        seeds: gives each new attempt its seed (default: a random one; a test may fix it
            so screens look the same on every run).
        clock: the time now: stamps what is saved and schedules reviews (the store's
            clock is set to it; a test may move it).
    """

    def __init__(
        self,
        catalog: Catalog,
        store: ProgressStore | None = None,
        *,
        profile_id: int | None = None,
        profile_name: str = "",
        track: Track | None = None,
        on_answer: AnswerHook | None = None,
        seeds: Callable[[], int] = new_seed,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.catalog = catalog
        self.seeds = seeds
        self.clock = clock
        self.store = store
        self.profile_name = profile_name
        self.track = track
        self.on_answer = on_answer
        #: Called with each pre- or post-check taken (see `CheckHook`).
        self.on_check: CheckHook | None = None
        #: Called once with a message when saving stops working (the app shows it).
        self.on_error: Callable[[str], None] = lambda _message: None
        self.profile_id = ANONYMOUS if profile_id is None else profile_id
        self._saving = store is not None and profile_id is not None
        if store is not None:
            # One clock for everything this run saves (a test moves it for all of it).
            store.clock = clock
        #: Where progress goes: the store, or (made when first used: a session that is
        #: replaced before anything is kept never needs one) memory.
        self._progress: ProgressBackend | None = None
        if store is not None and self._saving:
            self._progress = store
            self._convert_position_answers(store)

    @property
    def progress(self) -> ProgressBackend:
        """Where this session's progress goes: the store, or memory."""
        if self._progress is None:
            self._progress = _memory(self.clock)
        return self._progress

    @progress.setter
    def progress(self, backend: ProgressBackend) -> None:
        self._progress = backend

    def _convert_position_answers(self, store: ProgressStore) -> None:
        """Read answers kept by position (progress format 1) against this course, once."""
        from ketatui.progress.store import StoreError

        # On failure they stay as they are, and the next run tries again.
        with contextlib.suppress(StoreError, OSError):
            # Almost always none: then the converter is not even imported (start-up).
            if store.has_position_answers():
                from ketatui.progress.upgrade import convert_position_answers

                convert_position_answers(store, self.catalog)

    @property
    def saving(self) -> bool:
        """Whether progress is written to the store (False in memory, or after a failure)."""
        return self._saving

    @property
    def reviews(self) -> bool:
        """Whether answers become review cards: only for a learner with a profile (a kiosk
        visitor or a preview is anonymous, and has no review)."""
        return self.profile_id != ANONYMOUS

    def due_count(self) -> int:
        """How many questions are due for review now (0 without a profile): one count
        over stored review cards, no lesson loaded (the catalog shows it at start-up)."""
        if not self.reviews:
            return 0
        pid, now = self.profile_id, self.clock()
        return self.call("read", lambda p: p.due_count(pid, now))

    def next_due(self) -> datetime | None:
        """When this learner's next review question comes due (None: no review cards)."""
        if not self.reviews:
            return None
        pid = self.profile_id
        soonest = self.call("read", lambda p: p.due_cards(pid, None, 1))
        return soonest[0].due if soonest else None

    def for_profile(self, profile_id: int, profile_name: str) -> LearnerSession:
        """A session for another learner of the same store, keeping the track and hooks."""
        session = LearnerSession(
            self.catalog,
            self.store,
            profile_id=profile_id,
            profile_name=profile_name,
            track=self.track,
            on_answer=self.on_answer,
            seeds=self.seeds,
            clock=self.clock,
        )
        session.on_error = self.on_error
        session.on_check = self.on_check
        return session

    def call(
        self, what: str, action: Callable[[ProgressBackend], T], *, carry: Attempt | None = None
    ) -> T:
        """Run `action` on the progress backend; if the store fails, fall back to memory.

        `carry` is the attempt the action works on: after a failure it carries on in memory
        under its id, with the answers it had, so the quiz in hand is not lost.
        """
        if self._saving:
            from ketatui.progress.store import StoreError

            try:
                return action(self.progress)
            except (StoreError, OSError) as error:
                self._fall_back(
                    _("Progress could not be saved ({what}): {error}").format(
                        what=what, error=error
                    )
                )
        memory = self.progress
        if carry is not None:
            self._adopt(memory, carry)
        return action(memory)

    def _adopt(self, memory: ProgressBackend, carry: Attempt) -> None:
        """An attempt begun in the store before it failed carries on in memory under its id."""
        from ketatui.progress.memory import MemoryProgress

        if isinstance(memory, MemoryProgress):
            if carry.kind == "review":
                memory.adopt_review(self.profile_id, carry)
            elif not memory.attempt(carry.id):
                memory.adopt(self.profile_id, carry)

    def _fall_back(self, message: str) -> None:
        """Carry on in memory, starting from what the store still lets us read."""
        memory = _memory(self.clock)
        from ketatui.progress.store import StoreError

        try:  # writes often fail while reads work (a full disk, a held lock)
            pid = self.profile_id
            memory.load(pid, self.progress.lesson_states(pid), self.progress.attempts(pid))
        except (StoreError, OSError):
            pass
        self._saving = False
        self.progress = memory
        self.on_error(
            _(
                "{message}. You can carry on; from now on your progress is kept only until "
                "you close ketatui."
            ).format(message=message.rstrip("."))
        )

    def setting(self, key: str) -> str | None:
        """A setting this learner chose before ("theme", "track"), or None."""
        pid = self.profile_id
        return self.call("read", lambda p: p.settings(pid)).get(key)

    def remember(self, key: str, value: str) -> None:
        """Keep a setting for this learner's next start (only in memory without a profile)."""
        pid = self.profile_id
        self.call("settings", lambda p: p.save_setting(pid, key, value))

    def remembered_track(self) -> Track | None:
        """The track filter this learner chose last (None: every track)."""
        value = self.setting("track")
        if value == "patient":
            return "patient"
        return "trainee" if value == "trainee" else None

    def next_lesson(self, lesson_id: str) -> LessonEntry | None:
        """The lesson after this one on the learner's track."""
        return self.catalog.next_lesson(lesson_id, self.track)

    def continue_lesson(self) -> LessonEntry | None:
        """Where "Continue" goes: the lesson last used while it is unfinished, else the
        next unfinished one after it on the track (from the top once past the end), or
        None when every lesson on the track is passed."""
        pid = self.profile_id
        states = self.call("read", lambda p: p.lesson_states(pid))
        last = self.call("read", lambda p: p.last_lesson(pid))
        order = self.catalog.lessons(self.track)
        ids = [e.id for e in order]
        start = ids.index(last) if last in ids else 0
        for entry in order[start:] + order[:start]:
            state = states.get(entry.id)
            if state is None or state.status != "passed":
                return entry
        return None

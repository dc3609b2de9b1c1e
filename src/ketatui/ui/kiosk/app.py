"""`KioskApp`: patient lessons on a shared screen, with idle reset and a locked exit.

Screen stack: [welcome] -> topics -> lessons of a topic -> lesson (-> quiz/results), with
crisis help, "Still there?" and the staff PIN as modals on top. A reset pops everything
and builds a new welcome screen, so nothing of the last visitor stays on screen or in the
widgets. Every quit, suspend and palette key is swallowed; `STAFF_KEY` then the PIN is the
only way out. An exception anywhere is logged (no visitor data) and the kiosk starts over.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import RenderableType
from textual import events, on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen

from ketatui.content.catalog import Catalog, CatalogModule, LessonEntry
from ketatui.content.model import Crisis
from ketatui.i18n import N_, current_language, set_language
from ketatui.kioskcore.config import KioskConfig
from ketatui.kioskcore.errorlog import ErrorLog
from ketatui.kioskcore.idle import IdleMonitor, IdlePhase
from ketatui.kioskcore.pin import PinGuard
from ketatui.kioskcore.signals import ignore_job_control_signals
from ketatui.kioskcore.stats import KioskStats, choice_ids
from ketatui.learning.session import LearnerSession, new_seed
from ketatui.progress.model import Attempt, GainCheck, GainPhase
from ketatui.ui.host import LearnerHost
from ketatui.ui.kiosk.dialogs import StaffPinScreen, StillThereScreen
from ketatui.ui.kiosk.messages import (
    ChooseLanguage,
    GoBack,
    ShowTopic,
    ShowTopics,
    StaffPinAccepted,
    StartOver,
    StillHere,
)
from ketatui.ui.kiosk.screens import (
    FallbackScreen,
    TopicLessonsScreen,
    TopicsScreen,
    WelcomeScreen,
)
from ketatui.ui.screens.base import CSSPath, Leavable
from ketatui.ui.themes import theme_name

if TYPE_CHECKING:
    from ketatui.learning.gain import CheckProgress
    from ketatui.ui.screens.review import CheckScreen

#: CSS class on the kiosk app, so on everything it shows: stylesheets use `.-kiosk` to give
#: touch-sized targets and larger spacing.
KIOSK_CLASS = "-kiosk"
#: The staff key: opens the PIN screen. Chosen because terminals pass it through unchanged
#: (ctrl+shift chords are unreliable) and no kiosk screen uses it for anything else.
STAFF_KEY = "ctrl+e"
#: Keys that would quit, suspend or open the palette in a plain Textual app: swallowed.
LOCKED_KEYS = ("ctrl+q", "ctrl+c", "ctrl+z", "ctrl+backslash", "ctrl+p", "ctrl+d")
#: Errors closer together than this many seconds count as one run of failures...
ERROR_WINDOW = 10.0
#: ...and this many in a run means the welcome screen itself fails: show the fallback.
ERROR_LIMIT = 5
#: Seconds without input before "Still there?" while crisis help is open (15 minutes).
CRISIS_IDLE_SECONDS = 15 * 60.0


_UI_DIR = Path(__file__).resolve().parent.parent
_SHARED_CSS = [p for p in (_UI_DIR / "app.tcss",) if p.is_file()]


class KioskApp(LearnerHost, inherit_bindings=False):
    """The kiosk.

    Args:
        catalog: the loaded course (only its patient lessons are shown).
        config: the kiosk settings; `config.pin` must be set.
        clock: monotonic seconds; tests pass a fake clock and call `idle_tick()`.
        stats: where anonymous answer counts go (None: kept nowhere).
        error_log: where errors are logged (None: nowhere).
        lock_signals: ignore SIGINT/SIGTSTP/SIGQUIT (the real kiosk; not under tests).
        tick_seconds: how often the idle clock is checked.
    """

    CSS_PATH: ClassVar[CSSPath | None] = [*_SHARED_CSS, Path(__file__).with_name("kiosk.tcss")]
    ENABLE_COMMAND_PALETTE = False
    # Screens get `-kiosk-tall` from 32 rows: room for taller keys on the on-screen keyboard.
    # Not ClassVar: Textual 8 annotates it `ClassVar[...] | None`, which type checkers read
    # as an instance attribute that a class variable may not override.
    VERTICAL_BREAKPOINTS: list[tuple[int, str]] | None = [  # noqa: RUF012
        (0, "-kiosk-short"),
        (32, "-kiosk-tall"),
    ]
    # Screens get -kiosk-narrow under 76 columns: the result buttons wrap there.
    HORIZONTAL_BREAKPOINTS: list[tuple[int, str]] | None = [  # noqa: RUF012
        (0, "-kiosk-narrow"),
        (76, "-kiosk-wide"),
    ]
    TITLE = "ketatui kiosk"
    LINK_NOTICE = N_("Links cannot be opened on this screen.")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "crisis", N_("Help now"), key_display="F1", priority=True),
        Binding("ctrl+r", "read_aloud", N_("Read to me"), show=False, priority=True),
        Binding(STAFF_KEY, "staff", show=False, priority=True),
        *(Binding(key, "locked", show=False, priority=True) for key in LOCKED_KEYS),
    ]

    class VisitReset(Message):
        """Posted after the kiosk started over (idle, Start over, or an error)."""

        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    def __init__(
        self,
        catalog: Catalog,
        config: KioskConfig,
        *,
        clock: Callable[[], float] = time.monotonic,
        stats: KioskStats | None = None,
        error_log: ErrorLog | None = None,
        lock_signals: bool = False,
        tick_seconds: float = 0.5,
        seeds: Callable[[], int] = new_seed,
        language: str | None = None,
    ) -> None:
        if config.pin is None:
            raise ValueError("the kiosk needs a staff PIN: run `ketatui kiosk --set-pin`")
        #: The language every visit starts in and idle resets return to: `language`, else
        #: the config's, else the one already chosen (KETATUI_LANG, the system locale).
        self.home_language = set_language(language or config.language or current_language())
        self.show_course(catalog)
        super().__init__()
        self.config = config
        self.clock = clock
        self.stats = stats
        self.error_log = error_log or ErrorLog(None)
        self.lock_signals = lock_signals
        self.tick_seconds = tick_seconds
        self.seeds = seeds
        self.idle = IdleMonitor(config.idle_seconds, config.countdown_seconds, clock)
        self.pin_guard = PinGuard(config.pin, clock, log=self.error_log.note)
        self.session = self._new_session()
        #: Visits started so far (the first is 1); grows on every reset.
        self.visit = 1
        #: Errors caught and recovered from since start.
        self.errors_recovered = 0
        self._error_times: list[float] = []
        self._resetting = False
        self._staff_exit = False
        self.add_class(KIOSK_CLASS)
        self.theme = theme_name(config.theme)
        self.title = self.site_name

    # ------------------------------------------------------------------ content

    @property
    def site_name(self) -> str:
        """What the top bar shows: the site name, else the course title."""
        return self.config.site_name or self.catalog.course.title

    @property
    def crisis(self) -> Crisis:
        """The crisis help to show: the site's resources if configured, else the course's."""
        course = self.catalog.course.crisis
        if self.config.crisis:
            return Crisis(title=course.title, intro=course.intro, resources=self.config.crisis)
        return course

    def topics(self) -> list[CatalogModule]:
        """Modules with at least one patient lesson, in course order."""
        return [m for m in self.catalog.modules if m.for_track("patient")]

    def lesson_entry(self, lesson_id: str) -> LessonEntry | None:
        """A lesson on the patient track, or None (trainee-only lessons never open here)."""
        entry = self.catalog.entry(lesson_id)
        if entry is None or "patient" not in entry.card.tracks:
            return None
        return entry

    def _new_session(self) -> LearnerSession:
        hook = self._record_answer if self.stats is not None else None
        session = LearnerSession(self.catalog, track="patient", on_answer=hook, seeds=self.seeds)
        if self.stats is not None:
            session.on_check = self._record_check
        return session

    def _record_check(self, check: GainCheck) -> None:
        """Count a visitor's pre- or post-check in the day's anonymous statistics."""
        if self.stats is None:
            return
        try:
            self.stats.record_check(check.module_id, check.phase, check.correct, check.total)
        except Exception as error:  # never interrupt a visitor for statistics
            self.error_log.write(error, "kiosk statistics not saved")

    # ------------------------------------------------------------------ navigation

    def on_mount(self) -> None:
        if self.lock_signals:
            # Again here: Textual's driver installs its own SIGTSTP handler when it starts.
            ignore_job_control_signals()
        self.push_screen(WelcomeScreen(self.site_name, self.catalog.course))
        self.set_interval(self.tick_seconds, self.idle_tick, name="kiosk idle")

    def show_topics(self) -> None:
        """Open the topic list (from the welcome screen)."""
        self.push_screen(TopicsScreen(self.site_name, self.topics()))

    def show_topic(self, module_id: str) -> None:
        """Open the lesson list of one topic."""
        for module in self.topics():
            if module.id == module_id:
                lessons = module.for_track("patient")
                self.push_screen(TopicLessonsScreen(self.site_name, module, lessons))
                return

    def return_to_list(self) -> None:
        """Close the lesson, quiz and results screens above the topic lists."""
        while len(self.screen_stack) > 2 and not isinstance(
            self.screen, TopicLessonsScreen | TopicsScreen | WelcomeScreen
        ):
            self.pop_screen()

    def lesson_screen(self, entry: LessonEntry) -> Screen[Any]:
        """The learner app's lesson screen with the kiosk's bar and on-screen keyboard."""
        from ketatui.ui.kiosk.lesson import KioskLessonScreen

        return KioskLessonScreen(entry, self.session, self.site_name)

    def check_screen(
        self, progress: CheckProgress, attempt: Attempt, module_title: str, phase: GainPhase
    ) -> CheckScreen:
        """A module's check with the kiosk's bar and on-screen keyboard."""
        from ketatui.ui.kiosk.lesson import KioskCheckScreen

        return KioskCheckScreen(progress, attempt, module_title, phase, self.site_name)

    def _record_answer(
        self, lesson_id: str, question_id: str, correct: bool, answer: object
    ) -> None:
        if self.stats is None:
            return
        try:
            entry = self.catalog.entry(lesson_id)
            question = entry.lesson.question(question_id) if entry is not None else None
            self.stats.record(lesson_id, question_id, correct, choice_ids(question, answer))
        except Exception as error:
            # Statistics are a nice-to-have: never interrupt a visitor for them.
            self.error_log.write(error, "kiosk statistics not saved")

    def go_back(self) -> None:
        """One screen back; never past the welcome screen.

        Lesson, quiz and results screens leave the way their own Escape key does, so their
        result callbacks run as usual.
        """
        screen = self.screen
        if isinstance(screen, Leavable):
            screen.leave()
        elif len(self.screen_stack) > 2:
            self.pop_screen()

    @on(GoBack)
    def _back_asked(self) -> None:
        self.go_back()

    @on(ShowTopics)
    def _topics_asked(self) -> None:
        self.show_topics()

    @on(ChooseLanguage)
    async def _language_chosen(self, message: ChooseLanguage) -> None:
        """A visitor chose a language on the welcome screen: show it again in that one."""
        self.use_language(message.language)
        self.title = self.site_name
        self.session = self._new_session()
        while len(self.screen_stack) > 1:
            await self.pop_screen()
        await self._push_first_screen()
        self.idle.touch()

    @on(ShowTopic)
    def _topic_asked(self, message: ShowTopic) -> None:
        self.show_topic(message.module_id)

    @on(StillHere)
    def _still_here(self) -> None:
        self.continue_visit()

    @on(StaffPinAccepted)
    def _pin_accepted(self) -> None:
        self.staff_exit()

    @on(StartOver)
    def start_over(self) -> None:
        """The visitor is done: start over now."""
        self.call_later(self.reset_visit, "start over")

    # ------------------------------------------------------------------ idle

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent) and not event.is_forwarded:
            self.idle.touch()
            if isinstance(event, events.Key) and isinstance(self.screen, StillThereScreen):
                # The key only says "still here": it must not also act on the screen below.
                event.stop()
                event.prevent_default()
                self.continue_visit()
                return
        await super().on_event(event)

    def continue_visit(self) -> None:
        """Someone answered "Still there?": close the countdown and carry on."""
        self.idle.touch()
        if isinstance(self.screen, StillThereScreen):
            self.pop_screen()

    async def idle_tick(self) -> None:
        """One tick of the idle clock: show, update or close the countdown, or start over."""
        top = self.screen
        if isinstance(top, StaffPinScreen):
            top.refresh_wait()
        limit = self._idle_limit()
        phase = self.idle.phase(limit)
        if phase is not IdlePhase.ACTIVE and self._welcome_untouched():
            # Nobody is here and nothing of a visitor shows: no countdown, no reset (it
            # would only repeat all day on an empty waiting room); just start the clock again.
            self.idle.touch()
            return
        if phase is IdlePhase.ACTIVE:
            if isinstance(top, StillThereScreen):
                self.pop_screen()
        elif phase is IdlePhase.COUNTDOWN:
            remaining = self.idle.countdown_remaining(limit)
            if isinstance(top, StillThereScreen):
                top.set_remaining(remaining)
            elif not self._resetting:
                await self.push_screen(StillThereScreen(remaining))
        else:
            await self.reset_visit("idle")

    def _idle_limit(self) -> float:
        """Seconds without input before "Still there?": much longer while crisis help is
        open, where someone may be dialling a help line and not touching the screen."""
        from ketatui.ui.screens.crisis import CrisisScreen

        if any(isinstance(screen, CrisisScreen) for screen in self.screen_stack):
            return max(CRISIS_IDLE_SECONDS, self.config.idle_seconds)
        return self.config.idle_seconds

    def _welcome_untouched(self) -> bool:
        """A fresh welcome screen is showing: nothing opened on top, nothing scrolled or
        copied, so a reset would change nothing."""
        top = self.screen
        return (
            isinstance(top, WelcomeScreen)
            and current_language() == self.home_language
            and len(self.screen_stack) == 2
            and top.untouched
            and not self._clipboard
        )

    async def reset_visit(self, reason: str = "idle") -> None:
        """Start over: close every screen and build a new welcome screen and session."""
        if self._resetting:
            return
        self._resetting = True
        try:
            self.idle.touch()
            self.clear_notifications()
            self._clipboard = ""
            try:
                while len(self.screen_stack) > 1:
                    await self.pop_screen()
            except Exception as error:
                self._note_error(error, "kiosk reset could not close a screen")
            if current_language() != self.home_language:
                # The next visitor is met in the site's language, whatever the last chose.
                self.use_language(self.home_language)
                self.title = self.site_name
            self.session = self._new_session()
            self.visit += 1
            await self._push_first_screen()
        finally:
            self._resetting = False
        self.post_message(self.VisitReset(reason))

    async def _push_first_screen(self) -> None:
        if not self._failing():
            try:
                await self.push_screen(WelcomeScreen(self.site_name, self.catalog.course))
                return
            except Exception as error:
                self._note_error(error, "kiosk welcome screen failed")
        await self.push_screen(FallbackScreen(self.crisis))

    # ------------------------------------------------------------------ app-wide keys

    def action_crisis(self) -> None:
        """Show crisis help on top of whatever is showing (it also answers "Still there?")."""
        if isinstance(self.screen, StillThereScreen):
            self.continue_visit()
        super().action_crisis()

    def action_staff(self) -> None:
        """The staff key: ask for the PIN."""
        if not isinstance(self.screen, StaffPinScreen):
            self.push_screen(StaffPinScreen(self.pin_guard))

    def action_locked(self) -> None:
        """Quit, suspend and palette keys do nothing in the kiosk."""

    def staff_exit(self) -> None:
        """The right PIN was entered: close the kiosk."""
        self.unlock()
        self.error_log.note("kiosk closed by staff")
        self.exit(return_code=0)

    def unlock(self) -> None:
        """Let `exit()` work again (after the PIN; tools that drive the app in-process, such
        as snapshot tests, call it to finish)."""
        self._staff_exit = True

    # Every built-in way out, in case a key, a link or a lesson screen reaches it.
    async def action_quit(self) -> None:
        """Disabled in the kiosk."""

    def action_help_quit(self) -> None:
        """Disabled in the kiosk."""

    def action_command_palette(self) -> None:
        """Disabled in the kiosk."""

    def action_suspend_process(self) -> None:
        """Disabled in the kiosk."""

    def exit(
        self, result: None = None, return_code: int = 0, message: RenderableType | None = None
    ) -> None:
        """Only the staff PIN closes the kiosk; any other exit request is ignored."""
        if self._staff_exit:
            super().exit(result, return_code, message)

    def copy_to_clipboard(self, text: str) -> None:
        """Keep copied or cut text inside the app, where a reset clears it.

        Textual also sends it to the terminal's clipboard (OSC 52), which outlives the
        visit: the next visitor could paste what this one typed.
        """
        self._clipboard = text

    # ------------------------------------------------------------------ errors

    async def _dispatch_message(self, message: Message) -> None:
        # Textual ends the app's message loop on an exception here (e.g. in a key binding's
        # action): catch it so the kiosk keeps running.
        try:
            await super()._dispatch_message(message)
        except Exception as error:
            self._handle_exception(error)

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error anywhere: log it (no visitor data) and start over."""
        if self._staff_exit:
            super()._handle_exception(error)
            return
        self._note_error(error, "kiosk error, starting over")
        self.call_later(self._recover)

    def _note_error(self, error: BaseException, context: str) -> None:
        self.errors_recovered += 1
        now = self.clock()
        self._error_times = [t for t in self._error_times if now - t < ERROR_WINDOW] + [now]
        self.error_log.write(error, context)

    def _failing(self) -> bool:
        now = self.clock()
        return len([t for t in self._error_times if now - t < ERROR_WINDOW]) >= ERROR_LIMIT

    async def _recover(self) -> None:
        try:
            await self.reset_visit("error")
        except Exception as error:  # pragma: no cover - last resort
            self._note_error(error, "kiosk reset failed")

"""`LearnerHost`: what the learner app, the kiosk and the preview share.

Each hosts the same lesson, quiz and results screens. The host registers the themes,
shows crisis help and the keys of a screen, refuses to open links in a browser, and opens
a lesson when a screen posts `OpenLesson`. Subclasses say only what differs through a few
declared hooks: which lessons may open (`lesson_entry`), how a lesson screen is built
(`lesson_screen`), how a module's check is asked (`check_screen`), what the list to return
to is (`return_to_list`), which crisis resources show (`crisis`) and what a link says
(`LINK_NOTICE`).
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on
from textual.app import App
from textual.screen import Screen

from ketatui.content.catalog import Catalog, LessonEntry, LessonUnavailableError
from ketatui.content.model import Crisis
from ketatui.i18n import N_, _, current_language, set_language
from ketatui.learning.session import LearnerSession
from ketatui.quiet_gc import QuietCollector
from ketatui.ui.messages import OpenLesson, ReadAloud, ShowCrisis
from ketatui.ui.themes import THEMES

if TYPE_CHECKING:
    from ketatui.access.speech import Voice
    from ketatui.learning.gain import CheckProgress
    from ketatui.learning.lesson import QuizResult
    from ketatui.progress.model import Attempt, GainPhase
    from ketatui.ui.screens.crisis import CrisisScreen
    from ketatui.ui.screens.review import CheckScreen


#: How often the host looks for a garbage collection to run while input is quiet.
GC_TICK_SECONDS = 0.25


class LearnerHost(App[None]):
    """Base of every app that shows lessons. Subclasses set `catalog` and `session`."""

    # Our defaults for Textual's own widgets, which a screen's rules may override: here
    # (default rules, ranked by specificity) rather than in `ui/app.tcss`, whose rules
    # outrank every screen's `DEFAULT_CSS`. See "Styles" in docs/architecture.md.
    # `Screen Button`, not `Button`: a scope adds no specificity, and Button's own rule
    # would win the tie.
    DEFAULT_CSS = """
    Screen Button {
        min-width: 10;
    }

    Center {
        height: auto;
        margin-top: 1;
    }
    """

    #: Shown instead of opening a link; `{url}` is the address.
    LINK_NOTICE: ClassVar[str] = N_("Links are not opened from this app. The address is: {url}")

    catalog: Catalog
    session: LearnerSession
    #: The course with every translation; `catalog` is it as shown in the current language.
    source_catalog: Catalog | None = None

    def __init__(self) -> None:
        super().__init__()
        for registered in THEMES.values():
            self.register_theme(registered)
        #: The speech engine for read-aloud: found on first use (None: not installed).
        self.voice: Voice | None = None
        self._voice_looked_up = False
        #: Crisis help, built once and kept (installed) so F1 shows it without composing it.
        self._crisis_help: CrisisScreen | None = None
        #: A lesson asked for while a module's check showed: opened when it is done.
        self._asked_during_check: str | None = None
        #: Full garbage collections wait for a pause in input (see `ketatui.quiet_gc`).
        self.quiet_gc = QuietCollector()

    # ------------------------------------------------------------------ garbage collection

    @on(events.Mount)
    def _start_quiet_gc(self) -> None:
        self.quiet_gc.start()
        if self.quiet_gc.active:
            self.set_interval(GC_TICK_SECONDS, self.quiet_gc.tick, name="quiet gc")

    @on(events.Unmount)
    def _stop_quiet_gc(self) -> None:
        self.quiet_gc.stop()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self.quiet_gc.touch()
        await super().on_event(event)

    # ------------------------------------------------------------------ language

    def show_course(self, catalog: Catalog) -> None:
        """Keep `catalog` (all its translations) and show it in the interface's language."""
        self.source_catalog = catalog
        self.catalog = catalog.localized(current_language())

    def use_language(self, lang: str) -> str:
        """Show the interface and the course in `lang` from now on; the language chosen.

        Screens already built keep their words until `relocalize_screens` rebuilds them.
        """
        chosen = set_language(lang)
        source = self.source_catalog
        if source is not None:
            self.catalog = source.localized(chosen)
            self.session.catalog = self.catalog
        kept, self._crisis_help = self._crisis_help, None
        if kept is not None and kept not in self.screen_stack:
            self.uninstall_screen(kept)
        return chosen

    async def relocalize_screens(self) -> None:
        """Rebuild every open screen in the current language, keeping the learner's place.

        An open lesson (or its quiz or results) is closed and opened again: it resumes
        where it was saved (every page turn and answer is). Other screens compose again,
        then run their `relocalized()` hook to refill what `on_mount` filled.
        """
        lesson_id = self.open_lesson_id()
        # Close (and wait for) what sits over the list: keys help, crisis help and the
        # lesson's screens; each is built again below or on the next key press.
        while len(self.screen_stack) > 1 and self._closes_on_relocalize(self.screen):
            await self.pop_screen()
        for screen in list(self.screen_stack):
            if not screen.is_attached:
                continue
            await screen.recompose()
            # What on_mount filled in (lists, focus) is filled again.
            hook = getattr(screen, "relocalized", None) or getattr(screen, "on_mount", None)
            if callable(hook):
                filled = hook()
                if inspect.isawaitable(filled):
                    await filled
            _focus_again(screen)
            screen.refresh_bindings()
        if lesson_id is not None:
            self.open_lesson(lesson_id)

    @staticmethod
    def _closes_on_relocalize(screen: Screen[Any]) -> bool:
        from ketatui.ui.screens.crisis import CrisisScreen
        from ketatui.ui.screens.help import HelpScreen

        if isinstance(screen, HelpScreen | CrisisScreen):
            return True
        return isinstance(getattr(screen, "entry", None), LessonEntry)

    def open_lesson_id(self) -> str | None:
        """The id of the lesson open in the stack (its pages, quiz or results), if any.

        A review session is not a lesson (its questions come from many): after a language
        switch the learner is back on the list, where Review resumes it."""
        from ketatui.ui.screens.review import CheckScreen, ReviewScreen

        for screen in reversed(self.screen_stack):
            if isinstance(screen, ReviewScreen) and not isinstance(screen, CheckScreen):
                continue
            entry = getattr(screen, "entry", None)
            if isinstance(entry, LessonEntry):
                return entry.id
        return None

    # ------------------------------------------------------------------ hooks

    @property
    def crisis(self) -> Crisis:
        """The crisis resources F1 shows (the course's)."""
        return self.catalog.course.crisis

    def lesson_entry(self, lesson_id: str) -> LessonEntry | None:
        """The lesson this host may open for `lesson_id`, or None."""
        return self.catalog.entry(lesson_id)

    def lesson_screen(self, entry: LessonEntry) -> Screen[Any]:
        """The screen that shows a lesson in this host."""
        from ketatui.ui.screens.lesson import LessonScreen

        return LessonScreen(entry, self.session)

    def check_screen(
        self, progress: CheckProgress, attempt: Attempt, module_title: str, phase: GainPhase
    ) -> CheckScreen:
        """The screen that asks a module's pre- or post-check in this host."""
        from ketatui.ui.screens.review import CheckScreen

        return CheckScreen(progress, attempt, module_title, phase)

    def return_to_list(self) -> None:
        """Close the lesson, quiz and results screens above the list of lessons."""

    # ------------------------------------------------------------------ lessons

    def open_lesson(self, lesson_id: str) -> None:
        """Open a lesson on top of the list, resuming where the learner left off.

        Lesson screens above the list close first, so "Next lesson" on a results screen
        can ask for the next one instead of closing itself.
        """
        entry = self.lesson_entry(lesson_id)
        if entry is None:
            self.notify(_("That lesson is not available here."), severity="warning")
            return
        try:
            _lesson = entry.lesson  # read back here, not halfway through building its screens
        except LessonUnavailableError as exc:
            self.notify(str(exc), title=_("Lesson"), severity="error", timeout=15, markup=False)
            return
        if self._check_showing():
            # A post-check is showing (it came up as the last lesson closed): the lesson
            # asked for meanwhile ("Next lesson") opens when the check is done.
            self._asked_during_check = lesson_id
            return
        self.return_to_list()
        from ketatui.learning.gain import check_due

        if check_due(self.session, entry) == "pre":
            self._ask_check(entry, "pre", then=entry)
        else:
            self._push_lesson(entry)

    def _check_showing(self) -> bool:
        """Whether a module's pre- or post-check is open. Read from the screens, not kept
        in a flag: an idle reset, Start over or a language switch closes screens without
        their callbacks, and a flag left set would stop every lesson from opening."""
        from ketatui.ui.screens.review import CheckScreen

        return any(isinstance(screen, CheckScreen) for screen in self.screen_stack)

    def _push_lesson(self, entry: LessonEntry) -> None:
        self.push_screen(self.lesson_screen(entry), lambda _r: self._lesson_closed(entry))

    def _lesson_closed(self, entry: LessonEntry) -> None:
        """After a lesson closes: its module's post-check, once every lesson is passed."""
        from ketatui.learning.gain import post_check_due

        if post_check_due(self.session, entry):
            self._ask_check(entry, "post", then=None)

    def _ask_check(self, entry: LessonEntry, phase: GainPhase, then: LessonEntry | None) -> None:
        """Ask a module's pre- or post-check, then open `then` (or a lesson asked for
        while the check was showing)."""
        from ketatui.learning.gain import CheckProgress
        from ketatui.ui.screens.review import check_done

        module = self.catalog.module_of(entry.id)
        assert module is not None  # check_due / post_check_due found it
        progress = CheckProgress(self.session, module, phase)
        self._asked_during_check = None

        def done(result: QuizResult | None) -> None:
            asked, self._asked_during_check = self._asked_during_check, None
            if result is not None:
                self.notify(check_done(phase, result.score.correct, result.score.total))
            if then is not None:
                self._push_lesson(then)
            elif asked:
                self.open_lesson(asked)

        self.push_screen(self.check_screen(progress, progress.start(), module.title, phase), done)

    @on(OpenLesson)
    def _open_lesson_asked(self, message: OpenLesson) -> None:
        self.open_lesson(message.lesson_id)

    @on(ShowCrisis)
    def _crisis_asked(self) -> None:
        self.action_crisis()

    # ------------------------------------------------------------------ app-wide keys

    def action_crisis(self) -> None:
        """Show crisis help on top of whatever is showing (Escape returns to it)."""
        from ketatui.ui.screens.crisis import CrisisScreen

        if not isinstance(self.screen, CrisisScreen):
            self.push_screen(self._crisis_screen())

    def _crisis_screen(self) -> CrisisScreen:
        """The kept crisis screen; a new one while it is already open lower in the stack."""
        from ketatui.ui.screens.crisis import CrisisScreen

        kept = self._crisis_help
        crisis = self.crisis
        if kept is not None and kept.crisis == crisis and kept not in self.screen_stack:
            kept.show_from_top()
            return kept
        screen = CrisisScreen(crisis)
        if kept is None:
            # Installed, a popped screen is kept instead of removed: building its widgets
            # again was most of F1's time (~40 ms at 100x40, benchmarks/crisis_latency.py).
            self.install_screen(screen, name="crisis-help")
            self._crisis_help = screen
        return screen

    def action_help(self) -> None:
        """List the keys of the current screen; pressed again, close the list."""
        from ketatui.ui.screens.help import HelpScreen, key_sections, screen_bindings, screen_title

        screen = self.screen
        if isinstance(screen, HelpScreen):
            screen.dismiss(None)
            return
        sections = key_sections(screen_bindings(screen), self.get_key_display)
        self.push_screen(HelpScreen(screen_title(screen), sections))

    @on(ReadAloud)
    def _read_aloud_asked(self) -> None:
        self.action_read_aloud()

    def action_read_aloud(self) -> None:
        """Speak the current page or question (and its choices) in the lesson's language.

        Runs in a worker, so keys keep working while it speaks; a second press starts over.
        Without speech installed, says what to install instead.
        """
        from ketatui.access.speech import find_voice, missing_note, speak
        from ketatui.ui.read_aloud import Speakable

        if not self._voice_looked_up:
            self.voice, self._voice_looked_up = self.voice or find_voice(), True
        screen = self.screen
        if not isinstance(screen, Speakable):
            self.notify(_("There is nothing to read aloud on this screen."), timeout=4)
            return
        if self.voice is None:
            self.notify(missing_note(), title=_("Read aloud"), timeout=10, markup=False)
            return
        text, language = screen.spoken_text()
        self.run_worker(
            speak(self.voice, text, language),
            name="read aloud",
            group="speech",
            exclusive=True,
            exit_on_error=False,
        )

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        """Never open a browser from a lesson: say so (with the address, where allowed)."""
        self.notify(_(self.LINK_NOTICE).format(url=url), title=_("Link"), markup=False)


def _focus_again(screen: Screen[Any]) -> None:
    """Focus what the screen focuses when first shown (its AUTO_FOCUS), if nothing is:
    composing it again took the focus with the old widgets."""
    if screen.focused is not None:
        return
    selector = screen.AUTO_FOCUS if screen.AUTO_FOCUS is not None else screen.app.AUTO_FOCUS
    for widget in screen.query(selector) if selector else ():
        if widget.focusable:
            screen.set_focus(widget)
            return

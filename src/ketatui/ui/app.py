"""The learner app: notice, profile picker, catalog; lessons open on top of the catalog.

Screen stack: [profile picker] -> catalog -> lesson (-> quiz/results). Crisis help (F1),
keys help (?) and settings open on top of whatever is showing and return to it unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from ketatui.i18n import N_, _, available_languages, current_language, supported
from ketatui.learning.session import LearnerSession
from ketatui.ui.host import LearnerHost
from ketatui.ui.messages import ShowProfiles, ShowSettings
from ketatui.ui.themes import HIGH_CONTRAST, THEMES, theme_choice, theme_name

if TYPE_CHECKING:
    from ketatui.content.catalog import Catalog
    from ketatui.progress.store import Profile, ProgressStore
    from ketatui.ui.screens.profiles import ProfileChosen

KEYS_TIP = N_("List the keys of this screen")


class KetatuiApp(LearnerHost):
    """The learner app for one course.

    Args:
        catalog: the loaded course.
        store: where progress is saved; None runs without saving (no profile picker).
        theme: "default" (calm) or "high-contrast".
        store_note: shown on the catalog, e.g. why progress cannot be saved this time.
        show_notice: show the first-run notice (education, not medical advice) first.
        open_store: instead of `store`: returns (store or None, note) and is called when
            the learner leaves the notice. The first screen needs no progress, and opening
            the store (sqlite3 and the store module) added ~10 ms to start-up.
        profile: start learning as this profile of `store`, straight to the catalog
            (`ketatui --profile NAME`); the picker is one key (Escape) away.
        theme_fixed: the theme was asked for (`--theme`, `KETATUI_THEME`): it stays for
            this run; otherwise a profile's remembered theme applies when it is chosen.
        on_first_paint: called once the first screen has been painted.
    """

    # Absolute, so subclasses in other folders (kiosk, benchmarks) still find it.
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "ketatui"
    # Learners get a short, fixed set of keys; the palette's extra commands (other themes,
    # screenshots...) would only distract.
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: crisis help must work whatever has focus, even a text box.
        Binding(
            "f1",
            "crisis",
            N_("Crisis help"),
            key_display="F1",
            priority=True,
            tooltip=N_("Where to get help now, if you are in crisis"),
        ),
        # `?` is left to text boxes while typing (Textual filters it out there); F2 always works.
        Binding(
            "question_mark", "help", N_("Keys"), key_display="?", priority=True, tooltip=KEYS_TIP
        ),
        Binding("f2", "help", N_("Keys"), key_display="F2", priority=True, tooltip=KEYS_TIP),
        Binding(
            "ctrl+r",
            "read_aloud",
            N_("Read aloud"),
            key_display="^r",
            show=False,
            priority=True,
            tooltip=N_("Read the page or question aloud"),
        ),
        Binding("ctrl+t", "toggle_contrast", N_("High contrast on/off"), show=False, priority=True),
        Binding(
            "ctrl+l",
            "next_language",
            N_("Language"),
            key_display="^l",
            show=False,
            priority=True,
            tooltip=N_("Switch the language (English / Español)"),
        ),
        Binding("ctrl+q", "quit", N_("Quit"), key_display="^q", priority=True),
    ]

    def __init__(
        self,
        catalog: Catalog,
        store: ProgressStore | None = None,
        *,
        theme: str = "default",
        store_note: str = "",
        show_notice: bool = True,
        open_store: Callable[[], tuple[ProgressStore | None, str]] | None = None,
        profile: Profile | None = None,
        on_first_paint: Callable[[], object] | None = None,
        theme_fixed: bool = False,
        language_fixed: bool = False,
    ) -> None:
        self.show_course(catalog)
        self.theme_fixed = theme_fixed
        #: The language was asked for (`--lang`, `KETATUI_LANG`): a profile's remembered
        #: language does not replace it for this run (choosing one in the app still does).
        self.language_fixed = language_fixed
        super().__init__()
        self.store_note = store_note
        self._open_store = open_store
        self.show_notice = show_notice
        self._start_profile = profile
        self._on_first_paint = on_first_paint
        #: Who is learning and the one owner of the store; replaced when a profile is
        #: chosen. Screens read it, never copy it.
        self.session = self._new_session(LearnerSession(self.catalog, store))
        if profile is not None and store is not None and not theme_fixed:
            # Before the first paint, so the app does not start in one theme and switch.
            from ketatui.progress.store import StoreError

            try:
                remembered = store.settings(profile.id).get("theme", "")
            except (StoreError, OSError):
                remembered = ""  # the session says so once it starts saving
            theme = remembered if remembered in THEMES else theme
        # The profile's language is applied by `_begin_session` (from get_default_screen,
        # before any screen is built).
        self._set_start_theme(theme_name(theme))
        self.title = self.catalog.course.title

    @property
    def store(self) -> ProgressStore | None:
        """The progress store (for profiles), or None when nothing can be saved."""
        return self.session.store

    def _new_session(self, session: LearnerSession) -> LearnerSession:
        session.on_error = self._progress_failed
        return session

    def _progress_failed(self, message: str) -> None:
        """Saving stopped working: say so once; the session carries on in memory."""
        self.notify(message, title=_("Progress"), severity="error", timeout=15, markup=False)

    def _set_start_theme(self, name: str) -> None:
        """Choose the theme before the app runs, without a second parse of all the CSS.

        Assigning `App.theme` queues a full CSS re-parse for after the first parse (~5 ms
        of start-up, measured); before the app runs nothing is parsed yet, so giving the
        stylesheet the theme's variables is enough. What else the theme watcher does (the
        dark/light classes, the ANSI colour filter) only differs for a light theme.
        """
        chosen = self.get_theme(name)
        if chosen is None or not chosen.dark or not self.current_theme.dark:
            self.theme = name
            return
        self.set_reactive(App.theme, name)
        self.stylesheet.set_variables(self.get_css_variables())
        self.add_class(f"-theme-{name}", update=False)

    # ------------------------------------------------------------------ start

    def get_default_screen(self) -> Screen[object]:
        """The first screen: the notice (first run), the picker, or the catalog.

        It is the bottom of the screen stack itself, not pushed over Textual's blank
        default screen, which was built, styled and resumed first (~3 ms of start-up in
        CSS work alone). Only the first screen is built before the first paint.
        """
        if self._start_profile is not None and self.store is not None:
            self._begin_session(self._start_profile)
            return self._catalog_screen()
        if self.show_notice:
            from ketatui.ui.screens.notice import NoticeScreen

            return NoticeScreen(self.catalog.course)
        return self._start_screen()

    def on_mount(self, event: events.Mount) -> None:
        self._notify_store_note()
        if self._on_first_paint is not None:
            self.call_after_refresh(self._on_first_paint)

    def _notify_store_note(self) -> None:
        if self.store_note and self.store is not None:
            # Saving works but something happened to the old file (e.g. it was damaged and
            # moved aside): say so before the (now empty) profile picker, not only later
            # on the catalog.
            self.notify(
                self.store_note, title=_("Progress"), severity="warning", timeout=30, markup=False
            )

    def on_notice_screen_read(self) -> None:
        """The learner read the first-run notice: the picker (or catalog) goes on top.

        Not `switch_screen`: Textual cannot switch away from the bottom screen.
        """
        from ketatui.ui.screens.notice import NoticeScreen

        if not isinstance(self.screen, NoticeScreen):
            return  # a second Continue (double click, Enter twice) already moved on
        self.push_screen(self._start_screen())
        self._notify_store_note()

    def _start_screen(self) -> Screen[object]:
        """The profile picker, or the catalog when nothing can be saved."""
        if self._open_store is not None:
            opener, self._open_store = self._open_store, None
            store, self.store_note = opener()
            self.session = self._new_session(LearnerSession(self.catalog, store))
        if self.store is not None:
            from ketatui.ui.screens.profiles import ProfilesScreen

            return ProfilesScreen(self.store)
        return self._catalog_screen()

    def on_profile_chosen(self, message: ProfileChosen) -> None:
        """A profile was picked: start a session for it and show the catalog.

        When the picker was opened from the catalog the app started on (`--profile`),
        that catalog is shown again, now for the chosen learner.
        """
        from ketatui.ui.screens.catalog import CatalogScreen
        from ketatui.ui.screens.profiles import ProfilesScreen

        if not isinstance(self.screen, ProfilesScreen):
            return  # a second Enter or click already opened the catalog
        self._begin_session(message.profile)
        stack = self.screen_stack
        if len(stack) > 1 and isinstance(stack[-2], CatalogScreen):
            self.pop_screen()
        else:
            self.show_catalog()

    def _begin_session(self, profile: Profile) -> None:
        """Start learning as `profile`, with the track filter and theme it chose last."""
        session = self.session.for_profile(profile.id, profile.name)
        session.track = session.remembered_track()
        self.session = session
        remembered = session.setting("theme")
        if not self.theme_fixed and remembered in THEMES:
            self.theme = theme_name(remembered)
        if not self.language_fixed and self._use_remembered_language() and self.is_running:
            self.call_later(self.relocalize_screens)

    def _use_remembered_language(self) -> bool:
        """Switch to the language this profile chose last, if any; True when it changed."""
        remembered = supported(self.session.setting("language"))
        if remembered is None or remembered == current_language():
            return False
        self.use_language(remembered)
        self.title = self.catalog.course.title
        return True

    async def choose_language(self, lang: str) -> None:
        """Show everything in `lang` now, and remember it for this profile."""
        chosen = self.use_language(lang)
        if self.session.profile_name:
            self.session.remember("language", chosen)
        self.title = self.catalog.course.title
        await self.relocalize_screens()

    async def action_next_language(self) -> None:
        """Switch to the next language the interface has (English, Español, ...)."""
        languages = available_languages()
        now = current_language()
        after = languages[(languages.index(now) + 1) % len(languages)] if now in languages else ""
        await self.choose_language(after or languages[0])

    def _catalog_screen(self) -> Screen[object]:
        from ketatui.ui.screens.catalog import CatalogScreen

        return CatalogScreen()

    def show_catalog(self) -> None:
        """Push the catalog for the current session."""
        self.push_screen(self._catalog_screen())

    @on(ShowProfiles)
    def show_profiles(self) -> None:
        """Leave the catalog for the profile picker.

        The picker is underneath the catalog, except after `--profile`, when the app
        started on the catalog: then the picker opens on top of it. Nothing to pick
        from when progress is not saved.
        """
        from ketatui.ui.screens.profiles import ProfilesScreen

        stack = self.screen_stack
        if len(stack) > 1 and isinstance(stack[-2], ProfilesScreen):
            self.pop_screen()
        elif self.store is not None:
            self.push_screen(ProfilesScreen(self.store))

    # ------------------------------------------------------------------ lessons

    def return_to_list(self) -> None:
        """Close any lesson, quiz or results screens above the catalog."""
        from ketatui.ui.screens.catalog import CatalogScreen

        stack = self.screen_stack
        if not any(isinstance(s, CatalogScreen) for s in stack):
            return
        while not isinstance(self.screen, CatalogScreen):
            self.pop_screen()

    # ------------------------------------------------------------------ app-wide keys

    def on_delivery_complete(self, event: events.DeliveryComplete) -> None:
        """A record export (x on the lesson list) arrived: say where."""
        from ketatui.ui.record_export import delivered_note

        if note := delivered_note(event):
            self.notify(note, markup=False)

    def on_delivery_failed(self, event: events.DeliveryFailed) -> None:
        """A record export failed: say why."""
        from ketatui.ui.record_export import failed_note

        if note := failed_note(event):
            self.notify(note, severity="error", markup=False)

    def action_toggle_contrast(self) -> None:
        """Switch between the calm theme and high contrast."""
        high = self.theme == HIGH_CONTRAST.name
        self.choose_theme("default" if high else "high-contrast")

    def choose_theme(self, choice: str) -> None:
        """Show a theme ("default", "high-contrast") and remember it for this profile."""
        self.theme = theme_name(choice)
        if self.session.profile_name:
            self.session.remember("theme", choice)
        from ketatui.ui.screens.settings import SettingsScreen

        for screen in self.screen_stack:
            if isinstance(screen, SettingsScreen):
                screen.sync_theme()

    @on(ShowSettings)
    def open_settings(self) -> None:
        """Show the settings screen."""
        from ketatui.ui.screens.settings import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen(self.store_note))

    @property
    def theme_choice(self) -> str:
        """The current theme as a command-line choice ("default" or "high-contrast")."""
        return theme_choice(self.theme)

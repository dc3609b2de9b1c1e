"""The kiosk's own full screens: welcome, topics, the lessons of a topic, and a fallback."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Static

from ketatui.i18n import N_, _, available_languages, current_language, language_name
from ketatui.ui.kiosk.messages import ChooseLanguage, GoBack, ShowTopic, ShowTopics
from ketatui.ui.kiosk.widgets import KioskBar
from ketatui.ui.messages import OpenLesson
from ketatui.ui.screens.base import LaidOutOnce
from ketatui.ui.text import reflow

if TYPE_CHECKING:
    from ketatui.content.catalog import CatalogModule, LessonEntry
    from ketatui.content.model import Course, Crisis

WELCOME_TITLE = N_("Learn about your treatment")
PRIVACY_NOTE = N_(
    "Nothing you do here is saved or linked to you. "
    "The screen starts over by itself after a short while without use."
)


class KioskScreen(LaidOutOnce, Screen[None]):
    """Base of the kiosk's full screens: carries the kiosk class for larger spacing.

    Keyboard-only consoles (docs/kiosk.md): the arrow keys move between the buttons as
    Tab does, and ? lists the keys.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "app.help", N_("Keys"), key_display="?"),
        Binding("down,right", "app.focus_next", N_("Next button"), key_display="↓", show=False),
        Binding(
            "up,left", "app.focus_previous", N_("Previous button"), key_display="↑", show=False
        ),
    ]

    # No ids on screens: a screen that died in an error may linger in Textual's registry,
    # and a fresh one with the same id would then be refused.
    def __init__(self, site_name: str) -> None:
        super().__init__(classes="-kiosk")
        #: What the kiosk bar shows at the top.
        self.site_name = site_name


class KioskListScreen(KioskScreen):
    """A list one level below the welcome screen: Escape goes back, like the Back button."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back"), tooltip=N_("Back one screen"))
    ]

    def action_back(self) -> None:
        """One screen back (the app never goes past the welcome screen)."""
        self.post_message(GoBack())


class WelcomeScreen(KioskScreen):
    """First screen of every visit: what this is, and one big Start button."""

    def __init__(self, site_name: str, course: Course) -> None:
        super().__init__(site_name)
        self.course = course

    def compose(self) -> ComposeResult:
        course = self.course
        yield KioskBar(self.site_name, back=False, start_over=False)
        # Start is docked below the text, outside the scroll: on a small screen the heading
        # stays at the top and Start stays tappable, and only the notice scrolls.
        with Center(id="welcome-actions"):
            yield Button(_("Start"), id="kiosk-start", variant="primary", classes="kiosk-big")
            yield from self._language_buttons()
        with VerticalScroll(classes="kiosk-body", id="welcome-body"):
            yield Static(Content(_(WELCOME_TITLE)), classes="kiosk-heading", id="welcome-title")
            if course.title != self.site_name:  # the bar already shows it otherwise
                yield Static(Content(course.title), classes="kiosk-subheading")
            if course.notice.strip():
                yield Static(Content(reflow(course.notice)), classes="kiosk-notice")
            yield Static(Content(_(PRIVACY_NOTE)), classes="kiosk-note")

    def _language_buttons(self) -> ComposeResult:
        """One tap to the other languages: "English / Español" (each in its own name)."""
        languages = available_languages()
        if len(languages) < 2:
            return
        with Horizontal(id="welcome-languages"):
            for code in languages:
                chosen = code == current_language()
                yield Button(
                    ("✓ " if chosen else "") + language_name(code),
                    id=f"kiosk-lang-{code}",
                    name=code,
                    classes="kiosk-nav kiosk-lang" + (" -chosen" if chosen else ""),
                )

    def on_mount(self) -> None:
        self.query_one("#kiosk-start", Button).focus(scroll_visible=False)

    @on(Button.Pressed, ".kiosk-lang")
    def _language(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.name and event.button.name != current_language():
            self.post_message(ChooseLanguage(event.button.name))

    @property
    def untouched(self) -> bool:
        """True while nothing of a visitor shows here (the text is not scrolled)."""
        body = self.query("#welcome-body")
        return not body or body.first().scroll_offset.y == 0

    @on(Button.Pressed, "#kiosk-start")
    def _start(self) -> None:
        self.post_message(ShowTopics())


class TopicsScreen(KioskListScreen):
    """The course's modules that have patient lessons, as big buttons."""

    def __init__(self, site_name: str, topics: list[CatalogModule]) -> None:
        super().__init__(site_name)
        self.topics = topics

    def compose(self) -> ComposeResult:
        yield KioskBar(self.site_name)
        with VerticalScroll(classes="kiosk-body"):
            yield Static(Content(_("Choose a topic")), classes="kiosk-heading")
            for i, module in enumerate(self.topics):
                label = Content.assemble((module.title, "bold"))
                if module.info.summary:
                    label = Content.assemble(label, "\n", module.info.summary.strip())
                yield Button(label, id=f"topic-{i}", name=module.id, classes="kiosk-choice")

    def on_mount(self) -> None:
        buttons = self.query(".kiosk-choice")
        if buttons:
            buttons.first().focus()

    @on(Button.Pressed, ".kiosk-choice")
    def _topic(self, event: Button.Pressed) -> None:
        if event.button.name:
            self.post_message(ShowTopic(event.button.name))


class TopicLessonsScreen(KioskListScreen):
    """The patient lessons of one module, as big buttons."""

    def __init__(
        self, site_name: str, module: CatalogModule, lessons: tuple[LessonEntry, ...]
    ) -> None:
        super().__init__(site_name)
        self.module = module
        self.lessons = lessons

    def compose(self) -> ComposeResult:
        yield KioskBar(self.site_name)
        with VerticalScroll(classes="kiosk-body"):
            yield Static(Content(self.module.title), classes="kiosk-heading")
            for i, entry in enumerate(self.lessons):
                card = entry.card
                minutes = _("about {n} min").format(n=card.minutes)
                label = Content.assemble((card.title, "bold"), f"  ·  {minutes}")
                if card.summary:
                    label = Content.assemble(label, "\n", card.summary.strip())
                yield Button(label, id=f"lesson-{i}", name=card.id, classes="kiosk-choice")

    def on_mount(self) -> None:
        buttons = self.query(".kiosk-choice")
        if buttons:
            buttons.first().focus()

    @on(Button.Pressed, ".kiosk-choice")
    def _lesson(self, event: Button.Pressed) -> None:
        if event.button.name:
            self.post_message(OpenLesson(event.button.name))


class FallbackScreen(LaidOutOnce, Screen[None]):
    """Shown only if the welcome screen itself keeps failing: plain text that cannot fail."""

    def __init__(self, crisis: Crisis) -> None:
        super().__init__(classes="-kiosk")
        self.crisis = crisis

    def compose(self) -> ComposeResult:
        from ketatui.ui.screens.crisis import crisis_title

        lines = [_("This screen is not working right now. Please tell a member of staff."), ""]
        lines.append(crisis_title(self.crisis))
        for r in self.crisis.resources:
            lines.append(f"{r.name}: {r.contact}")
        with Vertical(classes="kiosk-body"):
            yield Static(Content("\n".join(lines)), classes="kiosk-notice")

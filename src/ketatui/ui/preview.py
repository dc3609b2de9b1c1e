"""`ketatui preview FILE`: one lesson as learners see it, reloaded on every save.

The author keeps this open beside their editor. Every `POLL_INTERVAL` seconds the lesson
file (and each `body_file` it names) is stat'ed (see `authoring.watch` for why polling);
a change is confirmed by one more look `SETTLE_DELAY` later, so a save caught half-way
does not flash errors. Then the file is loaded again and:

- it loads: the lesson screen is replaced by a fresh one on the same page (clamped to the
  new page count), with the same scroll position and sources panel; in the quiz at the
  same question with the answers given so far (they are kept in memory over reloads; the
  question on screen is asked again, so an edit to it shows), or on the results again;
- it has errors: the errors screen shows them (file:line:column) and updates in place on
  each save until the file loads, then the lesson comes back where the author was.

Nothing is saved: the session has no store and no profile. Screens the app opens on top
(crisis help, keys help, dialogs) are never closed by a reload: it waits until they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from ketatui.authoring.watch import FileWatcher, body_files
from ketatui.content.catalog import Catalog, CatalogModule, LessonEntry
from ketatui.content.errors import ContentError
from ketatui.content.loader import COURSE_FILE, find_course_root, load_lesson_file
from ketatui.content.model import Course, Module
from ketatui.i18n import N_, _
from ketatui.learning.lesson import QuizResult
from ketatui.learning.session import LearnerSession
from ketatui.progress.model import Attempt
from ketatui.ui.app import KetatuiApp
from ketatui.ui.screens.base import KetatuiScreen
from ketatui.ui.screens.lesson import LessonScreen
from ketatui.ui.screens.preview_errors import PreviewErrorsScreen
from ketatui.ui.screens.quiz import QuizScreen
from ketatui.ui.screens.results import ResultsScreen
from ketatui.ui.widgets.key_bar import KeyBar

#: Seconds between two looks at the files.
POLL_INTERVAL = 0.25
#: Seconds between seeing a change and confirming it (the save has finished).
SETTLE_DELAY = 0.1
#: Seconds after a reload before the scroll position and sources panel are restored
#: (the new page must be laid out first).
RESTORE_DELAY = 0.05


@dataclass(slots=True)
class Place:
    """Where the author is in the preview, so a reload can put them back there."""

    #: 0-based page index.
    page: int = 0
    #: In the quiz (or its results).
    quiz: bool = False
    #: False when the author closed the lesson (they are on the preview's first screen).
    open: bool = True
    scroll_y: float = 0.0
    sources: bool = False
    #: The id of the quiz question on screen, or None.
    question: str | None = None
    #: On the quiz's results screen.
    results: bool = False


class PreviewLessonScreen(LessonScreen):
    """The lesson screen of the preview: after a reload its quiz opens at the question the
    author was on (asked again, so an edit to it shows), or its results show again."""

    def __init__(self, *args: Any, question: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._question = question

    def quiz_screen(self, attempt: Attempt) -> Screen[QuizResult | None]:
        """The quiz, at the question the author was on if the attempt still asks it."""
        screen = super().quiz_screen(attempt)
        wanted, self._question = self._question, None
        if isinstance(screen, QuizScreen) and wanted in attempt.question_ids:
            screen.index = attempt.question_ids.index(wanted)
        return screen

    def show_last_results(self) -> None:
        """Show the results of the last finished attempt again (nothing is saved)."""
        result = self.progress.last_result()
        if result is not None:
            self._show_results(result)


class PreviewHomeScreen(KetatuiScreen):
    """Under the lesson: what the author sees after closing it (Escape)."""

    TITLE = "Preview"
    DEFAULT_CSS = """
    PreviewHomeScreen #preview-home-body {
        padding: 1 2 0 2;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        *KetatuiScreen.BINDINGS,
        Binding("enter", "app.open_preview", N_("Open the lesson")),
        Binding("ctrl+q", "app.quit", N_("Quit"), key_display="^q"),
    ]

    def __init__(self, path: Path) -> None:
        super().__init__(id="preview-home")
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(id="preview-home-body"):
            yield Static(Content(f"Preview of {self.path}"), classes="screen-title")
            yield Static(
                _("The lesson is closed. Press Enter to open it again, or ctrl+q to quit."),
                classes="muted",
                markup=False,
            )
        yield KeyBar()


def load_course(lesson_file: Path) -> tuple[Course, Path | None, list[ContentError]]:
    """The course around a lesson file: (course, course folder or None, errors).

    The course (title, crisis resources) comes from the nearest course.yaml above the file;
    without one, or when it has errors, a default course named after the lesson's folder.
    """
    root = find_course_root(lesson_file.parent)
    default = Course(title=lesson_file.parent.resolve().name or "Preview")
    course_file = root / COURSE_FILE
    if not course_file.is_file():
        return default, None, []
    from ketatui.content.loader import load_course_file

    course, errors = load_course_file(course_file)
    return (course or default), root, errors


def missing_file_error(path: Path) -> ContentError:
    """The error shown while the previewed file does not exist."""
    return ContentError(
        path,
        1,
        1,
        "the file is missing: it was deleted, moved or renamed",
        "save it again under this name: the preview is waiting for it",
    )


class PreviewApp(KetatuiApp):
    """The learner app reduced to one lesson file, reloaded whenever it is saved.

    Args:
        path: the lesson file.
        start_page: 0-based page to open at (clamped to the lesson's pages).
        start_quiz: open the quiz straight away.
        theme: "default" or "high-contrast".
        poll_interval: seconds between looks at the files; None: only when
            `check_for_changes()` is called (tests).
    """

    def __init__(
        self,
        path: Path,
        *,
        start_page: int = 0,
        start_quiz: bool = False,
        theme: str = "default",
        poll_interval: float | None = POLL_INTERVAL,
    ) -> None:
        self.path = Path(path)
        course, self.course_root, self.course_errors = load_course(self.path)
        self.course = course
        super().__init__(self._catalog(None), None, theme=theme, show_notice=False)
        self.title = f"Preview: {self.path.name}"
        self.poll_interval = poll_interval
        self.watcher = FileWatcher()
        #: The loaded lesson, or None while the file has errors.
        self.entry: LessonEntry | None = None
        #: Errors and warnings of the last load.
        self.errors: list[ContentError] = []
        self.checked_at = datetime.now()
        #: How many times the file was loaded (1 after start).
        self.loads = 0
        #: Where to put the author back when the lesson returns after errors.
        self._resume = Place(page=max(0, start_page), quiz=start_quiz)
        self._reload_due = False
        self._settle_timer: Timer | None = None
        self._load()

    # ------------------------------------------------------------------ loading

    def _catalog(self, entry: LessonEntry | None) -> Catalog:
        modules: tuple[CatalogModule, ...] = ()
        if entry is not None:
            info = Module(id=entry.module_id, title=entry.path.parent.name)
            modules = (CatalogModule(info=info, path=entry.path.parent, lessons=(entry,)),)
        root = self.course_root or self.path.parent
        return Catalog(root=root, course=self.course, modules=modules)

    def _load(self) -> None:
        """Read the lesson file (and its body files) again and rebuild the one-lesson catalog."""
        # Take the files' stamps before reading them: a save during the read is then
        # seen as a change by the next poll instead of being lost.
        self.watcher.watch([self.path, *body_files(self.path)])
        self.checked_at = datetime.now()
        self.loads += 1
        if not self.path.exists():
            self.entry, self.errors = None, [missing_file_error(self.path)]
        else:
            self.entry, self.errors = load_lesson_file(self.path, self.course_root)
            if self.entry is None and not self.errors:  # cannot happen; never show an empty list
                self.errors = [ContentError(self.path, 1, 1, "the lesson could not be loaded")]
        if self.entry is not None:
            named = [self.path.parent / p.body_file for p in self.entry.lesson.pages if p.body_file]
            if any(p not in self.watcher.paths for p in named):
                self.watcher.watch([*self.watcher.paths, *named])
        self.catalog = self._catalog(self.entry)
        previous = getattr(self, "session", None)
        self.session = LearnerSession(self.catalog)
        if previous is not None:
            # The answers given so far live in memory: keep them over the reload, so the
            # quiz goes on where the author was instead of from question 1.
            self.session.progress = previous.progress

    # ------------------------------------------------------------------ watching

    def get_default_screen(self) -> Screen[object]:
        """Textual's blank screen: the preview's own screens go on top of it."""
        return App.get_default_screen(self)

    def on_mount(self, event: events.Mount) -> None:
        # Textual also calls the handlers of base classes; KetatuiApp's (notice, profiles,
        # catalog) must not run: the preview shows the lesson itself.
        event.prevent_default()
        self.push_screen(PreviewHomeScreen(self.path))
        self._show(self._resume, first=True)
        for error in self.course_errors[:1]:
            self.notify(
                f"course.yaml has errors, so a default course is used: {error.format()}",
                title=_("Course"),
                severity="warning",
                timeout=10,
                markup=False,
            )
        if self.poll_interval:
            self.set_interval(self.poll_interval, self.check_for_changes, name="preview-poll")

    def check_for_changes(self) -> bool:
        """Look at the files once; reload when a change has settled. True if it reloaded.

        A change is acted on at the second look that sees the files unchanged since the
        first (`SETTLE_DELAY` later, or at the next poll), so tests call this twice after
        writing a file.
        """
        if self.watcher.poll():
            self._reload_due = True
        elif self.watcher.pending and self._settle_timer is None:
            self._settle_timer = self.set_timer(SETTLE_DELAY, self._settled)
        if self._reload_due and self._can_replace():
            self._reload_due = False
            self.reload()
            return True
        return False

    def _settled(self) -> None:
        self._settle_timer = None
        self.check_for_changes()

    def _can_replace(self) -> bool:
        """Only our own screens are replaced; crisis help, keys help or a dialog on top wait."""
        ours = (LessonScreen, QuizScreen, ResultsScreen, PreviewErrorsScreen, PreviewHomeScreen)
        return isinstance(self.screen, ours)

    def reload(self) -> None:
        """Load the file now and show the result where the author is."""
        place = self.current_place()
        self._load()
        self._show(place)

    # ------------------------------------------------------------------ screens

    def current_place(self) -> Place:
        """Where the author is now (the remembered place while errors are showing)."""
        stack = self.screen_stack
        lessons = [s for s in stack if isinstance(s, LessonScreen)]
        if not lessons:
            if isinstance(self.screen, PreviewErrorsScreen):
                return self._resume
            return Place(open=False)
        lesson = lessons[-1]
        above = stack[stack.index(lesson) + 1 :]
        place = Place(page=lesson.page_index, quiz=bool(above))
        for screen in above:
            if isinstance(screen, QuizScreen) and screen.index < screen.total:
                place.question = screen.attempt.question_ids[screen.index]
            place.results = place.results or isinstance(screen, ResultsScreen)
        if lesson.is_mounted:
            place.scroll_y = lesson.query_one("#page-scroll").scroll_y
            place.sources = bool(lesson.query_one("#sources").display)
        return place

    def _base(self) -> Screen[object]:
        """The preview's first screen: everything above it is the lesson or its errors."""
        return next(s for s in self.screen_stack if isinstance(s, PreviewHomeScreen))

    def _replace_above_base(self, screen: Screen[Any]) -> None:
        """Show `screen` instead of whatever is above the base screen, in one repaint."""
        base = self._base()
        while self.screen is not base and self.screen_stack[-2] is not base:
            self.pop_screen()
        if self.screen is base:
            self.push_screen(screen)
        else:
            self.switch_screen(screen)

    def _show(self, place: Place, *, first: bool = False) -> None:
        """Show the lesson at `place`, or the errors; `first` at start (say what was clamped)."""
        if self.entry is None:
            self._show_errors(place)
            return
        if not place.open:
            return  # the author closed the lesson: Enter opens the new version
        self._resume = place
        lesson = self.entry.lesson
        pages = len(lesson.pages)
        page = max(0, min(place.page, pages - 1))
        has_quiz = lesson.quiz is not None and bool(lesson.quiz.questions)
        if page != place.page:
            self.notify(
                f"The lesson has {pages} page{'s' if pages != 1 else ''}: showing page {page + 1}.",
                title=_("Preview"),
                timeout=4,
            )
        if first and place.quiz and not has_quiz:
            self.notify(_("This lesson has no quiz."), title=_("Preview"), severity="warning")
        screen = PreviewLessonScreen(
            self.entry,
            self.session,
            start_page=page,
            start_quiz=place.quiz and has_quiz and not place.results,
            question=place.question,
        )
        self._replace_above_base(screen)
        if place.results and has_quiz:
            self.call_after_refresh(screen.show_last_results)
        if not first:
            self._report_reload()
        if page == place.page and (place.scroll_y or place.sources):
            self.set_timer(RESTORE_DELAY, lambda: self._restore(screen, place))

    def _restore(self, screen: LessonScreen, place: Place) -> None:
        if not screen.is_mounted:
            return
        if place.sources:
            screen.query_one("#sources").display = True
        scroll = screen.query_one("#page-scroll")
        screen.call_after_refresh(scroll.scroll_to, y=place.scroll_y, animate=False)

    def _show_errors(self, place: Place) -> None:
        if isinstance(self.screen, PreviewErrorsScreen):
            self.screen.show_errors(self.errors, self.checked_at)
            return
        if place.open:
            self._resume = place
        self._replace_above_base(
            PreviewErrorsScreen(self.path, self.errors, self.checked_at, relative_to=Path.cwd())
        )

    def _report_reload(self) -> None:
        warnings = [e for e in self.errors if e.severity == "warning"]
        if warnings:
            shown = "\n".join(e.format(Path.cwd()) for e in warnings[:3])
            more = f"\n(and {len(warnings) - 3} more)" if len(warnings) > 3 else ""
            self.notify(shown + more, title=_("Warnings"), severity="warning", markup=False)
        else:
            self.notify(f"Reloaded at {self.checked_at:%H:%M:%S}", title=_("Preview"), timeout=2)

    # ------------------------------------------------------------------ keys

    def action_open_preview(self) -> None:
        """From the first screen: open the lesson (or its errors) at its first page."""
        self._show(Place(page=0))

    def open_lesson(self, lesson_id: str) -> None:
        """There is only one lesson: open it again from its first page."""
        self._show(Place(page=0))

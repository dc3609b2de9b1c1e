"""The lesson screen: read a lesson page by page, then take its quiz.

It resumes itself (page or quiz) from the progress store, saves every page turn, and drives
the quiz and results screens it pushes on top of itself.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Button, Static

from ketatui.content.catalog import LessonEntry
from ketatui.content.model import Lesson
from ketatui.i18n import N_, _
from ketatui.learning.lesson import LessonProgress, QuizResult, lesson_notes
from ketatui.learning.session import LearnerSession
from ketatui.progress.model import Attempt
from ketatui.ui.messages import OpenLesson
from ketatui.ui.screens.base import CRISIS_BINDING, HELP_BINDING
from ketatui.ui.screens.reading import ReadingScreen
from ketatui.ui.widgets.key_bar import KeyBar
from ketatui.ui.widgets.meter import Meter
from ketatui.ui.widgets.page_view import PageBody, PageScroll
from ketatui.ui.widgets.sources_panel import SourcesPanel

#: Seconds after a page turn before the neighbouring pages are pre-rendered.
PREPARE_DELAY = 0.05


class LessonScreen(ReadingScreen):
    """Pages of one lesson with Back / Next, sources, and the way into its quiz."""

    BINDINGS: ClassVar[list[BindingType]] = [
        CRISIS_BINDING,
        HELP_BINDING,
        Binding("right,enter", "next_page", N_("Next"), key_display="→", tooltip=N_("Next page")),
        Binding(
            "space",
            "space_next",
            N_("Next page (on a long page, scroll down first)"),
            show=False,
        ),
        Binding(
            "left,backspace",
            "previous_page",
            N_("Back"),
            key_display="←",
            tooltip=N_("Previous page"),
        ),
        Binding("s", "toggle_sources", N_("Sources")),
        Binding("escape", "leave", N_("Lessons"), tooltip=N_("Back to the list of lessons")),
    ]

    def __init__(
        self,
        entry: LessonEntry,
        session: LearnerSession,
        *,
        start_page: int | None = None,
        start_quiz: bool = False,
    ) -> None:
        super().__init__()
        self.entry = entry
        self.session = session
        self.progress = LessonProgress(entry, session)
        self._start_page = start_page
        self._start_quiz = start_quiz
        self.page_index = 0
        self._prepare_timer: Timer | None = None

    # ------------------------------------------------------------------ content

    @property
    def lesson(self) -> Lesson:
        return self.entry.lesson

    @property
    def page_count(self) -> int:
        return len(self.lesson.pages)

    def page_text(self, index: int) -> str:
        """Markdown of a page (with any body_file read in by the catalog)."""
        return self.entry.page_text(index)

    def compose(self) -> ComposeResult:
        yield from self.compose_host_bar()
        with Vertical(id="lesson-column"):
            yield Static(self.lesson.title, id="lesson-title", markup=False)
            yield Meter(self.page_count, id="page-progress")
            yield Static("", id="page-title", markup=False)
            yield Static(lesson_notes(self.entry), id="review-note", markup=False)
            with PageScroll(id="page-scroll"):
                yield PageBody(id="page-body")
            yield SourcesPanel(self.lesson, id="sources")
            with Horizontal(id="lesson-buttons"):
                yield Button(_("◀ Back"), id="back")
                yield Button(_("Sources"), id="sources-button")
                yield Static("", classes="spacer")
                yield Button(_("Next ▶"), id="next", variant="primary")
        yield KeyBar()

    def compose_host_bar(self) -> ComposeResult:
        """Extension point: the host's own bar (the kiosk's), above the lesson."""
        yield from ()

    def spoken_text(self) -> tuple[str, str]:
        """The page shown, for read-aloud, and the lesson's language."""
        from ketatui.ui.read_aloud import lesson_language, page_words

        language = lesson_language(self.entry, self.session.catalog)
        return page_words(self.entry, self.page_index), language

    def quiz_screen(self, attempt: Attempt) -> Screen[QuizResult | None]:
        """Extension point: the screen that asks this lesson's quiz."""
        from ketatui.ui.screens.quiz import QuizScreen

        return QuizScreen(self.entry, self.progress, attempt)

    def results_screen(self, result: QuizResult, next_entry: LessonEntry | None) -> Screen[str]:
        """Extension point: the screen that shows a finished attempt."""
        from ketatui.ui.screens.results import ResultsScreen

        return ResultsScreen(self.entry, result, next_entry=next_entry)

    def on_mount(self) -> None:
        page, in_quiz = self.progress.resume_point()
        if self._start_page is not None:
            page, in_quiz = self._start_page, False
        if self._start_quiz:
            in_quiz = True
        self.query_one("#sources", SourcesPanel).display = False
        self.show_page(max(0, min(page, self.page_count - 1)), save=False)
        self.query_one("#page-scroll").focus()
        has_quiz = self.lesson.quiz is not None and bool(self.lesson.quiz.questions)
        # Left during the quiz (or asked to start there): carry on where they were.
        if has_quiz and in_quiz and (self._start_quiz or self.progress.open_attempt()):
            self.call_after_refresh(self.action_start_quiz)

    # ------------------------------------------------------------------ pages

    def show_page(self, index: int, *, save: bool = True) -> None:
        """Show page `index` (0-based) and save it as the place to resume."""
        self.page_index = index
        page = self.lesson.pages[index]
        total = self.page_count
        self.query_one("#page-progress", Meter).update(
            progress=index + 1, label=_("Page {n} of {total}").format(n=index + 1, total=total)
        )
        self.query_one("#page-title", Static).update(page.title)
        note = self.query_one("#review-note", Static)
        note.display = index == 0 and bool(note.content)
        self.query_one("#page-body", PageBody).show(self.page_text(index))
        self.query_one("#page-scroll", PageScroll).scroll_home(animate=False, immediate=True)
        self.query_one("#sources", SourcesPanel).show_page(page.sources)
        self.query_one("#back", Button).disabled = index == 0
        next_button = self.query_one("#next", Button)
        if index < total - 1:
            label = _("Next ▶")
        elif self.lesson.quiz is not None and self.lesson.quiz.questions:
            label = _("Start quiz ▶")
        else:
            label = _("Finish lesson ✓")
        if str(next_button.label) != label:
            next_button.label = label
            # Button.label repaints but does not re-layout: without this the button keeps
            # the width of its first label and "Start quiz ▶" shows as "Start".
            next_button.refresh(layout=True)
        if save:
            self.progress.save_page(index)
        # A moment later (not in the way of this turn's paint), while the learner reads.
        if self._prepare_timer is not None:
            self._prepare_timer.stop()
        self._prepare_timer = self.set_timer(PREPARE_DELAY, self._prepare_neighbours)

    def _prepare_neighbours(self) -> None:
        # Render the pages on either side while the learner reads this one.
        index = self.page_index
        texts = [self.page_text(i) for i in (index + 1, index - 1) if 0 <= i < self.page_count]
        self.query_one("#page-body", PageBody).prepare(*texts)

    def action_next_page(self) -> None:
        """Next page; on the last page, start the quiz (or finish the lesson)."""
        if self.page_index < self.page_count - 1:
            self.show_page(self.page_index + 1)
        elif self.lesson.quiz is not None and self.lesson.quiz.questions:
            self.action_start_quiz()
        else:
            self._finish_without_quiz()

    def action_space_next(self) -> None:
        """Space: scroll a long page down first, then turn the page at its end."""
        scroll = self.query_one("#page-scroll", PageScroll)
        if scroll.at_end:
            self.action_next_page()
        else:
            scroll.scroll_page_down(animate=False)

    def action_previous_page(self) -> None:
        """Previous page (nothing on the first page)."""
        if self.page_index > 0:
            self.show_page(self.page_index - 1)

    def action_toggle_sources(self) -> None:
        """Show or hide the sources and review status."""
        panel = self.query_one("#sources", SourcesPanel)
        panel.display = not panel.display
        # Keys go to what was just opened (so a long list scrolls by ↑/↓), and back to the
        # page when it closes.
        if panel.display:
            panel.focus()
        else:
            self.query_one("#page-scroll", PageScroll).focus()

    def action_leave(self) -> None:
        """Back to the lesson list (the page is already saved)."""
        self._close()

    def leave(self) -> None:
        """Back to the lesson list (as Escape does)."""
        self.action_leave()

    def _close(self) -> None:
        """Dismiss this screen, but only while it is on top.

        Quiz and results callbacks run a moment after their screen closed: if F1 (or ?) put
        another screen on top meanwhile, `dismiss` would pop that screen instead of this one
        and a later Escape would dismiss this one twice. The learner then simply finds the
        lesson when they close crisis help.
        """
        if self.is_active:
            self.dismiss(None)

    @on(Button.Pressed, "#next")
    def _next_pressed(self) -> None:
        self.action_next_page()

    @on(Button.Pressed, "#back")
    def _back_pressed(self) -> None:
        self.action_previous_page()

    @on(Button.Pressed, "#sources-button")
    def _sources_pressed(self) -> None:
        self.action_toggle_sources()

    @on(PageBody.LinkActivated)
    def _link_clicked(self, event: PageBody.LinkActivated) -> None:
        # Never open a browser (kiosks, shared machines): show the address instead.
        self.notify(
            _("Links don't open from this app. The address is:\n{url}").format(url=event.url),
            title=_("Link"),
            timeout=10,
        )

    def _finish_without_quiz(self) -> None:
        self.progress.finish(self.progress.start_attempt())
        self.notify(_("Lesson complete."), title=self.lesson.title)
        self._close()

    # ------------------------------------------------------------------ quiz

    def action_start_quiz(self) -> None:
        """Open the quiz: resume an unfinished attempt or start a new one."""
        attempt = self.progress.open_attempt() or self.progress.start_attempt()
        self._open_quiz(attempt)

    def _open_quiz(self, attempt: Attempt) -> None:
        if attempt.next_question_index >= len(attempt.question_ids):
            # Every question was answered before leaving: go straight to the results.
            self._show_results(self.progress.finish(attempt))
            return
        self.app.push_screen(self.quiz_screen(attempt), self._quiz_closed)

    def _quiz_closed(self, result: QuizResult | None) -> None:
        if result is None:
            self._close()  # left mid-quiz: back to the lessons, resumable
        else:
            self._show_results(result)

    def _show_results(self, result: QuizResult) -> None:
        next_entry = self.session.next_lesson(self.lesson.id)
        self.app.push_screen(self.results_screen(result, next_entry), self._results_closed)

    def _results_closed(self, choice: str | None) -> None:
        if choice == "retry_missed":
            self._open_quiz(self.progress.start_attempt(missed_only=True))
        elif choice == "retry_all":
            self._open_quiz(self.progress.start_attempt())
        elif choice == "next":
            next_entry = self.session.next_lesson(self.lesson.id)
            self._close()
            if next_entry is not None:
                self.app.post_message(OpenLesson(next_entry.id))
        elif choice == "pages":
            self.show_page(0)
        else:
            self._close()

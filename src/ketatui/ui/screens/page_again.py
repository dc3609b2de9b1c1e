"""Read that page again: one lesson page, opened from the quiz or its results.

A learner who missed a question reads the page that teaches it, then goes straight back to
where they were (Escape or the Back button): the quiz keeps its feedback and place, the
results keep their scroll. Works the same by key, click or tap (the kiosk).
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from ketatui.content.catalog import LessonEntry
from ketatui.i18n import N_, _
from ketatui.ui.screens.base import CRISIS_BINDING, HELP_BINDING
from ketatui.ui.screens.reading import ReadingScreen
from ketatui.ui.widgets.key_bar import KeyBar
from ketatui.ui.widgets.page_view import PageBody, PageScroll

#: The Back button's words, by where it returns to.
BACK_LABELS = {
    "the quiz": N_("◀ Back to the quiz"),
    "the results": N_("◀ Back to the results"),
}


def page_again_label(page_index: int) -> str:
    """The link's words, e.g. "Read page 2 again"."""
    return _("Read page {n} again").format(n=page_index + 1)


class PageAgainScreen(ReadingScreen):
    """One page of a lesson, read again; dismisses back to the screen that opened it.

    It is a `ReadingScreen`, so the page looks as it did the first time.
    """

    TITLE = N_("Page again")

    BINDINGS: ClassVar[list[BindingType]] = [
        CRISIS_BINDING,
        HELP_BINDING,
        Binding("escape,left,backspace", "back", N_("Back"), key_display="Esc", tooltip=N_("Back")),
    ]

    def __init__(self, entry: LessonEntry, page_index: int, back_to: str = "the quiz") -> None:
        super().__init__(classes="page-again")
        self.entry = entry
        self.page_index = page_index
        self.back_to = back_to

    def compose(self) -> ComposeResult:
        lesson = self.entry.lesson
        page = lesson.pages[self.page_index]
        total = len(lesson.pages)
        with Vertical(id="lesson-column"):
            yield Static(lesson.title, id="lesson-title", markup=False)
            count = _("Page {n} of {total}").format(n=self.page_index + 1, total=total)
            yield Static(count, id="page-count")
            yield Static(page.title, id="page-title", markup=False)
            with PageScroll(id="page-scroll"):
                yield PageBody(self.entry.page_text(self.page_index), id="page-body")
            with Horizontal(id="lesson-buttons"):
                label = _(BACK_LABELS.get(self.back_to, "◀ Back"))
                yield Button(label, id="back", variant="primary")
        yield KeyBar()
        yield from self.compose_host_bar()

    def compose_host_bar(self) -> ComposeResult:
        """Extension point: the host's own bar (the kiosk's)."""
        yield from ()

    def on_mount(self) -> None:
        self.query_one("#page-scroll").focus()

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Back to where the learner was."""
        self.dismiss(None)

    def leave(self) -> None:
        """Back to where the learner was (as Escape does)."""
        self.action_back()

    @on(PageBody.LinkActivated)
    def _link_clicked(self, event: PageBody.LinkActivated) -> None:
        # Never a browser: the host says what it says about links (the kiosk, no address).
        self.app.open_url(event.url)

"""The sources and review status of a lesson, shown beside or under a page."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ketatui.content.model import Lesson, Review, Source
from ketatui.i18n import N_, _, month_name


def _date(value: dt.date | None) -> str:
    # e.g. "21 November 2026": unambiguous for readers in any country (and not the C
    # locale's month names, which would stay English whatever the learner chose).
    if not value:
        return ""
    return _("{day} {month} {year}").format(
        day=value.day, month=month_name(value.month), year=value.year
    )


def review_status_text(review: Review) -> str:
    """One plain sentence on who checked the lesson and when."""
    if review.status == "draft":
        return _("Draft — not yet reviewed by a clinician.")
    if review.status == "in_review":
        return _("Being reviewed by a clinician — not yet approved.")
    parts = []
    who = _(" by {name}").format(name=review.by) if review.by else ""
    when = _(" on {date}").format(date=_date(review.date)) if review.date else ""
    if review.status == "retired":
        parts.append(
            _("Retired: no longer kept up to date (last reviewed{who}{when}).").format(
                who=who, when=when
            )
        )
    else:
        parts.append(_("Reviewed{who}{when}.").format(who=who, when=when))
    if review.next_due and review.status != "retired":
        overdue = review.next_due < dt.date.today()
        label = _("Review overdue since {date}.") if overdue else _("Next review due {date}.")
        parts.append(label.format(date=_date(review.next_due)))
    return " ".join(parts)


def source_lines(sources: tuple[Source, ...]) -> str:
    """Sources as numbered plain-text lines (addresses shown, never opened)."""
    lines = []
    for n, source in enumerate(sources, 1):
        lines.append(f"{n}. {source.cite}")
        if source.url:
            lines.append(f"   {source.url}")
    return "\n".join(lines)


class SourcesPanel(VerticalScroll, inherit_bindings=False):
    """Sources cited on the current page (or all of the lesson's) and the review status.

    Focusable, so a long list scrolls by keys (up/down, page up/down, home/end). Left and
    right are not bound here: they still turn the page while the panel has focus.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "scroll_up", N_("Scroll the sources up"), show=False),
        Binding("down", "scroll_down", N_("Scroll the sources down"), show=False),
        Binding("pageup", "page_up", N_("Page the sources up"), show=False),
        Binding("pagedown", "page_down", N_("Page the sources down"), show=False),
        Binding("home", "scroll_home", N_("Top of the sources"), show=False),
        Binding("end", "scroll_end", N_("End of the sources"), show=False),
    ]

    DEFAULT_CSS = """
    SourcesPanel {
        height: auto;
        max-height: 12;
        border: round $panel-lighten-2;
        border-title-color: $text-muted;
        padding: 0 1;
        background: $panel 40%;
        scrollbar-size-vertical: 1;
        &:focus { border: round $primary; }
    }
    SourcesPanel .sources-review { color: $text-muted; margin-bottom: 1; }
    """

    def __init__(self, lesson: Lesson, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lesson = lesson
        self.border_title = _("Sources and review")

    def compose(self) -> ComposeResult:
        yield Static(Content(review_status_text(self.lesson.review)), classes="sources-review")
        yield Static("", id="sources-list", markup=False)

    def show_page(self, page_sources: tuple[str, ...]) -> None:
        """List the sources this page cites, or all of the lesson's when it cites none."""
        cited = tuple(s for sid in page_sources if (s := self.lesson.source(sid)) is not None)
        text = ""
        if cited:
            text = _("Cited on this page:") + "\n" + source_lines(cited)
        elif self.lesson.sources:
            text = _("Sources for this lesson:") + "\n" + source_lines(self.lesson.sources)
        else:
            text = _("This lesson lists no sources.")
        self.query_one("#sources-list", Static).update(text)

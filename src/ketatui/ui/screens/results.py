"""The results screen: score, pass or not yet, a review of every question, what next."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Static
from textual.widgets.button import ButtonVariant

from ketatui.content.catalog import LessonEntry
from ketatui.content.model import Question
from ketatui.i18n import N_, _
from ketatui.learning.lesson import QuizResult, teaching_page
from ketatui.quiz.grading import question_seed, shown_order
from ketatui.ui.screens.base import (
    CRISIS_BINDING,
    HELP_BINDING,
    LaidOutOnce,
    Leavable,
    body_scroll_bindings,
    scroll_body,
)
from ketatui.ui.screens.page_again import PageAgainScreen, page_again_label
from ketatui.ui.widgets.key_bar import KeyBar
from ketatui.ui.widgets.questions import describe_answer, right_answer


def percent(fraction: float) -> str:
    """0.8 -> "80%"."""
    return f"{round(fraction * 100)}%"


class ResultsScreen(Leavable, LaidOutOnce, Screen[str]):
    """Shows a finished attempt. Dismisses with what the learner chose next:
    "retry_missed", "retry_all", "next" or "back"."""

    # Absolute, so subclasses in other folders (the kiosk's) find it too.
    DEFAULT_CSS = """
    /* Results: the score first, gentle wording, then a review of every question. */
    ResultsScreen {
        align-horizontal: center;
    }

    #results-column {
        width: 100%;
        max-width: 88;
        height: 1fr;
        padding: 1 2 0 2;
    }

    #results-title {
        color: $text-primary;
        text-style: bold;
    }

    #score {
        text-style: bold;
        margin-top: 1;
    }

    #verdict {
        margin-bottom: 1;
    }

    #results-notes {
        color: $text-muted;
        margin-bottom: 1;
    }

    #review {
        height: 1fr;
        scrollbar-size-vertical: 1;
    }

    .review-item {
        height: auto;
        margin-bottom: 1;
    }

    .review-detail {
        padding-left: 2;
    }

    /* "Read page N again" under a missed question: the page that teaches it. */
    .page-again-link {
        margin-left: 2;
        min-width: 0;
    }

    #results-buttons {
        dock: bottom;
        height: auto;
        padding-top: 1;
        background: $background;
    }

    #results-buttons Button {
        min-width: 0;
        margin-right: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        CRISIS_BINDING,
        HELP_BINDING,
        Binding("m", "choose('retry_missed')", N_("Retry missed")),
        Binding("a", "choose('retry_all')", N_("Retry all")),
        Binding("n", "choose('next')", N_("Next lesson")),
        Binding(
            "escape,b",
            "choose('back')",
            N_("Lessons"),
            key_display="esc",
            tooltip=N_("Back to the list of lessons"),
        ),
        # The review is longer than a small terminal: scroll it from the buttons too.
        *body_scroll_bindings("the review"),
    ]

    def __init__(
        self, entry: LessonEntry, result: QuizResult, *, next_entry: LessonEntry | None = None
    ) -> None:
        super().__init__()
        self.entry = entry
        self.result = result
        self.next_entry = next_entry

    def compose(self) -> ComposeResult:
        result = self.result
        with Vertical(id="results-column"):
            title = _("Results — {title}").format(title=self.entry.lesson.title)
            yield Static(title, id="results-title", markup=False)
            yield Static(self.score_line(), id="score", markup=False)
            verdict = self.verdict()
            yield Static(verdict, id="verdict", classes="-passed" if result.passed else "-not-yet")
            notes = []
            # After the first full attempt, its score is "first try" and stays so.
            if result.first_try is not None and result.attempt.kind != "full":
                notes.append(_("First try: {score}.").format(score=percent(result.first_try)))
            if result.best is not None and result.best != result.first_try:
                notes.append(_("Best full attempt: {score}.").format(score=percent(result.best)))
            if result.is_retry and result.lesson.missed:
                missed = len(result.lesson.missed)
                notes.append(_("Still to get right: {n}.").format(n=missed))
            if notes:
                yield Static(" ".join(notes), id="results-notes", markup=False)
            with VerticalScroll(id="review"):
                yield from self._compose_review()
            with Horizontal(id="results-buttons"):
                if result.lesson.missed:
                    yield Button(_("Retry the ones I missed"), id="retry_missed", variant="primary")
                yield Button(_("Retry all"), id="retry_all")
                if self.next_entry is not None:
                    variant: ButtonVariant = "primary" if result.passed else "default"
                    yield Button(_("Next lesson ▶"), id="next", variant=variant)
                yield Button(_("Back to lessons"), id="back")
        yield KeyBar()
        yield from self.compose_host_bar()

    def spoken_text(self) -> tuple[str, str]:
        """The score and what it means, for read-aloud."""
        from ketatui.i18n import current_language

        score = self.result.score
        text = _("{right} of {total} right.").format(right=score.correct, total=score.total)
        text += "\n"
        text += str(self.query_one("#verdict", Static).render())
        # Interface words (the score and what it means): read in the interface's language.
        return text, current_language()

    def score_line(self) -> str:
        """Extension point: the score, e.g. "4 of 5 — 80%"."""
        # This attempt's own questions only: a retry never counts earlier answers.
        score = self.result.score
        line = _("{right} of {total} — {score}").format(
            right=score.correct, total=score.total, score=percent(score.fraction)
        )
        return _("This round: {score}").format(score=line) if self.result.is_retry else line

    def verdict(self) -> Content:
        """Extension point: what the score means (for a trainee: against the pass mark)."""
        mark = percent(self.result.score.pass_mark)
        if self.result.passed:
            return Content.from_markup(
                _("[b $success]✓ Lesson passed[/] — the pass mark is $mark."), mark=mark
            )
        return Content.from_markup(
            _(
                "[b]Not passed yet[/] — the pass mark is $mark. "
                "Have another look at the ones you missed, then try them again."
            ),
            mark=mark,
        )

    def _compose_review(self) -> ComposeResult:
        """Each question as asked, the learner's answer, and for a missed one the right
        answer and the page that teaches it."""
        answers = self.result.answers
        for n, question in enumerate(self.asked_questions(), 1):
            record = answers.get(question.id)
            correct = record is not None and record.correct
            given = describe_answer(
                question, record.answer if record else None, self._shown(question)
            )
            mark = "[$success]✓[/]" if correct else "[$error]✗[/]"
            word = _("right") if correct else _("missed")
            head = Content.from_markup(
                f"{mark} [b]$n. $prompt[/b] [i]($word)[/i]",
                n=str(n),
                prompt=question.prompt,
                word=word,
            )
            lines = [Content.from_markup(_("Your answer: $given"), given=given)]
            if not correct:
                lines.append(right_answer(question, _("Right answer"), _("Right answers")))
            with Vertical(classes="review-item"):
                yield Static(head, classes="review-head")
                yield Static(Content("\n").join(lines), classes="review-detail")
                page = None if correct else teaching_page(self.entry.lesson, question.id)
                if page is not None:
                    yield Button(page_again_label(page), name=str(page), classes="page-again-link")

    def _shown(self, question: Question) -> tuple[int, ...]:
        """The order this attempt showed the question's choices in (() if it did not ask it:
        its answer then comes from an earlier attempt)."""
        attempt = self.result.attempt
        if question.id not in attempt.question_ids:
            return ()
        return shown_order(question, question_seed(attempt.seed, question.id))

    def compose_host_bar(self) -> ComposeResult:
        """Extension point: the host's own bar (the kiosk's)."""
        yield from ()

    def page_again_screen(self, page: int) -> PageAgainScreen:
        """Extension point: the screen that shows a page again, from the results."""
        return PageAgainScreen(self.entry, page, "the results")

    def leave(self) -> None:
        """Back to the lessons (as Escape does)."""
        self.action_choose("back")

    def on_mount(self) -> None:
        self.query_one("#results-buttons Button").focus()

    def asked_questions(self) -> list[Question]:
        """The quiz's questions in the order they were asked, so the numbers match the quiz.

        Answers are kept in the order given (a retry's answers update the earlier ones in
        place), then come any questions not answered, in the attempt's order, then the rest.
        """
        quiz = self.entry.lesson.quiz
        if quiz is None:
            return []
        attempt = self.result.attempt
        by_id = {q.id: q for q in quiz.questions}
        order = dict.fromkeys([*self.result.answers, *attempt.question_ids, *by_id])
        return [by_id[qid] for qid in order if qid in by_id]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Hide keys for buttons that are not there (nothing missed / no next lesson).
        if action == "choose" and parameters:
            if parameters[0] == "retry_missed" and not self.result.lesson.missed:
                return False
            if parameters[0] == "next" and self.next_entry is None:
                return False
        return True

    @on(Button.Pressed, ".page-again-link")
    def _page_again(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.name is not None:
            page = int(event.button.name)
            self.app.push_screen(self.page_again_screen(page))

    def action_scroll_body(self, direction: str) -> None:
        """Scroll the review while the keyboard is on a button."""
        scroll_body(self, "#review", direction)

    def action_choose(self, choice: str) -> None:
        """Close the results with the learner's choice."""
        self.dismiss(choice)

    @on(Button.Pressed)
    def _button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id:
            self.dismiss(event.button.id)

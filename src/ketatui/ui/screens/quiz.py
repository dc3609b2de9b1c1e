"""The quiz screen: one question at a time, feedback after each answer, saved as it goes."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import AwaitMount, Widget
from textual.widgets import Button, Input, Static

from ketatui.content.catalog import LessonEntry
from ketatui.content.model import Question
from ketatui.i18n import N_, _
from ketatui.learning.lesson import QuizProgress, QuizResult, teaching_page
from ketatui.progress.model import Attempt
from ketatui.quiz.grading import Grade, answer_to_json, check_answer
from ketatui.quiz.kinds import kind_of
from ketatui.ui.screens.base import (
    CRISIS_BINDING,
    HELP_BINDING,
    LaidOutOnce,
    Leavable,
    scroll_body,
)
from ketatui.ui.screens.page_again import PageAgainScreen, page_again_label
from ketatui.ui.widgets.hidden_blur import QuizButton
from ketatui.ui.widgets.key_bar import KeyBar
from ketatui.ui.widgets.meter import Meter
from ketatui.ui.widgets.one_pass import Column, PlainColumn, PlainScroll, Row, Text
from ketatui.ui.widgets.questions import (
    QuestionView,
    feedback_lines,
    make_question_view,
    right_answer,
    says_how,
)

#: Seconds after the feedback shows before the next question is built in the background.
PREPARE_DELAY = 0.1


class QuizScreen(Leavable, LaidOutOnce, Screen[QuizResult | None]):
    """Ask the attempt's questions from the first unanswered one.

    Dismisses with the `QuizResult` when the last question is done, or None when the learner
    leaves mid-quiz (every answer given so far is already saved).
    """

    # Absolute, so subclasses in other folders (the kiosk's) find it too.
    DEFAULT_CSS = """
    /* Quiz: one question at a time in a centred column; buttons stay in view at the bottom. */
    QuizScreen {
        align-horizontal: center;
    }

    #quiz-column {
        width: 100%;
        max-width: 88;
        height: 1fr;
        padding: 1 2 0 2;
    }

    #quiz-title {
        color: $text-primary;
        text-style: bold;
    }

    #quiz-progress {
        margin-bottom: 1;
    }

    #quiz-scroll {
        height: 1fr;
        scrollbar-size-vertical: 1;
    }

    #question-prompt {
        text-style: bold;
    }

    #question-how {
        color: $text-muted;
        margin-bottom: 1;
    }

    #question-slot {
        height: auto;
    }

    /* Long choices wrap: a learner must read every word of a choice before picking it. */
    #question-slot SelectionList, #question-slot OptionList {
        width: 100%;
        height: auto;
        text-wrap: wrap;
        text-overflow: fold;
    }

    #hint {
        margin-top: 1;
        padding: 0 1;
        color: $text-warning;
        background: $warning-muted;
    }

    #feedback {
        margin-top: 1;
        padding: 0 1;
        border-left: thick $panel;
    }

    #feedback.-right {
        border-left: thick $success;
    }

    #feedback.-wrong {
        border-left: thick $error;
    }

    #quiz-buttons {
        dock: bottom;
        height: auto;
        padding-top: 1;
        background: $background;
        align-horizontal: right;
    }

    #quiz-buttons Button {
        min-width: 0;
        margin-left: 1;
    }

    /* Hint (before submitting) and Read page again (after) are never shown together;
       docked left, they leave Submit / Next on the right without a spacer, so Submit
       giving way to Next moves nothing else. */
    #hint-button, #page-again {
        dock: left;
    }
    """
    #: Extension point: whether a missed question offers the page that teaches it (not
    #: in a pre-check, asked before the pages were read).
    TEACH_BACK: ClassVar[bool] = True

    # Screen.focused repaints the whole screen on every focus change, and the quiz moves
    # focus on each submit and next question: that full repaint was ~6 ms of each (measured
    # at 100x40). The widgets that gain and lose focus repaint themselves (their :focus
    # styles change), so nothing else needs it.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    BINDINGS: ClassVar[list[BindingType]] = [
        CRISIS_BINDING,
        HELP_BINDING,
        # Only the keys that apply are listed (see check_action): Submit and Hint before
        # submitting, Next after. The key bar redraws only when that set changes.
        # Not "s": that is Sources on the lesson pages, and a learner reaching for the
        # sources must not submit a half-ticked answer.
        Binding("ctrl+s", "submit", N_("Submit"), key_display="^s"),
        Binding("h", "hint", N_("Hint")),
        Binding("n", "next", N_("Next"), tooltip=N_("Next question (after submitting)")),
        Binding(
            "r", "page_again", N_("Read page again"), tooltip=N_("Read the page that teaches this")
        ),
        Binding("escape", "leave", N_("Leave quiz")),
        # PageUp/PageDown page the question and its feedback whatever has focus (after
        # Submit that is Next, which has no keys of its own for them).
        Binding("pageup", "scroll_body('page_up')", N_("Page the question up"), show=False),
        Binding("pagedown", "scroll_body('page_down')", N_("Page the question down"), show=False),
    ]

    def __init__(self, entry: LessonEntry, progress: QuizProgress, attempt: Attempt):
        super().__init__()
        self.entry = entry
        self.progress = progress
        self.attempt = attempt
        self.index = attempt.next_question_index
        self.answered = False
        self.view: QuestionView[Any] | None = None
        #: The next question's view, built (hidden) while the learner reads the feedback,
        #: and its mounting (awaited before it is shown, should Next come that soon).
        self._prepared: tuple[QuestionView[Any], AwaitMount] | None = None
        #: The page that teaches the question just missed (0-based), or None.
        self._page_again: int | None = None
        #: Whether the learner asked for the hint of the question shown (a right answer
        #: then counts as hard for spaced review).
        self._hinted = False

    @property
    def question(self) -> Question:
        """The question shown."""
        return self._question_at(self.index)

    def _question_at(self, index: int) -> Question:
        question = self.entry_of(index).lesson.question(self.question_id_at(index))
        assert question is not None  # LessonProgress drops ids that are not in the quiz
        return question

    def entry_of(self, index: int) -> LessonEntry:
        """Extension point: the lesson question `index` of the attempt comes from (a
        review session's questions come from several)."""
        return self.entry

    def question_id_at(self, index: int) -> str:
        """Extension point: the id, within its lesson, of question `index`."""
        return self.attempt.question_ids[index]

    def quiz_title(self) -> str:
        """Extension point: the line above the questions."""
        title = _("Quiz — {title}").format(title=self.entry.lesson.title)
        if self.progress.is_retry(self.attempt):
            title += " " + _("(the ones you missed)")
        return title

    @property
    def total(self) -> int:
        return len(self.attempt.question_ids)

    def compose(self) -> ComposeResult:
        with PlainColumn(id="quiz-column"):
            yield Static(self.quiz_title(), id="quiz-title", markup=False)
            yield Meter(self.total, id="quiz-progress")
            # Above the scroll: the question stays in view while its feedback is read.
            yield Text("", id="question-prompt", markup=False)
            with PlainScroll(id="quiz-scroll"):
                yield Text("", id="question-how", markup=False)
                yield PlainColumn(id="question-slot")
                yield Text("", id="hint", markup=False)
                yield Text("", id="feedback")
            with Row(id="quiz-buttons"):
                yield QuizButton(_("Hint"), id="hint-button")
                yield QuizButton("", id="page-again")
                yield QuizButton(_("Submit"), id="submit", variant="primary")
                yield QuizButton(_("Next question ▶"), id="next", variant="primary")
            yield from self.compose_answer_aid()
        yield KeyBar()
        yield from self.compose_host_bar()

    def compose_answer_aid(self) -> ComposeResult:
        """Extension point: widgets under the answer buttons (the kiosk's keyboard)."""
        yield from ()

    def action_scroll_body(self, direction: str) -> None:
        """Scroll the question and its feedback (PageUp / PageDown)."""
        scroll_body(self, "#quiz-scroll", direction)

    def spoken_text(self) -> tuple[str, str]:
        """The question shown and its choices (as listed), for read-aloud."""
        from ketatui.ui.read_aloud import lesson_language, question_words

        question = self.question
        # As listed on screen: an order question's items as the learner has arranged them.
        shown = getattr(self.view, "order", None) or self.progress.shown_order(
            self.attempt, question
        )
        text = _("Question {n} of {total}.").format(n=self.index + 1, total=self.total) + "\n"
        text += question_words(question, list(shown) or None)
        return text, lesson_language(self.entry_of(self.index), self.progress.session.catalog)

    def compose_host_bar(self) -> ComposeResult:
        """Extension point: the host's own bar (the kiosk's)."""
        yield from ()

    def page_again_screen(self, page: int) -> PageAgainScreen:
        """Extension point: the screen that shows a page again, from the quiz."""
        return PageAgainScreen(self.entry_of(self.index), page, "the quiz")

    async def on_mount(self) -> None:
        await self.show_question(self.index)

    @asynccontextmanager
    async def _one_frame(self) -> AsyncIterator[None]:
        """Lay out and paint what the block changes once, not in two goes.

        A submit or a Next changes several widgets (the question, its counter, the
        buttons...). Each asks the screen for a layout from its own message loop, and the
        screen lays out and paints as soon as it is idle: those asking a moment later cost
        a second layout and paint of the same cells (~3.7 ms of a Next at 100x40), and for
        a frame the new prompt showed over the old answer. Painting waits while the
        widgets take one turn of the event loop to ask; then the screen is prompted (its
        idle handler, which starts the paint, skipped the held turn).
        """
        with self.app.batch_update():
            yield
            await asyncio.sleep(0)
        self.check_idle()

    # ------------------------------------------------------------------ showing

    async def show_question(self, index: int) -> None:
        """Show question `index` of the attempt, unanswered."""
        self.index = index
        self.answered = False
        self._page_again = None
        self._hinted = False
        # No view until the new one is in place: a Submit arriving while it mounts must
        # not grade the previous, frozen answer against this question.
        self.view = None
        question = self.question
        count = _("Question {n} of {total}").format(n=index + 1, total=self.total)
        self.query_one("#quiz-progress", Meter).update(progress=index, label=count)
        self.query_one("#question-prompt", Static).update(question.prompt)
        how = self.query_one("#question-how", Static)
        how.update(_(kind_of(question).how_to))
        how.display = not says_how(question)
        hint = self.query_one("#hint", Static)
        hint.update("")
        hint.display = False
        feedback = self.query_one("#feedback", Static)
        feedback.update("")
        feedback.display = False
        # Show the new question and move the keyboard to it before the old one goes and
        # the Next button hides: one focus change, so the footer re-lists its keys once.
        slot = self.query_one("#question-slot", Column)
        prepared, self._prepared = self._prepared, None
        if prepared is not None and prepared[0].question is question:
            view = prepared[0]
            if not view.is_mounted:  # Next came before it was ready (awaiting costs a tick)
                await prepared[1]
        else:
            view = self._question_view(question)
            await slot.mount(view)
        view.display = True
        old_views = [child for child in slot.children if child is not view]
        self.view = view
        view.focus_input()
        # Hidden now and removed a moment later: pruning its widgets before the new
        # question is painted made the learner wait for it.
        for old in old_views:
            old.display = False
        self.set_timer(PREPARE_DELAY, partial(self._tidy_after_showing, old_views))
        self.query_one("#hint-button", Button).display = bool(question.hint)
        self.query_one("#page-again", Button).display = False
        self.query_one("#submit", Button).display = True
        self.query_one("#next", Button).display = False
        self.query_one("#quiz-scroll", VerticalScroll).scroll_home(animate=False)
        self.refresh_bindings()  # Next goes; Submit (and Hint, if any) come back

    async def _tidy_after_showing(self, old_views: list[Widget]) -> None:
        """While the learner reads the question: remove the last one, and give the hidden
        Next button its focused look, so Submit only has to show and focus it (a restyle
        of it, ~0.5 ms, was in each submit; see `HiddenBlur.look_focused`)."""
        next_button = self.query_one("#next", QuizButton)
        if not self.answered and not next_button.display:
            next_button.look_focused()
        if old_views:
            await self.query_one("#question-slot", Column).remove_children(old_views)

    def _question_view(self, question: Question) -> QuestionView[Any]:
        # From the attempt's seed: the same order however often it is built, and on resume.
        return make_question_view(question, order=self.progress.shown_order(self.attempt, question))

    async def _prepare_next(self) -> None:
        """Build the next question's view, hidden and looking ready for the keyboard, so
        Next only has to show it and move focus."""
        nxt = self.index + 1
        if not self.answered or self._prepared is not None or nxt >= self.total:
            return
        view = self._question_view(self._question_at(nxt))
        view.display = False
        mounting = self.query_one("#question-slot", Column).mount(view)
        self._prepared = view, mounting
        await mounting
        if self._prepared is not None and self._prepared[0] is view:  # not shown yet
            view.look_ready()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Hidden, not dimmed: a key that cannot apply to this question is just noise.
        if action in ("submit", "hint") and self.answered:
            return False
        if action == "hint" and self.view is not None and not self.question.hint:
            return False
        if action == "page_again":
            return self._page_again is not None
        # Next only once there is an answer to go on from.
        return action != "next" or self.answered

    # ------------------------------------------------------------------ actions

    def action_hint(self) -> None:
        """Show the hint (never shown until asked for)."""
        if self.answered:
            return
        question = self.question
        if not question.hint:
            self.notify(_("There is no hint for this question."), timeout=4)
            return
        hint = self.query_one("#hint", Static)
        hint.update(_("Hint: {hint}").format(hint=question.hint))
        hint.display = True
        self._hinted = True

    async def action_submit(self) -> None:
        """Check the answer, save it, and show feedback and the explanation."""
        if self.answered or self.view is None or self.view.frozen:
            return
        async with self._one_frame():
            self._submit(self.view)

    def _submit(self, view: QuestionView[Any]) -> None:
        answer = view.answer()
        if answer is None:
            self.notify(_("Choose or type an answer first."), severity="warning", timeout=4)
            return
        question = self.question
        grade = check_answer(question, answer)
        self.answered = True
        saved = answer_to_json(question, answer)
        self.attempt = self.progress.record_answer(
            self.attempt,
            self.attempt.question_ids[self.index],
            saved,
            grade.correct,
            hinted=self._hinted,
        )
        # Focus Next before the answer input goes, so focus moves once (see show_question).
        next_button = self.query_one("#next", QuizButton)
        last = self.index + 1 >= self.total
        next_button.label = _("See results ▶") if last else _("Next question ▶")
        # It was pressed for this question moments ago (a quick learner, or an order
        # question submitted as it stands): Button ignores Enter during that press's
        # 0.2 s "-active" effect, which would swallow this new Next.
        next_button.remove_class("-active")
        next_button.show_focused()  # at once: a deferred focus would move it twice
        view.freeze(answer, grade)
        self._show_feedback(question, grade, answer)
        self.query_one("#quiz-progress", Meter).update(progress=self.index + 1)
        self.query_one("#hint-button", Button).display = False
        self.query_one("#submit", Button).display = False
        self.query_one("#question-how", Static).display = False  # answered: no more how-to
        self._offer_page_again(grade.correct)
        self.refresh_bindings()  # Submit and Hint go; Next (and Read page again) come
        # After the feedback is up, not before: the learner is reading it by then.
        self.set_timer(PREPARE_DELAY, self._prepare_next)

    def _show_feedback(self, question: Question, grade: Grade, answer: object) -> None:
        shown = self.view.order if self.view is not None else ()
        lines = feedback_lines(question, answer, grade, shown)
        lines.append(Content(""))
        lines.append(Content(question.explanation))
        if not grade.correct:
            lines.append(right_answer(question, _("The right answer"), _("The right answers")))
        feedback = self.query_one("#feedback", Static)
        # One class change, one restyle (each costs ~0.2 ms on the quiz).
        feedback.set_classes("-right" if grade.correct else "-wrong")
        feedback.update(Content("\n").join(lines))
        feedback.display = True
        self.call_after_refresh(feedback.scroll_visible, animate=False)

    def _offer_page_again(self, correct: bool) -> None:
        """After a wrong answer to a question that names its page, offer to read it again."""
        lesson = self.entry_of(self.index).lesson
        page = None if correct or not self.TEACH_BACK else teaching_page(lesson, self.question.id)
        self._page_again = page
        button = self.query_one("#page-again", Button)
        if page is not None:
            button.label = page_again_label(page)
        button.display = page is not None

    def action_page_again(self) -> None:
        """Read the page that teaches this question, then come back to the feedback."""
        page = self._page_again
        if page is not None:
            self.app.push_screen(self.page_again_screen(page))

    @on(Button.Pressed, "#page-again")
    def _page_again_pressed(self) -> None:
        self.action_page_again()

    async def action_next(self) -> None:
        """Go on to the next question, or finish the attempt after the last one."""
        if not self.answered:
            return
        if self.index + 1 < self.total:
            async with self._one_frame():
                await self.show_question(self.index + 1)
        else:
            self.dismiss(self.progress.finish(self.attempt))

    def action_leave(self) -> None:
        """Leave the quiz; it resumes at this question next time."""
        self.dismiss(None)

    def leave(self) -> None:
        """Leave the quiz (as Escape does)."""
        self.action_leave()

    @on(Button.Pressed, "#submit")
    async def _submit_pressed(self) -> None:
        await self.action_submit()

    @on(Button.Pressed, "#next")
    async def _next_pressed(self) -> None:
        await self.action_next()

    @on(Button.Pressed, "#hint-button")
    def _hint_pressed(self) -> None:
        self.action_hint()

    @on(Input.Submitted)
    async def _input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        await self.action_submit()

"""One widget per question type: collect an answer, then show it marked right or wrong.

Every view has the same small interface the quiz screen uses:
- `answer()` -> the answer in its kind's shape (see `ketatui.quiz.kinds`), or None when the
  learner has not chosen anything yet;
- `freeze(answer, grade)` -> hide the input and show a read-only review that marks each
  choice with ✓ / ✗ and words (never colour alone). Views show the grade they are given;
  they never grade an answer themselves.
What differs by question type beyond the widgets (words, how-to, picked choices) comes from
the question's kind.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, ClassVar, Generic, TypeVar

from rich.segment import Segment
from rich.style import Style
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Button, Input, OptionList, SelectionList, Static
from textual.widgets._toggle_button import ToggleButton

from ketatui.content.model import (
    MultipleQuestion,
    OrderQuestion,
    Question,
    ShortAnswerQuestion,
    SingleQuestion,
    TrueFalseQuestion,
)
from ketatui.i18n import N_, _
from ketatui.quiz.kinds import Answer, Grade, kind_of
from ketatui.ui.widgets.hidden_blur import HiddenBlur, QuizButton
from ketatui.ui.widgets.one_pass import OnePass, OnePassOptions, Row, Text

Q = TypeVar("Q", bound=Question)

# (text, style) parts for `Content.assemble`: markup costs ~0.1 ms a line to parse, and a
# submit builds a line per choice.
RIGHT = ("✓", "$success")
WRONG = ("✗", "$error")


def describe_answer(question: Question, answer: object, shown: Sequence[int] = ()) -> str:
    """A learner's answer (stored form) in words, e.g. "Blue" / "Apple; Pear" / "True" /
    "One → Two"; picked choices in the order they were `shown`."""
    kind = kind_of(question)
    value = kind.decode(question, answer)
    return _("(no answer)") if value is None else kind.describe(question, value, shown)


#: The verdict the quiz shows above the feedback; an author's line that starts with the
#: same words has them taken off, so "Not quite." is not said twice.
VERDICT = {True: N_("Right."), False: N_("Not quite.")}
# "That's right." after "✓ Right." says it twice; a bare "Correct" needs its punctuation,
# or "Correct dosing matters" would lose its first word.
_VERDICT_START = {
    True: re.compile(
        r"^(right\b[\s.,:;!—–-]*|(that's right|that is right|correct|correcto|así es)"
        r"[.,:;!—–-]+\s*)",
        re.IGNORECASE,
    ),
    False: re.compile(
        r"^((not quite|no exactamente|no del todo)\b[\s.,:;!—–-]*"
        r"|(incorrect|not right|that's not right|incorrecto|no es correcto)[.,:;!—–-]+\s*)",
        re.IGNORECASE,
    ),
}


_SAYS_HOW = re.compile(
    r"\b(all|every|each)\b[^.?!]*\bappl(y|ies)\b|\btrue or false\b"
    r"|\btodas? las? que\b[^.?!]*\bcorrespond|\bverdadero o falso\b",
    re.IGNORECASE,
)


def says_how(question: Question) -> bool:
    """Whether the prompt already says how to answer ("Pick all that apply."), so the
    how-to line would only repeat it."""
    return bool(_SAYS_HOW.search(question.prompt))


def without_verdict(text: str, correct: bool) -> str:
    """`text` without a leading "Not quite." (or "Right." when right): the quiz says it once."""
    text = text.strip()
    rest = _VERDICT_START[correct].sub("", text, count=1)
    if rest == text or not rest:
        return rest
    return rest[0].upper() + rest[1:]


def feedback_lines(
    question: Question, answer: object, grade: Grade, shown: Sequence[int] = ()
) -> list[Content]:
    """The verdict, then the author's feedback, each choice's line naming its choice, in
    the order the choices were `shown`.

    e.g. "✗ Not quite." / "✗ Carrot — A carrot is a root vegetable." / "✓ Apple — …".
    """
    mark = ("✓", "b $success") if grade.correct else ("✗", "b $error")
    verdict = _(VERDICT[grade.correct])
    lines = [Content.assemble(mark, " ", (verdict, "b"))]
    kind = kind_of(question)
    value = kind.accept(question, answer)
    picked = kind.picked(question, value) if value is not None else ()
    if shown:
        picked = tuple(i for i in shown if i in picked)
    choices = getattr(question, "choices", ())
    if choices:
        for index in picked:
            choice = choices[index]
            if not choice.feedback or not choice.feedback.strip():
                continue
            text = without_verdict(choice.feedback, grade.correct)
            choice_mark = RIGHT if choice.correct else WRONG
            lines.append(Content.assemble(choice_mark, " ", (choice.text, "b"), " — ", text))
    else:
        for line in grade.feedback:
            if text := without_verdict(line, grade.correct):
                lines.append(Content(text))
    return lines


def right_answer(question: Question, label: str, plural: str | None = None) -> Content:
    """ "The right answer: Blue", or one line per answer when several are right (`plural`
    names them then; by default `label` + "s", English only)."""
    kind = kind_of(question)
    lines = kind.right_answer_lines(question)
    if len(lines) > 1:
        items = "".join(f"\n  • {t}" for t in lines)
        return Content.assemble(((plural or label + "s") + ":", "bold"), items)
    return Content.assemble((label + ":", "bold"), " ", kind.right_answer(question))


class QuestionView(OnePass, Vertical, Generic[Q]):
    """Base class of the question widgets. No border or outline: its own cells are
    painted blank at once (see `one_pass.PlainColumn`)."""

    BLANK: ClassVar[bool] = True

    DEFAULT_CSS = """
    QuestionView { height: auto; }
    QuestionView .answer-review { padding: 0 1; height: auto; }
    """

    def __init__(self, question: Q, *, order: Sequence[int] = ()) -> None:
        super().__init__(classes="question-view")
        self.question = question
        #: The choices' (or order items') indices as written, in the order shown.
        self.order = list(order) or list(range(len(getattr(question, "choices", ()))))
        self.frozen = False

    def compose(self) -> ComposeResult:
        yield from self.compose_input()
        # Ready, hidden, for after submitting: swapping the input for a review already in
        # place is a restyle, where removing and mounting widgets on submit made the
        # learner wait for the removal round-trip (~7 ms of each submit, measured).
        review = Text("", classes="answer-review")
        review.display = False
        yield review

    def compose_input(self) -> ComposeResult:
        """The widgets that take the answer (classes "answer-input" / "answer-controls")."""
        raise NotImplementedError

    def answer(self) -> Answer | None:
        """The current answer, or None when nothing has been chosen."""
        raise NotImplementedError

    def review(self, answer: object, grade: Grade) -> Content:
        """The answer, marked by its `grade`, for after submitting."""
        raise NotImplementedError

    def _input(self) -> Widget | None:
        """The answer input that takes the keyboard focus."""
        for widget in self.query(".answer-input"):
            if widget.focusable:
                return widget
        return None

    def focus_input(self) -> None:
        """Put the keyboard focus on the answer input."""
        widget = self._input()
        if widget is not None:
            # At once, not deferred like `focus()`, so focus moves only once.
            self.screen.set_focus(widget)
        for other in self.query(".answer-input"):
            if other.has_focus and other is not self.screen.focused:
                other.has_focus = False  # it only looked focused (`look_focused`)

    def look_ready(self) -> None:
        """Built ahead and hidden: give the answer input its focused look now, so showing
        the question later only has to focus it (see `HiddenBlur.look_focused`)."""
        widget = self._input()
        if isinstance(widget, HiddenBlur) and not self.display:
            widget.look_focused()

    def freeze(self, answer: object, grade: Grade) -> None:
        """Freeze the answer: hide the input and show its marked review instead."""
        self.frozen = True
        for widget in self.query(".answer-input, .answer-controls"):
            widget.display = False
        review = self.query_one(".answer-review", Static)
        review.update(self.review(answer, grade))
        review.display = True


class MarkedSelectionList(OnePassOptions, HiddenBlur, SelectionList[int]):
    """A SelectionList whose boxes show their state by shape, not only colour: X ticked.

    Textual draws the same X in every box and only changes its colour (the review after
    submitting shows [x] / [ ], so the two agree). As tall as its choices (the quiz's
    CSS), so it never scrolls and is laid out in one pass.
    """

    #: Drawn in the box of a ticked choice (a blank in the others).
    MARK: ClassVar[str] = "X"

    #: While painting: (the options' top padding, the gutter's width, the boxes' styles).
    _paint: tuple[int, int, dict[str, Style]] | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        # Read once per paint, not once per line drawn.
        padding = self.get_component_styles("option-list--option").padding
        self._paint = (padding.top, self._get_left_gutter_width(), {})
        try:
            return super().render_lines(crop)
        finally:
            self._paint = None

    def render_line(self, y: int) -> Strip:
        # SelectionList takes line y for option y, which holds only while every option is
        # one line: a choice that wraps showed the next choice's box on its second line,
        # and the last choice lost its box. Here the box goes on the first line of the
        # choice's text, and the lines around it get a blank gutter of the same width.
        line = OptionList.render_line(self, y)
        number = self.scroll_offset.y + y
        lines = self._lines
        if number >= len(lines):
            return line
        index, offset = lines[number]
        selection = self.get_option_at_index(index)
        underlying = next(iter(line)).style or self.rich_style
        meta = Style(meta={"option": index})  # a click on the gutter picks the choice too
        top, gutter, buttons = self._paint or (
            self.get_component_styles("option-list--option").padding.top,
            self._get_left_gutter_width(),
            {},
        )
        if offset != top:
            return Strip(
                [Segment(" " * gutter, underlying + meta), *line], line.cell_length + gutter
            )
        component = "selection-list--button"
        if selection.value in self._selected:
            component += "-selected"
        if self.highlighted == index:
            component += "-highlighted"
        button = buttons.get(component)
        if button is None:
            button = buttons[component] = self.get_component_rich_style(component)
        side = Style.from_color(button.bgcolor, underlying.bgcolor) + meta
        mark = self.MARK if selection.value in self._selected else " "
        return Strip(
            [
                Segment(ToggleButton.BUTTON_LEFT, side),
                Segment(mark, button + meta),
                Segment(ToggleButton.BUTTON_RIGHT, side),
                Segment(" " * (gutter - 3), underlying),
                *line,
            ],
            line.cell_length + gutter,
        )


class MarkedChoiceList(MarkedSelectionList):
    """Pick one: a list like tick-all-that-apply's, where choosing one unchooses the
    others, and ● marks the chosen one (arrows move, Enter, Space or a click picks).

    One widget: a RadioSet is a widget per choice, and laying out and painting them was
    about a sixth of each Next to a four-choice question (measured in instructions).
    """

    MARK = "●"

    def _toggle_highlighted_selection(self) -> None:
        # A radio button: picking the chosen one again keeps it chosen.
        if self.highlighted is None:
            return
        value = self.get_option_at_index(self.highlighted).value
        if self.selected != [value]:
            self.deselect_all()
            self.select(value)

    @property
    def chosen(self) -> int | None:
        """The chosen value, or None."""
        selected = self.selected
        return selected[0] if selected else None


def _choice_line(box: str, text: str, mark: tuple[str, str] | None, note: str) -> Content:
    if mark:
        return Content.assemble(box, " ", text, "  ", mark, " ", (note, "i"))
    return Content.assemble(box, " ", text)


class SingleChoiceView(QuestionView[SingleQuestion]):
    """Pick one: a `MarkedChoiceList` (arrows move, Enter or Space picks)."""

    def compose_input(self) -> ComposeResult:
        question = self.question
        # Each option's value is the choice's index as written, wherever it is shown.
        yield MarkedChoiceList(
            *((Content(question.choices[i].text), i) for i in self.order),
            classes="answer-input",
            id="choices",
        )

    def answer(self) -> Answer | None:
        return self.query_one(MarkedChoiceList).chosen

    def review(self, answer: object, grade: Grade) -> Content:
        question = self.question
        lines = []
        for i in self.order:
            choice = question.choices[i]
            chosen = answer == i and not isinstance(answer, bool)
            box = "(•)" if chosen else "( )"
            if chosen and choice.correct:
                line = _choice_line(box, choice.text, RIGHT, _("your answer — right"))
            elif chosen:
                line = _choice_line(box, choice.text, WRONG, _("your answer — not right"))
            elif choice.correct:
                line = _choice_line(box, choice.text, RIGHT, _("the right answer"))
            else:
                line = _choice_line(box, choice.text, None, "")
            lines.append(line)
        return Content("\n").join(lines)


class MultipleChoiceView(QuestionView[MultipleQuestion]):
    """Tick all that apply: a SelectionList (arrows move, Space or Enter ticks)."""

    def compose_input(self) -> ComposeResult:
        question = self.question
        yield MarkedSelectionList(
            *((Content(question.choices[i].text), i) for i in self.order),
            classes="answer-input",
            id="choices",
        )

    def answer(self) -> Answer | None:
        picked = self.query_one(SelectionList).selected
        return frozenset(picked) if picked else None

    def review(self, answer: object, grade: Grade) -> Content:
        question = self.question
        picked = answer if isinstance(answer, frozenset | set | list | tuple) else ()
        lines = []
        for i in self.order:
            choice = question.choices[i]
            ticked = i in picked
            box = "[x]" if ticked else "[ ]"
            if ticked and choice.correct:
                line = _choice_line(box, choice.text, RIGHT, _("ticked — right"))
            elif ticked:
                line = _choice_line(box, choice.text, WRONG, _("ticked — should not be"))
            elif choice.correct:
                line = _choice_line(box, choice.text, WRONG, _("should be ticked"))
            else:
                line = _choice_line(box, choice.text, RIGHT, _("left out — right"))
            lines.append(line)
        return Content("\n").join(lines)


class TrueFalseView(QuestionView[TrueFalseQuestion]):
    """True or false: a `MarkedChoiceList` of the two."""

    def compose_input(self) -> ComposeResult:
        yield MarkedChoiceList(
            (_("True"), 1), (_("False"), 0), classes="answer-input", id="choices"
        )

    def answer(self) -> Answer | None:
        chosen = self.query_one(MarkedChoiceList).chosen
        return None if chosen is None else chosen == 1

    def review(self, answer: object, grade: Grade) -> Content:
        question = self.question
        lines = []
        for value, text in ((True, _("True")), (False, _("False"))):
            chosen = answer is value
            box = "(•)" if chosen else "( )"
            if chosen and value == question.answer:
                line = _choice_line(box, text, RIGHT, _("your answer — right"))
            elif chosen:
                line = _choice_line(box, text, WRONG, _("your answer — not right"))
            elif value == question.answer:
                line = _choice_line(box, text, RIGHT, _("the right answer"))
            else:
                line = _choice_line(box, text, None, "")
            lines.append(line)
        return Content("\n").join(lines)


class OrderList(OnePassOptions, HiddenBlur, OptionList):
    """The order question's list of items (hidden, with focus, on submit)."""


class OrderView(QuestionView[OrderQuestion]):
    """Put items in order. Highlight an item, then move it with keys or the buttons.

    Starts in the order it is given (the attempt's, from `shown_order`: never already
    right).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+up,alt+up,u", "move(-1)", N_("Move up"), key_display="u"),
        Binding("ctrl+down,alt+down,d", "move(1)", N_("Move down"), key_display="d"),
    ]

    DEFAULT_CSS = """
    OrderView #order-items { height: auto; max-height: 12; }
    OrderView .answer-controls { height: auto; margin-top: 1; }
    OrderView .answer-controls Button { margin-right: 1; min-width: 0; }
    """

    def __init__(self, question: OrderQuestion, *, order: Sequence[int] = ()) -> None:
        super().__init__(question, order=order or range(len(question.items)))

    def compose_input(self) -> ComposeResult:
        yield OrderList(*self._prompts(), classes="answer-input", id="order-items")
        with Row(classes="answer-controls"):
            yield QuizButton(_("▲ Move up"), id="move-up")
            yield QuizButton(_("▼ Move down"), id="move-down")

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0

    def _prompts(self) -> list[Content]:
        question = self.question
        return [Content(f"{n}. {question.items[i]}") for n, i in enumerate(self.order, 1)]

    def answer(self) -> Answer | None:
        return tuple(self.order)

    def action_move(self, step: int) -> None:
        """Move the highlighted item up (-1) or down (+1)."""
        if self.frozen:
            return
        options = self.query_one(OptionList)
        index = options.highlighted
        if index is None:
            return
        target = index + step
        if not 0 <= target < len(self.order):
            return
        self.order[index], self.order[target] = self.order[target], self.order[index]
        for i, prompt in enumerate(self._prompts()):
            options.replace_option_prompt_at_index(i, prompt)
        options.highlighted = target

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id in ("move-up", "move-down"):
            event.stop()
            self.action_move(-1 if event.button.id == "move-up" else 1)
            # Keep the keyboard on the list so keys and clicks can be mixed.
            self.query_one(OptionList).focus()

    def review(self, answer: object, grade: Grade) -> Content:
        question = self.question
        order = list(answer) if isinstance(answer, list | tuple) else self.order
        lines = []
        for place, index in enumerate(order):
            text = f"{place + 1}. {question.items[index]}"
            if question.items[index] == question.items[place]:
                line = _choice_line("", text, RIGHT, _("right place"))
            else:
                right = question.items.index(question.items[index]) + 1
                line = _choice_line("", text, WRONG, _("belongs at {n}").format(n=right))
            lines.append(line)
        return Content("\n").join(lines)


class AnswerInput(HiddenBlur, Input):
    """The short-answer text box (hidden, with focus, on submit)."""


class ShortAnswerView(QuestionView[ShortAnswerQuestion]):
    """Type a short answer; Enter submits."""

    def compose_input(self) -> ComposeResult:
        yield AnswerInput(
            placeholder=_("Type your answer, then press Enter"), classes="answer-input"
        )

    def answer(self) -> Answer | None:
        value = self.query_one(Input).value
        return value if value.strip() else None

    def review(self, answer: object, grade: Grade) -> Content:
        text = answer if isinstance(answer, str) else ""
        mark, note = (RIGHT, _("right")) if grade.correct else (WRONG, _("not right"))
        said = Content.from_markup(_("Your answer: [b]$text[/b]"), text=text or _("(empty)"))
        return said + Content.assemble("  ", mark, " ", (note, "i"))


#: The view of each question kind, by its `type:` tag.
_VIEWS: dict[str, type[QuestionView[Any]]] = {
    "single": SingleChoiceView,
    "multiple": MultipleChoiceView,
    "true_false": TrueFalseView,
    "order": OrderView,
    "short_answer": ShortAnswerView,
}


def make_question_view(question: Question, *, order: Sequence[int] = ()) -> QuestionView[Any]:
    """The widget for this question's type, its choices (or items) in the `order` shown
    (indices as written; default: choices as written, order items shuffled)."""
    kind = kind_of(question)
    return _VIEWS[kind.tag](question, order=order or kind.shown_order(question, None))


__all__ = [
    "MultipleChoiceView",
    "OrderView",
    "QuestionView",
    "ShortAnswerView",
    "SingleChoiceView",
    "TrueFalseView",
    "describe_answer",
    "feedback_lines",
    "make_question_view",
    "right_answer",
    "without_verdict",
]

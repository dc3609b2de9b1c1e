"""Pilot tests of the hands-on review's fixes: labels that fit, glyphs beyond colour,
keyboard scrolling, keys that apply, numbering, wording, first-run notice and help."""

from __future__ import annotations

from pathlib import Path

import msgspec
import msgspec.structs
import pytest
from textual.app import App
from textual.widget import Widget
from textual.widgets import Button, SelectionList, Static

from ketatui.content.catalog import Catalog
from ketatui.progress.store import ProgressStore
from ketatui.quiz.grading import check_answer
from ketatui.ui.app import KetatuiApp
from ketatui.ui.screens.help import HelpScreen
from ketatui.ui.screens.notice import NoticeScreen
from ketatui.ui.screens.profiles import ProfilesScreen
from ketatui.ui.screens.results import ResultsScreen
from ketatui.ui.text import reflow
from ketatui.ui.widgets.key_bar import KeyBar
from ketatui.ui.widgets.questions import (
    MarkedChoiceList,
    OrderView,
    feedback_lines,
    right_answer,
    without_verdict,
)
from ketatui.ui.widgets.sources_panel import SourcesPanel

from .lesson_harness import LESSON_ID, LessonHarness, page_label, text_of

SIZE = (80, 24)
UI_COURSE = Path(__file__).parent.parent / "data" / "ui_course"


def line_text(widget: Widget) -> str:
    """What a one-line widget draws, as plain text."""
    return widget.render_line(0).text


async def test_next_button_grows_to_fit_start_quiz(ui_catalog: Catalog) -> None:
    app = LessonHarness(ui_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("right", "right")
        await pilot.pause()
        assert page_label(app) == "Page 3 of 3"
        button = app.screen.query_one("#next", Button)
        assert str(button.label) == "Start quiz ▶"
        # The whole label is drawn: the button is wide enough and the text is on screen.
        assert button.size.width >= len("Start quiz ▶")
        rendered = "".join(button.render_line(y).text for y in range(button.size.height))
        assert "Start quiz ▶" in rendered


async def test_chosen_and_unchosen_differ_without_colour(
    ui_catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = LessonHarness(ui_catalog, start_quiz=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        choices = app.screen.query_one(MarkedChoiceList)
        before = [choices.render_line(y).text for y in range(len(choices.options))]
        await pilot.press("down", "enter")  # choose the second answer
        await pilot.pause()
        after = [choices.render_line(y).text for y in range(len(choices.options))]
        assert after[1] != before[1]  # the chosen one changed shape, not only colour
        assert after[0] == before[0]
        assert "●" in after[1][:4] and "●" not in after[0]
        await pilot.press("up", "enter")  # another: the first is unchosen, one at a time
        await pilot.pause()
        again = [choices.render_line(y).text for y in range(len(choices.options))]
        assert "●" in again[0][:4] and "●" not in again[1]
        await pilot.press("enter")  # the chosen one again: still chosen, as a radio button
        await pilot.pause()
        assert [choices.render_line(y).text for y in range(len(choices.options))] == again
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")  # next question: tick all that apply
        await pilot.pause()
        # The question shown (the last one, a choice list too, is removed a moment later).
        selection = app.screen.view.query_one(SelectionList)
        rows_before = [selection.render_line(y).text for y in range(len(selection.options))]
        selection.highlighted = 0
        await pilot.press("space")
        await pilot.pause()
        rows_after = [selection.render_line(y).text for y in range(len(selection.options))]
        assert rows_after[0] != rows_before[0]
        assert rows_after[1] == rows_before[1]
        assert "X" in rows_after[0][:4] and "X" not in rows_after[1][:4]


def seed_answered_attempt(data_dir: Path, order: list[str]) -> None:
    """A quiz attempt asked in `order`, every question answered (wrong), not yet finished."""
    with ProgressStore.open(data_dir) as store:
        profile = store.create_profile("Tester")
        attempt = store.start_attempt(profile.id, LESSON_ID, order)
        for qid in order:
            store.record_answer(attempt.id, qid, None, False)


ASKED = ["q-short", "q-order", "q-true-false", "q-multiple", "q-single"]


async def test_results_number_questions_as_asked_and_scroll_from_the_buttons(
    ui_catalog: Catalog, data_dir: Path
) -> None:
    seed_answered_attempt(data_dir, ASKED)
    app = LessonHarness(ui_catalog, data_dir=data_dir, start_quiz=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        results = app.screen
        assert isinstance(results, ResultsScreen)
        heads = [text_of(s) for s in results.query(".review-head").results(Static)]
        assert heads[0].startswith("✗ 1. What is two plus two")  # asked first
        assert heads[4].startswith("✗ 5. Which colour is the sky")
        # The keyboard is on a button, and the review is longer than the screen.
        assert isinstance(app.focused, Button)
        review = results.query_one("#review")
        assert review.max_scroll_y > 0 and review.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert review.scroll_y > 0
        assert isinstance(app.focused, Button)  # still on the button
        await pilot.press("up")
        await pilot.pause()
        below_top = review.scroll_y
        await pilot.press("pageup")
        await pilot.pause()
        assert review.scroll_y < below_top


async def test_sources_panel_scrolls_by_keys(ui_catalog: Catalog) -> None:
    app = LessonHarness(ui_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        panel = app.screen.query_one(SourcesPanel)
        # A lesson with many sources: more than the panel's height.
        panel.query_one("#sources-list", Static).update(
            "\n".join(f"{n}. Source number {n}" for n in range(1, 41))
        )
        await pilot.pause()
        assert panel.max_scroll_y > 0
        assert panel.has_focus
        await pilot.press("down", "down")
        await pilot.pause()
        assert panel.scroll_y > 0
        await pilot.press("right")  # still turns the page
        assert page_label(app) == "Page 2 of 3"
        await pilot.press("s")  # closed: the keyboard is back on the page
        await pilot.pause()
        assert app.screen.query_one("#page-scroll").has_focus


LONG_NOTICE = """This course is for education. It is not medical advice, and it does not replace
your care team. Talk with your care team about any question on your own health or
treatment. Decisions about treatment are made together with them.

If you are in crisis or thinking about suicide, get help now. In the US, call or
text 988. If you are in immediate danger, call 911. Press F1 at any time to see
where to get help."""


def with_long_notice(catalog: Catalog) -> Catalog:
    course = msgspec.structs.replace(
        catalog.course, notice=LONG_NOTICE, summary="A summary.\nOn two lines."
    )
    return msgspec.structs.replace(catalog, course=course)


async def test_notice_opens_at_the_top_with_continue_and_crisis_lines_in_view(
    ui_catalog: Catalog,
) -> None:
    app = KetatuiApp(with_long_notice(ui_catalog), None)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, NoticeScreen)
        body = screen.query_one("#notice-body")
        assert body.max_scroll_y > 0  # more than fits: the notice scrolls...
        assert body.scroll_y == 0
        # ...but never the crisis lines: whole, on screen, above the button.
        crisis = screen.query_one("#notice-crisis", Static)
        assert "Call or text 000" in text_of(crisis) and "Call 999" in text_of(crisis)
        assert screen.region.contains_region(crisis.region)
        assert crisis.region.bottom <= screen.query_one("#continue").region.y
        title = screen.query_one(".screen-title", Static)
        assert text_of(title) == ui_catalog.course.title
        assert title.region.y >= 0 and body.region.contains_region(title.region)
        notice = screen.query_one("#notice-text", Static)
        assert body.region.contains_point(notice.region.offset)  # the disclaimer's first line
        button = screen.query_one("#continue")
        assert button.has_focus
        bar = screen.query_one(KeyBar)
        assert button.region.bottom <= bar.region.y  # whole button above the key bar
        # Paragraphs are joined, not broken where the author's editor wrapped them.
        text = text_of(notice)
        assert "In the US, call or text 988." in text
        assert text.count("\n") == 2  # one blank line between the two paragraphs
        # The text scrolls from the button, and Enter still continues.
        await pilot.press("pagedown")
        await pilot.pause()
        assert body.scroll_y > 0


def test_reflow_joins_lines_and_keeps_paragraphs() -> None:
    assert reflow("a\n b\n\n\nc\nd\n") == "a b\n\nc d"
    assert reflow("") == ""


def bar_descriptions(app: App[object]) -> list[str]:
    """The keys the bar draws (by description), in order."""
    return [key[2] for key in app.screen.query_one(KeyBar).visible_keys]


async def test_key_bar_lists_only_keys_that_apply_and_fits_80_columns(
    ui_catalog: Catalog,
) -> None:
    app = KetatuiApp(ui_catalog, None, show_notice=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_lesson(LESSON_ID)
        await pilot.pause()
        await pilot.press("right", "right", "right")  # into the quiz
        await pilot.pause()
        shown = bar_descriptions(app)
        assert "Submit" in shown and "Hint" in shown and "Next" not in shown
        await pilot.press("down", "enter", "ctrl+s")  # answer the first question
        await pilot.pause()
        shown = bar_descriptions(app)
        assert "Next" in shown and "Submit" not in shown and "Hint" not in shown
        await pilot.press("n")
        await pilot.pause()
        shown = bar_descriptions(app)  # the second question has no hint
        assert "Submit" in shown and "Hint" not in shown and "Next" not in shown
        await pilot.press("space", "ctrl+s", "n", "enter", "ctrl+s", "n")  # to the order question
        await pilot.pause()
        assert isinstance(app.screen.query_one(OrderView), OrderView)
        bar = app.screen.query_one(KeyBar)
        shown = bar_descriptions(app)
        assert shown[0] == "Crisis help"
        assert {"Move up", "Move down", "Submit"} <= set(shown)
        # No key is cut in half: what is drawn ends with a whole key.
        text = bar.render_line(0).text.rstrip()
        assert len(text) <= SIZE[0] and text.endswith(shown[-1])
        # Keys left out for room are the screen's own from the right, never F1, the keys
        # help (which lists the rest) or Quit.
        assert set(shown) < {key[2] for key in bar.shown_keys()}
        assert {"Crisis help", "Keys", "Quit"} <= set(shown)


def test_the_notice_is_shown_on_the_first_run_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ketatui import cli

    started: list[KetatuiApp] = []
    monkeypatch.setattr(KetatuiApp, "run", lambda self, *a, **k: started.append(self))
    data = tmp_path / "data"
    argv = ["--lessons", str(UI_COURSE), "--data-dir", str(data)]
    assert cli.main(argv) == 0
    assert started[-1].show_notice  # nothing saved yet: first run
    ProgressStore.open(data).close()
    assert cli.main(argv) == 0
    assert not started[-1].show_notice


async def test_later_starts_open_the_picker_with_a_reminder_and_the_last_learner(
    ui_catalog: Catalog, data_dir: Path
) -> None:
    with ProgressStore.open(data_dir) as store:
        store.create_profile("Alice")
        sam = store.create_profile("Sam")
        store.save_page(sam.id, LESSON_ID, 1)  # Sam learned last
    store = ProgressStore.open(data_dir)
    app = KetatuiApp(ui_catalog, show_notice=False, open_store=lambda: (store, ""))
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ProfilesScreen)
            reminder = text_of(screen.query_one("#reminder", Static))
            assert reminder == "Education only, not medical advice. F1: crisis help."
            assert screen.highlighted_profile() is not None
            assert screen.highlighted_profile().name == "Sam"
            # Creating two profiles in a row: one message line, no pile of toasts.
            for name in ("Kim", "Lee"):
                screen.query_one("#new-name").focus()
                await pilot.press(*name, "enter")
                await pilot.pause()
            assert text_of(screen.query_one("#profile-message", Static)) == (
                "Lee created. Press Enter to start."
            )
            assert not app._notifications
    finally:
        store.close()


def test_feedback_names_each_choice_and_says_not_quite_once(ui_catalog: Catalog) -> None:
    entry = ui_catalog.entry(LESSON_ID)
    assert entry is not None
    question = entry.lesson.question("q-multiple")
    answer = frozenset({0, 1})  # Apple and Carrot
    lines = [str(line) for line in feedback_lines(question, answer, check_answer(question, answer))]
    assert lines == [
        "✗ Not quite.",
        "✓ Apple — Yes, an apple is a fruit.",
        "✗ Carrot — A carrot is a root vegetable.",
    ]
    assert without_verdict("Not quite: that's a sunset.", correct=False) == "That's a sunset."
    assert without_verdict("Not quite.", correct=False) == ""
    assert without_verdict("Yes. Right away.", correct=True) == "Yes. Right away."


def test_right_answers_to_a_multiple_question_are_one_per_line(ui_catalog: Catalog) -> None:
    entry = ui_catalog.entry(LESSON_ID)
    assert entry is not None
    text = str(right_answer(entry.lesson.question("q-multiple"), "Right answer"))
    assert text == "Right answers:\n  • Apple\n  • Pear"
    assert str(right_answer(entry.lesson.question("q-single"), "Right answer")) == (
        "Right answer: Blue"
    )


async def test_a_long_profile_name_is_cut_with_an_ellipsis_in_the_catalog_header(
    ui_catalog: Catalog, data_dir: Path
) -> None:
    long_name = "Alexandra " * 5 + "Longname"
    with ProgressStore.open(data_dir) as store:
        store.create_profile(long_name)
    store = ProgressStore.open(data_dir)
    app = KetatuiApp(ui_catalog, show_notice=False, open_store=lambda: (store, ""))
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("enter")  # learn as the only profile
            await pilot.pause()
            who = app.screen.query_one("#who", Static)
            course = app.screen.query_one("#course-title", Static)
            shown = who.render_line(0).text.rstrip()
            assert shown.startswith("Learning as Alexandra") and shown.endswith("…")
            assert course.render_line(0).text.strip() == ui_catalog.course.title
            assert who.region.x - course.region.right >= 2  # a gap between them
            assert who.region.right <= SIZE[0]
    finally:
        store.close()


async def test_help_lists_the_screens_keys_wherever_the_focus_is(ui_catalog: Catalog) -> None:
    app = KetatuiApp(ui_catalog, None, show_notice=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_lesson(LESSON_ID)
        await pilot.pause()
        await pilot.press("right", "right", "right")  # into the quiz
        await pilot.pause()
        for keys in (
            ("down", "enter", "ctrl+s", "n"),
            ("space", "ctrl+s", "n"),
            ("enter", "ctrl+s", "n"),
        ):
            await pilot.press(*keys)
            await pilot.pause()
        assert app.screen.query(OrderView)
        app.screen.query_one("#submit", Button).focus()  # not on the list
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        rows = {desc: keys for _, section in help_screen.sections for keys, desc in section}
        assert "u" in rows["Move up"] and "d" in rows["Move down"]
        # Textual's generic entries are left out; Tab is explained in words instead.
        assert not {"Focus Next", "Focus Previous", "Copy selected text"} & set(rows)
        assert "Tab and Shift+Tab" in text_of(help_screen.query_one(".help-note", Static))
        # A long description wraps under itself, not under the keys.
        for row in help_screen.query(".help-row"):
            key_cell, description = row.children
            assert description.region.x >= key_cell.region.right


async def test_the_meter_fills_with_progress_and_never_spills() -> None:
    from ketatui.ui.widgets.meter import DONE, TO_GO, Meter

    class Host(App[None]):
        def compose(self):  # type: ignore[no-untyped-def]
            yield Meter(4, 1, id="m")

    async with Host().run_test(size=(40, 3)) as pilot:
        meter = pilot.app.query_one(Meter)
        assert meter.render_line(0).text == DONE * 10 + TO_GO * 30
        meter.update(progress=4)
        await pilot.pause()
        assert meter.render_line(0).text == DONE * 40
        meter.update(progress=9, total=4)  # more than the total: full, not wider
        await pilot.pause()
        assert meter.render_line(0).text == DONE * 40
        meter.update(progress=0, total=0)  # nothing to do: empty, no division by zero
        await pilot.pause()
        assert meter.render_line(0).text == TO_GO * 40
        # The count before the bar, and the bar in the cells left.
        meter.update(progress=1, total=2, label="Página 1 de 2")
        await pilot.pause()
        assert meter.render_line(0).text == "Página 1 de 2  " + DONE * 12 + TO_GO * 13
        meter.update(label="x" * 45)  # a label wider than the line: no bar, no error
        await pilot.pause()
        assert meter.render_line(0).text == "x" * 40
        # The count and the part to go are muted alike (blended with the background);
        # the part done is in the meter's own colour.
        meter.update(label="Page 1 of 2")
        await pilot.pause()
        colour = {segment.text[0]: segment.style.color for segment in meter.render_line(0)}
        assert colour[TO_GO] == colour["P"] != colour[DONE]
        assert colour[DONE] == meter.rich_style.color


@pytest.mark.parametrize(
    "parts",
    [
        ((" ✓ ", "bold"), ("What is depression?", "bold"), "\n   ", ("Passed · 100%", "")),
        (("A title long enough to wrap at narrow widths, and then some more", "bold"),),
        (("漢字のタイトル", "bold"), "\n", "wide characters take two cells"),
        ("a\ttab", "\n", "and a line"),
    ],
)
def test_a_list_row_is_as_tall_as_its_content_at_every_width(parts: tuple) -> None:
    from textual.content import Content

    from ketatui.ui.widgets.list_row import ListRow

    row = ListRow(*parts)
    content = Content.assemble(*parts)
    assert str(row) == content.plain
    for rules in ({}, {"line_pad": 1}):
        for width in range(3, 70):
            assert row.get_height(rules, width) == content.get_height(rules, width), width


async def test_a_long_lesson_title_wraps_under_itself_in_the_catalog(ui_catalog) -> None:
    """A title too long for the row continues level with the title, not under the mark."""
    import msgspec
    from textual.style import Style
    from textual.visual import RenderOptions

    from ketatui.content.catalog import LessonEntry
    from ketatui.ui.screens.catalog import lesson_row

    entry = ui_catalog.entry("first-lesson")
    assert entry is not None
    title = "Living well with depression while you wait for your first treatment day"
    lesson = msgspec.structs.replace(entry.lesson, title=title)
    long_entry = LessonEntry(lesson, entry.path, entry.module_id, entry.content_hash)
    row = lesson_row(long_entry, None)
    width = 30
    options = RenderOptions(lambda _: Style(), {})
    lines = [strip.text.rstrip() for strip in row.render_strips(width, None, Style(), options)]
    assert row.get_height({}, width) == len(lines)
    title_lines = lines[:-1]  # the last line is the status words
    assert len(title_lines) >= 3
    assert all(line.startswith("   ") and line[3] != " " for line in title_lines[1:]), lines
    assert lines[-1].startswith("   ") and "min" in lines[-1]
    assert " ".join(line.strip() for line in title_lines).endswith(title)
    assert all(len(line) <= width for line in lines)

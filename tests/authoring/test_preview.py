"""`ketatui preview FILE`: opens one lesson, reloads it on save, shows errors, saves nothing.

The watcher is driven by hand (`check_for_changes()` twice: see a change, confirm it) with
`os.utime` making every write look new, so no test waits on the polling timer except one.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import Static

from ketatui.authoring.watch import FileWatcher, body_files
from ketatui.ui.preview import PreviewApp, PreviewHomeScreen
from ketatui.ui.screens.crisis import CrisisScreen
from ketatui.ui.screens.lesson import LessonScreen
from ketatui.ui.screens.preview_errors import WAITING, PreviewErrorsScreen
from ketatui.ui.screens.quiz import QuizScreen
from ketatui.ui.screens.results import ResultsScreen
from ketatui.ui.widgets.meter import Meter
from ketatui.ui.widgets.page_view import PageBody

SIZE = (90, 30)

COURSE_YAML = """\
title: Preview course
crisis:
  resources:
    - {name: Test line, contact: Call 000-TEST}
"""

QUIZ = """\
quiz:
  questions:
    - id: q1
      type: true_false
      prompt: Previews save nothing.
      answer: true
      explanation: They keep progress in memory only.
"""


def lesson_yaml(*bodies: str, quiz: bool = True, extra_page: str = "") -> str:
    """A valid lesson with one page per body (page titles "Page 1", "Page 2", ...)."""
    pages = "".join(
        f"  - title: Page {i}\n    body: {body}\n" for i, body in enumerate(bodies, start=1)
    )
    return (
        "id: preview-lesson\n"
        "title: Preview lesson\n"
        "tracks: [patient]\n"
        "minutes: 3\n"
        "summary: A lesson for the preview tests.\n"
        "review: {status: draft, by: Tester, date: 2026-01-01, next_due: 2027-01-01}\n"
        "pages:\n" + pages + extra_page + (QUIZ if quiz else "")
    )


def save(path: Path, text: str) -> None:
    """Write like an editor, and make the save visible to the watcher whatever the clock."""
    path.write_text(text, encoding="utf-8")
    bump(path)


def bump(path: Path) -> None:
    st = path.stat()
    stamp = st.st_mtime_ns + 10_000_000_000  # 10 s later: never equal to the last look
    os.utime(path, ns=(stamp, stamp))


async def reloaded(pilot, app: PreviewApp) -> bool:
    """What the timer does after a save: see the change, confirm it, then let it paint."""
    app.check_for_changes()
    done = app.check_for_changes()
    await pilot.pause()
    await pilot.pause()
    return done


@pytest.fixture(autouse=True)
def no_data_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every place progress could go at one empty folder (checked after each test)."""
    home = tmp_path / "home"
    home.mkdir()
    for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(home))
    monkeypatch.setenv("KETATUI_DATA_DIR", str(home / "ketatui-data"))
    yield home
    assert list(home.iterdir()) == [], "the preview wrote to a data or config dir"


@pytest.fixture
def lesson(tmp_path: Path) -> Path:
    """A three-page lesson with a quiz, in a module folder of a course."""
    course = tmp_path / "course"
    module = course / "01-module"
    module.mkdir(parents=True)
    (course / "course.yaml").write_text(COURSE_YAML, encoding="utf-8")
    (module / "module.yaml").write_text("id: the-module\ntitle: The module\n", encoding="utf-8")
    path = module / "01-lesson.yaml"
    save(path, lesson_yaml("First body.", "Second body.", "Third body."))
    return path


def page_label(app: PreviewApp) -> str:
    return app.screen.query_one("#page-progress", Meter).label


def prompt(app: PreviewApp) -> str:
    return str(app.screen.query_one("#question-prompt", Static).visual)


def body(app: PreviewApp) -> str:
    return app.screen.query_one(PageBody).source


# ---------------------------------------------------------------------------- opening


async def test_opens_on_the_first_page_without_notice_or_profiles(lesson: Path) -> None:
    app = PreviewApp(lesson, poll_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        assert page_label(app) == "Page 1 of 3"
        assert "First body." in body(app)
        assert app.session.store is None and not app.session.saving
        assert app.catalog.course.title == "Preview course"  # course.yaml above the file
        await pilot.press("right")
        assert page_label(app) == "Page 2 of 3"
        await pilot.press("f1")  # crisis help comes from that course.yaml
        assert isinstance(app.screen, CrisisScreen)
        assert app.screen.crisis.resources[0].contact == "Call 000-TEST"


async def test_page_option_opens_that_page_and_clamps(lesson: Path) -> None:
    app = PreviewApp(lesson, start_page=1, poll_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert page_label(app) == "Page 2 of 3"
        assert "Second body." in body(app)
    app = PreviewApp(lesson, start_page=8, poll_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert page_label(app) == "Page 3 of 3"
        assert "has 3 pages" in "\n".join(str(n.message) for n in app._notifications)


async def test_quiz_option_opens_the_quiz(lesson: Path) -> None:
    app = PreviewApp(lesson, start_quiz=True, poll_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert "Previews save nothing" in prompt(app)


async def test_lesson_without_course_folder_gets_a_default_course(tmp_path: Path) -> None:
    path = tmp_path / "loose" / "lesson.yaml"
    path.parent.mkdir()
    save(path, lesson_yaml("Alone.", quiz=False))
    app = PreviewApp(path, poll_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Alone." in body(app)
        assert app.catalog.course.title == "loose"


# ---------------------------------------------------------------------------- reloading


async def test_a_save_reloads_the_same_page_with_the_new_text(lesson: Path) -> None:
    app = PreviewApp(lesson, start_page=1, poll_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.check_for_changes()  # nothing changed: nothing to do
        save(lesson, lesson_yaml("First body.", "Rewritten second page.", "Third body."))
        assert not app.check_for_changes()  # first look: wait for the save to settle
        assert app.check_for_changes()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        assert page_label(app) == "Page 2 of 3"
        assert "Rewritten second page." in body(app)
        assert len(app.screen_stack) == 3  # [default, home, lesson]: replaced, not stacked
        assert app.loads == 2


async def test_a_save_that_removes_pages_clamps_the_page(lesson: Path) -> None:
    app = PreviewApp(lesson, start_page=2, poll_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        save(lesson, lesson_yaml("Only one page now."))
        assert await reloaded(pilot, app)
        assert page_label(app) == "Page 1 of 1"
        assert "Only one page now." in body(app)


async def test_a_save_in_the_quiz_reopens_the_quiz(lesson: Path) -> None:
    app = PreviewApp(lesson, start_quiz=True, poll_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        save(lesson, lesson_yaml("A.", "B.", "C.").replace("Previews save", "A preview saves"))
        assert await reloaded(pilot, app)
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert "A preview saves nothing" in prompt(app)
        assert sum(isinstance(s, QuizScreen) for s in app.screen_stack) == 1


async def test_a_save_keeps_the_scroll_position_and_sources_panel(lesson: Path) -> None:
    paragraphs = "\n\n".join(f"Paragraph {i} of a long page." for i in range(60))
    long = "|\n      " + paragraphs.replace("\n", "\n      ")
    save(lesson, lesson_yaml("First body.", long))
    app = PreviewApp(lesson, start_page=1, poll_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("pagedown", "pagedown", "s")
        await pilot.pause()
        before = app.screen.query_one("#page-scroll").scroll_y
        assert before > 0
        save(lesson, lesson_yaml("Edited first page.", long))
        assert await reloaded(pilot, app)
        await pilot.pause(0.3)
        assert page_label(app) == "Page 2 of 2"
        assert app.screen.query_one("#page-scroll").scroll_y == before
        assert app.screen.query_one("#sources").display


async def test_body_files_are_watched(lesson: Path) -> None:
    md = lesson.parent / "bodies" / "extra.md"
    md.parent.mkdir()
    save(md, "Markdown from a file.")
    extra = "  - title: Page 2\n    body_file: bodies/extra.md\n"
    save(lesson, lesson_yaml("First body.", quiz=False, extra_page=extra))
    app = PreviewApp(lesson, start_page=1, poll_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Markdown from a file." in body(app)
        save(md, "The Markdown file changed.")
        assert await reloaded(pilot, app)
        assert page_label(app) == "Page 2 of 2"
        assert "The Markdown file changed." in body(app)


async def test_a_reload_waits_for_crisis_help_to_close(lesson: Path) -> None:
    app = PreviewApp(lesson, poll_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        save(lesson, lesson_yaml("New first page.", "B.", "C."))
        assert not await reloaded(pilot, app)
        assert isinstance(app.screen, CrisisScreen)  # never pulled from under the reader
        await pilot.press("escape")
        await pilot.pause()
        app.check_for_changes()  # the next look after it closes (or the settle timer) reloads
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        assert "New first page." in body(app)
        assert app.loads == 2


async def test_the_real_timer_reloads_within_a_second(lesson: Path) -> None:
    app = PreviewApp(lesson)  # the real POLL_INTERVAL and SETTLE_DELAY
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        save(lesson, lesson_yaml("Seen without any key press.", "B.", "C."))
        await pilot.pause(0.8)
        assert "Seen without any key press." in body(app)


# ---------------------------------------------------------------------------- errors


async def test_errors_show_with_line_and_column_then_clear_on_the_same_page(
    lesson: Path,
) -> None:
    app = PreviewApp(lesson, start_page=1, poll_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        good = lesson_yaml("First body.", "Second body.", "Third body.")
        save(lesson, good.replace("minutes: 3", "minutes: 3\nsumary: typo"))
        assert await reloaded(pilot, app)
        screen = app.screen
        assert isinstance(screen, PreviewErrorsScreen)
        [line] = screen.lines
        assert line.startswith(f"{lesson}:5:1: error:")  # file:line:column, as editors read it
        assert "sumary" in line and "summary" in line  # the suggestion
        assert WAITING in str(screen.query_one("#errors-waiting", Static).visual)
        assert "Checked at" in str(screen.query_one("#errors-checked", Static).visual)

        # Still broken, differently: the same screen updates in place.
        save(lesson, good.replace("pages:\n", "pages: [\n"))
        assert await reloaded(pilot, app)
        assert app.screen is screen
        assert screen.lines and "sumary" not in "\n".join(screen.lines)

        save(lesson, good.replace("Second body.", "Fixed second body."))
        assert await reloaded(pilot, app)
        assert isinstance(app.screen, LessonScreen)
        assert page_label(app) == "Page 2 of 3"  # back where the author was
        assert "Fixed second body." in body(app)
        assert len(app.screen_stack) == 3


async def test_a_yaml_syntax_error_shows_its_line_and_a_caret(lesson: Path) -> None:
    app = PreviewApp(lesson, poll_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        good = lesson_yaml("First body.", "Second body.", "Third body.")
        save(lesson, good.replace("title: Preview lesson", 'title: "Preview lesson'))
        assert await reloaded(pilot, app)
        [text] = app.screen.lines
        first, source, caret = text.splitlines()
        assert first.startswith(f"{lesson}:2:8: error: this quote is never closed")
        assert source == '     2 | title: "Preview lesson'
        assert caret.index("^") == source.index('"')


async def test_a_file_broken_at_start_shows_errors_then_recovers(lesson: Path) -> None:
    save(lesson, "id: x\ntitle: [unclosed\n")
    app = PreviewApp(lesson, start_page=1, poll_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PreviewErrorsScreen)
        assert all(":" in line for line in app.screen.lines)
        save(lesson, lesson_yaml("A.", "Page two at last.", "C."))
        assert await reloaded(pilot, app)
        assert page_label(app) == "Page 2 of 3"  # --page is kept through the errors
        assert "Page two at last." in body(app)


async def test_a_deleted_file_is_reported_and_recovers_when_recreated(lesson: Path) -> None:
    text = lesson.read_text(encoding="utf-8")
    app = PreviewApp(lesson, start_page=2, poll_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lesson.unlink()
        assert await reloaded(pilot, app)
        assert isinstance(app.screen, PreviewErrorsScreen)
        assert "the file is missing" in app.screen.lines[0]
        save(lesson, text)
        assert await reloaded(pilot, app)
        assert isinstance(app.screen, LessonScreen)
        assert page_label(app) == "Page 3 of 3"


async def test_a_missing_body_file_recovers_when_it_is_created(lesson: Path) -> None:
    extra = "  - title: Page 2\n    body_file: later.md\n"
    save(lesson, lesson_yaml("First body.", quiz=False, extra_page=extra))
    app = PreviewApp(lesson, start_page=1, poll_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PreviewErrorsScreen)
        assert "later.md" in app.screen.lines[0]
        save(lesson.parent / "later.md", "Written after the lesson.")
        assert await reloaded(pilot, app)
        assert "Written after the lesson." in body(app)


async def test_escape_closes_the_lesson_and_enter_opens_it_again(lesson: Path) -> None:
    app = PreviewApp(lesson, start_page=2, poll_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PreviewHomeScreen)
        save(lesson, lesson_yaml("Changed while closed.", "B."))
        assert await reloaded(pilot, app)
        assert isinstance(app.screen, PreviewHomeScreen)  # a save does not reopen it
        await pilot.press("enter")
        await pilot.pause()
        assert page_label(app) == "Page 1 of 2"
        assert "Changed while closed." in body(app)


# ---------------------------------------------------------------------------- command


def test_missing_file_is_a_usage_error(cli, tmp_path: Path) -> None:
    result = cli("preview", str(tmp_path / "nope.yaml"))
    assert result.code == 2
    assert "no such file" in result.err and "nope.yaml" in result.err
    result = cli("preview", str(tmp_path))
    assert result.code == 2 and "not a lesson file" in result.err


def test_course_and_module_files_are_not_lessons(cli, tmp_path: Path) -> None:
    for name in ("course.yaml", "module.yaml"):
        (tmp_path / name).write_text("title: A course\n", encoding="utf-8")
        result = cli("preview", str(tmp_path / name))
        assert result.code == 2
        assert "not a lesson" in result.err and "ketatui validate" in result.err


def test_page_must_be_a_positive_number(cli, lesson: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli("preview", str(lesson), "--page", "0")
    assert exit_info.value.code == 2


def test_command_passes_page_and_quiz(cli, lesson: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[tuple[int, bool]] = []

    def fake_run(self: PreviewApp) -> None:
        opened.append((self._resume.page, self._resume.quiz))

    monkeypatch.setattr(PreviewApp, "run", fake_run)
    assert cli("preview", str(lesson), "--page", "2", "--quiz").code == 0
    assert opened == [(1, True)]


# ---------------------------------------------------------------------------- watcher


def test_watcher_reports_a_change_once_it_settles(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("one")
    watcher = FileWatcher([path])
    assert not watcher.poll()
    save(path, "two")
    assert not watcher.poll() and watcher.pending  # seen, not yet trusted
    bump(path)  # still being written
    assert not watcher.poll()
    assert watcher.poll()  # unchanged since the last look: report it
    assert not watcher.poll()  # once


def test_watcher_sees_a_save_by_rename_and_a_deletion(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("one")
    watcher = FileWatcher([path])
    new = tmp_path / ".a.yaml.swp"
    new.write_text("one")  # same size, maybe the same mtime: only the inode differs
    os.replace(new, path)
    assert not watcher.poll() and watcher.poll()
    path.unlink()
    assert not watcher.poll() and watcher.poll()


def test_body_files_found_even_in_a_broken_lesson(tmp_path: Path) -> None:
    path = tmp_path / "lesson.yaml"
    path.write_text(
        "pages:\n  - body_file: a.md\n  - {title: x, body_file: 'b c.md'}\n  - body_file: [\n"
    )
    assert body_files(path) == [tmp_path / "a.md", tmp_path / "b c.md"]
    assert body_files(tmp_path / "missing.yaml") == []


THREE_QUESTIONS = """\
quiz:
  questions:
""" + "".join(
    f"    - id: q{n}\n      type: short_answer\n      prompt: Question {word}?\n"
    f"      explanation: Because.\n      accepted: [{word}]\n"
    for n, word in ((1, "one"), (2, "two"), (3, "three"))
)


async def type_answer(pilot, text: str) -> None:
    """Type a short answer and submit it (Enter in the field submits)."""
    await pilot.press(*text, "enter")
    await pilot.pause()


async def test_a_save_in_the_quiz_keeps_the_question_and_the_answers(lesson: Path) -> None:
    good = lesson_yaml("A.", quiz=False) + THREE_QUESTIONS
    save(lesson, good)
    app = PreviewApp(lesson, start_quiz=True, poll_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_answer(pilot, "one")
        await pilot.press("enter")  # Next question
        await pilot.pause()
        await type_answer(pilot, "twelve")  # wrong: the feedback shows
        assert "Question two?" in prompt(app)

        # The author fixes the question they are looking at and saves.
        save(lesson, good.replace("Question two?", "Question two, reworded?"))
        assert await reloaded(pilot, app)
        await pilot.pause()
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        assert "Question two, reworded?" in prompt(app)  # the same question, edited
        assert quiz.query_one("#quiz-progress", Meter).label == "Question 2 of 3"
        assert [a.question_id for a in quiz.attempt.answers][:1] == ["q1"]  # kept

        await type_answer(pilot, "two")
        await pilot.press("enter")
        await pilot.pause()
        await type_answer(pilot, "three")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        results = app.screen
        assert isinstance(results, ResultsScreen)
        score = str(results.query_one("#score", Static).visual)
        assert score.startswith("3 of 3")  # the answer to q2 given again counts

        # A save on the results screen shows the results again, not question 1.
        save(lesson, good.replace("Question three?", "Question three, reworded?"))
        assert await reloaded(pilot, app)
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert str(app.screen.query_one("#score", Static).visual) == score

"""`ketatui serve --kiosk` in a real Chromium: a patient walks a lesson and its quiz by
keyboard and by touch, the kiosk resets when idle, visitors never see each other, Back and
Reload cannot break it, and only the staff PIN closes it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from .pages import click_cell, open_session, press, session, settle, shot, wait_for_shot
from .server import PIN, Served, health, kiosk_config, start_serve

COURSE = Path(__file__).parents[1] / "data" / "browser_course"


@pytest.fixture(scope="module")
def kiosk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One served kiosk for this module: statistics on, the shortest idle time allowed."""
    tmp = tmp_path_factory.mktemp("kiosk")
    config = kiosk_config(tmp, idle_seconds=10, countdown_seconds=5)
    served = start_serve(tmp, ["--kiosk", "--config", str(config)], COURSE)
    yield served
    served.stop()


def answered(served: Served) -> dict[str, tuple[int, int]]:
    """(answered, correct) per question, from the kiosk's anonymous statistics file."""
    path = served.data_dir / "kiosk-stats.sqlite3"
    if not path.exists():
        return {}
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        rows = db.execute(
            "SELECT question_id, SUM(answered), SUM(correct) FROM question_stats"
            " GROUP BY question_id"
        ).fetchall()
    return {qid: (int(a), int(c)) for qid, a, c in rows}


def plus_one_right(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> bool:
    """Both questions answered once more, and right."""
    for qid in ("q-colour", "q-water"):
        a, c = before.get(qid, (0, 0))
        if after.get(qid) != (a + 1, c + 1):
            return False
    return True


def test_first_screen_loads_only_from_the_server(page: Page, kiosk: Served, artifacts: Path):
    requests: list[str] = []
    problems: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    open_session(page, kiosk.url)
    first = shot(page, artifacts, "kiosk-first-screen")
    assert len(first) > 10_000  # a drawn screen, not a blank page
    assert session(page)["state"] == "running"
    foreign = [url for url in requests if not url.startswith(kiosk.url)]
    assert foreign == [], f"the page fetched from elsewhere: {foreign}"
    assert problems == [], f"console errors (CSP violations?): {problems}"


def test_patient_walks_lesson_and_quiz_by_keyboard(page: Page, kiosk: Served, artifacts: Path):
    before = answered(kiosk)
    open_session(page, kiosk.url)
    welcome = page.screenshot()
    press(page, "Enter", "Enter", "Enter")  # Start, the topic, the lesson
    lesson = shot(page, artifacts, "kiosk-keyboard-lesson-page-1")
    assert lesson != welcome
    press(page, "ArrowRight")
    assert page.screenshot() != lesson  # the page turned
    press(page, "ArrowRight")  # to the quiz
    press(page, "ArrowDown", "Space", "Control+s")  # "Blue", submit (ctrl+s)
    shot(page, artifacts, "kiosk-keyboard-feedback")
    press(page, "Enter", "Space", "Control+s")  # next question; "True", submit
    press(page, "Enter")  # results
    shot(page, artifacts, "kiosk-keyboard-results")
    after = answered(kiosk)
    assert plus_one_right(before, after), (before, after)


def test_patient_walks_lesson_and_quiz_by_touch(page: Page, kiosk: Served, artifacts: Path):
    before = answered(kiosk)
    open_session(page, kiosk.url)
    click_cell(page, 55, 23)  # Start (above the English / Español choice)
    click_cell(page, 55, 8)  # the topic
    click_cell(page, 55, 8)  # the lesson
    shot(page, artifacts, "kiosk-touch-lesson-page-1")
    click_cell(page, 90, 27)  # Next
    click_cell(page, 90, 27)  # Next: the quiz
    click_cell(page, 23, 14)  # "Blue"
    click_cell(page, 91, 27)  # Submit
    shot(page, artifacts, "kiosk-touch-feedback")
    click_cell(page, 87, 27)  # Next question
    click_cell(page, 23, 12)  # "True"
    click_cell(page, 91, 27)  # Submit
    shot(page, artifacts, "kiosk-touch-after-last-answer")
    after = answered(kiosk)
    assert plus_one_right(before, after), (before, after)


def test_second_visitor_gets_a_fresh_kiosk_and_idle_resets(
    browser: Browser, kiosk: Served, artifacts: Path
):
    first_visitor = browser.new_context(viewport={"width": 1000, "height": 640})
    second_visitor = browser.new_context(viewport={"width": 1000, "height": 640})
    try:
        a = first_visitor.new_page()
        open_session(a, kiosk.url)
        welcome = shot(a, artifacts, "kiosk-visitor-a-welcome")
        press(a, "Enter", "Enter", "Enter", "ArrowRight")
        a_lesson = shot(a, artifacts, "kiosk-visitor-a-lesson-page-2")
        assert a_lesson != welcome

        b = second_visitor.new_page()
        open_session(b, kiosk.url)
        b_first = shot(b, artifacts, "kiosk-visitor-b-first-screen")
        assert b_first == welcome, "the second visitor did not start on a fresh welcome screen"
        assert kiosk.wait_for_sessions(2) == 2
        assert a.screenshot() == a_lesson, "the second visitor disturbed the first"

        # Nobody touches A: "Still there?" after 10 s, then the welcome screen after 5 more.
        reset = wait_for_shot(a, welcome, timeout=30)
        (artifacts / "kiosk-visitor-a-after-idle.png").write_bytes(reset)
        assert reset == welcome, "the idle kiosk did not start over"
        assert b.screenshot() == b_first
    finally:
        first_visitor.close()
        second_visitor.close()
    assert kiosk.wait_for_sessions(0) == 0, "closing the tabs did not end their sessions"


def test_back_and_reload_cannot_break_the_kiosk(page: Page, kiosk: Served, artifacts: Path):
    open_session(page, kiosk.url)
    welcome = page.screenshot()
    press(page, "Enter", "Enter", "Enter")
    page.go_back()  # the Back key or a swipe
    settle(page)
    page.keyboard.press("Alt+ArrowLeft")
    settle(page)
    assert page.url == kiosk.url
    assert session(page)["state"] == "running"
    assert kiosk.wait_for_sessions(1) == 1
    lesson = shot(page, artifacts, "kiosk-after-back")
    assert lesson != welcome
    press(page, "ArrowRight")  # the visit carries on: the page turns
    assert page.screenshot() != lesson

    page.reload()  # F5: a fresh visit, the old session ends
    page.wait_for_function("() => window.ketatuiSession.focusedAt !== null")
    settle(page)
    assert wait_for_shot(page, welcome, timeout=10) == welcome
    assert kiosk.wait_for_sessions(1) == 1
    press(page, "Enter")  # and it still works
    assert page.screenshot() != welcome


def test_only_the_staff_pin_closes_the_kiosk(page: Page, kiosk: Served, artifacts: Path):
    open_session(page, kiosk.url)
    welcome = page.screenshot()
    press(page, "Control+q", "Control+c", "Control+z")
    assert session(page)["state"] == "running"
    assert page.screenshot() == welcome
    press(page, "Control+e")
    shot(page, artifacts, "kiosk-staff-pin")
    press(page, *PIN, "Enter")
    page.wait_for_function("() => window.ketatuiSession.state === 'ended'", timeout=10_000)
    shot(page, artifacts, "kiosk-closed-by-staff")
    assert page.locator("#status-ended").is_visible()
    assert kiosk.wait_for_sessions(0) == 0
    assert health(kiosk.url)["sessions"] == 0

"""`ketatui serve` (the learner app) in a real Chromium: the page says where profiles live,
a learner's record arrives as a real download, and past the session limit visitors get the
busy page."""

from __future__ import annotations

import sqlite3
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from .pages import open_session, press, session, shot
from .server import Served, start_serve

COURSE = Path(__file__).parents[1] / "data" / "browser_course"


@pytest.fixture
def learner(tmp_path: Path) -> Iterator[Served]:
    """The learner app served for at most one session at a time."""
    served = start_serve(tmp_path, ["--max-sessions", "1"], COURSE)
    yield served
    served.stop()


def test_record_downloads_and_profiles_stay_on_the_server(
    page: Page, learner: Served, artifacts: Path
):
    open_session(page, learner.url)
    shot(page, artifacts, "learner-first-screen")
    notice = page.locator("#notice").inner_text()
    assert "kept on the computer running this page" in notice
    assert "one trusted room" in notice

    press(page, "Enter")  # past the first-run notice, to the profile picker
    page.keyboard.type("Sam Lee")
    press(page, "Enter", "Enter")  # create the profile, then start as it
    shot(page, artifacts, "learner-catalog")
    with page.expect_download(timeout=15_000) as download_info:
        page.keyboard.press("x")
    download = download_info.value
    assert download.suggested_filename == "ketatui-record-sam-lee.csv"
    saved = artifacts / download.suggested_filename
    download.save_as(saved)
    text = saved.read_text(encoding="utf-8-sig")
    assert "Sam Lee" in text
    assert "arrive" in text  # the course's one lesson, as a row of the record

    with sqlite3.connect(f"file:{learner.data_dir / 'progress.sqlite3'}?mode=ro", uri=True) as db:
        names = [row[0] for row in db.execute("SELECT name FROM profiles")]
    assert names == ["Sam Lee"]  # the profile lives in the server's data dir


def test_busy_page_past_the_session_limit(browser: Browser, learner: Served, artifacts: Path):
    first = browser.new_context()
    second = browser.new_context()
    try:
        page = first.new_page()
        open_session(page, learner.url)
        assert learner.wait_for_sessions(1) == 1
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(learner.url, timeout=5)
        assert refused.value.code == 503
        assert "Every seat is taken" in refused.value.read().decode()

        late = second.new_page()
        late.goto(learner.url)
        assert late.locator("body").get_attribute("data-session") == "busy"
        assert late.get_by_text("Every seat is taken right now").is_visible()
        shot(late, artifacts, "learner-busy-page")
        assert session(page)["state"] == "running"  # the first visitor carries on
    finally:
        first.close()
    assert learner.wait_for_sessions(0) == 0
    with urllib.request.urlopen(learner.url, timeout=5) as response:
        assert response.status == 200
    second.close()

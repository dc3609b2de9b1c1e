"""Driving the served page: wait for the app to draw, press keys, click cells, take shots.

The app is drawn on a canvas, so tests look at three things: screenshots, the app's own
files (its data dir), and `window.ketatuiSession`, which the page keeps up to date
(state, frame times, the terminal size).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

#: No new frame for this long: the app has finished drawing (generous: the machine may be
#: busy, and a key pressed before the next screen has mounted would go nowhere).
QUIET_MS = 400


def open_session(page: Page, url: str, timeout: float = 30_000) -> None:
    """Open the page and wait until the app has drawn and the terminal has the keyboard."""
    page.goto(url)
    page.wait_for_function(
        "() => window.ketatuiSession && window.ketatuiSession.focusedAt !== null",
        timeout=timeout,
    )
    settle(page)


def session(page: Page) -> dict[str, Any]:
    """What the page says about its session (state, frames, close code)."""
    return dict(
        page.evaluate(
            "() => { const s = window.ketatuiSession;"
            " return {state: s.state, frames: s.frames, closeCode: s.closeCode}; }"
        )
    )


def settle(page: Page, timeout: float = 15_000) -> None:
    """Wait until no frame has arrived for QUIET_MS (the screen is drawn)."""
    since = page.evaluate("() => performance.now()")
    page.wait_for_function(
        "([since, quiet]) => { const f = window.ketatuiSession.frameTimes;"
        " const last = Math.max(since, f.length ? f[f.length - 1] : 0);"
        " return performance.now() - last > quiet; }",
        arg=[since, QUIET_MS],
        timeout=timeout,
        polling=50,
    )


def press(page: Page, *keys: str) -> None:
    """Press each key in turn, letting the app draw after each."""
    for key in keys:
        page.keyboard.press(key)
        settle(page)


def cell_size(page: Page) -> tuple[float, float, float, float]:
    """(left, top, width, height) of one terminal cell, in page pixels."""
    box = page.locator(".xterm-screen").bounding_box()
    assert box is not None
    cols, rows = page.evaluate("() => [window.ketatuiSession.cols, window.ketatuiSession.rows]")
    return box["x"], box["y"], box["width"] / cols, box["height"] / rows


def click_cell(page: Page, col: int, row: int) -> None:
    """Click the middle of a terminal cell (0-based column and row), then let it draw."""
    left, top, width, height = cell_size(page)
    page.mouse.click(left + (col + 0.5) * width, top + (row + 0.5) * height)
    settle(page)


def shot(page: Page, folder: Path, name: str) -> bytes:
    """A screenshot of the page, also kept in `folder` as NAME.png."""
    data = page.screenshot()
    (folder / f"{name}.png").write_bytes(data)
    return data


def wait_for_shot(page: Page, expected: bytes, timeout: float = 30.0) -> bytes:
    """Screenshots until one equals `expected` (or the time is up); returns the last."""
    end = time.monotonic() + timeout
    current = page.screenshot()
    while current != expected and time.monotonic() < end:
        time.sleep(0.5)
        current = page.screenshot()
    return current

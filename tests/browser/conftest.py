"""Browser tests of `ketatui serve`: Playwright driving Debian's system Chromium.

Playwright's own browser download is not used (nor reachable in CI): the launch points at
the system binary. Screenshots are kept in tests/artifacts/browser/ (git-ignored).

The browser lives for one test module only. Playwright's synchronous API keeps an event
loop running in the main thread while it is open; a session-wide browser (as the
pytest-playwright plugin's fixtures keep) breaks every pytest-asyncio test that runs after
it ("Runner.run() cannot be called from a running event loop").
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .server import ARTIFACTS, chromium_path, serve_extra_missing

#: The page size of every test: the screenshots and click positions depend on it.
VIEWPORT = {"width": 1000, "height": 640}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip the browser tests, saying why, when the extra or Chromium is missing."""
    reason = None
    if serve_extra_missing():
        reason = 'the serve extra is not installed (pip install -e ".[test,serve]")'
    elif chromium_path() is None:
        reason = "no system Chromium (apt-get install chromium; .ci/run does)"
    if reason is None:
        return
    for item in items:
        if "tests/browser/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """The system Chromium (headless), for one test module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path())
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    """A fresh browser profile (no cookies, no cache): a fixed page size, downloads allowed."""
    fresh = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    yield fresh
    fresh.close()


@pytest.fixture
def page(context: Any) -> Any:
    """A page in a fresh context."""
    return context.new_page()


@pytest.fixture(scope="session")
def artifacts() -> Any:
    """The folder for screenshots (kept after the run for people to look at)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS

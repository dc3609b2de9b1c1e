"""Browser tests of `ketatui serve`: Playwright driving Debian's system Chromium.

Playwright's own browser download is not used (nor reachable in CI): the launch points at
the system binary. Screenshots are kept in tests/artifacts/browser/ (git-ignored).
"""

from __future__ import annotations

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


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch the system Chromium instead of Playwright's download."""
    return {**browser_type_launch_args, "executable_path": chromium_path()}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """A fixed page size, and downloads allowed (the learner's record export)."""
    return {**browser_context_args, "viewport": VIEWPORT, "accept_downloads": True}


@pytest.fixture(scope="session")
def artifacts() -> Any:
    """The folder for screenshots (kept after the run for people to look at)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS

"""Where things live: the course folder, the data dir (progress) and the config dir.

Order of precedence for each: command-line option, then environment variable, then default.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

APP_NAME = "ketatui"
LESSONS_ENV = "KETATUI_LESSONS"
DATA_DIR_ENV = "KETATUI_DATA_DIR"

# The data dir's files are named here, not in the modules that own them, so the app can
# decide "first run" (and tools can find what to read) without importing sqlite3.
#: The progress store (`ketatui.progress.store`).
PROGRESS_DB_FILENAME = "progress.sqlite3"
#: The kiosk's anonymous answer statistics (`ketatui.kioskcore.stats`).
KIOSK_STATS_FILENAME = "kiosk-stats.sqlite3"


def shipped_lessons_dir() -> Path:
    """The course installed with the package (the repository's `lessons/`).

    A wheel installs it as the data package `ketatui.lessons`; an editable install or a
    source checkout finds it at the repository root.
    """
    checkout = Path(__file__).resolve().parents[2] / "lessons"
    if (checkout / "course.yaml").is_file():
        return checkout
    installed = _installed_course_dirs()
    return installed[0] if installed else checkout


def is_installed_course(folder: Path) -> bool:
    """Whether `folder` is the course inside an installed package (not a source checkout)."""
    installed = {p.resolve() for p in _installed_course_dirs()}
    return folder.resolve() in installed and not (folder / ".." / "pyproject.toml").is_file()


def _installed_course_dirs() -> list[Path]:
    """The folders of the data package `ketatui.lessons` (none in a broken install)."""
    # Imported by name: a data package has no module source for a type checker to follow.
    try:
        package = importlib.import_module("ketatui.lessons")
    except ImportError:  # pragma: no cover - broken install
        return []
    return [Path(p) for p in getattr(package, "__path__", ())]


def lessons_dir(option: str | os.PathLike[str] | None = None) -> Path:
    """The course folder: `--lessons`, else $KETATUI_LESSONS, else the shipped course."""
    if option:
        return Path(option).expanduser()
    env = os.environ.get(LESSONS_ENV)
    if env:
        return Path(env).expanduser()
    return shipped_lessons_dir()


def data_dir(option: str | os.PathLike[str] | None = None) -> Path:
    """Where progress is stored: `--data-dir`, else $KETATUI_DATA_DIR, else the user data dir."""
    if option:
        return Path(option).expanduser()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    """The user config dir (kiosk config lives here unless `--config` is given)."""
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)

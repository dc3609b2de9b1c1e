"""`ketatui` with no sub-command: the learner app.

Heavy imports (Textual, the loader, the store) happen inside `run`, so `ketatui --help`
and the other sub-commands stay fast.
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ketatui.paths import PROGRESS_DB_FILENAME

if TYPE_CHECKING:
    from ketatui.content.catalog import Catalog
    from ketatui.progress.store import Profile, ProgressStore
    from ketatui.ui.app import KetatuiApp

EXIT_OK = 0
EXIT_USAGE = 2


def is_first_run(data_dir: Path) -> bool:
    """True until this data dir has a progress file: then the start-up notice is shown.

    Later starts go straight to the profile picker, which keeps a one-line reminder.
    """
    try:
        return not (data_dir / PROGRESS_DB_FILENAME).exists()
    except OSError:
        return True


def run(args: argparse.Namespace) -> int:
    """Load the course, open the progress store and run the app. Returns the exit code.

    A missing course folder is a one-line error (exit 2). A progress store that cannot be
    opened does not stop learning: the app runs without saving and says so on screen.
    """
    # Start-up makes tens of thousands of objects that live as long as the app (modules,
    # the catalog, the first screen), and the cyclic GC walked them again and again:
    # ~10 ms of a 1,000-lesson start, ~3 ms with the shipped course. It stays off until
    # the first screen is painted; then those objects are frozen out of later
    # collections (shorter GC pauses while learning too) and collection resumes.
    gc.disable()
    try:
        return _run(args)
    finally:
        gc.enable()


def resume_gc() -> None:
    """Freeze what start-up made into the permanent generation and re-enable the GC."""
    gc.freeze()
    gc.enable()


def _run(args: argparse.Namespace) -> int:
    from ketatui import paths

    catalog = _load_course(args)
    if catalog is None:
        return EXIT_USAGE
    data_dir = paths.data_dir(getattr(args, "data_dir", None))
    app = _make_app(args, catalog, data_dir)
    if app is None:
        return EXIT_USAGE
    try:
        app.run()
    finally:
        if app.store is not None:
            app.store.close()
    return int(app.return_code or EXIT_OK)


def _load_course(args: argparse.Namespace) -> Catalog | None:
    """The course of `--lessons` (or its default), or None after saying on stderr why not."""
    from ketatui import paths

    lessons = paths.lessons_dir(getattr(args, "lessons", None))
    if not lessons.is_dir():
        print(
            f"ketatui: course folder not found: {lessons} "
            "(use --lessons PATH or set KETATUI_LESSONS)",
            file=sys.stderr,
        )
        return None

    from ketatui.content.cache import load_catalog_cached

    try:
        return load_catalog_cached(lessons)
    except FileNotFoundError as exc:
        print(f"ketatui: cannot load the course in {lessons}: {exc}", file=sys.stderr)
        return None


def _make_app(args: argparse.Namespace, catalog: Catalog, data_dir: Path) -> KetatuiApp | None:
    """The app for this start (`--profile`, first run or a later one), or None when
    `--profile` names no one it can open (already said on stderr)."""
    from ketatui.ui.app import KetatuiApp

    asked = start_theme(args)
    if asked is None:
        return None
    theme = asked or "default"
    fixed = bool(asked)
    profile_name = getattr(args, "start_profile", None)
    if profile_name is not None:
        opened = open_profile(data_dir, profile_name)
        if opened is None:
            return None
        profile_store, profile = opened
        return KetatuiApp(
            catalog,
            profile_store,
            theme=theme,
            show_notice=False,
            profile=profile,
            on_first_paint=resume_gc,
            theme_fixed=fixed,
            language_fixed=getattr(args, "language_fixed", False),
        )
    if is_first_run(data_dir):
        # The store is opened when the learner leaves the notice: the first screen does
        # not need it, and it starts sooner without it.
        return KetatuiApp(
            catalog,
            theme=theme,
            show_notice=True,
            open_store=lambda: open_store(data_dir),
            on_first_paint=resume_gc,
            theme_fixed=fixed,
            language_fixed=getattr(args, "language_fixed", False),
        )
    # Later starts open it at once, for the profile picker (which carries a one-line
    # reminder). When nothing can be saved there is no picker, so the notice shows.
    store, note = open_store(data_dir)
    return KetatuiApp(
        catalog,
        store,
        theme=theme,
        store_note=note,
        show_notice=store is None,
        on_first_paint=resume_gc,
        theme_fixed=fixed,
        language_fixed=getattr(args, "language_fixed", False),
    )


def start_theme(args: argparse.Namespace) -> str | None:
    """The theme asked for: `--theme`, else `KETATUI_THEME`, else "" (none: a profile's
    remembered theme, or the calm default). None after saying on stderr that
    `KETATUI_THEME` names no theme."""
    import os

    from ketatui.ui.themes import THEMES

    theme = getattr(args, "theme", None) or os.environ.get("KETATUI_THEME", "").strip()
    if theme and theme not in THEMES:
        print(
            f"ketatui: KETATUI_THEME={theme!r} is not a theme; choose one of: {', '.join(THEMES)}",
            file=sys.stderr,
        )
        return None
    return theme


def open_profile(data_dir: Path, name: str) -> tuple[ProgressStore, Profile] | None:
    """Open the store and find the profile called `name` (any case), for `--profile`.

    On failure says why on stderr (no saved progress, no such profile: the names there
    are listed, progress cannot be saved) and returns None, with the store closed.
    """
    if is_first_run(data_dir):
        # Opening the store would create a progress file: a typo must not do that.
        print(
            f"ketatui: no profiles yet in {data_dir}. Start ketatui without --profile "
            "to create one.",
            file=sys.stderr,
        )
        return None
    store, note = open_store(data_dir)
    if store is None:
        print(f"ketatui: {note}", file=sys.stderr)
        return None
    profile = store.find_profile(name)
    if profile is None:
        names = ", ".join(p.name for p in store.list_profiles()) or "none"
        print(
            f"ketatui: no profile called {name!r} (profiles: {names}). Start ketatui "
            "without --profile to choose or create one.",
            file=sys.stderr,
        )
        if note:
            print(f"ketatui: {note}", file=sys.stderr)
        store.close()
        return None
    return store, profile


def open_store(data_dir: Path) -> tuple[ProgressStore | None, str]:
    """Open the progress store, or return (None, why) when progress cannot be saved.

    A damaged or foreign progress file is never deleted: it is renamed aside with a dated
    name (`progress.sqlite3.corrupt-YYYYmmdd-HHMMSS`), a fresh store is started, and the
    returned note says where the old file went. A file from a newer ketatui, or a data dir
    that cannot be written, is left untouched: the app runs without saving and says why.
    """
    from ketatui.progress.store import ProgressStore, StoreError

    try:
        store = ProgressStore.open(data_dir, recover=True)
    except (StoreError, OSError) as exc:
        from ketatui.i18n import _

        return None, _("Progress is not being saved: {error}").format(error=exc)
    return store, store.recovery_note or ""

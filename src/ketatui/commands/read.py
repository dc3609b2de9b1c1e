"""`ketatui read`: the plain, linear mode for screen readers (see `ketatui.access.reader`).

Exit codes: 0 done, 2 usage (no course folder, no such profile or lesson).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ketatui.access.reader import PlainReader
    from ketatui.content.catalog import Catalog
    from ketatui.progress.store import ProgressStore

EXIT_OK, EXIT_USAGE = 0, 2


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Register `read` on the main parser."""
    p = subparsers.add_parser(
        "read",
        parents=[common],
        help="plain, linear mode for screen readers: lessons as text, answers by number",
        description="Print lessons page by page as plain text and take quiz answers by "
        "number: no box drawing, no colour, no animation; the cursor stays at the prompt. "
        "Progress is saved as in the app. Type 'crisis' at any prompt for help lines, "
        "'say' to hear the last text (with spd-say or espeak-ng installed).",
    )
    p.add_argument(
        "--profile",
        metavar="NAME",
        dest="read_profile",
        help="learn as this saved profile (default: ask)",
    )
    p.add_argument("--lesson", metavar="ID", help="open this lesson (by id) straight away")


def _use_remembered_language(reader: PlainReader, source: Catalog) -> None:
    """The language this profile chose last (in the app or here), when none was asked for."""
    from ketatui.i18n import current_language, set_language, supported

    remembered = supported(reader.session.setting("language"))
    if remembered is not None and remembered != current_language():
        reader.session.catalog = source.localized(set_language(remembered))


def run(args: argparse.Namespace) -> int:
    """Run the plain reader on stdin and stdout."""
    from ketatui import paths
    from ketatui.access.reader import PlainReader, Quit, choose_profile
    from ketatui.access.speech import find_voice
    from ketatui.commands.app import _load_course, open_profile, open_store
    from ketatui.i18n import current_language
    from ketatui.learning.session import LearnerSession

    source = _load_course(args)
    if source is None:
        return EXIT_USAGE
    catalog = source.localized(current_language())
    data_dir = paths.data_dir(getattr(args, "data_dir", None))
    store: ProgressStore | None
    if args.read_profile:
        opened = open_profile(data_dir, args.read_profile)
        if opened is None:
            return EXIT_USAGE
        store, profile = opened
        session = LearnerSession(catalog, store, profile_id=profile.id, profile_name=profile.name)
    else:
        store, note = open_store(data_dir)
        if note:
            print(note)
        session = LearnerSession(catalog, store)
    reader = PlainReader(session, sys.stdin, sys.stdout, find_voice())
    session.on_error = lambda message: print(message, flush=True)
    try:
        reader.welcome()
        if store is not None and not args.read_profile:
            chosen = choose_profile(store, reader)
            if chosen is None:
                return EXIT_OK
            reader.session = chosen
        reader.session.track = reader.session.remembered_track()
        if not getattr(args, "language_fixed", False):
            _use_remembered_language(reader, source)
        return reader.run(args.lesson)
    except (KeyboardInterrupt, Quit):
        print()
        return EXIT_OK
    finally:
        if store is not None:
            store.close()

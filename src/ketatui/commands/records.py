"""`ketatui records`: a trainee's training record, for their supervisor.

Exit codes: 0 written, 1 nothing to export (no such profile, no saved progress),
2 usage problem (unwritable output, unreadable progress file).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ketatui.textguard import printable

if TYPE_CHECKING:
    from ketatui.progress.model import Profile
    from ketatui.progress.store import ProgressStore

EXIT_OK, EXIT_NOTHING, EXIT_USAGE = 0, 1, 2


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Register `records` on the main parser."""
    p = subparsers.add_parser(
        "records",
        parents=[common],
        help="export a profile's training record (JSON or CSV) for a supervisor",
        description="Write one profile's record: every lesson's status, best score and "
        "completion date, and every quiz attempt with each question right or wrong. "
        "Without --profile, lists the profiles.",
    )
    p.add_argument("--profile", metavar="NAME", help="the profile name (any case)")
    p.add_argument("--format", choices=["json", "csv"], default="json", dest="output_format")
    p.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="file to write (default: print to the terminal)",
    )


def run(args: argparse.Namespace) -> int:
    """Export the record, or list the profiles when none is named."""
    from ketatui import paths
    from ketatui.content.catalog import load_catalog
    from ketatui.progress import records
    from ketatui.progress.store import ProgressStore, StoreError

    data_dir = paths.data_dir(getattr(args, "data_dir", None))
    if not (data_dir / paths.PROGRESS_DB_FILENAME).is_file():
        _err(f"ketatui: no saved progress in {data_dir}")
        return EXIT_NOTHING
    try:
        with ProgressStore.open(data_dir) as store:
            found = _find(args, store)
            if isinstance(found, int):
                return found
            lessons = paths.lessons_dir(getattr(args, "lessons", None))
            catalog = load_catalog(lessons) if lessons.is_dir() else None
            record = records.export_records(store, found.id, catalog)
    except StoreError as exc:
        _err(f"ketatui: {exc}")
        return EXIT_USAGE

    if args.output:
        write = records.write_csv if args.output_format == "csv" else records.write_json
        try:
            path = write(record, Path(args.output))
        except StoreError as exc:
            _err(f"ketatui: {exc}")
            return EXIT_USAGE
        print(printable(f"Wrote {path}"))
        return EXIT_OK
    text = records.records_to_csv if args.output_format == "csv" else records.records_to_json
    sys.stdout.write(text(record))
    return EXIT_OK


def _find(args: argparse.Namespace, store: ProgressStore) -> Profile | int:
    """The profile asked for, or an exit code after listing the profiles or saying why not."""
    profiles = store.list_profiles()
    if not args.profile:
        if not profiles:
            print("No profiles yet.")
            return EXIT_NOTHING
        print("Profiles (export one with --profile NAME):")
        for profile in profiles:
            print(printable(f"  {profile.name}"))
        return EXIT_OK
    match = store.find_profile(args.profile)
    if match is None:
        names = ", ".join(p.name for p in profiles) or "none"
        _err(f"ketatui: no profile called {args.profile!r} (profiles: {names})")
        return EXIT_NOTHING
    return match


def _err(message: str) -> None:
    print(printable(message), file=sys.stderr)

"""`ketatui records`: a trainee's training record, for their supervisor.

Exit codes: 0 written, 1 nothing to export (no such profile, no saved progress),
2 usage problem (unwritable output, unreadable progress file).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_NOTHING, EXIT_USAGE = 0, 1, 2

FORMATS = ("json", "csv", "xapi")
#: The format an output file's extension implies, when --format does not say.
_BY_EXTENSION = {".json": "json", ".csv": "csv"}


def output_format(fmt: str | None, output: str | None) -> str:
    """The export format: `--format`, else the -o file's extension, else json.

    Raises ValueError with a message for a file whose extension names no format.
    """
    if fmt is not None:
        return fmt
    if output is None:
        return "json"
    suffix = Path(output).suffix.lower()
    if suffix not in _BY_EXTENSION:
        raise ValueError(
            f"cannot tell the format from {output!r}: name it .json or .csv, or say "
            "--format json, csv or xapi"
        )
    return _BY_EXTENSION[suffix]


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
    p.add_argument(
        "--format",
        choices=list(FORMATS),
        default=None,
        dest="output_format",
        help="json, csv or xapi (default: from the -o file's extension, else json)",
    )
    p.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="file to write (default: print to the terminal); an existing file is kept "
        "unless --force",
    )
    p.add_argument("--force", action="store_true", help="overwrite the -o file if it exists")


def run(args: argparse.Namespace) -> int:
    """Export the record, or list the profiles when none is named."""
    from ketatui import paths
    from ketatui.content.catalog import load_catalog
    from ketatui.progress import records
    from ketatui.progress.store import ProgressStore, StoreError
    from ketatui.progress.upgrade import convert_position_answers

    try:
        fmt = output_format(args.output_format, args.output)
    except ValueError as exc:
        print(f"ketatui: {exc}", file=sys.stderr)
        return EXIT_USAGE
    data_dir = paths.data_dir(getattr(args, "data_dir", None))
    if not (data_dir / paths.PROGRESS_DB_FILENAME).is_file():
        print(f"ketatui: no saved progress in {data_dir}", file=sys.stderr)
        return EXIT_NOTHING
    try:
        store = ProgressStore.open(data_dir)
    except StoreError as exc:
        print(f"ketatui: {exc}", file=sys.stderr)
        return EXIT_USAGE
    with store:
        profiles = store.list_profiles()
        if not args.profile:
            if not profiles:
                print("No profiles yet.")
                return EXIT_NOTHING
            print("Profiles (export one with --profile NAME):")
            for profile in profiles:
                print(f"  {profile.name}")
            return EXIT_OK
        match = store.find_profile(args.profile)
        if match is None:
            names = ", ".join(p.name for p in profiles) or "none"
            print(
                f"ketatui: no profile called {args.profile!r} (profiles: {names})", file=sys.stderr
            )
            return EXIT_NOTHING
        lessons = paths.lessons_dir(getattr(args, "lessons", None))
        catalog = load_catalog(lessons) if lessons.is_dir() else None
        if catalog is not None:  # answers kept by position (format 1) read by choice id
            convert_position_answers(store, catalog)
        record = records.export_records(store, match.id, catalog)

    return _write(args, fmt, record)


def _write(args: argparse.Namespace, fmt: str, record: dict[str, object]) -> int:
    """Print the record, or write it to the -o file (never over one without --force)."""
    from ketatui.progress import records
    from ketatui.progress.store import StoreError

    text = {"csv": records.records_to_csv, "json": records.records_to_json}[fmt](record)
    if not args.output:
        sys.stdout.write(text)
        return EXIT_OK
    path = Path(args.output)
    if path.exists() and not args.force:
        print(
            f"ketatui: {path} already exists; it was left as it is. Add --force to replace it.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    write = records.write_csv if fmt == "csv" else records.write_json
    try:
        written = write(record, path)
    except StoreError as exc:
        print(f"ketatui: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"Wrote {written}")
    return EXIT_OK

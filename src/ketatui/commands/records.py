"""`ketatui records`: a trainee's training record, for their supervisor or an LRS.

Exit codes: 0 written or sent, 1 nothing to export (no such profile, no saved progress),
2 usage problem (unwritable or existing output, unreadable progress file, no course for
xAPI), 3 the LRS refused the statements or could not be reached (nothing changed here).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ketatui.content.catalog import Catalog
    from ketatui.progress.store import ProgressStore

EXIT_OK, EXIT_NOTHING, EXIT_USAGE, EXIT_LRS = 0, 1, 2, 3

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
    from ketatui.progress.lrs import AUTH_ENV
    from ketatui.progress.xapi import DEFAULT_HOME_PAGE

    p = subparsers.add_parser(
        "records",
        parents=[common],
        help="export a profile's training record (JSON, CSV or xAPI) for a supervisor or an LRS",
        description="Write one profile's record: every lesson's status, first-try and best "
        "score, pass mark and completion date, and every quiz attempt with each answer as "
        "text, right or wrong. Without --profile, lists the profiles.",
    )
    p.add_argument("--profile", metavar="NAME", help="the profile name (any case)")
    p.add_argument(
        "--format",
        choices=list(FORMATS),
        default=None,
        dest="output_format",
        help="json, csv or xapi (xAPI 1.0.3 statements); default: from the -o file's "
        "extension, else json",
    )
    p.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="file to write (default: print to the terminal); an existing file is kept "
        "unless --force",
    )
    p.add_argument("--force", action="store_true", help="overwrite the -o file if it exists")
    p.add_argument(
        "--send",
        metavar="URL",
        help="post the xAPI statements to the Learning Record Store whose xAPI address is "
        f"URL (e.g. https://lrs.example.org/xAPI); credentials user:password from the "
        f"{AUTH_ENV} variable or --auth-file. Safe to repeat: nothing is stored twice.",
    )
    p.add_argument(
        "--auth-file", metavar="FILE", type=Path, help="a file holding user:password for --send"
    )
    p.add_argument(
        "--home-page",
        metavar="URL",
        default=DEFAULT_HOME_PAGE,
        help="your organisation's address, for xAPI: the learner's account and activity "
        f"ids (default {DEFAULT_HOME_PAGE})",
    )


def run(args: argparse.Namespace) -> int:
    """Export the record, send it to an LRS, or list the profiles when none is named."""
    from ketatui import paths
    from ketatui.progress.store import ProgressStore, StoreError

    try:
        fmt = "xapi" if args.send else output_format(args.output_format, args.output)
    except ValueError as exc:
        return _fail(str(exc), EXIT_USAGE)
    data_dir = paths.data_dir(getattr(args, "data_dir", None))
    if not (data_dir / paths.PROGRESS_DB_FILENAME).is_file():
        return _fail(f"no saved progress in {data_dir}", EXIT_NOTHING)
    try:
        store = ProgressStore.open(data_dir)
    except StoreError as exc:
        return _fail(str(exc), EXIT_USAGE)
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
            return _fail(f"no profile called {args.profile!r} (profiles: {names})", EXIT_NOTHING)
        return _export(args, fmt, store, match.id)


def _fail(message: str, code: int) -> int:
    print(f"ketatui: {message}", file=sys.stderr)
    return code


def _course(args: argparse.Namespace) -> Catalog | None:
    from ketatui import paths
    from ketatui.content.catalog import load_catalog

    lessons = paths.lessons_dir(getattr(args, "lessons", None))
    return load_catalog(lessons) if lessons.is_dir() else None


def _export(args: argparse.Namespace, fmt: str, store: ProgressStore, profile_id: int) -> int:
    """Build the record in `fmt`, then write, print or send it."""
    from ketatui.progress import records
    from ketatui.progress.upgrade import convert_position_answers
    from ketatui.progress.xapi import xapi_statements

    catalog = _course(args)
    if catalog is not None:  # answers kept by position (format 1) read by choice id
        convert_position_answers(store, catalog)
    if fmt != "xapi":
        return _write(args, fmt, records.export_records(store, profile_id, catalog))
    if catalog is None:
        why = "xAPI needs the course folder (--lessons): it names the activities"
        return _fail(why, EXIT_USAGE)
    statements = xapi_statements(store, profile_id, catalog, home_page=args.home_page)
    if args.send:
        return _send(args, statements)
    return _write(args, fmt, statements)


def _send(args: argparse.Namespace, statements: list[dict[str, Any]]) -> int:
    from ketatui.progress.lrs import LrsError, read_credentials, send_statements

    try:
        sent = send_statements(args.send, statements, read_credentials(args.auth_file))
    except LrsError as exc:
        return _fail(str(exc), EXIT_LRS)
    print(f"Sent {sent} statements to {args.send}.")
    return EXIT_OK


def _write(args: argparse.Namespace, fmt: str, record: Any) -> int:
    """Print the record, or write it to the -o file (never over one without --force)."""
    from ketatui.progress import records
    from ketatui.progress.store import StoreError

    text = records.records_to_csv(record) if fmt == "csv" else records.records_to_json(record)
    if not args.output:
        sys.stdout.write(text)
        return EXIT_OK
    path = Path(args.output)
    if path.exists() and not args.force:
        return _fail(
            f"{path} already exists; it was left as it is. Add --force to replace it.",
            EXIT_USAGE,
        )
    write = records.write_csv if fmt == "csv" else records.write_json
    try:
        written = write(record, path)
    except StoreError as exc:
        return _fail(str(exc), EXIT_USAGE)
    print(f"Wrote {written}")
    return EXIT_OK

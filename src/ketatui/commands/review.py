"""`ketatui review FILE --by NAME`: record a clinical review in a lesson file.

    ketatui review lessons/01-depression/02-common-signs.yaml --by "Dr A. Rivera, psychiatrist"

Sets the lesson's `review` (status approved, by, date today, next_due six months on, each
changeable) and leaves every other byte of the file as it was. The logic lives in
`ketatui.authoring.record_review`. Exit codes: 0 recorded; 1 refused because of the file
(it would not validate, has no usable review entry, is read-only or cannot be written);
2 usage (bad option, no such file, not a lesson of an editable course).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from ketatui.commands import iso_date

EXIT_OK = 0


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Register `review` on the main parser."""
    from ketatui.authoring.record_review import STATUSES

    p = subparsers.add_parser(
        "review",
        parents=[common],
        help="record a clinician's review in a lesson file (by, date, next due, status)",
        description="Record a clinical review in a lesson file without editing the YAML by "
        "hand: sets review.status, by, date and next_due and leaves the rest of the file, "
        "comments included, exactly as it was. The file is checked before it is replaced; "
        "if it would not validate, nothing changes.",
    )
    p.add_argument("file", metavar="FILE", help="the lesson file")
    p.add_argument("--by", required=True, metavar="NAME", help="who reviewed it: name and role")
    p.add_argument(
        "--date", type=iso_date, metavar="YYYY-MM-DD", help="day of the review (default: today)"
    )
    p.add_argument(
        "--next-due",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="when it must be reviewed again (default: six months after --date)",
    )
    p.add_argument(
        "--status",
        choices=STATUSES,
        default="approved",
        help="the lesson's review status afterwards (default: approved)",
    )


def run(args: argparse.Namespace) -> int:
    """Record the review and say what was written; see the module docstring for exit codes."""
    from pathlib import Path

    from ketatui.authoring.record_review import ReviewError, make_record, record_review
    from ketatui.textguard import printable

    path = Path(args.file).expanduser()
    try:
        record = make_record(args.by, dt.date.today(), args.date, args.next_due, args.status)
        done = record_review(path, record)
    except ReviewError as error:
        message = f"ketatui review: {error}; nothing was changed"
        # Per line: file names and YAML come from the disk, the line breaks from us.
        print("\n".join(map(printable, message.splitlines())), file=sys.stderr)
        return error.exit_code
    except OSError as error:
        print(
            printable(
                f"ketatui review: cannot write {path}: {error.strerror or error}; "
                "nothing was changed"
            ),
            file=sys.stderr,
        )
        return 1
    for warning in done.warnings:
        print(printable(warning.format()), file=sys.stderr)
    after = done.after
    status = after.status.replace("_", " ")
    print(
        printable(
            f"{path}: {status}, reviewed by {after.by} on {after.date}, "
            f"next review due {after.next_due}"
        )
    )
    return EXIT_OK

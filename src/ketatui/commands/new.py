"""`ketatui new lesson|module`: start a lesson or module from a valid, commented skeleton.

Exit codes: 0 created (the new path is printed); 1 it would overwrite something;
2 usage (unknown module — the modules are listed —, empty title, not a course folder).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import TextIO

from ketatui.commands import iso_date

EXIT_OK, EXIT_USAGE = 0, 2


def _number(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text!r}")
    return int(text)


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Register `new` on the main parser."""
    p = subparsers.add_parser(
        "new",
        parents=[common],
        help="start a new lesson or module from a valid, commented skeleton",
        description="Write a skeleton lesson (into a module) or module (into the course "
        "folder given by --lessons, $KETATUI_LESSONS, else the shipped course). It loads "
        "as written; nothing is ever overwritten.",
    )
    p.add_argument("kind", choices=["lesson", "module"], help="what to create")
    p.add_argument("--title", required=True, help="the title (the file name and id come from it)")
    p.add_argument("--module", metavar="M", help="for a lesson: the module id or folder name")
    p.add_argument(
        "--number",
        type=_number,
        metavar="N",
        help="file or folder number to use (default: one after the last)",
    )
    p.add_argument(
        "--today",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="review date to write (default: today; next_due is 6 months later)",
    )


def run(args: argparse.Namespace) -> int:
    """Create the skeleton and print its path."""
    from ketatui import paths
    from ketatui.authoring.scaffold import ScaffoldError, new_lesson, new_module

    root = paths.lessons_dir(getattr(args, "lessons", None))
    if not root.is_dir():
        _print(f"ketatui new: {root}: no such course folder", file=sys.stderr)
        return EXIT_USAGE
    if paths.is_installed_course(root):
        _print(
            f"ketatui new: {root} is the course installed with ketatui (a reinstall would "
            "wipe new files): name your course folder with --lessons PATH or KETATUI_LESSONS",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        if args.kind == "lesson":
            if not args.module:
                _print(
                    "ketatui new: say which module the lesson goes in: --module M "
                    "(a module id or folder name)",
                    file=sys.stderr,
                )
                return EXIT_USAGE
            today = args.today or dt.date.today()
            path = new_lesson(root, args.module, args.title, today, args.number)
            _print(path)
            _print(f"Next: edit it, then `ketatui validate {path}`.", file=sys.stderr)
        else:
            path = new_module(root, args.title, args.number)
            _print(path)
            _print(
                f'Next: `ketatui new lesson --module {path.name} --title "..."`.',
                file=sys.stderr,
            )
    except ScaffoldError as exc:
        _print(f"ketatui new: {exc}", file=sys.stderr)
        return exc.exit_code
    except OSError as exc:
        _print(f"ketatui new: cannot write: {exc}", file=sys.stderr)
        return 1
    return EXIT_OK


def _print(text: object, file: TextIO | None = None) -> None:
    """Print with controls and bidi marks escaped: paths and module names come from disk."""
    from ketatui.textguard import printable

    print(printable(str(text)), file=file or sys.stdout)

"""`ketatui preview FILE [--page N] [--quiz]`: one lesson, live, beside the author's editor.

Nothing is saved (no profile, no progress store) and no notice screen is shown. The file
is watched and reloaded on every save; errors show in the app, never as a traceback.
Exit codes: 0 after quitting, 2 when FILE does not exist or is not a file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_USAGE = 0, 2


def _page_number(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"not a page number: {text!r} (pages start at 1)")
    return number


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Register `preview` on the main parser."""
    p = subparsers.add_parser(
        "preview",
        parents=[common],
        help="open one lesson file as learners see it, reloaded on every save",
        description="Open one lesson file as learners see it. It reloads within a second "
        "of each save and stays on the same page; errors are shown in the app (with "
        "file:line:column) until the file is fixed. Nothing is saved.",
    )
    p.add_argument("file", metavar="FILE", help="the lesson file (.yaml)")
    p.add_argument(
        "--page", type=_page_number, default=1, metavar="N", help="open at page N (from 1)"
    )
    p.add_argument("--quiz", action="store_true", help="open the lesson's quiz")
    p.add_argument(
        "--theme",
        choices=["default", "high-contrast"],
        default=argparse.SUPPRESS,
        help="colour theme",
    )


def run(args: argparse.Namespace) -> int:
    """Check FILE exists, then run the preview app until the author quits."""
    path = Path(args.file)
    if not path.exists():
        print(f"ketatui preview: no such file: {path}", file=sys.stderr)
        return EXIT_USAGE
    if not path.is_file():
        print(f"ketatui preview: not a lesson file: {path} (give a .yaml file)", file=sys.stderr)
        return EXIT_USAGE
    if path.name in ("course.yaml", "module.yaml"):
        print(
            f"ketatui preview: {path} describes the {path.stem}, not a lesson; give one of its "
            "lesson files (check the whole course with `ketatui validate`)",
            file=sys.stderr,
        )
        return EXIT_USAGE

    from ketatui.ui.preview import PreviewApp

    app = PreviewApp(
        path,
        start_page=args.page - 1,
        start_quiz=args.quiz,
        theme=getattr(args, "theme", None) or "default",
    )
    app.run()
    return int(app.return_code or EXIT_OK)

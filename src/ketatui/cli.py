"""The `ketatui` command: the learner app by default, plus kiosk mode and author tools.

Each sub-command lives in `ketatui.commands.<name>` and is imported only when used, so
`ketatui` starts as fast as the app allows. Exit codes: 0 ok, 1 content errors, 2 usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ketatui import __version__

EXIT_OK = 0
EXIT_CONTENT = 1
EXIT_USAGE = 2


def _common() -> argparse.ArgumentParser:
    """Options every sub-command accepts, before or after the sub-command name."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--lessons",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="course folder to use (default: $KETATUI_LESSONS, else the shipped lessons)",
    )
    common.add_argument(
        "--data-dir",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="where progress is saved (default: $KETATUI_DATA_DIR, else the user data dir)",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser (exposed for tests and `--help`)."""
    common = _common()
    parser = argparse.ArgumentParser(
        prog="ketatui",
        description="Learn about depression, ketamine and esketamine therapy, and the "
        "treatment process. Education only, not medical advice.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"ketatui {__version__}")
    parser.add_argument(
        "--theme",
        choices=["default", "high-contrast"],
        default=argparse.SUPPRESS,
        help="colour theme for the learner app",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "validate", parents=[common], help="check lesson files and report every error"
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="course folders or lesson files")
    p.add_argument("--format", choices=["text", "json"], default="text", dest="output_format")

    p = sub.add_parser("schema", parents=[common], help="print the JSON Schema of a content file")
    p.add_argument("--kind", choices=["lesson", "module", "course"], default="lesson")

    # Later sub-commands (kiosk, preview, stats, new) register themselves here.
    for name in _EXTRA_COMMANDS:
        module = __import__(f"ketatui.commands.{name}", fromlist=["add_parser"])
        module.add_parser(sub, common)
    return parser


#: Sub-command modules that provide `add_parser(subparsers, common)` and `run(args) -> int`.
_EXTRA_COMMANDS: tuple[str, ...] = ("stats", "new", "kiosk", "preview", "records")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point. Returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    command = args.command or "app"
    module = __import__(f"ketatui.commands.{command}", fromlist=["run"])
    try:
        return int(module.run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `ketatui schema | head`: the reader left; that is not an error worth a traceback.
        # Point stdout at devnull so the interpreter's final flush does not raise again.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""The `ketatui` command: the learner app by default, plus kiosk mode and author tools.

Each sub-command lives in `ketatui.commands.<name>` and is imported only when used, so
`ketatui` starts as fast as the app allows. Exit codes: 0 ok, 1 content errors, 2 usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from ketatui import __version__
from ketatui.commands import iso_date

EXIT_OK = 0
EXIT_CONTENT = 1
EXIT_USAGE = 2


def _language(value: str) -> str:
    """`--lang`: a language the interface has (English is always there)."""
    from ketatui.i18n import available_languages, supported

    code = supported(value)
    if code is None:
        raise argparse.ArgumentTypeError(
            f"no such language {value!r} (available: {', '.join(available_languages())})"
        )
    return code


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
        "--lang",
        metavar="CODE",
        type=_language,
        default=argparse.SUPPRESS,
        help="language of the app and the lessons, e.g. es (default: $KETATUI_LANG, else "
        "the system locale)",
    )
    common.add_argument(
        "--data-dir",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="where progress is saved (default: $KETATUI_DATA_DIR, else the user data dir)",
    )
    return common


def build_parser(
    *,
    extra_commands: bool = True,
    parser_class: type[argparse.ArgumentParser] = argparse.ArgumentParser,
) -> argparse.ArgumentParser:
    """The full argument parser (exposed for tests and `--help`).

    With `extra_commands=False` the sub-commands of `_EXTRA_COMMANDS` are left out, so
    their modules are not imported (see `parse_args`).
    """
    common = _common()
    parser = parser_class(
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
    parser.add_argument(
        "--profile",
        metavar="NAME",
        dest="start_profile",
        default=argparse.SUPPRESS,
        help="start learning as this saved profile, straight to the lesson list",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "validate", parents=[common], help="check lesson files and report every error"
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="course folders or lesson files")
    p.add_argument("--format", choices=["text", "json"], default="text", dest="output_format")
    p.add_argument(
        "--today",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="judge review due dates against this date instead of today",
    )
    p.add_argument(
        "--strict",
        action="store_true",
        help="treat warnings as errors (exit 1): for CI, where nothing should slip through",
    )

    p = sub.add_parser("schema", parents=[common], help="print the JSON Schema of a content file")
    p.add_argument("--kind", choices=["lesson", "module", "course"], default="lesson")

    # Later sub-commands (kiosk, preview, stats, new) register themselves here.
    for name in _EXTRA_COMMANDS if extra_commands else ():
        module = __import__(f"ketatui.commands.{name}", fromlist=["add_parser"])
        module.add_parser(sub, common)
    return parser


#: Sub-command modules that provide `add_parser(subparsers, common)` and `run(args) -> int`.
_EXTRA_COMMANDS: tuple[str, ...] = (
    "stats",
    "new",
    "kiosk",
    "preview",
    "records",
    "review",
    "read",
    "serve",
)


class _LeanParseFailed(Exception):
    """The parse without the extra sub-commands failed: parse again with all of them."""


class _LeanParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _LeanParseFailed(message)


def _may_name_extra_command(argv: Sequence[str]) -> bool:
    """True if argv may select an extra sub-command or ask for help listing them all."""
    for arg in argv:
        if arg in _EXTRA_COMMANDS or arg == "-h" or (len(arg) >= 3 and "--help".startswith(arg)):
            return True
    return False


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """Parse the command line, importing the extra sub-command modules only when needed.

    Declaring every sub-command imports its module (csv, json, getpass...): measurable
    on a plain `ketatui` start, which needs none of them. argparse picks a sub-command only
    by its exact name, so when no argument is one (nor a help flag) the lean parser gives
    the same result; on any error the full parser parses again for the complete message.
    """
    if not _may_name_extra_command(argv):
        try:
            return build_parser(extra_commands=False, parser_class=_LeanParser).parse_args(argv)
        except _LeanParseFailed:
            pass
    return build_parser().parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point. Returns the process exit code."""
    args = parse_args(sys.argv[1:] if argv is None else list(argv))
    command = args.command or "app"
    if command != "app" and hasattr(args, "start_profile"):
        # Before a command it would be silently ignored (records takes its own, after).
        print(
            f"ketatui: --profile before a command starts the learner app; it does nothing "
            f"for {command!r} (records: ketatui records --profile NAME)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    _choose_language(args)
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


def _choose_language(args: argparse.Namespace) -> None:
    """Set the interface language from `--lang`, else `KETATUI_LANG` or the system locale.

    `args.language_fixed` says whether it was asked for (option or KETATUI_LANG): then a
    profile's remembered language does not replace it.
    """
    import os

    from ketatui.i18n import LANG_ENV, language_from_environment, set_language, supported

    asked = getattr(args, "lang", None) or supported(os.environ.get(LANG_ENV))
    args.language_fixed = asked is not None
    args.lang = set_language(asked or language_from_environment())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

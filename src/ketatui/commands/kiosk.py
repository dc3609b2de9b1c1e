"""`ketatui kiosk`: the patient lessons on a shared screen, locked for staff.

    ketatui kiosk --set-pin              # once: choose the staff PIN (asked twice)
    ketatui kiosk                        # run it (ctrl+e then the PIN closes it)
    ketatui kiosk --check                # check kiosk.toml and the course, then exit

Exit codes: 0 ok; 1 the course has no patient lessons, or `require_reviewed` is on and a
patient lesson is not approved or is overdue for review (the lessons are named); 2 bad config
or usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ketatui.authoring.review_status import NotCleared
    from ketatui.content.catalog import Catalog, LessonEntry
    from ketatui.kioskcore.config import KioskConfig
    from ketatui.kioskcore.errorlog import ErrorLog

EXIT_OK = 0
EXIT_CONTENT = 1
EXIT_USAGE = 2

NO_PIN_MESSAGE = (
    "ketatui kiosk: no staff PIN is set in {path}.\n"
    "The kiosk only closes with the staff PIN, so set one first:\n"
    "    ketatui kiosk --set-pin{config}"
)


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Register `ketatui kiosk`."""
    p = subparsers.add_parser(
        "kiosk",
        parents=[common],
        help="run the patient lessons on a shared screen (waiting rooms)",
        description="Patient lessons for a shared screen: no profiles, nothing saved about "
        "visitors, starts over when idle, and closes only with the staff PIN (press ctrl+e, "
        "then enter the PIN).",
    )
    p.add_argument(
        "--config",
        metavar="PATH",
        help="kiosk settings file (default: kiosk.toml in the user config dir)",
    )
    pin = p.add_mutually_exclusive_group()
    pin.add_argument(
        "--set-pin",
        action="store_true",
        help="choose the staff PIN (asked twice, not shown) and exit",
    )
    pin.add_argument(
        "--set-pin-from-stdin",
        action="store_true",
        help="read the staff PIN from the first line of standard input and exit",
    )
    pin.add_argument(
        "--check",
        action="store_true",
        help="check the config and the course, print a summary and exit",
    )
    p.add_argument(
        "--log-file",
        metavar="PATH",
        help="error log (default: log_file in the config, else kiosk.log in the user log dir)",
    )


def _config_path(args: argparse.Namespace) -> tuple[Path, bool]:
    """The config file and whether it was named explicitly."""
    from ketatui.kioskcore.config import default_config_path

    if args.config:
        return Path(args.config).expanduser(), True
    return default_config_path(), False


def _err(message: str) -> None:
    """Print to stderr, with controls and bidi marks escaped (paths and names come from outside)."""
    from ketatui.textguard import printable

    print("\n".join(printable(line) for line in message.split("\n")), file=sys.stderr)


def _out(message: str) -> None:
    from ketatui.textguard import printable

    print(printable(message))


#: How many times --set-pin asks before giving up.
PIN_ASKS = 3


def _ask_new_pin() -> str | None:
    """Ask for a new PIN (twice) at the terminal; a too-short PIN or two that differ are
    said and asked again, up to PIN_ASKS times. None when no good PIN came."""
    from ketatui.kioskcore.pin import PinError, check_pin_format

    for _ in range(PIN_ASKS):
        pin = getpass.getpass("New staff PIN (6 to 32 digits): ")
        try:
            check_pin_format(pin)
        except PinError as error:
            _err(f"{error}. Please try again.")
            continue
        if getpass.getpass("The same PIN again: ") == pin:
            return pin
        _err("The two PINs differ. Please try again.")
    return None


def _set_pin(path: Path, *, from_stdin: bool) -> int:
    from ketatui.kioskcore.config import ConfigError, set_pin
    from ketatui.kioskcore.pin import PinError, check_pin_format, hash_pin

    try:
        if from_stdin:
            pin = sys.stdin.readline().strip()
            check_pin_format(pin)
        else:
            if not sys.stdin.isatty():
                _err(
                    "ketatui kiosk: --set-pin needs a terminal; use --set-pin-from-stdin "
                    "to read the PIN from standard input"
                )
                return EXIT_USAGE
            asked = _ask_new_pin()
            if asked is None:
                _err(f"ketatui kiosk: no PIN after {PIN_ASKS} tries; nothing was changed")
                return EXIT_USAGE
            pin = asked
        set_pin(path, hash_pin(pin))
    except PinError as error:
        _err(f"ketatui kiosk: {error}; nothing was changed")
        return EXIT_USAGE
    except ConfigError as error:
        _err(f"ketatui kiosk: {error}")
        return EXIT_USAGE
    except (KeyboardInterrupt, EOFError):
        _err("\nketatui kiosk: cancelled; nothing was changed")
        return EXIT_USAGE
    except OSError as error:
        _err(f"ketatui kiosk: cannot write {path}: {error.strerror or error}")
        return EXIT_USAGE
    print(f"Staff PIN saved (as a salted hash) in {path}")
    return EXIT_OK


def _uncleared(patient: list[LessonEntry], today: dt.date) -> list[NotCleared]:
    from ketatui.authoring.review_status import not_cleared

    return not_cleared(((e.path, e.lesson) for e in patient), today)


def _refuse_uncleared(
    config_path: Path, root: Path, patient: list[LessonEntry], today: dt.date
) -> bool:
    """With `require_reviewed` on: name every patient lesson that blocks the start.

    True when something does (the kiosk must not start).
    """
    blocked = _uncleared(patient, today)
    if not blocked:
        return False
    lines = [
        f"ketatui kiosk: require_reviewed is on in {config_path}, so the kiosk will not start: "
        f"{len(blocked)} of {len(patient)} patient lessons are not approved by a clinician "
        "or are overdue for review:"
    ]
    for item in blocked:
        try:
            name = item.path.relative_to(root)
        except ValueError:
            name = item.path
        lines.append(f"  {name} ({item.lesson_id}): {item.reason}")
    lines.append(
        "Once a clinician has reviewed a lesson, record it with "
        "`ketatui review FILE --by NAME`. A site that may show draft lessons sets "
        "require_reviewed = false."
    )
    _err("\n".join(lines))
    return True


def _check(
    path: Path,
    root: Path,
    catalog: Catalog,
    config: KioskConfig,
    error_log: ErrorLog,
    today: dt.date,
) -> int:
    """`kiosk --check`: print the effective setup; refuse as a start would."""
    from ketatui.authoring.review_status import count_reviews, describe_counts

    patient = catalog.lessons("patient")
    reviews = count_reviews((e.lesson.review for e in patient), today)
    _out(f"config: {path}{'' if path.exists() else ' (not found: defaults)'}")
    _out(f"course: {root} ({len(patient)} patient lessons, {len(catalog.errors)} errors)")
    _out(f"review: {describe_counts(reviews, 'patient lessons')}")
    _out(f"require_reviewed: {'on' if config.require_reviewed else 'off'}")
    _out(f"idle: {config.idle_seconds} s, then a {config.countdown_seconds} s countdown")
    _out(f"statistics: {'on' if config.stats else 'off'}")
    _out(f"language: {_language_summary(catalog, config)}")
    _out(f"error log: {error_log.path}")
    pin_problem = _pin_check(config)
    if pin_problem is not None:
        _err(f"ketatui kiosk: {pin_problem}")
        return EXIT_USAGE
    if config.require_reviewed and _refuse_uncleared(path, root, patient, today):
        return EXIT_CONTENT
    return EXIT_CONTENT if catalog.errors else EXIT_OK


def _language_summary(catalog: Catalog, config: KioskConfig) -> str:
    """The language visits start in, and how many patient lessons it has."""
    from ketatui.i18n import current_language

    lang = config.language or current_language()
    patient = catalog.lessons("patient")
    if lang == catalog.course.language:
        return f"{lang} (the course's own)"
    translated = sum(1 for e in patient if lang in e.translations)
    return f"{lang} ({translated} of {len(patient)} patient lessons translated)"


def _pin_check(config: KioskConfig) -> str | None:
    """Hash a test PIN with the configured parameters: why staff could not close the kiosk."""
    import time

    from ketatui.kioskcore.pin import verify_pin

    if config.pin is None:
        return None
    start = time.perf_counter()
    try:
        verify_pin("0" * 6, config.pin)
    except (ValueError, MemoryError) as error:
        return f"the [pin] parameters cannot be used to check a PIN ({error}): set it again"
    _out(f"PIN check: {time.perf_counter() - start:.2f} s")
    return None


def run(args: argparse.Namespace) -> int:
    """Run `ketatui kiosk`."""
    from ketatui.kioskcore.config import ConfigError, load_config

    path, explicit = _config_path(args)
    if args.set_pin or args.set_pin_from_stdin:
        return _set_pin(path, from_stdin=args.set_pin_from_stdin)

    try:
        config = load_config(path, missing_ok=not explicit)
    except ConfigError as error:
        _err(f"ketatui kiosk: {error}")
        return EXIT_USAGE
    if config.pin is None:
        hint = f" --config {path}" if explicit else ""
        _err(NO_PIN_MESSAGE.format(path=path, config=hint))
        return EXIT_USAGE

    from ketatui import paths
    from ketatui.content.cache import load_catalog_cached

    root = paths.lessons_dir(getattr(args, "lessons", None) or config.lessons)
    if not root.is_dir():
        _err(f"ketatui kiosk: the course folder {root} does not exist")
        return EXIT_USAGE
    try:
        catalog = load_catalog_cached(root)
    except FileNotFoundError:
        _err(f"ketatui kiosk: the course folder {root} does not exist")
        return EXIT_USAGE
    patient = catalog.lessons("patient")
    for problem in catalog.errors:
        _err(problem.format())
    if not patient:
        _err(f"ketatui kiosk: the course in {root} has no lessons for patients (tracks: [patient])")
        return EXIT_CONTENT

    from ketatui.kioskcore.errorlog import ErrorLog, default_log_path

    log_path = Path(args.log_file).expanduser() if args.log_file else config.log_file
    error_log = ErrorLog(log_path or default_log_path())
    log_problem = error_log.problem()
    if log_problem is not None:
        _err(f"ketatui kiosk: the error log {error_log.path}: {log_problem}")
        return EXIT_USAGE
    if catalog.errors:
        error_log.note(f"{len(catalog.errors)} lesson file(s) with errors were left out")

    today = dt.date.today()
    if args.check:
        return _check(path, root, catalog, config, error_log, today)
    if config.require_reviewed and _refuse_uncleared(path, root, patient, today):
        return EXIT_CONTENT

    return _start(args, catalog, config, error_log)


def _start(
    args: argparse.Namespace, catalog: Catalog, config: KioskConfig, error_log: ErrorLog
) -> int:
    """Open the statistics if asked for, then run the kiosk until staff close it."""
    from ketatui import paths

    stats = None
    if config.stats:
        from ketatui.kioskcore.stats import KioskStats, StatsError

        try:
            stats = KioskStats.open(paths.data_dir(getattr(args, "data_dir", None)))
        except StatsError as error:
            _err(f"ketatui kiosk: {error}")
            return EXIT_USAGE

    from ketatui.kioskcore.signals import ignore_job_control_signals
    from ketatui.ui.kiosk import KioskApp

    ignore_job_control_signals()
    # `--lang` (or KETATUI_LANG) wins over the config's `language` for this run.
    language = args.lang if getattr(args, "language_fixed", False) else None
    app = KioskApp(
        catalog,
        config,
        stats=stats,
        error_log=error_log,
        lock_signals=True,
        language=language,
    )
    try:
        app.run()
    finally:
        if stats is not None:
            stats.close()
    return app.return_code or EXIT_OK

"""`ketatui serve`: the learner app, or with `--kiosk` the kiosk, in a web browser.

    ketatui serve --kiosk                      # http://127.0.0.1:8000/ on this computer only
    ketatui serve --kiosk --host 0.0.0.0       # other devices too (says so)

Needs the `serve` extra (`pip install "ketatui[serve]"`); textual-serve is imported only
here. Exit codes: 0 stopped, 2 usage (bad options, no PIN, missing extra, port taken).
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

EXIT_OK = 0
EXIT_USAGE = 2

MISSING_EXTRA = (
    "ketatui serve: the browser server is an optional part; install it with\n"
    '    pip install "ketatui[serve]"'
)
SHARED_PROFILES_NEEDED = (
    "ketatui serve: the learner app keeps profiles and progress on this computer, so "
    "everyone who opens the page sees the same profiles. To serve it on {host} (reachable "
    "from other devices), confirm that this is for one trusted room with --shared-profiles, "
    "or serve the kiosk (--kiosk), which keeps nothing about visitors."
)
EXPOSED_WARNING = (
    "ketatui serve: WARNING: listening on {host}:{port}, reachable from other devices on "
    "the network, over plain HTTP unless a proxy adds HTTPS. Anyone who can reach this "
    "address can open {what}."
)


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Register `ketatui serve`."""
    p = subparsers.add_parser(
        "serve",
        parents=[common],
        help="serve the learner app (or the kiosk) to web browsers",
        description="Serve the learner app, or the kiosk with --kiosk, to web browsers. "
        "Each browser tab gets its own app. Binds to 127.0.0.1 (this computer only) unless "
        "--host says otherwise. Needs: pip install 'ketatui[serve]'.",
    )
    p.add_argument("--kiosk", action="store_true", help="serve the waiting-room kiosk")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (8000)")
    p.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers use, when a proxy sits in front (e.g. https://kiosk.lan)",
    )
    p.add_argument(
        "--max-sessions",
        type=int,
        default=20,
        metavar="N",
        help="most browser sessions at once; later visitors see a 'busy' page (20)",
    )
    p.add_argument(
        "--shared-profiles",
        action="store_true",
        help="allow the learner app on a non-loopback address (everyone shares its profiles)",
    )
    p.add_argument("--config", metavar="PATH", help="kiosk settings file (with --kiosk)")
    p.add_argument("--log-file", metavar="PATH", help="kiosk error log (with --kiosk)")
    p.add_argument(
        "--theme",
        choices=["default", "high-contrast"],
        default=None,
        help="colour theme of the learner app",
    )


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def _check_options(args: argparse.Namespace) -> str | None:
    """What is wrong with the options, or None."""
    from ketatui.serve.policy import is_loopback

    if not 0 < args.port < 65536:
        return f"ketatui serve: --port must be 1-65535, not {args.port}"
    if args.max_sessions < 1:
        return f"ketatui serve: --max-sessions must be at least 1, not {args.max_sessions}"
    if args.public_url and not args.public_url.startswith(("http://", "https://")):
        return f"ketatui serve: --public-url must start with http:// or https://: {args.public_url}"
    if not args.kiosk:
        if args.config or args.log_file:
            return "ketatui serve: --config and --log-file are for the kiosk (--kiosk)"
        if not is_loopback(args.host) and not args.shared_profiles:
            return SHARED_PROFILES_NEEDED.format(host=args.host)
    return None


def _check_kiosk(args: argparse.Namespace) -> str | None:
    """The kiosk's own start checks that would otherwise fail in every browser session."""
    from ketatui.commands.kiosk import NO_PIN_MESSAGE
    from ketatui.kioskcore.config import ConfigError, default_config_path, load_config

    path = Path(args.config).expanduser() if args.config else default_config_path()
    try:
        config = load_config(path, missing_ok=not args.config)
    except ConfigError as error:
        return f"ketatui serve: {error}"
    if config.pin is None:
        return NO_PIN_MESSAGE.format(path=path, config=f" --config {path}" if args.config else "")
    return None


def app_command(args: argparse.Namespace) -> str:
    """The shell command each browser session runs (same Python, same options)."""
    from ketatui import paths

    argv = [sys.executable, "-m", "ketatui.cli"]
    if args.kiosk:
        argv.append("kiosk")
        if args.config:
            argv += ["--config", str(Path(args.config).expanduser().resolve())]
        if args.log_file:
            argv += ["--log-file", str(Path(args.log_file).expanduser().resolve())]
    elif args.theme:
        argv += ["--theme", args.theme]
    if getattr(args, "lessons", None):
        argv += ["--lessons", str(Path(args.lessons).expanduser().resolve())]
    argv += ["--data-dir", str(paths.data_dir(getattr(args, "data_dir", None)).resolve())]
    if getattr(args, "language_fixed", False):
        # Asked for (--lang or KETATUI_LANG): every session starts in it. Otherwise each
        # session chooses as a terminal start would (a profile's choice, the kiosk config).
        argv += ["--lang", args.lang]
    return shlex.join(argv)


def run(args: argparse.Namespace) -> int:
    """Run `ketatui serve` until Ctrl+C."""
    problem = _check_options(args) or (_check_kiosk(args) if args.kiosk else None)
    if problem:
        _err(problem)
        return EXIT_USAGE
    try:
        from ketatui.serve.server import KetatuiServer, ServeOptions
    except ImportError:
        _err(MISSING_EXTRA)
        return EXIT_USAGE

    from ketatui.serve.policy import is_loopback

    if not is_loopback(args.host):
        what = "the kiosk" if args.kiosk else "the learner app and every profile on it"
        _err(EXPOSED_WARNING.format(host=args.host, port=args.port, what=what))
    options = ServeOptions(
        command=app_command(args),
        mode="kiosk" if args.kiosk else "learner",
        host=args.host,
        port=args.port,
        public_url=args.public_url.rstrip("/") if args.public_url else None,
        max_sessions=args.max_sessions,
        title="ketatui kiosk" if args.kiosk else "ketatui",
    )
    try:
        KetatuiServer(options).serve()
    except OSError as error:
        _err(f"ketatui serve: cannot listen on {args.host}:{args.port}: {error.strerror or error}")
        return EXIT_USAGE
    return EXIT_OK

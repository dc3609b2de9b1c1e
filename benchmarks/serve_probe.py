"""Helpers for benchmarks/serve.py, run as their own processes.

python benchmarks/serve_probe.py server PORT MAX_SESSIONS COMMAND...
    ketatui's web server (the same page, headers and limits as `ketatui serve`)
    serving COMMAND, so ketatui and the baseline are served the same way.
python benchmarks/serve_probe.py bare
    the baseline app: a bare Textual app that shows one Static (as in start_probe).
"""

from __future__ import annotations

import shlex
import sys


def _bare() -> int:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class BareApp(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("Hello from a bare Textual app.")

    BareApp().run()
    return 0


def _server(port: int, max_sessions: int, command: list[str]) -> int:
    from ketatui.serve.server import KetatuiServer, ServeOptions

    options = ServeOptions(
        command=shlex.join(command), mode="kiosk", port=port, max_sessions=max_sessions
    )
    KetatuiServer(options).serve()
    return 0


def main(argv: list[str]) -> int:
    """Run the helper named by argv[0]."""
    if argv[:1] == ["bare"]:
        return _bare()
    if argv[:1] == ["server"] and len(argv) > 3:
        return _server(int(argv[1]), int(argv[2]), argv[3:])
    raise SystemExit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

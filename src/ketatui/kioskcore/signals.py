"""Make the kiosk process deaf to the keyboard's job-control signals.

Textual reads ctrl+c, ctrl+z and ctrl+\\ as keys in raw mode, but a terminal set up with
TEXTUAL_ALLOW_SIGNALS, or someone sending the signals from outside, must not stop or
suspend the kiosk either. SIGTERM and SIGHUP are left alone so a service manager (or the
terminal closing) can still end it.
"""

from __future__ import annotations

import os
import signal

GUARDED = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTSTP", "SIGQUIT") if hasattr(signal, name)
)


def ignore_job_control_signals() -> None:
    """Ignore SIGINT, SIGTSTP and SIGQUIT in this process (main thread only)."""
    # Textual keeps ISIG on only when this is set: make sure the keys arrive as keys.
    os.environ.pop("TEXTUAL_ALLOW_SIGNALS", None)
    for sig in GUARDED:
        signal.signal(sig, signal.SIG_IGN)

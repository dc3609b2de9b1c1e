"""The baseline of the start-up figures: a Textual app that shows one Static.

`start_probe.py bare` runs it headless under the probe; `terminal_start.py` runs this file
as it is, in a pseudo-terminal.
"""

from __future__ import annotations

#: What the app shows (the terminal benchmark waits for it on screen).
GREETING = "Hello from a bare Textual app."


def main() -> int:
    """Run the bare app until it exits."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class BareApp(App[None]):
        def compose(self) -> ComposeResult:
            yield Static(GREETING)

    BareApp().run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Sub-commands of `ketatui`: one module each, imported only when used (see `ketatui.cli`)."""

from __future__ import annotations

import argparse
import datetime as dt


def iso_date(text: str) -> dt.date:
    """An argparse type for `YYYY-MM-DD` dates; a bad one is a usage error (exit 2)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (use YYYY-MM-DD)") from None

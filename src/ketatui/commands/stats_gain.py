"""`ketatui stats --gain`: the knowledge-gain report (table, JSON or CSV)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ketatui.textguard import json_text, printable, write_csv_rows

if TYPE_CHECKING:
    from ketatui.authoring.gain_report import GainRow
    from ketatui.content.catalog import Catalog

EXIT_OK, EXIT_USAGE = 0, 2


def _catalog(course: Path) -> Catalog | None:
    """The course, for module titles and order (None: ids only)."""
    from ketatui.authoring.stats import find_course_root
    from ketatui.content.catalog import load_catalog

    root = course if course.is_dir() else find_course_root(course)
    if root is None:
        return None
    try:
        return load_catalog(root)
    except (FileNotFoundError, NotADirectoryError):
        return None


def run_gain(args: argparse.Namespace, course: Path, fmt: str) -> int:
    """Print the gain per module; 2 when a database cannot be read."""
    from ketatui import paths
    from ketatui.authoring.gain_report import GAIN_COLUMNS, GainDataError, collect_gain

    data_dir = paths.data_dir(getattr(args, "data_dir", None))
    try:
        rows, read = collect_gain(data_dir, _catalog(course))
    except GainDataError as exc:
        print(printable(f"ketatui stats: {exc}"), file=sys.stderr)
        return EXIT_USAGE
    if not read:
        print(
            printable(f"ketatui stats: no progress database or kiosk statistics in {data_dir}"),
            file=sys.stderr,
        )
    if fmt == "json":
        sys.stdout.write(json_text([r.to_json() for r in rows]) + "\n")
    elif fmt == "csv":
        write_csv_rows(sys.stdout, GAIN_COLUMNS, (r.to_json() for r in rows), lineterminator="\n")
    elif read:
        _print_table(rows)
    return EXIT_OK


def _number(value: object, suffix: str = "") -> str:
    return "–" if value is None else f"{value}{suffix}"


def _print_table(rows: list[GainRow]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console()
    if not rows:
        console.print("No pre-checks or post-checks taken yet.")
        return
    table = Table(title="Knowledge gain per module")
    for name, justify in (
        ("Who", "left"),
        ("Module", "left"),
        ("Pre n", "right"),
        ("Pre mean", "right"),
        ("Post n", "right"),
        ("Post mean", "right"),
        ("g", "right"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for row in rows:
        data = row.to_json()
        table.add_row(
            Text(row.source),
            Text(printable(row.module_title or row.figures.module_id)),
            str(data["pre_checks"]),
            _number(data["pre_mean_percent"], "%"),
            str(data["post_checks"]),
            _number(data["post_mean_percent"], "%"),
            _number(data["gain"]),
        )
    console.print(table)
    console.print("g = (post - pre) / (100 - pre), from the mean scores; – : not enough checks.")

"""`ketatui stats --gain`: knowledge gain per module, from the data dir's databases.

Learners with a profile (the progress database) and kiosk visitors (the kiosk's anonymous
day-level statistics) are reported apart: they are different groups, and the kiosk cannot
tell one visitor from another. Both files are opened read-only.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ketatui.content.catalog import Catalog
from ketatui.kioskcore.stats import read_gain
from ketatui.paths import KIOSK_STATS_FILENAME, PROGRESS_DB_FILENAME
from ketatui.progress.readonly import connect_read_only
from ketatui.review.gain import ModuleGain, Tally, module_gains, percent

#: CSV (and JSON) columns, in order.
GAIN_COLUMNS = (
    "source",
    "module_id",
    "module",
    "pre_checks",
    "pre_mean_percent",
    "post_checks",
    "post_mean_percent",
    "gain",
)


class GainDataError(Exception):
    """A database exists but cannot be read (the message names it)."""


@dataclass(frozen=True, slots=True)
class GainRow:
    """One module's figures from one source ("profiles" or "kiosk")."""

    source: str
    module_title: str | None
    figures: ModuleGain

    def to_json(self) -> dict[str, Any]:
        """A plain dict keyed by `GAIN_COLUMNS` (means and g rounded to 0.1 and 0.01)."""
        f = self.figures
        return {
            "source": self.source,
            "module_id": f.module_id,
            "module": self.module_title,
            "pre_checks": f.pre_count,
            "pre_mean_percent": None if f.pre_mean is None else round(f.pre_mean, 1),
            "post_checks": f.post_count,
            "post_mean_percent": None if f.post_mean is None else round(f.post_mean, 1),
            "gain": None if f.gain is None else round(f.gain, 2),
        }


def _progress_tallies(path: Path) -> list[Tally]:
    conn = connect_read_only(path)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        if "gain_checks" not in tables:  # a file from before format 4
            return []
        rows = conn.execute("SELECT module_id, phase, correct, total FROM gain_checks")
        sums: dict[tuple[str, str], list[float]] = {}
        for module_id, phase, correct, total in rows:
            sums.setdefault((module_id, phase), []).append(percent(correct, total))
    finally:
        conn.close()
    return [
        Tally(m, "pre" if phase == "pre" else "post", len(v), sum(v))
        for (m, phase), v in sums.items()
    ]


def _kiosk_tallies(path: Path) -> list[Tally]:
    return [
        Tally(m, "pre" if phase == "pre" else "post", n, total)
        for m, phase, n, total in read_gain(path)
    ]


def collect_gain(data_dir: Path, catalog: Catalog | None) -> tuple[list[GainRow], list[Path]]:
    """Gain per module from each database in `data_dir` (profiles first, then the kiosk);
    returns the rows and the files read. Raises GainDataError for an unreadable file."""
    order = [m.id for m in catalog.modules] if catalog is not None else []
    titles = {m.id: m.title for m in catalog.modules} if catalog is not None else {}
    rows: list[GainRow] = []
    read: list[Path] = []
    sources = (
        ("profiles", data_dir / PROGRESS_DB_FILENAME, _progress_tallies),
        ("kiosk", data_dir / KIOSK_STATS_FILENAME, _kiosk_tallies),
    )
    for source, path, reader in sources:
        if not path.is_file():
            continue
        try:
            tallies = reader(path)
        except sqlite3.Error as exc:
            raise GainDataError(f"{path}: cannot be read ({exc})") from exc
        read.append(path)
        rows += [GainRow(source, titles.get(g.module_id), g) for g in module_gains(tallies, order)]
    return rows, read

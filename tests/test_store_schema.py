"""The store's schema check: a progress file lacking a table or column is caught at open,
whether the expected schema is the written-out one or built from the migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ketatui.paths import PROGRESS_DB_FILENAME
from ketatui.progress import schema
from ketatui.progress.store import CorruptStoreError, ProgressStore


def test_the_written_out_schema_is_what_the_migrations_make() -> None:
    built = schema.build_expected_columns()
    assert schema.expected_columns() == built
    assert list(schema.expected_columns()) == list(built)  # "missing" lists keep this order
    # Fails when a migration is added or changed: write `_KNOWN_COLUMNS` and `_KNOWN_CRC`
    # out again from `build_expected_columns()` and `migrations_crc()`, or every start
    # builds the schema in memory again (~5 ms).
    assert schema.migrations_crc() == schema._KNOWN_CRC


@pytest.mark.parametrize(
    ("damage", "named"),
    [
        ("ALTER TABLE review_log DROP COLUMN source", "column source of review_log"),
        ("DROP TABLE gain_checks", "table gain_checks"),
    ],
)
def test_a_file_missing_part_of_the_schema_is_damaged(
    tmp_path: Path, damage: str, named: str
) -> None:
    ProgressStore.open(tmp_path).close()
    conn = sqlite3.connect(tmp_path / PROGRESS_DB_FILENAME)
    conn.execute(damage)
    conn.commit()
    conn.close()
    with pytest.raises(CorruptStoreError, match=f"damaged: it has no {named}"):
        ProgressStore.open(tmp_path)
    store = ProgressStore.open(tmp_path, recover=True)
    try:
        assert store.recovery_note is not None and "damaged" in store.recovery_note
        assert store.list_profiles() == []
    finally:
        store.close()

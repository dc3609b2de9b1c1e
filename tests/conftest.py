"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from ketatui.content.catalog import Catalog, load_catalog

TESTS = Path(__file__).parent
UI_COURSE = TESTS / "data" / "ui_course"


def load_ui_course(root: Path = UI_COURSE) -> Catalog:
    """The fixed UI test course, loaded with the real loader."""
    catalog = load_catalog(root)
    assert not catalog.errors, catalog.errors
    return catalog


@pytest.fixture
def ui_catalog() -> Catalog:
    """The fixed course under tests/data/ui_course (one lesson with every question type)."""
    return load_ui_course()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data dir for progress."""
    d = tmp_path / "data"
    d.mkdir()
    return d

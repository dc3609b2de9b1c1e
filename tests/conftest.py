"""Shared fixtures."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from ketatui.content.catalog import Catalog

TESTS = Path(__file__).parent
UI_COURSE = TESTS / "data" / "ui_course"


def _simple_load(root: Path) -> Catalog:
    # TEMPORARY stand-in until content.loader lands; removed at integration.
    import msgspec
    import yaml

    from ketatui.content.catalog import CatalogModule, LessonEntry
    from ketatui.content.model import Course, Lesson, Module

    course = msgspec.convert(yaml.safe_load((root / "course.yaml").read_text()), Course)
    modules = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        info = msgspec.convert(yaml.safe_load((folder / "module.yaml").read_text()), Module)
        entries = []
        for f in sorted(folder.glob("*.yaml")):
            if f.name == "module.yaml":
                continue
            data = f.read_bytes()
            lesson = msgspec.convert(yaml.safe_load(data), Lesson)
            entries.append(
                LessonEntry(
                    lesson=lesson,
                    path=f,
                    module_id=info.id,
                    content_hash=hashlib.sha256(data).hexdigest(),
                    bodies=tuple(p.body for p in lesson.pages),
                )
            )
        modules.append(CatalogModule(info=info, path=folder, lessons=tuple(entries)))
    return Catalog(root=root, course=course, modules=tuple(modules))


def load_ui_course(root: Path = UI_COURSE) -> Catalog:
    """The fixed UI test course, loaded with the real loader when it is available."""
    try:
        from ketatui.content.catalog import load_catalog

        catalog = load_catalog(root)
    except (ImportError, NotImplementedError, AttributeError):
        return _simple_load(root)
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

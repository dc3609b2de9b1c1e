"""Shared fixtures."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import msgspec.structs
import pytest

from ketatui.content.catalog import Catalog, load_catalog

# Pictures and transcripts are English unless a test asks for another language: the
# machine's locale (LANG=es_ES...) must not change them, here or in the processes tests start.
os.environ["KETATUI_LANG"] = "en"

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


def _damage_cached_lessons(course: Path, cache_dir: Path) -> None:
    """Replace every cached lesson's bytes with garbage, keeping the cache file readable."""
    from ketatui.content import cache

    target = cache.cache_file(course, cache_dir)
    data = cache._decoder.decode(target.read_bytes())
    for key, record in data.files.items():
        data.files[key] = msgspec.structs.replace(record, lesson=b"\xc1 not msgpack")
    target.write_bytes(cache._encoder.encode(data))


@pytest.fixture
def damage_cached_lessons() -> Callable[[Path, Path], None]:
    """`damage(course, cache_dir)`: every lesson in that course's cache file garbled."""
    return _damage_cached_lessons


@pytest.fixture(autouse=True)
def _english_interface() -> object:
    """Every test starts and ends with the interface in English (the language is global)."""
    from ketatui.i18n import set_language

    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def course_with_pre_check(tmp_path: Path) -> Callable[..., Path]:
    """Makes a copy of the UI test course whose module asks `refs` as its pre-check."""
    import shutil

    def make(*refs: str, where: Path | None = None) -> Path:
        course = (where or tmp_path) / "pre-check-course"
        shutil.copytree(UI_COURSE, course)
        listed = "".join(f"  - {ref}\n" for ref in refs)
        module = course / "01-basics" / "module.yaml"
        module.write_text(module.read_text(encoding="utf-8") + "pre_check:\n" + listed)
        return course

    return make

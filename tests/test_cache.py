"""The parsed-catalog cache: same catalog as a fresh load, only changed files re-parsed."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from ketatui.content import cache, loader
from ketatui.content.cache import cache_file, load_catalog_cached
from ketatui.content.catalog import LessonCard, LessonUnavailableError, load_catalog

UI_COURSE = Path(__file__).parent / "data" / "ui_course"


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A writable copy of the UI test course."""
    root = tmp_path / "course"
    shutil.copytree(UI_COURSE, root)
    return root


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the lesson files actually parsed (not answered from the cache)."""
    calls: list[str] = []
    real = loader.parse_lesson_file

    def counting(path: Path, course_root: Path) -> loader.LoadedFile:
        calls.append(Path(path).name)
        return real(path, course_root)

    monkeypatch.setattr(loader, "parse_lesson_file", counting)
    return calls


def lesson_files(root: Path) -> list[Path]:
    return sorted(p for p in root.glob("*/*.yaml") if p.name != "module.yaml")


def touch_edit(path: Path, old: str, new: str) -> None:
    """Edit a file and make sure its mtime moves even on a coarse-clock file system."""
    before = path.stat().st_mtime_ns
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    if path.stat().st_mtime_ns == before:
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


def test_cache_hit_returns_the_same_catalog_without_parsing(
    course: Path, cache_dir: Path, parsed: list[str]
) -> None:
    fresh = load_catalog(course)
    first = load_catalog_cached(course, cache_dir)
    assert cache_file(course, cache_dir).is_file()
    parsed.clear()

    second = load_catalog_cached(course, cache_dir)

    assert parsed == []
    assert second == fresh == first
    assert [e.lesson.id for e in second.lessons()] == [e.lesson.id for e in fresh.lessons()]
    assert second.lessons()[0].bodies == fresh.lessons()[0].bodies
    assert second.lessons()[0].content_hash == fresh.lessons()[0].content_hash


def test_editing_one_file_reparses_only_that_file(
    course: Path, cache_dir: Path, parsed: list[str]
) -> None:
    load_catalog_cached(course, cache_dir)
    _, second = lesson_files(course)
    parsed.clear()

    touch_edit(second, "title: ", "title: Edited ")
    catalog = load_catalog_cached(course, cache_dir)

    assert parsed == [second.name]
    assert catalog.entry("second-lesson").lesson.title.startswith("Edited ")
    assert catalog == load_catalog(course)
    parsed.clear()
    load_catalog_cached(course, cache_dir)
    assert parsed == []


def test_corrupt_cache_file_is_ignored_and_rebuilt(
    course: Path, cache_dir: Path, parsed: list[str]
) -> None:
    load_catalog_cached(course, cache_dir)
    target = cache_file(course, cache_dir)
    target.write_bytes(b"\x93not msgpack at all" + os.urandom(64))
    parsed.clear()

    catalog = load_catalog_cached(course, cache_dir)

    assert sorted(parsed) == [p.name for p in lesson_files(course)]
    assert catalog == load_catalog(course)
    parsed.clear()
    load_catalog_cached(course, cache_dir)
    assert parsed == []  # rewritten, and good again


def test_cache_from_another_format_is_ignored(
    course: Path, cache_dir: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    load_catalog_cached(course, cache_dir)
    monkeypatch.setattr(cache, "FORMAT_VERSION", cache.FORMAT_VERSION + 1)
    parsed.clear()

    catalog = load_catalog_cached(course, cache_dir)

    assert len(parsed) == len(lesson_files(course))
    assert catalog == load_catalog(course)


def test_duplicate_id_between_cached_and_changed_file_is_reported(
    course: Path, cache_dir: Path, parsed: list[str]
) -> None:
    load_catalog_cached(course, cache_dir)
    _, second = lesson_files(course)
    parsed.clear()

    touch_edit(second, "id: second-lesson", "id: first-lesson")
    catalog = load_catalog_cached(course, cache_dir)

    assert parsed == [second.name]  # the first lesson came from the cache
    fresh = load_catalog(course)
    assert catalog.errors == fresh.errors
    assert any("first-lesson" in e.message for e in catalog.errors)
    assert catalog == fresh


def test_lesson_with_errors_is_reported_from_the_cache_too(
    course: Path, cache_dir: Path, parsed: list[str]
) -> None:
    _, second = lesson_files(course)
    touch_edit(second, "title: ", "titel: ")
    fresh = load_catalog(course)
    assert fresh.errors and fresh.entry("second-lesson") is None
    load_catalog_cached(course, cache_dir)
    parsed.clear()

    catalog = load_catalog_cached(course, cache_dir)

    assert parsed == []
    assert catalog.errors == fresh.errors
    assert catalog.entry("second-lesson") is None


def test_added_and_removed_lessons_are_seen(
    course: Path, cache_dir: Path, parsed: list[str]
) -> None:
    load_catalog_cached(course, cache_dir)
    first, second = lesson_files(course)
    third = second.with_name("03-third.yaml")
    third.write_text(
        second.read_text(encoding="utf-8").replace("id: second-lesson", "id: third-lesson", 1),
        encoding="utf-8",
    )
    first.unlink()
    parsed.clear()

    catalog = load_catalog_cached(course, cache_dir)

    assert parsed == [third.name]
    assert [e.lesson.id for e in catalog.lessons()] == ["second-lesson", "third-lesson"]
    assert catalog == load_catalog(course)


def test_module_yaml_change_reaches_cached_lessons(course: Path, cache_dir: Path) -> None:
    load_catalog_cached(course, cache_dir)
    module_yaml = next(course.glob("*/module.yaml"))
    old_id = load_catalog(course).modules[0].id
    touch_edit(module_yaml, f"id: {old_id}", "id: renamed-module")

    catalog = load_catalog_cached(course, cache_dir)

    assert catalog == load_catalog(course)
    assert catalog.modules[0].id == "renamed-module"
    assert {e.module_id for e in catalog.lessons()} == {"renamed-module"}


def test_course_yaml_change_is_seen(course: Path, cache_dir: Path) -> None:
    load_catalog_cached(course, cache_dir)
    touch_edit(course / "course.yaml", "title: ", "title: Renamed ")

    catalog = load_catalog_cached(course, cache_dir)

    assert catalog.course.title.startswith("Renamed ")
    assert catalog == load_catalog(course)


def test_new_module_folder_is_seen(course: Path, cache_dir: Path, parsed: list[str]) -> None:
    load_catalog_cached(course, cache_dir)
    first = lesson_files(course)[0]
    extra = course / "02-extra"
    extra.mkdir()
    (extra / "01-extra.yaml").write_text(
        first.read_text(encoding="utf-8").replace("id: first-lesson", "id: extra-lesson", 1),
        encoding="utf-8",
    )
    parsed.clear()

    catalog = load_catalog_cached(course, cache_dir)

    assert parsed == ["01-extra.yaml"]
    assert catalog.entry("extra-lesson") is not None
    assert catalog == load_catalog(course)  # including "module.yaml is missing"
    assert any("module.yaml" in e.message for e in catalog.errors)


def test_body_file_change_is_seen(course: Path, cache_dir: Path, parsed: list[str]) -> None:
    first = lesson_files(course)[0]
    (first.parent / "page-one.md").write_text("Body from a file.\n", encoding="utf-8")
    text = first.read_text(encoding="utf-8")
    start = text.index("  - title: Page one\n") + len("  - title: Page one\n")
    end = text.index("    sources: [s1]", start)
    first.write_text(text[:start] + "    body_file: page-one.md\n" + text[end:], encoding="utf-8")
    fresh = load_catalog(course)
    assert not fresh.errors, fresh.errors
    assert load_catalog_cached(course, cache_dir) == fresh
    parsed.clear()

    touch_edit(first.parent / "page-one.md", "Body from a file.", "Edited body.")
    catalog = load_catalog_cached(course, cache_dir)

    assert parsed == [first.name]
    assert catalog.entry("first-lesson").bodies[0].strip() == "Edited body."


def test_unwritable_cache_dir_just_loads(course: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache dir should be", encoding="utf-8")

    catalog = load_catalog_cached(course, blocker / "cache")

    assert catalog == load_catalog(course)


def test_cache_dir_comes_from_the_environment(
    course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.CACHE_DIR_ENV, str(tmp_path / "from-env"))

    load_catalog_cached(course)

    assert cache_file(course, tmp_path / "from-env").is_file()


def test_missing_course_folder_raises_like_load_catalog(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_catalog(tmp_path / "nowhere")
    with pytest.raises(FileNotFoundError):
        load_catalog_cached(tmp_path / "nowhere", tmp_path / "cache")


def test_cached_lessons_are_decoded_only_when_used(course: Path, cache_dir: Path) -> None:
    fresh = load_catalog(course)
    load_catalog_cached(course, cache_dir)
    cached = load_catalog_cached(course, cache_dir)
    entries = cached.lessons()
    # The catalog lists lessons from their cards: nothing decoded yet.
    assert [e.card for e in entries] == [LessonCard.of(e.lesson) for e in fresh.lessons()]
    assert all(e._lesson is None for e in entries)
    assert entries[0].lesson == fresh.lessons()[0].lesson
    assert entries[0]._lesson is not None and entries[1]._lesson is None


def test_a_damaged_cached_lesson_is_read_again_from_its_file(
    course: Path, cache_dir: Path, damage_cached_lessons: Callable[[Path, Path], None]
) -> None:
    fresh = load_catalog(course)
    load_catalog_cached(course, cache_dir)
    damage_cached_lessons(course, cache_dir)
    cached = load_catalog_cached(course, cache_dir)
    assert [e.lesson for e in cached.lessons()] == [e.lesson for e in fresh.lessons()]


def test_a_damaged_cached_lesson_whose_file_broke_says_so(
    course: Path, cache_dir: Path, damage_cached_lessons: Callable[[Path, Path], None]
) -> None:
    load_catalog_cached(course, cache_dir)
    damage_cached_lessons(course, cache_dir)
    cached = load_catalog_cached(course, cache_dir)  # still the snapshot: files unchanged
    entry = cached.lessons()[0]
    entry.path.write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(LessonUnavailableError, match="run ketatui validate"):
        _ = entry.lesson


def test_damaged_cached_lessons_are_parsed_again_when_the_course_changed(
    course: Path,
    cache_dir: Path,
    parsed: list[str],
    damage_cached_lessons: Callable[[Path, Path], None],
) -> None:
    fresh = load_catalog(course)
    load_catalog_cached(course, cache_dir)
    damage_cached_lessons(course, cache_dir)
    touch_edit(course / "course.yaml", "title:", "title:")  # not the snapshot path
    os.utime(course / "course.yaml", ns=(1, 1))
    parsed.clear()
    catalog = load_catalog_cached(course, cache_dir)
    assert not catalog.errors
    assert catalog == fresh  # every lesson, parsed again from its file
    assert sorted(parsed) == sorted(p.name for p in lesson_files(course))
    parsed.clear()
    again = load_catalog_cached(course, cache_dir)  # and the records were replaced
    assert again == fresh and parsed == []


def test_a_damaged_lesson_found_on_use_drops_the_cache_file(
    course: Path,
    cache_dir: Path,
    parsed: list[str],
    damage_cached_lessons: Callable[[Path, Path], None],
) -> None:
    load_catalog_cached(course, cache_dir)
    damage_cached_lessons(course, cache_dir)
    cached = load_catalog_cached(course, cache_dir)
    _ = cached.lessons()[0].lesson
    assert not cache_file(course, cache_dir).exists()  # the next start rebuilds it
    parsed.clear()
    rebuilt = load_catalog_cached(course, cache_dir)
    assert len(parsed) == len(lesson_files(course))
    assert rebuilt.lessons()[0].lesson == cached.lessons()[0].lesson

"""Checks across a course (issue 17): a lesson id used twice is caught whatever path is
validated, and the newer file is blamed; two files with one number are a warning."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ketatui.content.catalog import load_catalog


def age(path: Path, seconds_ago: int) -> None:
    """Set a file's modification time `seconds_ago` seconds in the past."""
    stamp = path.stat().st_mtime - seconds_ago
    os.utime(path, (stamp, stamp))


def copy_with_id(source: Path, target: Path, ident: str) -> Path:
    text = source.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("id: "))
    target.write_text(text.replace(old, f"id: {ident}"), encoding="utf-8")
    return target


def second_module(course: Path) -> Path:
    module = course / "02-more"
    module.mkdir()
    (module / "module.yaml").write_text("id: more\ntitle: More\n", encoding="utf-8")
    return module


def test_validate_file_catches_an_id_used_elsewhere_in_the_course(cli, course: Path) -> None:
    age(course / "01-basics" / "01-counted.yaml", 3600)
    new = copy_with_id(
        course / "01-basics" / "02-second.yaml", second_module(course) / "01-copy.yaml", "counted"
    )
    r = cli("validate", str(new))
    assert r.code == 1
    [line] = [x for x in r.out.splitlines() if "error:" in x]
    assert line.startswith(f"{new}:1:5: error: duplicate lesson id 'counted': already used in ")
    assert "01-basics/01-counted.yaml:2" in line
    assert "never change an id that learners have used" in line


def test_validating_the_published_file_blames_the_newer_one(cli, course: Path) -> None:
    published = course / "01-basics" / "01-counted.yaml"
    age(published, 3600)
    new = copy_with_id(
        course / "01-basics" / "02-second.yaml", second_module(course) / "01-copy.yaml", "counted"
    )
    r = cli("validate", str(published))
    assert r.code == 1
    [line] = [x for x in r.out.splitlines() if "error:" in x]
    assert str(new.resolve()) in line.split(":")[0]  # the new file is the one to change


def test_validate_module_folder_checks_ids_across_the_course(cli, course: Path) -> None:
    age(course / "01-basics" / "02-second.yaml", 3600)
    module = second_module(course)
    copy_with_id(course / "01-basics" / "01-counted.yaml", module / "01-copy.yaml", "second")
    r = cli("validate", str(module))
    assert r.code == 1
    assert "duplicate lesson id 'second'" in r.out


def test_the_whole_course_keeps_the_older_file_even_when_it_sorts_later(course: Path) -> None:
    # The published lesson is in the later module; a new lesson in an earlier one copies it.
    module = second_module(course)
    published = module / "01-published.yaml"
    shutil.copy(course / "01-basics" / "02-second.yaml", published)
    (course / "01-basics" / "02-second.yaml").unlink()
    age(published, 3600)
    new = copy_with_id(published, course / "01-basics" / "05-new.yaml", "second")
    catalog = load_catalog(course)
    assert catalog.entry("second").path == published
    [error] = [e for e in catalog.errors if e.severity == "error"]
    assert error.file == new
    assert "never change an id that learners have used" in error.suggestion


def test_the_next_line_of_new_leads_to_a_check_that_catches_a_taken_id(cli, course: Path) -> None:
    age(course / "01-basics" / "01-counted.yaml", 3600)
    r = cli("--lessons", str(course), "new", "lesson", "--module", "basics", "--title", "Copy")
    path = Path(r.out.strip())
    command = r.err.split("`")[1].split()  # "Next: edit it, then `ketatui validate PATH`."
    assert command[:2] == ["ketatui", "validate"]
    text = path.read_text(encoding="utf-8").replace("id: copy\n", "id: counted\n")
    path.write_text(text, encoding="utf-8")
    r = cli(*command[1:])
    assert r.code == 1
    assert "duplicate lesson id 'counted'" in r.out


def test_two_lesson_files_with_one_number_are_a_warning(cli, course: Path) -> None:
    other = copy_with_id(
        course / "01-basics" / "02-second.yaml", course / "01-basics" / "02-again.yaml", "again"
    )
    r = cli("validate", str(course))
    assert r.code == 0  # a warning, not an error
    [line] = [x for x in r.out.splitlines() if "warning:" in x]
    assert line.startswith(f"{course / '01-basics' / '02-second.yaml'}:1:1: warning:")
    assert "same number as 02-again.yaml" in line
    assert "order comes from the file names" in line
    r = cli("validate", str(other))
    assert "warning: this lesson file has the same number as 02-again.yaml" in r.out


def test_the_lesson_the_app_showed_keeps_its_id_even_when_edited_later(
    cli, course: Path, tmp_path: Path, monkeypatch
) -> None:
    from ketatui.content.cache import CACHE_DIR_ENV, load_catalog_cached

    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "cache"))
    published = course / "01-basics" / "02-second.yaml"
    assert load_catalog_cached(course).entry("second").path == published  # the app shows it
    # An author copies it to start a new lesson, forgets the id, then edits the published
    # one too: by modification time the published lesson is now the newer file.
    copy = copy_with_id(published, second_module(course) / "01-copy.yaml", "second")
    age(copy, 3600)
    r = cli("validate", str(course))
    assert r.code == 1
    [line] = [x for x in r.out.splitlines() if "error:" in x]
    assert line.startswith(f"{copy}:")
    assert load_catalog_cached(course).entry("second").path == published
    r = cli("validate", str(published))
    [first] = [x for x in r.out.splitlines() if "error:" in x]
    assert first.startswith(str(copy.resolve()))

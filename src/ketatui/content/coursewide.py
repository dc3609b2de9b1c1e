"""Checks across the files of a course: lesson ids used twice, file numbers used twice.

A lesson id is what learners' progress is keyed on, so when two files claim one id the
published file keeps it and the new one is blamed: renaming the published lesson's id
would lose its learners' progress. Published means shown by the app with that id (the
catalog cache remembers it), else the older file by modification time.
These checks also run when `ketatui validate` is given one file or one module folder:
the rest of the course is then read quickly for its ids, without loading every lesson.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from yaml.nodes import MappingNode

from ketatui.content.errors import ContentError
from ketatui.content.yamlsafe import read_yaml

#: A top-level `id:` line (files that do not load yet still name their id this way).
_ID_LINE = re.compile(r"""^id:[ \t]*["']?([a-z0-9][a-z0-9-]*)["']?[ \t]*(?:#.*)?$""", re.M)
_NUMBER = re.compile(r"^(\d+)-")

NEVER_CHANGE = "never change an id that learners have used"


def id_position(path: Path) -> tuple[int, int]:
    """Line and column of a file's top-level `id:` value (for errors about the id)."""
    node = read_yaml(path).node
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if key.value == "id":
                return value.start_mark.line + 1, value.start_mark.column + 1
    return 1, 1


def _relative(path: Path, root: Path) -> Path:
    try:
        return path.relative_to(root)
    except ValueError:
        return path


def duplicate_error(path: Path, what: str, ident: str, first: Path, root: Path) -> ContentError:
    """`path` uses the id `ident` that `first` already uses; `path` is left out."""
    line, column = id_position(path)
    first_line, _ = id_position(first)
    where = _relative(first, root)
    if what == "lesson":
        hint = (
            f"{NEVER_CHANGE}: give this newer lesson an id of its own "
            f"(the lesson in {where} keeps '{ident}'); this lesson is left out"
        )
    else:
        hint = f"{what} ids must be unique across the course; this {what} is left out"
    return ContentError(
        path,
        line,
        column,
        f"duplicate {what} id '{ident}': already used in {where}:{first_line}",
        hint,
    )


def _age(path: Path) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return 0


def _published(root: Path) -> dict[Path, str]:
    from ketatui.content.cache import published_lessons

    try:
        return published_lessons(root)
    except OSError:  # no cache to ask: modification times decide
        return {}


def id_clashes(
    found: Iterable[tuple[Path, str]], root: Path
) -> tuple[list[ContentError], set[Path]]:
    """Errors for lesson files that reuse an id, and those files. The file that keeps the
    id is the one the app last showed with it (the catalog cache), else the oldest by
    modification time, then by name; every other one is blamed."""
    by_id: dict[str, list[Path]] = {}
    for path, ident in found:
        files = by_id.setdefault(ident, [])
        if path not in files:
            files.append(path)
    errors: list[ContentError] = []
    blamed: set[Path] = set()
    published: dict[Path, str] | None = None
    for ident, files in by_id.items():
        if len(files) < 2:
            continue
        if published is None:  # read only when there is a clash to settle
            published = _published(root)
        keys = {
            p: (0 if published.get(p.resolve()) == ident else 1, _age(p), i)
            for i, p in enumerate(files)
        }
        keeper, *newer = sorted(files, key=keys.__getitem__)
        for path in newer:
            blamed.add(path)
            errors.append(duplicate_error(path, "lesson", ident, keeper, root))
    return errors, blamed


def _visible(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    except OSError:
        return []


def course_lesson_ids(root: Path, skip: set[Path]) -> list[tuple[Path, str]]:
    """(file, id) of the course's lesson files other than `skip`, read line by line."""
    found = []
    for folder in _visible(root):
        if not (folder / "module.yaml").is_file():
            continue
        for path in _visible(folder):
            if (
                path.suffix != ".yaml"
                or path.name == "module.yaml"
                or path in skip
                or _translated(path)
            ):
                continue
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            m = _ID_LINE.search(text)
            if m is not None:
                found.append((path, m.group(1)))
    return found


def number_clashes(paths: Iterable[Path], what: str) -> list[ContentError]:
    """Warnings for files (or folders) of one folder that start with the same number."""
    first: dict[int, Path] = {}
    warnings = []
    for path in sorted(paths):
        m = _NUMBER.match(path.name)
        if m is None:
            continue
        number = int(m.group(1))
        earlier = first.setdefault(number, path)
        if earlier is path:
            continue
        target = path / "module.yaml" if what == "module folder" else path
        warnings.append(
            ContentError(
                target,
                1,
                1,
                f"this {what} has the same number as {earlier.name}: which comes first "
                "depends on the rest of the names",
                f"give each {what} its own number: order comes from the file names",
                severity="warning",
            )
        )
    return warnings


def _translated(path: Path) -> bool:
    """A translation (`*.<lang>.yaml`) keeps its source's lesson id: never a clash."""
    from ketatui.content.translation import is_translation

    return is_translation(path)

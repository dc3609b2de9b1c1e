"""Record a clinical review in a lesson file: what `ketatui review FILE --by NAME` does.

Only the values inside the file's top-level `review` entry change (`status`, `by`, `date`,
`next_due`, each added if missing); every other byte, comments included, stays as it was,
in flow style (`review: {status: draft, ...}`) and block style alike. The new file is
written beside the old one, synced, validated as a lesson of its course, and only then
renamed over it, so a crash or a refusal leaves the old file untouched.

Plain Python (no Textual).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import cast, get_args

import msgspec
import yaml
from yaml.nodes import MappingNode, Node, ScalarNode
from yaml.tokens import AliasToken, AnchorToken, TagToken

from ketatui.authoring.scaffold import REVIEW_MONTHS, add_months, yaml_str
from ketatui.content.catalog import LessonEntry
from ketatui.content.errors import ContentError
from ketatui.content.model import Review, ReviewStatus
from ketatui.content.yamlsafe import read_yaml
from ketatui.textguard import printable

#: The statuses `--status` accepts: the lesson format's own, `approved` first (the default).
STATUSES: tuple[str, ...] = ("approved", *(s for s in get_args(ReviewStatus) if s != "approved"))
#: Longer than any name and role; short enough to show on one line of the sources panel.
MAX_NAME = 200
_FIELDS = ("status", "by", "date", "next_due")
_BOM = "\ufeff"


class ReviewError(Exception):
    """Why a review was not recorded (nothing was changed). `exit_code`: 1 content, 2 usage."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass(frozen=True, slots=True)
class ReviewRecord:
    """The review to write: who, when, when next, and the resulting status."""

    by: str
    date: dt.date
    next_due: dt.date
    status: ReviewStatus

    def as_review(self) -> Review:
        """The `Review` the lesson must load with once this is recorded."""
        return Review(status=self.status, by=self.by, date=self.date, next_due=self.next_due)


def make_record(
    by: str,
    today: dt.date,
    date: dt.date | None = None,
    next_due: dt.date | None = None,
    status: str = "approved",
) -> ReviewRecord:
    """Check the command's values and fill the defaults; ReviewError (exit 2) if one is bad.

    `date` defaults to today and may not be later (a review cannot be recorded before it
    happened); `next_due` defaults to REVIEW_MONTHS months after `date`, the course's cycle,
    and must come after it.
    """
    name = " ".join(by.split())
    if not name:
        raise ReviewError("say who reviewed it: --by NAME (name and role)", 2)
    if len(name) > MAX_NAME or printable(name) != name:
        raise ReviewError(
            f"--by must be at most {MAX_NAME} characters, without control characters", 2
        )
    if status not in STATUSES:
        raise ReviewError(f"--status must be one of {', '.join(STATUSES)}, got {status!r}", 2)
    day = date or today
    if day > today:
        raise ReviewError(
            f"--date {day.isoformat()} is in the future: record a review once it has happened",
            2,
        )
    due = next_due or add_months(day, REVIEW_MONTHS)
    if due <= day:
        raise ReviewError(
            f"--next-due {due.isoformat()} must be after the review date {day.isoformat()}", 2
        )
    return ReviewRecord(by=name, date=day, next_due=due, status=cast(ReviewStatus, status))


def _scalar(record: ReviewRecord, key: str) -> str:
    """The YAML text of one field's new value."""
    if key == "by":
        # make_record has kept out the line breaks YAML would fold inside quotes.
        return yaml_str(record.by)
    if key == "status":
        return record.status
    value = record.date if key == "date" else record.next_due
    return value.isoformat()


# ------------------------------------------------------------------------- the text edit


@dataclass(frozen=True, slots=True)
class _Edit:
    """Replace text[start:end] with `text`."""

    start: int
    end: int
    text: str


def _review_entry(root: Node | None) -> tuple[ScalarNode, MappingNode]:
    """The `review` key node and its mapping; ReviewError when the file has none."""
    if not isinstance(root, MappingNode):
        raise ReviewError("this file is not a lesson (its top level is not a mapping of keys)")
    for key, value in root.value:
        if isinstance(key, ScalarNode) and key.value == "review":
            if not isinstance(value, MappingNode):
                raise ReviewError(
                    "its 'review' entry is not a mapping; write it as "
                    "'review: {status: draft}' first"
                )
            return key, value
    raise ReviewError("it has no 'review' entry; add 'review: {status: draft}' first")


def _refuse_indirection(text: str, start: int, end: int) -> None:
    """ReviewError when text[start:end] uses anchors, aliases or tags.

    An alias's node carries the position of its anchor, elsewhere in the file: editing
    there would change another entry, so such a review is refused rather than guessed at.
    """
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        if token.start_mark.index >= end:
            return
        if token.start_mark.index >= start and isinstance(
            token, AliasToken | AnchorToken | TagToken
        ):
            raise ReviewError(
                "its 'review' entry uses a YAML anchor, alias or tag; write the values "
                "out plainly first"
            )


def _is_empty(value: Node) -> bool:
    """`by:` with nothing after it (PyYAML gives such a value an unreliable position)."""
    return isinstance(value, ScalarNode) and value.style is None and value.value == ""


def _colon_end(text: str, key: Node) -> int:
    return text.index(":", key.end_mark.index) + 1


def _entry_end(text: str, key: Node, value: Node) -> int:
    return _colon_end(text, key) if _is_empty(value) else int(value.end_mark.index)


def _field_edit(text: str, key: Node, value: Node, new: str) -> _Edit:
    """The edit that puts `new` in place of one existing field's value."""
    if _is_empty(value):
        at = _colon_end(text, key)
        return _Edit(at, at, f" {new}")
    if not isinstance(value, ScalarNode) or value.style in ("|", ">"):
        raise ReviewError(
            f"its 'review.{key.value}' is not a single one-line value; write it as "
            f"'{key.value}: ...' on one line first"
        )
    return _Edit(value.start_mark.index, value.end_mark.index, new)


def _line_end(text: str, index: int) -> int:
    """Where the line holding text[index] ends (before its \\n or \\r\\n)."""
    end = text.find("\n", index)
    if end < 0:
        return len(text)
    return end - 1 if end > 0 and text[end - 1] == "\r" else end


def _insert_edit(text: str, mapping: MappingNode, missing: list[tuple[str, str]]) -> _Edit:
    """The edit that adds the missing fields after the mapping's last entry."""
    entries = [_entry_end(text, k, v) for k, v in mapping.value]
    if mapping.flow_style:
        if not entries:  # `review: {}`: open the braces
            at = mapping.start_mark.index + 1
            return _Edit(at, at, ", ".join(f"{k}: {v}" for k, v in missing))
        at = max(entries)
        return _Edit(at, at, "".join(f", {k}: {v}" for k, v in missing))
    newline = "\r\n" if "\r\n" in text else "\n"
    indent = " " * mapping.value[0][0].start_mark.column
    at = _line_end(text, max(entries) - 1)
    return _Edit(at, at, "".join(f"{newline}{indent}{k}: {v}" for k, v in missing))


def edit_review_text(text: str, record: ReviewRecord) -> str:
    """`text` (a lesson, without BOM) with its review entry set to `record`; nothing else
    changes. ReviewError when the file has no usable review entry."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        raise ReviewError(f"it is not valid YAML: {error}") from None
    review_key, review = _review_entry(root)
    _refuse_indirection(text, review_key.start_mark.index, review.end_mark.index)
    found = {k.value: (k, v) for k, v in review.value if isinstance(k, ScalarNode)}
    edits = [
        _field_edit(text, *found[name], _scalar(record, name)) for name in _FIELDS if name in found
    ]
    missing = [(name, _scalar(record, name)) for name in _FIELDS if name not in found]
    if missing:
        edits.append(_insert_edit(text, review, missing))
    # From the end backwards, so earlier positions stay valid. At one position (an empty
    # last value, then the added fields) the later edit goes in first, ending up after.
    ordered = sorted(enumerate(edits), key=lambda pair: (pair[1].start, pair[0]), reverse=True)
    for _, edit in ordered:
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text


# ------------------------------------------------------------------------- the file


@dataclass(frozen=True, slots=True)
class Recorded:
    """A review that was written: the file, its course, and the review before and after."""

    path: Path
    course_root: Path
    before: Review | None  # None when the file did not load before
    after: Review
    warnings: tuple[ContentError, ...]


def lesson_target(path: Path) -> Path:
    """Check that `path` is a lesson file of an editable course; return the course folder.

    ReviewError (exit 2) for a missing file, a folder, a link, course.yaml or module.yaml,
    a file outside any course, or the course installed with ketatui (a reinstall would
    silently drop the review).
    """
    from ketatui import paths
    from ketatui.authoring.stats import find_course_root

    if path.is_symlink():
        raise ReviewError(
            f"{path} is a link: record the review in the file it points to ({path.resolve()})",
            2,
        )
    if not path.is_file():
        what = "a folder, not a lesson file" if path.is_dir() else "no such file"
        raise ReviewError(f"{path}: {what}", 2)
    if path.name in ("course.yaml", "module.yaml") or path.suffix != ".yaml":
        raise ReviewError(f"{path} is not a lesson file (a lesson is a .yaml file)", 2)
    root = find_course_root(path)
    if root is None:
        raise ReviewError(
            f"{path}: not inside a course folder (no course.yaml in its folder or above it)", 2
        )
    if paths.is_installed_course(root):
        raise ReviewError(
            f"{path} is in the course installed with ketatui (a reinstall would wipe the "
            "review): record it in your copy of the course",
            2,
        )
    return root


def _check_writable(path: Path, st: os.stat_result) -> None:
    # The write bits are checked as well as access(): root may write anything, but a file
    # someone made read-only is a decision to respect, not to rename over.
    if not st.st_mode & 0o222 or not os.access(path, os.W_OK):
        raise ReviewError(f"{path} is read-only: make it writable to record the review")


def _read_text(path: Path) -> tuple[str, str]:
    """(BOM or "", text) of a lesson file that parses as YAML; ReviewError otherwise."""
    parsed = read_yaml(path)
    if parsed.node is None:
        first = parsed.errors[0].format() if parsed.errors else f"{path}: cannot read it"
        raise ReviewError(f"cannot read it as YAML: {first}; fix that first")
    text = parsed.raw.decode("utf-8")
    return (_BOM, text[1:]) if text.startswith(_BOM) else ("", text)


def _write_temp(path: Path, data: bytes, mode: int) -> Path:
    """`data` in a new hidden file beside `path`, synced to disk, with `path`'s mode."""
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".yaml", dir=path.parent)
    except OSError as error:
        raise ReviewError(f"cannot write in {path.parent}: {error.strerror or error}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(name, stat.S_IMODE(mode))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return Path(name)


def _validated(
    temp: Path, path: Path, root: Path, record: ReviewRecord
) -> tuple[LessonEntry, tuple[ContentError, ...]]:
    """The lesson in `temp` and its warnings, or ReviewError listing its errors; both name
    `path`, the file they will be (or would have been) in."""
    from ketatui.content.loader import load_lesson_file

    entry, found = load_lesson_file(temp, root, module_id="")
    errors = tuple(msgspec.structs.replace(e, file=path) for e in found)
    if entry is None:
        shown = [e.format() for e in errors]
        raise ReviewError(
            "with this review the lesson would not validate:\n  " + "\n  ".join(shown)
        )
    if entry.lesson.review != record.as_review():
        raise ReviewError("the review could not be written as asked (please report this)")
    return entry, errors


def record_review(path: Path, record: ReviewRecord) -> Recorded:
    """Write `record` into the lesson file at `path`, atomically; see the module docstring.

    ReviewError when it is refused; the file is then exactly as it was.
    """
    from ketatui.content.loader import load_lesson_file

    root = lesson_target(path)
    before = os.stat(path)
    _check_writable(path, before)
    bom, text = _read_text(path)
    new_text = edit_review_text(text, record)
    old, _ = load_lesson_file(path, root, module_id="")
    temp = _write_temp(path, (bom + new_text).encode("utf-8"), before.st_mode)
    try:
        entry, warnings = _validated(temp, path, root, record)
        if old is not None and entry.lesson != msgspec.structs.replace(
            old.lesson, review=entry.lesson.review
        ):
            raise ReviewError("the edit changed more than the review (please report this)")
        now = os.stat(path)
        if (now.st_mtime_ns, now.st_size) != (before.st_mtime_ns, before.st_size):
            raise ReviewError(f"{path} changed while the review was written: try again")
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _sync_folder(path.parent)
    before_review = old.lesson.review if old is not None else None
    return Recorded(path, root, before_review, entry.lesson.review, warnings)


def _sync_folder(folder: Path) -> None:
    # The rename is durable only once the folder's entry is on disk (POSIX).
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

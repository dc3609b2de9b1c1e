"""`ketatui new`: write a valid, commented skeleton lesson or module into a course folder.

The skeleton passes the validator as written, so an author starts from a file that loads
and changes one thing at a time. Nothing here overwrites a file: creation is exclusive.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

#: How long a new lesson's review stays current before it is due again.
REVIEW_MONTHS = 6
#: Placeholder citation: valid, and impossible to mistake for a real source.
PLACEHOLDER_CITE = "Replace with the source of every clinical statement"
SCHEMA_FILE = "lesson.schema.json"
MODULE_SCHEMA_FILE = "module.schema.json"

_NUMBERED = re.compile(r"^(\d+)-")
_ID_LINE = re.compile(r"""^id:\s*["']?([a-z0-9][a-z0-9-]*)["']?\s*(?:#.*)?$""", re.M)
_MAX_SLUG = 60


class ScaffoldError(Exception):
    """Why a skeleton was not written. `exit_code` is 1 (would overwrite) or 2 (usage)."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass(frozen=True, slots=True)
class ModuleFolder:
    """A module folder of the course, as found on disk."""

    path: Path
    id: str | None  # from module.yaml, None if it has none or cannot be read

    @property
    def label(self) -> str:
        """How the module is named to the author: its id and folder, or the folder alone."""
        return f"{self.id} ({self.path.name}/)" if self.id else f"{self.path.name}/"


def slugify(title: str, fallback: str = "lesson") -> str:
    """A file-name and id friendly slug: "Ketamine & You!" -> "ketamine-you"."""
    text = unicodedata.normalize("NFKD", title)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > _MAX_SLUG:
        cut = slug[:_MAX_SLUG]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return slug or fallback


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the month's end (Aug 31 + 6 -> Feb 28/29)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _numbers(paths: list[Path]) -> list[str]:
    """The number prefixes ("01", "002") of the numbered names among `paths`."""
    return [m.group(1) for p in paths if (m := _NUMBERED.match(p.name))]


def _next_name(existing: list[Path], slug: str, suffix: str, number: int | None) -> str:
    """`NN-slug<suffix>` with the next free number, zero-padded like its neighbours."""
    numbers = _numbers(existing)
    width = max([2, *(len(n) for n in numbers)])
    if number is None:
        number = max((int(n) for n in numbers), default=0) + 1
    return f"{number:0{width}d}-{slug}{suffix}"


def _free_place(
    parent: Path, existing: list[Path], slug: str, suffix: str, number: int | None
) -> Path:
    """Where the next `NN-slug<suffix>` goes; ScaffoldError if it or its number is taken."""
    path = parent / _next_name(existing, slug, suffix, number)
    prefix = path.name.split("-", 1)[0] + "-"
    clash = [p for p in existing if p.name.startswith(prefix) and p != path]
    if path.exists():
        raise ScaffoldError(
            f"{path} already exists: not overwriting it. Choose another --number or title."
        )
    if clash:
        raise ScaffoldError(
            f"Not writing {path}: {clash[0].name} already has the number "
            f"{prefix[:-1]}, and two with one number have no clear order. "
            "Choose another --number."
        )
    return path


def _subfolders(root: Path) -> list[Path]:
    # Hidden folders (.git, .vscode) are skipped, as the loader skips them.
    return [p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")]


def module_folders(root: Path) -> list[ModuleFolder]:
    """The module folders of a course (sub-folders with a module.yaml), in order."""
    folders = []
    for path in sorted(p for p in _subfolders(root) if (p / "module.yaml").is_file()):
        folders.append(ModuleFolder(path, _file_id(path / "module.yaml")))
    return folders


def _file_id(path: Path) -> str | None:
    # A regex rather than a YAML parse: it must also work on files that do not load yet.
    try:
        m = _ID_LINE.search(path.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return None
    return m.group(1) if m else None


def course_ids(root: Path) -> set[str]:
    """Every lesson and module id already used in the course folder."""
    ids = set()
    for folder in _subfolders(root):
        for path in [*folder.glob("*.yaml"), *folder.glob("*.yml")]:
            found = _file_id(path)
            if found:
                ids.add(found)
    return ids


def unique_id(slug: str, taken: set[str]) -> str:
    """`slug`, or `slug-2`, `slug-3` ... whichever is not taken."""
    if slug not in taken:
        return slug
    n = 2
    while f"{slug}-{n}" in taken:
        n += 1
    return f"{slug}-{n}"


def find_module(root: Path, name: str) -> ModuleFolder:
    """The module with this id or folder name; ScaffoldError (exit 2) listing them if none."""
    folders = module_folders(root)
    wanted = name.strip().rstrip("/")
    for folder in folders:
        if wanted in (folder.id, folder.path.name):
            return folder
    listing = ", ".join(f.label for f in folders) or "none (create one with `ketatui new module`)"
    raise ScaffoldError(f"No module {name!r} in {root}. Modules: {listing}", exit_code=2)


def yaml_str(text: str) -> str:
    """`text` as a YAML double-quoted scalar, safe whatever it holds (`: "#'` included)."""
    # A JSON string is a valid YAML double-quoted scalar, except that YAML also takes these
    # as line breaks (folded to a space inside quotes): escape them so they round-trip.
    quoted = json.dumps(text, ensure_ascii=False)
    return quoted.translate(_YAML_BREAKS)


_YAML_BREAKS = {ord(c): f"\\u{ord(c):04x}" for c in "\x85\u2028\u2029\ufeff"}


def _check_title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError("The title is empty: give one with --title.", exit_code=2)
    return title


def _check_course(root: Path) -> None:
    if not (root / "course.yaml").is_file():
        raise ScaffoldError(
            f"{root} is not a course folder (it has no course.yaml). "
            "Point --lessons (or $KETATUI_LESSONS) at your course folder.",
            exit_code=2,
        )


def _write_new(path: Path, text: str) -> None:
    try:
        with path.open("x", encoding="utf-8", newline="\n") as f:
            f.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{path} already exists: not overwriting it.") from None


def lesson_skeleton(
    lesson_id: str, title: str, today: dt.date, schema_ref: str | None = None
) -> str:
    """The text of a new lesson file: valid as written, every field explained."""
    modeline = f"# yaml-language-server: $schema={schema_ref}\n" if schema_ref else ""
    return f"""{modeline}# A new lesson. Replace every placeholder, then check it:
#   ketatui validate THIS-FILE    errors with line numbers and a suggested fix
#   ketatui preview THIS-FILE     see it as learners will; reloads when you save
#   ketatui stats THIS-FILE       length, reading time and reading level
# The lesson format is described in docs/authoring.md.

# Stable forever: learners' progress is keyed on it. Never change it once published.
id: {lesson_id}
title: {yaml_str(title)}
# Who sees this lesson: patient, trainee, or both.
tracks: [patient, trainee]
# Minutes the lesson takes, shown in the catalog (`ketatui stats` gives an estimate).
minutes: 5
summary: "One line for the catalog: what the learner will know afterwards."

# Clinical review: draft -> in_review -> approved -> retired. Set next_due when approved.
review:
  status: draft
  by: ""
  date: {today.isoformat()}
  next_due: {add_months(today, REVIEW_MONTHS).isoformat()}

# Every clinical statement needs a source; pages and questions cite them by id.
sources:
  - id: s1
    cite: {yaml_str(PLACEHOLDER_CITE)}
    # url: https://...

pages:
  # One idea per page. Patient pages: about 120 words at most, reading grade 8 or below.
  - title: "Replace with the page title"
    body: |
      Write the page here, in Markdown. Use short sentences and everyday words.

      - A short list is easier to read than a long paragraph.
    sources: [s1]

quiz:
  pass_mark: 0.8      # share of questions to answer right, more than 0 and at most 1
  shuffle: false      # true: questions in a new order each attempt
  questions:
    # Types: single, multiple, true_false, order, short_answer (see docs/authoring.md).
    - id: q1          # stable within the lesson
      type: single    # exactly one correct choice
      prompt: "Replace with the question."
      choices:
        - text: "The right answer"
          correct: true
          feedback: "Shown when this choice is picked: say why it is right."
        - text: "A wrong answer"
          feedback: "Shown when this choice is picked: say kindly why it is not right."
      explanation: "Shown after answering, whatever was chosen."
      sources: [s1]
"""


def module_skeleton(module_id: str, title: str, schema_ref: str | None = None) -> str:
    """The text of a new module.yaml."""
    modeline = f"# yaml-language-server: $schema={schema_ref}\n" if schema_ref else ""
    return f"""{modeline}# A module: a folder of lessons, shown in file-name order (01-..., 02-...).
# Add a lesson with: ketatui new lesson --module {module_id} --title "..."

# Stable forever: never change it once published.
id: {module_id}
title: {yaml_str(title)}
summary: "One line for the catalog: what this module covers."
"""


def new_lesson(
    root: Path, module: str, title: str, today: dt.date, number: int | None = None
) -> Path:
    """Write a skeleton lesson into `module` (id or folder name); return its path.

    Raises ScaffoldError: exit_code 2 for an unknown module or empty title, 1 when the
    file (or another lesson with the same number) already exists.
    """
    _check_course(root)
    title = _check_title(title)
    folder = find_module(root, module).path
    slug = slugify(title, "lesson")
    existing = [p for p in folder.iterdir() if p.is_file() and p.suffix in (".yaml", ".yml")]
    path = _free_place(folder, existing, slug, ".yaml", number)
    lesson_id = unique_id(slug, course_ids(root))
    schema = root / SCHEMA_FILE
    ref = f"../{SCHEMA_FILE}" if schema.is_file() else None
    _write_new(path, lesson_skeleton(lesson_id, title, today, ref))
    return path


def new_module(root: Path, title: str, number: int | None = None) -> Path:
    """Create the next module folder with its module.yaml; return the folder's path.

    Raises ScaffoldError: exit_code 2 for an empty title or a folder that is not a course,
    1 when the folder already exists.
    """
    _check_course(root)
    title = _check_title(title)
    slug = slugify(title, "module")
    existing = _subfolders(root)
    folder = _free_place(root, existing, slug, "", number)
    module_id = unique_id(slug, course_ids(root))
    try:
        folder.mkdir()
    except FileExistsError:
        raise ScaffoldError(f"{folder} already exists: not overwriting it.") from None
    ref = f"../{MODULE_SCHEMA_FILE}" if (root / MODULE_SCHEMA_FILE).is_file() else None
    _write_new(folder / "module.yaml", module_skeleton(module_id, title, ref))
    return folder

"""Load lesson YAML into the typed model, reporting every problem with file:line:column.

Entry points:

- `load_course_folder(root)` -> Catalog: the whole course; bad files are reported in
  `Catalog.errors` and left out, everything else still loads.
- `load_lesson_file(path, course_root)` -> (LessonEntry | None, errors): one lesson (preview).
- `validate_paths(paths)` -> (errors, files checked); `check_paths(paths)` also gives the
  lessons that loaded: what `ketatui validate` runs.

Per file: `yamlsafe.read_yaml` (size cap, UTF-8, nesting, YAML syntax) -> `walker` (types,
keys, tags, alias budget) -> `rules` (ids, references, question sanity) -> body files ->
`msgspec.convert` into frozen structs. Nothing here raises for bad content.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import msgspec

from ketatui.content.catalog import Catalog, CatalogModule, LessonEntry
from ketatui.content.coursewide import (
    course_lesson_ids,
    duplicate_error,
    id_clashes,
    number_clashes,
)
from ketatui.content.errors import ContentError
from ketatui.content.limits import check_sizes
from ketatui.content.lint import html_warning, lint_lesson
from ketatui.content.model import Course, Lesson, Module
from ketatui.content.rules import check_lesson
from ketatui.content.translation import check_parity, inherit_ids, translation_name
from ketatui.content.walker import (
    INVALID,
    Walker,
    close_match,
    spec_for,
    walk_document,
)
from ketatui.content.yamlsafe import MAX_FILE_BYTES, read_yaml
from ketatui.textguard import describe, printable, unsafe_char

COURSE_FILE = "course.yaml"
MODULE_FILE = "module.yaml"
#: More errors than this in one file are cut short (the rest are usually knock-on errors).
MAX_ERRORS_PER_FILE = 200

_LESSON_SPEC = spec_for(Lesson)
_SPECS = {Lesson: _LESSON_SPEC, Module: spec_for(Module), Course: spec_for(Course)}
_WHAT = {Lesson: "a lesson", Module: "a module", Course: "a course"}

S = TypeVar("S", bound=msgspec.Struct)


@dataclass(slots=True)
class _Loaded:
    """One file's outcome: the struct (None if it has errors), plus a lesson's bodies and hash."""

    value: Any
    errors: list[ContentError]
    bodies: tuple[str, ...] = ()
    content_hash: str = ""


# --------------------------------------------------------------------------- one file


def _load_file(path: Path, cls: type[S], course_root: Path | None) -> _Loaded:
    """Parse, check and convert one YAML file. Never raises."""
    try:
        return _load_file_unguarded(path, cls, course_root)
    except Exception as e:  # a bug of ours must not take the app down: report it per file
        return _Loaded(None, [_internal(path, e)])


def _internal(path: Path, e: Exception) -> ContentError:
    message = f"internal error while reading this file: {type(e).__name__}: {e}"
    return ContentError(path, 1, 1, message)


def _load_file_unguarded(path: Path, cls: type[S], course_root: Path | None) -> _Loaded:
    parsed = read_yaml(path)
    if parsed.node is None:
        return _Loaded(None, parsed.errors)
    w = Walker(path, parsed.node, text=parsed.text)
    data = walk_document(w, _SPECS[cls], _WHAT[cls])
    result = _Loaded(None, w.errors)
    if data is INVALID:
        return result
    if cls is Lesson:
        if not w.exhausted:  # rules on a half-walked file would only add noise
            check_lesson(w, data)
            lint_lesson(w, data, parsed.text)
        bodies, extra = _read_bodies(w, data, path, course_root)
        check_sizes(w, data, bodies)
        result.bodies = bodies
        digest = hashlib.sha256(parsed.raw)
        for chunk in extra:
            digest.update(b"\0")
            digest.update(chunk)
        result.content_hash = digest.hexdigest()
    if any(e.severity == "error" for e in w.errors):
        result.errors = _cap(w.errors, path)
        return result
    try:
        result.value = msgspec.convert(data, cls)
    except msgspec.ValidationError as e:  # the walker should have caught it; report anyway
        text = str(e)
        w.error_at(_msgspec_path(text), text.split(" - at `")[0])
    return result


#: What loading one file gives. Public name for the catalog cache, which stores these.
LoadedFile = _Loaded


def parse_lesson_file(path: Path, course_root: Path) -> LoadedFile:
    """Parse and check one lesson file on its own: the per-file step of a course load.

    Course-wide checks (ids unique across files, module files) are not made here; the
    course loader makes them over every file's result, cached or fresh.
    """
    return _load_file(path, Lesson, course_root)


def load_course_file(path: Path) -> tuple[Course | None, list[ContentError]]:
    """Parse and check a `course.yaml` on its own. Never raises for bad content."""
    loaded = _load_file(path, Course, path.parent)
    return loaded.value, list(loaded.errors)


#: `(path, course_root) -> LoadedFile`: how the course loader loads each lesson file.
LessonLoader = Callable[[Path, Path], LoadedFile]


def _cap(errors: list[ContentError], path: Path) -> list[ContentError]:
    """At most MAX_ERRORS_PER_FILE errors, and at most 10 with the same message (aliases
    can repeat one mistake thousands of times and bury a different one)."""
    if len(errors) <= MAX_ERRORS_PER_FILE:
        return errors
    per_message: dict[str, int] = {}
    kept = []
    for e in errors:
        n = per_message.get(e.message, 0)
        per_message[e.message] = n + 1
        if n < 10:
            kept.append(e)
    kept = sorted(kept, key=lambda e: (e.line, e.column))[:MAX_ERRORS_PER_FILE]
    hidden = len(errors) - len(kept)
    last = kept[-1]
    message = f"{hidden} more errors not shown (mostly repeats of the ones above)"
    kept.append(ContentError(path, last.line, last.column, message))
    return kept


_PATH_PART = re.compile(r"\.(\w+)|\[(\d+)\]")


def _msgspec_path(text: str) -> tuple[str | int, ...]:
    """`... - at `$.pages[0].title`` -> ("pages", 0, "title")."""
    _, _, where = text.partition(" - at `$")
    return tuple(
        name if name else int(index) for name, index in _PATH_PART.findall(where.rstrip("`"))
    )


def _read_bodies(
    w: Walker, lesson: dict[str, Any], path: Path, course_root: Path | None
) -> tuple[tuple[str, ...], list[bytes]]:
    """Each page's Markdown, reading `body_file`s (which must stay inside the course folder)."""
    bodies: list[str] = []
    raw: list[bytes] = []
    root: Path | None = None
    pages = lesson.get("pages")
    if not isinstance(pages, list):
        return (), []
    for i, page in enumerate(pages):
        if not isinstance(page, dict):
            continue
        name = page.get("body_file")
        if not isinstance(name, str):
            bodies.append(page.get("body", ""))
            continue
        if root is None:  # resolving costs a system call per folder: only for body files
            root = (course_root or path.parent).resolve()
        read = _read_body_file(w, ("pages", i, "body_file"), name, path.parent, root)
        if read is not None:
            data, text = read
            raw.append(data)
            bodies.append(text)
    return tuple(bodies), raw


def _read_body_file(
    w: Walker, where: tuple[str | int, ...], name: str, folder: Path, root: Path
) -> tuple[bytes, str] | None:
    """One `body_file`'s bytes and text, or None after reporting at `where` what is wrong."""
    target = _resolve(folder / name)
    if target is None:
        w.error_at(where, f"body_file '{name}' is a symbolic link loop")
        return None
    if not target.is_relative_to(root):
        w.error_at(
            where,
            f"body_file '{name}' is outside the course folder",
            "keep Markdown files inside the course folder",
        )
        return None
    data = _body_file_bytes(w, where, name, target)
    if data is None:
        return None
    text = _body_file_text(w, where, name, data)
    return None if text is None else (data, text)


def _body_file_bytes(
    w: Walker, where: tuple[str | int, ...], name: str, target: Path
) -> bytes | None:
    """The file's bytes, or None after reporting why it cannot be read."""
    try:
        st = target.stat()
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(st.st_mode):  # a FIFO or device would block or never end
            w.error_at(where, f"body_file '{name}' is not a regular file")
            return None
        if st.st_size > MAX_FILE_BYTES:
            w.error_at(where, f"body_file '{name}' is too big (the limit is 1 MiB)")
            return None
        return target.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        w.error_at(where, f"body_file '{name}' does not exist", _nearby_file(target))
    except IsADirectoryError:
        w.error_at(where, f"body_file '{name}' is a folder, not a file")
    except OSError as e:
        w.error_at(where, f"cannot read body_file '{name}': {e.strerror or e}")
    return None


def _body_file_text(w: Walker, where: tuple[str | int, ...], name: str, data: bytes) -> str | None:
    """The file's text, or None after reporting that it is not UTF-8 or holds control codes."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        w.error_at(
            where,
            f"body_file '{name}' is not valid UTF-8 (byte offset {e.start})",
            "save it as UTF-8",
        )
        return None
    html = html_warning(text)
    if html is not None:
        w.error_at(where, f"body_file '{name}': {html[0]}", html[1], severity="warning")
    control = unsafe_char(text)
    if control is not None:
        # Terminal escape sequences in a page would reach the learner's terminal.
        w.error_at(
            where,
            f"body_file '{name}' contains {describe(control)}",
            "remove it: lesson text cannot hold terminal control codes or bidi marks",
        )
        return None
    return text


def _nearby_file(target: Path) -> str | None:
    try:
        names = [p.name for p in target.parent.iterdir() if p.is_file()]
    except OSError:
        return None
    match = close_match(target.name, names)
    return f"did you mean '{match}'?" if match else None


def load_lesson_file(
    path: Path, course_root: Path | None = None, module_id: str | None = None
) -> tuple[LessonEntry | None, list[ContentError]]:
    """Load one lesson file. Returns (entry, errors); entry is None when there are errors.

    `course_root` bounds `body_file` paths (default: the nearest folder up with course.yaml).
    `module_id` defaults to the id in the lesson folder's module.yaml, else the folder name.
    """
    path = Path(path)
    root = Path(course_root) if course_root is not None else find_course_root(path.parent)
    if (escape := _link_outside(path, root)) is not None:
        return None, [escape]
    loaded = _load_file(path, Lesson, root)
    if loaded.value is None:
        return None, loaded.errors
    if module_id is None:
        module_id = _module_id_of(path.parent)
    entry = LessonEntry(
        lesson=loaded.value,
        path=path,
        module_id=module_id,
        content_hash=loaded.content_hash,
        bodies=loaded.bodies,
    )
    return entry, loaded.errors


_module_ids: dict[tuple[str, int, int], str] = {}


def _module_id_of(folder: Path) -> str:
    """The id in a folder's module.yaml (cached on its size and mtime), else the folder name."""
    module_file = folder / MODULE_FILE
    try:
        st = module_file.stat()
    except OSError:
        return _slug(folder.name)
    if _link_outside(module_file, find_course_root(folder)) is not None:
        return _slug(folder.name)
    key = (str(module_file), st.st_size, st.st_mtime_ns)
    found = _module_ids.get(key)
    if found is None:
        loaded = _load_file(module_file, Module, None)
        found = loaded.value.id if loaded.value is not None else _slug(folder.name)
        if len(_module_ids) > 1000:
            _module_ids.clear()
        _module_ids[key] = found
    return found


def _resolve(path: Path) -> Path | None:
    """The real path (symlinks followed), or None for a symlink loop."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # Python 3.11 raises RuntimeError for a loop
        return None


def _link_outside(path: Path, root: Path, what: str = "lesson file") -> ContentError | None:
    """An error when a file (lesson, course.yaml, module.yaml) links out of the course.

    The course loader refuses linked lesson files and folders while walking the folder;
    this covers course.yaml and module.yaml too, and keeps `validate FILE` and `preview
    FILE` in agreement with it.
    """
    if not path.is_symlink():
        return None
    target = _resolve(path)
    if target is None:
        return ContentError(path, 1, 1, f"this {what} is a symbolic link loop")
    real_root = _resolve(root)
    if real_root is not None and target.is_relative_to(real_root):
        return None
    return ContentError(
        path,
        1,
        1,
        f"this {what} is a link to outside the course folder ({printable(str(target))})",
        "copy the content into the course folder instead of linking to it",
    )


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "module"


def find_course_root(start: Path) -> Path:
    """The nearest folder from `start` upwards that holds course.yaml, else `start` itself."""
    start = Path(start)
    for folder in (start, *(_resolve(start) or start.absolute()).parents):
        if (folder / COURSE_FILE).is_file():
            return folder
    return start


# --------------------------------------------------------------------------- a course


class _CourseLoader:
    """Loads a course folder, collecting errors and checking ids across files."""

    def __init__(self, root: Path, lesson_loader: LessonLoader | None = None) -> None:
        self.root = root
        #: The catalog cache passes a loader that answers unchanged files from the cache.
        self.lesson_loader = lesson_loader or parse_lesson_file
        self.real_root = root.resolve()
        self.errors: list[ContentError] = []
        self.files = 0
        #: id -> the file that used it first
        self.module_ids: dict[str, Path] = {}

    def course(self) -> Course:
        path = self.root / COURSE_FILE
        course = None
        if (escape := _link_outside(path, self.root, COURSE_FILE)) is not None:
            self.files += 1
            self.errors.append(escape)
        elif path.is_file():
            self.files += 1
            loaded = _load_file(path, Course, self.root)
            self.errors += loaded.errors
            course = loaded.value
        else:
            self.errors.append(
                ContentError(
                    path, 1, 1, "course.yaml is missing", "add course.yaml with 'title: ...'"
                )
            )
        return course or Course(title=printable(self.real_root.name) or "Lessons")

    def modules(self) -> list[CatalogModule]:
        modules = []
        entries = _entries(self.root)
        folders = [Path(e.path) for e in entries if _kind(e) == "dir"]
        self.errors += number_clashes(
            (f for f in folders if (f / MODULE_FILE).is_file()), "module folder"
        )
        for entry in entries:
            if _kind(entry) == "dir":
                if self._escapes(entry, "module folder"):
                    continue
                try:
                    module = self.module(Path(entry.path))
                except Exception as e:  # a bug of ours: report it, keep the other modules
                    self.errors.append(_internal(Path(entry.path), e))
                    continue
                if module is not None:
                    modules.append(module)
            elif entry.name.endswith((".yaml", ".yml")) and entry.name != COURSE_FILE:
                named = translation_name(entry.name)
                if named is not None and named[0] == COURSE_FILE:
                    continue  # course.<lang>.yaml: read by course_translations()
                self._warn_ignored(Path(entry.path), "lessons belong in a module folder")
        return modules

    def course_translations(self) -> dict[str, Course]:
        """`course.<lang>.yaml` files: the course's texts in each language."""
        found: dict[str, Course] = {}
        for entry in _entries(self.root):
            named = translation_name(entry.name)
            if named is None or named[0] != COURSE_FILE or _kind(entry) != "file":
                continue
            path = Path(entry.path)
            self.files += 1
            if (escape := _link_outside(path, self.root, COURSE_FILE)) is not None:
                self.errors.append(escape)
                continue
            loaded = _load_file(path, Course, self.root)
            self.errors += loaded.errors
            if loaded.value is not None:
                found[named[1]] = loaded.value
        return found

    def module(self, folder: Path) -> CatalogModule | None:
        """Load one module folder; None when it holds no YAML or its id is taken."""
        lesson_files = []
        translations: list[os.DirEntry[str]] = []
        has_module_file = False
        for entry in _entries(folder):
            name = entry.name
            if name == MODULE_FILE:
                has_module_file = True
            elif translation_name(name) is not None:
                if not self._escapes(entry, "lesson file") and _kind(entry) == "file":
                    translations.append(entry)
            elif (
                not name.endswith((".yaml", ".yml"))
                or self._escapes(entry, "lesson file")
                or _kind(entry) != "file"
            ):
                continue
            elif name.endswith(".yml"):
                self._warn_ignored(Path(entry.path), "rename it to end in .yaml")
            else:
                lesson_files.append(entry)
        if not has_module_file and not lesson_files:
            return None  # not a module: e.g. a folder of images or Markdown bodies
        lesson_paths = [Path(e.path) for e in lesson_files]
        self.errors += number_clashes(lesson_paths, "lesson file")
        info, keep = self._module_info(folder, has_module_file)
        lessons = []
        for path in lesson_paths:
            lesson = self.lesson(path, info.id)
            if lesson is not None:
                lessons.append(lesson)
        if not keep:
            return None
        if has_module_file and info.pre_check:
            from ketatui.content.precheck import pre_check_errors

            self.errors += pre_check_errors(folder / MODULE_FILE, info, lessons)
        module_langs = self.translations(folder, translations, lessons, info)
        return CatalogModule(
            info=info, path=folder, lessons=tuple(lessons), translations=module_langs
        )

    def translations(
        self,
        folder: Path,
        files: list[os.DirEntry[str]],
        lessons: list[LessonEntry],
        info: Module,
    ) -> dict[str, Module]:
        """Load a module folder's translations, attach each lesson translation that lines
        up with its source, and return the module's own (`module.<lang>.yaml`)."""
        by_name = {e.path.name: e for e in lessons}
        module_langs: dict[str, Module] = {}
        for entry in files:
            path = Path(entry.path)
            source_name, lang = translation_name(entry.name) or ("", "")
            if source_name == MODULE_FILE:
                translated = self._module_translation(path, info)
                if translated is not None:
                    module_langs[lang] = translated
                continue
            source = by_name.get(source_name)
            if source is None and not (folder / source_name).is_file():
                self.files += 1
                self.errors.append(
                    ContentError(
                        path,
                        1,
                        1,
                        f"this translation has no source lesson: {source_name} is missing",
                        "a translation sits beside its source, named <source>.<lang>.yaml",
                    )
                )
                continue
            attached = self.lesson(path, info.id, translation_of=(source, lang))
            if source is not None and attached is not None:
                source.translations[lang] = attached
        return module_langs

    def _module_translation(self, path: Path, info: Module) -> Module | None:
        self.files += 1
        loaded = _load_file(path, Module, self.root)
        self.errors += loaded.errors
        translated: Module | None = loaded.value
        if translated is not None and translated.id != info.id:
            self.errors.append(
                ContentError(path, 1, 1, f"a translation keeps the module id '{info.id}'")
            )
            return None
        return translated

    def _module_info(self, folder: Path, has_file: bool) -> tuple[Module, bool]:
        path = folder / MODULE_FILE
        fallback = Module(id=_slug(folder.name), title=printable(folder.name))
        if not has_file:
            self.errors.append(
                ContentError(
                    path,
                    1,
                    1,
                    "module.yaml is missing: every module folder needs one",
                    "add module.yaml with 'id: ...' and 'title: ...'",
                )
            )
            return fallback, True
        self.files += 1
        if (escape := _link_outside(path, self.root, MODULE_FILE)) is not None:
            self.errors.append(escape)
            return fallback, True
        loaded = _load_file(path, Module, self.root)
        self.errors += loaded.errors
        info = loaded.value or fallback
        if loaded.value is not None:
            first = self.module_ids.get(info.id)
            if first is not None:
                self._duplicate(path, "module", info.id, first)
                return info, False
            self.module_ids[info.id] = path
        return info, True

    def lesson(
        self,
        path: Path,
        module_id: str,
        translation_of: tuple[LessonEntry | None, str] | None = None,
    ) -> LessonEntry | None:
        """Load one lesson file; a translation (`translation_of`: its source entry, or None
        when the source has errors, and its language) is checked for parity and given the
        source's choice ids. None when it has errors."""
        self.files += 1
        loaded = self.lesson_loader(path, self.root)
        self.errors += loaded.errors
        lesson: Lesson | None = loaded.value
        if lesson is None:
            return None
        if translation_of is not None:
            source, lang = translation_of
            if source is None:
                return None
            parity = check_parity(source.lesson, source.content_hash, lesson, path, lang)
            self.errors += parity
            if any(e.severity == "error" for e in parity):
                return None
            lesson = inherit_ids(source.lesson, lesson)
        return LessonEntry(
            lesson=lesson,
            path=path,
            module_id=module_id,
            content_hash=loaded.content_hash,
            bodies=loaded.bodies,
        )

    def _duplicate(self, path: Path, what: str, ident: str, first: Path) -> None:
        self.errors.append(duplicate_error(path, what, ident, first, self.root))

    def drop_duplicate_lessons(self, modules: list[CatalogModule]) -> list[CatalogModule]:
        """Leave out every lesson whose id an older file of the course already uses."""
        found = [(e.path, e.id) for m in modules for e in m.lessons]
        errors, blamed = id_clashes(found, self.root)
        if not blamed:
            return modules
        self.errors += errors
        return [
            msgspec.structs.replace(m, lessons=tuple(e for e in m.lessons if e.path not in blamed))
            for m in modules
        ]

    def _escapes(self, entry: os.DirEntry[str], what: str) -> bool:
        """A symlinked entry that leads outside the course folder is refused."""
        if not entry.is_symlink():
            return False
        target = _resolve(Path(entry.path))
        if target is None:
            self.errors.append(
                ContentError(Path(entry.path), 1, 1, f"this {what} is a symbolic link loop")
            )
            return True
        if target.is_relative_to(self.real_root):
            return False
        self.errors.append(
            ContentError(
                Path(entry.path),
                1,
                1,
                f"this {what} is a link to outside the course folder ({target})",
                "copy the content into the course folder instead of linking to it",
            )
        )
        return True

    def _warn_ignored(self, path: Path, why: str) -> None:
        self.errors.append(ContentError(path, 1, 1, f"ignored: {why}", severity="warning"))


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    """Visible entries of a folder in name order (hidden files and folders are skipped)."""
    try:
        with os.scandir(folder) as it:
            return sorted((e for e in it if not e.name.startswith(".")), key=_name)
    except OSError:
        return []


def _kind(entry: os.DirEntry[str]) -> str:
    """What an entry is: dir, file or other (following symlinks; a loop is other)."""
    try:
        if entry.is_dir():
            return "dir"
        return "file" if entry.is_file() else "other"
    except OSError:
        return "other"


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _relative(path: Path, root: Path) -> Path:
    try:
        return path.relative_to(root)
    except ValueError:
        return path


def _load(root: Path, lesson_loader: LessonLoader | None = None) -> tuple[Catalog, int]:
    loader = _CourseLoader(root, lesson_loader)
    course = loader.course()
    translations = loader.course_translations()
    modules = loader.drop_duplicate_lessons(loader.modules())
    catalog = Catalog(
        root=root,
        course=course,
        modules=tuple(modules),
        errors=tuple(loader.errors),
        translations=translations,
    )
    return catalog, loader.files


def load_course_folder(root: Path, *, lesson_loader: LessonLoader | None = None) -> Catalog:
    """Load a whole course folder. Bad content goes to `Catalog.errors`; never raises for it.

    Raises FileNotFoundError only when `root` does not exist or is not a folder.
    `lesson_loader` replaces `parse_lesson_file` for each lesson (the catalog cache uses it).
    """
    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(f"course folder not found: {root}")
    return _load(root, lesson_loader)[0]


# --------------------------------------------------------------------------- validate


@dataclass(frozen=True, slots=True)
class CheckedPaths:
    """What `check_paths` found: errors, YAML files checked, and the lessons that loaded."""

    errors: list[ContentError]
    files: int
    #: (file, lesson) for each lesson that loaded, once per file, in the order given.
    lessons: list[tuple[Path, Lesson]]


def validate_paths(paths: Iterable[Path]) -> tuple[list[ContentError], int]:
    """Check course folders, module folders and single files; (errors, YAML files checked).

    A folder with course.yaml (or without module.yaml) is checked as a course, a folder with
    module.yaml as one module; a file as a lesson (or as course/module by its name). Errors
    are sorted by file, line and column; a file given twice is reported once.
    """
    checked = check_paths(paths)
    return checked.errors, checked.files


def check_paths(paths: Iterable[Path]) -> CheckedPaths:
    """`validate_paths`, also returning the lessons that loaded (for review counts)."""
    errors: list[ContentError] = []
    lessons: dict[Path, tuple[Path, Lesson]] = {}
    files = 0
    given = [Path(p) for p in paths]
    for path in given:
        try:
            n, found, loaded = _validate_one(path)
        except Exception as e:  # never a traceback for any input: report it on the path
            n, found, loaded = 0, [_internal(path, e)], []
        files += n
        errors += found
        for file, lesson in loaded:
            # Only several paths can name one lesson twice; resolving every file of a
            # single course was a tenth of `validate`'s time on 1,000 lessons.
            key = (_resolve(file) or file) if len(given) > 1 else file
            lessons.setdefault(key, (file, lesson))
    unique = dict.fromkeys(errors)
    ordered = sorted(unique, key=lambda e: (str(e.file), e.line, e.column))
    return CheckedPaths(ordered, files, list(lessons.values()))


_Found = tuple[int, list[ContentError], list[tuple[Path, Lesson]]]


def _validate_one(path: Path) -> _Found:
    """(YAML files checked, errors, lessons loaded) for one path given to `check_paths`."""
    if path.is_dir():
        if (path / MODULE_FILE).is_file() and not (path / COURSE_FILE).is_file():
            root = find_course_root(path.parent)
            loader = _CourseLoader(root)
            module = loader.module(path)
            entries = module.lessons if module is not None else ()
            lessons = [(e.path, e.lesson) for e in entries]
            return loader.files, loader.errors + _clashes_in_course(root, lessons), lessons
        catalog, n = _load(path)
        return n, list(catalog.errors), [(e.path, e.lesson) for e in catalog.lessons()]
    if not path.exists():
        return 0, [ContentError(path, 1, 1, "no such file or folder")], []
    root = find_course_root(path.parent)
    what = path.name if path.name in (COURSE_FILE, MODULE_FILE) else "lesson file"
    if (escape := _link_outside(path, root, what)) is not None:
        return 1, [escape], []
    named = translation_name(path.name)
    source_name = named[0] if named is not None else path.name
    if source_name == COURSE_FILE:
        return 1, _load_file(path, Course, path.parent).errors, []
    if source_name == MODULE_FILE:
        return 1, _load_file(path, Module, None).errors, []
    if named is not None:
        return _validate_translation(path, root, *named)
    loaded = _load_file(path, Lesson, root)
    lessons = [(path, loaded.value)] if loaded.value is not None else []
    siblings = [p for p in _visible_yaml(path.parent) if p.name != MODULE_FILE]
    clashes = [
        w
        for w in number_clashes(siblings, "lesson file")
        if w.file.name == path.name or f" {path.name}:" in w.message
    ]
    return 1, loaded.errors + clashes + _clashes_in_course(root, lessons), lessons


def _validate_translation(path: Path, root: Path, source_name: str, lang: str) -> _Found:
    """One translated lesson file checked on its own and against its source beside it."""
    loaded = _load_file(path, Lesson, root)
    errors = list(loaded.errors)
    source_path = path.with_name(source_name)
    if not source_path.is_file():
        errors.append(
            ContentError(
                path,
                1,
                1,
                f"this translation has no source lesson: {source_name} is missing",
                "a translation sits beside its source, named <source>.<lang>.yaml",
            )
        )
        return 1, errors, []
    source = _load_file(source_path, Lesson, root)
    if loaded.value is None or source.value is None:
        return 1, errors, []
    errors += check_parity(source.value, source.content_hash, loaded.value, path, lang)
    return 1, errors, [(path, loaded.value)]


def _visible_yaml(folder: Path) -> list[Path]:
    return [Path(e.path) for e in _entries(folder) if e.name.endswith(".yaml")]


def _clashes_in_course(root: Path, lessons: list[tuple[Path, Lesson]]) -> list[ContentError]:
    """Errors for ids the given lessons share with other lesson files of their course
    (blaming the newer file, which may be one of the others)."""
    if not lessons or not (root / COURSE_FILE).is_file():
        return []
    given = {(_resolve(p) or p): (p, lesson.id) for p, lesson in lessons}
    others = course_lesson_ids(root.resolve(), skip=set(given))
    ids = {ident for _, ident in given.values()}
    found = [*given.values(), *((p, i) for p, i in others if i in ids)]
    errors, _ = id_clashes(found, root)
    return errors

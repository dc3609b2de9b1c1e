"""The parsed-catalog cache: start fast with hundreds of lessons.

Parsing and checking YAML is the slow part of loading a course. This module keeps what
loading produced, so the next start re-parses only the files that changed.

How it works:

- One cache file per course folder, in the user cache dir (`$KETATUI_CACHE_DIR` overrides
  it): `catalog-<hash of the resolved course path>.msgpack`, written with msgspec.
- Per lesson file, a record of what `loader.parse_lesson_file` gave, valid while the file's
  size and mtime_ns are unchanged, and those of every `body_file` it reads.
- When nothing at all changed (every folder listing, course.yaml, module.yaml, lesson and
  body file has the size and mtime it had), the whole catalog comes straight from the
  cache without even importing the YAML loader. Otherwise the course loader runs as usual:
  course.yaml and module.yaml are read, unchanged lessons come from their records, and the
  course-wide checks (ids unique across lessons, missing module.yaml...) run over cached
  and fresh results alike, so the catalog and its errors are what `load_catalog` gives.
- The cache is valid only for the same cache format, ketatui and msgspec versions and the
  same content-package source files.
- Each lesson is kept as its own msgpack bytes beside a `LessonCard` (what the catalog
  lists), and decoded only when the lesson is used.
- The cache is an optimisation, never a source of errors: an unreadable, corrupt or
  old-format cache is ignored and rebuilt; a damaged lesson inside it is parsed again from
  its file (and the cache file dropped, to be rebuilt); if the cache dir cannot be
  written, nothing is cached. It is written atomically (temporary file, then `os.replace`).
"""

from __future__ import annotations

import contextlib
import functools
import os
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import msgspec

from ketatui import __version__, textguard
from ketatui.content.catalog import (
    Catalog,
    CatalogModule,
    LessonCard,
    LessonEntry,
    LessonUnavailableError,
)
from ketatui.content.errors import ContentError
from ketatui.content.model import Course, Lesson, Module

if TYPE_CHECKING:
    from ketatui.content.loader import LoadedFile

CACHE_DIR_ENV = "KETATUI_CACHE_DIR"
#: Bump whenever the records below change shape.
FORMAT_VERSION = 5
_MISSING = -1  # size and mtime recorded for a file that did not exist


class _Stat(msgspec.Struct, array_like=True, frozen=True):
    """A file's or folder's identity for cache purposes: any change in size or mtime counts.

    A folder's mtime changes when an entry is added, removed or renamed in it.
    """

    path: str
    size: int
    mtime_ns: int


class _Error(msgspec.Struct, array_like=True):
    file: str
    line: int
    column: int
    message: str
    suggestion: str | None
    severity: str
    source_line: str | None = None


class _Record(msgspec.Struct, array_like=True):
    """What parsing one lesson file produced, and the files it was made from."""

    #: The lesson file first, then every body_file it reads.
    deps: tuple[_Stat, ...]
    #: The msgpack-encoded `Lesson`: reading the cache only copies these bytes, and the
    #: lesson is decoded when first used. Decoding 1,000 lessons' pages and questions at
    #: every start took ~16 ms; the catalog needs only their cards.
    lesson: bytes | None
    card: LessonCard | None
    errors: tuple[_Error, ...]
    #: Empty when every body is the page's inline `body` (the usual case): half the size.
    bodies: tuple[str, ...]
    content_hash: str


class _Module(msgspec.Struct, array_like=True):
    info: Module
    path: str
    #: Keys of the lesson records, in course order.
    lessons: tuple[str, ...]
    #: (source key, language, translation key) of each translation that lined up.
    translated: tuple[tuple[str, str, str], ...] = ()
    #: `module.<lang>.yaml` by language.
    infos: dict[str, Module] = {}


class _Snapshot(msgspec.Struct, array_like=True):
    """The whole loaded catalog, valid while every stat in `stats` is unchanged."""

    root: str
    stats: tuple[_Stat, ...]
    course: Course
    modules: tuple[_Module, ...]
    errors: tuple[_Error, ...]
    #: `course.<lang>.yaml` by language.
    course_translations: dict[str, Course] = {}


class _CacheFile(msgspec.Struct):
    format: int
    fingerprint: str
    #: Keyed on the lesson file path as the loader passes it.
    files: dict[str, _Record]
    snapshot: _Snapshot | None = None


_encoder = msgspec.msgpack.Encoder()
_decoder = msgspec.msgpack.Decoder(_CacheFile)


@functools.cache
def _lesson_decoder() -> msgspec.msgpack.Decoder[Lesson]:
    # Built on first use: a catalog from the cache decodes no lesson before one is opened.
    return msgspec.msgpack.Decoder(Lesson)


# ------------------------------------------------------------------------------ where


def default_cache_dir(option: str | os.PathLike[str] | None = None) -> Path:
    """Where cache files go: `option`, else $KETATUI_CACHE_DIR, else the user cache dir."""
    if option:
        return Path(option).expanduser()
    env = os.environ.get(CACHE_DIR_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path("ketatui", appauthor=False)


def cache_file(root: str | os.PathLike[str], directory: str | os.PathLike[str]) -> Path:
    """The cache file for the course folder `root` inside `directory`.

    Named after the folder plus a CRC of its resolved path (zlib, not hashlib: importing
    OpenSSL costs a few ms at every start). A clash would only cost a cache miss: the
    records are keyed on full paths and the snapshot on the course path.
    """
    resolved = Path(root).resolve()
    crc = zlib.crc32(str(resolved).encode("utf-8", "surrogateescape"))
    name = "".join(c if c.isalnum() or c in "-_" else "-" for c in resolved.name)[:40]
    return Path(directory) / f"catalog-{name or 'root'}-{crc:08x}.msgpack"


def _fingerprint() -> str:
    """Changes whenever cached records could decode differently or be stale.

    Besides the versions, the size and mtime of every module of the content package (and
    of textguard, which decides what text is refused) count, so a development checkout
    never trusts records made by older model or loader code.
    """
    parts = [str(FORMAT_VERSION), __version__, msgspec.__version__]
    try:
        with os.scandir(Path(__file__).parent) as it:
            for entry in sorted(it, key=lambda e: e.name):
                if entry.name.endswith(".py"):
                    st = entry.stat()
                    parts.append(f"{entry.name}:{st.st_size}:{st.st_mtime_ns}")
        st = os.stat(textguard.__file__)
        parts.append(f"textguard.py:{st.st_size}:{st.st_mtime_ns}")
    except OSError:
        parts.append("?")
    return "|".join(parts)


def _stat(path: Path | str) -> _Stat:
    try:
        st = os.stat(path)
    except OSError:
        return _Stat(str(path), _MISSING, _MISSING)
    return _Stat(str(path), st.st_size, st.st_mtime_ns)


def _unchanged(stats: tuple[_Stat, ...]) -> bool:
    return all(_stat(s.path) == s for s in stats)


# ------------------------------------------------------------------------------ per file


class CachingLessonLoader:
    """A per-file lesson loader that answers from the cache when nothing changed.

    The course loader calls it for each lesson file (`load_course_folder(root,
    lesson_loader=...)`). `parsed` counts the files actually parsed (any, and the cache is
    rewritten); `records` holds what to store for next time.
    """

    def __init__(self, old: dict[str, _Record]) -> None:
        self._old = old
        self.records: dict[str, _Record] = {}
        #: Lesson files seen that could not be recorded (they are parsed every time).
        self.unrecorded = 0
        self.parsed = 0

    def __call__(self, path: Path, course_root: Path) -> LoadedFile:
        from ketatui.content import loader

        key = str(path)
        record = self._old.get(key)
        if (
            record is not None
            and record.deps[:1]
            and record.deps[0].path == key
            and _unchanged(record.deps)
            and (loaded := _loaded(record)) is not None
        ):
            self.records[key] = record
            return loaded

        own = _stat(path)  # before parsing: a write during the parse then re-parses next time
        loaded = loader.parse_lesson_file(path, course_root)
        self.parsed += 1
        record = _record(loaded, path, own)
        if record is None:
            self.unrecorded += 1
        else:
            self.records[key] = record
        return loaded

    @property
    def changed(self) -> bool:
        """Whether anything was parsed, added or removed since the old records."""
        return self.parsed > 0 or self.records.keys() != self._old.keys()


def _record(loaded: LoadedFile, path: Path, own: _Stat) -> _Record | None:
    """The cache record for a freshly parsed file, or None when it must not be cached."""
    if own.size == _MISSING:
        return None
    deps = [own]
    lesson: Lesson | None = loaded.value
    if lesson is None:
        # A failed lesson does not tell us which body files it named; if it names any,
        # creating or fixing one must take effect, so such a file is parsed every time.
        try:
            if b"body_file" in path.read_bytes():
                return None
        except OSError:
            return None
    else:
        for page in lesson.pages:
            if page.body_file:
                body = _stat(path.parent / page.body_file)
                if body.size == _MISSING:
                    return None
                deps.append(body)
    bodies = tuple(loaded.bodies)
    if lesson is not None and bodies == tuple(p.body for p in lesson.pages):
        bodies = ()
    return _Record(
        deps=tuple(deps),
        lesson=None if lesson is None else _encoder.encode(lesson),
        card=None if lesson is None else LessonCard.of(lesson),
        errors=tuple(_to_error(e) for e in loaded.errors),
        bodies=bodies,
        content_hash=loaded.content_hash,
    )


def _loaded(record: _Record) -> LoadedFile | None:
    """What parsing gave, from a record; None if its lesson bytes are damaged (then the
    file is parsed again and the record replaced)."""
    from ketatui.content.loader import LoadedFile

    try:
        lesson = None if record.lesson is None else _lesson_decoder().decode(record.lesson)
    except (msgspec.DecodeError, ValueError, TypeError):
        return None
    return LoadedFile(
        value=lesson,
        errors=[_from_error(e) for e in record.errors],
        bodies=record.bodies,  # empty when inline: LessonEntry.bodies takes the pages
        content_hash=record.content_hash,
    )


def _decoder_for(raw: bytes, path: str, root: Path, target: Path) -> Callable[[], Lesson]:
    """Decode a cached lesson on first use. Should the cached bytes be damaged, parse the
    lesson file again instead, and delete the cache file `target` so that the next start
    rebuilds it rather than meeting the damage again."""

    def decode() -> Lesson:
        try:
            return _lesson_decoder().decode(raw)
        except (msgspec.DecodeError, ValueError, TypeError):
            from ketatui.content import loader

            with contextlib.suppress(OSError):
                os.unlink(target)

            lesson: Lesson | None = loader.parse_lesson_file(Path(path), root).value
            if lesson is None:
                raise LessonUnavailableError(
                    f"The lesson file {path} has changed and now has errors "
                    "(authors: run ketatui validate)."
                ) from None
            return lesson

    return decode


def _to_error(e: ContentError) -> _Error:
    return _Error(str(e.file), e.line, e.column, e.message, e.suggestion, e.severity, e.source_line)


def _from_error(e: _Error) -> ContentError:
    severity: Literal["error", "warning"] = "warning" if e.severity == "warning" else "error"
    return ContentError(
        Path(e.file), e.line, e.column, e.message, e.suggestion, severity, e.source_line
    )


# ------------------------------------------------------------------------------ whole catalog


def _listing_stats(root: Path) -> list[_Stat]:
    """What the course loader's view of the folders depends on, taken before it runs.

    The course folder and each folder in it (their mtimes move when files are added,
    removed or renamed), course.yaml, and each folder's module.yaml, present or not.
    """
    from ketatui.content.loader import COURSE_FILE, MODULE_FILE

    stats = [_stat(root), _stat(root / COURSE_FILE)]
    try:
        with os.scandir(root) as it:
            found = sorted((e.path, e.is_dir()) for e in it)
    except OSError:
        return stats
    stats += [_stat(p) for p, is_dir in found if not is_dir and _translates(p, COURSE_FILE)]
    for folder, is_dir in found:
        if not is_dir:
            continue
        stats.append(_stat(folder))
        stats.append(_stat(os.path.join(folder, MODULE_FILE)))
        with contextlib.suppress(OSError), os.scandir(folder) as it:
            stats += [_stat(p) for p in sorted(e.path for e in it) if _translates(p, MODULE_FILE)]
    return stats


def _translates(path: str, source_name: str) -> bool:
    """Whether `path` is a translation (`<name>.<lang>.yaml`) of the file `source_name`."""
    from ketatui.content.translation import translation_name

    named = translation_name(os.path.basename(path))
    return named is not None and named[0] == source_name


def _snapshot(
    root: Path, catalog: Catalog, listing: list[_Stat], lessons: CachingLessonLoader
) -> _Snapshot | None:
    if lessons.unrecorded:
        return None
    stats = list(listing)
    for record in lessons.records.values():
        stats.extend(record.deps)
    modules = []
    for m in catalog.modules:
        keys = tuple(str(e.path) for e in m.lessons)
        translated = tuple(
            (str(e.path), lang, str(t.path))
            for e in m.lessons
            for lang, t in e.translations.items()
        )
        if any(k not in lessons.records for k in (*keys, *(t for _, _, t in translated))):
            return None
        modules.append(
            _Module(
                info=m.info,
                path=str(m.path),
                lessons=keys,
                translated=translated,
                infos=m.translations,
            )
        )
    return _Snapshot(
        root=str(root),
        stats=tuple(stats),
        course=catalog.course,
        modules=tuple(modules),
        errors=tuple(_to_error(e) for e in catalog.errors),
        course_translations=catalog.translations,
    )


def _from_snapshot(
    root: Path, snap: _Snapshot, records: dict[str, _Record], target: Path
) -> Catalog | None:
    modules = []
    for m in snap.modules:
        entries: dict[str, LessonEntry] = {}
        for key in m.lessons:
            entry = _lazy_entry(records, key, m.info.id, root, target)
            if entry is None:
                return None
            entries[key] = entry
        for key, lang, translation_key in m.translated:
            source = entries.get(key)
            entry = _lazy_entry(records, translation_key, m.info.id, root, target, source)
            if entry is None or source is None:
                return None
            source.translations[lang] = entry
        modules.append(
            CatalogModule(
                info=m.info,
                path=Path(m.path),
                lessons=tuple(entries.values()),
                translations=m.infos,
            )
        )
    return Catalog(
        root=root,
        course=snap.course,
        modules=tuple(modules),
        errors=tuple(_from_error(e) for e in snap.errors),
        translations=snap.course_translations,
    )


def _lazy_entry(
    records: dict[str, _Record],
    key: str,
    module_id: str,
    root: Path,
    target: Path,
    source: LessonEntry | None = None,
) -> LessonEntry | None:
    """The entry of a cached lesson record; a translation (`source` given) takes the
    source's choice ids when decoded, as the loader gives them."""
    record = records.get(key)
    if record is None or record.lesson is None or record.card is None:
        return None
    decode = _decoder_for(record.lesson, key, root, target)
    if source is not None:
        decode = _inheriting(decode, source)
    return LessonEntry.lazy(
        card=record.card,
        decode=decode,
        path=key,
        module_id=module_id,
        content_hash=record.content_hash,
        bodies=record.bodies,
    )


def _inheriting(decode: Callable[[], Lesson], source: LessonEntry) -> Callable[[], Lesson]:
    def inherit() -> Lesson:
        from ketatui.content.translation import inherit_ids

        return inherit_ids(source.lesson, decode())

    return inherit


# ------------------------------------------------------------------------------ file


def _read(target: Path, fingerprint: str) -> _CacheFile | None:
    """The cache file's content, or None if it is missing, unreadable, corrupt or stale."""
    try:
        raw = target.read_bytes()
    except OSError:
        return None
    try:
        data = _decoder.decode(raw)
    except (msgspec.DecodeError, ValueError, TypeError):
        return None
    if data.format != FORMAT_VERSION or data.fingerprint != fingerprint:
        return None
    return data


def published_lessons(root: str | os.PathLike[str]) -> dict[Path, str]:
    """Lesson file (resolved) -> id, for the lessons of the catalog the app last showed
    from this course folder (its cache); {} when there is no usable cache.

    When two files claim one id, the one learners have already seen is the published one.
    """
    data = _read(cache_file(root, default_cache_dir()), _fingerprint())
    if data is None or data.snapshot is None:
        return {}
    found = {}
    for module in data.snapshot.modules:
        for key in module.lessons:
            record = data.files.get(key)
            if record is not None and record.card is not None:
                found[Path(key).resolve()] = record.card.id
    return found


def _write_atomic(target: Path, payload: bytes) -> bool:
    """Write via a temporary file and `os.replace`: readers see the old or the new file."""
    import tempfile

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".catalog-", suffix=".tmp")
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
        os.replace(tmp, target)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return False
    return True


def load_catalog_cached(
    root: str | os.PathLike[str], cache_dir: str | os.PathLike[str] | None = None
) -> Catalog:
    """Load a course folder like `load_catalog`, re-parsing only lesson files that changed.

    `cache_dir` defaults to $KETATUI_CACHE_DIR, else the user cache dir. The result equals
    what `load_catalog(root)` gives, errors included. Raises only what `load_catalog`
    raises (FileNotFoundError for a missing folder); cache problems are silently ignored.
    """
    root = Path(root)
    fingerprint = _fingerprint()
    target = cache_file(root, default_cache_dir(cache_dir))
    data = _read(target, fingerprint) if root.is_dir() else None
    records = data.files if data is not None else {}
    snap = data.snapshot if data is not None else None
    if snap is not None and snap.root == str(root) and _unchanged(snap.stats):
        catalog = _from_snapshot(root, snap, records, target)
        if catalog is not None:
            return catalog

    from ketatui.content import loader

    listing = _listing_stats(root) if root.is_dir() else []
    lessons = CachingLessonLoader(records)
    catalog = loader.load_course_folder(root, lesson_loader=lessons)
    new_snap = _snapshot(root, catalog, listing, lessons)
    if lessons.changed or new_snap != snap:
        payload = _CacheFile(FORMAT_VERSION, fingerprint, lessons.records, new_snap)
        _write_atomic(target, _encoder.encode(payload))
    return catalog

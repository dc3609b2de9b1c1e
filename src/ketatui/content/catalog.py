"""The loaded course: modules in order, their lessons, and every error found on the way.

`load_catalog(root)` is the one entry point the app and tools use. A lesson with errors is
reported in `Catalog.errors` and left out; every other lesson still loads.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import msgspec

from ketatui.content.errors import ContentError
from ketatui.content.model import Course, Lesson, Track
from ketatui.content.model import Module as ModuleInfo


class LessonCard(msgspec.Struct, frozen=True, array_like=True):
    """What a list of lessons shows about one, without its pages and questions."""

    id: str
    title: str
    tracks: tuple[Track, ...]
    minutes: int
    summary: str
    #: How many pages and quiz questions the lesson has.
    pages: int
    questions: int
    #: `review.status` ("draft", "in_review", "approved").
    review_status: str

    @classmethod
    def of(cls, lesson: Lesson) -> LessonCard:
        """The card of a lesson."""
        questions = len(lesson.quiz.questions) if lesson.quiz is not None else 0
        return cls(
            id=lesson.id,
            title=lesson.title,
            tracks=lesson.tracks,
            minutes=lesson.minutes,
            summary=lesson.summary,
            pages=len(lesson.pages),
            questions=questions,
            review_status=lesson.review.status,
        )


class LessonUnavailableError(RuntimeError):
    """A lesson cannot be read back: its cached copy is damaged and its file no longer
    loads (it changed since the course was loaded). The message says what to do."""


class LessonEntry:
    """A loaded lesson with where it came from.

    Lists of lessons read the entry's `card`; the whole lesson, every page and question,
    is `lesson`. A catalog from the cache decodes a lesson only when it is first used, so a
    course of 1,000 lessons starts without building all of their pages and questions.
    """

    __slots__ = (
        "_bodies",
        "_decode",
        "_lesson",
        "_path",
        "card",
        "content_hash",
        "module_id",
        "source",
        "translations",
        "untranslated",
    )

    def __init__(
        self,
        lesson: Lesson,
        path: Path,
        module_id: str,
        content_hash: str,
        bodies: tuple[str, ...] = (),
    ) -> None:
        self._fill(lesson, None, path, LessonCard.of(lesson), module_id, content_hash, bodies)

    @classmethod
    def lazy(
        cls,
        card: LessonCard,
        decode: Callable[[], Lesson],
        path: str,
        module_id: str,
        content_hash: str,
        bodies: tuple[str, ...] = (),
    ) -> LessonEntry:
        """An entry whose lesson `decode()` makes on first use (`bodies` empty: inline)."""
        entry = cls.__new__(cls)
        entry._fill(None, decode, path, card, module_id, content_hash, bodies)
        return entry

    def _fill(
        self,
        lesson: Lesson | None,
        decode: Callable[[], Lesson] | None,
        path: Path | str,
        card: LessonCard,
        module_id: str,
        content_hash: str,
        bodies: tuple[str, ...],
    ) -> None:
        self._lesson = lesson
        self._decode = decode
        self._path = path
        self.card = card
        self.module_id = module_id
        #: sha256 hex of the lesson file bytes (and any body_file); progress stores it at
        #: completion so the catalog can flag lessons "updated since completed".
        self.content_hash = content_hash
        self._bodies = bodies
        #: language -> the translated lesson (`*.<lang>.yaml`), already checked for parity.
        self.translations: dict[str, LessonEntry] = {}
        #: Set on an entry of a localized catalog that has no translation into its language:
        #: the language asked for (the screens then say the lesson is not translated yet).
        self.untranslated: str | None = None
        #: The lesson in the course's own language (itself, unless this is a localized
        #: entry): what stays the same whatever language the learner reads it in.
        self.source: LessonEntry = self

    @property
    def id(self) -> str:
        """The lesson id."""
        return self.card.id

    @property
    def lesson(self) -> Lesson:
        """The whole lesson (decoded on first use for a cached catalog).

        Raises LessonUnavailableError when a cached lesson cannot be read back.
        """
        if self._lesson is None:
            assert self._decode is not None
            self._lesson = self._decode()
            self._decode = None
        return self._lesson

    @property
    def path(self) -> Path:
        """The lesson file."""
        if not isinstance(self._path, Path):
            self._path = Path(self._path)
        return self._path

    @property
    def bodies(self) -> tuple[str, ...]:
        """Page bodies with any `body_file` already read in, one per page, in order."""
        return self._bodies or tuple(page.body for page in self.lesson.pages)

    def page_text(self, index: int) -> str:
        """Markdown of page `index` (0-based), with any `body_file` read in."""
        bodies = self.bodies
        if index < len(bodies) and bodies[index]:
            return bodies[index]
        return self.lesson.pages[index].body

    def _key(self) -> tuple[object, ...]:
        return (self.lesson, self.path, self.module_id, self.content_hash, self.bodies)

    def in_language(self, lang: str, source_lang: str) -> LessonEntry:
        """This lesson as a learner of `lang` sees it: its translation when there is one,
        else itself marked `untranslated` (never blank). Progress keys stay the source's:
        the same id and the source's content hash, so switching language loses nothing."""
        if lang == source_lang:
            return self
        # A lesson written in `lang` itself (e.g. a translation previewed on its own). Only
        # a lesson already decoded is asked: decoding every cached lesson would slow start-up.
        if self._lesson is not None and self._lesson.language == lang:
            return self
        translated = self.translations.get(lang)
        if translated is None:
            shown = LessonEntry.__new__(LessonEntry)
            shown._fill(
                self._lesson,
                self._decode,
                self._path,
                self.card,
                self.module_id,
                self.content_hash,
                self._bodies,
            )
            shown.untranslated = lang
            shown.source = self
            return shown
        shown = LessonEntry.__new__(LessonEntry)
        shown._fill(
            translated._lesson,
            translated._decode,
            translated._path,
            translated.card,
            self.module_id,
            self.content_hash,
            translated._bodies,
        )
        shown.source = self
        return shown

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LessonEntry):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash((self.card.id, str(self._path), self.content_hash))

    def __repr__(self) -> str:
        return f"LessonEntry({self.card.id!r}, path={str(self._path)!r})"


class CatalogModule(msgspec.Struct, frozen=True):
    """A module folder: its module.yaml and its valid lessons in file-name order."""

    info: ModuleInfo
    path: Path
    lessons: tuple[LessonEntry, ...]
    #: language -> `module.<lang>.yaml`, the module's title and summary in that language.
    translations: dict[str, ModuleInfo] = msgspec.field(default_factory=dict)

    @property
    def id(self) -> str:
        """The module's id, from its module.yaml."""
        return self.info.id

    @property
    def title(self) -> str:
        """The module's title, from its module.yaml."""
        return self.info.title

    def for_track(self, track: Track | None) -> tuple[LessonEntry, ...]:
        """Lessons visible on a track (None = all)."""
        if track is None:
            return self.lessons
        return tuple(e for e in self.lessons if track in e.card.tracks)


class Catalog(msgspec.Struct, frozen=True):
    """A whole course folder, loaded."""

    root: Path
    course: Course
    modules: tuple[CatalogModule, ...]
    errors: tuple[ContentError, ...] = ()
    #: language -> `course.<lang>.yaml`: title, summary, notice and crisis help in it.
    translations: dict[str, Course] = msgspec.field(default_factory=dict)
    #: The language a `localized` catalog is shown in ("" for the course as written).
    language: str = ""
    #: Filled from `modules` (an index, so equal catalogs have equal ones).
    _by_id: dict[str, LessonEntry] = msgspec.field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self._by_id:
            for m in self.modules:
                for e in m.lessons:
                    self._by_id[e.card.id] = e

    def __repr__(self) -> str:
        # Short: the default would list every lesson twice (modules and the index).
        lessons = sum(len(m.lessons) for m in self.modules)
        return (
            f"Catalog(root={str(self.root)!r}, modules={len(self.modules)}, "
            f"lessons={lessons}, errors={len(self.errors)})"
        )

    @property
    def source_language(self) -> str:
        """The language the course is written in (`language` in course.yaml)."""
        return self.course.language if not self.language else self._source_lang()

    def _source_lang(self) -> str:
        # A localized catalog keeps the source course's language in its translations.
        return self.translations.get("", self.course).language

    def languages(self) -> tuple[str, ...]:
        """The course's language, then every language with a translated course or lesson."""
        found = set(self.translations) - {""}
        for m in self.modules:
            for e in m.lessons:
                found.update(e.translations)
        source = self.source_language
        return (source, *sorted(found - {source}))

    def localized(self, lang: str) -> Catalog:
        """The course as a learner of `lang` sees it: translated course and module texts
        and lessons where they exist, the source elsewhere (lessons marked `untranslated`).
        Lesson ids, module ids, order and pre-checks stay those of the source."""
        source_lang = self.source_language
        if self.language:
            raise ValueError("localize the source catalog, not a localized one")
        if lang == source_lang:
            return self
        modules = tuple(
            msgspec.structs.replace(
                m,
                info=_module_text(m, lang),
                lessons=tuple(e.in_language(lang, source_lang) for e in m.lessons),
            )
            for m in self.modules
        )
        return Catalog(
            root=self.root,
            course=self.translations.get(lang, self.course),
            modules=modules,
            errors=self.errors,
            translations={**self.translations, "": self.course},
            language=lang,
        )

    def entry(self, lesson_id: str) -> LessonEntry | None:
        """The lesson with this id, or None if it is not (or no longer) in the course."""
        return self._by_id.get(lesson_id)

    def module_of(self, lesson_id: str) -> CatalogModule | None:
        """The module a lesson is in, or None if the lesson is not in the course."""
        entry = self._by_id.get(lesson_id)
        if entry is None:
            return None
        return next((m for m in self.modules if m.id == entry.module_id), None)

    def modules_for(self, track: Track | None = None) -> list[CatalogModule]:
        """Modules in the order a track's learner meets them: course order, except that on
        the trainee track the modules written only for trainees come first (a clinician
        reaches their own module before the lessons shared with patients, which they can
        go back to). Patients and "all" keep the course's teaching order."""
        if track != "trainee":
            return list(self.modules)

        def own(module: CatalogModule) -> bool:
            shown = module.for_track(track)
            return bool(shown) and all(e.card.tracks == (track,) for e in shown)

        return sorted(self.modules, key=lambda m: not own(m))  # stable: course order kept

    def lessons(self, track: Track | None = None) -> list[LessonEntry]:
        """All lessons in the order of `modules_for(track)`, only those of the track."""
        return [e for m in self.modules_for(track) for e in m.for_track(track)]

    def next_lesson(self, lesson_id: str, track: Track | None = None) -> LessonEntry | None:
        """The lesson after this one in course order (on the track), or None at the end."""
        order = self.lessons(track)
        for i, e in enumerate(order):
            if e.card.id == lesson_id:
                return order[i + 1] if i + 1 < len(order) else None
        return None


def load_catalog(root: Path) -> Catalog:
    """Load a course folder. Never raises for bad content: problems go to `Catalog.errors`.

    Raises FileNotFoundError only when `root` itself does not exist or is not a folder.
    """
    from ketatui.content.loader import load_course_folder

    return load_course_folder(root)


def _module_text(module: CatalogModule, lang: str) -> ModuleInfo:
    """A module's title and summary in `lang`; its pre-check (question ids, not words) is
    always the source's, so every language asks the same questions."""
    translated = module.translations.get(lang)
    if translated is None:
        return module.info
    return msgspec.structs.replace(translated, pre_check=module.info.pre_check)

"""The loaded course: modules in order, their lessons, and every error found on the way.

`load_catalog(root)` is the one entry point the app and tools use. A lesson with errors is
reported in `Catalog.errors` and left out; every other lesson still loads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ketatui.content.errors import ContentError
from ketatui.content.model import Course, Lesson, Track
from ketatui.content.model import Module as ModuleInfo


@dataclass(frozen=True, slots=True)
class LessonEntry:
    """A loaded lesson with where it came from."""

    lesson: Lesson
    path: Path
    module_id: str
    #: sha256 hex of the lesson file bytes (and any body_file); progress stores it at
    #: completion so the catalog can flag lessons "updated since completed".
    content_hash: str
    #: Page bodies with any `body_file` already read in, one per page, in order.
    bodies: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CatalogModule:
    """A module folder: its module.yaml and its valid lessons in file-name order."""

    info: ModuleInfo
    path: Path
    lessons: tuple[LessonEntry, ...]

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def title(self) -> str:
        return self.info.title

    def for_track(self, track: Track | None) -> tuple[LessonEntry, ...]:
        """Lessons visible on a track (None = all)."""
        if track is None:
            return self.lessons
        return tuple(e for e in self.lessons if track in e.lesson.tracks)


@dataclass(frozen=True, slots=True)
class Catalog:
    """A whole course folder, loaded."""

    root: Path
    course: Course
    modules: tuple[CatalogModule, ...]
    errors: tuple[ContentError, ...] = ()
    _by_id: dict[str, LessonEntry] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self._by_id:
            for m in self.modules:
                for e in m.lessons:
                    self._by_id[e.lesson.id] = e

    def entry(self, lesson_id: str) -> LessonEntry | None:
        """The lesson with this id, or None if it is not (or no longer) in the course."""
        return self._by_id.get(lesson_id)

    def lessons(self, track: Track | None = None) -> list[LessonEntry]:
        """All lessons in course order, optionally only those of one track."""
        return [e for m in self.modules for e in m.for_track(track)]

    def next_lesson(self, lesson_id: str, track: Track | None = None) -> LessonEntry | None:
        """The lesson after this one in course order (on the track), or None at the end."""
        order = self.lessons(track)
        for i, e in enumerate(order):
            if e.lesson.id == lesson_id:
                return order[i + 1] if i + 1 < len(order) else None
        return None


def load_catalog(root: Path) -> Catalog:
    """Load a course folder. Never raises for bad content: problems go to `Catalog.errors`.

    Raises FileNotFoundError only when `root` itself does not exist or is not a folder.
    """
    from ketatui.content.loader import load_course_folder

    return load_course_folder(root)

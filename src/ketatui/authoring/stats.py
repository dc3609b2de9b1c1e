"""Per-lesson statistics for authors: length, reading time, reading level, quiz and review.

Plain Python (no Textual): `ketatui stats` renders these, and tests read them directly.

Reading time estimate, in minutes:  words / 200  +  0.5 x questions
(200 words a minute is a slow, careful adult reading speed, right for health information
read on a screen; half a minute per question covers reading it, answering and the
explanation). Words are those of the page bodies with Markdown stripped; titles, quiz
text and sources are not counted as reading.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ketatui.authoring.readability import (
    TextCounts,
    count_text,
    flesch_kincaid_grade,
    smog_grade,
    strip_markdown,
)
from ketatui.authoring.readability_es import (
    count_text_es,
    fernandez_huerta,
    inflesz_band,
    szigriszt_pazos,
)
from ketatui.authoring.review_status import is_overdue
from ketatui.content.catalog import Catalog, LessonEntry
from ketatui.content.errors import ContentError
from ketatui.content.model import QuestionType, question_type

WORDS_PER_MINUTE = 200
MINUTES_PER_QUESTION = 0.5
#: A review due within this many days is flagged "due soon".
DUE_SOON_DAYS = 30
QUESTION_TYPES: tuple[QuestionType, ...] = (
    "single",
    "multiple",
    "true_false",
    "order",
    "short_answer",
)


def estimated_minutes(words: int, questions: int) -> float:
    """Reading plus quiz time in minutes (see the module docstring for the formula)."""
    return words / WORDS_PER_MINUTE + MINUTES_PER_QUESTION * questions


def _total(counts: Iterable[TextCounts]) -> TextCounts:
    """The counts of several texts together (pages of a lesson, lessons of a course)."""
    return sum(counts, TextCounts(0, 0, 0, 0))


class _Readable:
    """Words and reading grades of anything with `counts` (a page, a lesson)."""

    __slots__ = ()

    if TYPE_CHECKING:  # a field of PageStats, a property of LessonStats

        @property
        def counts(self) -> TextCounts: ...

        language: str

    @property
    def words(self) -> int:
        return self.counts.words

    @property
    def spanish(self) -> bool:
        """Spanish text: read with the Spanish formulas, not the English grades."""
        return self.language == "es"

    @property
    def flesch_kincaid(self) -> float | None:
        return None if self.spanish else flesch_kincaid_grade(self.counts)

    @property
    def smog(self) -> float | None:
        return None if self.spanish else smog_grade(self.counts)

    @property
    def fernandez_huerta(self) -> float | None:
        """Fernández-Huerta reading ease (Spanish text only)."""
        return fernandez_huerta(self.counts) if self.spanish else None

    @property
    def szigriszt_pazos(self) -> float | None:
        """Szigriszt-Pazos perspicuity, the INFLESZ score (Spanish text only)."""
        return szigriszt_pazos(self.counts) if self.spanish else None

    @property
    def inflesz(self) -> str:
        """The INFLESZ band words of `szigriszt_pazos` ("" for other languages)."""
        return inflesz_band(self.szigriszt_pazos)


@dataclass(frozen=True, slots=True)
class PageStats(_Readable):
    """One page: its length and reading level."""

    title: str
    counts: TextCounts
    language: str = "en"


@dataclass(frozen=True, slots=True)
class LessonStats(_Readable):
    """The numbers for one lesson (reading grades are over all its pages together)."""

    path: Path
    module_id: str
    lesson_id: str
    title: str
    tracks: tuple[str, ...]
    minutes: int  # what the author set in `minutes:`
    pages: tuple[PageStats, ...]
    questions: dict[str, int]  # by type, every type present (0 when none)
    sources: int
    review_status: str
    next_due: dt.date | None
    today: dt.date
    #: The lesson's language (`language:`, else the course's); a translation's is its own.
    language: str = "en"

    @property
    def counts(self) -> TextCounts:
        """Word, sentence and syllable counts over all pages (for the reading grades)."""
        return _total(p.counts for p in self.pages)

    @property
    def question_count(self) -> int:
        """Questions of every type in the lesson."""
        return sum(self.questions.values())

    @property
    def estimated_minutes(self) -> float:
        """Reading and quiz time estimated from words and questions (see `estimated_minutes`)."""
        return estimated_minutes(self.words, self.question_count)

    @property
    def longest_page(self) -> PageStats | None:
        """The page with the most words (the first one on a tie)."""
        return max(self.pages, key=lambda p: p.words, default=None)

    @property
    def overdue(self) -> bool:
        """True when the review's next_due date is before today (see `is_overdue`)."""
        return is_overdue(self.next_due, self.today)

    @property
    def due_soon(self) -> bool:
        """Not overdue, but due within DUE_SOON_DAYS days."""
        return (
            self.next_due is not None
            and not self.overdue
            and (self.next_due - self.today).days <= DUE_SOON_DAYS
        )


@dataclass(frozen=True, slots=True)
class BrokenFile:
    """A content file that did not load: left out of the stats, listed with its errors."""

    path: Path
    errors: tuple[ContentError, ...]


@dataclass(frozen=True, slots=True)
class CourseStats:
    """Stats for every lesson of a course (or of one lesson file), plus broken files."""

    root: Path
    today: dt.date
    lessons: tuple[LessonStats, ...]
    broken: tuple[BrokenFile, ...] = ()
    warnings: tuple[ContentError, ...] = field(default=())

    @property
    def error_count(self) -> int:
        """Content errors over all files that did not load."""
        return sum(len(b.errors) for b in self.broken)

    @property
    def counts(self) -> TextCounts:
        """Word, sentence and syllable counts over all lessons that loaded (not Spanish
        ones: the course's English grades are over its English text)."""
        return _total(lesson.counts for lesson in self.lessons if not lesson.spanish)

    def totals(self) -> dict[str, object]:
        """Course totals, as plain values (what the last table row and JSON show)."""
        questions = {t: sum(s.questions[t] for s in self.lessons) for t in QUESTION_TYPES}
        counts = self.counts
        return {
            "lessons": len(self.lessons),
            "pages": sum(len(s.pages) for s in self.lessons),
            "words": counts.words,
            "estimated_minutes": round(sum(s.estimated_minutes for s in self.lessons), 1),
            "minutes": sum(s.minutes for s in self.lessons),
            "flesch_kincaid": _round(flesch_kincaid_grade(counts)),
            "smog": _round(smog_grade(counts)),
            "questions": sum(questions.values()),
            "questions_by_type": questions,
            "sources": sum(s.sources for s in self.lessons),
            "overdue": sum(1 for s in self.lessons if s.overdue),
            "broken_files": len(self.broken),
            "errors": self.error_count,
        }


def _round(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def lesson_stats(entry: LessonEntry, today: dt.date, language: str = "en") -> LessonStats:
    """Compute the stats of one loaded lesson (`language`: the course's, when the lesson
    does not say)."""
    lesson = entry.lesson
    language = lesson.language or language
    count = count_text_es if language == "es" else count_text
    bodies = (
        entry.bodies if len(entry.bodies) == len(lesson.pages) else [p.body for p in lesson.pages]
    )
    pages = tuple(
        PageStats(title=page.title, counts=count(strip_markdown(body)), language=language)
        for page, body in zip(lesson.pages, bodies, strict=True)
    )
    by_type = Counter(question_type(q) for q in (lesson.quiz.questions if lesson.quiz else ()))
    return LessonStats(
        path=entry.path,
        module_id=entry.module_id,
        lesson_id=lesson.id,
        title=lesson.title,
        tracks=tuple(lesson.tracks),
        minutes=lesson.minutes,
        pages=pages,
        questions={t: by_type.get(t, 0) for t in QUESTION_TYPES},
        sources=len(lesson.sources),
        review_status=lesson.review.status,
        next_due=lesson.review.next_due,
        today=today,
        language=language,
    )


def find_course_root(path: Path) -> Path | None:
    """The course folder holding `path`: the nearest folder with a course.yaml, or None."""
    start = path if path.is_dir() else path.parent
    for folder in (start, *start.parents):
        if (folder / "course.yaml").is_file():
            return folder
    return None


def _real(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path


def _selector(path: Path) -> Callable[[Path], bool]:
    """Which files of its course a PATH names: all, those in a module folder, or one."""
    real = _real(path)
    if path.is_dir():
        if (path / "course.yaml").is_file():
            return lambda _file: True
        return lambda file: _real(file).is_relative_to(real)
    return lambda file: _real(file) == real


def catalog_stats(
    catalog: Catalog, today: dt.date, only: Callable[[Path], bool] | None = None
) -> CourseStats:
    """Stats of every lesson of a loaded catalog, or of the files `only` accepts."""
    course_language = catalog.course.language
    entries = [
        (translated, lang)
        for e in catalog.lessons()
        for translated, lang in ((e, course_language), *((t, k) for k, t in e.translations.items()))
        if only is None or only(translated.path)
    ]
    errors = [e for e in catalog.errors if only is None or only(e.file)]
    by_file: dict[Path, list[ContentError]] = {}
    warnings: list[ContentError] = []
    for err in errors:
        if err.severity == "error":
            by_file.setdefault(err.file, []).append(err)
        else:
            warnings.append(err)
    broken = tuple(BrokenFile(path, tuple(errs)) for path, errs in sorted(by_file.items()))
    return CourseStats(
        root=catalog.root,
        today=today,
        lessons=tuple(lesson_stats(e, today, lang) for e, lang in entries),
        broken=broken,
        warnings=tuple(warnings),
    )


def collect_stats(paths: Path | Sequence[Path], today: dt.date) -> CourseStats:
    """Stats for course folders, module folders and lesson files, as `validate` takes them.

    Each course is loaded once; a lesson named twice is counted once. Raises
    FileNotFoundError when a path does not exist, and ValueError when a path is not inside
    a course folder (no course.yaml above it) or names no lesson of its course.
    """
    from ketatui.content.catalog import load_catalog

    given = [paths] if isinstance(paths, Path) else list(paths)
    catalogs: dict[Path, Catalog] = {}
    parts: list[CourseStats] = []
    for path in given:
        if not path.exists():
            raise FileNotFoundError(f"{path}: no such file or folder")
        root = find_course_root(path)
        if root is None:
            raise ValueError(
                f"{path}: not inside a course folder (no course.yaml in this folder or above it)"
            )
        catalog = catalogs.get(root)
        if catalog is None:
            catalog = catalogs[root] = load_catalog(root)
        part = catalog_stats(catalog, today, _selector(path))
        if not part.lessons and not part.broken and not path.is_dir():
            raise ValueError(f"{path}: not a lesson of the course at {root}")
        parts.append(part)
    return _merge(parts, today)


def _merge(parts: list[CourseStats], today: dt.date) -> CourseStats:
    """One report from several, each lesson and broken file once, in the order given."""
    if len(parts) == 1:
        return parts[0]
    lessons: dict[Path, LessonStats] = {}
    broken: dict[Path, BrokenFile] = {}
    warnings: dict[ContentError, None] = {}
    for part in parts:
        for s in part.lessons:
            lessons.setdefault(_real(s.path), s)
        for b in part.broken:
            broken.setdefault(_real(b.path), b)
        warnings.update(dict.fromkeys(part.warnings))
    roots = {part.root for part in parts}
    root = roots.pop() if len(roots) == 1 else Path(os.path.commonpath(sorted(roots)))
    return CourseStats(
        root=root,
        today=today,
        lessons=tuple(lessons.values()),
        broken=tuple(broken.values()),
        warnings=tuple(warnings),
    )


# ------------------------------------------------------------------------------ export


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def lesson_to_dict(s: LessonStats, root: Path) -> dict[str, object]:
    """One lesson's stats as JSON-ready values."""
    longest = s.longest_page
    return {
        "file": _rel(s.path, root),
        "module": s.module_id,
        "id": s.lesson_id,
        "title": s.title,
        "tracks": list(s.tracks),
        "pages": len(s.pages),
        "words": s.words,
        "estimated_minutes": round(s.estimated_minutes, 1),
        "minutes": s.minutes,
        "language": s.language,
        "flesch_kincaid": _round(s.flesch_kincaid),
        "smog": _round(s.smog),
        "fernandez_huerta": _round(s.fernandez_huerta),
        "szigriszt_pazos": _round(s.szigriszt_pazos),
        "inflesz": s.inflesz,
        "longest_page_words": longest.words if longest else 0,
        "longest_page_title": longest.title if longest else "",
        "questions": s.question_count,
        "questions_by_type": dict(s.questions),
        "sources": s.sources,
        "review_status": s.review_status,
        "next_due": s.next_due.isoformat() if s.next_due else None,
        "overdue": s.overdue,
        "page_stats": [
            {
                "title": p.title,
                "words": p.words,
                "flesch_kincaid": _round(p.flesch_kincaid),
                "smog": _round(p.smog),
                "szigriszt_pazos": _round(p.szigriszt_pazos),
            }
            for p in s.pages
        ],
    }


def to_json(stats: CourseStats) -> dict[str, object]:
    """The whole report as JSON-ready values (what `ketatui stats --format json` prints)."""
    return {
        "course": str(stats.root),
        "today": stats.today.isoformat(),
        "lessons": [lesson_to_dict(s, stats.root) for s in stats.lessons],
        "broken": [
            {
                "file": _rel(b.path, stats.root),
                "errors": len(b.errors),
                "messages": [e.format(stats.root) for e in b.errors],
            }
            for b in stats.broken
        ],
        "totals": stats.totals(),
    }


CSV_COLUMNS: tuple[str, ...] = (
    "file",
    "module",
    "id",
    "title",
    "pages",
    "words",
    "estimated_minutes",
    "minutes",
    "flesch_kincaid",
    "smog",
    "language",
    "fernandez_huerta",
    "szigriszt_pazos",
    "inflesz",
    "longest_page_words",
    "longest_page_title",
    "questions",
    *(f"q_{t}" for t in QUESTION_TYPES),
    "sources",
    "review_status",
    "next_due",
    "overdue",
    "errors",
)


def to_csv_rows(stats: CourseStats) -> list[dict[str, object]]:
    """One row per lesson, one per broken file (with `errors` set), and a TOTAL row."""
    rows: list[dict[str, object]] = []
    for s in stats.lessons:
        d = lesson_to_dict(s, stats.root)
        row = {k: d.get(k, "") for k in CSV_COLUMNS}
        for t in QUESTION_TYPES:
            row[f"q_{t}"] = s.questions[t]
        row["next_due"] = d["next_due"] or ""
        row["flesch_kincaid"] = "" if d["flesch_kincaid"] is None else d["flesch_kincaid"]
        row["smog"] = "" if d["smog"] is None else d["smog"]
        for key in ("fernandez_huerta", "szigriszt_pazos"):
            row[key] = "" if d[key] is None else d[key]
        row["overdue"] = "yes" if s.overdue else "no"
        row["errors"] = 0
        rows.append(row)
    for b in stats.broken:
        row = dict.fromkeys(CSV_COLUMNS, "")
        row["file"] = _rel(b.path, stats.root)
        row["errors"] = len(b.errors)
        rows.append(row)
    totals = stats.totals()
    row = dict.fromkeys(CSV_COLUMNS, "")
    row.update(
        {
            "file": "TOTAL",
            "title": f"{totals['lessons']} lesson{'' if totals['lessons'] == 1 else 's'}",
            **{
                k: "" if totals[k] is None else totals[k]
                for k in (
                    "pages",
                    "words",
                    "estimated_minutes",
                    "minutes",
                    "flesch_kincaid",
                    "smog",
                    "questions",
                    "sources",
                    "errors",
                )
            },
            "overdue": totals["overdue"],
        }
    )
    by_type = totals["questions_by_type"]
    assert isinstance(by_type, dict)
    for t in QUESTION_TYPES:
        row[f"q_{t}"] = by_type[t]
    rows.append(row)
    return rows

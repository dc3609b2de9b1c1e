"""`ketatui validate [PATH ...]`: check course folders or lesson files, report every error.

Output is compiler-style, one line per problem sorted by file and line, then a summary:

    lessons/01-depression/02-signs.yaml:12:5: error: unknown key 'titel' — did you mean 'title'?
    checked 14 files: 1 error in 1 file; 13 of 13 lessons are drafts (not yet reviewed by a
    clinician), 0 overdue for review

The review part counts the lessons that loaded; `--today` judges due dates against another
day. Drafts and overdue reviews are information, not errors: they never change the exit code.
Warnings (things that load but silently change what learners see) are listed without
failing; `--strict` turns them into errors, for CI.
Exit codes: 0 no errors (warnings allowed), 1 content errors, 2 usage (a PATH that does not
exist). `--format json` prints {"files_checked": n, "errors": [...], "review": {...}} instead.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ketatui.authoring.review_status import ReviewCounts
    from ketatui.content.errors import ContentError
    from ketatui.content.model import Lesson

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary(
    files_checked: int, errors: list[ContentError], reviews: ReviewCounts | None = None
) -> str:
    """`checked 12 files: 3 errors in 2 files` (plus warnings), or `...: no errors`, then
    the review counts of the lessons that loaded, if any did."""
    bad = [e for e in errors if e.severity == "error"]
    warnings = len(errors) - len(bad)
    text = f"checked {_plural(files_checked, 'file')}: "
    if bad:
        text += f"{_plural(len(bad), 'error')} in {_plural(len({e.file for e in bad}), 'file')}"
    else:
        text += "no errors"
    if warnings:
        text += f", {_plural(warnings, 'warning')}"
    if reviews is not None and reviews.lessons:
        from ketatui.authoring.review_status import describe_counts

        text += f"; {describe_counts(reviews)}"
    return text


def _with_lesson_warnings(
    errors: list[ContentError], lessons: list[tuple[Path, Lesson]]
) -> list[ContentError]:
    """The loader's errors plus the authoring warnings of each lesson that loaded, in order."""
    from ketatui.authoring.lint import lesson_warnings

    extra = [w for path, lesson in lessons for w in lesson_warnings(path, lesson)]
    if not extra:
        return errors
    return sorted([*errors, *extra], key=lambda e: (str(e.file), e.line, e.column))


def run(args: argparse.Namespace) -> int:
    """Validate the given paths (default: the course folder). Returns the exit code."""
    from ketatui import paths as ketatui_paths
    from ketatui.authoring.review_status import count_reviews
    from ketatui.content.loader import check_paths
    from ketatui.textguard import json_text, printable

    given = [Path(p).expanduser() for p in (getattr(args, "paths", None) or [])]
    if not given:
        given = [ketatui_paths.lessons_dir(getattr(args, "lessons", None))]
    missing = [p for p in given if not p.exists()]
    if missing:
        for p in missing:
            print(f"ketatui validate: {p}: no such file or folder", file=sys.stderr)
        return EXIT_USAGE

    checked = check_paths(given)
    errors, files_checked = _with_lesson_warnings(checked.errors, checked.lessons), checked.files
    if getattr(args, "strict", False):
        import msgspec

        errors = [msgspec.structs.replace(e, severity="error") for e in errors]
    today = getattr(args, "today", None) or dt.date.today()
    reviews = count_reviews((lesson.review for _, lesson in checked.lessons), today)
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:  # a non-UTF-8 terminal gets '\u2014', not a traceback
        reconfigure(errors="backslashreplace")
    if getattr(args, "output_format", "text") == "json":
        payload = {
            "files_checked": files_checked,
            "errors": [e.to_json() for e in errors],
            "review": reviews.to_json(today),
        }
        print(json_text(payload))
    else:
        cwd = Path.cwd()
        for e in errors:
            # File names come from the disk: keep their control characters off the terminal.
            print(printable(e.format(relative_to=cwd if e.file.is_absolute() else None)))
            if e.source_line is not None:
                print(e.excerpt())
        print(summary(files_checked, errors, reviews))
    return EXIT_CONTENT if any(e.severity == "error" for e in errors) else EXIT_OK

"""`ketatui stats [PATH]`: per-lesson numbers for authors; `--answers`: how learners answer.

Exit codes: 0 when every file loaded (overdue reviews are information, not failure);
1 when some content file has errors (the table still lists it, with its error count);
2 for a usage problem (no such path, unreadable database, bad --today).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ketatui.commands import iso_date

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text

    from ketatui.authoring.answers import QuestionAnswers
    from ketatui.authoring.stats import CourseStats, LessonStats

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2

_TYPE_LABELS = {
    "single": "single",
    "multiple": "multiple",
    "true_false": "true/false",
    "order": "order",
    "short_answer": "short",
}


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Register `stats` on the main parser."""
    p = subparsers.add_parser(
        "stats",
        parents=[common],
        help="lesson length, reading level, quiz and review dates; --answers: answer analytics",
        description="Per-lesson statistics for authors: pages, words, estimated minutes "
        "(words / 200 + 0.5 per question), reading grade (Flesch-Kincaid and SMOG), "
        "longest page, questions by type, sources and review due dates. With --answers: "
        "how learners answered each question, worst first.",
    )
    p.add_argument(
        "path",
        nargs="?",
        metavar="PATH",
        help="course folder or lesson file (default: --lessons, $KETATUI_LESSONS, shipped)",
    )
    p.add_argument(
        "--format",
        choices=["table", "json", "csv"],
        default="table",
        dest="output_format",
        help="output format (default: table)",
    )
    p.add_argument(
        "--today",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="judge review due dates against this date instead of today",
    )
    p.add_argument(
        "--answers",
        action="store_true",
        help="answer analytics from the progress database (and kiosk statistics) in the "
        "data dir: answers, share right, most chosen wrong answer, worst first",
    )


def run(args: argparse.Namespace) -> int:
    """Print the stats; see the module docstring for exit codes."""
    try:
        return _run(args)
    except BrokenPipeError:
        # Output piped into e.g. `head`, which stopped reading: not an error worth a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


def _run(args: argparse.Namespace) -> int:
    from ketatui import paths

    lessons_option = getattr(args, "lessons", None)
    target = Path(args.path) if args.path else paths.lessons_dir(lessons_option)
    fmt = args.output_format
    if args.answers:
        return _run_answers(args, target, fmt)
    from ketatui.authoring.stats import collect_stats

    today = args.today or dt.date.today()
    try:
        stats = collect_stats(target, today)
    except (FileNotFoundError, NotADirectoryError, ValueError) as exc:
        print(f"ketatui stats: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if fmt == "json":
        from ketatui.authoring.stats import to_json

        json.dump(to_json(stats), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    elif fmt == "csv":
        from ketatui.authoring.stats import CSV_COLUMNS, to_csv_rows

        writer = csv.DictWriter(sys.stdout, fieldnames=list(CSV_COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(to_csv_rows(stats))
    else:
        _print_table(stats)
    return EXIT_CONTENT if stats.broken else EXIT_OK


# ---------------------------------------------------------------------------- lesson stats


def _grade(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _grade_style(value: float | None) -> str:
    # Patient materials should read at grade 8 or below (NIH: below 8th grade).
    if value is None:
        return ""
    return "red" if value > 10 else "yellow" if value > 8 else "green"


def _questions(by_type: dict[str, int], sep: str) -> str:
    parts = [f"{n} {_TYPE_LABELS.get(t, t)}" for t, n in by_type.items() if n]
    return sep.join(parts) if parts else "none"


def _grade_text(value: float | None) -> Text:
    from rich.text import Text

    return Text(_grade(value), style=_grade_style(value))


def _review(s: LessonStats) -> Text:
    from rich.text import Text

    text = Text(s.review_status)
    if s.next_due is None:
        return text
    text.append("\n")
    if s.overdue:
        text.append(f"{s.next_due.isoformat()}\nOVERDUE", style="bold red")
    elif s.due_soon:
        text.append(f"{s.next_due.isoformat()}\ndue soon", style="yellow")
    else:
        text.append(s.next_due.isoformat())
    return text


#: Below this many columns the table folds details into the lesson cell.
WIDE_TABLE = 110


def _print_table(stats: CourseStats) -> None:
    """Print the per-lesson table, its totals row, and a line about files left out."""
    from rich.console import Console

    console = Console()
    wide = console.width >= WIDE_TABLE
    table = _lesson_table(stats, wide)
    for s in stats.lessons:
        _add_lesson_row(table, s, wide)
    _add_broken_rows(table, stats, wide)
    totals = stats.totals()
    _add_totals_row(table, totals, wide)
    console.print(table)
    if stats.broken:
        console.print(
            f"[bold red]{totals['errors']} content error(s) in {len(stats.broken)} file(s)"
            "[/]: those files are left out above. Run `ketatui validate` for the details."
        )


def _lesson_table(stats: CourseStats, wide: bool) -> Table:
    """The empty table with its columns; a narrow one folds details into the lesson cell."""
    from rich import box
    from rich.table import Table

    table = Table(
        title=f"Lesson stats: {stats.root}",
        caption=f"Review dates judged against {stats.today.isoformat()}. Min: estimated "
        "minutes (words / 200 + 0.5 per question) / minutes set in the lesson. Reading "
        "grade: Flesch-Kincaid (FK) and SMOG; aim for 8 or below on patient pages.",
        caption_justify="left",
        header_style="bold",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column("Lesson", overflow="fold", ratio=3, min_width=12)
    for name in ("Pages", "Words", "Min", "FK", "SMOG"):
        table.add_column(name, justify="right", no_wrap=True)
    if wide:
        table.add_column("Longest page", overflow="fold", ratio=2, min_width=8)
        table.add_column("Questions", overflow="fold", min_width=8)
        table.add_column("Src", justify="right", no_wrap=True)
    table.add_column("Review", overflow="fold", min_width=10)
    return table


def _add_lesson_row(table: Table, s: LessonStats, wide: bool) -> None:
    """One lesson's row."""
    from rich.text import Text

    longest = s.longest_page
    lesson = Text(s.lesson_id, style="bold").append("\n" + s.title, style="dim")
    details: list[str | Text] = []
    if wide:
        details = [
            Text(f"{longest.words} words\n").append(longest.title, style="dim") if longest else "—",
            _questions(s.questions, "\n"),
            str(s.sources),
        ]
    else:
        if longest:
            lesson.append(f"\nlongest page: {longest.words} words, {longest.title}")
        lesson.append(f"\nquestions: {_questions(s.questions, ', ')}")
        lesson.append(f"\nsources: {s.sources}")
    table.add_row(
        lesson,
        str(len(s.pages)),
        str(s.words),
        f"{s.estimated_minutes:.1f}/{s.minutes}",
        _grade_text(s.flesch_kincaid),
        _grade_text(s.smog),
        *details,
        _review(s),
    )


def _add_broken_rows(table: Table, stats: CourseStats, wide: bool) -> None:
    """A row per file that did not load: its path and error count, the numbers left blank."""
    from rich.text import Text

    blanks = 8 if wide else 5
    for b in stats.broken:
        try:
            name = b.path.relative_to(stats.root).as_posix()
        except ValueError:
            name = str(b.path)
        n = len(b.errors)
        table.add_row(
            Text(name, style="bold red"),
            *([""] * blanks),
            Text(f"{n} error{'s' if n != 1 else ''}", style="bold red"),
        )


def _add_totals_row(table: Table, totals: dict[str, object], wide: bool) -> None:
    """The course totals, in a section of their own below the lessons."""
    from rich.text import Text

    from ketatui.authoring.stats import QUESTION_TYPES

    by_type = totals["questions_by_type"]
    assert isinstance(by_type, dict)
    questions = _questions({t: by_type[t] for t in QUESTION_TYPES}, "\n" if wide else ", ")
    overdue = totals["overdue"]
    n_lessons = totals["lessons"]
    total = Text(f"Total: {n_lessons} lesson{'' if n_lessons == 1 else 's'}", style="bold")
    if not wide:
        total.append(f"\nquestions: {questions}\nsources: {totals['sources']}")
    table.add_section()
    table.add_row(
        total,
        str(totals["pages"]),
        str(totals["words"]),
        f"{totals['estimated_minutes']:.1f}/{totals['minutes']}",
        _grade_text(_total_grade(totals["flesch_kincaid"])),
        _grade_text(_total_grade(totals["smog"])),
        *(["", questions, str(totals["sources"])] if wide else []),
        Text(f"{overdue} overdue", style="bold red") if overdue else "none overdue",
    )


# --------------------------------------------------------------------------- answer stats


def _run_answers(args: argparse.Namespace, course: Path, fmt: str) -> int:
    from ketatui import paths
    from ketatui.authoring.answers import AnswerDataError, collect_answers
    from ketatui.content.catalog import load_catalog

    data_dir = paths.data_dir(getattr(args, "data_dir", None))
    from ketatui.authoring.stats import find_course_root

    # The course gives the answers their text; without it the ids are still shown.
    root = course if course.is_dir() else find_course_root(course)
    catalog = None
    if root is not None:
        try:
            catalog = load_catalog(root)
        except (FileNotFoundError, NotADirectoryError):
            catalog = None
    try:
        items, read = collect_answers(data_dir, catalog)
    except AnswerDataError as exc:
        print(f"ketatui stats: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if not read:
        print(
            f"ketatui stats: no answers yet: no progress database or kiosk statistics in "
            f"{data_dir}",
            file=sys.stderr,
        )
    if fmt == "json":
        json.dump([q.to_json() for q in items], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return EXIT_OK
    if fmt == "csv":
        columns = [
            "source",
            "lesson_id",
            "question_id",
            "question_type",
            "answers",
            "right",
            "share_right",
            "most_wrong",
            "most_wrong_count",
            "older_version",
            "prompt",
        ]
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: q.to_json()[k] for k in columns} for q in items)
        return EXIT_OK
    if read:
        _print_answers_table(items, read, catalog is None)
    return EXIT_OK


def _total_grade(value: object) -> float | None:
    """A reading grade from the totals' plain values (None where no text was graded)."""
    return float(value) if isinstance(value, int | float) else None


def _print_answers_table(items: list[QuestionAnswers], read: list[Path], no_course: bool) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title="Answers, worst first",
        caption="From " + ", ".join(str(p) for p in read) + ". Short answers are not shown.",
        header_style="bold",
    )
    table.add_column("Lesson / question", overflow="fold")
    table.add_column("From")
    table.add_column("Answers", justify="right")
    table.add_column("Right", justify="right")
    table.add_column("Most chosen wrong answer", overflow="fold")
    for q in items:
        share = q.share_right
        style = "red" if share < 0.5 else "yellow" if share < 0.8 else "green"
        label = Text(f"{q.lesson_id} / {q.question_id}", style="bold")
        label.append("\n" + (q.prompt or "(no longer in the course)"), style="dim")
        wrong = q.most_wrong
        if q.most_wrong_count:
            wrong += f" ({q.most_wrong_count}×)"
        answers = str(q.answers)
        if q.older_version:  # given on another version of the lesson than today's
            answers += f"\n({q.older_version} on an older version)"
        table.add_row(
            label,
            q.source,
            answers,
            Text(f"{share:.0%}", style=style),
            wrong,
        )
    console = Console()
    console.print(table)
    if no_course:
        console.print("[yellow]The course folder was not found: answers shown without text.[/]")

"""`ketatui stats [PATH ...]`: per-lesson numbers for authors; `--answers`: how learners
answer; `--gain`: knowledge gain per module (pre-check and post-check scores).

Exit codes: 0 when every file loaded (overdue reviews are information, not failure);
1 when some content file has errors (the table still lists it, with its error count);
2 for a usage problem (no such path, unreadable database, bad --today).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ketatui.commands import iso_date
from ketatui.textguard import json_text, printable, write_csv_rows

if TYPE_CHECKING:
    from rich.console import Console
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
        "paths",
        nargs="*",
        metavar="PATH",
        help="course folders, module folders or lesson files, as for validate (default: "
        "--lessons, $KETATUI_LESSONS, shipped)",
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
    p.add_argument(
        "--gain",
        action="store_true",
        help="knowledge gain per module from the data dir: mean pre-check and post-check "
        "scores and g = (post - pre) / (100 - pre), with counts; learners with a profile "
        "and kiosk visitors apart",
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
    given = [Path(p).expanduser() for p in args.paths]
    targets = given or [paths.lessons_dir(lessons_option)]
    fmt = args.output_format
    if args.answers:
        return _run_answers(args, targets[0], fmt)
    if args.gain:
        from ketatui.commands.stats_gain import run_gain

        return run_gain(args, targets[0], fmt)
    from ketatui.authoring.stats import collect_stats

    today = args.today or dt.date.today()
    try:
        stats = collect_stats(targets, today)
    except (FileNotFoundError, NotADirectoryError, ValueError) as exc:
        print(printable(f"ketatui stats: {exc}"), file=sys.stderr)
        return EXIT_USAGE
    if fmt == "json":
        from ketatui.authoring.stats import to_json

        sys.stdout.write(json_text(to_json(stats)) + "\n")
    elif fmt == "csv":
        from ketatui.authoring.stats import CSV_COLUMNS, to_csv_rows

        write_csv_rows(sys.stdout, CSV_COLUMNS, to_csv_rows(stats), lineterminator="\n")
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


def _ease_text(name: str, value: float | None, band: str = "") -> Text:
    """A Spanish reading-ease score ("SzP 68.2 bastante fácil"): higher is easier, so
    green from 65 (INFLESZ "bastante fácil", the patient target), yellow from 55."""
    from rich.text import Text

    from ketatui.authoring.readability_es import PATIENT_MINIMUM

    if value is None:
        return Text("—")
    style = "green" if value >= PATIENT_MINIMUM else "yellow" if value >= 55 else "red"
    return Text(f"{name} {value:.1f}" + (f"\n{band}" if band else ""), style=style)


def reading_cells(s: LessonStats) -> tuple[Text, Text]:
    """The two reading-level cells: FK and SMOG grades, or for a Spanish lesson its
    Fernández-Huerta (FH) and Szigriszt-Pazos (SzP, with the INFLESZ band) scores."""
    if s.spanish:
        return (
            _ease_text("FH", s.fernandez_huerta),
            _ease_text("SzP", s.szigriszt_pazos, s.inflesz),
        )
    return _grade_text(s.flesch_kincaid), _grade_text(s.smog)


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


#: Below this many columns each lesson is a short block of lines instead of a table row.
WIDE_TABLE = 110


def _print_table(stats: CourseStats) -> None:
    """Print the per-lesson table, its totals row, and a line about files left out."""
    from rich.console import Console

    console = Console()
    wide = console.width >= WIDE_TABLE
    if not wide:
        from ketatui.commands.stats_narrow import print_blocks

        print_blocks(stats, console, _grade_text, _questions)
        _print_broken_note(console, stats)
        return
    table = _lesson_table(stats)
    for s in stats.lessons:
        _add_lesson_row(table, s)
    _add_broken_rows(table, stats)
    _add_totals_row(table, stats.totals())
    console.print(table)
    _print_broken_note(console, stats)


def _print_broken_note(console: Console, stats: CourseStats) -> None:
    totals = stats.totals()
    if stats.broken:
        console.print(
            f"[bold red]{totals['errors']} content error(s) in {len(stats.broken)} file(s)"
            "[/]: those files are left out above. Run `ketatui validate` for the details."
        )


def _lesson_table(stats: CourseStats) -> Table:
    """The empty table with its columns."""
    from rich import box
    from rich.table import Table

    table = Table(
        title=_text(f"Lesson stats: {stats.root}"),
        caption=f"Review dates judged against {stats.today.isoformat()}. Min: estimated "
        "minutes (words / 200 + 0.5 per question) / minutes set in the lesson. Reading "
        "grade: Flesch-Kincaid (FK) and SMOG; aim for 8 or below on patient pages. Spanish "
        "lessons: Fernández-Huerta (FH) and Szigriszt-Pazos (SzP) on the INFLESZ scale, "
        "higher is easier; aim for 65 (bastante fácil) or above.",
        caption_justify="left",
        header_style="bold",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column("Lesson", overflow="fold", ratio=3, min_width=12)
    for name in ("Pages", "Words", "Min", "FK", "SMOG"):
        table.add_column(name, justify="right", no_wrap=True)
    table.add_column("Longest page", overflow="fold", ratio=2, min_width=8)
    table.add_column("Questions", overflow="fold", min_width=8)
    table.add_column("Src", justify="right", no_wrap=True)
    table.add_column("Review", overflow="fold", min_width=10)
    return table


def _add_lesson_row(table: Table, s: LessonStats) -> None:
    """One lesson's row."""
    from rich.text import Text

    longest = s.longest_page
    lesson = Text(s.lesson_id, style="bold").append("\n" + printable(s.title), style="dim")
    details: list[str | Text] = [
        Text(f"{longest.words} words\n").append(printable(longest.title), style="dim")
        if longest
        else "—",
        _questions(s.questions, "\n"),
        str(s.sources),
    ]
    table.add_row(
        lesson,
        str(len(s.pages)),
        str(s.words),
        f"{s.estimated_minutes:.1f}/{s.minutes}",
        *reading_cells(s),
        *details,
        _review(s),
    )


def _add_broken_rows(table: Table, stats: CourseStats) -> None:
    """A row per file that did not load: its path and error count, the numbers left blank."""
    from rich.text import Text

    blanks = 8
    for b in stats.broken:
        try:
            name = b.path.relative_to(stats.root).as_posix()
        except ValueError:
            name = str(b.path)
        n = len(b.errors)
        table.add_row(
            Text(printable(name), style="bold red"),
            *([""] * blanks),
            Text(f"{n} error{'s' if n != 1 else ''}", style="bold red"),
        )


def _add_totals_row(table: Table, totals: dict[str, object]) -> None:
    """The course totals, in a section of their own below the lessons."""
    from rich.text import Text

    from ketatui.authoring.stats import QUESTION_TYPES

    by_type = totals["questions_by_type"]
    assert isinstance(by_type, dict)
    questions = _questions({t: by_type[t] for t in QUESTION_TYPES}, "\n")
    overdue = totals["overdue"]
    n_lessons = totals["lessons"]
    total = Text(f"Total: {n_lessons} lesson{'' if n_lessons == 1 else 's'}", style="bold")
    table.add_section()
    table.add_row(
        total,
        str(totals["pages"]),
        str(totals["words"]),
        f"{totals['estimated_minutes']:.1f}/{totals['minutes']}",
        _grade_text(_total_grade(totals["flesch_kincaid"])),
        _grade_text(_total_grade(totals["smog"])),
        "",
        questions,
        str(totals["sources"]),
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
        print(printable(f"ketatui stats: {exc}"), file=sys.stderr)
        return EXIT_USAGE
    if not read:
        print(
            printable(
                f"ketatui stats: no answers yet: no progress database or kiosk statistics in "
                f"{data_dir}"
            ),
            file=sys.stderr,
        )
    _warn_other_course(items, catalog, root)
    if fmt == "json":
        sys.stdout.write(json_text([q.to_json() for q in items]) + "\n")
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
        write_csv_rows(sys.stdout, columns, (q.to_json() for q in items), lineterminator="\n")
        return EXIT_OK
    if read:
        _print_answers_table(items, read, catalog is None)
    return EXIT_OK


def _text(value: str) -> Text:
    """Data for a Rich table: literal (never markup), controls and bidi escaped."""
    from rich.text import Text

    return Text(printable(value))


def _warn_other_course(items: list[QuestionAnswers], catalog: object, root: Path | None) -> None:
    """Say so when saved answers name questions this course does not have: the numbers are
    probably from another course (or an older version of this one)."""
    if catalog is None or not items:
        return
    missing = [q for q in items if not q.prompt]
    if not missing:
        return
    share = "none" if len(missing) == len(items) else f"{len(items) - len(missing)}"
    message = (
        f"ketatui stats: warning: {share} of the {len(items)} questions in the saved answers "
        f"are in the course at {root}; {len(missing)} are not (e.g. "
        f"{missing[0].lesson_id} / {missing[0].question_id}). Is this the course the learners "
        "used? Give its folder as PATH or with --lessons."
    )
    print(printable(message), file=sys.stderr)


def _total_grade(value: object) -> float | None:
    """A reading grade from the totals' plain values (None where no text was graded)."""
    return float(value) if isinstance(value, int | float) else None


def _print_answers_table(items: list[QuestionAnswers], read: list[Path], no_course: bool) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title="Answers, worst first",
        caption=_text("From " + ", ".join(map(str, read)) + ". Short answers are not shown."),
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
        label = Text(printable(f"{q.lesson_id} / {q.question_id}"), style="bold")
        label.append("\n" + printable(q.prompt or "(no longer in the course)"), style="dim")
        wrong = q.most_wrong
        if q.most_wrong_count:
            wrong += f" ({q.most_wrong_count}×)"
        answers = str(q.answers)
        if q.older_version:  # given on another version of the lesson than today's
            answers += f"\n({q.older_version} on an older version)"
        table.add_row(
            label,
            _text(q.source),
            answers,
            Text(f"{share:.0%}", style=style),
            _text(wrong),
        )
    console = Console()
    console.print(table)
    if no_course:
        console.print("[yellow]The course folder was not found: answers shown without text.[/]")

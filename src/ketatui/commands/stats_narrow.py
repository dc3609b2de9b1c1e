"""`ketatui stats` on a narrow terminal: one short block per lesson instead of a table.

Below `WIDE_TABLE` columns a table's cells wrap onto four or five lines each; a block of
three or four lines keeps every number and reads top to bottom:

    what-is-depression  What is depression?
      5 pages · 285 words · 2.9/4 min · FK 3.7 · SMOG 8.3 · draft, due 2027-06-03
      longest page: 90 words, How doctors know it is depression
      questions: 1 single, 1 multiple, 1 true/false · sources: 3
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ketatui.textguard import printable

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from ketatui.authoring.stats import CourseStats, LessonStats

#: Joins the numbers of a line.
SEP = " · "


def print_blocks(
    stats: CourseStats,
    console: Console,
    grade: Callable[[float | None], Text],
    questions: Callable[[dict[str, int], str], str],
) -> None:
    """Print each lesson as a block, then broken files and the course totals."""
    from rich.text import Text

    console.print(Text(f"Lesson stats: {printable(str(stats.root))}", style="bold"))
    console.print()
    for s in stats.lessons:
        console.print(_block(s, grade, questions), overflow="fold")
    for b in stats.broken:
        try:
            name = b.path.relative_to(stats.root).as_posix()
        except ValueError:
            name = str(b.path)
        n = len(b.errors)
        errors = f"{n} error{'s' if n != 1 else ''}"
        console.print(Text(f"{printable(name)}: {errors}", style="bold red"))
    console.print(_totals(stats, grade, questions), overflow="fold")
    console.print(
        Text(
            f"Review dates judged against {stats.today.isoformat()}. Min: estimated minutes "
            "(words / 200 + 0.5 per question) / minutes set in the lesson. Reading grade: "
            "Flesch-Kincaid (FK) and SMOG; aim for 8 or below on patient pages. Spanish "
            "lessons: Fernández-Huerta (FH) and Szigriszt-Pazos (SzP, INFLESZ); aim for 65 "
            "(bastante fácil) or above.",
            style="dim",
        )
    )


def _numbers(pages: int, words: int, estimated: float, minutes: int, fk: Text, smog: Text) -> Text:
    from rich.text import Text

    line = Text(f"  {pages} page{'s' if pages != 1 else ''}{SEP}{words} words{SEP}")
    line.append(f"{estimated:.1f}/{minutes} min{SEP}")
    # Spanish lessons come with their own labels (FH / SzP); English grades get theirs.
    line.append_text(fk if fk.plain.startswith("FH") else Text("FK ").append_text(fk))
    line.append(SEP)
    line.append_text(smog if smog.plain.startswith("SzP") else Text("SMOG ").append_text(smog))
    return line


def _reading(s: LessonStats, grade: Callable[[float | None], Text]) -> tuple[Text, Text]:
    """FK and SMOG grades, or a Spanish lesson's FH and SzP (INFLESZ) scores."""
    if s.spanish:
        from rich.text import Text

        from ketatui.commands.stats import reading_cells

        fh, szp = reading_cells(s)
        # The score only: its band words ("muy fácil") would push the line past 80
        # columns; the note under the blocks says what to aim for.
        return fh, Text(szp.plain.split("\n")[0], style=szp.style)
    return grade(s.flesch_kincaid), grade(s.smog)


def _block(
    s: LessonStats,
    grade: Callable[[float | None], Text],
    questions: Callable[[dict[str, int], str], str],
) -> Text:
    from rich.text import Text

    block = Text(s.lesson_id, style="bold").append(f"  {printable(s.title)}", style="dim")
    block.append("\n")
    block.append_text(
        _numbers(
            len(s.pages),
            s.words,
            s.estimated_minutes,
            s.minutes,
            *_reading(s, grade),
        )
    )
    block.append(f"{SEP}{s.review_status}")
    if s.next_due is not None:
        block.append(f", due {s.next_due.isoformat()}")
        if s.overdue:
            block.append(" OVERDUE", style="bold red")
        elif s.due_soon:
            block.append(" (due soon)", style="yellow")
    longest = s.longest_page
    if longest is not None:
        block.append(f"\n  longest page: {longest.words} words, {printable(longest.title)}")
    block.append(f"\n  questions: {questions(s.questions, ', ')}{SEP}sources: {s.sources}\n")
    return block


def _totals(
    stats: CourseStats,
    grade: Callable[[float | None], Text],
    questions: Callable[[dict[str, int], str], str],
) -> Text:
    from rich.text import Text

    from ketatui.authoring.stats import QUESTION_TYPES

    totals = stats.totals()
    n = totals["lessons"]
    by_type = totals["questions_by_type"]
    assert isinstance(by_type, dict)
    total = Text(f"Total: {n} lesson{'' if n == 1 else 's'}\n", style="bold")
    fk, smog = totals["flesch_kincaid"], totals["smog"]
    total.append_text(
        _numbers(
            int(str(totals["pages"])),
            int(str(totals["words"])),
            float(str(totals["estimated_minutes"])),
            int(str(totals["minutes"])),
            grade(float(fk) if isinstance(fk, int | float) else None),
            grade(float(smog) if isinstance(smog, int | float) else None),
        )
    )
    overdue = totals["overdue"]
    total.append(SEP)
    total.append(
        f"{overdue} overdue" if overdue else "none overdue", style="bold red" if overdue else ""
    )
    total.append(
        f"\n  questions: {questions({t: by_type[t] for t in QUESTION_TYPES}, ', ')}"
        f"{SEP}sources: {totals['sources']}\n"
    )
    return total

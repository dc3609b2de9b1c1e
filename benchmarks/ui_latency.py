"""Page turn, answer submit and next-question latency, in-process with Pilot.

The real learner app (`KetatuiApp`, its CSS and theme, a progress store with durable
saves) opens a generated lesson with ~2 KB Markdown pages; each figure is the time from
posting the key to the screen having handled it and repainted (see `textual_drive`).

    python benchmarks/ui_latency.py [ACTIONS]   # prints p50 / p95 for a quick look
"""

from __future__ import annotations

import asyncio
import gc
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from textual_drive import press, settle, timed_press

from ketatui.quiz.kinds import kind_of

LESSON_ID = "long-lesson"
#: Seconds between seeing the feedback and pressing Next, and between seeing a question
#: and answering it: a learner reads first (for seconds, not 0.2 s). The quiz builds the
#: next question and removes the last one meanwhile, as it does for them.
READING_S = 0.2


def _load(course: Path) -> Any:
    from ketatui.content.catalog import load_catalog

    catalog = load_catalog(course)
    if catalog.errors or catalog.entry(LESSON_ID) is None:
        raise RuntimeError(f"benchmark lesson did not load: {catalog.errors[:3]}")
    return catalog


async def _answer_keys(pilot: Any, question: Any) -> str:
    """Choose an answer with the keyboard; return the key that submits it."""
    kind = kind_of(question).tag
    if kind in ("single", "true_false", "multiple"):
        await press(pilot, "enter")  # picks/ticks the highlighted choice
        return "ctrl+s"
    if kind == "short_answer":
        await press(pilot, "4")
        return "enter"  # Enter in the text box submits
    return "ctrl+s"  # order: the current order is an answer


async def measure(course: Path, data_dir: Path, actions: int) -> tuple[list[float], ...]:
    """(page turns, submits, next question after reading, next question at once) in ms.

    `actions` page turns and submits; the next-question presses alternate between the
    two kinds (after `READING_S`, when the quiz has built the question in the meantime,
    and at once, when it is built on the key press), half each.

    The course must hold the lesson `long-lesson` with several pages and at least
    `actions` quiz questions (see `generate.generate_long_lesson_course`).
    """
    from ketatui.progress.store import ProgressStore
    from ketatui.ui.app import KetatuiApp
    from ketatui.ui.screens.lesson import LessonScreen
    from ketatui.ui.screens.profiles import ProfileChosen
    from ketatui.ui.screens.quiz import QuizScreen

    catalog = _load(course)
    entry = catalog.entry(LESSON_ID)
    pages = len(entry.lesson.pages)
    store = ProgressStore.open(data_dir)
    profile = store.create_profile("Benchmark")
    turns: list[float] = []
    submits: list[float] = []
    nexts: list[float] = []
    nexts_at_once: list[float] = []
    app = KetatuiApp(catalog, store, show_notice=False)
    try:
        async with app.run_test(size=(100, 40)) as pilot:
            await settle(pilot)
            app.post_message(ProfileChosen(profile))
            await settle(pilot)
            app.open_lesson(LESSON_ID)
            await settle(pilot)
            # As `ketatui` does once its first screen is up (commands.app.resume_gc): what
            # start-up made is frozen out of the cyclic GC's later collections.
            gc.freeze()
            screen = app.screen
            if not isinstance(screen, LessonScreen):
                raise RuntimeError(f"expected the lesson screen, got {type(screen).__name__}")

            # Page turns: forward to the last page and back again, repeatedly.
            forward = True
            while len(turns) < actions:
                if forward and screen.page_index >= pages - 1:
                    forward = False
                elif not forward and screen.page_index == 0:
                    forward = True
                before = screen.page_index
                turns.append(await timed_press(pilot, "right" if forward else "left"))
                if screen.page_index == before:
                    raise RuntimeError("a page turn did not change the page")

            screen.action_start_quiz()
            await settle(pilot)
            quiz = app.screen
            if not isinstance(quiz, QuizScreen):
                raise RuntimeError(f"expected the quiz screen, got {type(quiz).__name__}")
            if quiz.total < actions + 1:
                raise RuntimeError(f"the lesson needs more than {actions} questions")
            while len(submits) < actions:
                key = await _answer_keys(pilot, quiz.question)
                submits.append(await timed_press(pilot, key, lambda: quiz.answered))
                if not quiz.answered:
                    raise RuntimeError(
                        f"submitting question {quiz.index + 1} did not take "
                        f"({kind_of(quiz.question).tag}, focus {quiz.focused!r}, "
                        f"answer {quiz.view.answer() if quiz.view else None!r})"
                    )
                index = quiz.index

                def moved_on(index: int = index) -> bool:
                    return quiz.index == index + 1 and quiz.view is not None

                if len(submits) % 2:
                    await asyncio.sleep(READING_S)
                    await settle(pilot)
                    nexts.append(await timed_press(pilot, "n", moved_on))
                else:
                    nexts_at_once.append(await timed_press(pilot, "n", moved_on))
                if quiz.index != index + 1:
                    raise RuntimeError("next question did not move on")
                # The learner reads the new question before answering it. Answering at
                # once would let the work the quiz schedules after a key (building the
                # question after next, removing the last one, each 0.1 s on) land in the
                # next submit's sample, work no learner waits for.
                await asyncio.sleep(READING_S)
                await settle(pilot)
    finally:
        store.close()
        gc.unfreeze()
    return turns, submits, nexts, nexts_at_once


def main() -> None:
    from generate import generate_long_lesson_course

    actions = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    with tempfile.TemporaryDirectory() as tmp:
        course = Path(tmp) / "course"
        generate_long_lesson_course(course, questions=actions + 1)
        results = asyncio.run(measure(course, Path(tmp) / "data", actions))
    names = ("page turn", "submit", "next, after reading", "next, at once")
    for name, values in zip(names, results, strict=True):
        values = sorted(values)
        p95 = values[max(0, round(0.95 * len(values)) - 1)]
        print(f"{name:14} p50 {statistics.median(values):6.1f} ms   p95 {p95:6.1f} ms")


if __name__ == "__main__":
    main()

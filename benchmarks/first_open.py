"""The first lesson and the first quiz a fresh learner app opens, one process per sample.

A learner starts `ketatui`, picks a lesson on the catalog (Enter) and, at its last page,
goes on to the quiz (→). The first time a process shows a screen class, Textual styles
its widgets for the first time too, so these opens cost more than later ones; each sample
is a new process, the real learner app (`KetatuiApp`, its CSS and theme, a progress store)
on the shipped lessons. Each figure is the time from the key press until the new screen
has handled everything the key caused and is painted (see `textual_drive`).

    python benchmarks/first_open.py [REPS]     # prints p50 / p95 for a quick look
    python benchmarks/first_open.py --one FD   # one sample: "lesson_ms quiz_ms" on FD
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from textual_drive import press, settle, timed_press

SHIPPED = Path(__file__).resolve().parents[1] / "lessons"


async def measure_once(data_dir: Path) -> tuple[float, float]:
    """(first lesson open, first quiz open) in ms, in this process's first app."""
    from ketatui.content.catalog import load_catalog
    from ketatui.progress.store import ProgressStore
    from ketatui.ui.app import KetatuiApp
    from ketatui.ui.screens.lesson import LessonScreen
    from ketatui.ui.screens.profiles import ProfileChosen
    from ketatui.ui.screens.quiz import QuizScreen

    catalog = load_catalog(SHIPPED)
    store = ProgressStore.open(data_dir)
    profile = store.create_profile("Benchmark")
    app = KetatuiApp(catalog, store, show_notice=False)
    try:
        async with app.run_test(size=(100, 40)) as pilot:
            await settle(pilot)
            app.post_message(ProfileChosen(profile))
            await settle(pilot)
            lesson_ms = await timed_press(
                pilot, "enter", lambda: isinstance(app.screen, LessonScreen)
            )
            lesson = app.screen
            if not isinstance(lesson, LessonScreen):
                raise RuntimeError("Enter on the catalog did not open the lesson")
            while lesson.page_index < lesson.page_count - 1:
                await press(pilot, "right")
            quiz_ms = await timed_press(pilot, "right", lambda: isinstance(app.screen, QuizScreen))
            if not isinstance(app.screen, QuizScreen):
                raise RuntimeError("-> on the last page did not open the quiz")
    finally:
        store.close()
    return lesson_ms, quiz_ms


def sample(reps: int) -> tuple[list[float], list[float]]:
    """`reps` fresh processes: (first lesson opens, first quiz opens) in ms."""
    lessons: list[float] = []
    quizzes: list[float] = []
    for _ in range(reps):
        read, write = os.pipe()
        child = subprocess.Popen(
            [sys.executable, __file__, "--one", str(write)],
            pass_fds=(write,),
            env={**os.environ, "COLUMNS": "100", "LINES": "40"},
        )
        os.close(write)
        with os.fdopen(read) as result:
            line = result.read()
        if child.wait() != 0 or not line:
            raise RuntimeError("a first-open sample failed")
        lesson_ms, quiz_ms = map(float, line.split())
        lessons.append(lesson_ms)
        quizzes.append(quiz_ms)
    return lessons, quizzes


def main(argv: list[str]) -> None:
    if argv[:1] == ["--one"]:
        with tempfile.TemporaryDirectory() as tmp:
            lesson_ms, quiz_ms = asyncio.run(measure_once(Path(tmp)))
        os.write(int(argv[1]), f"{lesson_ms} {quiz_ms}\n".encode())
        return
    reps = int(argv[0]) if argv else 10
    for name, values in zip(("first lesson open", "first quiz open"), sample(reps), strict=True):
        values = sorted(values)
        p95 = values[max(0, round(0.95 * len(values)) - 1)]
        print(f"{name:18} p50 {statistics.median(values):6.1f} ms   p95 {p95:6.1f} ms")


if __name__ == "__main__":
    main(sys.argv[1:])

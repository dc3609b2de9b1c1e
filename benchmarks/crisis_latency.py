"""Crisis help (F1) while the largest page a lesson may hold is on screen, in-process.

F1 must open within a frame whatever else is showing. The validator caps a page at
`content.limits.MAX_PAGE_CHARS`; this opens a lesson whose pages are that long and times
F1 from the key press to the crisis screen being up and painted, against the same on a
~2 KB page (the page-turn benchmark's). Also times a resize with the big page shown.

    python benchmarks/crisis_latency.py [--quick]   # prints p50 / p95
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from textual_drive import press, settle, timed_press

LESSON_ID = "long-lesson"
#: Characters per page of the big lesson: the cap, less a margin for the generator's
#: rounding (it fills pages to about this many characters).
BIG_PAGE_CHARS = 19_000
SMALL_PAGE_CHARS = 2048


def make_course(root: Path, page_chars: int) -> Path:
    """A one-lesson course with a few pages of about `page_chars` characters."""
    from generate import generate_long_lesson_course

    generate_long_lesson_course(root, pages=3, page_chars=page_chars, questions=2)
    return root


async def measure(course: Path, reps: int) -> tuple[list[float], list[float]]:
    """(F1 to crisis screen painted, resize repainted) in ms, over the lesson's first page."""
    from ketatui.content.catalog import load_catalog
    from ketatui.ui.app import KetatuiApp
    from ketatui.ui.screens.crisis import CrisisScreen
    from ketatui.ui.screens.lesson import LessonScreen

    catalog = load_catalog(course)
    if catalog.errors or catalog.entry(LESSON_ID) is None:
        raise RuntimeError(f"benchmark lesson did not load: {catalog.errors[:3]}")
    crisis: list[float] = []
    resizes: list[float] = []
    app = KetatuiApp(catalog, None, show_notice=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        app.open_lesson(LESSON_ID)
        await settle(pilot)
        if not isinstance(app.screen, LessonScreen):
            raise RuntimeError(f"expected the lesson screen, got {type(app.screen).__name__}")

        def shown() -> bool:
            return isinstance(app.screen, CrisisScreen)

        for i in range(reps):
            crisis.append(await timed_press(pilot, "f1", shown))
            if not shown():
                raise RuntimeError("f1 did not open crisis help")
            await press(pilot, "escape")
            if not isinstance(app.screen, LessonScreen):
                raise RuntimeError("escape did not close crisis help")
            start = time.perf_counter()
            await pilot.resize_terminal(100 - i % 2 * 10, 40)
            await settle(pilot)
            resizes.append((time.perf_counter() - start) * 1000)
    return crisis, resizes


def run(work: Path, reps: int) -> dict[str, tuple[list[float], list[float]]]:
    """{"small" | "big": (F1 samples, resize samples)} for ~2 KB and maximum-size pages."""
    results = {}
    for name, chars in (("small", SMALL_PAGE_CHARS), ("big", BIG_PAGE_CHARS)):
        course = make_course(work / name, chars)
        results[name] = asyncio.run(measure(course, reps))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 repetitions instead of 50")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        results = run(Path(tmp), 10 if args.quick else 50)
    for name, (crisis, resizes) in results.items():
        for what, values in (("F1", crisis), ("resize", resizes)):
            values = sorted(values)
            p95 = values[max(0, round(0.95 * len(values)) - 1)]
            print(
                f"{what:6} over a {name:5} page  p50 {statistics.median(values):6.1f} ms"
                f"   p95 {p95:6.1f} ms"
            )


if __name__ == "__main__":
    main()

"""Page-turn latency of the lesson screen: 200 turns over a lesson of ~2 KB pages.

Each sample is the time from posting the key (right / left) to the screen having handled it,
saved the page durably to the progress store and repainted (see `textual_drive.press`), run
in-process with Pilot in a minimal App that shows `LessonScreen`. Pilot's own `press` /
`pause` are not used for timing: they always idle-wait 20-40 ms.

    python benchmarks/page_turn.py [TURNS] [--no-store]

Target (design.md): p50 under 20 ms, p95 under 50 ms.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate_long_lesson_course
from textual_drive import press, settle

LESSON_ID = "long-lesson"
#: Seconds between page turns (untimed).
READ_PAUSE = 0.08


def _load(course: Path):
    """The course, with the real loader (or a plain YAML read while it is not there)."""
    try:
        from ketatui.content.catalog import load_catalog

        return load_catalog(course)
    except ImportError:
        import hashlib

        import msgspec
        import yaml

        from ketatui.content.catalog import Catalog, CatalogModule, LessonEntry
        from ketatui.content.model import Course, Lesson, Module

        def read(path: Path) -> object:
            return yaml.safe_load(path.read_text(encoding="utf-8"))

        modules = []
        for folder in sorted(p for p in course.iterdir() if p.is_dir()):
            entries = []
            for f in sorted(folder.glob("*.yaml")):
                if f.name != "module.yaml":
                    lesson = msgspec.convert(read(f), Lesson)
                    digest = hashlib.sha256(f.read_bytes()).hexdigest()
                    bodies = tuple(page.body for page in lesson.pages)
                    entries.append(LessonEntry(lesson, f, folder.name, digest, bodies))
            info = msgspec.convert(read(folder / "module.yaml"), Module)
            modules.append(CatalogModule(info, folder, tuple(entries)))
        info = msgspec.convert(read(course / "course.yaml"), Course)
        return Catalog(course, info, tuple(modules))


async def measure(course: Path, data_dir: Path | None, turns: int) -> list[float]:
    """Milliseconds per page turn, `turns` samples (forward to the end, back, and again)."""
    from textual.app import App

    from ketatui.learning.session import LearnerSession
    from ketatui.progress.store import ProgressStore
    from ketatui.ui.screens.lesson import LessonScreen

    catalog = _load(course)
    entry = catalog.entry(LESSON_ID)
    if entry is None:
        raise RuntimeError(f"benchmark lesson did not load: {catalog.errors[:3]}")
    store = ProgressStore.open(data_dir) if data_dir is not None else None
    profile = store.create_profile("Benchmark").id if store is not None else None
    session = LearnerSession(catalog, store, profile_id=profile, profile_name="Benchmark")
    pages = len(entry.lesson.pages)
    samples: list[float] = []

    class Bench(App[None]):
        def on_mount(self) -> None:
            self.push_screen(LessonScreen(entry, session, start_page=0))

    app = Bench()
    try:
        async with app.run_test(size=(100, 40)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, LessonScreen)
            forward = True
            while len(samples) < turns:
                if forward and screen.page_index >= pages - 1:
                    forward = False
                elif not forward and screen.page_index == 0:
                    forward = True
                before = screen.page_index
                start = time.perf_counter()
                await press(pilot, "right" if forward else "left")
                samples.append((time.perf_counter() - start) * 1000)
                if screen.page_index == before:
                    raise RuntimeError("a page turn did not change the page")
                # Reading time: nobody turns a page every few ms. Not timed; lets the
                # screen pre-render the neighbouring pages as it would for a reader.
                await asyncio.sleep(READ_PAUSE)
                await settle(pilot)
    finally:
        if store is not None:
            store.close()
    return samples


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    turns = int(args[0]) if args else 200
    use_store = "--no-store" not in sys.argv
    with tempfile.TemporaryDirectory() as tmp:
        course = Path(tmp) / "course"
        generate_long_lesson_course(course, pages=40, page_chars=2048)
        data_dir = Path(tmp) / "data" if use_store else None
        if data_dir is not None:
            data_dir.mkdir()
        samples = sorted(asyncio.run(measure(course, data_dir, turns)))
    p95 = samples[max(0, round(0.95 * len(samples)) - 1)]
    saving = "with durable saves" if use_store else "memory only"
    print(
        f"page turn ({turns} turns, ~2 KB pages, {saving}): "
        f"p50 {statistics.median(samples):.1f} ms   p95 {p95:.1f} ms   max {samples[-1]:.1f} ms"
    )


if __name__ == "__main__":
    main()

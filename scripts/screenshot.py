"""Save the README screenshot: the catalog at 100x30 as docs/images/catalog.svg.

Uses the shipped course (or `--lessons PATH`) and a throwaway progress store in which the
learner passed the first lesson and is reading the second, so the picture shows statuses
and is the same on every machine. Run from the repository root:

    .venv/bin/python scripts/screenshot.py [--lessons PATH] [--output FILE.svg]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUTPUT = ROOT / "docs" / "images" / "catalog.svg"
SIZE = (100, 30)


async def save_catalog(lessons: Path, output: Path) -> Path:
    """Run the app headless, go to the catalog and save an SVG screenshot to `output`."""
    from ketatui.content.catalog import load_catalog
    from ketatui.progress.store import ProgressStore
    from ketatui.ui.app import KetatuiApp

    catalog = load_catalog(lessons)
    entries = catalog.lessons()
    with tempfile.TemporaryDirectory() as data_dir:
        store = ProgressStore.open(Path(data_dir))
        try:
            profile = store.create_profile("Alex")
            if entries:  # passed the first lesson, every answer right
                first = entries[0]
                attempt = store.start_attempt(profile.id, first.lesson.id, ["q"])
                store.finish_attempt(attempt.id, 1.0, True, first.content_hash)
            if len(entries) > 1:  # reading the second
                store.save_page(profile.id, entries[1].lesson.id, 0)

            app = KetatuiApp(catalog, store)
            async with app.run_test(size=SIZE) as pilot:
                await pilot.press("enter", "enter")  # notice, then the profile
                await pilot.pause()
                output.parent.mkdir(parents=True, exist_ok=True)
                app.save_screenshot(filename=output.name, path=str(output.parent))
        finally:
            store.close()
    return output


def main(argv: list[str] | None = None) -> int:
    """Parse the options, save the screenshot and print its path."""
    from ketatui import paths

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", metavar="PATH", help="course folder (default: shipped)")
    parser.add_argument("--output", metavar="FILE", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    print(asyncio.run(save_catalog(paths.lessons_dir(args.lessons), args.output)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

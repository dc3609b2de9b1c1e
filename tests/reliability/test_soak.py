"""Soak: a seeded monkey presses random keys and clicks random spots for a long while.

Learner app (real store in tmp) and kiosk mode, on the fixture course. Pilot re-raises any
unhandled exception, so the test fails on the first one; the kiosk, which swallows and
logs errors to start over, must have logged none. The kiosk must still be running at the
end (only the staff PIN closes it), and memory must not keep growing.

Reproduce a failure with the seed it prints: `KETATUI_SOAK_SEED=<seed> pytest ... -s`.
"""

from __future__ import annotations

import contextlib
import gc
import os
import random
import sqlite3
from collections import Counter, deque
from pathlib import Path

import pytest
from textual.errors import NoWidget

from ketatui.content.catalog import Catalog
from ketatui.kioskcore.config import KioskConfig
from ketatui.kioskcore.errorlog import ErrorLog
from ketatui.kioskcore.pin import hash_pin
from ketatui.paths import PROGRESS_DB_FILENAME
from ketatui.progress.store import ProgressStore
from ketatui.ui.app import KetatuiApp

from .conftest import STRESS, scaled

SIZE = (90, 30)
#: Random actions per app: 600 each in CI (~25 s each on a busy 2-core box), 5,000 under stress.
ACTIONS = int(os.environ.get("KETATUI_SOAK_ACTIONS") or scaled(600, 5000))
#: RSS growth allowed from after warm-up to the end (generous: catches a leak per action).
MAX_GROWTH_MB = 150
WARM_UP = 100

#: Navigation keys weigh most: a monkey typing letters into a help screen learns little.
NAV_KEYS = ["tab", "shift+tab", "enter", "escape", "up", "down", "left", "right", "space"] * 6
COMMON_KEYS = [
    *NAV_KEYS,
    "pageup",
    "pagedown",
    "home",
    "end",
    "backspace",
    "delete",
    "f1",
    "f2",
    "question_mark",
    "ctrl+t",
    "ctrl+c",
    "ctrl+p",
    *"abcdefghijklmnopqrstuvwxyz0123456789",
    "c",
    "s",
    "n",
    "r",
    "d",
    "u",
    "h",
]
#: Keys that would quit, suspend or open the palette in a plain Textual app.
KIOSK_LOCKED = ["ctrl+q", "ctrl+c", "ctrl+z", "ctrl+backslash", "ctrl+p", "ctrl+d"]
#: A PIN the monkey will not type by chance (it types one key at a time, mostly not digits).
KIOSK_PIN = "9753186420"


#: CI replays the same monkey every run; stress mode draws a new seed each time.
CI_SEED = 20261121


def seed_for(name: str) -> int:
    seed = int(os.environ.get("KETATUI_SOAK_SEED") or 0) or (
        random.SystemRandom().randrange(1, 2**32) if STRESS else CI_SEED
    )
    print(f"\n{name}: seed {seed} (rerun with KETATUI_SOAK_SEED={seed})")
    return seed


def rss_mb() -> float:
    """Current (not peak) resident memory of this process."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except OSError:  # not Linux: fall back to the peak, which can only over-report growth
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


@pytest.fixture(autouse=True)
def quick_pauses(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pilot waits for "idle" in 20 ms sleeps, several per click: poll every 2 ms instead.

    Pilot still waits until every message is processed; only the polling gets finer, which
    makes 2,000 actions fit in CI.
    """
    import textual._wait

    monkeypatch.setattr(textual._wait, "SLEEP_GRANULARITY", 0.002)
    monkeypatch.setattr(textual._wait, "SLEEP_IDLE", 0.0005)


async def monkey(
    pilot,
    rng: random.Random,
    actions: int,
    keys: list[str],
    extra=None,
    clicks: float = 0.25,
) -> tuple[float, Counter[str]]:
    """Run `actions` random actions: (RSS growth in MB after the warm-up, screens seen).

    The last actions are printed if anything goes wrong, to make a failure easy to replay.
    """
    width, height = SIZE
    baseline = 0.0
    seen: Counter[str] = Counter()
    recent: deque[str] = deque(maxlen=25)
    try:
        for i in range(actions):
            if i == WARM_UP:
                gc.collect()
                baseline = rss_mb()
            screen = type(pilot.app.screen).__name__
            seen[screen] += 1
            roll = rng.random()
            if roll < 0.95 - clicks:
                key = rng.choice(keys)
                recent.append(f"{i}: {screen}: press {key}")
                await pilot.press(key)
            elif roll < 0.95:
                x, y = rng.randrange(width), rng.randrange(height)
                recent.append(f"{i}: {screen}: click {x},{y}")
                # NoWidget is Pilot's complaint (nothing under that cell), not the app's.
                with contextlib.suppress(NoWidget):
                    await pilot.click(offset=(x, y))
            elif extra is not None:
                recent.append(f"{i}: {screen}: time passes")
                await extra(rng)
            if not pilot.app.is_running:
                break  # it crashed: stop here, so the actions printed below led to it
            if i % 50 == 0:
                await pilot.pause()
        await pilot.pause()
    except BaseException:
        print("last actions before the failure:\n  " + "\n  ".join(recent))
        raise
    if not pilot.app.is_running:
        print("last actions before the app stopped:\n  " + "\n  ".join(recent))
    gc.collect()
    return rss_mb() - baseline, seen


async def test_learner_app_survives_a_random_monkey(ui_catalog: Catalog, tmp_path: Path) -> None:
    seed = seed_for("learner soak")
    rng = random.Random(seed)
    data = tmp_path / "data"
    with ProgressStore.open(data) as s:
        s.create_profile("Monkey")
    store = ProgressStore.open(data)
    quits = []
    try:
        app = KetatuiApp(ui_catalog, store)
        # The footer's "Quit" is clickable and ctrl+q is a real quit: count them instead,
        # so the monkey keeps going.
        app.action_quit = lambda: quits.append(1)  # type: ignore[method-assign]
        async with app.run_test(size=SIZE) as pilot:
            growth, seen = await monkey(pilot, rng, ACTIONS, COMMON_KEYS)
            assert app.is_running
        print(f"learner soak: {ACTIONS} actions, RSS growth {growth:+.1f} MB, {len(quits)} quits")
        print(f"  screens: {dict(seen.most_common())}")
    finally:
        store.close()
    assert growth < MAX_GROWTH_MB, f"memory grew {growth:.0f} MB in {ACTIONS} actions (seed {seed})"
    conn = sqlite3.connect(data / PROGRESS_DB_FILENAME)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_kiosk_survives_a_random_monkey_and_never_exits(
    ui_catalog: Catalog, tmp_path: Path
) -> None:
    from ketatui.ui.kiosk import KioskApp

    seed = seed_for("kiosk soak")
    rng = random.Random(seed)
    clock = Clock()
    config = KioskConfig(
        pin=hash_pin(KIOSK_PIN, n=16, r=1, p=1),
        site_name="Soak Clinic",
        idle_seconds=90,
        countdown_seconds=20,
    )
    log = tmp_path / "kiosk.log"
    app = KioskApp(ui_catalog, config, clock=clock, error_log=ErrorLog(log), tick_seconds=10_000)
    resets = []

    async def time_passes(rng: random.Random) -> None:
        # Idle countdowns and resets happen in the middle of whatever the monkey was doing.
        clock.now += rng.choice([1, 30, 75, 95, 120, 400])
        await app.idle_tick()
        resets.append(app.visit)

    keys = COMMON_KEYS + KIOSK_LOCKED * 2 + ["ctrl+e"]
    async with app.run_test(size=SIZE) as pilot:
        # The kiosk is used by touch: more taps than keys.
        growth, seen = await monkey(pilot, rng, ACTIONS, keys, extra=time_passes, clicks=0.5)
        assert app.is_running and not app._exit, "the kiosk exited without the staff PIN"
        assert app.return_code is None
        errors = log.read_text() if log.exists() else ""
        assert app.errors_recovered == 0, f"seed {seed}: errors were caught:\n{errors}"
        visits = app.visit
    print(f"kiosk soak: {ACTIONS} actions, RSS growth {growth:+.1f} MB, {visits} visits")
    print(f"  screens: {dict(seen.most_common())}")
    assert growth < MAX_GROWTH_MB, f"memory grew {growth:.0f} MB in {ACTIONS} actions (seed {seed})"


@pytest.mark.stress
async def test_kiosk_long_soak_memory_stays_flat(ui_catalog: Catalog, tmp_path: Path) -> None:
    """Stress only: many visits in a row; memory at the end is close to memory early on."""
    await test_kiosk_survives_a_random_monkey_and_never_exits(ui_catalog, tmp_path)


# ---------------------------------------------------------------------------- found by the soak


@pytest.mark.parametrize("keys", [("f1", "question_mark", "f1"), ("question_mark", "f1", "f2")])
async def test_help_and_crisis_can_stack_twice(ui_catalog: Catalog, keys: tuple[str, ...]) -> None:
    """Help over crisis over help (or the reverse) once crashed with DuplicateIds."""
    app = KetatuiApp(ui_catalog, None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        assert len(app.screen_stack) >= 4
        for _ in keys:
            await pilot.press("escape")
            await pilot.pause()
        assert type(app.screen).__name__ == "CatalogScreen"


async def test_kiosk_crisis_under_the_pin_screen_can_open_again(ui_catalog, tmp_path) -> None:
    from ketatui.ui.kiosk import KioskApp

    config = KioskConfig(pin=hash_pin(KIOSK_PIN, n=16, r=1, p=1))
    app = KioskApp(ui_catalog, config, clock=Clock(), error_log=ErrorLog(tmp_path / "log"))
    async with app.run_test(size=SIZE) as pilot:
        for key in ("f1", "ctrl+e", "f1"):
            await pilot.press(key)
            await pilot.pause()
        assert type(app.screen).__name__ == "CrisisScreen"
        assert app.errors_recovered == 0


async def test_f1_right_after_leaving_the_quiz_keeps_crisis_help_open(ui_catalog) -> None:
    """Escape in the quiz and F1 before the lesson screen reacted: the lesson screen used
    to close the crisis screen instead of itself, then crash on the next Escape."""
    from ketatui.ui.screens.catalog import CatalogScreen
    from ketatui.ui.screens.crisis import CrisisScreen

    app = KetatuiApp(ui_catalog, None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        app.open_lesson("first-lesson")
        await pilot.pause()
        app.screen.action_start_quiz()
        await pilot.pause()
        app.screen.action_leave()  # Escape in the quiz...
        app.action_crisis()  # ...and F1 in the same instant
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)  # help in a crisis is never lost
        for _ in range(3):
            if isinstance(app.screen, CatalogScreen):
                break
            await pilot.press("escape")
            await pilot.pause()
        assert isinstance(app.screen, CatalogScreen)
        assert app.is_running

"""`ketatui serve` measured from a real Chromium (Debian's system binary).

    .venv/bin/python benchmarks/serve.py            # full: 20 concurrent sessions (~2 min)
    .venv/bin/python benchmarks/serve.py --quick    # 4 sessions, few samples (~30 s)

Figures (see benchmarks/README.md, "serve"):
- first frame: from the page's navigation start until the app's first screen arrives
  (`window.ketatuiSession.firstFrameAt`), the kiosk against a bare Textual app served by
  the same server and page; a fresh browser context (cold cache) per sample, interleaved.
- memory per session: PSS (and RSS) of every process the server started for N open
  sessions, divided by N; the kiosk against the bare app.
- page turns under load: N sessions open at once, each in a lesson turning pages (right,
  left...) with a 100-300 ms pause; latency from the key leaving the page (websocket send)
  to the last frame of the redraw, measured in the page; against one session alone.

Needs the serve extra and Chromium (KETATUI_CHROMIUM or `chromium` on PATH). Writes
benchmarks/results/serve[-quick].json and, for a full run, benchmarks/serve-latest.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PROBE = Path(__file__).with_name("serve_probe.py")
PIN = "246810"
VIEWPORT = {"width": 1000, "height": 640}

#: In the page: after the last key sent, wait for the redraw to finish (no frame for
#: `quiet` ms); returns [ms to the first frame, ms to the last frame], or null when no
#: frame came within 5 s (the key changed nothing).
LATENCY_JS = """async (quiet) => {
  const s = window.ketatuiSession;
  const sent = s.sendTimes[s.sendTimes.length - 1];
  for (;;) {
    await new Promise((r) => setTimeout(r, 10));
    const f = s.frameTimes, last = f[f.length - 1];
    if (last > sent && performance.now() - last > quiet) {
      return [f.find((t) => t > sent) - sent, last - sent];
    }
    if (performance.now() - sent > 5000) return null;
  }
}"""


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank) of values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def summary(values: list[float]) -> dict[str, float]:
    """Median, p95, min and max of a list of samples."""
    return {
        "median": statistics.median(values),
        "p95": percentile(values, 95),
        "min": min(values),
        "max": max(values),
    }


class ServedApp:
    """ketatui's web server (benchmarks/serve_probe.py) serving one command."""

    def __init__(self, command: list[str], max_sessions: int) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        argv = [sys.executable, str(PROBE), "server", str(self.port), str(max_sessions)]
        self.process = subprocess.Popen(
            argv + command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "healthz", timeout=2).close()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"the server for {command} did not start")

    def stop(self) -> None:
        """Ctrl+C the server and wait for it."""
        if self.process.poll() is None:
            self.process.send_signal(2)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def children_memory(self) -> tuple[float, float]:
        """(PSS, RSS) in MiB of every process below the server (the sessions' apps)."""
        pss = rss = 0.0
        for pid in _descendants(self.process.pid):
            try:
                rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            except OSError:
                continue
            for line in rollup.splitlines():
                if line.startswith("Pss:"):
                    pss += int(line.split()[1]) / 1024
                elif line.startswith("Rss:"):
                    rss += int(line.split()[1]) / 1024
        return pss, rss


def _descendants(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = [], [root]
    while frontier:
        parent = frontier.pop()
        kids = [pid for pid, ppid in parents.items() if ppid == parent]
        found += kids
        frontier += kids
    return found


async def open_page(browser: Any, url: str) -> tuple[Any, Any]:
    """A fresh context and page with the app drawn; returns (context, page)."""
    context = await browser.new_context(viewport=VIEWPORT)
    page = await context.new_page()
    await page.goto(url)
    await page.wait_for_function(
        "() => window.ketatuiSession && window.ketatuiSession.focusedAt !== null",
        timeout=60_000,
    )
    return context, page


async def first_frames(browser: Any, apps: dict[str, ServedApp], n: int) -> dict[str, list]:
    """Navigation start to first frame (ms), each kind in turn, a cold context each."""
    samples: dict[str, list[float]] = {kind: [] for kind in apps}
    for _ in range(n):
        for kind, app in apps.items():
            context, page = await open_page(browser, app.url)
            samples[kind].append(await page.evaluate("() => window.ketatuiSession.firstFrameAt"))
            await context.close()
            await asyncio.sleep(0.3)  # let the session's app end before the next sample
    return samples


async def memory_per_session(browser: Any, app: ServedApp, n: int) -> dict[str, float]:
    """PSS and RSS (MiB) of the processes the server started, per open session."""
    opened = [await open_page(browser, app.url) for _ in range(n)]
    await asyncio.sleep(1.0)
    pss, rss = app.children_memory()
    for context, _ in opened:
        await context.close()
    await asyncio.sleep(1.0)
    return {"pss_mib": pss / n, "rss_mib": rss / n}


async def enter_lesson(page: Any) -> None:
    """Start, the first topic, its first lesson: each key after the screen has drawn.

    On a loaded machine the first Enter can arrive before the first screen has mounted
    and is lost; then a right arrow (a page turn) draws nothing and one more Enter is due.
    """
    for key in ("Enter", "Enter", "Enter"):
        await page.keyboard.press(key)
        await page.evaluate(LATENCY_JS, 400)
    for _ in range(3):
        await page.keyboard.press("ArrowRight")
        if await page.evaluate(LATENCY_JS, 400) is not None:
            return
        await page.keyboard.press("Enter")
        await page.evaluate(LATENCY_JS, 400)


async def turn_pages(page: Any, turns: int, rng: random.Random) -> list[list[float] | None]:
    """`turns` page turns (right, left...): [first, last] frame ms of each."""
    latencies = []
    for i in range(turns):
        await asyncio.sleep(rng.uniform(0.1, 0.3))
        await page.keyboard.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
        latencies.append(await page.evaluate(LATENCY_JS, 60))
    return latencies


async def page_turns(browser: Any, app: ServedApp, sessions: int, turns: int) -> dict[str, Any]:
    """Page-turn latencies of `sessions` sessions turning pages at the same time."""
    opened = await asyncio.gather(*(open_page(browser, app.url) for _ in range(sessions)))
    # Everyone is in a lesson before anyone turns a page: the figure is about page turns
    # under load, not about other sessions' apps starting up meanwhile.
    await asyncio.gather(*(enter_lesson(p) for _, p in opened))
    rng = random.Random(sessions)
    results = await asyncio.gather(*(turn_pages(p, turns, rng) for _, p in opened))
    for context, _ in opened:
        await context.close()
    await asyncio.sleep(1.0)
    done = [value for result in results for value in result if value is not None]
    lost = sum(value is None for result in results for value in result)
    return {
        "first_frame": summary([first for first, _ in done]),
        "redrawn": summary([last for _, last in done]) | {"n": len(done), "no_frame": lost},
    }


def kiosk_command(tmp: Path) -> list[str]:
    """The kiosk on the shipped lessons, with a staff PIN set (as `ketatui serve --kiosk`)."""
    config = tmp / "kiosk.toml"
    config.write_text("idle_seconds = 600\n")
    base = [sys.executable, "-m", "ketatui.cli", "kiosk", "--config", str(config)]
    subprocess.run([*base, "--set-pin-from-stdin"], input=PIN + "\n", text=True, check=True)
    return [*base, "--lessons", str(ROOT / "lessons"), "--data-dir", str(tmp / "data")]


async def measure(quick: bool, tmp: Path) -> dict[str, Any]:
    """Every figure, as a dict for the JSON file."""
    from playwright.async_api import async_playwright

    chromium = (
        os.environ.get("KETATUI_CHROMIUM")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )
    n_first, n_memory, sessions, turns = (3, 3, 4, 10) if quick else (10, 10, 20, 30)
    apps = {
        "bare": ServedApp([sys.executable, str(PROBE), "bare"], sessions + 5),
        "kiosk": ServedApp(kiosk_command(tmp), sessions + 5),
    }
    try:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=chromium)
            first = await first_frames(browser, apps, n_first)
            memory = {k: await memory_per_session(browser, a, n_memory) for k, a in apps.items()}
            alone = await page_turns(browser, apps["kiosk"], 1, turns * 2)
            loaded = await page_turns(browser, apps["kiosk"], sessions, turns)
            await browser.close()
    finally:
        for app in apps.values():
            app.stop()
    return {
        "mode": "quick" if quick else "full",
        "first_frame_ms": {k: summary(v) | {"samples": v} for k, v in first.items()},
        "first_frame_ratio": statistics.median(first["kiosk"]) / statistics.median(first["bare"]),
        "memory_per_session": memory,
        "memory_ratio": memory["kiosk"]["pss_mib"] / memory["bare"]["pss_mib"],
        "page_turn_ms": {"1 session": alone, f"{sessions} sessions at once": loaded},
        "sessions": sessions,
        "cpus": os.cpu_count(),
    }


def markdown(result: dict[str, Any]) -> str:
    """The figures as a small markdown table."""
    first, memory, turns = (
        result["first_frame_ms"],
        result["memory_per_session"],
        result["page_turn_ms"],
    )
    lines = [
        f"# `ketatui serve` figures ({result['mode']} run, {result['cpus']} CPUs)",
        "",
        "| figure | kiosk | bare Textual app | ratio |",
        "| --- | --- | --- | --- |",
        f"| page load to first frame, median (p95) | {first['kiosk']['median']:.0f} ms "
        f"({first['kiosk']['p95']:.0f}) | {first['bare']['median']:.0f} ms "
        f"({first['bare']['p95']:.0f}) | {result['first_frame_ratio']:.2f}x |",
        f"| server-side memory per session, PSS (RSS) | {memory['kiosk']['pss_mib']:.0f} MiB "
        f"({memory['kiosk']['rss_mib']:.0f}) | {memory['bare']['pss_mib']:.0f} MiB "
        f"({memory['bare']['rss_mib']:.0f}) | {result['memory_ratio']:.2f}x |",
        "",
        "| page turns, measured in the browser | turns | first frame p50 / p95 "
        "| redrawn p50 / p95 / max |",
        "| --- | --- | --- | --- |",
    ]
    for name, row in turns.items():
        first, done = row["first_frame"], row["redrawn"]
        lost = f" ({done['no_frame']} without a frame)" if done["no_frame"] else ""
        lines.append(
            f"| {name} | {done['n']}{lost} | {first['median']:.0f} / {first['p95']:.0f} ms "
            f"| {done['median']:.0f} / {done['p95']:.0f} / {done['max']:.0f} ms |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Measure, print the table, write the JSON (and the markdown for a full run)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="4 sessions, few samples")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ketatui-serve-bench-") as tmp:
        result = asyncio.run(measure(args.quick, Path(tmp)))
    table = markdown(result)
    print(table)
    results = ROOT / "benchmarks" / "results"
    results.mkdir(exist_ok=True)
    name = "serve-quick.json" if args.quick else "serve.json"
    (results / name).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    if not args.quick:
        (ROOT / "benchmarks" / "serve-latest.md").write_text(table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

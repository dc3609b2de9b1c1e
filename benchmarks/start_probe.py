"""Start one app headless, report when its first interactive screen is ready, and exit.

Run by `benchmarks/run.py` in a fresh process per sample; the parent times from spawning
this process until the READY line arrives on the pipe `FD`, so interpreter start and every
import count, exactly as when a user types `ketatui`.

    python benchmarks/start_probe.py FD TARGET bare
    python benchmarks/start_probe.py FD TARGET app [ketatui arguments...]

`bare` is the baseline: a Textual app that shows one Static (`bare_app.py`). `app` runs
`ketatui.cli.main` with the given arguments (the same imports and code path as the
`ketatui` command); the only change is that `App.run` is made headless and given an
auto-pilot that watches for the target screen.

The probe imports nothing of Textual (nor asyncio) itself before the program runs: it
patches `App.run` at the moment the program first imports `textual.app`. So each program
imports Textual when and as it would on its own; ketatui does that with the cyclic GC
switched off (`commands/app.run`), which a probe importing Textual first would undo.

TARGET is `default` (the app's own default screen) or the class name of the screen to
wait for (e.g. `NoticeScreen`, `CatalogScreen`), optionally followed by `+Screen=key` parts
that press a key whenever that screen is ready on the way (e.g.
`CatalogScreen+NoticeScreen=enter+ProfilesScreen=enter`: a learner who continues at once).
The screen counts as ready when it is the current screen and it and all its widgets have
processed every pending message (compose, mount, first layout) and it has been painted:
the next key press would be handled at once.

The READY line is `READY <VmHWM kB> <screen class>`; on a time-out `TIMEOUT <screen>`.
"""

from __future__ import annotations

# Nothing the program would import itself: asyncio, typing or importlib.abc imported here
# would be imported with the GC on, not as the program has it.
import os
import sys
import time

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from importlib.machinery import ModuleSpec
    from types import ModuleType

    from textual.app import App
    from textual.pilot import Pilot

TIMEOUT_S = 60.0


def _peak_rss_kb() -> int:
    """Peak resident memory of this process so far (VmHWM), in kB."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)  # kB on Linux


def _install_probe(fd: int, spec: str) -> None:
    """Make every `App.run` headless and report the target screen on `fd`."""
    target, *via = spec.split("+")
    keys = dict(part.split("=", 1) for part in via)

    def matches(app: App[object], screen: object) -> bool:
        if target == "default":
            return screen is app.screen_stack[0]
        return type(screen).__name__ == target

    async def autopilot(pilot: Pilot[object]) -> None:
        import asyncio

        from textual_drive import press, settle

        app = pilot.app
        deadline = time.monotonic() + TIMEOUT_S
        while time.monotonic() < deadline:
            # Settle before looking: a screen pushed from on_mount is on the stack before
            # its widgets are composed, mounted and painted.
            await settle(pilot)
            screen = app.screen
            if matches(app, screen):
                await settle(pilot)
                if app.screen is screen:
                    os.write(fd, f"READY {_peak_rss_kb()} {type(screen).__name__}\n".encode())
                    app.exit()
                    return
            key = keys.get(type(screen).__name__)
            if key is not None:
                await press(pilot, key)
                continue
            await asyncio.sleep(0.001)
        os.write(fd, f"TIMEOUT {type(app.screen).__name__}\n".encode())
        app.exit(return_code=3)

    def make_headless(app_class: type[App[object]]) -> None:
        original_run = app_class.run

        def run(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            kwargs["headless"] = True
            kwargs["auto_pilot"] = autopilot
            return original_run(self, *args, **kwargs)

        app_class.run = run  # type: ignore[method-assign]

    _PatchOnImport("textual.app", lambda module: make_headless(module.App)).install()


class _PatchOnImport:
    """An import finder that runs `patch(module)` once, just after `name` is imported.

    It finds the module with the other finders and only wraps the loader, so the module
    is imported by whoever imports it, when they do. If it is imported already, the patch
    runs at once.
    """

    def __init__(self, name: str, patch: Callable[[ModuleType], None]) -> None:
        self.name = name
        self.patch = patch
        self.done = False

    def install(self) -> None:
        """Patch now if the module is loaded, else when it is first imported."""
        module = sys.modules.get(self.name)
        if module is not None:
            self._patched(module)
        else:
            sys.meta_path.insert(0, self)

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> ModuleSpec | None:
        if fullname != self.name or self.done:
            return None
        # Not removed from sys.meta_path here: the import system is iterating over it.
        self.done = True
        for finder in sys.meta_path:
            find_spec = getattr(finder, "find_spec", None)
            if finder is self or find_spec is None:
                continue
            spec = find_spec(fullname, path, target)
            if spec is not None:
                break
        else:
            raise ImportError(f"start probe: cannot find {fullname}", name=fullname)
        loader = spec.loader
        if loader is None or not hasattr(loader, "exec_module"):
            raise ImportError(f"start probe: cannot patch {fullname} as it loads", name=fullname)
        exec_module = loader.exec_module

        def exec_and_patch(module: ModuleType) -> None:
            exec_module(module)
            self._patched(module)

        loader.exec_module = exec_and_patch  # type: ignore[method-assign]
        return spec

    def _patched(self, module: ModuleType) -> None:
        self.done = True
        self.patch(module)
        if self in sys.meta_path:
            sys.meta_path.remove(self)


def main(argv: list[str]) -> int:
    fd, target, kind, *rest = argv
    _install_probe(int(fd), target)
    if kind == "bare":
        from bare_app import main as bare_main

        return bare_main()
    if kind == "app":
        from ketatui.cli import main as ketatui_main

        return ketatui_main(rest)
    raise SystemExit(f"unknown kind {kind!r}: expected bare or app")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

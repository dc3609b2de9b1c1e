"""Helpers shared by the kiosk tests."""

from __future__ import annotations

from ketatui.kioskcore.pin import PinHash, hash_pin

#: The staff PIN every kiosk test uses.
PIN = "246810"


class FakeClock:
    """A monotonic clock that only moves when a test says so."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def cheap_pin(pin: str = PIN) -> PinHash:
    """A real scrypt hash with tiny cost parameters, so tests stay fast."""
    return hash_pin(pin, n=16, r=1, p=1)


async def pin_checks_done(pilot) -> None:
    """Wait until every PIN entered so far has been checked (checks run in a thread, one
    after another) and its answer is on screen."""
    app = pilot.app
    for _ in range(100):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if all(w.is_finished for w in app.workers if w.group == "pin-check"):
            return
    raise AssertionError("PIN checks never finished")

"""Full garbage collections while the learner reads, not while a key press waits.

CPython 3.11-3.13 runs a full (generation 2) collection after every ten generation-1
collections. With a lesson's widgets in memory one takes 20-75 ms on the benchmark machine
(8 of them in a 100-question quiz, the longest 76 ms), and it runs inside whichever key
press allocates the object that tips the count: that Submit, Next or F1 (crisis help)
then takes several frames instead of one.

`QuietCollector` stops those automatic full collections and runs each one when it would
have been due once the keyboard and mouse have been still for a moment, which in a lesson
is most of the time: a learner reads between key presses. If input never pauses long
enough, an overdue collection runs anyway, so memory held by garbage cycles stays bounded
as before. Young collections (generations 0 and 1, a millisecond or so) are left as they
are.

Python 3.14's collector is incremental (no long full pauses), so there it changes
nothing.
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable

#: Seconds without input before a due full collection runs.
IDLE_SECONDS = 0.5
#: Generation-1 collections since the last full one that make a full one due (CPython's
#: own default third threshold).
DUE = 10
#: ... and that make it run even while input goes on (so cyclic garbage is still freed).
OVERDUE = 100
#: A third threshold automatic collection never reaches.
_NEVER = 2**31 - 1

#: Python's thresholds before the first running collector held full collections back,
#: and how many collectors are running (tests and the preview run several apps in one
#: process; the thresholds come back when the last one stops, whatever the order).
_python_thresholds: tuple[int, int, int] | None = None
_collectors_running = 0


def full_pauses_possible() -> bool:
    """Whether this Python's collector makes long full-collection pauses (before 3.14)."""
    return sys.version_info < (3, 14)


class QuietCollector:
    """Moves full garbage collections to moments without input (see the module docs).

    `start()` when the app starts taking input, `touch()` on every key and mouse event,
    `tick()` a few times a second, and `stop()` when the app ends (thresholds restored).
    """

    def __init__(
        self,
        *,
        idle_seconds: float = IDLE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        overdue: int = OVERDUE,
    ) -> None:
        self.idle_seconds = idle_seconds
        self.clock = clock
        self.overdue = overdue
        self._last_input = clock()
        self._running = False

    @property
    def active(self) -> bool:
        """Whether automatic full collections are held back now."""
        return self._running

    def start(self) -> None:
        """Hold back automatic full collections (a no-op where they cannot pause long)."""
        global _python_thresholds, _collectors_running
        if self._running or not full_pauses_possible():
            return
        if _collectors_running == 0:
            _python_thresholds = gc.get_threshold()
            young, middle, _ = _python_thresholds
            gc.set_threshold(young, middle, _NEVER)
        _collectors_running += 1
        self._running = True

    def stop(self) -> None:
        """Give automatic full collections back to Python (once no collector runs)."""
        global _collectors_running
        if not self._running:
            return
        self._running = False
        _collectors_running -= 1
        if _collectors_running == 0 and _python_thresholds is not None:
            gc.set_threshold(*_python_thresholds)

    def touch(self) -> None:
        """Input arrived: a full collection now would keep it waiting."""
        self._last_input = self.clock()

    def tick(self) -> bool:
        """Run the full collection Python would have run, if it is due and input is quiet
        (or it is long overdue). True when it ran."""
        if not self._running:
            return False
        owed = gc.get_count()[2]
        if owed < DUE:
            return False
        if owed < self.overdue and self.clock() - self._last_input < self.idle_seconds:
            return False
        gc.collect()
        return True

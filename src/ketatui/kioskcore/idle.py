"""The idle clock: when to ask "Still there?" and when to start over.

A pure state machine over an injectable clock, so tests advance time instead of sleeping.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable


class IdlePhase(enum.Enum):
    """Where the current visit is, judged by the time since the last input."""

    ACTIVE = "active"  # someone used the screen recently
    COUNTDOWN = "countdown"  # idle too long: "Still there?" counts down
    EXPIRED = "expired"  # the countdown ran out: start over


class IdleMonitor:
    """Tracks the last input and says which phase the visit is in."""

    def __init__(
        self, idle_seconds: float, countdown_seconds: float, clock: Callable[[], float]
    ) -> None:
        if idle_seconds <= 0 or countdown_seconds <= 0:
            raise ValueError("idle_seconds and countdown_seconds must be positive")
        self.idle_seconds = idle_seconds
        self.countdown_seconds = countdown_seconds
        self.clock = clock
        self._last_input = clock()

    def touch(self) -> None:
        """Input seen (a key, a click, the mouse moved): the visit goes on."""
        self._last_input = self.clock()

    def idle_for(self) -> float:
        """Seconds since the last input."""
        return max(0.0, self.clock() - self._last_input)

    def phase(self, idle_seconds: float | None = None) -> IdlePhase:
        """The phase now (`idle_seconds`: a longer wait than usual, e.g. on crisis help)."""
        limit = self.idle_seconds if idle_seconds is None else idle_seconds
        idle = self.idle_for()
        if idle < limit:
            return IdlePhase.ACTIVE
        if idle < limit + self.countdown_seconds:
            return IdlePhase.COUNTDOWN
        return IdlePhase.EXPIRED

    def countdown_remaining(self, idle_seconds: float | None = None) -> int:
        """Whole seconds left on the "Still there?" countdown (rounded up; 0 once expired)."""
        limit = self.idle_seconds if idle_seconds is None else idle_seconds
        left = limit + self.countdown_seconds - self.idle_for()
        return max(0, math.ceil(left))

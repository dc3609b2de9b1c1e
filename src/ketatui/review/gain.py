"""Knowledge gain: a module's pre-check before its lessons and the same questions after.

For each module, the mean pre score and mean post score (percent, over every check taken)
and the normalised gain g = (post - pre) / (100 - pre) of those means (Hake's gain: the
share of what was left to learn that was learned). g is None when the pre mean is already
100 (nothing left to gain) or either side has no checks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ketatui.progress.model import GainCheck, GainPhase


@dataclass(frozen=True, slots=True)
class Tally:
    """Checks of one module and phase: how many, and the sum of their percent scores
    (what the kiosk keeps per day; the store's checks are tallied the same way)."""

    module_id: str
    phase: GainPhase
    count: int
    percent_sum: float


def percent(correct: int, total: int) -> float:
    """A check's score out of 100."""
    return 100.0 * correct / total if total else 0.0


def tally(checks: Iterable[GainCheck]) -> list[Tally]:
    """Sum checks per module and phase."""
    sums: dict[tuple[str, GainPhase], tuple[int, float]] = {}
    for check in checks:
        if check.total > 0:
            count, total = sums.get((check.module_id, check.phase), (0, 0.0))
            sums[(check.module_id, check.phase)] = (
                count + 1,
                total + percent(check.correct, check.total),
            )
    return [Tally(m, phase, n, s) for (m, phase), (n, s) in sums.items()]


@dataclass(frozen=True, slots=True)
class ModuleGain:
    """The knowledge-gain figures of one module."""

    module_id: str
    pre_count: int
    pre_mean: float | None
    post_count: int
    post_mean: float | None

    @property
    def gain(self) -> float | None:
        """g = (post - pre) / (100 - pre), or None when it cannot be computed."""
        if self.pre_mean is None or self.post_mean is None or self.pre_mean >= 100.0:
            return None
        return (self.post_mean - self.pre_mean) / (100.0 - self.pre_mean)


def module_gains(tallies: Iterable[Tally], order: Iterable[str] = ()) -> list[ModuleGain]:
    """The gain of every module with a check, in `order` first (the course's), then by id."""
    sums: dict[tuple[str, GainPhase], tuple[int, float]] = {}
    for t in tallies:
        count, total = sums.get((t.module_id, t.phase), (0, 0.0))
        sums[(t.module_id, t.phase)] = (count + t.count, total + t.percent_sum)
    found = {m for m, _phase in sums}
    ids = [m for m in dict.fromkeys(order) if m in found]
    ids += sorted(found - set(ids))

    def side(module_id: str, phase: GainPhase) -> tuple[int, float | None]:
        count, total = sums.get((module_id, phase), (0, 0.0))
        return count, (total / count if count else None)

    gains = []
    for m in ids:
        pre_count, pre_mean = side(m, "pre")
        post_count, post_mean = side(m, "post")
        gains.append(ModuleGain(m, pre_count, pre_mean, post_count, post_mean))
    return gains

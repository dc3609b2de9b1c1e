"""Knowledge gain: a module's pre-check before its lessons and the same questions after.

For each module, the mean pre score and mean post score (percent, over every check taken)
and the normalised gain g = (post - pre) / (100 - pre) of those means (Hake's gain: the
share of what was left to learn that was learned). g is None when the pre mean is already
100 (nothing left to gain) or either side has no checks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ketatui.progress.model import GainCheck


def percent(check: GainCheck) -> float:
    """A check's score out of 100."""
    return 100.0 * check.correct / check.total if check.total else 0.0


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


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def module_gains(scores: Iterable[GainCheck], order: Iterable[str] = ()) -> list[ModuleGain]:
    """The gain of every module with a check, in `order` first (the course's), then by id."""
    pre: dict[str, list[float]] = {}
    post: dict[str, list[float]] = {}
    for score in scores:
        if score.total > 0:
            (pre if score.phase == "pre" else post).setdefault(score.module_id, []).append(
                percent(score)
            )
    known = list(dict.fromkeys(order))
    ids = [m for m in known if m in pre or m in post]
    ids += sorted((set(pre) | set(post)) - set(ids))
    return [
        ModuleGain(
            module_id=m,
            pre_count=len(pre.get(m, [])),
            pre_mean=_mean(pre.get(m, [])),
            post_count=len(post.get(m, [])),
            post_mean=_mean(post.get(m, [])),
        )
        for m in ids
    ]

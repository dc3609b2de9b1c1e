"""How fast the machine is running right now: a fixed piece of pure-Python work, timed.

The absolute targets (a key press within one 60 Hz frame) depend on the machine's speed at
the moment of the run, which on a shared virtual machine swings a lot: a larger loop of
the same kind took 349 ms and 588 ms ten minutes apart on 2026-12-04. Timing this fixed
work before and after every section puts that in the results, so a MISS can be read as
the app's or the machine's. It is never a baseline for a ratio and never changes a PASS
or a MISS.
"""

from __future__ import annotations

import time

#: Rows of the work per sample: ~33 ms on the benchmark machine when it is quiet.
ROWS = 2_500


class _Cell:
    """A small styled piece of text, as a terminal UI makes thousands of per frame."""

    __slots__ = ("style", "text")

    def __init__(self, text: str, style: str) -> None:
        self.text = text
        self.style = style


def reference_work(rows: int = ROWS) -> int:
    """The fixed work: build rows of small objects, look styles up, join strings.

    The kinds of work a Textual screen does per frame (allocation, attribute and dict
    access, calls, string building); the result is returned so none of it is skipped.
    """
    styles = {f"style-{i}": i for i in range(64)}
    total = 0
    for row in range(rows):
        cells = [_Cell(str(col), f"style-{(row + col) % 64}") for col in range(20)]
        total += sum(styles[cell.style] + len(cell.text) for cell in cells)
        total += len("".join(cell.text for cell in cells))
    return total


def reference_ms(reps: int = 3) -> list[float]:
    """Time `reference_work` `reps` times, in milliseconds."""
    samples = []
    for _ in range(reps):
        start = time.perf_counter()
        reference_work()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


if __name__ == "__main__":
    print(" ".join(f"{ms:.1f}" for ms in reference_ms(5)), "ms")

"""How an answer rates for spaced review (no scheduler here: importing this is cheap)."""

from __future__ import annotations

from enum import IntEnum

#: The most questions one review session asks.
SESSION_SIZE = 10


class Grade(IntEnum):
    """The FSRS ratings ketatui gives (it never gives Easy: a quiz cannot tell it)."""

    AGAIN = 1
    HARD = 2
    GOOD = 3


def rating_for(correct: bool, *, hinted: bool = False, retry: bool = False) -> Grade:
    """The rating of one answer: wrong -> Again, right after a hint or on a retry -> Hard,
    right first time -> Good."""
    if not correct:
        return Grade.AGAIN
    return Grade.HARD if hinted or retry else Grade.GOOD

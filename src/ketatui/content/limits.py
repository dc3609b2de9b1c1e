"""Size limits of one lesson, far above any real lesson and below what freezes the screen.

A terminal redraws a whole page on every resize or theme change, and the results screen
lists every question. A 1 MB page took 2 s to open and ~2 s per resize; a 1,000-question
results screen 3.6 s, and crisis help (F1) waited behind them. The shipped course's
longest page is ~600 characters and its biggest quiz 6 questions: these caps leave
authors many times that and keep every screen quick (benchmarks/crisis_latency.py).
"""

from __future__ import annotations

import re
from typing import Any

from ketatui.content.walker import Walker

#: Characters in one page's body (inline or body_file): about 3,000 words.
MAX_PAGE_CHARS = 20_000
#: Characters in one unbroken run of text (no space): long enough for any address.
MAX_WORD_CHARS = 500
#: Pages in one lesson.
MAX_PAGES = 100
#: Questions in one quiz. The results screen lists them all (about 8 ms each on a busy
#: 2-core machine); the full UI benchmark drives a 201-question quiz.
MAX_QUESTIONS = 250

_LONG_WORD = re.compile(r"\S{" + str(MAX_WORD_CHARS + 1) + ",}")


def check_sizes(w: Walker, lesson: dict[str, Any], bodies: tuple[str, ...]) -> None:
    """Report a page, word, page count or question count above the caps."""
    pages = lesson.get("pages")
    if isinstance(pages, list) and len(pages) > MAX_PAGES:
        w.error_at(
            ("pages",),
            f"this lesson has {len(pages)} pages; at most {MAX_PAGES}",
            "split it into several lessons",
            key=True,
        )
    if isinstance(pages, list):
        _check_bodies(w, pages, bodies)
    quiz = lesson.get("quiz")
    questions = quiz.get("questions") if isinstance(quiz, dict) else None
    if isinstance(questions, list) and len(questions) > MAX_QUESTIONS:
        w.error_at(
            ("quiz", "questions"),
            f"this quiz has {len(questions)} questions; at most {MAX_QUESTIONS}",
            "split the lesson, or keep the questions that test its key ideas",
            key=True,
        )


def _check_bodies(w: Walker, pages: list[Any], bodies: tuple[str, ...]) -> None:
    with_text = [i for i, page in enumerate(pages) if isinstance(page, dict)]
    if len(with_text) != len(bodies):
        return  # a body_file could not be read: that is reported already
    for i, body in zip(with_text, bodies, strict=True):
        page = pages[i]
        field = "body_file" if isinstance(page.get("body_file"), str) else "body"
        if len(body) > MAX_PAGE_CHARS:
            w.error_at(
                ("pages", i, field),
                f"this page is {len(body):,} characters long; at most {MAX_PAGE_CHARS:,}",
                "split it into several pages",
            )
        elif (word := _LONG_WORD.search(body)) is not None:
            w.error_at(
                ("pages", i, field),
                f"this page has a run of {len(word.group()):,} characters without a space; "
                f"at most {MAX_WORD_CHARS}",
                "break it up with spaces",
            )

"""Warnings for things that load but silently change what learners see.

Each is listed by `ketatui validate` (and shown by `ketatui preview` after a reload) with
file:line:column, without failing the check; `validate --strict` makes them errors. They
run on the walker's plain data and node positions, after the rules.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from yaml.nodes import ScalarNode

from ketatui.content.walker import STR, Path_, Walker, short

#: An HTML tag or comment in Markdown: the page renderer drops it or shows it as text.
_HTML = re.compile(r"<!--|</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>")
#: Text `ketatui new` writes as placeholders (see authoring/scaffold.py): left in by mistake
#: they reach learners. Kept here, in the content package, so loading never needs authoring.
PLACEHOLDERS = (
    "Replace with",
    "One line for the catalog: what the learner will know afterwards.",
    "Write the page here, in Markdown.",
    "Shown when this choice is picked: say",
    "Shown after answering, whatever was chosen.",
    "One line for the catalog: what this module covers.",
)
#: Fields whose values are not prose: a `#` comment after them cuts nothing a learner reads.
_NOT_PROSE = frozenset({"id", "type", "status", "tracks", "sources", "language", "body_file"})


def lint_lesson(w: Walker, lesson: dict[str, Any], text: str) -> None:
    """Add a warning to `w` for each silent surprise in a lesson that loaded."""
    lines = text.split("\n")
    for path, node in list(w.nodes.items()):
        if node.__class__ is not ScalarNode or node.tag != STR or not path:
            continue
        field = next((p for p in reversed(path) if isinstance(p, str)), "")
        if field in _NOT_PROSE:
            continue
        _placeholder(w, node, path)
        if field == "body" or field == "text" or field == "prompt":
            _html(w, node, path)
        if not node.style:  # plain (libyaml says '', PyYAML None)
            _comment_cut(w, node, lines)
    if lesson.get("tracks") == []:
        w.error_at(
            ("tracks",),
            "'tracks: []' hides the lesson from every learner",
            "write 'tracks: [patient]', '[trainee]' or '[patient, trainee]', or remove the key",
            severity="warning",
        )
    review = lesson.get("review")
    if isinstance(review, dict):
        date, due = review.get("date"), review.get("next_due")
        if isinstance(date, dt.date) and isinstance(due, dt.date) and due < date:
            w.error_at(
                ("review", "next_due"),
                f"next_due ({due.isoformat()}) is earlier than the review date "
                f"({date.isoformat()}): the lesson shows as overdue at once",
                "set next_due after the review date (six months later is usual)",
                severity="warning",
            )


def _placeholder(w: Walker, node: ScalarNode, path: Path_) -> None:
    value: str = node.value
    for phrase in PLACEHOLDERS:
        if phrase in value:
            w.error(
                node,
                f"placeholder text from `ketatui new` is still here: '{short(value)}'",
                "replace it with the real text before learners see it",
                severity="warning",
            )
            return


def html_warning(text: str) -> tuple[str, str] | None:
    """(message, suggestion) when Markdown text holds raw HTML, else None."""
    m = _HTML.search(text)
    if m is None:
        return None
    return (
        f"raw HTML ('{short(m.group())}') is not shown as HTML: learners see it as text "
        "or not at all",
        "use Markdown instead: **bold**, *italic*, '- ' for a list, a blank line for a "
        "new paragraph",
    )


def _html(w: Walker, node: ScalarNode, path: Path_) -> None:
    found = html_warning(node.value)
    if found is not None:
        w.error(node, found[0], found[1], severity="warning")


def _comment_cut(w: Walker, node: ScalarNode, lines: list[str]) -> None:
    """Plain text followed by ` #...` on its last line: YAML drops the rest as a comment."""
    end = node.end_mark
    if end.line >= len(lines):
        return
    rest = lines[end.line][end.column :]
    if not rest.lstrip().startswith("#") or not rest[:1].isspace():
        return
    comment = rest.strip()
    w.error(
        node,
        f"the text stops before ' {short(comment, 30)}': YAML reads ' #' as the start of a "
        "comment, so learners never see the rest",
        f"put the whole text in quotes if '{short(comment, 30)}' belongs to it",
        severity="warning",
    )

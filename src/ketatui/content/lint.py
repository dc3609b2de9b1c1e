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

from ketatui.content.walker import STR, Walker, short

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
)
_PLACEHOLDER = re.compile("|".join(re.escape(p) for p in PLACEHOLDERS))
#: The longest word of each placeholder: a file without any of them has no placeholder.
_PLACEHOLDER_WORDS = tuple(max(p.split(), key=len) for p in PLACEHOLDERS)
#: Fields whose text is shown as Markdown (raw HTML in them is dropped or shown as text).
_MARKDOWN = frozenset({"body", "text", "prompt", "explanation", "feedback", "hint"})
#: Fields whose values are not prose: a `#` comment after them cuts nothing a learner reads.
_NOT_PROSE = frozenset({"id", "type", "status", "tracks", "sources", "language", "body_file"})


def lint_lesson(w: Walker, lesson: dict[str, Any], text: str) -> None:
    """Add a warning to `w` for each silent surprise in a lesson that loaded."""
    _lint_strings(w, text)
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


def _lint_strings(w: Walker, text: str) -> None:
    """Warnings about the lesson's strings: placeholders, raw HTML, text cut by a comment.

    The file's text says which of them can occur at all. Apart from an escape in a
    double-quoted string (which needs a backslash), a string's characters are the text's
    own, in order, but where line breaks and indentation become a space or a line break:
    so each word of a string is in the text. A file without '#', '<', a backslash or the
    longest word of a placeholder needs none of its strings looked at; most files.
    """
    escapes = "\\" in text  # an escape can make any character
    placeholders = escapes or any(word in text for word in _PLACEHOLDER_WORDS)
    html = escapes or "<" in text
    has_hash = "#" in text
    if not (placeholders or html or has_hash):
        return
    for path, node in list(w.nodes.items()):
        if node.__class__ is not ScalarNode or node.tag != STR or not path:
            continue
        field = path[-1] if isinstance(path[-1], str) else path[-2] if len(path) > 1 else ""
        if field in _NOT_PROSE:
            continue
        value: str = node.value
        if placeholders and _PLACEHOLDER.search(value):
            w.error(
                node,
                f"placeholder text from `ketatui new` is still here: '{short(value)}'",
                "replace it with the real text before learners see it",
                severity="warning",
            )
        if html and field in _MARKDOWN and "<" in value:
            _html(w, node)
        if has_hash and not node.style:  # plain (libyaml says '', PyYAML None)
            _comment_cut(w, node, text)


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


def _html(w: Walker, node: ScalarNode) -> None:
    found = html_warning(node.value)
    if found is not None:
        w.error(node, found[0], found[1], severity="warning")


def _comment_cut(w: Walker, node: ScalarNode, text: str) -> None:
    """Plain text followed by ` #...` on its last line: YAML drops the rest as a comment."""
    start = node.end_mark.index
    if start >= len(text) or text[start] not in " \t":
        return
    end = text.find("\n", start)
    rest = text[start : end if end != -1 else len(text)]
    comment = rest.strip()
    if not comment.startswith("#"):
        return
    w.error(
        node,
        f"the text stops before ' {short(comment, 30)}': YAML reads ' #' as the start of a "
        "comment, so learners never see the rest",
        f"put the whole text in quotes if '{short(comment, 30)}' belongs to it",
        severity="warning",
    )

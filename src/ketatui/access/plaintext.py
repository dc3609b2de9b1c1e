"""Lesson Markdown as plain words: what a screen reader or a speech engine should say.

No box drawing, no markup characters read out as "asterisk asterisk": headings, emphasis
and code marks go, a link keeps its words and its address in brackets, a list item keeps
a plain dash so a screen reader still hears where each item starts.
"""

from __future__ import annotations

import re

_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]*)[^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_BULLET = re.compile(r"^(\s*)[*+-]\s+")
_RULE = re.compile(r"^\s{0,3}([-*_]\s*){3,}$")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")


def _link(match: re.Match[str]) -> str:
    words, url = match.group(1).strip(), match.group(2).strip()
    if not url or url == words:
        return words or url
    return f"{words} ({url})" if words else url


def plain_line(line: str) -> str:
    """One Markdown line as plain words."""
    if _RULE.match(line):
        return ""
    line = _HEADING.sub("", line)
    line = _QUOTE.sub("", line)
    line = _BULLET.sub(r"\1- ", line)
    line = _LINK.sub(_link, line)
    line = _TAG.sub("", line)
    # Twice: "**_both_**" nests one mark inside another.
    for _ in range(2):
        line = _EMPHASIS.sub(r"\2", line)
    return line.rstrip()


def plain_text(markdown: str) -> str:
    """A Markdown page as plain paragraphs: no markup, at most one blank line in a row."""
    lines: list[str] = []
    for raw in markdown.replace("\r\n", "\n").split("\n"):
        if raw.strip().startswith("```"):
            continue  # a code fence's marks; its lines are kept as they are
        line = plain_line(raw)
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)

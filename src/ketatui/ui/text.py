"""Small text helpers shared by the screens (no Textual imports)."""

from __future__ import annotations


def reflow(text: str) -> str:
    """Join the lines of each paragraph: authors wrap YAML blocks to suit their editor.

    Blank lines still separate paragraphs, so "a\\nb\\n\\nc" becomes "a b\\n\\nc"; the
    screen then wraps each paragraph to its own width without ragged short lines.
    """
    paragraphs = (" ".join(line.strip() for line in p.splitlines()) for p in text.split("\n\n"))
    return "\n\n".join(p.strip() for p in paragraphs if p.strip())

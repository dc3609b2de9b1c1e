"""Translated sentences with parts drawn bold (a name, a key) wherever the language puts them."""

from __future__ import annotations

import re

from textual.content import Content

_FIELD = re.compile(r"\{(\w+)\}")


def bold_fill(template: str, **values: str) -> Content:
    """`template` (already translated) with each `{name}` replaced by its value in bold.

    "Delete {name} and all of its saved progress?" keeps the name bold in any word order;
    the values are never read as markup.
    """
    parts: list[str | tuple[str, str]] = []
    last = 0
    for m in _FIELD.finditer(template):
        parts.append(template[last : m.start()])
        value = values.get(m.group(1))
        parts.append((value, "bold") if value is not None else m.group(0))
        last = m.end()
    parts.append(template[last:])
    return Content.assemble(*(p for p in parts if p))

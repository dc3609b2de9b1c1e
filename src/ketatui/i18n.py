"""Translation hooks for user-visible strings (a stub: issue 19 adds the real layer).

Every new string a learner sees goes through `_` (or `ngettext` for a count), so the
translation layer can take them over without touching the call sites.
"""

from __future__ import annotations


def _(message: str) -> str:
    """The message in the learner's language (this stub: as written)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for `n` (this stub: English rules)."""
    return singular if n == 1 else plural

"""The one translation layer: interface words in the learner's language (standard `gettext`).

Every string a learner or kiosk visitor sees goes through ``_`` (or ``ngettext`` when it
counts something) at the moment it is shown, so switching language mid-run changes the next
thing drawn. Strings defined at import time (``BINDINGS`` descriptions, module constants)
are marked with ``N_``, which only tells the extractor (Babel) about them; the code that
shows them passes them through ``_`` then.

The catalogs live in ``ketatui/locale/<lang>/LC_MESSAGES/ketatui.mo``, compiled by Babel
when the package is built (see ``setup.py``); nothing is compiled at run time. English is
the source language and needs no catalog.

Choosing the language, first match wins: the command line (``--lang``), ``KETATUI_LANG``,
a profile's remembered choice, then the system locale (``LC_ALL``, ``LC_MESSAGES``,
``LANG``); anything not available falls back to English.

This module is core: it imports neither Textual nor Rich.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Mapping
from datetime import date
from functools import cache
from pathlib import Path

DOMAIN = "ketatui"
#: The language the interface and the shipped course are written in.
SOURCE_LANGUAGE = "en"
LANG_ENV = "KETATUI_LANG"
#: Checked in this order, as gettext itself does (``LANGUAGE`` is left out on purpose: it
#: is a GNU list of fallbacks that desktop sessions set to the desktop's language).
LOCALE_ENVS = ("LC_ALL", "LC_MESSAGES", "LANG")
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

#: Each language's own name for itself, shown untranslated so anyone finds their language.
_AUTONYMS = {"en": "English", "es": "Español"}

_current: _gettext.NullTranslations = _gettext.NullTranslations()
_current_code = SOURCE_LANGUAGE


def N_(message: str) -> str:
    """Mark `message` for extraction without translating it now (for import-time constants)."""
    return message


def _(message: str) -> str:
    """`message` in the current language (itself when there is no translation)."""
    # gettext maps "" to the catalog's header: an empty text must stay empty.
    return _current.gettext(message) if message else message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of `singular`/`plural` for `n` in the current language's plural rule."""
    return _current.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` translated within `context` (one English word, two meanings)."""
    return _current.pgettext(context, message)


def normalize(code: str | None) -> str | None:
    """The two-letter language of a code or locale name ("es_MX.UTF-8" -> "es"), or None.

    "C" and "POSIX" (no locale chosen) give None, as does anything that is not a language.
    """
    if not code:
        return None
    base = code.strip().split(".", 1)[0].split("@", 1)[0].replace("-", "_")
    lang = base.split("_", 1)[0].lower()
    if lang in ("c", "posix") or not (2 <= len(lang) <= 3) or not lang.isalpha():
        return None
    return lang


@cache
def available_languages() -> tuple[str, ...]:
    """Languages the interface can show: English, then each compiled catalog, sorted."""
    found = sorted(
        p.parent.parent.name
        for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")
        if p.parent.parent.name != SOURCE_LANGUAGE
    )
    return (SOURCE_LANGUAGE, *found)


def language_name(code: str) -> str:
    """The language's name in itself ("Español"), or the code when unknown."""
    return _AUTONYMS.get(code, code)


def supported(code: str | None) -> str | None:
    """`code` normalized when the interface can show it, else None."""
    lang = normalize(code)
    return lang if lang in available_languages() else None


def language_from_environment(env: Mapping[str, str] | None = None) -> str:
    """The language the environment asks for: ``KETATUI_LANG``, then the system locale.

    The first variable that is set decides (as in gettext): a locale naming a language
    without a catalog gives English rather than a later variable's language.
    """
    env = os.environ if env is None else env
    for name in (LANG_ENV, *LOCALE_ENVS):
        value = env.get(name, "")
        if value:
            return supported(value) or SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


@cache
def _translations(code: str) -> _gettext.NullTranslations:
    if code == SOURCE_LANGUAGE:
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[code], fallback=True)


def set_language(code: str | None) -> str:
    """Show the interface in `code` from now on; returns the language actually chosen.

    An unknown or unavailable language gives English (the source), never an error: a
    learner must always get a working screen.
    """
    global _current, _current_code
    lang = supported(code) or SOURCE_LANGUAGE
    _current = _translations(lang)
    _current_code = lang
    return lang


def current_language() -> str:
    """The interface's language now (two-letter code)."""
    return _current_code


_WEEKDAYS = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)
_MONTHS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)


def month_name(month: int) -> str:
    """The name of `month` (1-12) in the interface language."""
    return _(_MONTHS[month - 1])


def day_words(day: date) -> str:
    """A day as a learner reads it in the interface language, e.g. "Monday 7 December".

    Not `strftime("%A")`: that follows the process's C locale, not the learner's language.
    """
    # Translators: a date, e.g. "Monday 7 December"; reorder or add words as needed.
    return _("{weekday} {day} {month}").format(
        weekday=_(_WEEKDAYS[day.weekday()]), day=day.day, month=month_name(day.month)
    )

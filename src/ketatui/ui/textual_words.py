"""Textual's own key descriptions, marked for the translation catalogs.

The keys help lists the keys of Textual's widgets too (a list's Up / Down / Select, a text
box's cursor keys). Their descriptions come from Textual in English; listed here, they are
in ketatui's catalogs, and the keys help translates them as it does ketatui's own
(`screens/help.py` passes every description through `_`). When a Textual upgrade adds
or rewords one, `tests/ui/test_spanish.py` finds it untranslated in the keys help.
"""

from __future__ import annotations

from ketatui.i18n import N_

TEXTUAL_KEY_WORDS = (
    N_("Copy selected text"),
    N_("Cut selected text"),
    N_("Delete all to the left"),
    N_("Delete all to the right"),
    N_("Delete character left"),
    N_("Delete character right"),
    N_("Delete left to start of word"),
    N_("Delete right to start of word"),
    N_("Down"),
    N_("First"),
    N_("Go to end"),
    N_("Go to start"),
    N_("Last"),
    N_("Move cursor left"),
    N_("Move cursor left a word"),
    N_("Move cursor left a word and select"),
    N_("Move cursor left and select"),
    N_("Move cursor right a word"),
    N_("Move cursor right a word and select"),
    N_("Move cursor right and select"),
    N_("Move cursor right or accept the completion suggestion"),
    N_("Next option"),
    N_("Page Down"),
    N_("Page Up"),
    N_("Paste text from the clipboard"),
    N_("Previous option"),
    N_("Scroll Down"),
    N_("Scroll End"),
    N_("Scroll Home"),
    N_("Scroll Up"),
    N_("Select"),
    N_("Select all"),
    N_("Select line end"),
    N_("Select line start"),
    N_("Toggle"),
    N_("Toggle option"),
    N_("Up"),
)

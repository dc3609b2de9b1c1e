"""`ReadingScreen`: the reading column a lesson's pages and a page read again share.

Its rules are its `DEFAULT_CSS`, like every screen's here (see "Styles" in
`docs/architecture.md`), so both screens look the same and the kiosk's subclasses inherit
them.
"""

from __future__ import annotations

from textual.screen import Screen

from ketatui.ui.screens.base import LaidOutOnce, Leavable


class ReadingScreen(Leavable, LaidOutOnce, Screen[None]):
    """A screen that shows lesson pages in a calm, centred reading column."""

    DEFAULT_CSS = """
    /* Lesson pages: a calm reading column, at most 88 columns wide, centred. */
    ReadingScreen {
        align-horizontal: center;
    }

    #lesson-column {
        width: 100%;
        max-width: 88;
        height: 1fr;
        padding: 1 2 0 2;
    }

    #lesson-title {
        color: $text-primary;
        text-style: bold;
    }

    /* "Page 2 of 5" and its bar: one line (a Meter); on a page shown again, the count alone. */
    #page-progress {
        margin-bottom: 1;
    }

    #page-count {
        width: auto;
        color: $text-muted;
    }

    #page-title {
        text-style: bold;
        margin-bottom: 1;
    }

    /* Until a clinician approves the lesson: one calm line on its first page. */
    #review-note {
        color: $text-muted;
        text-style: italic;
        margin-bottom: 1;
    }

    #page-scroll {
        height: 1fr;
        scrollbar-size-vertical: 1;
        scrollbar-gutter: stable;
        /* Room for the focus frame, so the text does not move when focus arrives. */
        border-left: blank;
    }

    /* Focus shown by a shape, not only a colour: a bar down the left of the page. */
    #page-scroll:focus {
        border-left: outer $accent;
    }

    #sources {
        margin-top: 1;
    }

    #lesson-buttons {
        dock: bottom;
        height: auto;
        padding-top: 1;
        background: $background;
    }

    #lesson-buttons Button {
        min-width: 0;
        margin-right: 1;
    }

    #lesson-buttons .spacer {
        width: 1fr;
    }
    """

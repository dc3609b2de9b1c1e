"""The learner app's lesson screen, as the kiosk shows it.

Same pages and quiz, plus the kiosk bar, and answers counted in the anonymous statistics
when the site keeps them. Progress lives in memory only (the session has no store), so a
reset that closes the screen forgets it.
"""

from __future__ import annotations

import inspect
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult

from ketatui.content.catalog import LessonEntry
from ketatui.learning.session import LearnerSession
from ketatui.ui.kiosk.widgets import KioskBar
from ketatui.ui.screens.base import CSSPath
from ketatui.ui.screens.lesson import LessonScreen

if TYPE_CHECKING:
    from ketatui.ui.kiosk.app import KioskApp


def _css_beside(cls: type, css_path: CSSPath | None) -> list[str | PurePath]:
    # Textual reads a relative CSS_PATH next to the file of the class *using* it, so a
    # subclass in another folder must name its parent's stylesheets absolutely.
    folder = Path(inspect.getfile(cls)).parent
    paths = list(css_path) if isinstance(css_path, list) else [css_path] if css_path else []
    return [p if Path(p).is_absolute() else folder / p for p in paths]


class KioskLessonScreen(LessonScreen):
    """A lesson in the kiosk: the kiosk bar on top, answers counted for statistics."""

    CSS_PATH: ClassVar[CSSPath | None] = _css_beside(LessonScreen, LessonScreen.CSS_PATH)

    def __init__(self, entry: LessonEntry, session: LearnerSession) -> None:
        super().__init__(entry, session)
        self.add_class("-kiosk")

    def compose(self) -> ComposeResult:
        kiosk = cast("KioskApp", self.app)
        yield KioskBar(kiosk.site_name, back_label="◀ Lessons")
        yield from super().compose()

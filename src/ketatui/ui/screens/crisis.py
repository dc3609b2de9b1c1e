"""Crisis help: opened with F1 from every screen; Escape goes back exactly where you were."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ketatui.content.model import Crisis, CrisisResource
from ketatui.i18n import N_, _
from ketatui.learning.lesson import crisis_title
from ketatui.ui.screens.base import LaidOutOnce
from ketatui.ui.text import reflow
from ketatui.ui.widgets.light_button import LightButton

#: Shown when a course lists no resources, so the screen is never empty.
FALLBACK = N_(
    "If you are in danger, call your local emergency number now. "
    "If you are thinking about suicide, contact a crisis line or someone you trust."
)
__all__ = ["CrisisScreen", "crisis_title", "resource_content"]


def resource_content(resource: CrisisResource) -> Content:
    """A resource as plain text: name, what to dial, then details and address."""
    parts: list[str | tuple[str, str]] = [(resource.name, "bold")]
    if resource.region:
        parts.append(f" ({resource.region})")
    parts.append("\n")
    parts.append((resource.contact, "bold"))
    if resource.detail:
        parts.append(f"\n{resource.detail}")
    if resource.url:
        parts.append(f"\n{resource.url}")
    return Content.assemble(*parts)


class CrisisScreen(LaidOutOnce, ModalScreen[None]):
    """The course's crisis resources. A modal, so the screen underneath keeps its state."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Back")),
        Binding("q", "close", N_("Back"), show=False),
    ]

    def __init__(self, crisis: Crisis) -> None:
        # No fixed id: crisis help can be open twice in the stack (F1 -> ? -> F1, or under
        # the kiosk's PIN screen), and Textual refuses two screens with one id.
        super().__init__(classes="dialog-screen")
        self.crisis = crisis

    def compose(self) -> ComposeResult:
        crisis = self.crisis
        # The resources scroll inside the dialog in a small terminal, while the Back button
        # stays in view below them: a touch user never has to scroll to leave.
        with Vertical(classes="dialog crisis-dialog") as dialog:
            dialog.border_subtitle = _("Esc: back")
            with VerticalScroll(id="crisis-body"):
                yield Static(Content(crisis_title(crisis)), classes="dialog-title")
                if crisis.intro:
                    yield Static(Content(reflow(crisis.intro)), classes="dialog-message")
                if crisis.resources:
                    for resource in crisis.resources:
                        yield Static(resource_content(resource), classes="crisis-resource")
                else:
                    yield Static(Content(_(FALLBACK)), classes="dialog-message")
            with Center(id="crisis-actions"):
                yield LightButton(_("Back (Esc)"), id="close")

    def on_mount(self) -> None:
        # Focus the scrolling body, not the button, so the text starts at the top and the
        # arrow keys scroll it.
        self.query_one("#crisis-body", VerticalScroll).focus()

    def show_from_top(self) -> None:
        """Shown again (it is kept between uses): the top of the text, focus on it."""
        if self.is_mounted:
            body = self.query_one("#crisis-body", VerticalScroll)
            body.scroll_home(animate=False)
            self.set_focus(body)

    @on(LightButton.Pressed, "#close")
    def action_close(self) -> None:
        """Return to the screen underneath, unchanged."""
        self.dismiss(None)

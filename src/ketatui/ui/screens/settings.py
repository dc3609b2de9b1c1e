"""Settings: the colour theme (calm or high contrast). Changes apply at once."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, VerticalScroll
from textual.content import Content
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from ketatui.i18n import N_, _, available_languages, current_language, language_name
from ketatui.ui.screens.base import KetatuiScreen
from ketatui.ui.themes import THEME_LABELS, theme_choice, theme_name
from ketatui.ui.widgets.key_bar import KeyBar


def theme_options(current: str) -> list[Option]:
    """One row per theme; the current one is marked with ✓ (not by colour alone)."""
    return [
        Option(
            Content.assemble(("✓ " if choice == current else "  ", "bold"), _(label)),
            id=choice,
        )
        for choice, label in THEME_LABELS.items()
    ]


def language_options(current: str) -> list[Option]:
    """One row per interface language, in its own name; the current one marked with ✓."""
    return [
        Option(
            Content.assemble(("✓ " if code == current else "  ", "bold"), language_name(code)),
            id=f"lang-{code}",
        )
        for code in available_languages()
    ]


class SettingsScreen(KetatuiScreen):
    """Pick a theme with Enter (or a click); Escape goes back."""

    DEFAULT_CSS = """
    #settings-body {
        padding: 1 2;
    }

    #theme {
        width: auto;
        min-width: 30;
        margin: 1 0;
    }
    """

    TITLE = N_("Settings")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back")),
    ]

    def __init__(self, note: str = "") -> None:
        super().__init__(id="settings")
        #: Extra information to show, e.g. why progress is not being saved.
        self.note = note

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="settings-body"):
            yield Static(_("Settings"), classes="screen-title")
            yield Static(_("Colours"), classes="section-title")
            yield OptionList(*theme_options(theme_choice(self.app.theme)), id="theme")
            if len(available_languages()) > 1:
                yield Static(_("Language"), classes="section-title")
                yield OptionList(*language_options(current_language()), id="language")
            before, _key, after = _(
                "Tip: {key} switches high contrast on and off anywhere."
            ).partition("{key}")
            yield Static(Content.assemble(before, ("Ctrl+T", "bold"), after), classes="muted")
            if self.note:
                yield Static(Content(self.note), classes="muted", id="settings-note")
            with Center():
                yield Button(_("Back (Esc)"), id="back")
        yield KeyBar()

    def on_mount(self) -> None:
        theme_list = self.query_one("#theme", OptionList)
        theme_list.highlighted = theme_list.get_option_index(theme_choice(self.app.theme))
        theme_list.focus()

    @on(OptionList.OptionSelected, "#language")
    async def _language_chosen(self, event: OptionList.OptionSelected) -> None:
        code = (event.option.id or "").removeprefix("lang-")
        choose = getattr(self.app, "choose_language", None)  # the learner app remembers it
        if callable(choose) and code != current_language():
            await choose(code)

    @on(OptionList.OptionSelected, "#theme")
    def _theme_chosen(self, event: OptionList.OptionSelected) -> None:
        choice = event.option.id or "default"
        choose = getattr(self.app, "choose_theme", None)  # the learner app remembers it
        if choose is not None:
            choose(choice)
        else:
            self.app.theme = theme_name(choice)
        self.sync_theme()

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        """Back to where the learner came from."""
        self.dismiss(None)

    def sync_theme(self) -> None:
        """Move the ✓ to the current theme (also after Ctrl+T switched it)."""
        theme_list = self.query_one("#theme", OptionList)
        highlighted = theme_list.highlighted
        theme_list.set_options(theme_options(theme_choice(self.app.theme)))
        theme_list.highlighted = highlighted

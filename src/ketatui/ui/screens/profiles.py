"""The profile picker: choose who is learning, or create, rename or delete a profile.

Names are typed by learners, so they are always shown as plain `Content`: a name such as
``[bold]x[/]`` or ``[@click=app.quit]`` is displayed literally and does nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from ketatui.i18n import N_, _
from ketatui.ui.screens.base import KetatuiScreen
from ketatui.ui.widgets.dialogs import ConfirmDialog, NameDialog
from ketatui.ui.widgets.key_bar import KeyBar
from ketatui.ui.widgets.marked_list import MarkedOptionList
from ketatui.ui.words import bold_fill

if TYPE_CHECKING:
    from ketatui.progress.store import Profile, ProgressStore


class ProfileChosen(Message):
    """The learner picked a profile to learn as (handled by the app)."""

    def __init__(self, profile: Profile) -> None:
        super().__init__()
        self.profile = profile


class ProfilesScreen(KetatuiScreen):
    """Lists profiles from the store; Enter starts learning as the highlighted one."""

    DEFAULT_CSS = """
    #profiles-body {
        padding: 1 2;
    }

    #reminder {
        color: $text-warning;
        margin-bottom: 1;
    }

    #profile-message {
        height: auto;
        padding: 0 1;
    }

    #profile-list {
        height: auto;
        max-height: 12;
        max-width: 64;
        margin-top: 1;
    }

    #profile-list > .option-list--option {
        padding: 0 1;
    }
    """

    TITLE = N_("Profiles")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", N_("Start"), show=False),
        Binding("n", "new", N_("New profile")),
        Binding("r", "rename", N_("Rename")),
        Binding("d,delete", "delete", N_("Delete")),
    ]

    def __init__(self, store: ProgressStore) -> None:
        super().__init__(id="profiles")
        self.store = store
        self.profiles: list[Profile] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="profiles-body"):
            yield Static(_("Who is learning?"), classes="screen-title")
            # The full notice is shown on the first run only; this keeps its gist.
            yield Static(
                bold_fill(_("Education only, not medical advice. {key}: crisis help."), key="F1"),
                id="reminder",
            )
            yield Static(
                _(
                    "Choose your profile, or create a new one. "
                    "Progress is saved on this computer only."
                ),
                classes="muted",
            )
            yield Static(
                _("No profiles yet. Type a name below to create one."),
                id="no-profiles",
                classes="empty",
            )
            yield MarkedOptionList(id="profile-list")
            # One inline line for "created" / "deleted", replaced each time: toasts stacked
            # up over the Create button when several profiles were made in a row.
            yield Static("", id="profile-message", classes="muted")
            with Horizontal(id="profile-actions", classes="button-row"):
                yield Button(_("Start"), id="start", variant="primary")
                yield Button(_("Rename"), id="rename")
                yield Button(_("Delete"), id="delete", variant="error")
            yield Static(_("New profile"), classes="section-title")
            with Horizontal(id="new-profile", classes="input-row"):
                yield Input(placeholder=_("Type a name"), max_length=60, id="new-name")
                yield Button(_("Create"), id="create", variant="success")
            yield Static("", id="create-error", classes="field-error")
        yield KeyBar()

    def on_mount(self) -> None:
        # Whoever learned last is most likely at the keyboard again.
        self.reload(highlight_id=self.store.last_active_profile())
        if self.profiles:
            self.query_one("#profile-list", OptionList).focus()
        else:
            self.query_one("#new-name", Input).focus()

    # ------------------------------------------------------------------ helpers

    def reload(self, highlight_id: int | None = None) -> None:
        """Re-read profiles from the store; keep (or move) the highlight."""
        option_list = self.query_one("#profile-list", OptionList)
        if highlight_id is None and (current := self.highlighted_profile()) is not None:
            highlight_id = current.id
        self.profiles = self.store.list_profiles()
        option_list.set_options(Option(Content(p.name), id=str(p.id)) for p in self.profiles)
        has_profiles = bool(self.profiles)
        option_list.display = has_profiles
        self.query_one("#no-profiles").display = not has_profiles
        self.query_one("#profile-actions").display = has_profiles
        if has_profiles:
            index = 0
            for i, p in enumerate(self.profiles):
                if p.id == highlight_id:
                    index = i
            option_list.highlighted = index
        self.refresh_bindings()

    def show_message(self, message: Content) -> None:
        """Say what just happened, in the one line under the list."""
        self.query_one("#profile-message", Static).update(message)

    def highlighted_profile(self) -> Profile | None:
        """The profile under the highlight, if any."""
        option_list = self.query_one("#profile-list", OptionList)
        index = option_list.highlighted
        if index is None or not (0 <= index < len(self.profiles)):
            return None
        return self.profiles[index]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"start", "rename", "delete"} and not self.profiles:
            return None  # shown dimmed: nothing to act on yet
        return True

    # ------------------------------------------------------------------ actions

    @on(OptionList.OptionSelected, "#profile-list")
    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        """Learn as the highlighted profile."""
        profile = self.highlighted_profile()
        if profile is not None:
            self.post_message(ProfileChosen(profile))

    def action_new(self) -> None:
        """Move to the new-profile name box."""
        self.query_one("#new-name", Input).focus()

    @on(Input.Submitted, "#new-name")
    @on(Button.Pressed, "#create")
    def create_profile(self) -> None:
        """Create a profile from the name box; a rejected name is explained inline."""
        name_input = self.query_one("#new-name", Input)
        error = self.query_one("#create-error", Static)
        try:
            profile = self.store.create_profile(name_input.value)
        except ValueError as exc:
            error.update(Content(str(exc)))
            name_input.focus()
            return
        error.update("")
        name_input.value = ""
        self.reload(highlight_id=profile.id)
        self.query_one("#profile-list", OptionList).focus()
        self.show_message(bold_fill(_("{name} created. Press Enter to start."), name=profile.name))

    @on(Input.Changed, "#new-name")
    def _clear_error(self) -> None:
        self.query_one("#create-error", Static).update("")

    @on(Button.Pressed, "#rename")
    def action_rename(self) -> None:
        """Ask for a new name for the highlighted profile."""
        profile = self.highlighted_profile()
        if profile is None:
            return

        def check(name: str) -> str | None:
            try:
                self.store.rename_profile(profile.id, name)
            except ValueError as exc:
                return str(exc)
            return None

        def done(result: str | None) -> None:
            if result is not None:
                self.reload(highlight_id=profile.id)
            self.query_one("#profile-list", OptionList).focus()

        self.app.push_screen(
            NameDialog(
                bold_fill(_("Rename {name}"), name=profile.name),
                check,
                value=profile.name,
                confirm_label=_("Rename"),
            ),
            done,
        )

    @on(Button.Pressed, "#delete")
    def action_delete(self) -> None:
        """Delete the highlighted profile, after a confirmation."""
        profile = self.highlighted_profile()
        if profile is None:
            return

        def done(confirmed: bool | None) -> None:
            if confirmed:
                self.store.delete_profile(profile.id)
                self.reload()
                self.show_message(bold_fill(_("{name} deleted."), name=profile.name))
            if self.profiles:
                self.query_one("#profile-list", OptionList).focus()
            else:
                self.query_one("#new-name", Input).focus()

        self.app.push_screen(
            ConfirmDialog(
                _("Delete profile?"),
                bold_fill(
                    _("Delete {name} and all of its saved progress? This cannot be undone."),
                    name=profile.name,
                ),
                confirm_label=_("Delete"),
                cancel_label=_("Keep it"),
                danger=True,
            ),
            done,
        )

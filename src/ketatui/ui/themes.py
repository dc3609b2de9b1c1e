"""The app's colour themes: a calm default and a high-contrast theme.

Both are registered as Textual themes, so `App.theme` switches them and the command palette
lists them. Nothing in the app relies on colour alone: statuses also carry a mark and a word.
"""

from __future__ import annotations

from textual.theme import Theme

from ketatui.i18n import N_

CALM = Theme(
    name="ketatui-calm",
    # Muted teal and soft amber on a dark blue-grey: easy on the eyes for long reading.
    primary="#5FA8A0",
    secondary="#7A9CC6",
    accent="#E0B872",
    warning="#E0B872",
    error="#E58C8C",
    success="#86C98A",
    foreground="#E8E6E1",
    background="#1B2226",
    surface="#222B30",
    panel="#2C373D",
    dark=True,
    variables={
        # Soft amber, light enough for 4.5:1 on the key bar even when a key is dimmed
        # (not available on this screen): tests/ui/test_contrast.py measures it.
        "footer-key-foreground": "#F5D49C",
        # A gentle highlight that keeps status colours readable on top of it.
        "block-cursor-background": "#3B5A61",
        "block-cursor-foreground": "#FFFFFF",
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-background": "#2F4248",
        # Used by high contrast only (app.tcss); defined here so the stylesheet parses.
        "toggle-box": "#2C373D",
        "toggle-mark": "#86C98A",
    },
)

HIGH_CONTRAST = Theme(
    name="ketatui-high-contrast",
    # Pure black and white with yellow and cyan for focus: the WCAG AAA end of the scale.
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#00FFFF",
    warning="#FFFF00",
    error="#FF8080",
    success="#00FF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#000000",
    boost="#333333",
    dark=True,
    luminosity_spread=0.0,
    text_alpha=1.0,
    variables={
        "border": "#FFFF00",
        "border-blurred": "#FFFFFF",
        "text-muted": "#FFFFFF",
        "foreground-muted": "#FFFFFF",
        # Deep blue, not yellow, under the highlighted row: the row keeps its own white,
        # green and cyan status text, and all of them stay above 7:1 on this blue.
        "block-cursor-background": "#00308F",
        "block-cursor-foreground": "#FFFFFF",
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-background": "#333333",
        "block-cursor-blurred-foreground": "#FFFFFF",
        "block-hover-background": "#333333",
        "footer-background": "#000000",
        "footer-key-foreground": "#FFFF00",
        "footer-description-foreground": "#FFFFFF",
        "input-cursor-background": "#FFFF00",
        "input-cursor-foreground": "#000000",
        "button-foreground": "#FFFFFF",
        "scrollbar": "#FFFFFF",
        "scrollbar-background": "#000000",
        # Tick boxes and radio buttons: a white box on black, its mark black on white.
        # Textual draws an unticked box in $panel, here black on black: invisible.
        "toggle-box": "#FFFFFF",
        "toggle-mark": "#000000",
    },
)

#: The names the command line and settings use, mapped to registered theme names.
THEMES: dict[str, Theme] = {"default": CALM, "high-contrast": HIGH_CONTRAST}

#: Human labels for the settings screen.
THEME_LABELS: dict[str, str] = {
    "default": N_("Calm (default)"),
    "high-contrast": N_("High contrast"),
}


def theme_name(choice: str) -> str:
    """The registered Textual theme name for a command-line choice ("default", "high-contrast").

    Raises ValueError with the valid choices for anything else.
    """
    try:
        return THEMES[choice].name
    except KeyError:
        valid = ", ".join(THEMES)
        raise ValueError(f"unknown theme {choice!r}; choose one of: {valid}") from None


def theme_choice(registered_name: str) -> str:
    """The command-line choice for a registered theme name ("default" if it is not ours)."""
    for choice, theme in THEMES.items():
        if theme.name == registered_name:
            return choice
    return "default"

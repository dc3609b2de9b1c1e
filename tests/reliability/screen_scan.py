"""Read what a running Textual app has painted: its text and any live click actions."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import App
from textual.dom import DOMNode


@dataclass(frozen=True)
class Painted:
    """The whole screen as painted: one string per row, plus what could act on a click."""

    lines: list[str]
    #: Every `@click` action found in the painted segments' styles.
    actions: list[str]
    #: Raw control characters (ESC, BEL...) that would reach the terminal.
    controls: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def squashed(self) -> str:
        """All text with whitespace removed (wrapped lines break long strings anywhere)."""
        return "".join(self.text.split())


def painted(app: App[object]) -> Painted:
    """Paint the current screen off-line (as the terminal would receive it) and read it."""
    # The compositor is private, but it is exactly what goes to the terminal.
    strips = app.screen._compositor.render_strips()
    lines, actions, controls = [], [], []
    for strip in strips:
        lines.append(strip.text)
        for segment in strip:
            if segment.control:
                controls.append(repr(segment.control))
            controls += [repr(ch) for ch in segment.text if ord(ch) < 32 or ord(ch) == 127]
            style = segment.style
            if style is not None and style.meta and "@click" in style.meta:
                actions.append(str(style.meta["@click"]))
    return Painted(lines, actions, controls)


def squash(text: str) -> str:
    """`text` without whitespace, to find it in `Painted.squashed()`."""
    return "".join(text.split())


def blank_painted_with_a_frame(node: DOMNode) -> list[str]:
    """Widgets under `node` painted as blank cells (Textual's `BLANK`) that have a border
    or an outline, which BLANK leaves undrawn."""
    return [
        f"{type(widget).__name__}#{widget.id}"
        for widget in node.walk_children(with_self=False)
        if getattr(widget, "BLANK", False)
        and (any(widget.styles.border.spacing) or any(widget.styles.outline.spacing))
    ]

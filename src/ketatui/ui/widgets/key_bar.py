"""A one-line bar of the current screen's main keys, e.g. "F1 Crisis help  ? Keys  Esc Back".

Textual's Footer builds one widget per key and rebuilds them all whenever the screen's
bindings may have changed (focus moved, `refresh_bindings()`...): that made the first
screen take several times as long as a bare app to appear, and every quiz answer pay for
a footer rebuild. This bar is a single widget: it lists the same keys, in the same order
(the screen's binding chain, so "F1 Crisis help" comes first), and redraws only when the
shown keys actually change. Each key is clickable, for mouse and touch users.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import RenderResult
from textual.content import Content
from textual.widget import Widget

KEY_STYLE = "bold $footer-key-foreground on $footer-key-background"
DESCRIPTION_STYLE = "$footer-description-foreground on $footer-description-background"
DISABLED_STYLE = "dim"
HOVER_STYLE = "on $block-hover-background"

#: (key, key display, description, enabled, tooltip) per shown key, in display order.
Shown = tuple[tuple[str, str, str, bool, str], ...]


class KeyBar(Widget, can_focus=False):
    """The screen's shown bindings (``Binding.show``), one per action, docked at the bottom.

    Drop-in for ``Footer(show_command_palette=False)``: yield it last in ``compose``.
    """

    DEFAULT_CSS: ClassVar[str] = """
    KeyBar {
        dock: bottom;
        width: 1fr;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    """

    ALLOW_SELECT = False

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._shown: Shown = ()
        #: Cell range (start, end) of each shown key, for clicks and hover.
        self._spans: list[tuple[int, int]] = []
        self._hover: int | None = None
        self._items: list[tuple[str, str]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._sync()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: object) -> None:
        self._sync()

    def shown_keys(self) -> Shown:
        """The keys the bar shows now: (key, display, description, enabled, tooltip)."""
        seen: set[str] = set()
        shown = []
        get_key_display = self.app.get_key_display
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            # Like Footer: only shown bindings, and one key per action (the first bound).
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            shown.append(
                (
                    binding.key,
                    get_key_display(binding),
                    binding.description,
                    enabled,
                    tooltip or binding.tooltip or binding.description,
                )
            )
        return tuple(shown)

    def _sync(self) -> None:
        """Redraw only when the shown keys changed: most binding updates change nothing."""
        shown = self.shown_keys()
        if shown == self._shown:
            return
        self._shown = shown
        self._items = [self._item(display, description) for _, display, description, *_ in shown]
        self._spans = []
        x = 0
        for key_text, description_text in self._items:
            width = Content(key_text + description_text).cell_length
            self._spans.append((x, x + width))
            x += width
        self._hover = None
        self.refresh()

    @staticmethod
    def _item(display: str, description: str) -> tuple[str, str]:
        return f" {display} ", f"{description} " if description else ""

    def render(self) -> RenderResult:
        parts: list[Content] = []
        for index, ((key_text, description_text), shown) in enumerate(
            zip(self._items, self._shown, strict=True)
        ):
            item = Content.assemble((key_text, KEY_STYLE), (description_text, DESCRIPTION_STYLE))
            if not shown[3]:
                item = item.stylize(DISABLED_STYLE)
            if index == self._hover:
                item = item.stylize(HOVER_STYLE)
            parts.append(item)
        return Content("").join(parts)

    def _index_at(self, x: int) -> int | None:
        for index, (start, end) in enumerate(self._spans):
            if start <= x < end:
                return index
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self._index_at(event.x)
        if index != self._hover:
            self._hover = index
            self.tooltip = None if index is None else self._shown[index][4]
            self.refresh()

    def on_leave(self, _event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        """A key was clicked: press it, as the keyboard would (a bell if it does nothing now)."""
        index = self._index_at(event.x)
        if index is None:
            return
        key, _display, _description, enabled, _tooltip = self._shown[index]
        if enabled:
            self.app.simulate_key(key)
        else:
            self.app.bell()

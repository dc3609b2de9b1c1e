"""A one-line bar of the current screen's main keys, e.g. "F1 Crisis help  ? Keys  Esc Back".

Textual's Footer builds one widget per key and rebuilds them all whenever the screen's
bindings may have changed (focus moved, `refresh_bindings()`...): that made the first
screen take several times as long as a bare app to appear, and every quiz answer pay for
a footer rebuild. This bar is a single widget: it lists the same keys, in the same order
(the screen's binding chain, so "F1 Crisis help" comes first), and redraws only when the
shown keys actually change. Each key is clickable, for mouse and touch users.

Crisis help (F1) always comes first. When the keys do not fit the width, whole keys are
left out, least important first (Quit, then the keys-help keys, then from the right end),
so F1 and the screen's main keys always show and no key is cut in half.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.content import Content
from textual.strip import Strip
from textual.visual import Visual

from ketatui.i18n import _
from ketatui.ui.widgets.span_bar import SpanBar

KEY_STYLE = "bold $footer-key-foreground on $footer-key-background"
DESCRIPTION_STYLE = "$footer-description-foreground on $footer-description-background"
DISABLED_STYLE = "dim"
HOVER_STYLE = "on $block-hover-background"

#: (key, key display, description, enabled, tooltip, action) per shown key, in display order.
Shown = tuple[tuple[str, str, str, bool, str, str], ...]

#: Lines kept drawn (the quiz alternates between two sets of keys, Submit and Next).
KEPT_LINES = 8

#: Always first and never left out.
FIRST_ACTION = "crisis"
#: Left out last when the bar is too narrow, after every other key (from the right): the
#: keys help lists whatever is left out, and quitting is the way out. F1 always stays.
DROP_LAST = ("quit", "help")


def _action_name(action: str) -> str:
    # "app.help" on a screen and "help" on the app are one action.
    return action.removeprefix("app.").removeprefix("screen.")


class KeyBar(SpanBar):
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

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._shown: Shown = ()
        self._items: list[tuple[str, str]] = []
        #: Cell width of each item, and which items fit the width last drawn.
        self._widths: list[int] = []
        self._visible: list[int] = []
        self._fitted_width = -1
        #: The line as drawn, per (keys, hover, width, theme, style).
        self._lines: dict[tuple[object, ...], Strip] = {}

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._sync()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: object) -> None:
        self._sync()

    def shown_keys(self) -> Shown:
        """The keys the bar lists now: (key, display, description, enabled, tooltip, action).

        All of them; `render` leaves out what does not fit the width.
        """
        seen: set[str] = set()
        shown: list[tuple[str, str, str, bool, str, str]] = []
        get_key_display = self.app.get_key_display
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            # Like Footer: only shown bindings, and one key per action (the first bound).
            action = _action_name(binding.action)
            if not binding.show or action in seen:
                continue
            seen.add(action)
            item = (
                binding.key,
                get_key_display(binding),
                _(binding.description) if binding.description else "",
                enabled,
                _(tooltip or binding.tooltip or binding.description),
                action,
            )
            if action == FIRST_ACTION:
                shown.insert(0, item)
            else:
                shown.append(item)
        return tuple(shown)

    def _sync(self) -> None:
        """Redraw only when the shown keys changed: most binding updates change nothing."""
        shown = self.shown_keys()
        if shown == self._shown:
            return
        self._shown = shown
        self._items = [self._item(display, description) for _, display, description, *_ in shown]
        self._widths = [Content(k + d).cell_length for k, d in self._items]
        self._fitted_width = -1
        self._hover = None
        self.refresh()

    @staticmethod
    def _item(display: str, description: str) -> tuple[str, str]:
        return f" {display} ", f"{description} " if description else ""

    def _fit(self, width: int) -> None:
        """Choose the keys that fit `width` cells and where each one is drawn."""
        keep = list(range(len(self._items)))
        total = sum(self._widths)
        # From the right (the screen's own keys, most of them also buttons on screen),
        # then Quit, then the keys help; never F1.
        last = [i for name in DROP_LAST for i in keep if self._shown[i][5] == name]
        order = [i for i in reversed(keep) if i not in last and i != 0] + last
        for index in order:
            if total <= width:
                break
            keep.remove(index)
            total -= self._widths[index]
        self._visible = keep
        self._spans = []
        x = 0
        for index in keep:
            self._spans.append((x, x + self._widths[index]))
            x += self._widths[index]
        self._fitted_width = width

    @property
    def visible_keys(self) -> Shown:
        """The keys drawn at the current width (a subset of `shown_keys`, same order)."""
        if self._fitted_width != self.size.width:
            self._fit(self.size.width)
        return tuple(self._shown[i] for i in self._visible)

    def render_line(self, y: int) -> Strip:
        # Each set of keys is drawn once per width, theme and style, not on every change:
        # the quiz swaps Submit and Next at each answer, and drawing the line afresh took
        # 0.6-0.9 ms of each answer and Next (measured at 100x40, `ui_latency.py`).
        width = self.size.width
        if self._fitted_width != width:
            self._fit(width)  # where each key is, for clicks, even if its line is kept
        style = self.visual_style
        key = (self._shown, self._hover, width, self.app.theme, style)
        line = self._lines.get(key)
        if line is None:
            strips = Visual.to_strips(self, self.render(), width, 1, style)
            line = strips[0] if strips else Strip.blank(width, style.rich_style)
            if len(self._lines) >= KEPT_LINES:
                self._lines.clear()
            self._lines[key] = line
        return line if y == 0 else Strip.blank(width, style.rich_style)

    def render(self) -> Content:
        if self._fitted_width != self.size.width:
            self._fit(self.size.width)
        parts: list[Content] = []
        for position, index in enumerate(self._visible):
            key_text, description_text = self._items[index]
            item = Content.assemble((key_text, KEY_STYLE), (description_text, DESCRIPTION_STYLE))
            if not self._shown[index][3]:
                item = item.stylize(DISABLED_STYLE)
            if position == self._hover:
                item = item.stylize(HOVER_STYLE)
            parts.append(item)
        return Content("").join(parts)

    def _tooltip_at(self, index: int) -> str | None:
        return self._shown[self._visible[index]][4]

    def _clicked(self, index: int, event: events.Click) -> None:
        """A key was clicked: press it, as the keyboard would (a bell if it does nothing now)."""
        key, _display, _description, enabled, *_rest = self._shown[self._visible[index]]
        if enabled:
            self.app.simulate_key(key)
        else:
            self.app.bell()

"""A lesson page body: Markdown rendered by Rich into a Static, styled from the app theme.

Why not Textual's `Markdown` widget: it builds one widget per block and needs ~100 ms to
(re)render a 2 KB page, and even pre-built pages cost 10-100 ms to show again because every
block widget is laid out anew. Rich renders the same page into a single Static in ~2 ms, so a
page turn is a plain `update()`: no pre-building, no background work, nothing to go stale.

Links never open a browser: their terminal hyperlink is removed and a click posts
`PageBody.LinkActivated` with the address, which the screen shows as a notice.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from rich.console import Console, ConsoleOptions, RenderResult
from rich.markdown import Heading, Markdown
from rich.segment import Segment
from rich.style import Style
from rich.theme import Theme
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.containers import VerticalScroll
from textual.message import Message
from textual.theme import Theme as TextualTheme
from textual.widgets import Static

from ketatui.i18n import N_
from ketatui.ui.widgets.one_pass_mixins import OnePass


class _LeftHeading(Heading):
    """Headings aligned left (Rich centres h1), which reads better in a narrow column."""

    LEVEL_ALIGN: ClassVar = {tag: "left" for tag in ("h1", "h2", "h3", "h4", "h5", "h6")}


class _PageMarkdown(Markdown):
    elements: ClassVar = {**Markdown.elements, "heading_open": _LeftHeading}


def markdown_theme(theme: TextualTheme) -> Theme:
    """Rich styles for Markdown elements, taken from a Textual theme's colours."""
    background = Color.parse(theme.background or ("#1e1e1e" if theme.dark else "#ffffff"))
    foreground = Color.parse(theme.foreground or ("#e0e0e0" if theme.dark else "#1e1e1e"))
    primary = Color.parse(theme.primary)
    accent = Color.parse(theme.accent or theme.primary)
    surface = Color.parse(theme.surface or theme.background or "#2a2a2a")
    muted = foreground.blend(background, 0.3)
    # Pure primary can be dim on some themes: nudge headings toward the text colour.
    heading = primary.blend(foreground, 0.2)
    return Theme(
        {
            "markdown.h1": f"bold {heading.hex}",
            "markdown.h2": f"bold {heading.hex}",
            "markdown.h3": f"bold {foreground.hex}",
            "markdown.h4": f"bold italic {foreground.hex}",
            "markdown.h5": f"italic {foreground.hex}",
            "markdown.h6": f"italic {muted.hex}",
            "markdown.em": "italic",
            "markdown.strong": "bold",
            "markdown.link": f"underline {accent.hex}",
            "markdown.link_url": f"underline {accent.hex}",
            "markdown.block_quote": f"italic {muted.hex}",
            "markdown.code": f"bold {accent.hex} on {surface.hex}",
            "markdown.code_block": f"{foreground.hex} on {surface.hex}",
            "markdown.item.bullet": f"bold {primary.hex}",
            "markdown.item.number": f"bold {primary.hex}",
            "markdown.hr": muted.hex,
            "markdown.table.border": muted.hex,
            "markdown.table.header": "bold",
        },
        inherit=True,
    )


class ThemedMarkdown:
    """A Rich renderable: Markdown with theme styles and links turned into click actions.

    `links` collects each link's address; the click action names its index (addresses may
    contain quotes, so they are never pasted into an action string).
    """

    def __init__(self, markdown: str, theme: Theme) -> None:
        self.markdown = _PageMarkdown(markdown, hyperlinks=True)
        self.theme = theme
        self.links: list[str] = []
        self._cache: dict[int, list[Segment]] = {}

    def _link_index(self, url: str) -> int:
        if url not in self.links:
            self.links.append(url)
        return self.links.index(url)

    def _convert(self, segments: list[Segment]) -> Iterator[Segment]:
        for segment in segments:
            style = segment.style
            if style is not None and style.link:
                index = self._link_index(style.link)
                style = style.update_link(None) + Style.from_meta({"@click": f"show_link({index})"})
                yield Segment(segment.text, style, segment.control)
            else:
                yield segment

    def segments(self, console: Console, options: ConsoleOptions) -> list[Segment]:
        """The rendered page at this width (cached: Textual renders once to measure the
        height and again to paint, and a page may be pre-rendered before it is shown)."""
        width = options.max_width
        cached = self._cache.get(width)
        if cached is None:
            with console.use_theme(self.theme):
                cached = list(self._convert(list(console.render(self.markdown, options))))
            self._cache[width] = cached
        return cached

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.segments(console, options)


class PageBody(OnePass, Static):
    """The Markdown body of one lesson page. Call `show(markdown)` to change page.

    Laid out in one pass (it never scrolls; `PageScroll` does): a page of another length
    cost a second layout and paint after each turn (~2.6 ms of ~20 at 100x40)."""

    DEFAULT_CSS = """
    PageBody { width: 1fr; height: auto; }
    """

    class LinkActivated(Message):
        """A link in the page was clicked (it is never opened)."""

        def __init__(self, url: str) -> None:
            super().__init__()
            self.url = url

    def __init__(self, markdown: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._source = markdown
        self._renderable: ThemedMarkdown | None = None
        self._prepared: dict[str, ThemedMarkdown] = {}
        self._theme_name = ""
        self._theme: Theme | None = None

    @property
    def source(self) -> str:
        """The Markdown shown."""
        return self._source

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.show(self._source))
        self.show(self._source)

    def _rich_theme(self) -> Theme:
        name = self.app.theme
        if self._theme is None or name != self._theme_name:
            self._theme = markdown_theme(self.app.current_theme)
            self._theme_name = name
        return self._theme

    def _renderable_for(self, markdown: str) -> ThemedMarkdown:
        theme = self._rich_theme()
        prepared = self._prepared.get(markdown)
        if prepared is not None and prepared.theme is theme:
            return prepared
        return ThemedMarkdown(markdown, theme)

    def show(self, markdown: str) -> None:
        """Show this Markdown (a few ms to render a 2 KB page; less when prepared)."""
        self._source = markdown
        if not self.is_mounted:
            return
        self._renderable = self._renderable_for(markdown)
        self.update(self._renderable)

    def prepare(self, *markdowns: str) -> None:
        """Render pages likely to be shown next at the current width, while the learner
        reads, so turning to them only lays out and paints. Keeps only these pages."""
        width = self.content_size.width
        if not self.is_mounted or width <= 0:
            return
        console = self.app.console
        options = console.options.update_width(width)
        prepared = {}
        for markdown in markdowns:
            renderable = self._renderable_for(markdown)
            renderable.segments(console, options)
            prepared[markdown] = renderable
        self._prepared = prepared

    def action_show_link(self, index: int) -> None:
        """Report a clicked link (never opened: no browser from this app)."""
        if self._renderable is not None and 0 <= index < len(self._renderable.links):
            self.post_message(self.LinkActivated(self._renderable.links[index]))


class PageScroll(OnePass, VerticalScroll, inherit_bindings=False):
    """The scrolling page: up/down keys scroll; left/right are left to page turning."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "scroll_up", N_("Scroll up"), show=False),
        Binding("down", "scroll_down", N_("Scroll down"), show=False),
        Binding("pageup", "page_up", N_("Page up"), show=False),
        Binding("pagedown", "page_down", N_("Page down"), show=False),
        Binding("home", "scroll_home", N_("Top of page"), show=False),
        Binding("end", "scroll_end", N_("End of page"), show=False),
    ]

    @property
    def at_end(self) -> bool:
        """True when the bottom of the page is in view."""
        return self.scroll_y >= self.max_scroll_y

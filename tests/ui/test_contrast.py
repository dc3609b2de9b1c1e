"""Colour contrast of each theme's key pairs, measured with the WCAG 2 formula, and the
marks that show focus and state by shape as well as colour."""

from __future__ import annotations

import pytest
from textual.color import Color
from textual.constants import DIM_FACTOR
from textual.widgets import SelectionList

from ketatui.content.catalog import Catalog
from ketatui.ui.app import KetatuiApp
from ketatui.ui.screens.quiz import QuizScreen
from ketatui.ui.themes import CALM, HIGH_CONTRAST
from ketatui.ui.widgets.marked_list import MARKER, MarkedOptionList

from .lesson_harness import answer_single

#: (foreground variable, background variable): text a learner must read.
TEXT_PAIRS = [
    ("foreground", "background"),
    ("foreground", "surface"),
    ("text-primary", "background"),
    ("text-success", "background"),
    ("text-error", "background"),
    ("text-warning", "background"),
    ("text-accent", "background"),
    ("footer-key-foreground", "footer-background"),
    ("footer-description-foreground", "footer-background"),
    ("block-cursor-foreground", "block-cursor-background"),
]
#: WCAG AA for text in the calm theme, AAA in high contrast.
MINIMUM = {CALM.name: 4.5, HIGH_CONTRAST.name: 7.0}


def luminance(color: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast(a: Color, b: Color) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_formula_matches_known_values() -> None:
    assert contrast(Color.parse("#FFFFFF"), Color.parse("#000000")) == pytest.approx(21.0)
    assert contrast(Color.parse("#767676"), Color.parse("#FFFFFF")) == pytest.approx(4.54, 0.01)


def theme_colors(ui_catalog: Catalog, name: str) -> dict[str, Color]:
    """The theme's CSS variables as the app resolves them."""
    app = KetatuiApp(ui_catalog, show_notice=False)
    app.theme = name
    variables = app.get_css_variables()
    background = Color.parse(variables["background"])
    colors = {}
    for key, value in variables.items():
        try:
            colors[key] = background + Color.parse(value)  # alpha over the background
        except Exception:  # not a colour (e.g. "auto 60%")
            continue
    return colors


@pytest.mark.parametrize("theme", [CALM, HIGH_CONTRAST], ids=lambda t: t.name)
def test_text_pairs_reach_the_theme_minimum(ui_catalog: Catalog, theme) -> None:
    colors = theme_colors(ui_catalog, theme.name)
    low = {
        f"{fg} on {bg}": round(contrast(colors[fg], colors[bg]), 2)
        for fg, bg in TEXT_PAIRS
        if contrast(colors[fg], colors[bg]) < MINIMUM[theme.name]
    }
    assert not low, f"below {MINIMUM[theme.name]}:1 in {theme.name}: {low}"


@pytest.mark.parametrize("theme", [CALM, HIGH_CONTRAST], ids=lambda t: t.name)
def test_key_letters_stay_readable_when_a_key_is_dimmed(ui_catalog: Catalog, theme) -> None:
    # A key that does nothing on this screen is drawn dim: blended toward the bar.
    colors = theme_colors(ui_catalog, theme.name)
    bar = colors["footer-background"]
    for name in ("footer-key-foreground", "footer-description-foreground"):
        dimmed = bar.blend(colors[name], DIM_FACTOR)
        assert contrast(dimmed, bar) >= 4.5, (name, round(contrast(dimmed, bar), 2))


def test_high_contrast_tick_boxes_are_visible_ticked_or_not(ui_catalog: Catalog) -> None:
    colors = theme_colors(ui_catalog, HIGH_CONTRAST.name)
    # A box against the screen: WCAG's 3:1 for the parts of a control; its mark 7:1.
    assert contrast(colors["toggle-box"], colors["background"]) >= 3.0
    assert contrast(colors["toggle-mark"], colors["toggle-box"]) >= 7.0


async def test_high_contrast_unticked_boxes_are_drawn_in_the_box_colour(
    ui_catalog: Catalog,
) -> None:
    app = KetatuiApp(ui_catalog, show_notice=False, theme="high-contrast")
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_lesson("first-lesson")
        await pilot.pause()
        for _ in range(3):
            await pilot.press("right")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        await answer_single(pilot, 1)
        await pilot.click("#next")
        await pilot.pause()
        boxes = screen.view.query_one(SelectionList)  # not the last question's, going
        unticked = boxes.get_component_rich_style("selection-list--button")
        assert unticked.bgcolor is not None
        assert unticked.bgcolor.get_truecolor().hex.upper() == "#FFFFFF"


async def test_the_highlighted_lesson_is_marked_by_a_shape(ui_catalog: Catalog) -> None:
    app = KetatuiApp(ui_catalog, show_notice=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lessons = app.screen.query_one("#lessons", MarkedOptionList)

        def marked() -> list[str]:
            lines = [lessons.render_line(y).text for y in range(lessons.size.height)]
            return [line.strip() for line in lines if line.startswith(MARKER)]

        assert marked() == [f"{MARKER} ○ A first lesson"]
        await pilot.press("down")
        await pilot.pause()
        assert marked() == [f"{MARKER} ○ A second lesson"]


async def test_the_focused_page_shows_a_frame(ui_catalog: Catalog) -> None:
    app = KetatuiApp(ui_catalog, show_notice=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_lesson("first-lesson")
        await pilot.pause()
        page = app.screen.query_one("#page-scroll")
        page.focus()
        await pilot.pause()
        assert page.styles.border_left[0] == "outer"
        # The bar is drawn down the page's left edge: a shape, seen without colour too.
        assert app.screen.get_widget_at(page.region.x, page.region.y + 1)[0] is page
        app.screen.query_one("#next").focus()
        await pilot.pause()
        assert page.styles.border_left[0] == "blank"

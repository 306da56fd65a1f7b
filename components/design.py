"""Design tokens: every colour and type size the app draws with, in one place.

Charts and maps read them here; the stylesheets read them as CSS custom properties
(`css_variables`, which `ui` puts before the app's CSS); `.streamlit/config.toml` repeats the
theme's four colours and base size, as Streamlit reads no Python (tests/test_design.py keeps
them equal). Colours are colour-blind safe: Okabe–Ito and Paul Tol's schemes.
"""

from __future__ import annotations

# Greys and ink.
INK = "#1B1F24"  # text, and the outline of a chosen region
MUTED = "#5B6770"  # captions, keys, the outlines of status swatches
RULE = "#C9CED3"  # borders and rules
GRID = "#E5E8EB"  # chart grid lines
EMPTY = "#E2E6EA"  # a region no initiative works in
PAPER = "#FFFFFF"  # page and chart background
SURFACE = "#F3F5F7"  # the sidebar and other panels
PRIMARY = "#005F92"  # controls and links: Okabe–Ito blue darkened to read 4.5:1 on its own tint (a chosen button)

# Crop -> colour: Okabe–Ito orange and blue plus Paul Tol's wine, distinct for the common
# colour-vision deficiencies and readable on a projector.
CROP_COLOURS = {
    "banana": "#E69F00",
    "coffee": "#0072B2",
    "cacao": "#882255",
}
MIXED_COLOUR = "#009E73"  # a region or initiative with several crops (Okabe–Ito bluish green)

# Figure status -> how its bars are drawn (plotly pattern shapes): solid for what was achieved.
STATUS_PATTERNS = {"achieved": "", "target": "/", "commitment": ".", "estimate": "x"}

# Organisation type -> colour (Paul Tol's muted scheme, colour-blind safe), in the vocabulary's order.
ORGANISATION_TYPE_COLOURS = {
    "producer_association": "#332288", "cooperative": "#88CCEE", "ngo": "#44AA99", "government": "#117733",
    "donor_agency": "#999933", "private_company": "#DDCC77", "financial_institution": "#CC6677",
    "university": "#AA4499", "certifier": "#882255",
}

# Type: the theme's base size (pixels, for projectors) and the charts' own sizes.
FONT_FAMILY = "Source Sans, Source Sans Pro, Arial, sans-serif"  # Streamlit's own font (bundled, offline) first
BASE_SIZE = 17
CHART_TEXT = 15
SLIDE_TEXT = 24  # chart text on a slide, read from the back of a room
SLIDE_LINE_CHARS = 56  # characters per line of a slide's chart label at SLIDE_TEXT, on a 1280-pixel screen
SLIDE_ROW_GAP = 0.4  # lines between two rows of a timeline slide
# A table in a chart's place fits a 1280×720 slide with its download: as tall as its rows up to
# SLIDE_TABLE_ROWS of them, else SLIDE_TABLE_HEIGHT pixels, scrolling within its frame.
SLIDE_TABLE_ROWS, SLIDE_TABLE_HEIGHT = 8, 420
KEY_TEXT = 19  # a chart key's line (its glyphs are sized around it)

# The tokens the stylesheets use, as `var(--cadenas-<name>)`.
CSS = {"ink": INK, "muted": MUTED, "rule": RULE, "grid": GRID, "paper": PAPER, "surface": SURFACE,
       "primary": PRIMARY}


def rgba(colour: str, alpha: int = 255) -> list[int]:
    """'#RRGGBB' as deck.gl's [r, g, b, a]."""
    colour = colour.lstrip("#")
    return [int(colour[i:i + 2], 16) for i in (0, 2, 4)] + [alpha]


def contrast(one: str, other: str) -> float:
    """WCAG's contrast ratio of two '#RRGGBB' colours, from 1 to 21."""
    def luminance(colour: str) -> float:
        red, green, blue = (channel / 255 for channel in rgba(colour)[:3])
        return sum(weight * (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
                   for weight, c in zip((0.2126, 0.7152, 0.0722), (red, green, blue)))
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_on(background: str) -> str:
    """INK or PAPER, whichever reads better on `background` (a badge's text on its crop)."""
    return max((INK, PAPER), key=lambda text: contrast(text, background))


def mark_outline(colour: str, grounds: tuple[str, ...] = (PAPER,)) -> str:
    """The outline that sets a mark of `colour` apart from what lies around it (`grounds`: the
    page) at 3:1 (WCAG 1.4.11): the colour itself where it reaches that, else the same hue
    darkened towards INK until it does."""
    red, green, blue = rgba(colour)[:3]
    ink = rgba(INK)[:3]
    for step in range(11):
        share = step / 10
        mixed = "#" + "".join(f"{round(c + (i - c) * share):02X}" for c, i in zip((red, green, blue), ink))
        if all(contrast(mixed, ground) >= 3 for ground in grounds):
            return mixed
    return INK


def css_variables() -> str:
    """The tokens as CSS custom properties on :root, for the app's stylesheets."""
    return ":root {" + " ".join(f"--cadenas-{name}: {value};" for name, value in CSS.items()) + "}"

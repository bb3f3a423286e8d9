"""Colours and type sizes shared by charts and maps (colour-blind safe, projector-grade).

Okabe-Ito colours that keep at least 3:1 contrast on white (#0072B2 5.2:1, #D55E00 3.9:1,
#009E73 3.4:1, #CC79A7 3.1:1, black 21:1); every mark also gets a dark outline or a
direct label, so no meaning rests on colour alone.
"""

from __future__ import annotations

BLUE = "#0072B2"
VERMILION = "#D55E00"
GREEN = "#009E73"
PINK = "#CC79A7"
BLACK = "#000000"
GREY = "#6B6B6B"  # 5.3:1 on white
LIGHT = "#EDEDED"  # background fills only, never text
NOT_FOUND = "#E9D3A6"  # sand: "no amount found" on money maps (neither a blue of the scale nor the grey of not renewed)
INK = "#1A1A1A"  # text: 17.4:1 on white
OUTLINE = "#31333F"  # boundaries: 12.5:1 on white
BACKGROUND = "#FFFFFF"

NOT_RENEWED = "#B8B8B8"  # a listing not renewed: grey, darker than the provinces' #F4F4F4 background it sits on
TYPE_COLORS = {"urbano": BLUE, "diffuso": VERMILION, "unknown": GREY, "not_renewed": NOT_RENEWED}
INSIDE_COLORS = {True: BLUE, False: LIGHT}
CATEGORICAL = (BLUE, VERMILION, GREEN, PINK, BLACK)
# Sequential blues starting at a mid step so the lightest class still stands out with its outline.
SEQUENTIAL = ((0.0, "#9ECAE1"), (0.35, "#4292C6"), (0.7, "#08519C"), (1.0, "#08306B"))

FONT_FAMILY = "'Source Sans Pro', 'Source Sans 3', 'Liberation Sans', Arial, sans-serif"  # bundled or system fonts: no remote fonts


def sizes(presenter: bool) -> dict[str, int]:
    """Font sizes in px: projector-grade (>= 18 px chart text) in presenter mode."""
    if presenter:
        return {"base": 22, "tick": 20, "title": 28, "label": 20, "legend": 20, "map_label": 18}
    return {"base": 14, "tick": 13, "title": 18, "label": 13, "legend": 13, "map_label": 12}


def contrast_ratio(fg: str, bg: str) -> float:
    """WCAG 2.1 contrast ratio of two '#RRGGBB' colours (1.0 to 21.0)."""

    def lum(hex_color: str) -> float:
        h = hex_color.lstrip("#")
        chans = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in chans]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    a, b = lum(fg), lum(bg)
    hi, lo = max(a, b), min(a, b)
    return (hi + 0.05) / (lo + 0.05)


#: Badge colours (Streamlit's named colours) by the column a badge shows, value -> colour; a value not
#: listed takes the column's ``""`` entry. The badge's words always carry the meaning: colour only repeats it.
BADGE_COLORS: dict[str, dict[str, str]] = {
    "confidence": {"high": "green", "medium": "orange", "low": "red", "": "gray"},
    "district_type": {"urbano": "blue", "": "orange"},
    "members_status": {"complete": "green", "": "red"},
    "active_status": {"confirmed": "green", "": "gray"},
    "established_round": {"": "violet"},
    "coverage": {"": "blue"},  # how much of an announced figure the data rebuilds
    "partial": {"": "orange"},  # districts whose comuni list is partial
}
#: On the projector every badge of a district is one colour: the words say it, the room reads it from afar.
PRESENTER_BADGE = "blue"


def badge_color(column: str, value: object = "") -> str:
    """The badge colour of ``value`` in ``column`` (see :data:`BADGE_COLORS`).

    Raises:
        KeyError: for a column without badge colours.
    """
    colors = BADGE_COLORS[column]
    return colors.get(str(value), colors[""])

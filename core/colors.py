"""Colours as the clinic sets them in the admin: parsed, checked for contrast, darkened.

Contrast follows WCAG 2.2: the ratio of the lighter to the darker relative luminance,
each plus 0.05; AA asks 4.5:1 for text and 3:1 for the parts of controls.
"""

import re

from django.core.exceptions import ValidationError

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
WHITE = "#ffffff"
TEXT_AA = 4.5
NON_TEXT_AA = 3.0
# What the accent (the keyboard focus ring, static/css/site.css) is drawn on: it sits 2 px
# outside whatever has focus, on the page's white or on the light grey of the footer and
# the notes. Never on the brand colour: a button's ring has a white band between the two.
FOCUS_RING_BACKGROUNDS = (("white", WHITE), ("the light grey of the footer (#f4f6f7)", "#f4f6f7"))


def validate_hex_color(value):
    if not HEX.match(value or ""):
        raise ValidationError(
            "Write the colour as # and six hex digits, e.g. #0b5c66.", code="bad_color"
        )


def _channels(color):
    return [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]


def luminance(color):
    """WCAG relative luminance of "#rrggbb"."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in _channels(color)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first, second):
    """The WCAG contrast ratio of two colours, from 1 to 21."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def rgb_triplet(color):
    """ "#0b5c66" -> "11, 92, 102", as Bootstrap's --bs-*-rgb properties take it."""
    return ", ".join(str(round(c * 255)) for c in _channels(color))


def darker(color, amount=0.3):
    """The colour mixed with `amount` of black (hover and pressed states)."""
    return "#" + "".join(f"{round(c * 255 * (1 - amount)):02x}" for c in _channels(color))

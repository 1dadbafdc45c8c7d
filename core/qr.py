"""QR codes for printouts, drawn on the server as inline SVG (segno)."""

import segno
from django.utils.html import escape
from django.utils.safestring import mark_safe


def qr_svg(url, label):
    """An <svg> QR code of `url`, named `label` for screen readers; no style attribute."""
    svg = segno.make(url, error="m").svg_inline(
        scale=4, border=2, svgclass="qr-code", lineclass="qr-code-line", omitsize=True
    )
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    # segno's own markup from our own URL: an <svg> and a <path>.
    return mark_safe(svg)  # noqa: S308

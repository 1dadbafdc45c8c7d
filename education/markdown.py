"""Markdown written by staff, rendered to HTML and sanitised with nh3.

Staff text is trusted more than patient text but still never trusted with script:
whatever the Markdown or raw HTML says, only the tags and attributes below survive.
"""

import re

import markdown as markdown_lib
import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "a",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "code",
    "pre",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "abbr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}


def render_markdown(text):
    """Markdown to safe HTML: no script, no event handlers, no javascript: links."""
    html = markdown_lib.markdown(text or "", extensions=["sane_lists", "tables"])
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
    )


def plain_text(text):
    """Markdown to plain words, for reading-level scores and search."""
    html = render_markdown(text)
    words = nh3.clean(html, tags=set())
    return re.sub(r"\s+", " ", words).strip()

"""Markdown written by staff, rendered to HTML and sanitised with nh3.

Staff text is trusted more than patient text but still never trusted with script:
whatever the Markdown or raw HTML says, only the tags and attributes below survive.
"""

import html as htmllib
import re
import threading

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


# Building a Markdown converter costs more than converting a short text, so each
# thread keeps one and resets it between texts (the library's documented reuse).
_converters = threading.local()


def _converter():
    if not hasattr(_converters, "markdown"):
        _converters.markdown = markdown_lib.Markdown(extensions=["sane_lists", "tables"])
    return _converters.markdown.reset()


def render_markdown(text):
    """Markdown to safe HTML: no script, no event handlers, no javascript: links."""
    if not text or text.isspace():
        return ""  # a new question has no answer yet: nothing to convert
    html = _converter().convert(text)
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


_BLOCK_END = re.compile(r"</(p|li|h[2-4]|blockquote|pre|tr)>|<br\s*/?>|<hr\s*/?>", re.IGNORECASE)


def markdown_to_text(text):
    """Markdown as readable plain text, for emails and structured data.

    What a reader sees and nothing more: no `**` or `#`, no HTML comments, no link
    definitions; paragraphs and list items on lines of their own, list items with "- ".
    """
    html = render_markdown(text)
    html = re.sub(r"<li>", "- ", html, flags=re.IGNORECASE)
    html = _BLOCK_END.sub("\n", html)
    words = htmllib.unescape(nh3.clean(html, tags=set()))
    lines = [" ".join(line.split()) for line in words.splitlines()]
    return "\n".join(line for line in lines if line)

"""Markdown written by staff, rendered to HTML and sanitised with nh3.

Staff text is trusted more than patient text but still never trusted with script:
whatever the Markdown or raw HTML says, only the tags and attributes below survive.
"""

import html as htmllib
import re
import threading
from html.parser import HTMLParser

import markdown as markdown_lib
import nh3
from django.utils.html import strip_tags

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


class _TopLevelBlocks(HTMLParser):
    """Where each top-level element of an HTML fragment ends (offsets into the text)."""

    VOID = frozenset({"br", "hr", "img", "input", "wbr"})

    def __init__(self, text):
        super().__init__(convert_charrefs=False)
        # HTMLParser counts lines at "\n" only (not at the other breaks splitlines knows).
        self.line_starts = [0]
        for line in text.split("\n")[:-1]:
            self.line_starts.append(self.line_starts[-1] + len(line) + 1)
        self.depth, self.ends = 0, []
        self.feed(text)
        self.close()

    def _offset(self):
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        self.depth -= 1
        if self.depth == 0:
            self.ends.append(self._offset() + len(f"</{tag}>"))


def split_after_first_block(html, *, min_words=120):
    """(the first top-level block, the rest) of safe HTML from render_markdown, when the
    whole is longer than `min_words` and has more than one block; else (html, "").

    A heading, or a lead-in that ends with a colon ("Several things can add up:"), stays
    with the block it introduces. A caution (a Markdown quote, "> ": what not to do, when
    to stop) never folds: everything up to the last one stays in view."""
    if len(strip_tags(html).split()) <= min_words:
        return html, ""
    ends = _TopLevelBlocks(html).ends
    cut = 0
    while cut < len(ends) - 1:
        block = html[(ends[cut - 1] if cut else 0) : ends[cut]].strip()
        introduces = block.startswith("<h") or strip_tags(block).rstrip().endswith(":")
        if not introduces:
            break
        cut += 1
    starts = [0, *ends[:-1]]
    cautions = [
        i for i, start in enumerate(starts) if html[start:].lstrip().startswith("<blockquote")
    ]
    if cautions:
        cut = max(cut, cautions[-1])
    if cut >= len(ends) - 1:
        return html, ""
    return html[: ends[cut]], html[ends[cut] :].strip()

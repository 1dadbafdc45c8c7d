"""Short extracts with the searched words in <mark>, built in Python so escaping is ours.

Every piece of text is escaped with django.utils.html.escape; only the <mark> tags
we add ourselves are markup.
"""

from collections import Counter

from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.query import WORD, stem

SNIPPET_WORDS = 32
WORDS_BEFORE = 8


def _hits(stems):
    long_stems = tuple(s for s in stems if len(s) >= 3)
    short = {s for s in stems if len(s) < 3}

    def is_hit(word):
        word = word.lower().replace("’", "'")
        if word.endswith("'s"):
            word = word[:-2]
        word = stem(word)
        return word in short or (bool(long_stems) and word.startswith(long_stems))

    return is_hit


def _render(text, spans, is_hit):
    """Escape `text`, wrapping the hit words (spans of WORD matches) in <mark>."""
    out, position = [], 0
    for start, end in spans:
        word = text[start:end]
        if is_hit(word):
            out.append(escape(text[position:start]))
            out.append(f"<mark>{escape(word)}</mark>")
            position = end
    out.append(escape(text[position:]))
    return "".join(out)


def highlight(text, stems):
    """The whole of `text` (a title), escaped, with hits marked."""
    spans = [m.span() for m in WORD.finditer(text)]
    return mark_safe(_render(text, spans, _hits(stems)))  # noqa: S308 - escaped above


def _best_window(text, spans, is_hit, size):
    """(score, begin) of the `size`-word window with the most different hit words."""
    hits = [stem(text[s:e].lower()) if is_hit(text[s:e]) else None for s, e in spans]
    counts = Counter()
    best = (0, 0)
    for i, hit in enumerate(hits):
        if hit:
            counts[hit] += 1
        leaving = i - size
        if leaving >= 0 and hits[leaving]:
            counts[hits[leaving]] -= 1
            if not counts[hits[leaving]]:
                del counts[hits[leaving]]
        if len(counts) > best[0]:
            best = (len(counts), max(0, i - size + 1))
    return best


def snippet(texts, stems, *, fallback=(), size=SNIPPET_WORDS):
    """About `size` words from `texts`: the window with the most searched words, else the start.

    Earlier texts win ties, so put the one that reads best as a summary first. The
    `fallback` texts (lists of names, say) are used only when `texts` have no hit.
    """
    is_hit = _hits(stems)
    texts = [" ".join(t.split()) for t in texts if t and t.strip()]
    if fallback and not any(is_hit(m.group()) for t in texts for m in WORD.finditer(t)):
        texts = [" ".join(t.split()) for t in fallback if t and t.strip()] + texts
    if not texts:
        return ""
    chosen, best = None, (0, 0)
    for text in texts:
        spans = [m.span() for m in WORD.finditer(text)]
        score, begin = _best_window(text, spans, is_hit, size)
        if chosen is None or score > best[0]:
            chosen, best, chosen_spans = text, (score, begin), spans
    spans, begin = chosen_spans, best[1]
    if not spans:
        return ""
    # Start a few words before the first hit in the window, when there is room.
    first = next((i for i in range(begin, len(spans)) if is_hit(chosen[slice(*spans[i])])), begin)
    begin = max(0, min(first - WORDS_BEFORE, len(spans) - size)) if best[0] else 0
    end = min(len(spans), begin + size)
    start_char = spans[begin][0] if begin else 0
    end_char = spans[end - 1][1] if end < len(spans) else len(chosen)
    piece = chosen[start_char:end_char]
    shifted = [(s - start_char, e - start_char) for s, e in spans[begin:end]]
    html = _render(piece, shifted, is_hit)
    prefix = "… " if begin else ""
    suffix = " …" if end < len(spans) else ""
    return mark_safe(prefix + html + suffix)  # noqa: S308 - every piece escaped in _render

"""Looking for a word in what a test got back (an email, a page) that also holds random
values: private link keys, reference codes, CSRF tokens."""

import re


def has_word(text, word):
    """Whether `word` (or a phrase) stands whole in `text`, in any case.

    A bare substring search fails by chance: a private key that happens to hold "HiP"
    contains "hip". A whole word cannot hide inside a key, a reference code or a CSRF
    token; only inside a link key between two of its "-", about once in a million keys
    for a three-letter word."""
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE) is not None

"""Misspelled words corrected from the site's own vocabulary, the same on SQLite and PostgreSQL.

The vocabulary is every word of the public pages' titles and keywords (names, other
names, summaries, key points) and of the synonyms, kept in the cache for the current
content version (a new version after every content change). A word of the query that
is not in it is replaced by the closest word that is (rapidfuzz, optimal string
alignment: a letter missing, extra, wrong or two swapped), when one is close enough.
"""

import hashlib

from django.core.cache import cache
from django.utils import timezone
from rapidfuzz import process
from rapidfuzz.distance import OSA

from core.page_cache import current_version
from search import query as q
from search.models import SearchDocument

MIN_WORD = 4


def _vocabulary_from_index():
    words = set()
    documents = SearchDocument.objects.filter(public_from__lte=timezone.now())
    for title, keywords in documents.values_list("title", "keywords").iterator(chunk_size=2000):
        words.update(q.words(title))
        words.update(q.words(keywords))
    return words


def _cached_vocabulary(synonyms):
    """(words, their stems, the words sorted) of the index and the synonyms, for the
    current content version and synonym list."""
    digest = hashlib.sha256(repr([(s.term, s.equivalents) for s in synonyms]).encode())
    key = f"search:vocabulary:{current_version()}:{digest.hexdigest()[:12]}"
    cached = cache.get(key)
    if cached is None:
        words = _vocabulary_from_index()
        words |= {
            w for synonym in synonyms for phrase in synonym.phrases() for w in q.words(phrase)
        }
        cached = (frozenset(words), frozenset(q.stem(w) for w in words), sorted(words))
        cache.set(key, cached, 60 * 60 * 24)
    return cached


def vocabulary(synonyms=()):
    """The words the site uses (lower case), for the current content version."""
    return _cached_vocabulary(synonyms)[0]


def _slips_allowed(word):
    return 1 if len(word) <= 6 else 2


def correct(text, synonyms=()):
    """(corrected text, True if a word changed), keeping the patient's other words as typed."""
    words = [w for w in q.words(q.clean_query(text)) if w]
    unusual = [w for w in words if len(w) >= MIN_WORD and w not in q.STOP_WORDS]
    if not unusual:
        return text, False
    # Another ending of a known word ("clamshells", "kneecaps") is not a typo.
    known, known_stems, choices = _cached_vocabulary(synonyms)
    if not known:
        return text, False
    changed = False
    corrected = []
    for word in words:
        common = len(word) < MIN_WORD or word in q.STOP_WORDS or word.isdigit()
        if common or word in known or q.stem(word) in known_stems:
            corrected.append(word)
            continue
        match = process.extractOne(
            word, choices, scorer=OSA.distance, score_cutoff=_slips_allowed(word)
        )
        if match:
            corrected.append(match[0])
            changed = True
        else:
            corrected.append(word)
    return " ".join(corrected), changed

"""The site's own vocabulary: misspelled words corrected from it, and how rare a word is.

The vocabulary is every word of the public pages' titles and keywords (names, other
names, summaries, key points) and of the synonyms, with the number of pages using
each, kept in the cache for the current content version (a new version after every
content change). The same on SQLite and PostgreSQL.

- `correct()`: a word of the query that is not in it is replaced by the closest word
  that is (rapidfuzz, optimal string alignment: a letter missing, extra, wrong or two
  swapped), when one is close enough; but never an everyday English word (`lay_words()`):
  "knees cave in" is not a typo of "have", even on a site that never says "cave".
- `most_telling()`: the rarest words of a long text (a question being typed), the ones
  that tell its pages apart; on a large site, common words match thousands of pages
  and only cost time.
"""

import functools
import hashlib
from bisect import bisect_left
from collections import Counter
from importlib import resources
from itertools import accumulate

from django.core.cache import cache
from django.utils import timezone
from rapidfuzz import process
from rapidfuzz.distance import OSA

from core.page_cache import current_version
from search import languages
from search import query as q
from search.models import SearchDocument

MIN_WORD = 4
# Words patients use about their bodies and what they feel that the list of familiar
# words (lay_words) lacks; each stands for its other forms too ("squatting", "joints").
BODY_WORDS = frozenset(
    """ache achy ankle arch buckle bruise calf cartilage collapse cramp elbow exercise
    hamstring injure injury inward inwards joint kneecap knock limp ligament muscle
    numb outward outwards pelvis pop shin sprain squat stiffness swell swollen tendon
    thigh throb tingle twinge twist wobble wrist""".split()  # noqa: SIM905 - reads as prose
)


@functools.cache
def everyday_words():
    """The Dale-Chall list of about 3,000 words most US fourth-graders know, as textstat
    ships it (the admin's reading grade uses textstat)."""
    familiar = resources.files("textstat").joinpath("resources", "en", "easy_words.txt")
    return frozenset(familiar.read_text(encoding="utf-8").split())


@functools.cache
def lay_words():
    """Everyday English words (everyday_words) and BODY_WORDS."""
    return everyday_words() | BODY_WORDS


def _plain_forms(word):
    """The word and what it may be a form of: "caving" -> cave, "hurts" -> hurt, "stairs"
    -> stair, "injuries" -> injury, "popping" -> pop. Not "planter" -> plant: a word
    that is another word with a suffix may be a typo ("planter fasciitis")."""
    forms = {word}
    for ending, replacements in (
        ("ies", ("y",)),
        ("ied", ("y",)),
        ("es", ("", "e")),
        ("s", ("",)),
        ("ed", ("", "e")),
        ("ing", ("", "e")),
    ):
        root = word[: -len(ending)]
        if word.endswith(ending) and len(root) >= 2:
            forms.update(root + replacement for replacement in replacements)
            if len(root) > 2 and root[-1] == root[-2]:
                forms.add(root[:-1])
    return forms


def is_lay_word(word):
    """Is `word` (lower case) an everyday word of the page's language, in one of its forms?"""
    language = languages.current()
    if language.code != "en":
        return not language.everyday_words().isdisjoint({word, word.removesuffix("s")})
    return not lay_words().isdisjoint(_plain_forms(word))


def _pages_per_word():
    """{word: number of public pages with it in their title or keywords}."""
    pages = Counter()
    language = languages.current()
    documents = SearchDocument.objects.filter(
        public_from__lte=timezone.now(), language=language.code
    )
    for title, keywords in documents.values_list("title", "keywords").iterator(chunk_size=2000):
        found = set(q.words(title)) | set(q.words(keywords))
        pages.update({language.plain(word) for word in found})
    return pages


def _cached_vocabulary(synonyms):
    """(words, their stems, the words sorted, running page counts in that order) of the
    index and the synonyms, for the current content version and synonym list."""
    digest = hashlib.sha256(repr([(s.term, s.equivalents) for s in synonyms]).encode())
    # v2: with the page counts; a cache filled by an earlier release holds three items.
    language = languages.current().code
    key = f"search:vocabulary:v3:{language}:{current_version()}:{digest.hexdigest()[:12]}"
    cached = cache.get(key)
    if cached is None:
        pages = _pages_per_word()
        words = set(pages) | {
            languages.current().plain(w)
            for synonym in synonyms
            for phrase in synonym.phrases()
            for w in q.words(phrase)
        }
        choices = sorted(words)
        running = [0, *accumulate(pages.get(w, 0) for w in choices)]
        cached = (frozenset(words), frozenset(q.stem(w) for w in words), choices, running)
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
    stop = q.stop_words()
    unusual = [w for w in words if len(w) >= MIN_WORD and w not in stop]
    if not unusual:
        return text, False
    # Another ending of a known word ("clamshells", "kneecaps") is not a typo.
    known, known_stems, choices, _ = _cached_vocabulary(synonyms)
    if not known:
        return text, False
    changed = False
    corrected = []
    for word in words:
        common = len(word) < MIN_WORD or word in stop or word.isdigit()
        plain = languages.current().plain(word)
        if common or plain in known or q.stem(word) in known_stems or is_lay_word(word):
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


def _pages_using(stem, choices, running):
    """Roughly how many pages have a word starting with `stem` (the search matches word
    starts), from the sorted words and their running page counts."""
    if stem.endswith("y") and len(stem) > 3:
        stem = stem[:-1]  # "injury" also counts "injuries"
    first = bisect_left(choices, stem)
    last = bisect_left(choices, stem + "\uffff", first)
    return running[last] - running[first]


def most_telling(query, pages, synonyms=()):
    """`query` with only its rarest word groups, in their order: the rarest, then the next
    rarest while together they are on at most `pages` pages (as Elasticsearch's common
    terms cut-off). Words no title or keyword has are left out, so a query of words no
    page has ends with no groups: nothing can match."""
    _, _, choices, running = _cached_vocabulary(synonyms)

    def pages_with(group):
        return sum(
            min(_pages_using(stem, choices, running) for stem in alternative)
            for alternative in group
        )

    counted = sorted((pages_with(group), i) for i, group in enumerate(query.groups))
    chosen, total = [], 0
    for n, i in counted:
        if not n:
            continue
        if chosen and total + n > pages:
            break
        chosen.append(i)
        total += n
    return q.ParsedQuery(
        text=query.text,
        groups=[query.groups[i] for i in sorted(chosen)],
        spelled=query.spelled,
        fields=query.fields,
    )

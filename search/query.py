"""What the patient typed, turned into search terms we build ourselves.

The text is never handed to FTS5 MATCH or to_tsquery as it came: it is capped,
split into plain words (letters and digits only), stemmed lightly, expanded with
the synonyms staff keep in the admin, and only then rendered, each word quoted,
into the query language of the backend.
"""

import re
import unicodedata
from dataclasses import dataclass, field

MAX_QUERY_CHARS = 200
MAX_TERMS = 12
MAX_WORD_CHARS = 40
# `any_group` of the renderers: False, every group; True, any group; ANY_TWO, any two
# groups (pages with most of a few words: far fewer than with any of them).
ANY_TWO = 2
# A word of letters and digits, with inner apostrophes ("runner's", "don't").
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# PostgreSQL's English stop words (Snowball's list) and a few more, so that both
# databases leave out the same words; and the short forms as typed on a phone, without
# their apostrophe ("dont" for "don't", which is split into two of these words).
STOP_WORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing don down during each few
    for from further had has have having he her here hers herself him himself his how i if
    in into is it its itself just me more most my myself no nor not now of off on once only
    or other our ours ourselves out over own s same she should so some such t than that the
    their theirs them themselves then there these they this those through to too under until
    up very was we were what when where which while who whom why will with would you your
    yours yourself yourselves
    arent cant couldnt didnt doesnt dont hasnt havent im isnt ive shouldnt wasnt werent
    wouldnt youre""".split()  # noqa: SIM905 - a word list reads better as prose
)


def clean_query(text):
    """The query as we show it back: no control characters, one space, at most 200 chars."""
    text = unicodedata.normalize("NFKC", str(text or ""))[: MAX_QUERY_CHARS * 4]
    text = "".join(" " if unicodedata.category(ch)[0] in "CZ" else ch for ch in text)
    return " ".join(text.split())[:MAX_QUERY_CHARS].strip()


def stem(word):
    """The stem of `word` in the language of the page (search.languages), used as a prefix."""
    from search import languages

    return languages.current().stem(word)


def stop_words():
    """The words a search in the page's language leaves out ("the", "de")."""
    from search import languages

    return languages.current().stop_words


def english_stem(word):
    """A light, predictable English stem, used as a prefix ("kneed" -> "knee", "hikes" -> "hike").

    The databases stem properly (Porter on SQLite, Snowball on PostgreSQL); this only
    makes lay forms meet at a common prefix and lets synonyms match plural forms.
    """
    if len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("eed"):
        return word[:-1]
    if word.endswith("ing") and len(word) > 5:
        return word[:-3]
    if word.endswith("ed") and len(word) > 4:
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text):
    """Lower-case words of `text`, possessive 's dropped ("runner's" -> "runner")."""
    result = []
    for match in WORD.finditer(unicodedata.normalize("NFKC", text).lower()):
        word = match.group().replace("’", "'")
        if word.endswith("'s"):
            word = word[:-2]
        result.extend(part for part in word.split("'") if len(part) > 1 or part.isdigit())
    return [word[:MAX_WORD_CHARS] for word in result]


@dataclass
class ParsedQuery:
    """AND of groups; each group is an OR of alternatives; an alternative is an AND of stems."""

    text: str
    groups: list = field(default_factory=list)
    # The patient's own longer words, unstemmed: for trigram matching of misspellings.
    spelled: list = field(default_factory=list)
    # "titles": match titles and keywords only (names, summaries, key points), not bodies:
    # a quick look-up with a long text (the question being typed on /ask/).
    fields: str = "all"

    def __bool__(self):
        return bool(self.groups)

    @property
    def highlight_stems(self):
        """The stems to mark in titles and snippets: not the little words a synonym's
        phrase carries ("en" of "rodillas en X")."""
        stems = {stem for group in self.groups for alternative in group for stem in alternative}
        return stems - stop_words()


def synonym_table(synonyms):
    """{stems of a phrase: every phrase of its synonym sets, as stems}, from SearchSynonym rows."""
    table = {}
    for synonym in synonyms:
        phrases = [tuple(stem(w) for w in words(p)) for p in synonym.phrases()]
        phrases = [p for p in phrases if p]
        for phrase in phrases:
            table.setdefault(phrase, set()).update(phrases)
    return table


def parse(text, synonyms=()):
    """Turn the patient's text into a ParsedQuery; `synonyms` are SearchSynonym rows."""
    text = clean_query(text)
    typed = words(text)[: MAX_TERMS * 2]
    tokens = [stem(w) for w in typed]
    table = synonym_table(synonyms)
    stop = stop_words()
    longest = max((len(phrase) for phrase in table), default=0)
    groups = []
    i = 0
    while i < len(tokens) and len(groups) < MAX_TERMS:
        for size in range(min(longest, len(tokens) - i), 0, -1):
            phrase = tuple(tokens[i : i + size])
            if phrase in table:
                # The patient's words and every equivalent, longest first for a stable order.
                alternatives = sorted(table[phrase] | {phrase}, key=lambda p: (-len(p), p))
                groups.append(alternatives)
                i += size
                break
        else:
            if typed[i] not in stop and tokens[i] not in stop:
                groups.append([(tokens[i],)])
            i += 1
    spelled = [w for w in dict.fromkeys(words(text)) if len(w) >= 4 and w not in stop]
    return ParsedQuery(text=text, groups=groups, spelled=spelled[:MAX_TERMS])


def _join(groups, any_group, and_, or_):
    if any_group == ANY_TWO and len(groups) > 2:
        # Two of A, B, C: A with one of (B, C), or B with C. Each group is a prefix scan of
        # the index each time it appears, so the longest (synonyms) goes first, once.
        groups = sorted(groups, key=len, reverse=True)
        return or_.join(
            f"({first}{and_}({or_.join(groups[i + 1 :])}))" for i, first in enumerate(groups[:-1])
        )
    return (or_ if any_group else and_).join(groups)


def _fts5_word(word):
    quoted = '"' + word.replace('"', '""') + '"'
    return quoted + "*" if len(word) >= 3 else quoted


def to_fts5(query, *, any_group=False, columns=True):
    """The FTS5 MATCH expression: every word double-quoted, prefix-matched when long enough.

    `columns=False` leaves out the column filter of a "titles" query (for a caller that
    puts its own)."""

    def alternative(stems):
        rendered = " AND ".join(_fts5_word(s) for s in stems)
        return f"({rendered})" if len(stems) > 1 else rendered

    groups = ["(" + " OR ".join(alternative(a) for a in group) + ")" for group in query.groups]
    expression = _join(groups, any_group, " AND ", " OR ")
    if columns and query.fields == "titles":
        return "{title keywords} : (" + expression + ")"
    return expression


def _tsquery_word(word, weights):
    # Words hold only letters and digits; the quotes make each one a single lexeme.
    quoted = "'" + word.replace("'", "''").replace("\\", "\\\\") + "'"
    label = ("*" if len(word) >= 3 else "") + weights
    return f"{quoted}:{label}" if label else quoted


def to_tsquery(query, *, any_group=False, weights=""):
    """A to_tsquery() expression built from our own words (never the raw text).

    `weights="A"` matches the words in the title only; a "titles" query matches the
    title and keywords (A and B).
    """
    weights = weights or ("AB" if query.fields == "titles" else "")

    def alternative(stems):
        rendered = " & ".join(_tsquery_word(s, weights) for s in stems)
        return f"({rendered})" if len(stems) > 1 else rendered

    groups = ["(" + " | ".join(alternative(a) for a in group) + ")" for group in query.groups]
    return _join(groups, any_group, " & ", " | ")

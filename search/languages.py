"""How the site search reads each language of the site: its words' stems, the words it
leaves out, the everyday words it never "corrects", the words that ask for exercises,
and where the database keeps that language's index.

A search is in the language of the page it is made from, as gettext is: `current()`
follows Django's active language (the address, /es/…). The index holds one document
per page and language (SearchDocument.language): English for every page, Spanish for
the pages a PT has translated.

- English: our light stemmer (search.query.stem), matched as word prefixes against
  PostgreSQL's "english" configuration and SQLite's Porter-stemmed FTS5 table.
- Spanish: Snowball's Spanish stemmer (the algorithm of PostgreSQL's "spanish"
  configuration), accents removed, against "spanish" over unaccent() on PostgreSQL and
  an FTS5 table without a stemmer and with diacritics removed on SQLite (our stems are
  prefixes: "rodill" finds "rodilla" and "rodillas").
"""

import functools
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

import snowballstemmer
from django.conf import settings
from django.utils.translation import get_language


def unaccent(text):
    """`text` without its accents ("rótula" -> "rotula"); ñ becomes n, as unaccent() does."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True)
class SearchLanguage:
    code: str
    postgres_config: str
    # The SQLite FTS5 table of this language's documents.
    fts_table: str
    stop_words: frozenset
    stem: Callable[[str], str]
    # Everyday words, never taken for a typo ("rodillas" is not a typo of "rodilla").
    everyday_words: Callable[[], frozenset]
    # Stems of the words that ask for exercises ("exercises for the hip", "ejercicios").
    exercise_words: frozenset
    # Other forms of a body region's name ("feet" -> "foot").
    region_words: dict

    def plain(self, word):
        """A typed word as the index compares it (without accents in Spanish)."""
        return unaccent(word) if self.code != "en" else word


# --- Spanish -----------------------------------------------------------------------

# Snowball's Spanish stop words (PostgreSQL's spanish.stop), the common ones, and their
# forms without accents as typed on a phone.
_SPANISH_STOP = """a al algo algunas algunos ante antes como con contra cual cuando de del
desde donde durante e el él ella ellas ellos en entre era erais eran eras eres es esa esas
ese eso esos esta está estaba estado estamos están estar estas este esto estos estoy fue
fueron fui ha había han has hasta hay la las le les lo los me mi mí mis mucho muchos muy más
nada ni no nos nosotros o os otra otras otro otros para pero poco por porque que qué quien
quienes se sea ser si sí sido sin sobre son su sus también tanto te tengo tiene tienen todo
todos tu tus tú un una uno unos usted ustedes vosotros y ya yo""".split()  # noqa: SIM905
SPANISH_STOP_WORDS = frozenset(_SPANISH_STOP) | frozenset(unaccent(w) for w in _SPANISH_STOP)

_local = threading.local()


def spanish_stem(word):
    """Snowball's Spanish stem of a lower-case word, without accents ("rodillas" -> "rodill")."""
    stemmer = getattr(_local, "spanish", None)
    if stemmer is None:  # a Snowball stemmer keeps state while it works: one per thread
        stemmer = _local.spanish = snowballstemmer.stemmer("spanish")
    return unaccent(stemmer.stemWord(word))


@functools.cache
def spanish_everyday_words():
    """The most common Spanish words (textstat's list, as for English) and words patients
    use about their bodies, in their forms without accents too."""
    listed = resources.files("textstat").joinpath("resources", "es", "easy_words.txt")
    words = set(listed.read_text(encoding="utf-8").split()) | set(SPANISH_BODY_WORDS)
    return frozenset(words | {unaccent(w) for w in words})


SPANISH_BODY_WORDS = """adentro afuera cadera caderas codo dolor duele espalda hombro
hombros hueso ingle inflamado muslo pie pierna piernas pies rodilla rodillas rótula tobillo
tobillos talón cojear cojea hinchazón hinchado torcido""".split()  # noqa: SIM905


def _documents_table():
    from search.models import SearchDocument

    return SearchDocument._meta.db_table


def _english():
    from search import query
    from search.spelling import lay_words

    return SearchLanguage(
        code="en",
        postgres_config="english",
        fts_table=f"{_documents_table()}_fts",
        stop_words=query.STOP_WORDS,
        stem=query.english_stem,
        everyday_words=lay_words,
        exercise_words=frozenset({"exercise", "stretch", "stretche", "strengthen", "workout"}),
        region_words={"feet": "foot", "hips": "hip", "knees": "knee"},
    )


def _spanish():
    return SearchLanguage(
        code="es",
        postgres_config="spanish",
        fts_table=f"{_documents_table()}_fts_es",
        stop_words=SPANISH_STOP_WORDS,
        stem=spanish_stem,
        everyday_words=spanish_everyday_words,
        exercise_words=frozenset(
            spanish_stem(w) for w in ("ejercicios", "estiramientos", "fortalecer", "rutina")
        ),
        region_words={"pies": "pie", "rodillas": "rodilla", "caderas": "cadera"},
    )


@functools.cache
def languages():
    """{code: SearchLanguage} of the site's languages the search reads."""
    known = {"en": _english(), "es": _spanish()}
    return {code: known[code] for code, _ in settings.LANGUAGES if code in known}


def get(code):
    """The SearchLanguage of `code`; English for a language the search cannot read."""
    return languages().get(code) or languages()[settings.LANGUAGE_CODE]


def current():
    """The language of the page being made (Django's active language)."""
    return get(get_language() or settings.LANGUAGE_CODE)

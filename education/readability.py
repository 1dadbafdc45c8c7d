"""Reading level of patient-facing text: the same numbers in the admin and in the tests."""

import math

import textstat
from textstat.textstat import textstatistics

WORDS_PER_MINUTE = 200
TARGET_GRADE = 8


def reading_grade(text):
    """US school grade (Flesch-Kincaid) of plain text; 0 for empty text."""
    if not text.strip():
        return 0.0
    return round(max(textstat.flesch_kincaid_grade(text), 0.0), 1)


def reading_minutes(text):
    return max(1, math.ceil(len(text.split()) / WORDS_PER_MINUTE))


# Spanish: the INFLESZ scale (Szigriszt-Pazos perspicuity, Barrio-Cantalejo 2008): 65 or
# more is "bastante fácil" or easier, what a patient text aims at. A textstat instance of
# its own, so that counting Spanish syllables never changes the English grade's.
SPANISH_TARGET = 65
_spanish = textstatistics()
_spanish.set_lang("es")


def spanish_reading_ease(text):
    """INFLESZ score of plain Spanish text (higher is easier); 100 for empty text."""
    if not text.strip():
        return 100.0
    return round(_spanish.szigriszt_pazos(text), 1)

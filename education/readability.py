"""Reading level of patient-facing text: the same numbers in the admin and in the tests."""

import math

import textstat

WORDS_PER_MINUTE = 200
TARGET_GRADE = 8


def reading_grade(text):
    """US school grade (Flesch-Kincaid) of plain text; 0 for empty text."""
    if not text.strip():
        return 0.0
    return round(max(textstat.flesch_kincaid_grade(text), 0.0), 1)


def reading_minutes(text):
    return max(1, math.ceil(len(text.split()) / WORDS_PER_MINUTE))

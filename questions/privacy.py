"""What in a question's public text could tell the world who asked.

Before a question is published, its public title, public question, Things to Know and
answer are searched for the asker's name (each part of it), email addresses, phone
numbers, street addresses and dates that look like a birth date. Each match is quoted
with where it is, and publishing waits until it is gone. The greeting ("Hello Jordan")
is added by the patient's private page and email, so the answer never needs the name.

Phone numbers are found by Google's libphonenumber (`phonenumbers`). Each part of the
name (first name and surname) is matched as a whole word, written with a capital or not
("jordan" too); only a part that is also an everyday English word (one of the Dale-Chall
list's 3,000, `search.spelling.everyday_words`) must be written with a capital to count,
so that "May" the name is caught and "you may rest" is not.
"""

import re

import phonenumbers
from django.conf import settings

from search.spelling import everyday_words

PUBLIC_PARTS = [
    ("public_title", "The public title"),
    ("public_text", "The public question"),
    ("things_to_know", "Things to Know"),
    ("answer", "The answer"),
    ("red_flags", "When to get help"),
]

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
STREET = re.compile(
    r"\b\d{1,6}\s+(?:[A-Z][\w'-]*\s+){1,3}"
    r"(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Boulevard|Blvd|Court|Ct|Way|Place|Pl"
    r"|Terrace|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq)\b\.?"
)
MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
DATE = re.compile(
    r"\b\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d{2}\b"  # 03/14/1985
    r"|\b(?:19|20)\d{2}-\d{2}-\d{2}\b"  # 1985-03-14
    rf"|\b{MONTHS}\.? \d{{1,2}}(?:st|nd|rd|th)?,? (?:19|20)\d{{2}}\b"  # March 14, 1985
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)? {MONTHS}\.?,? (?:19|20)\d{{2}}\b"  # 14 March 1985
    r"|\b(?:born|DOB|date of birth)\b[^.\n]{0,20}?\b(?:19|20)\d{2}\b",  # born in 1985
    re.IGNORECASE,
)


def _name_parts(name):
    return {part for part in re.findall(r"[^\W\d_]+", name or "") if len(part) >= 2}


def find_in_text(text, name=""):
    """(kind, matched text) for each piece of identifying text in `text`."""
    found = []
    for part in sorted(_name_parts(name)):
        pattern = rf"(?<![\w-]){re.escape(part)}(?![\w-])"
        also_a_word = part.lower() in everyday_words()
        found += [
            ("the asker's name", match.group())
            for match in re.finditer(pattern, text, re.IGNORECASE)
            # "Hope" the name, not "I hope"; "jordan" and "miller" whatever their case.
            if match.group()[0].isupper() or not also_a_word
        ]
    found += [("an email address", m.group()) for m in EMAIL.finditer(text)]
    found += [
        ("a phone number", m.raw_string)
        for m in phonenumbers.PhoneNumberMatcher(text, settings.PHONE_REGION)
    ]
    found += [("a street address", m.group()) for m in STREET.finditer(text)]
    found += [("a date that may be a birth date", m.group()) for m in DATE.finditer(text)]
    return found


def find_identifying_text(question):
    """(where, kind, matched text) for each match in the parts of `question` made public."""
    return [
        (label, kind, match)
        for field, label in PUBLIC_PARTS
        for kind, match in find_in_text(getattr(question, field) or "", question.name)
    ]

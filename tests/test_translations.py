"""The interface in Spanish: no patient template shows English that is not marked for
translation, and every catalogue is translated and compiled."""

import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings

pytestmark = pytest.mark.own_database  # templates and catalogues, no database


BASE = Path(settings.BASE_DIR)

# What patients never see: the admin and the staff's sign-in, and emails to staff.
STAFF_ONLY = (
    "templates/admin/",
    "templates/two_factor/",
    "templates/registration/",
    "questions/templates/questions/email/new_question_notice.txt",
    "questions/templates/questions/email/question_digest.txt",
    "clinic/templates/clinic/email/request_notice.txt",
)


def patient_templates():
    folders = [BASE / "templates", *sorted(BASE.glob("*/templates"))]
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            name = str(path.relative_to(BASE))
            if path.suffix not in {".html", ".txt", ".ics"} or "/admin/" in f"/{name}":
                continue
            if not name.startswith(STAFF_ONLY) and ".venv" not in name:
                yield name


TRANSLATED_BLOCKS = re.compile(
    r"{%-?\s*(blocktranslate|blocktrans|comment)\b.*?%}.*?{%-?\s*end\1\s*-?%}", re.S
)
TAG_OR_VARIABLE = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}", re.S)
# Attributes whose text a patient meets (read aloud, shown on hover, in a link preview).
READ_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "content", "value", "label"}
# A word: two letters or more. What may stay as it is in both languages.
WORD = re.compile(r"[A-Za-z][A-Za-z']+")
SAME_IN_BOTH = {"PT", "QR", "OK", "noindex", "nofollow", "width", "device", "initial", "scale"}


class VisibleText(HTMLParser):
    """The text nodes and read attributes of an HTML template, outside script and style."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value and not (tag == "meta" and name == "content"):
                self.found.append(value)
            elif tag == "meta" and name == "content" and value and " " in value:
                self.found.append(value)  # a description, not a keyword like "noindex"

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)

    def handle_data(self, data):
        if not self._skip:
            self.found.append(data)


def english_left(source, *, html):
    """The words of `source` that no translation tag covers."""
    text = TRANSLATED_BLOCKS.sub(" ", source)
    text = TAG_OR_VARIABLE.sub(" ", text)
    if html:
        parser = VisibleText()
        parser.feed(text)
        parser.close()
        text = " ".join(parser.found)
    return [word for word in WORD.findall(text) if word not in SAME_IN_BOTH]


@pytest.mark.parametrize("name", list(patient_templates()))
def test_every_word_a_patient_reads_is_marked_for_translation(name):
    source = (BASE / name).read_text()
    left = english_left(source, html=name.endswith(".html"))
    assert not left, f"{name}: text not marked for translation: {' '.join(left[:20])}"


def test_the_check_finds_unmarked_text_and_accepts_marked_text():
    marked = '{% load i18n %}<p title="{% translate "Pain" %}">{% translate "Knee" %}</p>'
    assert english_left(marked, html=True) == []
    assert (
        english_left("<p>{% blocktranslate %}Hi {{ n }}{% endblocktranslate %}</p>", html=True)
        == []
    )
    assert english_left('<img alt="A knee">', html=True) == ["knee"]
    assert english_left("<p>Book a visit</p>", html=True) == ["Book", "visit"]
    assert english_left("Your answer is ready", html=False) == ["Your", "answer", "is", "ready"]


def catalogues():
    return sorted(
        str(path.relative_to(BASE))
        for path in BASE.glob("**/locale/es/LC_MESSAGES/django.po")
        if not path.is_relative_to(BASE / ".venv") and "node_modules" not in path.parts
    )


@pytest.mark.parametrize("name", catalogues())
def test_every_catalogue_is_translated_and_compiled(name):
    po = polib.pofile(str(BASE / name))
    untranslated = [entry.msgid for entry in po if not entry.translated()]
    assert not untranslated, f"{name}: no Spanish yet for {untranslated[:10]}"
    mo = polib.mofile(str(BASE / name).replace(".po", ".mo"))
    compiled = {(entry.msgctxt, entry.msgid): (entry.msgstr, entry.msgstr_plural) for entry in mo}
    written = {(entry.msgctxt, entry.msgid): (entry.msgstr, entry.msgstr_plural) for entry in po}
    assert compiled == written, f"{name}: run `make messages` to compile it again"

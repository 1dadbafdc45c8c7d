"""The urgent wording has one owner (core.safety): every page, printout and email says the
clinic's EMERGENCY_NUMBER in the same words, and the pain rule is one text."""

import re

import pytest
from django.core import mail
from django.core.management import call_command

from core import safety
from core.outbox import send_queued
from education.readability import TARGET_GRADE, reading_grade
from exercises.models import Exercise
from questions.models import Question
from tests.words import has_word

pytestmark = pytest.mark.django_db

# Where 911 used to be written by hand: the pages, printouts and forms a patient meets.
PAGES = [
    "/",
    "/articles/",
    "/articles/knock-knees/",
    "/articles/hip-weakness/",
    "/articles/knock-knees/print/",
    "/exercises/",
    "/exercises/hip-hike/",
    "/exercises/hip-hike/print/",
    "/questions/",
    "/ask/",
    "/book/",
    "/ask/thanks/",
    "/clinics/",
    "/no-such-page/",
]


@pytest.fixture
def demo(settings):
    settings.DEBUG = False  # content only, no staff accounts
    call_command("seed_demo")


def _emails_and_private_pages(client):
    """Every email a patient gets (question received, answer ready, declined, booking
    confirmed), and the private pages: the answer and the home program with its printout."""
    from clinic.services import request_appointment
    from questions.services import decline_question, send_answer, submit_question
    from tests.factories import make_program, make_staff

    asked = submit_question(name="Jo Diaz", email="jo@example.com", text="My knee hurts.")
    asked.things_to_know = "One.\nTwo.\nThree."
    asked.answer = "Try the wall sit."
    asked.answered_by = Question.objects.published().first().answered_by
    asked.save()
    send_answer(asked, by=make_staff("maya"))
    declined = submit_question(name="Al Roe", email="al@example.com", text="Hello?")
    decline_question(declined, reason="We need to see you.")
    request_appointment(name="Jo Diaz", email="jo@example.com", phone="312 555 0100")
    send_queued()
    program = make_program(exercises=Exercise.objects.published()[:3])
    pages = {
        "private answer": client.get(Question.objects.get(pk=asked.pk).private_url()),
        "program": client.get(f"/my-program/{program.link_key}/"),
        "program printout": client.get(f"/my-program/{program.link_key}/print/"),
    }
    return mail.outbox, pages


def test_every_page_printout_and_email_says_the_clinics_emergency_number(client, demo, settings):
    settings.EMERGENCY_NUMBER = "112"
    question = Question.objects.published().first()
    pages = {url: client.get(url) for url in PAGES}
    pages[question.get_absolute_url()] = client.get(question.get_absolute_url())
    pages["answer printout"] = client.get(f"{question.get_absolute_url()}print/")
    emails, private = _emails_and_private_pages(client)
    pages |= private
    for where, response in pages.items():
        text = response.content.decode()
        assert response.status_code in (200, 404), where
        assert not has_word(text, "911"), where
        assert re.search(r"\b112\b", text), where
    assert len(emails) >= 5
    for email in emails:
        assert not has_word(email.body, "911"), email.subject
    patient_emails = [email for email in emails if "jo@" in email.to[0] or "al@" in email.to[0]]
    assert len(patient_emails) == 5  # 2 received, the answer, the decline, the booking
    for email in patient_emails:
        assert "Call 112 or go to the emergency department now if you have:" in email.body


def test_the_box_that_says_now_holds_only_now(client, demo):
    page = client.get("/articles/knock-knees/").content.decode()
    box = page.split('<aside class="red-flags"', 1)[1].split("</aside>", 1)[0]
    assert "When to get help</h2>" in box
    assert "When to get help now" not in page
    # Each group says how soon in its own heading, most urgent first.
    headings = re.findall(r"<strong>(.*?)</strong>", box)
    order = [safety.heading(urgency) for urgency in safety.URGENCY]
    assert headings == sorted(headings, key=order.index)


def test_the_emergency_number_must_be_digits(settings):
    import importlib
    import os

    from django.core.exceptions import ImproperlyConfigured

    import config.settings

    os.environ["EMERGENCY_NUMBER"] = "call nine one one"
    try:
        with pytest.raises(ImproperlyConfigured, match="EMERGENCY_NUMBER"):
            importlib.reload(config.settings)
    finally:
        del os.environ["EMERGENCY_NUMBER"]
        importlib.reload(config.settings)


def test_the_pain_rule_is_said_once_on_each_exercise_page_and_handout(client, demo):
    exercise = Exercise.objects.published().first()
    for url in (exercise.get_absolute_url(), exercise.get_print_url()):
        page = client.get(url).content.decode()
        assert page.count(safety.PAIN_RULE) == 1, url


def test_every_sentence_of_the_safety_wording_reads_at_grade_8_or_lower():
    texts = [safety.PAIN_RULE, *(safety.heading(urgency) for urgency in safety.URGENCY)]
    texts += [sign for signs in safety.GENERAL_SIGNS.values() for sign in signs]
    sentences = [s for text in texts for s in re.split(r"(?<=[.!?])\s+", text) if s]
    assert {s: reading_grade(s) for s in sentences if reading_grade(s) > TARGET_GRADE} == {}

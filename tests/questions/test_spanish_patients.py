"""A patient who writes in Spanish keeps Spanish: every email to them and their private
pages; the PT and the front desk see the language and answer in it."""

import re

import pytest
from django.core import mail

from core.outbox import send_queued
from portal.roles import PHYSICAL_THERAPISTS
from questions import services
from questions.models import Question
from tests.clinic.test_booking import booking
from tests.factories import (
    make_exercise,
    make_exercise_translation,
    make_program,
    make_staff,
    make_therapist,
)
from tests.questions.test_ask import ask_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    def send(url, data):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, data, follow=True)
        send_queued()
        return response

    return send


def test_a_question_asked_in_spanish_is_confirmed_and_answered_in_spanish(client, post, regions):
    make_staff("pt", group=PHYSICAL_THERAPISTS)
    response = post("/es/ask/", ask_data(region=regions["knee"].pk))
    question = Question.objects.get()

    assert response.redirect_chain[-1][0] == "/es/ask/thanks/"
    assert question.language == "es"
    confirmation = next(m for m in mail.outbox if m.to == ["pat@example.com"])
    assert confirmation.subject.startswith("Recibimos su pregunta")
    assert "emergencia" in confirmation.body.lower()
    (staff_notice,) = [m for m in mail.outbox if m.to != ["pat@example.com"]]
    assert "Asked in Spanish: please answer in Spanish." in staff_notice.body
    assert f"(reference {question.reference}, knee)" in staff_notice.body  # staff read English

    mail.outbox.clear()
    question.answer = "Gracias por su pregunta. Haga estos ejercicios."
    question.things_to_know = "Es común.\nSuele mejorar.\nEl ejercicio ayuda."
    question.answered_by = make_therapist()
    question.save()
    services.send_answer(question, by=make_staff())
    send_queued()

    (answer,) = mail.outbox
    assert answer.subject.startswith("Su respuesta está lista")
    assert "Gracias por su pregunta" not in answer.body  # no health text by email
    page = client.get(re.search(r"/es/answers/[\w-]+/", answer.body).group())
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="es">' in html and "Gracias por su pregunta" in html


def test_the_queue_shows_the_language_each_question_was_asked_in(client):
    Question.objects.create(name="Ana", email="ana@example.com", text="x" * 30, language="es")
    client.force_login(make_staff(superuser=True))

    page = client.get("/admin/questions/question/?language=es").content.decode()

    assert "Spanish" in page


def test_a_booking_from_a_spanish_page_asks_the_front_desk_for_a_spanish_speaking_call(post):
    from clinic.models import AppointmentRequest

    post("/es/book/", booking())

    request = AppointmentRequest.objects.get()
    assert request.language == "es"
    notice = next(m for m in mail.outbox if m.to != ["pat@example.com"])
    confirmation = next(m for m in mail.outbox if m.to == ["pat@example.com"])
    assert "Needs a Spanish-speaking call" in notice.body
    assert "Recibimos su solicitud" in confirmation.subject


def test_a_program_in_spanish_is_emailed_and_shown_in_spanish():
    from django.test import Client

    from programs.services import email_link

    exercise = make_exercise(name="Hip hike")
    make_exercise_translation(exercise, name="Elevación de cadera")
    program = make_program(exercises=[exercise], email="pat@example.com", language="es")

    email_link(program)
    send_queued()

    (email,) = mail.outbox
    assert "Hip hike" not in email.body and "Elevación" not in email.body
    path = re.search(r"/es/my-program/[\w-]+/", email.body).group()
    html = Client().get(path).content.decode()
    assert '<html lang="es">' in html
    assert "Elevación de cadera" in html and "Hip hike" not in html
    assert "Levante una rodilla." in html


def test_staff_see_a_published_answer_whose_english_changed_after_its_spanish(client):
    from questions.models import QuestionTranslation
    from tests.factories import make_question

    changed = make_question(public_title="Why do my knees turn in?")
    current = make_question(public_title="Is it safe to run with heel pain?")
    for question in (changed, current):
        QuestionTranslation.objects.create(
            question=question,
            language="es",
            published=True,
            reviewer=make_therapist(),
            public_title="Título",
            public_text="Pregunta.",
            answer="Respuesta.",
        )
    changed.answer = "A new English answer."
    changed.save()
    client.force_login(make_staff(superuser=True))

    url = "/admin/questions/question/?queue=all&translation=es-outdated"
    page = client.get(url).content.decode()

    assert "Why do my knees turn in?" in page and "heel pain" not in page

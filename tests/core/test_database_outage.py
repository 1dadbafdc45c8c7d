"""A database that is restarting when a patient presses Send: a 503 that keeps the form."""

from html.parser import HTMLParser

import pytest
from django.db import OperationalError
from django.utils import timezone

from clinic.models import AppointmentRequest
from programs.models import ExerciseLog
from questions.models import Question
from tests.clinic.test_booking import booking
from tests.factories import make_exercise, make_program
from tests.questions.test_ask import QUESTION_TEXT, ask_data

pytestmark = pytest.mark.django_db


class HiddenInputs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.fields = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") == "hidden":
            self.fields.append((attrs["name"], attrs.get("value", "")))


def resend(client, response, path):
    """Press "Send again" on the 503 page: post its hidden fields back."""
    parser = HiddenInputs()
    parser.feed(response.content.decode())
    data = {}
    for name, value in parser.fields:
        data.setdefault(name, []).append(value)
    return client.post(path, data, follow=True)


def restarting(*args, **kwargs):
    raise OperationalError("the database system is shutting down")


def test_a_question_sent_while_the_database_restarts_is_kept_and_sends_once(
    client, monkeypatch, caplog
):
    monkeypatch.setattr("questions.views.services.submit_question", restarting)
    response = client.post("/ask/", ask_data(name="Patricia Q"))

    assert response.status_code == 503
    assert response["Retry-After"]
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "Nothing was saved yet" in page
    assert "Thank you" not in page
    assert QUESTION_TEXT.replace("'", "&#x27;") in page  # shown back as typed
    assert Question.objects.count() == 0
    # One line in the log, naming neither the patient nor the question.
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "Database unavailable during POST /ask/" in logged
    assert "Patricia" not in logged and "knees" not in logged

    monkeypatch.undo()  # the database is back
    sent = resend(client, response, "/ask/")
    assert sent.redirect_chain[-1][0] == "/ask/thanks/"
    again = resend(client, response, "/ask/")  # pressed twice: still one question
    assert again.redirect_chain[-1][0] == "/ask/thanks/"
    question = Question.objects.get()
    assert (question.name, question.text) == ("Patricia Q", QUESTION_TEXT)


def test_a_booking_sent_while_the_database_restarts_keeps_every_choice(client, monkeypatch):
    monkeypatch.setattr("clinic.views.request_appointment", restarting)
    response = client.post("/book/", booking())
    assert response.status_code == 503
    assert AppointmentRequest.objects.count() == 0

    monkeypatch.undo()
    sent = resend(client, response, "/book/")
    assert sent.redirect_chain[-1][0].startswith("/book/thanks/")
    request = AppointmentRequest.objects.get()
    assert request.preferred_days == ["mon", "wed"]
    assert request.reason == "Pain under the kneecap on stairs."


def test_an_exercise_logged_while_the_database_restarts_is_kept_and_logs_once(
    client, monkeypatch, time_machine
):
    # From noon: sent again after midnight, the log would be the next day's, a second one.
    time_machine.move_to(timezone.localtime().replace(hour=12, minute=0, second=0))
    program = make_program(exercises=[make_exercise(name="Hip hike")])
    item = program.items.get()
    path = f"/my-program/{program.link_key}/done/{item.pk}/"
    monkeypatch.setattr("programs.views.services.log_exercise", restarting)
    response = client.post(path, {"pain": "3", "effort": "hard", "comment": "Knee clicked"})
    assert response.status_code == 503
    page = response.content.decode()
    assert "Nothing was saved yet" in page
    assert "Knee clicked" in page  # the comment is shown back; the choices go back hidden
    assert response["Referrer-Policy"] == "strict-origin"  # its address is the secret
    assert ExerciseLog.objects.count() == 0

    monkeypatch.undo()
    sent = resend(client, response, path)
    assert "Saved: Hip hike, today." in sent.content.decode()
    resend(client, response, path)  # pressed twice: still one log
    log = ExerciseLog.objects.get()
    assert (log.pain, log.effort, log.comment) == (3, "hard", "Knee clicked")


def test_a_page_that_cannot_reach_the_database_says_to_try_again_without_a_form(
    client, monkeypatch
):
    monkeypatch.setattr("questions.views.QuestionListView.get_queryset", restarting)
    response = client.get("/questions/")
    assert response.status_code == 503
    assert "Please try again in a moment" in response.content.decode()
    assert "<form" not in response.content.decode()

"""The patient's side of a home exercise program: the private page, logging, print, calendar."""

import logging
import re
from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from programs.models import ExerciseLog, ProgramExercise
from tests.factories import make_exercise, make_program

pytestmark = pytest.mark.django_db


def noon(day):
    return timezone.make_aware(datetime.combine(day, time(12)))


def page_url(program):
    return f"/my-program/{program.link_key}/"


def log(client, program, item, **data):
    data = {"pain": "2", "effort": "right", "comment": "", **data}
    return client.post(f"{page_url(program)}done/{item.pk}/", data)


def test_the_patient_sees_their_exercises_doses_and_the_pts_notes(client, exercises, pt):
    program = make_program(exercises=exercises, therapist=pt, note="Do these after your walk.")
    first = program.items.first()
    first.sets, first.note = 3, "Only go as low as it does not hurt."
    first.save()
    response = client.get(page_url(program))
    page = response.content.decode()
    assert response.status_code == 200
    for exercise in exercises:
        assert exercise.name.replace("'", "&#x27;") in page
    assert "3 sets" in page  # the PT's dose, not the exercise's 2 sets
    assert "12 times" in page  # the exercise's own dose where the PT set none
    assert "Do these after your walk." in page
    assert "Only go as low as it does not hurt." in page
    assert "From Maya, your physical therapist" in page
    assert (
        "0 is no pain, 10 the worst you can imagine" in page
    )  # the pain scale, explained in words
    assert page.count("7&nbsp;strong") == len(exercises)  # and under each form's buttons


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_page_is_private_never_cached_indexed_or_referred(client, exercises, language):
    program = make_program(exercises=exercises)
    response = client.get(program.patient_url(language))
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    # The key is never sent on, not even to our own stylesheets (a proxy would log it).
    assert response["Referrer-Policy"] == "strict-origin"
    assert '<meta name="referrer" content="strict-origin">' in response.content.decode()
    # Nor from a page under it that does not exist.
    missing = client.get(program.patient_url(language) + "no-such-page/")
    assert missing.status_code == 404 and missing["Referrer-Policy"] == "strict-origin"
    assert missing["X-Robots-Tag"] == "noindex, nofollow"
    assert "Pat D." not in response.content.decode()  # the clinic's label stays in the clinic
    assert "/my-program/" not in client.get("/sitemap.xml").content.decode()
    assert "Pat D." not in client.get("/search/?q=Pat").content.decode()


def test_logging_three_exercises_shows_this_weeks_progress(client, exercises):
    program = make_program(exercises=exercises)
    items = list(program.items.all())
    for item, pain in zip(items, (1, 2, 3), strict=True):
        response = log(client, program, item, pain=str(pain), comment="Felt fine")
        assert response.status_code == 302
        assert response["Location"].endswith(f"?logged={item.pk}#item-{item.pk}")
    page = client.get(page_url(program) + f"?logged={items[0].pk}").content.decode()
    assert "Saved: Hip hike, today" in page
    assert "Last 7 days: done on 1 day</strong> (your goal: 5 days a week)" in page
    assert "Last 7 days: done on 1 day</strong> (your goal: 3 days a week)" in page
    assert "Done today: pain 3 out of 10, about right" in page
    assert sorted(ExerciseLog.objects.values_list("pain", flat=True)) == [1, 2, 3]


def test_a_double_submit_logs_once_and_a_second_log_that_day_changes_it(client, exercises):
    program = make_program(exercises=exercises)
    item = program.items.first()
    log(client, program, item, pain="2")
    log(client, program, item, pain="2")
    log(client, program, item, pain="4", effort="hard")
    assert ExerciseLog.objects.count() == 1
    entry = ExerciseLog.objects.get()
    assert (entry.pain, entry.effort, entry.day) == (4, "hard", timezone.localdate())


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"pain": ""}, "Choose how much it hurt"),
        ({"pain": "11"}, "Select a valid choice"),
        ({"effort": "awful"}, "Select a valid choice"),
        ({"comment": "x" * 301}, "at most 300 characters"),
    ],
)
def test_a_bad_log_gets_a_clear_message_keeps_the_comment_and_saves_nothing(
    client, exercises, data, message
):
    program = make_program(exercises=exercises)
    item = program.items.first()
    response = log(client, program, item, **{"comment": "Knee clicked", **data})
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    if "comment" not in data:
        assert 'value="Knee clicked"' in page
    assert ExerciseLog.objects.count() == 0


def test_another_programs_exercise_cannot_be_logged_with_this_link(client, exercises):
    mine, theirs = make_program(exercises=exercises), make_program(exercises=exercises)
    response = log(client, mine, theirs.items.first())
    assert response.status_code == 302
    assert ExerciseLog.objects.count() == 0


def test_the_link_stops_working_after_revoke_renew_and_expiry(client, exercises, settings):
    from programs import services

    program = make_program(exercises=exercises)
    old = page_url(program)
    services.revoke_link(program)
    gone = client.get(old)
    assert gone.status_code == 410
    assert "This link no longer works" in gone.content.decode()
    assert log(client, program, program.items.first()).status_code == 410
    services.renew_link(program)
    assert client.get(old).status_code == 410
    assert client.get(page_url(program)).status_code == 200
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    last_day = program.end_date + timedelta(days=30)
    with time_machine.travel(noon(last_day), tick=False):
        assert client.get(page_url(program)).status_code == 200
    with time_machine.travel(noon(last_day + timedelta(days=1)), tick=False):
        assert client.get(page_url(program)).status_code == 410
    assert client.get("/my-program/not-a-key/").status_code == 410


def test_the_page_and_a_log_cost_the_same_queries_for_2_or_6_exercises(client):
    from programs.models import (
        ProgramMessage,
        ProgramQuestionnaire,
        Questionnaire,
        QuestionnaireResponse,
    )

    def queries(count):
        exercises = [make_exercise(steps=("One.", "Two.", "Three.")) for _ in range(count)]
        program = make_program(
            exercises=exercises,
            logs=[(day, n, 2, "right") for day in range(6) for n in range(count)],
        )
        # As many messages, and 2 or 4 questionnaires with answered rounds.
        for number in range(count):
            ProgramMessage.objects.create(program=program, text=f"Message {number}.")
        for questionnaire in Questionnaire.objects.all()[: count - 2 or 2]:
            assignment = ProgramQuestionnaire.objects.create(
                program=program, questionnaire=questionnaire, starts_on=program.start_date
            )
            QuestionnaireResponse.objects.create(
                assignment=assignment, due_on=program.start_date, score=1,
                completed_at=timezone.now(),
            )  # fmt: skip
        client.get(page_url(program))  # the clinic's phone is cached after the first page
        with CaptureQueriesContext(connection) as page:
            assert client.get(page_url(program)).status_code == 200
        with CaptureQueriesContext(connection) as posted:
            assert log(client, program, program.items.last()).status_code == 302
        return len(page), len(posted)

    assert queries(2) == queries(6)


def test_the_calendar_file_reminds_on_the_chosen_days_until_the_end(client, exercises):
    program = make_program(exercises=exercises, end_date=timezone.localdate() + timedelta(days=30))
    response = client.get(
        f"{page_url(program)}reminders.ics", {"days": ["MO", "WE", "FR"], "time": "07:30"}
    )
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    [event] = calendar.walk("VEVENT")
    rule = event["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"]
    assert rule["BYDAY"] == ["MO", "WE", "FR"]
    assert rule["UNTIL"][0].date() == program.end_date
    start = event.decoded("DTSTART")
    assert (start.hour, start.minute) == (7, 30)
    # The first reminder is on a chosen day, from today on (the program started earlier).
    assert start.weekday() in (0, 2, 4)
    assert 0 <= (start.date() - timezone.localdate()).days < 7
    content = response.content.decode()
    assert program.link_key not in content and program.link_key[:8] not in content
    assert "Pat D." not in content
    assert calendar.walk("VALARM")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"time": "18:00"}, "Choose at least one day."),
        ({"days": ["MO"], "time": "25:99"}, "Write the time like 18:00."),
        ({"days": ["xyz"], "time": "18:00"}, "Select a valid choice"),
        ({"days": ["TU"], "time": "x" * 5000}, "Write the time like 18:00."),
    ],
)
def test_a_calendar_request_that_cannot_be_made_says_why_and_keeps_the_choices(
    client, exercises, query, message
):
    program = make_program(exercises=exercises)
    response = client.get(f"{page_url(program)}reminders.ics", query)
    assert response.status_code == 400
    page = response.content.decode()
    assert "No calendar file yet" in page and message in page
    assert page.startswith("<!doctype html>") and "<title>No calendar file yet:" in page
    assert f'action="{page_url(program)}reminders.ics#reminders"' in page  # back to it
    days = query.get("days", [])
    for number, code in enumerate(("MO", "TU")):  # what was chosen is still chosen
        assert (f'value="{code}" id="calendar-days_{number}" checked' in page) == (code in days)


def test_a_day_chosen_twice_is_reminded_once(client, exercises):
    program = make_program(exercises=exercises)
    response = client.get(
        f"{page_url(program)}reminders.ics", {"days": ["MO", "MO", "FR"], "time": "07:30"}
    )
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    assert event["RRULE"]["BYDAY"] == ["MO", "FR"]


def test_the_printout_has_every_exercise_its_dose_and_a_qr_code(client, exercises):
    program = make_program(exercises=exercises)
    page = client.get(f"{page_url(program)}print/").content.decode()
    assert 'class="qr-code"' in page
    assert "QR code: opens your exercise program" in page
    assert all(exercise.name.replace("'", "&#x27;") in page for exercise in exercises)
    assert "2 sets" in page


def test_the_private_key_never_reaches_a_log_line(client, exercises, caplog):
    program = make_program(exercises=exercises)
    from core.log_filters import RedactPrivateLinks

    record = logging.LogRecord(
        "django.server", logging.INFO, "", 0, '"GET %s HTTP/1.1" 200', (page_url(program),), None
    )
    RedactPrivateLinks().filter(record)
    assert program.link_key not in record.getMessage()
    assert record.getMessage() == '"GET /my-program/[key]/ HTTP/1.1" 200'
    # However the address is spelt: percent-encoded, or in capitals (a 404, still logged).
    for path in (f"/my-%70rogram/{program.link_key}/", f"/MY-PROGRAM/{program.link_key}/"):
        record = logging.LogRecord("django.server", logging.INFO, "", 0, "GET %s", (path,), None)
        RedactPrivateLinks().filter(record)
        assert program.link_key not in record.getMessage(), path
    # Decoding never lets an address write a line of its own into the log.
    forged = f"/my-program/{program.link_key}%0A[fake line]/"
    record = logging.LogRecord("django.server", logging.INFO, "", 0, "GET %s", (forged,), None)
    RedactPrivateLinks().filter(record)
    assert "\n" not in record.getMessage() and "\\x0a[fake line]" in record.getMessage()
    with caplog.at_level(logging.WARNING):
        client.get(f"/my-program/{program.link_key}x/")  # a 410, logged by Django
    handler_filter = RedactPrivateLinks()
    for entry in caplog.records:
        handler_filter.filter(entry)
        assert program.link_key not in entry.getMessage()


@time_machine.travel(noon(datetime(2026, 11, 27).date()), tick=False)
def test_this_week_shows_the_last_seven_days_with_words_not_only_marks(client, exercises):
    program = make_program(exercises=exercises, logs=[(1, 0, 2, "right"), (3, 0, 2, "right")])
    page = client.get(page_url(program)).content.decode()
    assert "Last 7 days: done on 2 days</strong> (your goal: 5 days a week)" in page
    assert page.count('<span class="visually-hidden">done</span>') == 2


def test_an_ended_program_says_so_and_offers_no_logging_or_reminders(client, exercises):
    today = timezone.localdate()
    program = make_program(
        exercises=exercises, start_date=today - timedelta(days=30), end_date=today - timedelta(1)
    )
    page = client.get(page_url(program)).content.decode()
    assert "This program ended on" in page
    assert "Done today" not in page and "Add to my calendar" not in page
    response = client.get(
        f"{page_url(program)}reminders.ics", {"days": ["MO", "TU", "WE"], "time": "07:30"}
    )
    assert response.status_code == 400
    assert "Your program ends before the first of these days." in response.content.decode()
    assert log(client, program, program.items.first(), pain="9").status_code == 302
    assert not ExerciseLog.objects.exists()


def test_a_program_that_starts_later_says_when_and_takes_no_logs_yet(client, exercises):
    start = timezone.localdate() + timedelta(days=10)
    program = make_program(exercises=exercises, start_date=start, end_date=start + timedelta(30))
    page = client.get(page_url(program)).content.decode()
    assert f'This program starts on <time datetime="{start:%Y-%m-%d}">' in page
    assert "Done today" not in page
    log(client, program, program.items.first())
    assert not ExerciseLog.objects.exists()


def test_a_bad_log_is_shown_at_its_exercise_with_the_page_title_saying_so(client, exercises):
    program = make_program(exercises=exercises)
    item = program.items.last()
    page = client.get(page_url(program)).content.decode()
    # The form sends the patient back to this exercise, where the message is.
    assert f'action="{page_url(program)}done/{item.pk}/#item-{item.pk}"' in page
    page = log(client, program, item, pain="").content.decode()
    assert "<title>Not saved: Your home exercises" in page
    heading = page.index("<h2>Wall sit</h2>")
    message = page.index("Not saved yet. Please check this in the form below")
    assert 0 < message - heading < 200


def test_an_exercise_the_pt_took_out_is_not_logged_and_the_patient_is_told(client, exercises):
    program = make_program(exercises=exercises)
    item = program.items.first()
    page_before = client.get(page_url(program))  # the page is open on the phone...
    assert page_before.status_code == 200
    ProgramExercise.objects.filter(pk=item.pk).delete()  # ...when the PT takes it out
    response = log(client, program, item, pain="3")
    assert response["Location"].endswith("?removed")
    page = client.get(response["Location"]).content.decode()
    assert "taken that exercise out of your program, so nothing was saved" in page
    assert not ExerciseLog.objects.exists()


def test_the_log_address_and_head_requests_lead_somewhere(client, exercises):
    program = make_program(exercises=exercises)
    item = program.items.first()
    for method in (client.get, client.head):  # a reload after the form
        response = method(f"{page_url(program)}done/{item.pk}/")
        assert response.status_code == 302 and response["Location"] == page_url(program)
    for path in ("", "print/"):
        assert client.head(page_url(program) + path).status_code == 200


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("a\x01\x07\x1b[31mred\x7f\r\nok", "a   [31mred   ok"),
        ("sore \u202eecnalab", "sore  ecnalab"),  # no text turned around
        (
            "family walk 👨\u200d👩\u200d👧 ok",
            "family walk 👨\u200d👩\u200d👧 ok",
        ),  # emoji stay whole
    ],
)
def test_a_comment_keeps_no_control_characters(client, exercises, sent, kept):
    program = make_program(exercises=exercises)
    log(client, program, program.items.first(), comment=sent)
    assert ExerciseLog.objects.get().comment == kept


def test_a_draft_exercise_on_the_program_shows_without_a_link_to_its_page(client, exercises):
    program = make_program(exercises=exercises)
    exercises[0].status = "draft"
    exercises[0].save()
    page = client.get(page_url(program)).content.decode()
    assert "<h2>Hip hike</h2>" in page
    assert f'href="{exercises[0].get_absolute_url()}"' not in page
    assert f'href="{exercises[1].get_absolute_url()}"' in page


def test_the_booking_links_never_carry_the_private_address(client, exercises):
    from clinic.forms import local_path

    program = make_program(exercises=exercises)
    for url in (page_url(program), f"{page_url(program)}print/", "/my-program/gone-key/"):
        page = client.get(url).content.decode()
        assert program.link_key not in "".join(re.findall(r'href="/book/[^"]*"', page)), url
        assert 'href="/book/?from=/my-program/"' in page, url  # the kind of page only
    # Nor is such an address kept as a booking's source, however it arrives: its kind only.
    assert local_path(page_url(program)) == "/my-program/"
    assert local_path(program.patient_url("es")) == "/my-program/"
    assert local_path("/answers/secret-key/") == "/answers/"
    assert local_path("/articles/knock-knees/") == "/articles/knock-knees/"


def test_a_log_sent_without_the_sites_cookie_says_nothing_was_saved_and_what_to_do(exercises):
    from django.test import Client

    program = make_program(exercises=exercises)
    browser = Client(enforce_csrf_checks=True)  # cookies blocked: no token, no cookie
    response = log(browser, program, program.items.first())
    assert response.status_code == 403
    page = response.content.decode()
    assert "Nothing was saved." in page and "Reload the page" in page
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "strict-origin"  # at the private address too
    assert not ExerciseLog.objects.exists()

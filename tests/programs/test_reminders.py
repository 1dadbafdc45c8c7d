"""Email reminders a patient asks for on their program's page: double opt-in, each due
reminder sent once, no health text, one-click stop, a gentle nudge when quiet, and the
address gone with the reminders or the program. Time is moved by passing `now`."""

import io
import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from core.models import OutboundEmail
from core.outbox import send_queued
from programs import reminders as reminders_service
from programs.models import Reminders
from programs.services import erase_program, revoke_link
from tests.factories import make_program

CLINIC = ZoneInfo(settings.TIME_ZONE)


def at(day, hour, minute=0, zone=CLINIC):
    return datetime.combine(day, time(hour, minute), tzinfo=zone)


def next_weekday(code, after=None):
    """The next date (from tomorrow) that is this weekday ("MO", ...)."""
    day = (after or timezone.localdate()) + timedelta(days=1)
    while reminders_service.DAY_CODES[day.weekday()] != code:
        day += timedelta(days=1)
    return day


def ask(client, program, *, email="pat@example.com", days=("MO", "WE", "FR"), at_time="18:00",
        zone=settings.TIME_ZONE, language_prefix=""):  # fmt: skip
    return client.post(
        f"{language_prefix}/my-program/{program.link_key}/email-reminders/",
        {"email": email, "days": list(days), "time": at_time, "time_zone": zone},
    )


def sent():
    """The emails the outbox sends now."""
    mail.outbox.clear()
    send_queued()
    return list(mail.outbox)


def path_of(body, fragment):
    """The path of the first link in `body` that contains `fragment`."""
    for url in re.findall(r"https?://\S+", body):
        if fragment in url:
            return "/" + url.split("://", 1)[1].split("/", 1)[1]
    raise AssertionError(f"no link with {fragment} in {body}")


@pytest.fixture
def program(exercises):
    # Started 10 days ago, logged yesterday: running and not quiet.
    program = make_program(exercises=exercises, logs=[(1, 0, 2, "right")])
    return program


def confirmed(client, program, **kwargs):
    ask(client, program, **kwargs)
    confirmation = sent()[0]
    client.post(path_of(confirmation.body, "/confirm/"))
    return Reminders.objects.get(program=program)


def test_asking_sends_one_confirmation_and_nothing_else_until_it_is_followed(client, program):
    response = ask(client, program)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Check your email" in page and "Reminders start only after" in page
    assert "Email reminders are on" not in page  # never said before it is true

    emails = sent()
    assert len(emails) == 1
    confirmation = emails[0]
    assert confirmation.to == ["pat@example.com"]
    assert "/reminders/" in confirmation.body and "/confirm/" in confirmation.body
    assert "Hip hike" not in confirmation.body and program.link_key not in confirmation.body

    # Due time on a chosen day, not confirmed: nothing.
    monday = next_weekday("MO")
    assert reminders_service.send_due(at(monday, 18, 5)) == 0

    # A mail scanner opening the link does not turn them on; pressing Confirm does.
    confirm = path_of(confirmation.body, "/confirm/")
    assert "Confirm" in client.get(confirm).content.decode()
    assert Reminders.objects.get(program=program).confirmed_at is None
    done = client.post(confirm).content.decode()
    assert "Your reminders are on" in done and "Monday, Wednesday, Friday at 18:00" in done
    page = client.get(f"/my-program/{program.link_key}/").content.decode()
    assert "Email reminders are on: Monday, Wednesday, Friday at 18:00" in page
    assert "pat@example.com" not in page  # the address is never shown


def test_asking_again_at_once_sends_no_second_email_and_a_new_address_a_new_one(client, program):
    ask(client, program)
    page = client.get(ask(client, program)["Location"]).content.decode()
    assert "We sent you the link a few minutes ago" in page
    assert len(sent()) == 1
    ask(client, program, email="pat.d@example.com")  # a typo put right
    emails = sent()
    assert [email.to for email in emails] == [["pat.d@example.com"]]
    assert Reminders.objects.get(program=program).email == "pat.d@example.com"


def test_two_runs_at_a_due_time_send_one_reminder_with_the_link_and_a_stop_link(client, program):
    reminders = confirmed(client, program)
    monday = next_weekday("MO")
    assert reminders_service.send_due(at(monday, 17, 59)) == 0  # not yet
    assert reminders_service.send_due(at(monday, 18, 0)) == 1
    assert reminders_service.send_due(at(monday, 18, 15)) == 0  # the next run, same day
    emails = sent()
    assert len(emails) == 1
    reminder = emails[0]
    assert reminder.to == ["pat@example.com"]
    assert settings.SITE_NAME in reminder.subject and "Time for your exercises" in reminder.body
    assert f"/my-program/{program.link_key}/" in reminder.body
    stop = path_of(reminder.body, "/stop/")
    assert stop == f"/reminders/{reminders.key}/stop/"
    assert reminder.extra_headers["List-Unsubscribe"].endswith(f"{stop}>")
    assert reminder.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # No health text: no exercise, no pain, no condition.
    for word in ("Hip hike", "march", "Wall sit", "pain", "knee", "/10"):
        assert word.lower() not in (reminder.subject + reminder.body).lower(), word
    # Once sent, the outbox keeps neither the address, the body nor the stop link.
    row = OutboundEmail.objects.get(subject=reminder.subject)
    assert (row.to, row.body, row.unsubscribe_url) == ("", "", "")

    assert reminders_service.send_due(at(monday + timedelta(days=1), 18, 5)) == 0  # Tuesday


def test_a_late_run_still_sends_within_three_hours_and_not_after(client, program):
    confirmed(client, program)
    monday = next_weekday("MO")
    assert reminders_service.send_due(at(monday, 21, 1)) == 0
    assert reminders_service.send_due(at(monday, 20, 59)) == 1


def test_a_stale_second_run_cannot_send_the_same_reminder(client, program):
    """Two servers read the same row at once: the conditional UPDATE lets one through."""
    confirmed(client, program)
    first = Reminders.objects.get(program=program)
    second = Reminders.objects.get(program=program)
    day = next_weekday("MO")
    assert reminders_service._take_the_day(first, day)
    assert not reminders_service._take_the_day(second, day)


def test_a_run_that_read_the_rows_before_another_sent_sends_nothing_more(
    client, program, monkeypatch
):
    """Two servers' runs at once: the second read the reminders before the first sent."""
    confirmed(client, program)
    due = at(next_weekday("MO"), 18, 5)
    stale = list(reminders_service._active(due))  # the second server's read
    assert reminders_service.send_due(due) == 1  # the first server sends
    monkeypatch.setattr(reminders_service, "_active", lambda now: stale)
    assert reminders_service.send_due(due) == 0  # the second finds the day taken
    assert len(sent()) == 1


def test_the_stop_link_stops_them_in_one_click_and_erases_the_address(client, program):
    reminders = confirmed(client, program)
    stop = f"/reminders/{reminders.key}/stop/"
    assert "Stop" in client.get(stop).content.decode()  # a scanner's GET stops nothing
    assert Reminders.objects.filter(program=program).exists()
    # A mail app's one-click POST: no cookie, no CSRF token.
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(stop, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "Your reminders are stopped" in response.content.decode()
    assert not Reminders.objects.filter(program=program).exists()
    assert reminders_service.send_due(at(next_weekday("MO"), 18, 5)) == 0
    assert client.post(stop).status_code == 200  # stopped twice: still stopped, no error


def test_after_three_quiet_reminder_days_one_gentle_nudge_instead_then_reminders(client, program):
    confirmed(client, program)
    reminders = Reminders.objects.get(program=program)
    Reminders.objects.filter(pk=reminders.pk).update(
        days="MO,TU,WE,TH,FR,SA,SU", confirmed_at=timezone.now() - timedelta(days=5)
    )
    program.logs.all().delete()
    today = timezone.localdate()
    assert reminders_service.send_due(at(today, 18, 1)) == 1
    nudge = sent()[0]
    assert "Nothing has been marked done" in nudge.body and "easy day" in nudge.body
    tomorrow = today + timedelta(days=1)
    assert reminders_service.send_due(at(tomorrow, 18, 1)) == 1  # one nudge a quiet stretch
    assert "Time for your exercises" in sent()[0].body


def test_a_patient_who_logs_on_their_reminder_days_is_never_nudged(client, program):
    confirmed(client, program)  # Monday, Wednesday, Friday
    friday = next_weekday("FR")
    Reminders.objects.filter(program=program).update(
        confirmed_at=timezone.now() - timedelta(days=10)
    )
    program.logs.update(day=friday)  # their last log: a Friday
    monday = friday + timedelta(days=3)
    assert reminders_service.send_due(at(monday, 18, 5)) == 1
    assert "Time for your exercises" in sent()[0].body  # the weekend is not "quiet"


def test_a_late_evening_reminder_still_goes_after_midnight(client, program):
    confirmed(client, program, at_time="23:00", days=("MO",))
    monday = next_weekday("MO")
    assert reminders_service.send_due(at(monday + timedelta(days=1), 0, 30)) == 1
    assert reminders_service.send_due(at(monday + timedelta(days=1), 0, 45)) == 0


def test_reminders_follow_the_patients_time_zone(client, program):
    confirmed(client, program, at_time="08:00", zone="Europe/Madrid")
    monday = next_weekday("MO")
    madrid = ZoneInfo("Europe/Madrid")
    assert reminders_service.send_due(at(monday, 7, 59, madrid)) == 0
    assert reminders_service.send_due(at(monday, 8, 0, madrid)) == 1


def test_no_reminder_once_the_program_ended_or_its_link_was_revoked(client, program):
    confirmed(client, program)
    monday = next_weekday("MO")
    program.end_date = monday - timedelta(days=1)
    program.save()
    assert reminders_service.send_due(at(monday, 18, 5)) == 0
    program.end_date = monday + timedelta(days=30)
    program.save()
    revoke_link(program)  # whoever held the link may have asked: they stop, address erased
    assert not Reminders.objects.filter(program=program).exists()
    assert reminders_service.send_due(at(monday, 18, 5)) == 0


def test_erasing_the_program_erases_the_address_and_its_unsent_emails(client, program):
    ask(client, program)  # the confirmation is queued, not sent
    erase_program(program)
    assert not Reminders.objects.exists()
    assert not OutboundEmail.objects.filter(to="pat@example.com").exists()
    assert not OutboundEmail.objects.exclude(body="").exists()


def test_a_spanish_speaker_gets_spanish_emails_with_spanish_links(client, program):
    ask(client, program, language_prefix="/es")
    confirmation = sent()[0]
    assert "/es/reminders/" in confirmation.body and "Confirme" in confirmation.subject
    client.post(path_of(confirmation.body, "/confirm/"))
    assert reminders_service.send_due(at(next_weekday("MO"), 18, 5)) == 1
    reminder = sent()[0]
    assert f"/es/my-program/{program.link_key}/" in reminder.body
    assert "/es/reminders/" in reminder.extra_headers["List-Unsubscribe"]
    assert "ejercicios" in reminder.body


def test_bad_input_is_refused_with_what_to_fix_and_nothing_is_sent(client, program):
    response = ask(client, program, email="not-an-address", days=(), at_time="25:99",
                   zone="Mars/Olympus")  # fmt: skip
    assert response.status_code == 400
    page = response.content.decode()
    assert "No reminders yet" in page
    for error in ("Check your email address", "Choose at least one day", "Write the time like",
                  "Choose a time zone"):  # fmt: skip
        assert error in page
    assert 'value="not-an-address"' in page  # kept as typed
    assert not Reminders.objects.exists() and not OutboundEmail.objects.exists()


# --- A word back from the PT -------------------------------------------------------------


def write_to_patient(client, program, text):
    """The PT adds a message on the program's admin page (the whole form, as sent)."""
    from tests.programs.test_prescribing import change_form

    url = f"/{settings.ADMIN_URL}programs/program/{program.pk}/change/"
    data = change_form(program, label=program.label)
    data |= {"messages-TOTAL_FORMS": "1", "messages-0-text": text}
    data["messages-0-program"] = str(program.pk)
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_a_pts_message_shows_on_the_patients_page_until_read_and_is_emailed_without_text(
    client, program, pt
):
    from django.test import Client

    patient = Client()
    confirmed(patient, program)
    program.prescribed_by = pt
    program.save()
    page = write_to_patient(client, program, "Do 2 sets instead of 3 this week.")
    assert "An email (without your text) tells them there is a message." in page

    emails = sent()
    assert len(emails) == 1 and emails[0].to == ["pat@example.com"]
    assert "left you a message" in emails[0].body
    assert f"/my-program/{program.link_key}/" in emails[0].body
    assert "sets" not in emails[0].body and "sets" not in emails[0].subject

    mine = patient.get(f"/my-program/{program.link_key}/").content.decode()
    assert "A message from your physical therapist" in mine
    assert "Do 2 sets instead of 3 this week." in mine
    message = program.messages.get()
    assert message.written_by == pt
    read = patient.post(f"/my-program/{program.link_key}/messages/{message.pk}/read/")
    assert read.status_code == 302
    after = patient.get(read["Location"]).content.decode()
    top, earlier = after.split('class="earlier-messages', 1)
    assert "Do 2 sets instead" not in top  # no longer at the top ...
    assert "Do 2 sets instead" in earlier  # ... but still there to look back at

    # In the history and the audit trail, without its text.
    from django.contrib.admin.models import LogEntry

    from core.models import AccessRecord

    history = LogEntry.objects.get(object_id=str(program.pk)).get_change_message()
    assert "message to the patient" in history and "sets" not in history
    assert AccessRecord.objects.filter(
        object_id=str(program.pk), detail__contains="added: message to the patient"
    ).exists()


def test_a_message_waits_for_the_next_days_reminder_after_an_email_today(client, program, pt):
    from django.test import Client

    confirmed(Client(), program)
    monday = next_weekday("MO")
    reminders = Reminders.objects.get(program=program)
    Reminders.objects.filter(pk=reminders.pk).update(last_sent_on=timezone.localdate())
    page = write_to_patient(client, program, "Well done this week.")
    assert "their reminder tomorrow says there is a message" in page
    assert sent() == []
    # The next run after their time, even on a day they did not choose, says so.
    tuesday = monday + timedelta(days=1)
    assert reminders_service.send_due(at(tuesday, 18, 5)) == 1
    assert "left you a message" in sent()[0].body
    assert reminders_service.send_due(at(tuesday, 18, 20)) == 0  # said once
    assert program.messages.get().announced_at is not None


def test_without_reminders_the_pt_is_told_no_email_goes(client, program, pt):
    page = write_to_patient(client, program, "See you Tuesday.")
    assert "They do not get email reminders" in page
    assert sent() == []


def test_addresses_not_needed_any_more_are_erased_by_the_nightly_purge(client, program, exercises):
    from django.core.management import call_command

    ask(client, program)  # never confirmed
    Reminders.objects.filter(program=program).update(asked_at=timezone.now() - timedelta(days=8))
    ended = make_program(exercises=exercises, start_date=timezone.localdate() - timedelta(days=40),
                         end_date=timezone.localdate() - timedelta(days=3))  # fmt: skip
    Reminders.objects.create(program=ended, email="done@example.com", days="MO", time="18:00",
                             time_zone=settings.TIME_ZONE, confirmed_at=timezone.now())  # fmt: skip
    still = make_program(exercises=exercises)
    Reminders.objects.create(program=still, email="on@example.com", days="MO", time="18:00",
                             time_zone=settings.TIME_ZONE, confirmed_at=timezone.now())  # fmt: skip
    call_command("purge_personal_data", stdout=io.StringIO())
    assert list(Reminders.objects.values_list("email", flat=True)) == ["on@example.com"]
    assert not OutboundEmail.objects.filter(to="pat@example.com").exists()

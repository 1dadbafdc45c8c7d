"""After the retention purge, no table holds the person: every kind of personal data is
seeded the way patients and staff make it (a question answered and sent, a booking the
front desk worked on, a home program with logs, emails sent and not sent, admin edits),
then `purge_personal_data` runs with the retention at 0 days and every text column of
every table is searched for the person's name, email, phone and private-link keys."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from core.models import OutboundEmail
from core.outbox import send_queued
from portal.roles import FRONT_DESK, PHYSICAL_THERAPISTS
from tests.factories import make_exercise, make_staff, make_therapist

pytestmark = pytest.mark.django_db(transaction=True)

NAME, SURNAME = "Jordana", "Quillfeather"
EMAIL = "jordana.quillfeather@example.org"
PHONE = "(312) 555-0199"
LABEL = "Jordana Q."


def _every_text_value():
    """(table, column, value) of every text column of every table of the project."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = [
                column.name
                for column in connection.introspection.get_table_description(cursor, table)
            ]
            quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
            cursor.execute(f"SELECT {quoted} FROM {connection.ops.quote_name(table)}")  # noqa: S608 - names from introspection
            for row in cursor.fetchall():
                found += [
                    (table, column, value)
                    for column, value in zip(columns, row, strict=True)
                    if isinstance(value, str)
                ]
    return found


def _traces(values, needles):
    return sorted(
        {
            (table, column)
            for table, column, value in values
            for n in needles
            if n.lower() in value.lower()
        }
    )


def test_the_purge_leaves_no_name_email_phone_or_key_in_any_table(client, settings, regions):
    from clinic.services import request_appointment
    from programs.models import Program
    from programs.services import email_link, log_exercise
    from questions.models import Question
    from questions.services import save_question, send_answer, submit_question

    settings.PERSONAL_DATA_RETENTION_DAYS = 0
    pt = make_staff("maya", group=PHYSICAL_THERAPISTS)
    make_therapist(name="Maya Okafor", user=pt)
    desk = make_staff("desk", group=FRONT_DESK)

    # A question, answered, sent and looked at in the admin.
    question = submit_question(
        name=f"{NAME} {SURNAME}",
        email=EMAIL,
        text=f"Hi, I'm {NAME} {SURNAME}, call me on {PHONE}. My knee hurts on stairs.",
        region=regions["knee"],
    )
    question.things_to_know = "One.\nTwo.\nThree."
    question.answer = "Try the wall sit."
    question.answered_by = pt.therapist
    question.save()
    save_question(question, by=pt)
    send_answer(question, by=pt)
    answer_key = Question.objects.get(pk=question.pk).private_key
    client.force_login(pt)
    client.get(f"/admin/questions/question/{question.pk}/change/")
    client.get(f"/admin/questions/question/{question.pk}/history/")

    # A booking, moved by the front desk in the admin (a log entry).
    booking = request_appointment(
        name=f"{NAME} {SURNAME}", email=EMAIL, phone=PHONE, insurance="Acme Health 123"
    )
    client.force_login(desk)
    client.post(
        f"/admin/clinic/appointmentrequest/{booking.pk}/change/",
        {"status": "closed", "notes": f"Called {NAME}."},
    )
    booking.refresh_from_db()
    booking.status, booking.status_changed_at = "closed", timezone.now() - timedelta(days=1)
    booking.save()

    # A home program with its link emailed, logs with comments, edited in the admin.
    program = Program.objects.create(label=LABEL, email=EMAIL, prescribed_by=pt)
    program.items.create(exercise=make_exercise(), order=1)
    email_link(program)
    log_exercise(program.items.get(), pain=2, effort="right", comment=f"{NAME} here, fine")
    program_key = program.link_key
    client.force_login(pt)
    client.get(f"/admin/programs/program/{program.pk}/change/")
    client.get(f"/admin/programs/program/{program.pk}/history/")

    send_queued()  # most emails go; then one waits, unsent, with the link in it
    email_link(program)
    assert OutboundEmail.objects.filter(status="queued").exists()

    needles = [NAME, SURNAME, EMAIL, "555-0199", "5550199", LABEL, answer_key, program_key]
    before = _traces(_every_text_value(), needles)
    assert before, "the seeding left no personal data to purge"

    # Everything closed long enough ago, the program ended: the purge erases it all.
    Question.objects.filter(pk=question.pk).update(closed_at=timezone.now() - timedelta(days=1))
    Program.objects.filter(pk=program.pk).update(
        start_date=timezone.localdate() - timedelta(days=30),
        end_date=timezone.localdate() - timedelta(days=1),
    )
    call_command("purge_personal_data")

    assert _traces(_every_text_value(), needles) == [], f"was in {before}"
    assert apps.get_model("questions", "Question").objects.filter(pk=question.pk).exists()

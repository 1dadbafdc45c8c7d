"""Every access by staff to a patient's question or appointment request leaves a row in the
audit trail: who, when, what and from where, without the personal data; nobody can change it."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import DatabaseError, transaction
from django.utils import timezone

from clinic.models import AppointmentRequest
from core.models import AccessRecord
from portal.roles import FRONT_DESK, PHYSICAL_THERAPISTS
from questions.models import Question
from tests.factories import answer_form_data, make_question, make_staff, make_therapist
from tests.words import has_word

pytestmark = pytest.mark.django_db


def trail(obj=None):
    rows = AccessRecord.objects.order_by("pk")
    if obj is not None:
        rows = rows.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
    return [(row.username, row.action, row.detail) for row in rows]


@pytest.fixture
def pt(client):
    user = make_staff("maya", group=PHYSICAL_THERAPISTS)
    make_therapist(name="Maya Okafor", user=user)
    client.force_login(user)
    return user


def test_viewing_answering_sending_and_erasing_a_question_each_leave_a_row(
    client, pt, django_capture_on_commit_callbacks
):
    question = make_question(published=False, name="Jordan Lee", email="jordan@example.com")
    url = f"/admin/questions/question/{question.pk}/change/"
    client.get("/admin/questions/question/", REMOTE_ADDR="198.51.100.7")
    client.get(url, REMOTE_ADDR="198.51.100.7")
    client.post(url, answer_form_data(question, answered_by=pt.therapist.pk))  # as preselected
    client.get(f"/admin/questions/question/{question.pk}/send/")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/questions/question/{question.pk}/send/")
    client.post(
        "/admin/questions/question/?queue=all",
        {"action": "erase_asker_data", "_selected_action": [question.pk], "index": "0"},
    )
    assert trail(question) == [
        ("maya", "view", ""),
        ("maya", "change", "fields: Answer, Things to know"),
        ("maya", "view", "the email to send"),
        ("maya", "email", "answer sent"),
        ("maya", "action", "Erase the asker's name, email and unpublished text"),
    ]
    listed = AccessRecord.objects.get(action="list")
    assert listed.object_type == "questions.question" and listed.detail == "1 shown"
    viewed = AccessRecord.objects.filter(action="view").order_by("pk").first()
    assert (
        viewed.address == "198.51.100.7" and viewed.object_label == f"Question {question.reference}"
    )
    # The trail names the record, never the person.
    for row in AccessRecord.objects.all():
        assert "Jordan" not in str(row.__dict__) and "jordan@" not in str(row.__dict__)


def test_the_front_desk_leaves_a_row_for_each_request_it_opens_or_moves(client):
    desk = make_staff("desk", group=FRONT_DESK)
    client.force_login(desk)
    request = AppointmentRequest.objects.create(
        name="Pat Doe", phone="3125550199", consented_at=timezone.now()
    )
    client.get(f"/admin/clinic/appointmentrequest/{request.pk}/change/")
    client.post(
        "/admin/clinic/appointmentrequest/",
        {"action": "mark_contacted", "_selected_action": [request.pk], "index": "0"},
    )
    assert trail(request) == [("desk", "view", ""), ("desk", "action", "Mark as contacted")]
    assert (
        AccessRecord.objects.get(action="view").object_label == f"Appointment request {request.pk}"
    )


def test_the_retention_purge_leaves_a_row_for_each_erasure(settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    long_ago = timezone.now() - timedelta(days=40)
    question = make_question(published=False, status=Question.Status.ANSWERED, closed_at=long_ago)
    request = AppointmentRequest.objects.create(
        name="Pat",
        phone="3125550199",
        status="closed",
        status_changed_at=long_ago,
        consented_at=long_ago,
    )
    call_command("purge_personal_data")
    assert trail(question) == [("", "erase", "retention period over")]
    assert trail(request) == [("", "erase", "retention period over")]


def test_the_administrators_read_one_questions_trail_and_nobody_can_change_it(client, pt):
    question = make_question(published=False)
    client.get(f"/admin/questions/question/{question.pk}/change/")
    record = AccessRecord.objects.get()
    # PTs do not read the trail, and the question page offers them no link to it.
    assert client.get("/admin/core/accessrecord/").status_code == 403
    admin = make_staff("boss", superuser=True)
    client.force_login(admin)
    page = client.get(f"/admin/questions/question/{question.pk}/change/").content.decode()
    assert "Who has opened, changed or emailed this question" in page
    trail_page = client.get(
        f"/admin/core/accessrecord/?object_type=questions.question&object_id={question.pk}"
    )
    assert (
        trail_page.status_code == 200
        and f"Question {question.reference}" in trail_page.content.decode()
    )
    for url in (
        f"/admin/core/accessrecord/{record.pk}/change/",
        f"/admin/core/accessrecord/{record.pk}/delete/",
        "/admin/core/accessrecord/add/",
    ):
        response = client.post(url, {"action": "view"})
        assert (
            response.status_code in (403, 302)
            and AccessRecord.objects.filter(pk=record.pk, action="view").exists()
        )
    # Not even a bulk delete from the list.
    client.post(
        "/admin/core/accessrecord/",
        {"action": "delete_selected", "_selected_action": [record.pk], "post": "yes"},
    )
    assert AccessRecord.objects.filter(pk=record.pk).exists()


def test_the_database_refuses_to_change_a_row():
    record = AccessRecord.objects.create(action="view", object_type="questions.question")
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessRecord.objects.filter(pk=record.pk).update(action="list")
    assert AccessRecord.objects.get(pk=record.pk).action == "view"


def test_looking_at_the_outbox_is_in_the_audit_trail_and_a_sent_email_keeps_no_address(client):
    from core.models import OutboundEmail
    from core.outbox import queue_email, send_queued

    sent = queue_email(to="jo@example.org", subject="Your answer", body="/answers/KEY1/")
    send_queued()
    waiting = queue_email(to="al@example.org", subject="Your answer", body="/answers/KEY2/")
    admin = make_staff("boss", superuser=True)
    client.force_login(admin)
    client.get("/admin/core/outboundemail/")
    page = client.get(f"/admin/core/outboundemail/{sent.pk}/change/").content.decode()
    assert "jo@example.org" not in page and not has_word(page, "KEY1")
    client.get(f"/admin/core/outboundemail/{waiting.pk}/change/")
    looks = AccessRecord.objects.filter(user=admin, object_type="core.outboundemail")
    assert sorted(looks.values_list("action", flat=True)) == ["list", "view", "view"]
    assert not looks.filter(object_label__contains="@").exists()
    assert "al@example.org" not in str(OutboundEmail.objects.get(pk=waiting.pk))

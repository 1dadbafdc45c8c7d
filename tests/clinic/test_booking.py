"""Booking a visit: the call-to-action, the /book/ form, its emails and its defences."""

from datetime import timedelta
from smtplib import SMTPServerDisconnected
from urllib.parse import unquote

import pytest
import time_machine
from django.core import mail
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.utils import timezone

from clinic.models import AppointmentRequest
from clinic.services import request_appointment
from core.antispam import start_token
from core.models import OutboundEmail
from core.outbox import send_queued
from tests.factories import make_article, make_clinic

pytestmark = pytest.mark.django_db


def started(seconds_ago=10):
    return start_token(seconds_ago)


def booking(**overrides):
    data = {
        "name": "Pat Doe",
        "phone": "(312) 555-0199",
        "email": "pat@example.com",
        "preferred_days": ["mon", "wed"],
        "preferred_times": ["morning"],
        "reason": "Pain under the kneecap on stairs.",
        "has_referral": "no",
        "insurance": "Acme Health",
        "consent": "on",
        "source": "/articles/knock-knees/",
        "started": started(),
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# --- The call-to-action -------------------------------------------------------


def test_home_page_call_to_action_books_with_the_home_page_as_source(client):
    content = client.get("/").content.decode()
    assert "Pain that won't settle? Book a visit with a physical therapist." in content
    assert 'href="/book/?from=/"' in content


def test_call_to_action_is_worded_for_the_pages_body_region(regions):
    request = RequestFactory().get("/articles/knock-knees/")
    html = Template('{% include "includes/cta.html" %}').render(
        RequestContext(request, {"cta_region": regions["knee"], "main_clinic": {}})
    )
    assert "Knee pain that won't settle? Book a visit with a physical therapist." in html
    assert 'href="/book/?from=/articles/knock-knees/&amp;region=knee"' in html


def test_call_to_action_shows_the_main_clinics_phone_and_booking_link(client):
    make_clinic(name="Northside", order=2, phone="(312) 555-0187")
    make_clinic(
        name="Riverside",
        order=1,
        phone="(312) 555-0142",
        booking_url="https://scheduler.example.com/riverside",
    )
    content = client.get("/").content.decode()
    assert (
        'Or call Riverside: <a class="cta-phone" href="tel:3125550142">(312) 555-0142</a>'
        in content
    )
    assert 'href="https://scheduler.example.com/riverside"' in content
    assert "555-0187" not in content


def test_call_to_action_costs_no_query_on_a_warm_cache_and_sees_clinic_changes(
    client, django_assert_num_queries
):
    clinic = make_clinic(name="Riverside", phone="(312) 555-0142")
    # The thanks page has the call-to-action and reads nothing else from the database.
    page = "/ask/thanks/"
    assert "555-0142" in client.get(page).content.decode()
    with django_assert_num_queries(0):
        client.get(page)
    clinic.phone = "(312) 555-0111"
    clinic.save()  # saving a clinic forgets the cached copy
    assert "(312) 555-0111" in client.get(page).content.decode()
    clinic.delete()
    assert "555-0111" not in client.get(page).content.decode()


# --- The form -----------------------------------------------------------------


def test_booking_form_keeps_the_source_page_and_presets_the_body_region(client, regions):
    response = client.get("/book/?from=/articles/knock-knees/&region=knee")
    content = response.content.decode()
    assert 'name="source" value="/articles/knock-knees/"' in content
    assert f'<option value="{regions["knee"].pk}" selected>Knee</option>' in content


def test_booking_pages_are_never_cached(client):
    for url in ("/book/", "/book/thanks/"):
        assert "no-store" in client.get(url)["Cache-Control"]
    assert "no-store" in client.post("/book/", booking(phone="", email=""))["Cache-Control"]


def test_a_request_with_neither_phone_nor_email_is_refused_with_a_clear_message(client):
    response = client.post("/book/", booking(phone="", email=""))
    assert response.status_code == 200
    assert "Please give us a phone number or an email address" in response.content.decode()
    assert not AppointmentRequest.objects.exists()
    assert not OutboundEmail.objects.exists()


def test_consent_to_be_contacted_is_required(client):
    response = client.post("/book/", booking(consent=None))
    assert "so we are allowed to contact you" in response.content.decode()
    assert not AppointmentRequest.objects.exists()


def test_a_valid_request_is_stored_with_its_source_and_both_emails_go_out(
    client, regions, django_capture_on_commit_callbacks, settings
):
    settings.FRONT_DESK_EMAIL = "desk@example.com"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/book/", booking(body_region=regions["knee"].pk))
    assert mail.outbox == []  # the request only stores; the worker sends
    send_queued()
    assert response.status_code == 302
    assert response["Location"] == "/book/thanks/"
    request = AppointmentRequest.objects.get()
    assert request.status == AppointmentRequest.Status.NEW
    assert request.source_path == "/articles/knock-knees/"
    assert request.body_region == regions["knee"]
    assert request.preferred_days == ["mon", "wed"]
    assert request.consented_at is not None
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"desk@example.com", "pat@example.com"}
    notice = by_recipient["desk@example.com"]
    assert "Pat Doe" in notice.body and "/articles/knock-knees/" in notice.body
    assert f"/admin/clinic/appointmentrequest/{request.pk}/change/" in notice.body
    assert "kneecap" not in notice.body  # the health details stay in the admin
    assert notice.reply_to == ["pat@example.com"]
    assert "within one working day" in by_recipient["pat@example.com"].body


def test_the_chosen_clinic_gets_the_notice_and_its_phone_is_on_the_thanks_page(
    client, django_capture_on_commit_callbacks
):
    clinic = make_clinic(name="Northside", email="north@example.com", phone="(312) 555-0187")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/book/", booking(clinic=clinic.pk, email=""), follow=True)
    send_queued()
    assert [message.to for message in mail.outbox] == [["north@example.com"]]
    content = response.content.decode()
    assert "What happens next" in content
    assert 'href="tel:3125550187"' in content


def test_a_failing_mail_server_loses_no_request_and_no_email(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    def fail(self, *args, **kwargs):
        raise SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", fail)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/book/", booking())
    send_queued()
    assert response.status_code == 302
    assert AppointmentRequest.objects.count() == 1
    emails = OutboundEmail.objects.all()
    assert len(emails) == 2
    assert all(email.status == OutboundEmail.Status.QUEUED for email in emails)
    assert all("Connection unexpectedly closed" in email.last_error for email in emails)


def test_a_name_with_newlines_cannot_inject_a_header_into_the_notice(client):
    response = client.post(
        "/book/", booking(name="Pat\r\nBcc: victim@example.com", insurance="Acme\nHealth")
    )
    assert response.status_code == 302
    stored = AppointmentRequest.objects.get()
    assert stored.name == "Pat Bcc: victim@example.com"
    assert stored.insurance == "Acme Health"
    subjects = list(OutboundEmail.objects.values_list("subject", flat=True))
    assert subjects and not [s for s in subjects if "\n" in s or "\r" in s]


@pytest.mark.parametrize(
    "source",
    [
        "https://evil.example",
        "https://evil.example/articles/knock-knees/",
        "//evil.example/path",
        "/\\evil.example",
        "javascript:alert(1)",
    ],
)
def test_a_source_that_is_not_a_page_of_this_site_is_not_stored(client, source):
    client.post("/book/", booking(source=source))
    assert AppointmentRequest.objects.get().source_path == ""


def test_only_the_path_of_the_source_is_stored(client):
    client.post("/book/", booking(source="/articles/knock-knees/?utm=x#top"))
    assert AppointmentRequest.objects.get().source_path == "/articles/knock-knees/"


@pytest.mark.parametrize(
    ("source", "stored", "shown"),
    [
        ("/answers/s3cr3t-key-of-the-patient/", "/answers/", "a private answer page"),
        ("/my-program/s3cr3t-key-of-the-patient/", "/my-program/", "a home exercise program"),
    ],
)
def test_a_booking_from_a_private_page_records_its_kind_never_its_key(
    client, source, stored, shown
):
    client.post("/book/", booking(source=source))
    request = AppointmentRequest.objects.get()
    assert request.source_path == stored and request.source_title == ""
    assert shown in request.came_from and not request.came_from_url


def test_a_booking_records_the_title_of_the_page_it_came_from(client):
    make_article(title="Knock knees and kneecap pain", slug="knock-knees")
    client.post("/book/", booking(source="/articles/knock-knees/"))
    client.post("/book/", booking(source="/articles/no-such-article/", email="b@example.com"))
    first, second = AppointmentRequest.objects.order_by("pk")
    assert first.came_from == "Knock knees and kneecap pain"
    assert first.came_from_url == "/articles/knock-knees/"
    assert second.came_from == "/articles/no-such-article/" and second.source_title == ""


def test_the_private_pages_send_bookings_with_their_kind_and_without_the_key(client):
    """The booking links of a patient's private answer page and program page name the
    kind of page only, never the key (which would reach the booking's address)."""
    import re

    from questions.models import Question
    from tests.factories import make_exercise, make_program, make_question

    question = make_question(private_key="answer-key-0123456789", answer_sent_at=timezone.now())
    program = make_program(exercises=[make_exercise()])
    assert question.status == Question.Status.PUBLISHED
    for page, kind, key in [
        ("/answers/answer-key-0123456789/", "/answers/", "answer-key-0123456789"),
        (program.patient_url(), "/my-program/", program.link_key),
    ]:
        content = client.get(page).content.decode()
        links = re.findall(r'href="(/book/[^"]*)"', content)
        assert links and all(f"from={kind}" in unquote(link) for link in links), links
        assert not [link for link in links if key in unquote(link)]


def test_the_source_from_the_query_string_is_checked_too(client):
    content = client.get("/book/?from=https://evil.example").content.decode()
    assert "evil.example" not in content


def test_a_bot_that_fills_the_hidden_field_gets_the_thanks_page_and_nothing_is_saved(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/book/", booking(website="http://spam.example"))
    send_queued()
    assert response.status_code == 302
    assert response["Location"] == "/book/thanks/"
    assert not AppointmentRequest.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    "start",
    [lambda: started(seconds_ago=0), lambda: started(seconds_ago=60 * 60 * 25), lambda: "forged"],
    ids=["too-fast", "open-a-day", "forged-start"],
)
def test_a_fast_or_stale_booking_comes_back_as_typed_never_thanked(client, start):
    response = client.post("/book/", booking(started=start(), reason="Knee pain on the stairs"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "press Send again" in content and "Knee pain on the stairs" in content
    assert not AppointmentRequest.objects.exists()


def test_over_the_limit_the_booking_form_comes_back_with_everything_typed(client):
    for _ in range(5):
        response = client.post("/book/", booking(phone=""))
        assert response.status_code == 302
    response = client.post("/book/", booking(phone="", reason="Knee pain on the stairs"))
    assert response.status_code == 429
    content = response.content.decode()
    assert "Please wait an hour, then press Send again" in content
    assert "Knee pain on the stairs" in content
    assert AppointmentRequest.objects.count() == 5


def test_one_phone_number_is_limited_across_addresses(client):
    for number in range(5):
        client.post("/book/", booking(email=""), REMOTE_ADDR=f"192.0.2.{number}")
    response = client.post("/book/", booking(email=""), REMOTE_ADDR="192.0.2.99")
    assert response.status_code == 429
    assert AppointmentRequest.objects.count() == 5


def test_a_phone_number_written_another_way_is_the_same_number_for_the_limit(client):
    ways = ["(312) 555-0199", "+1 312 555 0199", "1-312-555-0199", "312.555.0199", "+13125550199"]
    for number, phone in enumerate(ways):
        response = client.post(
            "/book/", booking(email="", phone=phone), REMOTE_ADDR=f"192.0.2.{number}"
        )
        assert response.status_code == 302
    response = client.post(
        "/book/", booking(email="", phone="(312)555-0199"), REMOTE_ADDR="192.0.2.9"
    )
    assert response.status_code == 429
    assert AppointmentRequest.objects.count() == 5


def test_the_confirmation_email_repeats_nothing_the_submitter_wrote(client):
    client.post(
        "/book/", booking(name="Buy cheap pills at spam.example", reason="Visit spam.example now")
    )
    send_queued()
    confirmation = next(email for email in mail.outbox if email.to == ["pat@example.com"])
    assert "spam.example" not in confirmation.body + confirmation.subject
    assert "Buy cheap" not in confirmation.body


def test_request_appointment_refuses_a_request_nobody_could_answer():
    with pytest.raises(ValueError):
        request_appointment(name="Pat", phone="", email="")


def test_the_same_booking_form_sent_twice_is_one_request(client):
    data = booking()
    assert client.post("/book/", data).status_code == 302
    assert client.post("/book/", data).status_code == 302
    send_queued()
    assert AppointmentRequest.objects.count() == 1
    assert len(mail.outbox) == 2  # the front desk's notice and the patient's confirmation


def test_a_booking_back_for_being_sent_too_fast_asks_about_a_mistyped_address_again(client):
    # The same form check as /ask/ (core.email_typos): Send again after "too fast" is not a
    # decision about the address, which is pointed out again, on its own, before it is kept.
    first = client.post("/book/", booking(email="pat@yaho.com", started=start_token()))
    assert "Did you mean pat@yahoo.com? If so, please correct it." in first.content.decode()
    form = first.context["form"]
    with time_machine.travel(timezone.now() + timedelta(seconds=10)):
        again = client.post(
            "/book/",
            booking(
                email="pat@yaho.com",
                email_as_typed=form["email_as_typed"].value(),
                started=form["started"].value(),
            ),
        )
    assert "If pat@yaho.com is right, press Send again." in again.content.decode()
    assert not AppointmentRequest.objects.exists()


def test_a_mistyped_email_domain_on_a_booking_gets_a_did_you_mean_and_nothing_is_lost(client):
    response = client.post("/book/", booking(email="pat@yaho.com"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Did you mean pat@yahoo.com?" in content and "Pain under the kneecap" in content
    assert not AppointmentRequest.objects.exists()
    form = response.context["form"]
    response = client.post(
        "/book/",
        booking(
            email="pat@yaho.com",
            email_as_typed=form["email_as_typed"].value(),
            started=form["started"].value(),
        ),
    )
    assert response.status_code == 302
    assert AppointmentRequest.objects.get().email == "pat@yaho.com"


def test_a_booking_with_errors_lists_them_first_on_the_page(client):
    """As on the ask page: on a phone the form's errors sit below the emergency box, so a
    summary with a link to each comes right after the heading."""
    response = client.post("/book/", booking(name="", phone="", email="sam@example"))
    content = response.content.decode()
    summary = content[content.index('id="form-errors"') :]
    assert content.index('id="form-errors"') < content.index("This form is not for emergencies")
    assert '<a href="#id_name">Your name: This field is required.</a>' in summary
    assert '<a href="#id_email">Email:' in summary
    assert not AppointmentRequest.objects.exists()


def test_a_pt_previewing_a_draft_never_gives_the_front_desk_its_title(client):
    from portal.roles import PHYSICAL_THERAPISTS
    from tests.factories import make_staff

    make_article(title="Draft: not reviewed yet", slug="draft-article", status="draft")
    client.force_login(make_staff(group=PHYSICAL_THERAPISTS))
    client.post("/book/", booking(source="/articles/draft-article/"))
    request = AppointmentRequest.objects.get()
    assert request.source_path == "/articles/draft-article/" and request.source_title == ""


def test_the_book_button_is_marked_as_the_current_page_on_the_booking_page(client):
    content = client.get("/book/").content.decode()
    assert 'aria-current="page">Book a visit</a>' in content

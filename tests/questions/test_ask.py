"""Ask Our Experts, end to end: a patient asks, a PT answers, the best answers are published."""

import re
from datetime import timedelta
from smtplib import SMTPServerDisconnected

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from core.antispam import start_token
from core.models import OutboundEmail
from core.outbox import send_queued
from portal.roles import FRONT_DESK
from questions.models import Question
from tests.factories import answer_form_data, make_question, make_staff, make_therapist

pytestmark = pytest.mark.django_db

QUESTION_TEXT = "My knees turn in on stairs and the front of my knee aches. What helps?"


def started(seconds_ago=30):
    return start_token(seconds_ago)


def ask_data(**overrides):
    data = {
        "name": "Patricia",
        "email": "pat@example.com",
        "text": QUESTION_TEXT,
        "region": "",
        "may_publish": "on",
        "not_an_emergency": "on",
        "website": "",
        "started": started(),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def ask(client, django_capture_on_commit_callbacks):
    def post(**overrides):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/ask/", ask_data(**overrides), follow=True)
        send_queued()  # the email worker, which `make run` starts beside the site
        return response

    return post


def test_a_patient_asks_and_gets_a_reference_code_and_a_confirmation_email(ask, regions):
    response = ask(region=regions["knee"].pk)
    question = Question.objects.get()
    content = response.content.decode()
    assert response.redirect_chain[-1][0] == "/ask/thanks/"
    assert question.reference in content
    assert str(question.pk) != question.reference and len(question.reference) == 8
    assert question.status == Question.Status.NEW and question.region == regions["knee"]
    assert question.may_publish
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["pat@example.com"]
    assert question.reference in mail.outbox[0].subject
    assert "not for emergencies" in mail.outbox[0].body
    assert response.headers["Cache-Control"].startswith("max-age=0, no-cache, no-store")


def test_the_ask_page_says_what_happens_to_the_data_and_is_never_cached(client):
    response = client.get("/ask/")
    content = response.content.decode()
    assert "Not for emergencies" in content
    assert "never show them on the site" in content and "180 days" in content
    assert 'maxlength="2000"' in content
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("overrides", "field_message"),
    [
        ({"email": "not-an-email"}, "Please check your email address"),
        ({"text": "Knee hurts"}, "Please tell us a little more"),
        ({"text": "x" * 2001}, "at most 2000 characters"),
        ({"not_an_emergency": None}, "Please confirm this before you send your question."),
        ({"name": ""}, "Please tell us your first name."),
    ],
)
def test_bad_input_gets_a_clear_message_keeps_the_text_and_saves_nothing(
    ask, overrides, field_message
):
    response = ask(**overrides)
    content = response.content.decode()
    assert response.status_code == 200
    assert field_message in content
    assert "Please check" in content and "Your text is still here." in content
    if "text" not in overrides:
        assert QUESTION_TEXT in content
    assert not Question.objects.exists()
    assert mail.outbox == []


def test_a_bot_that_fills_the_hidden_field_is_dropped_silently(ask):
    response = ask(website="http://spam.example")
    assert response.redirect_chain[-1][0] == "/ask/thanks/"
    assert "Your reference code" not in response.content.decode()
    assert not Question.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        # Phone autofill: sent faster than anyone types.
        (lambda: {"started": started(0)}, "Please check your answers, then press Send again."),
        (lambda: {"started": started(60 * 60 * 25)}, "This page was open for a long time."),
        (lambda: {"started": "forged"}, "Please check your answers, then press Send again."),
        (lambda: {"started": None}, "Please check your answers, then press Send again."),
    ],
    ids=["too-fast", "open-a-day", "forged-start", "no-start"],
)
def test_a_fast_or_stale_question_comes_back_as_typed_and_sends_the_second_time(
    client, ask, overrides, message
):
    response = ask(**overrides())
    content = response.content.decode()
    assert response.status_code == 200 and "/ask/thanks/" not in response.redirect_chain
    assert message in content and QUESTION_TEXT in content
    assert "Your reference code" not in content
    assert not Question.objects.exists()
    # The form shown again carries a new start time: pressing Send again, later, works.
    again = response.context["form"]["started"].value()
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        response = ask(started=again)
    assert response.redirect_chain[-1][0] == "/ask/thanks/"
    assert Question.objects.get().text == QUESTION_TEXT


def test_the_reference_reaches_only_its_own_browser_and_only_the_thanks_page(ask, client):
    ask()
    reference = Question.objects.get().reference
    cookie = client.cookies["ask_reference"]
    assert cookie["path"] == "/ask/thanks/" and cookie["httponly"]
    assert reference in client.get("/ask/thanks/").content.decode()
    # No server-side session is made for it, so there is nothing of it to keep or purge.
    assert "sessionid" not in client.cookies
    # A cookie edited by hand shows no reference; neither does another browser.
    client.cookies["ask_reference"] = cookie.value.replace(reference, "AAAAAAAA")
    assert "Your reference code" not in client.get("/ask/thanks/").content.decode()
    assert "Your reference code" not in Client().get("/ask/thanks/").content.decode()


def test_over_the_limit_the_form_comes_back_with_everything_typed(ask):
    for _ in range(5):
        ask()
    response = ask(text="A long question I took care to write. " * 40)
    content = response.content.decode()
    assert response.status_code == 429
    assert "Please wait an hour, then press Send again" in content
    assert "A long question I took care to write." in content
    assert Question.objects.count() == 5


def test_patients_sharing_one_address_can_each_ask(ask):
    for i in range(12):
        assert ask(email=f"p{i}@example.com").redirect_chain[-1][0] == "/ask/thanks/"
    assert Question.objects.count() == 12


def test_the_same_email_from_many_addresses_is_limited_too(
    client, django_capture_on_commit_callbacks
):
    for i in range(6):
        response = client.post("/ask/", ask_data(), REMOTE_ADDR=f"192.0.2.{i}")
    assert response.status_code == 429
    assert Question.objects.count() == 5


def test_plus_tags_and_capitals_do_not_make_a_new_address_for_the_limit(client):
    for i in range(5):
        response = client.post(
            "/ask/", ask_data(email=f"Victim+{i}@Example.com"), REMOTE_ADDR=f"192.0.2.{i}"
        )
        assert response.status_code == 302
    response = client.post("/ask/", ask_data(email="victim+7@example.com"), REMOTE_ADDR="192.0.2.9")
    assert response.status_code == 429
    assert Question.objects.count() == 5


def test_the_confirmation_email_repeats_nothing_the_asker_wrote(ask):
    ask(name="Visit spam.example", text="Cheap pills at spam.example, the best pills, buy now!")
    (email,) = mail.outbox
    assert "spam.example" not in email.body + email.subject and "pills" not in email.body
    assert email.body.startswith("Hello,")


def test_a_failing_mail_server_loses_no_question(ask, monkeypatch):
    def fail(self, *args, **kwargs):
        raise SMTPServerDisconnected("down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", fail)
    response = ask()
    assert Question.objects.get().reference in response.content.decode()
    assert OutboundEmail.objects.get().status == OutboundEmail.Status.QUEUED
    monkeypatch.undo()
    OutboundEmail.objects.update(next_attempt_at=timezone.now())
    call_command("send_outbox")
    call_command("send_outbox")
    assert len(mail.outbox) == 1


def test_a_half_written_answer_is_saved_as_a_draft_and_sent_only_when_complete(client, pt):
    """Walk finding 3: with fewer than 3 Things to Know, Save was refused and the answer
    lost. Saving keeps anything as a draft; completeness is checked when sending."""
    question = make_question(published=False, name="Pat", email="p@example.com", text=QUESTION_TEXT)
    url = f"/admin/questions/question/{question.pk}/change/"
    response = client.post(url, answer_form_data(question, things_to_know="Only one point."))
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == Question.Status.DRAFTED
    assert question.things_to_know == "Only one point." and question.answer
    page = client.get(url).content.decode()
    assert "Send to patient: not yet." in page
    assert "Write 3 to 6 things to know, one per line." in page
    assert "keeps your changes as a draft and sends nothing, even half-written" in page
    client.post(f"{url.removesuffix('change/')}send/")
    question.refresh_from_db()
    assert question.status == Question.Status.DRAFTED and not question.answer_sent_at


def test_queue_is_oldest_first_and_filters_by_assignment(client, pt):
    old = make_question(
        published=False,
        name="A",
        email="a@example.com",
        text="Oldest question text here",
        created_at=timezone.now() - timedelta(days=3),
    )
    new = make_question(
        published=False, name="B", email="b@example.com", text="Newest question text here"
    )
    queue = client.get("/admin/questions/question/").content.decode()
    assert queue.index(old.reference) < queue.index(new.reference)
    client.post(
        "/admin/questions/question/", {"action": "assign_to_me", "_selected_action": [new.pk]}
    )
    mine = client.get("/admin/questions/question/?mine=yes").content.decode()
    assert new.reference in mine and old.reference not in mine
    new.refresh_from_db()
    assert new.status == Question.Status.ASSIGNED and new.assigned_to == pt
    found = client.get(f"/admin/questions/question/?q={old.reference}").content.decode()
    assert old.reference in found and new.reference not in found


def test_physical_therapists_cannot_delete_questions_or_see_users(client, pt):
    question = make_question(published=False, name="A", email="a@example.com", text=QUESTION_TEXT)
    assert client.get(f"/admin/questions/question/{question.pk}/delete/").status_code == 403
    assert client.get("/admin/auth/user/").status_code == 403
    assert client.get("/admin/auth/group/").status_code == 403
    assert client.get("/admin/education/article/add/").status_code == 200


def test_the_front_desk_cannot_see_questions(client):
    client.force_login(make_staff(group=FRONT_DESK))
    assert client.get("/admin/questions/question/").status_code == 403
    assert "waiting for an answer" not in client.get("/admin/").content.decode()


def test_purge_erases_old_personal_data_and_nothing_else(settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 180
    long_ago = timezone.now() - timedelta(days=200)
    old_answered = make_question(
        published=False,
        name="Old",
        email="old@example.com",
        text="Old private text",
        closed_at=long_ago,
        status=Question.Status.ANSWERED,
    )
    old_published = make_question(
        published=False,
        name="Pub",
        email="pub@example.com",
        text="Published original",
        closed_at=long_ago,
        status=Question.Status.PUBLISHED,
        public_title="T",
        public_text="Q",
        slug="t",
        published_at=long_ago,
    )
    recent = make_question(
        published=False,
        name="New",
        email="new@example.com",
        text="Recent text",
        closed_at=timezone.now() - timedelta(days=10),
        status=Question.Status.ANSWERED,
    )
    waiting = make_question(
        published=False,
        name="Wait",
        email="wait@example.com",
        text="Waiting text",
        created_at=long_ago,
    )
    call_command("purge_personal_data")
    for question in (old_answered, old_published, recent, waiting):
        question.refresh_from_db()
    assert (old_answered.name, old_answered.email, old_answered.text) == ("", "", "")
    assert (old_published.name, old_published.email) == ("", "")
    assert old_published.text == "Published original" and old_published.public_text == "Q"
    assert recent.email == "new@example.com" and waiting.email == "wait@example.com"


def test_staff_can_erase_one_askers_data_on_request(client, pt, admin_client):
    question = make_question(
        published=False, name="Pat", email="pat@example.com", text=QUESTION_TEXT
    )
    admin_client.post(
        "/admin/questions/question/",
        {"action": "erase_asker_data", "_selected_action": [question.pk]},
    )
    question.refresh_from_db()
    assert question.email == "" and question.name == "" and question.text == ""
    assert question.personal_data_erased_at is not None


def test_published_question_page_has_json_ld_and_other_questions_from_its_region(client, regions):
    import json
    import re

    therapist = make_therapist(name="Dan Reyes", credentials="PT, DPT")

    def published(title, slug, region):
        return make_question(public_title=title, slug=slug, region=region, answered_by=therapist)

    page = published("Heel pain in the morning?", "heel", regions["ankle-foot"])
    published("Arch pain at work?", "arch", regions["ankle-foot"])
    published("Knee pain?", "knee-q", regions["knee"])
    content = client.get("/questions/heel/").content.decode()
    data = json.loads(re.search(r'ld\+json">(.*?)</script>', content, re.S).group(1))
    assert data["@type"] == "MedicalWebPage"
    assert data["mainEntity"]["@type"] == "Question"
    assert data["mainEntity"]["acceptedAnswer"]["author"]["name"] == "Dan Reyes"
    other = content.split("Other questions you may be interested in")[1]
    assert "Arch pain at work?" in other
    assert "Knee pain?" not in other and page.public_title not in other
    for private in ("Secret Name", "secret@example.com", "Original private words", page.reference):
        assert private not in content
    assert "/questions/heel/" in client.get("/sitemap.xml").content.decode()


def test_the_queue_opens_on_waiting_questions_and_shows_the_rest_on_request(client, pt):
    waiting = make_question(
        published=False, name="A", email="a@example.com", text="Waiting question text"
    )
    done = make_question(
        published=False,
        name="B",
        email="b@example.com",
        text="Answered question text",
        status=Question.Status.ANSWERED,
    )
    default = client.get("/admin/questions/question/").content.decode()
    assert waiting.reference in default and done.reference not in default
    everything = client.get("/admin/questions/question/?queue=all").content.decode()
    assert waiting.reference in everything and done.reference in everything
    answered = client.get("/admin/questions/question/?status__exact=answered").content.decode()
    assert done.reference in answered


def test_the_patients_text_is_shown_escaped_in_the_answer_form_data(client, pt):
    question = make_question(
        published=False, name="A", email="a@example.com", text="<b>bold?</b>\nsecond line"
    )
    page = client.get(f"/admin/questions/question/{question.pk}/change/").content.decode()
    assert "&lt;b&gt;bold?&lt;/b&gt;<br>second line" in page


def test_purge_erases_contact_details_of_old_finished_appointment_requests(settings):
    from clinic.models import AppointmentRequest
    from tests.factories import make_appointment_request

    settings.PERSONAL_DATA_RETENTION_DAYS = 180
    long_ago = timezone.now() - timedelta(days=200)
    old = make_appointment_request(
        name="Old Patient",
        email="old@example.com",
        status=AppointmentRequest.Status.CLOSED,
        status_changed_at=long_ago,
        source_path="/articles/knock-knees/",
    )
    open_request = make_appointment_request(
        name="Still Waiting", created_at=long_ago, status_changed_at=long_ago
    )
    call_command("purge_personal_data")
    old.refresh_from_db()
    open_request.refresh_from_db()
    assert (old.name, old.email, old.phone) == ("", "", "")
    assert old.source_path == "/articles/knock-knees/"  # the report still counts it
    assert open_request.name == "Still Waiting"


def test_the_same_form_sent_twice_is_one_question_with_one_email(client):
    data = ask_data()  # one rendered form: one start token
    first = client.post("/ask/", data, follow=True)
    second = client.post("/ask/", data, follow=True)  # a double tap, or a retry
    send_queued()
    question = Question.objects.get()
    assert question.reference in first.content.decode()
    assert question.reference in second.content.decode()
    assert [message.to for message in mail.outbox] == [["pat@example.com"]]


def test_a_retry_of_a_form_already_sent_is_thanked_even_at_the_limit(client):
    forms = [ask_data(text=f"{QUESTION_TEXT} ({i})") for i in range(5)]
    for data in forms:
        client.post("/ask/", data)
    again = client.post("/ask/", forms[-1], follow=True)
    assert again.redirect_chain[-1][0] == "/ask/thanks/"
    assert Question.objects.count() == 5


def test_a_mistyped_email_domain_gets_a_did_you_mean_and_can_be_kept_or_corrected(ask):
    response = ask(email="pat@gmail.con")
    content = response.content.decode()
    assert "Did you mean pat@gmail.com?" in content and QUESTION_TEXT in content
    assert not Question.objects.exists()
    form = response.context["form"]
    # Corrected, it is sent at once.
    response = ask(email="pat@gmail.com", started=form["started"].value())
    assert response.redirect_chain[-1][0] == "/ask/thanks/"
    assert Question.objects.get().email == "pat@gmail.com"


def test_a_patient_who_means_the_unusual_domain_keeps_it_by_sending_again(ask):
    response = ask(email="pat@gmail.con")
    form = response.context["form"]
    response = ask(
        email="pat@gmail.con",
        email_as_typed=form["email_as_typed"].value(),
        started=form["started"].value(),
    )
    assert response.redirect_chain[-1][0] == "/ask/thanks/"
    assert Question.objects.get().email == "pat@gmail.con"


def test_a_form_back_for_being_sent_too_fast_does_not_take_a_mistyped_address_as_seen(ask):
    # Seen on a phone: "sent too fast" and "Did you mean" on one page, both asking for Send
    # again; pressing it kept sam@gmail.con, to which no answer can ever be delivered.
    first = ask(email="sam@gmail.con", started=start_token())
    page = first.content.decode()
    assert "Please check your answers, then press Send again." in page
    summary = page.split('id="form-errors"')[1].split("</div>")[0]
    assert '<a href="#id_email">Your email: Did you mean sam@gmail.com?' in summary
    assert page.index('id="form-errors"') < page.index("Not for emergencies")
    assert "If sam@gmail.con is right" not in page
    form = first.context["form"]
    with time_machine.travel(timezone.now() + timedelta(seconds=10)):
        second = ask(
            email="sam@gmail.con",
            email_as_typed=form["email_as_typed"].value(),
            started=form["started"].value(),
        )
        assert "If sam@gmail.con is right, press Send again." in second.content.decode()
        assert not Question.objects.exists()
        form = second.context["form"]
        third = ask(
            email="sam@gmail.con",
            email_as_typed=form["email_as_typed"].value(),
            started=form["started"].value(),
        )
    assert third.redirect_chain[-1][0] == "/ask/thanks/"
    assert Question.objects.get().email == "sam@gmail.con"


def test_the_error_summary_counts_the_fields_it_marks(client):
    # Sent at once (too fast for a person) and empty: 4 fields marked, and the speed note.
    page = client.post("/ask/", {}).content.decode()
    marked = len(re.findall(r'class="[^"]*is-invalid', page))
    assert f"Please check {marked} things below." in page

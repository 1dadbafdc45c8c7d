"""Answering safely: a draft sends nothing, sending shows first what leaves, the patient reads
the answer on a private page, and nothing that identifies them is published."""

import json
import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from core.outbox import send_queued
from portal.roles import PHYSICAL_THERAPISTS
from questions.models import Question
from questions.services import erase_personal_data
from tests.factories import (
    answer_form_data,
    make_article,
    make_exercise,
    make_question,
    make_staff,
    make_therapist,
)
from tests.words import has_word

pytestmark = pytest.mark.django_db

ASKED = "My name is Jordan and my knees turn in on the stairs. The front of my knee aches."


def waiting_question(**fields):
    return make_question(
        published=False, name="Jordan Lee", email="jordan@example.com", text=ASKED, **fields
    )


def save(client, question, button="_continue", **overrides):
    url = f"/admin/questions/question/{question.pk}/change/"
    response = client.post(url, {**answer_form_data(question, **overrides), button: "1"})
    question.refresh_from_db()
    return response


def send(client, question, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/questions/question/{question.pk}/send/")
    send_queued()
    question.refresh_from_db()
    return response


def private_link(email):
    return re.search(r"https?://[^/\s]+(/answers/[^/\s]+/)", email.body).group(1)


@pytest.mark.parametrize("button", ["_continue", "_save", "_addanother"])
def test_saving_the_answer_form_with_any_button_only_saves_a_draft(client, pt, button):
    question = waiting_question()
    response = save(client, question, button=button, answer="Hi, thanks for writing. I think")
    assert response.status_code == 302
    assert question.status == Question.Status.DRAFTED
    assert question.answer == "Hi, thanks for writing. I think"
    assert question.answer_sent_at is None and question.private_key is None
    assert send_queued() == (0, 0) and mail.outbox == []
    index = client.get("/admin/").content.decode()
    assert "<strong>1</strong> answer drafted, not sent to the patient" in index
    drafts = client.get("/admin/questions/question/?status__exact=drafted").content.decode()
    assert question.reference in drafts and "Answer drafted" in drafts


def test_send_shows_the_email_first_then_sends_one_link_without_any_health_text(
    client, pt, regions, django_capture_on_commit_callbacks
):
    exercise = make_exercise(name="Hip hike", slug="hip-hike")
    question = waiting_question(region=regions["knee"])
    save(client, question, related_exercises=[exercise.pk])
    change = client.get(f"/admin/questions/question/{question.pk}/change/").content.decode()
    assert "Send to patient…" in change
    preview = client.get(f"/admin/questions/question/{question.pk}/send/").content.decode()
    assert "This is exactly what Jordan receives" in preview
    assert "jordan@example.com" in preview and "Your answer is ready" in preview
    assert "Try a <strong>hip hike</strong> every day." in preview  # their page, previewed
    assert mail.outbox == []

    response = send(client, question, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert question.status == Question.Status.ANSWERED
    assert question.answer_sent_by == pt and question.answer_sent_at is not None
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["jordan@example.com"] and email.reply_to == ["frontdesk@example.com"]
    assert email.body.startswith("Hello Jordan,")
    for health_text in ("hip hike", "knee", "knees", "stairs", "hip is often"):
        assert not has_word(email.body, health_text), health_text
        assert not has_word(email.subject, health_text), health_text

    page = client.get(private_link(email))
    content = page.content.decode()
    assert page.status_code == 200
    assert "Hello Jordan, here is your answer" in content
    assert ASKED in content and "Try a <strong>hip hike</strong> every day." in content
    assert "Hip hike" in content  # the related exercise's card
    assert "emergency department now" in content and "Request an appointment" in content
    assert question.private_key not in "".join(re.findall(r'href="/book/[^"]*"', content))


def test_an_edit_after_sending_shows_on_the_private_page_and_emails_nobody(
    client, pt, django_capture_on_commit_callbacks
):
    question = waiting_question()
    save(client, question)
    send(client, question, django_capture_on_commit_callbacks)
    link = private_link(mail.outbox[0])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        save(client, question, answer="Try a **wall sit** as well.")
    send_queued()
    assert mail.outbox == []
    assert question.status == Question.Status.ANSWERED
    client.logout()
    assert "Try a <strong>wall sit</strong> as well." in client.get(link).content.decode()
    # Sent once: the send page now says so instead of sending again.
    client.force_login(pt)
    assert (
        "This question is answer sent."
        in client.get(f"/admin/questions/question/{question.pk}/send/").content.decode()
    )


def test_an_incomplete_answer_cannot_be_sent(client, pt, django_capture_on_commit_callbacks):
    question = waiting_question()
    save(client, question, things_to_know="", answer="")
    page = client.get(f"/admin/questions/question/{question.pk}/send/").content.decode()
    assert "The answer cannot be sent yet" in page and "Write the answer." in page
    send(client, question, django_capture_on_commit_callbacks)
    assert question.status == Question.Status.NEW and mail.outbox == []


def test_the_private_page_is_never_cached_indexed_or_referred(
    client, pt, django_capture_on_commit_callbacks
):
    question = waiting_question()
    save(client, question)
    send(client, question, django_capture_on_commit_callbacks)
    client.logout()
    response = client.get(private_link(mail.outbox[0]))
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
    assert "X-Page-Cache" not in response


def test_the_link_expires_with_the_retention_period_and_on_erasure(
    client, pt, settings, django_capture_on_commit_callbacks
):
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    question = waiting_question()
    save(client, question)
    send(client, question, django_capture_on_commit_callbacks)
    link = private_link(mail.outbox[0])
    client.logout()
    assert client.get(link).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        expired = client.get(link)
    assert expired.status_code == 410
    assert "This link has expired" in expired.content.decode()
    assert ASKED not in expired.content.decode()
    erase_personal_data(question)
    gone = client.get(link)
    assert gone.status_code == 410 and "Try a" not in gone.content.decode()
    assert client.get("/answers/not-a-key-we-made/").status_code == 410


def sent_question(client, pt, django_capture_on_commit_callbacks, **overrides):
    question = waiting_question()
    save(client, question)
    send(client, question, django_capture_on_commit_callbacks)
    overrides = {
        "public_title": "Why do my knees hurt on stairs?",
        "public_text": "My knees turn in on stairs and ache. What helps?",
        "slug": "knees-hurt-on-stairs",
        **overrides,
    }
    save(client, question, **overrides)
    return question


def test_publishing_shows_the_public_page_first_then_publishes_without_private_data(
    client, pt, django_capture_on_commit_callbacks
):
    question = sent_question(client, pt, django_capture_on_commit_callbacks)
    url = f"/admin/questions/question/{question.pk}/publish/"
    preview = client.get(url).content.decode()
    assert "Agreed to publication: <strong>yes</strong>" in preview
    assert "Why do my knees hurt on stairs?" in preview and 'value="Publish"' in preview
    assert client.get("/questions/knees-hurt-on-stairs/").status_code == 404  # not yet
    mail.outbox.clear()
    client.post(url)
    question.refresh_from_db()
    assert question.status == Question.Status.PUBLISHED and mail.outbox == []
    client.logout()
    public = client.get("/questions/knees-hurt-on-stairs/").content.decode()
    assert "Try a <strong>hip hike</strong> every day." in public
    for private in ("Jordan", "Lee", "jordan@example.com", question.reference, ASKED):
        assert private not in public


@pytest.mark.parametrize(
    ("field", "text", "quoted"),
    [
        ("answer", "Hi Jordan, thanks for writing. Try a hip hike.", "“Jordan”"),
        ("public_text", "My name is Jordan Lee and my knee hurts.", "“Lee”"),
        ("answer", "Email us at jordan@example.com any time.", "“jordan@example.com”"),
        (
            "things_to_know",
            "Call (312) 555-0142.\nIt is common.\nExercise helps.",
            "(312) 555-0142",
        ),
        ("public_text", "I live at 12 Oak Street and my knee hurts.", "12 Oak Street"),
        ("public_text", "I was born on 03/14/1985 and my knee hurts.", "03/14/1985"),
    ],
)
def test_publishing_is_refused_with_each_identifying_match_quoted(
    client, pt, django_capture_on_commit_callbacks, field, text, quoted
):
    question = sent_question(client, pt, django_capture_on_commit_callbacks, **{field: text})
    url = f"/admin/questions/question/{question.pk}/publish/"
    response = client.post(url)
    content = response.content.decode()
    assert "This question cannot be published yet" in content
    assert quoted in content
    question.refresh_from_db()
    assert question.status == Question.Status.ANSWERED
    assert client.get("/questions/knees-hurt-on-stairs/").status_code == 404


def test_a_name_that_is_also_a_word_is_matched_only_as_a_name(
    client, pt, django_capture_on_commit_callbacks
):
    question = sent_question(
        client, pt, django_capture_on_commit_callbacks, answer="We hope this helps. You may rest."
    )
    question.name = "Hope May"
    question.save()
    client.post(f"/admin/questions/question/{question.pk}/publish/")
    question.refresh_from_db()
    assert question.status == Question.Status.PUBLISHED


def test_editing_a_published_answer_to_add_the_name_is_refused(
    client, pt, django_capture_on_commit_callbacks
):
    question = sent_question(client, pt, django_capture_on_commit_callbacks)
    client.post(f"/admin/questions/question/{question.pk}/publish/")
    response = save(client, question, answer="Thanks Jordan! Try a hip hike.")
    assert response.status_code == 200
    assert "The answer contains the asker&#x27;s name: “Jordan”" in response.content.decode()
    assert "Jordan" not in question.answer


def test_a_patient_who_did_not_consent_is_never_published(
    client, pt, django_capture_on_commit_callbacks
):
    question = waiting_question(may_publish=False)
    change = client.get(f"/admin/questions/question/{question.pk}/change/").content.decode()
    assert "No. The patient did not agree: this question is never published." in change
    assert "Publish: never. The patient did not agree to publication." in change
    save(client, question)
    send(client, question, django_capture_on_commit_callbacks)
    save(client, question, public_title="T", public_text="Knees?", slug="t")
    url = f"/admin/questions/question/{question.pk}/publish/"
    page = client.get(url).content.decode()
    assert "Agreed to publication: <strong>no</strong>" in page
    assert "The patient did not agree to publication." in page and 'value="Publish"' not in page
    client.post(url)
    question.refresh_from_db()
    assert question.status == Question.Status.ANSWERED
    assert client.get("/questions/t/").status_code == 404


def test_staff_without_the_publish_permission_cannot_open_the_publish_page(client):
    editor = make_staff("editor")
    editor.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="questions", codename__in=["view_question", "change_question"]
        )
    )
    client.force_login(editor)
    question = make_question(published=False, status=Question.Status.ANSWERED, answer="A.")
    assert client.post(f"/admin/questions/question/{question.pk}/publish/").status_code == 403
    question.refresh_from_db()
    assert question.status == Question.Status.ANSWERED


def test_a_decline_emails_a_link_and_the_reason_waits_on_the_private_page(
    client, pt, django_capture_on_commit_callbacks
):
    question = waiting_question()
    spam = make_question(published=False, name="B", email="b@example.com", text="Buy watches")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/questions/question/",
            {
                "action": "decline",
                "_selected_action": [question.pk],
                "apply": "1",
                "reason": "We need to see your knee in person for this.",
            },
        )
    client.post(
        "/admin/questions/question/", {"action": "mark_as_spam", "_selected_action": [spam.pk]}
    )
    send_queued()
    question.refresh_from_db()
    spam.refresh_from_db()
    assert question.status == Question.Status.DECLINED and spam.status == Question.Status.SPAM
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["jordan@example.com"]
    assert not has_word(mail.outbox[0].body, "knee")
    client.logout()
    page = client.get(private_link(mail.outbox[0])).content.decode()
    assert "We need to see your knee in person for this." in page


def test_a_new_question_emails_the_pts_of_its_region_without_its_text(
    client, regions, settings, django_capture_on_commit_callbacks
):
    from tests.questions.test_ask import ask_data

    knee_pt = make_staff("knee", group=PHYSICAL_THERAPISTS)
    knee_pt.email = "knee-pt@example.com"
    knee_pt.save()
    make_therapist(user=knee_pt).question_regions.set([regions["knee"]])
    foot_pt = make_staff("foot", group=PHYSICAL_THERAPISTS)
    foot_pt.email = "foot-pt@example.com"
    foot_pt.save()
    make_therapist(user=foot_pt).question_regions.set([regions["ankle-foot"]])
    anyone_pt = make_staff("any", group=PHYSICAL_THERAPISTS)
    anyone_pt.email = "any-pt@example.com"
    anyone_pt.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/ask/", ask_data(region=regions["knee"].pk, text=ASKED))
    send_queued()
    question = Question.objects.get()
    notices = [email for email in mail.outbox if email.to != [question.email]]
    assert sorted(email.to[0] for email in notices) == ["any-pt@example.com", "knee-pt@example.com"]
    for notice in notices:
        assert question.reference in notice.subject
        assert f"/admin/questions/question/{question.pk}/change/" in notice.body
        assert "stairs" not in notice.body and "Jordan" not in notice.body


def test_with_daily_notifications_the_pts_get_one_digest_instead(
    client, settings, django_capture_on_commit_callbacks
):
    from tests.questions.test_ask import ask_data

    settings.QUESTION_NOTIFICATIONS = "daily"
    pt = make_staff("daily", group=PHYSICAL_THERAPISTS)
    pt.email = "daily-pt@example.com"
    pt.save()
    for number in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            client.post("/ask/", ask_data(email=f"p{number}@example.com", text=ASKED))
    send_queued()
    assert [email.to for email in mail.outbox] == [["p0@example.com"], ["p1@example.com"]]
    call_command("send_question_digest")
    send_queued()
    digest = mail.outbox[-1]
    assert digest.to == ["daily-pt@example.com"]
    assert "2 new questions arrived" in digest.body and "stairs" not in digest.body


def test_without_a_reply_address_emails_point_to_the_privacy_page(
    client, settings, django_capture_on_commit_callbacks
):
    from tests.questions.test_ask import ask_data

    settings.REPLY_TO_EMAIL = ""
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/ask/", ask_data(text=ASKED))
    send_queued()
    (email,) = mail.outbox
    assert email.reply_to == []
    assert "reply to this email" not in email.body and "/privacy/" in email.body
    assert ASKED not in email.body and "Patricia" not in email.body


def test_structured_data_carries_the_answer_as_plain_text_only(client):
    make_question(
        slug="plain",
        answer="Try a **hip hike**.\n\n<!-- note: this is Jordan Smith -->\n\n"
        '[ref]: https://example.com "Jordan Smith"',
    )
    page = client.get("/questions/plain/").content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1]
    )
    assert data["mainEntity"]["acceptedAnswer"]["text"] == "Try a hip hike."
    assert "Jordan" not in page


def test_article_links_are_unchanged_by_the_answer_workflow(
    client, pt, django_capture_on_commit_callbacks
):
    article = make_article(title="Knock knees", slug="knock-knees")
    question = sent_question(
        client, pt, django_capture_on_commit_callbacks, related_articles=[article.pk]
    )
    client.post(f"/admin/questions/question/{question.pk}/publish/")
    client.logout()
    assert (
        "Why do my knees hurt on stairs?" in client.get("/articles/knock-knees/").content.decode()
    )


def test_answer_assist_shows_matching_pages_and_links_one_in_one_click(client, pt):
    article = make_article(
        title="Knock knees and kneecap pain",
        slug="knock-knees",
        summary="Knees that turn in, and an ache at the front of the knee on stairs.",
    )
    exercise = make_exercise(
        name="Step down", slug="step-down", purpose="Control the knee on stairs."
    )
    make_article(title="Heel pain in the morning", slug="heel-pain", summary="Plantar fasciitis.")
    question = waiting_question()
    url = f"/admin/questions/question/{question.pk}/change/"
    page = client.get(url).content.decode()
    assert 'href="/articles/knock-knees/"' in page and f'value="article:{article.pk}"' in page
    assert f'value="exercise:{exercise.pk}"' in page
    assert "Heel pain in the morning" not in page

    response = client.post(
        url, {**answer_form_data(question, answer="A draft."), "_link": f"article:{article.pk}"}
    )
    assert response.status_code == 302 and response["Location"] == url
    question.refresh_from_db()
    assert list(question.related_articles.all()) == [article]
    assert question.status == Question.Status.DRAFTED and question.answer == "A draft."
    page = client.get(url).content.decode()
    assert f'value="article:{article.pk}"' not in page and "<em>linked</em>" in page
    assert mail.outbox == []


def test_a_pt_cites_the_sources_of_an_answer_and_they_show_under_it(
    client, pt, django_capture_on_commit_callbacks
):
    source = "Willy RW, et al. Patellofemoral pain: clinical practice guidelines. JOSPT. 2019."
    question = sent_question(
        client,
        pt,
        django_capture_on_commit_callbacks,
        checked_against="JOSPT 2019 patellofemoral pain guideline",
        **{
            "references-TOTAL_FORMS": "1",
            "references-0-order": "1",
            "references-0-citation": source,
            "references-0-url": "doi.org/10.2519/jospt.2019.0302",
        },
    )
    assert question.checked_against == "JOSPT 2019 patellofemoral pain guideline"
    assert question.references.get().url == "https://doi.org/10.2519/jospt.2019.0302"
    client.post(f"/admin/questions/question/{question.pk}/publish/")
    client.logout()
    public = client.get("/questions/knees-hurt-on-stairs/").content.decode()
    assert source in public and 'href="https://doi.org/10.2519/jospt.2019.0302"' in public
    # What it was checked against is for staff only.
    assert "JOSPT 2019 patellofemoral pain guideline" not in public


def test_a_sent_answer_says_a_save_is_live_and_cannot_be_left_incomplete(
    client, pt, django_capture_on_commit_callbacks
):
    """Walk finding 6: on a sent or published answer the box said "keeps your changes as a
    draft", yet a save changed the patient's (and the public) page at once."""
    question = waiting_question()
    save(client, question)
    change_url = f"/admin/questions/question/{question.pk}/change/"
    assert "keeps your changes as a draft" in client.get(change_url).content.decode()
    question = sent_question(client, pt, django_capture_on_commit_callbacks)
    change_url = f"/admin/questions/question/{question.pk}/change/"
    page = client.get(change_url).content.decode()
    assert "keeps your changes as a draft" not in page and "Saving keeps the answer" not in page
    assert "saving this form changes their private page at once" in page
    response = save(client, question, things_to_know="Only one point.", answer="")
    assert response.status_code == 200
    assert "Write 3 to 6 things to know" in response.content.decode()
    assert "The patient has this answer: it cannot be emptied." in response.content.decode()
    assert question.answer == "Try a **hip hike** every day."  # unchanged
    client.post(f"/admin/questions/question/{question.pk}/publish/")
    page = client.get(change_url).content.decode()
    assert "This answer is public: saving this form changes the public page" in page


@pytest.mark.parametrize("action", ["decline", "mark_as_spam"])
def test_decline_and_spam_leave_answered_and_published_questions_alone(
    client, pt, action, django_capture_on_commit_callbacks
):
    """Walk finding: through the queue's "Everything" view, Decline took a published
    answer off the site (404) and told the patient we could not answer."""
    published = sent_question(client, pt, django_capture_on_commit_callbacks)
    client.post(f"/admin/questions/question/{published.pk}/publish/")
    published.refresh_from_db()
    assert published.status == Question.Status.PUBLISHED
    waiting = make_question(published=False, name="Sam", email="sam@example.com", text=ASKED)
    mail.outbox.clear()
    data = {"action": action, "_selected_action": [published.pk, waiting.pk]}
    if action == "decline":
        data |= {"apply": "1", "reason": "We need to see you to answer this safely."}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/questions/question/?queue=all", data, follow=True)
    send_queued()
    content = response.content.decode()
    assert "Only questions not sent yet can be" in content and published.reference in content
    published.refresh_from_db()
    waiting.refresh_from_db()
    assert published.status == Question.Status.PUBLISHED
    assert client.get(published.get_absolute_url()).status_code == 200
    assert waiting.status == (
        Question.Status.DECLINED if action == "decline" else Question.Status.SPAM
    )
    assert [m.to for m in mail.outbox] == ([["sam@example.com"]] if action == "decline" else [])


def test_answered_by_starts_as_the_signed_in_pt(client, pt):
    question = waiting_question()
    page = client.get(f"/admin/questions/question/{question.pk}/change/").content.decode()
    chosen = re.search(r'<select name="answered_by".*?</select>', page, re.S).group()
    assert re.search(r'<option value="\d+" selected>Maya Okafor', chosen)


@pytest.mark.parametrize("written", ["jordan", "lee", "Lee", "JORDAN"])
def test_publishing_catches_the_name_in_any_case_and_the_surname(
    client, pt, written, django_capture_on_commit_callbacks
):
    question = sent_question(  # asked by "Jordan Lee"
        client, pt, django_capture_on_commit_callbacks,
        answer=f"Thanks {written}: try a hip hike every day.",
    )  # fmt: skip
    response = client.post(f"/admin/questions/question/{question.pk}/publish/")
    assert f"The answer contains the asker&#x27;s name: “{written}”" in response.content.decode()
    question.refresh_from_db()
    assert question.status == Question.Status.ANSWERED


def test_the_decline_page_lists_only_what_it_will_decline(
    client, pt, django_capture_on_commit_callbacks
):
    answered = sent_question(client, pt, django_capture_on_commit_callbacks)
    waiting = make_question(published=False, name="Sam", email="sam@example.com", text=ASKED)
    data = {"action": "decline", "_selected_action": [answered.pk, waiting.pk]}
    page = client.post("/admin/questions/question/?queue=all", data).content.decode()
    will = page[page.index("These questions will be closed") : page.index("Left as they are")]
    assert waiting.reference in will and answered.reference not in will
    assert f"or are closed): {answered.reference}. Only questions not sent yet" in page
    assert f'name="_selected_action" value="{answered.pk}"' not in page


def test_assigned_to_offers_the_pts_by_name_not_the_front_desk_or_administrators(client, pt):
    from portal.roles import FRONT_DESK

    make_staff("jordan", group=FRONT_DESK)
    make_staff("boss", superuser=True)
    question = waiting_question()
    page = client.get(f"/admin/questions/question/{question.pk}/change/").content.decode()
    chosen = re.search(r'<select name="assigned_to".*?</select>', page, re.S).group()
    assert ">maya</option>" in chosen
    assert "jordan" not in chosen and "boss" not in chosen


def test_a_hand_over_does_not_name_the_pt_who_handed_it_over(client, pt):
    """Review: "Answered by" is preselected; a save with no answer (assigning a colleague)
    must not store it, or the colleague's answer goes out under the first PT's name."""
    sam = make_staff("sam", group=PHYSICAL_THERAPISTS)
    therapist = make_therapist(name="Sam Rivera", credentials="PT", user=sam)
    question = waiting_question()
    save(client, question, answer="", things_to_know="", assigned_to=sam.pk,
         answered_by=pt.therapist.pk)  # fmt: skip
    assert question.answered_by_id is None and question.assigned_to == sam
    client.force_login(sam)
    save(client, question, answered_by=therapist.pk)  # Sam's form preselects Sam
    assert question.answered_by == therapist


def test_a_question_answered_meanwhile_is_not_declined(
    client, pt, django_capture_on_commit_callbacks
):
    """Review: Decline checked the status it had read, not the row: a question another PT
    sent in between was declined too, and the patient got both emails."""
    from django.core.exceptions import ValidationError

    from questions.services import decline_question, mark_spam

    question = waiting_question()
    stale = Question.objects.get(pk=question.pk)  # as the queue read it
    save(client, question)
    send(client, question, django_capture_on_commit_callbacks)
    for act in (lambda q: decline_question(q, reason="No."), mark_spam):
        with pytest.raises(ValidationError, match="only a question not sent yet"):
            act(stale)
    question.refresh_from_db()
    assert question.status == Question.Status.ANSWERED

"""Writes of the Ask Our Experts workflow. Each one stores first, then emails via the outbox.

Draft, send, publish: saving the answer form only saves a draft (`save_question`);
`send_answer` emails the patient a link to their private page; `publish_question` puts
the edited question and answer on the site, after the check for identifying text.
"""

import secrets
from copy import copy
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import get_language, gettext

from core import outbox
from core.links import site_links
from core.outbox import queue_email
from questions.models import Question
from questions.notifications import tell_therapists_of
from questions.privacy import find_identifying_text


def _render_email(question, template):
    """The email's text, in the language the patient asked in (links to /es/… too)."""
    with translation.override(question.language):
        return _render(question, template)


def _render(question, template):
    return render_to_string(
        f"questions/email/{template}.txt",
        {
            "question": question,
            "site_name": settings.SITE_NAME,
            "site_url": settings.SITE_URL,
            "reply_to": settings.REPLY_TO_EMAIL,
            "links": site_links(),
        },
    )


def _email(question, template, subject):
    """Queue an email to the asker, in the language they asked in: `subject(question)`
    gives its subject. It carries no question or answer text: what is private waits on
    the private page, behind the link."""
    body = _render_email(question, template)
    with translation.override(question.language):
        subject = subject(question)
    queue_email(to=question.email, subject=subject, body=body, reply_to=settings.REPLY_TO_EMAIL)


def answer_subject(question):
    return gettext("Your answer is ready (reference %(reference)s)") % {
        "reference": question.reference
    }


def received_subject(question):
    return gettext("We received your question (reference %(reference)s)") % {
        "reference": question.reference
    }


def declined_subject(question):
    return gettext("About your question (reference %(reference)s)") % {
        "reference": question.reference
    }


def answer_email_preview(question):
    """(subject, body) of the email `send_answer` would send now.

    The private link's key is made on sending; the preview shows a stand-in for it.
    """
    preview = copy(question)
    preview.private_key = preview.private_key or "KEY-MADE-WHEN-YOU-SEND"
    preview.answer_sent_at = preview.answer_sent_at or timezone.now()
    with translation.override(question.language):
        subject = answer_subject(question)
    return subject, _render_email(preview, "answer")


def submit_question(
    *, name, email, text, region=None, may_publish=False, submission=None, language=None
):
    """Store a patient's question and queue the confirmation email.

    `language`: the one the patient asked in (the page's, by default); every email to
    them and their private page are in it.

    `submission` is the id of the form it came from: the same form sent again (a double
    tap, a retry after a lost answer) returns the question already stored, and queues
    nothing more.
    """
    if submission and (question := Question.objects.filter(submission=submission).first()):
        return question
    try:
        with transaction.atomic():
            question = Question.objects.create(
                name=name.strip(),
                email=email.strip(),
                text=text.strip(),
                region=region,
                may_publish=may_publish,
                submission=submission,
                language=language or get_language(),
            )
            _email(question, "question_received", received_subject)
            tell_therapists_of(question)
    except IntegrityError:
        if not submission:
            raise
        return Question.objects.get(submission=submission)  # the same form, twice at once
    return question


@transaction.atomic
def assign_question(question, user):
    question.assigned_to = user
    if question.status == Question.Status.NEW:
        question.status = Question.Status.ASSIGNED
    question.save(update_fields=["assigned_to", "status"])
    return question


def check_key_points(text):
    points = [line for line in text.splitlines() if line.strip(" -*•")]
    if not 3 <= len(points) <= 6:
        raise ValidationError("Write 3 to 6 things to know, one per line.")
    if any(len(point) > 200 for point in points):
        raise ValidationError("Keep each thing to know under 200 characters: one short sentence.")


def check_sendable(question):
    """What stops the answer from going to the patient, as a list of messages."""
    problems = []
    if question.status not in Question.NOT_SENT:
        problems.append(f"This question is {question.get_status_display().lower()}.")
    if not question.email:
        problems.append("The patient's email address has been erased.")
    try:
        check_key_points(question.things_to_know)
    except ValidationError as error:
        problems.extend(error.messages)
    if not question.answer.strip():
        problems.append("Write the answer.")
    if not question.answered_by_id:
        problems.append("Choose the physical therapist named on the answer.")
    return problems


def _open_private_page(question):
    """Give the question the key of the patient's private page, if it has none yet."""
    if not question.private_key:
        question.private_key = secrets.token_urlsafe(32)


@transaction.atomic
def send_answer(question, *, by):
    """Send the answer to the patient: an email with a link to their private page.

    The email holds no question or answer text. A later edit shows on the private page
    at once and is not emailed again.
    """
    question = Question.objects.select_for_update().get(pk=question.pk)
    problems = check_sendable(question)
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    _open_private_page(question)
    question.status = Question.Status.ANSWERED
    question.answered_at = question.answered_at or now
    question.answer_sent_at = now
    question.answer_sent_by = by
    question.assigned_to = question.assigned_to or by
    question.closed_at = question.closed_at or now
    question.save()
    _email(question, "answer", answer_subject)
    return question


def check_publishable(question, *, by=None):
    """The reasons a question cannot be published (by `by`, when given), as a list of messages.

    Includes every piece of identifying text found in what would be public.
    """
    problems = []
    if by is not None and not by.has_perm("questions.publish_question"):
        problems.append("You do not have permission to publish questions.")
    if not question.may_publish:
        problems.append("The patient did not agree to publication.")
    if question.status not in (Question.Status.ANSWERED, Question.Status.PUBLISHED):
        problems.append("Send the answer to the patient first.")
    if not question.answer.strip():
        problems.append("Write the answer first.")
    if not question.public_title.strip() or not question.public_text.strip():
        problems.append("Fill in the public title and the public question.")
    if not question.slug:
        problems.append("Fill in the slug (the web address of the page).")
    problems.extend(
        f"{where} contains {kind}: “{text}”. Remove it before publishing."
        for where, kind, text in find_identifying_text(question)
    )
    return problems


@transaction.atomic
def save_question(question, *, by):
    """What a PT's save of the question form means: a draft, never an email.

    An answer written on an open question makes it "Answer drafted"; the PT who saves it
    is named on it unless another PT is chosen. Sending and publishing are their own steps
    (`send_answer`, `publish_question`).
    """
    changed = []
    if question.answer.strip() and question.status in (
        Question.Status.NEW,
        Question.Status.ASSIGNED,
    ):
        question.status = Question.Status.DRAFTED
        changed.append("status")
    if question.answer.strip() and not question.answered_by_id:
        therapist = getattr(by, "therapist", None)
        if therapist is not None:
            question.answered_by = therapist
            changed.append("answered_by")
    if question.assigned_to_id is None and question.answer.strip():
        question.assigned_to = by
        changed.append("assigned_to")
    if changed:
        question.save(update_fields=changed)
    return question


@transaction.atomic
def publish_question(question, *, by=None):
    problems = check_publishable(question, by=by)
    if problems:
        raise ValidationError(problems)
    question.status = Question.Status.PUBLISHED
    question.published_at = question.published_at or timezone.now()
    question.closed_at = question.closed_at or timezone.now()
    question.save()
    return question


@transaction.atomic
def unpublish_question(question):
    """Take a published answer off the site; the patient's private page is unchanged."""
    question.status = Question.Status.ANSWERED
    question.published_at = None
    question.save(update_fields=["status", "published_at"])
    return question


def _locked_unless_sent(question, doing):
    """The question's row, locked until the transaction ends (a PT sending the answer at
    the same moment waits, then finds it closed); refused if it has been sent."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.status not in Question.NOT_SENT:
        raise ValidationError(
            f"Question {question.reference} is {question.get_status_display().lower()}: only "
            f"a question not sent yet can be {doing}."
        )
    return question


@transaction.atomic
def decline_question(question, *, reason):
    """Close a question we will not answer, and tell the patient why, politely. Only a
    question not sent yet: an answered one keeps its answer (and its public page)."""
    question = _locked_unless_sent(question, "declined")
    question.status = Question.Status.DECLINED
    question.decline_reason = reason.strip()
    question.closed_at = timezone.now()
    if question.email:
        _open_private_page(question)
    question.save(update_fields=["status", "decline_reason", "closed_at", "private_key"])
    if question.email:
        _email(question, "declined", declined_subject)
    return question


@transaction.atomic
def mark_spam(question):
    question = _locked_unless_sent(question, "marked as spam")
    question.status = Question.Status.SPAM
    question.closed_at = timezone.now()
    question.save(update_fields=["status", "closed_at"])
    return question


@transaction.atomic
def erase_personal_data(question):
    """Erase the asker's name and email, and the original text unless it was published,
    with the emails to them that are not sent yet."""
    outbox.forget(to=question.email, containing=[question.private_key])
    question.name = ""
    question.email = ""
    question.private_key = None  # the private page link now says it has expired
    if question.status != Question.Status.PUBLISHED:
        question.text = ""
    question.personal_data_erased_at = timezone.now()
    question.save(update_fields=["name", "email", "text", "private_key", "personal_data_erased_at"])
    return question


def questions_past_retention(now=None):
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS)
    return Question.objects.filter(closed_at__lt=cutoff, personal_data_erased_at__isnull=True)

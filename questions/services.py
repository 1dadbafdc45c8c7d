"""Writes of the Ask Our Experts workflow. Each one stores first, then emails via the outbox."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from core.outbox import queue_email
from questions.models import Question


def _email(question, template, subject, **context):
    body = render_to_string(
        f"questions/email/{template}.txt",
        {
            "question": question,
            "site_name": settings.SITE_NAME,
            "site_url": settings.SITE_URL,
            **context,
        },
    )
    queue_email(to=question.email, subject=subject, body=body)


def submit_question(*, name, email, text, region=None, may_publish=False, submission=None):
    """Store a patient's question and queue the confirmation email.

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
            )
            _email(
                question,
                "question_received",
                f"We received your question (reference {question.reference})",
            )
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


@transaction.atomic
def answer_question(question, *, by):
    """Record who answered and when, close the question and queue the answer email.

    Called after the answer text is on `question`. Emails the patient once: a later
    edit of the answer is not sent again.
    """
    first_answer = question.answered_at is None
    if first_answer:
        question.answered_at = timezone.now()
        question.answered_by = getattr(by, "therapist", None) or question.answered_by
    if question.status in (Question.Status.NEW, Question.Status.ASSIGNED):
        question.status = Question.Status.ANSWERED
    if question.assigned_to is None:
        question.assigned_to = by
    question.closed_at = question.closed_at or timezone.now()
    question.save()
    if first_answer and question.email:
        _email(
            question, "answer", f"Your question has been answered (reference {question.reference})"
        )
    return question


def check_publishable(question, *, by=None):
    """The reasons a question cannot be published (by `by`, when given), as a list of messages."""
    problems = []
    if by is not None and not by.has_perm("questions.publish_question"):
        problems.append("You do not have permission to publish questions.")
    if not question.may_publish:
        problems.append("The patient did not agree to publication.")
    if not question.answer.strip():
        problems.append("Write the answer first.")
    if not question.public_title.strip() or not question.public_text.strip():
        problems.append("Fill in the public title and the public question.")
    if not question.slug:
        problems.append("Fill in the slug (the web address of the page).")
    return problems


@transaction.atomic
def save_question(question, *, by):
    """What a PT's save of the question form means, once the question and its links are saved.

    An answer on a question still open, or on one already answered or published, is
    recorded as `by`'s answer (the patient is emailed once, the first time); a question
    set to Published is published.
    """
    open_or_answered = (
        Question.Status.NEW,
        Question.Status.ASSIGNED,
        Question.Status.ANSWERED,
        Question.Status.PUBLISHED,
    )
    if question.answer.strip() and question.status in open_or_answered:
        answer_question(question, by=by)
    if question.status == Question.Status.PUBLISHED:
        publish_question(question)
    return question


@transaction.atomic
def publish_question(question):
    problems = check_publishable(question)
    if problems:
        raise ValidationError(problems)
    question.status = Question.Status.PUBLISHED
    question.published_at = question.published_at or timezone.now()
    question.closed_at = question.closed_at or timezone.now()
    question.save()
    return question


@transaction.atomic
def decline_question(question, *, reason):
    """Close a question we will not answer, and tell the patient why, politely."""
    question.status = Question.Status.DECLINED
    question.decline_reason = reason.strip()
    question.closed_at = timezone.now()
    question.save(update_fields=["status", "decline_reason", "closed_at"])
    if question.email:
        _email(question, "declined", f"About your question (reference {question.reference})")
    return question


@transaction.atomic
def mark_spam(question):
    question.status = Question.Status.SPAM
    question.closed_at = timezone.now()
    question.save(update_fields=["status", "closed_at"])
    return question


@transaction.atomic
def erase_personal_data(question):
    """Erase the asker's name and email, and the original text unless it was published."""
    question.name = ""
    question.email = ""
    if question.status != Question.Status.PUBLISHED:
        question.text = ""
    question.personal_data_erased_at = timezone.now()
    question.save(update_fields=["name", "email", "text", "personal_data_erased_at"])
    return question


def questions_past_retention(now=None):
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS)
    return Question.objects.filter(closed_at__lt=cutoff, personal_data_erased_at__isnull=True)

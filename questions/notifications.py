"""Telling the physical therapists that questions wait, without the questions' text.

`QUESTION_NOTIFICATIONS`: "each" emails the PTs at once for each new question, "daily"
leaves it to `send_question_digest` (run once a day by cron or a timer), "off" tells
nobody. A PT hears of the body regions set on their therapist profile
("told about new questions on"), or of every question when none is set.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from clinic.models import BodyRegion
from core.outbox import queue_email


def _answerers():
    """Active staff with an email who may answer questions (through a group or their own
    permissions; superusers only if given the permission)."""
    return (
        get_user_model()
        .objects.with_perm(
            "questions.change_question",
            include_superusers=False,
            backend="django.contrib.auth.backends.ModelBackend",
        )
        .filter(is_active=True)
        .exclude(email="")
    )


def therapists_to_tell(region):
    """Active staff who answer questions and hear of `region` (or of every region)."""
    users = _answerers()
    hears_of_everything = Q(therapist__isnull=True) | Q(therapist__question_regions__isnull=True)
    if region is not None:
        return users.filter(hears_of_everything | Q(therapist__question_regions=region)).distinct()
    return users.filter(hears_of_everything).distinct()


def _admin_url(path):
    return f"{settings.SITE_URL}{path}"


def tell_therapists_of(question):
    """Queue "a new question waits" to each PT who hears of its region (in the caller's
    transaction: nothing is queued for a question that was not stored)."""
    if settings.QUESTION_NOTIFICATIONS != "each":
        return 0
    users = list(therapists_to_tell(question.region))
    # Staff read English, whatever the language of the patient's page: the region's own
    # name, not the one the form showed.
    region = BodyRegion.objects.filter(pk=question.region_id).values_list("name", flat=True)
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "questions/email/new_question_notice.txt",
            {
                "question": question,
                "region_name": region.first() or "",
                "site_name": settings.SITE_NAME,
                "url": _admin_url(reverse("admin:questions_question_change", args=[question.pk])),
            },
        )
    for user in users:
        queue_email(
            to=user.email, subject=f"New question to answer (reference {question.reference})",
            body=body,
        )  # fmt: skip
    return len(users)


def send_digest(since):
    """One email to each PT with how many questions that arrived after `since` still wait."""
    from questions.models import Question

    waiting = list(Question.objects.not_sent().filter(created_at__gte=since))
    if not waiting:
        return 0
    told = 0
    queue_url = _admin_url(reverse("admin:questions_question_changelist"))
    for user in _answerers():
        mine = [q for q in waiting if user in therapists_to_tell(q.region)]
        if mine:
            body = render_to_string(
                "questions/email/question_digest.txt",
                {"count": len(mine), "url": queue_url, "site_name": settings.SITE_NAME},
            )
            queue_email(to=user.email, subject=f"{len(mine)} new question(s) to answer", body=body)
            told += 1
    return told

"""Writes of the clinic's own domain: appointment requests and their emails."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from clinic.cta import main_clinic_contact
from clinic.models import AppointmentRequest
from core import audit, outbox
from core.models import AccessRecord
from core.outbox import queue_email


def request_appointment(
    *,
    name,
    phone="",
    email="",
    clinic=None,
    preferred_days=(),
    preferred_times=(),
    body_region=None,
    reason="",
    has_referral="",
    insurance="",
    source_path="",
    source_title="",
    site_url="",
    submission=None,
    language=None,
):
    """Store a patient's appointment request and queue its two emails.

    The patient gets a confirmation if they gave an email; the front desk (the
    chosen clinic's address, else FRONT_DESK_EMAIL) gets a notice. Both go through
    the outbox in the same transaction, so a failing mail server loses nothing.
    `site_url` ("https://clinic.example.org") makes the admin link absolute.
    `submission` is the id of the form it came from: the same form sent again returns
    the request already stored, and queues nothing more. `language`: the page's, by
    default; the confirmation is in it, and the front desk sees it.
    """
    if not (phone or email):
        raise ValueError("An appointment request needs a phone number or an email address.")
    if submission and (stored := AppointmentRequest.objects.filter(submission=submission).first()):
        return stored
    try:
        with transaction.atomic():
            request = AppointmentRequest.objects.create(
                submission=submission,
                name=name,
                phone=phone,
                email=email,
                clinic=clinic,
                preferred_days=list(preferred_days),
                preferred_times=list(preferred_times),
                body_region=body_region,
                reason=reason,
                has_referral=has_referral,
                insurance=insurance,
                source_path=source_path,
                source_title=source_title,
                language=language or translation.get_language(),
                consented_at=timezone.now(),
            )
            contact_clinic = _clinic_contact(clinic)
            context = {
                "request": request,
                "clinic": contact_clinic,
                "site_name": settings.SITE_NAME,
                "admin_url": site_url
                + reverse("admin:clinic_appointmentrequest_change", args=[request.pk]),
            }
            front_desk = (
                clinic.email if clinic and clinic.email else ""
            ) or settings.FRONT_DESK_EMAIL
            # The front desk reads English, whatever the language of the patient's page.
            with translation.override(settings.LANGUAGE_CODE):
                notice = render_to_string("clinic/email/request_notice.txt", context)
            queue_email(
                to=front_desk,
                subject=f"New appointment request (number {request.pk})",
                body=notice,
                reply_to=email,
            )
            if email:
                queue_email(
                    to=email,
                    subject=gettext("We received your appointment request – %(site_name)s")
                    % {"site_name": settings.SITE_NAME},
                    body=render_to_string("clinic/email/request_confirmation.txt", context),
                    reply_to=front_desk,
                )
    except IntegrityError:
        if not submission:
            raise
        return AppointmentRequest.objects.get(submission=submission)  # the same form, twice at once
    return request


def _clinic_contact(clinic):
    if clinic is None:
        return main_clinic_contact()
    return {"name": clinic.name, "phone": clinic.phone, "url": clinic.get_absolute_url()}


def move_requests(queryset, status):
    """Set the status of several appointment requests at once; return how many changed."""
    return queryset.exclude(status=status).update(status=status, status_changed_at=timezone.now())


def erase_old_appointment_requests(now=None):
    """Erase the contact details of requests finished longer ago than the retention period.

    What stays (clinic, body region, source page, dates, status) is not personal and keeps
    the "where requests come from" report true. Returns how many requests were erased.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS)
    finished = [
        AppointmentRequest.Status.SCHEDULED,
        AppointmentRequest.Status.NO_ANSWER,
        AppointmentRequest.Status.CLOSED,
    ]
    due = list(
        AppointmentRequest.objects.filter(status__in=finished, status_changed_at__lt=cutoff)
        .exclude(name="", phone="", email="")
        .only("pk", "email")
    )
    with transaction.atomic():
        AppointmentRequest.objects.filter(pk__in=[r.pk for r in due]).update(
            name="", phone="", email="", reason="", insurance="", notes=""
        )
        for request in due:
            # The front desk's notice names the request by its admin address.
            change = reverse("admin:clinic_appointmentrequest_change", args=[request.pk])
            outbox.forget(to=request.email, containing=[change])
            audit.record(None, AccessRecord.Action.ERASE, request, detail="retention period over")
    return len(due)

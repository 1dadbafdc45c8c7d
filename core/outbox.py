"""The outbox: every email is stored with the change that caused it, and sent by a worker.

`queue_email()` is called inside the transaction that caused the email, so the
email exists exactly when the change does, and the request that made it never talks
to the mail server (a hung one cannot hold a patient's request). The worker,
`send_outbox --loop`, sends what is due every couple of seconds; if the mail server
refuses, the email stays queued with the error and is retried with backoff until it
goes out or is marked failed for a person to look at. Each email keeps one
Message-ID across its attempts, so a receiver can recognise a repeat after a crash.

Once an email is sent, its recipient and body are erased: the outbox keeps only what
staff need to see that it went (subject, status, dates, Message-ID), never an address
or a private link. One not yet sent is erased with the person it is to or about
(`forget`), and by the retention purge once older than the retention period.
"""

import logging
from datetime import timedelta
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.utils import DNS_NAME
from django.db import DatabaseError, transaction
from django.utils import timezone

from core.models import OutboundEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
# Minutes to wait after the n-th failed attempt: 1, 2, 4, ... capped at 6 hours.
BACKOFF_MINUTES_CAP = 360


def _one_line(text):
    # Header injection is impossible: subjects and addresses lose their newlines.
    return " ".join(str(text).split())


def new_message_id():
    return make_msgid(domain=str(DNS_NAME))


def queue_email(*, to, subject, body, reply_to="", unsubscribe_url=""):
    """Store an email in the outbox, in the caller's transaction; the worker sends it.

    `unsubscribe_url`: the page that stops emails like this one, sent as List-Unsubscribe
    with List-Unsubscribe-Post, so a mail app's own "Unsubscribe" stops them in one click.
    """
    return OutboundEmail.objects.create(
        to=_one_line(to),
        subject=_one_line(subject)[:200],
        body=body,
        reply_to=_one_line(reply_to),
        unsubscribe_url=_one_line(unsubscribe_url),
        message_id=new_message_id(),
    )


def _claim(ids=None, limit=50):
    """Mark due emails as SENDING and return them; each email is claimed once."""
    now = timezone.now()
    with transaction.atomic():
        due = OutboundEmail.objects.filter(
            status=OutboundEmail.Status.QUEUED, next_attempt_at__lte=now
        ).order_by("next_attempt_at")
        if ids is not None:
            due = due.filter(pk__in=ids)
        # skip_locked: a second sender at the same moment takes other rows.
        claimed = list(due.select_for_update(skip_locked=True)[:limit])
        # next_attempt_at doubles as the claim time while SENDING (see release_stuck).
        OutboundEmail.objects.filter(pk__in=[e.pk for e in claimed]).update(
            status=OutboundEmail.Status.SENDING, next_attempt_at=now
        )
    return claimed


def _deliver(email):
    headers = {"Message-ID": email.message_id}
    if email.unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{email.unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMessage(
        subject=email.subject,
        body=email.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        reply_to=[email.reply_to] if email.reply_to else None,
        headers=headers,
    )
    attempts = email.attempts + 1
    try:
        message.send(fail_silently=False)
    except Exception as error:  # any backend, any failure: keep it and retry later
        logger.warning("Email %s to outbox retry: %s", email.pk, error)
        gave_up = attempts >= MAX_ATTEMPTS
        wait = min(2 ** (attempts - 1), BACKOFF_MINUTES_CAP)
        OutboundEmail.objects.filter(pk=email.pk).update(
            status=OutboundEmail.Status.FAILED if gave_up else OutboundEmail.Status.QUEUED,
            attempts=attempts,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            next_attempt_at=timezone.now() + timedelta(minutes=wait),
        )
        return False
    sent = {"attempts": attempts, "sent_at": timezone.now()}
    try:
        _mark_sent(email.pk, sent)
    except DatabaseError:
        _delivered[email.pk] = sent  # marked first thing once the database is back
        raise
    return True


# Emails the mail server accepted whose row could not be marked sent (the database went
# away just then): marked first thing once it is back, so they are not sent again. Only
# a sender killed in that moment sends one twice, with the same Message-ID.
_delivered = {}


def _mark_sent(pk, sent):
    # Delivered: nothing personal stays (the address, and a body that may hold a link).
    OutboundEmail.objects.filter(pk=pk).update(
        status=OutboundEmail.Status.SENT,
        last_error="",
        to="",
        body="",
        reply_to="",
        unsubscribe_url="",
        **sent,
    )


ERASED = "(erased with the personal data)"


def forget(*, to="", containing=()):
    """Erase the emails not yet sent to the address `to`, or whose body holds any of the
    strings in `containing` (a private link's key): they fail, with nothing personal left.
    Returns how many."""
    emails = OutboundEmail.objects.none()
    if to:
        emails |= OutboundEmail.objects.filter(to__iexact=to)
    for text in filter(None, containing):
        emails |= OutboundEmail.objects.filter(body__contains=text)
        emails |= OutboundEmail.objects.filter(unsubscribe_url__contains=text)
    return _erase(emails)


def forget_older_than(days, now=None):
    """Erase every email, sent or not, older than `days` (the retention purge)."""
    cutoff = (now or timezone.now()) - timedelta(days=days)
    return _erase(OutboundEmail.objects.filter(created_at__lt=cutoff))


def _erase(emails):
    unsent = emails.exclude(status=OutboundEmail.Status.SENT)
    erased = {"to": "", "body": "", "reply_to": "", "unsubscribe_url": ""}
    count = unsent.exclude(body="").update(
        status=OutboundEmail.Status.FAILED, last_error=ERASED, **erased
    )
    return count + emails.filter(status=OutboundEmail.Status.SENT).exclude(body="", to="").update(
        **erased
    )


def _record_delivered():
    for pk in list(_delivered):
        sent = _delivered.get(pk)
        if sent is not None:
            _mark_sent(pk, sent)
            _delivered.pop(pk, None)


def send_queued(ids=None, limit=50):
    """Send the due emails (or just `ids`); return (sent, failed) counts."""
    sent = failed = 0
    _record_delivered()
    for email in _claim(ids=ids, limit=limit):
        if _deliver(email):
            sent += 1
        else:
            failed += 1
    return sent, failed


def release_stuck():
    """Put back emails whose sender died mid-send (SENDING longer than OUTBOX_CLAIM_SECONDS).

    The claim outlives any send (EMAIL_TIMEOUT is 10 s), so a live sender is never overtaken.
    """
    _record_delivered()  # first: what this sender delivered is not stuck
    older_than = timedelta(seconds=settings.OUTBOX_CLAIM_SECONDS)
    return OutboundEmail.objects.filter(
        status=OutboundEmail.Status.SENDING, next_attempt_at__lt=timezone.now() - older_than
    ).update(status=OutboundEmail.Status.QUEUED)


def resend(queryset):
    """Queue failed or stuck emails again for the next `send_outbox` run."""
    return queryset.exclude(status=OutboundEmail.Status.SENT).update(
        status=OutboundEmail.Status.QUEUED, next_attempt_at=timezone.now()
    )

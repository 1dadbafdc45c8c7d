"""The site-wide models every app may use: the email outbox."""

from django.db import models
from django.utils import timezone


class OutboundEmail(models.Model):
    """An email waiting to be sent, or sent: the outbox.

    Every email is written here in the same transaction as the change that caused
    it, then sent after commit; `send_outbox` retries the ones that failed.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed (gave up)"

    to = models.EmailField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    reply_to = models.EmailField(blank=True)
    # The same on every attempt, so a receiver can recognise a repeat after a crash.
    message_id = models.CharField("Message-ID", max_length=255, blank=True, editable=False)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "outbound email"

    def __str__(self):
        return f"{self.subject} → {self.to}"


class AccessRecord(models.Model):
    """One access by staff (or the system) to a record holding personal data: the audit trail.

    Who, when, what and from where, never the personal data itself (the object is named
    by its type and id, or a reference code). Append-only: the admin offers no way to add,
    change or delete one, and the database refuses an UPDATE (and, on PostgreSQL, a
    DELETE). Kept for AUDIT_RETENTION_DAYS, longer than the data it refers to.
    """

    class Action(models.TextChoices):
        LIST = "list", "Listed"
        VIEW = "view", "Viewed"
        ADD = "add", "Added"
        CHANGE = "change", "Changed"
        DELETE = "delete", "Deleted"
        ACTION = "action", "Bulk action"
        EMAIL = "email", "Emailed the person"
        PUBLISH = "publish", "Published"
        ERASE = "erase", "Erased personal data"

    at = models.DateTimeField(default=timezone.now, db_index=True)
    # No constraint and nothing done on delete: a deleted account's rows stay as written.
    user = models.ForeignKey(
        "auth.User",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    # Kept as typed at the time: the trail outlives renamed and deleted accounts.
    username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=10, choices=Action.choices, db_index=True)
    object_type = models.CharField(max_length=100, db_index=True)
    object_id = models.CharField(max_length=64, blank=True, db_index=True)
    object_label = models.CharField(max_length=100, blank=True)
    detail = models.CharField(max_length=300, blank=True)
    address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "access record"

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username or 'system'} {self.action} {self.object_label}"

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

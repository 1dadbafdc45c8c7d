"""The clinic's own domain: body regions, therapists and the email outbox.

Clinic locations and appointment requests join these in the booking issue.
"""

from django.db import models
from django.utils import timezone

from clinic.images import ImageRenditionsMixin, renditions_field, validate_image


class BodyRegion(models.Model):
    """A part of the body patients look for help with (hip, knee, ankle and foot, ...)."""

    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    # How a patient would say it in a sentence: "knee pain", "hip pain".
    pain_phrase = models.CharField(
        max_length=80,
        blank=True,
        help_text='Used in the booking call-to-action, e.g. "knee pain".',
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    @property
    def pain_words(self):
        return self.pain_phrase or f"{self.name.lower()} pain"


class Therapist(ImageRenditionsMixin, models.Model):
    """A physical therapist: author, reviewer and answerer of questions."""

    user = models.OneToOneField(
        "auth.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="therapist",
        help_text="The staff account this therapist signs in with, if any.",
    )
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    credentials = models.CharField(
        max_length=80, blank=True, help_text='For example "PT, DPT, OCS".'
    )
    bio = models.TextField(blank=True)
    photo = models.ImageField(upload_to="therapists/", blank=True, validators=[validate_image])
    photo_alt = models.CharField(
        "photo alt text",
        max_length=200,
        blank=True,
        help_text="Describe the photo for people who cannot see it.",
    )
    photo_renditions = renditions_field()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


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

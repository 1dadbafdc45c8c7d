"""The site-wide models every app may use: the email outbox."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_noop
from solo.models import SingletonModel

from core.colors import (
    FOCUS_RING_BACKGROUNDS,
    HEX,
    NON_TEXT_AA,
    TEXT_AA,
    WHITE,
    contrast,
    darker,
    validate_hex_color,
)
from core.images import ImageRenditionsMixin, renditions_field, validate_image

DEFAULT_BRAND_COLOR = "#0b5c66"
DEFAULT_ACCENT_COLOR = "#b35c00"
# Shown in the page's language while the clinic keeps it (core.brand).
DEFAULT_TAGLINE = gettext_noop(
    "Plain-language answers from physical therapists, home exercises with videos, and a real "
    "person to ask."
)


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
    # A stop link for the List-Unsubscribe header (RFC 8058 one-click), e.g. a program's
    # reminders. db_default: the previous release's code inserts emails without it.
    unsubscribe_url = models.URLField(max_length=300, blank=True, db_default="")
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
        # Never the address: this names the email in the admin's log of changes.
        return f"Email {self.pk}: {self.subject}"


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


class DailyRun(models.Model):
    """A daily job that ran on one day: its row, made first, is the lock that keeps the
    same job from running again that day on this server or another (run_once_a_day)."""

    job = models.CharField(max_length=80)
    day = models.DateField()
    started_at = models.DateTimeField(default=timezone.now)
    host = models.CharField(max_length=100, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "day"], name="one_run_a_day")]

    def __str__(self):
        return f"{self.job} on {self.day}"


class SiteBrand(ImageRenditionsMixin, SingletonModel):
    """The clinic's own look, set once in the admin: logo, colours, tagline, photos.

    The colours reach the pages as CSS custom properties in /brand.css (core.views),
    from our own origin, so the Content-Security-Policy needs no inline style. Each is
    checked for contrast on save; the demo's teal is the default.
    """

    image_fields = ("logo", "home_photo", "share_image")

    logo = models.ImageField(
        upload_to="brand/",
        blank=True,
        validators=[validate_image],
        help_text="JPEG, PNG or WebP (SVG is refused: it can carry scripts). Shown in the "
        "page header, about 48 pixels high.",
    )
    logo_alt = models.CharField(
        "logo alt text",
        max_length=120,
        blank=True,
        help_text="What the logo says, usually the clinic's name.",
    )
    logo_renditions = renditions_field()
    brand_color = models.CharField(
        "brand colour",
        max_length=7,
        default=DEFAULT_BRAND_COLOR,
        validators=[validate_hex_color],
        help_text="Buttons, links in the header, borders. White text goes on it, so it "
        "must be dark enough: at least 4.5 to 1 against white.",
    )
    accent_color = models.CharField(
        "accent colour",
        max_length=7,
        default=DEFAULT_ACCENT_COLOR,
        validators=[validate_hex_color],
        help_text="The keyboard focus ring (drawn on the white page around what has "
        "focus): at least 3 to 1 against white.",
    )
    tagline = models.CharField(
        max_length=160,
        default=DEFAULT_TAGLINE,
        help_text="One sentence under the home page's heading.",
    )
    home_photo = models.ImageField(
        upload_to="brand/", blank=True, validators=[validate_image], help_text="Optional."
    )
    home_photo_alt = models.CharField("home photo alt text", max_length=200, blank=True)
    home_photo_renditions = renditions_field()
    share_image = models.ImageField(
        upload_to="brand/",
        blank=True,
        validators=[validate_image],
        help_text="Shown when a page without its own picture is shared (1200 × 630 is best).",
    )
    share_image_alt = models.CharField("share image alt text", max_length=200, blank=True)
    share_image_renditions = renditions_field()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "site brand"

    def __str__(self):
        return "Site brand"

    def clean(self):
        errors = {}
        for field, alt in (
            ("logo", "logo_alt"),
            ("home_photo", "home_photo_alt"),
            ("share_image", "share_image_alt"),
        ):
            if getattr(self, field) and not getattr(self, alt).strip():
                errors[alt] = "Describe the picture for people who cannot see it."
        if HEX.match(self.brand_color or ""):
            ratio = contrast(self.brand_color, WHITE)
            if ratio < TEXT_AA:
                errors["brand_color"] = (
                    f"White text on {self.brand_color} has a contrast of {ratio:.2f} to 1; "
                    f"it needs at least {TEXT_AA} to 1 (WCAG AA). Choose a darker colour."
                )
        if HEX.match(self.accent_color or ""):
            for name, background in FOCUS_RING_BACKGROUNDS:
                ratio = contrast(self.accent_color, background)
                if ratio < NON_TEXT_AA:
                    errors["accent_color"] = (
                        f"{self.accent_color} on {name} has a contrast of {ratio:.2f} to 1; "
                        f"the focus ring needs at least {NON_TEXT_AA} to 1 (WCAG AA). Choose a "
                        "darker colour."
                    )
                    break
        if errors:
            raise ValidationError(errors)

    @property
    def brand_dark(self):
        return darker(self.brand_color)

"""The clinic itself: body regions, clinic locations and their hours, therapists, appointment requests."""

from urllib.parse import quote_plus

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.history import published_history
from core.images import ImageRenditionsMixin, renditions_field, validate_image
from core.translations import TranslatableModel, VocabularyQuerySet, VocabularyTranslation


class BodyRegion(TranslatableModel):
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

    # The site's vocabulary: in the page's language wherever it is listed.
    objects = VocabularyQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    @property
    def pain_words(self):
        if self.pain_phrase:
            return self.pain_phrase
        return gettext("%(region)s pain") % {"region": self.name.lower()}


class BodyRegionTranslation(VocabularyTranslation):
    """A body region's name in another language ("Rodilla", "dolor de rodilla")."""

    source_field = "region"

    region = models.ForeignKey(BodyRegion, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(max_length=60)
    pain_phrase = models.CharField(
        max_length=80,
        blank=True,
        help_text='Used in the booking call-to-action, e.g. "dolor de rodilla".',
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["region", "language"], name="one_translation_per_region_language"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.language})"

    def show_on(self, region):
        region.name = self.name
        region.pain_phrase = self.pain_phrase


class Weekday(models.IntegerChoices):
    # Python's date.weekday() numbering, so "today" needs no translation.
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class ClinicQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def with_hours(self):
        return self.prefetch_related("opening_hours")


class Clinic(models.Model):
    """A clinic location: where patients go, when it is open, how to reach it."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    street_address = models.CharField(max_length=200)
    city = models.CharField(max_length=100)
    state = models.CharField("state or region", max_length=100, blank=True)
    postal_code = models.CharField(max_length=20, blank=True)
    country = models.CharField(max_length=2, default="US", help_text="Two-letter code.")
    phone = models.CharField(
        max_length=40, help_text='As patients should dial it, e.g. "(312) 555-0142".'
    )
    email = models.EmailField(
        blank=True, help_text="Appointment requests for this clinic are sent here."
    )
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    directions = models.TextField(
        blank=True, help_text="Parking, transit, entrance, accessibility: a few short sentences."
    )
    services = models.TextField(blank=True, help_text="The services offered, one per line.")
    booking_url = models.URLField(
        "online booking link",
        blank=True,
        help_text="The clinic's own online scheduler, if it has one.",
    )
    is_active = models.BooleanField(
        "shown on the site", default=True, help_text="Untick to hide a clinic that has closed."
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text="The first active clinic is the main one shown in every booking box."
    )

    objects = ClinicQuerySet.as_manager()
    history = published_history()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("clinic:clinic_detail", args=[self.slug])

    @property
    def phone_href(self):
        return phone_href(self.phone)

    @property
    def address_lines(self):
        last = " ".join(part for part in (self.state, self.postal_code) if part)
        return [self.street_address, ", ".join(part for part in (self.city, last) if part)]

    @property
    def map_url(self):
        """A plain link to OpenStreetMap; nothing is loaded from it until it is followed."""
        if self.latitude is not None and self.longitude is not None:
            lat, lon = self.latitude, self.longitude
            return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
        address = ", ".join(self.address_lines)
        return f"https://www.openstreetmap.org/search?query={quote_plus(address)}"

    @property
    def service_list(self):
        return [line.strip() for line in self.services.splitlines() if line.strip()]

    def json_ld(self, page_url):
        """schema.org data for search engines: a MedicalClinic with its opening hours."""
        data = {
            "@context": "https://schema.org",
            "@type": "MedicalClinic",
            "name": self.name,
            "url": page_url,
            "telephone": self.phone,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": self.street_address,
                "addressLocality": self.city,
                "addressRegion": self.state,
                "postalCode": self.postal_code,
                "addressCountry": self.country,
            },
            "hasMap": self.map_url,
            "openingHoursSpecification": [
                {
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": f"https://schema.org/{hours.get_weekday_display()}",
                    "opens": f"{hours.opens:%H:%M}",
                    "closes": f"{hours.closes:%H:%M}",
                }
                for hours in self.opening_hours.all()
            ],
        }
        if self.email:
            data["email"] = self.email
        if self.latitude is not None and self.longitude is not None:
            data["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(self.latitude),
                "longitude": float(self.longitude),
            }
        if self.service_list:
            data["availableService"] = [
                {"@type": "MedicalTherapy", "name": service} for service in self.service_list
            ]
        return data

    def _hours(self):
        # .all() so a prefetch_related("opening_hours") is used.
        return list(self.opening_hours.all())

    def is_open_at(self, moment):
        local = timezone.localtime(moment)
        return any(
            hours.weekday == local.weekday() and hours.opens <= local.time() < hours.closes
            for hours in self._hours()
        )

    @property
    def is_open_now(self):
        return self.is_open_at(timezone.now())

    def week(self, moment=None):
        """Monday to Sunday: [{"day", "intervals", "is_today"}], in the site's time zone.

        "day" is the weekday's name in the page's language (Django's own names); the
        Weekday labels stay English for the admin and schema.org."""
        today = timezone.localtime(moment or timezone.now()).weekday()
        by_day = {day: [] for day in Weekday.values}
        for hours in self._hours():
            by_day[hours.weekday].append(hours)
        return [
            {
                "day": capfirst(WEEKDAYS[day]),
                "intervals": sorted(intervals, key=lambda h: h.opens),
                "is_today": day == today,
            }
            for day, intervals in by_day.items()
        ]


def phone_href(phone):
    """A tel: link for a phone number as people write it: "(312) 555-0142" -> tel:3125550142."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if not digits:
        return ""
    return f"tel:{'+' if phone.strip().startswith('+') else ''}{digits}"


class OpeningHours(models.Model):
    """One opening interval on one weekday; a day with no row is closed.

    A day may have several intervals (open 8-12 and 13-18 with a lunch break).
    """

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    opens = models.TimeField()
    closes = models.TimeField()

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = "opening hours"
        verbose_name_plural = "opening hours"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")),
                name="opening_hours_close_after_open",
                violation_error_message="The closing time must be after the opening time.",
            )
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class TherapistQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Therapist(ImageRenditionsMixin, models.Model):
    """A physical therapist: works at clinics, writes and reviews articles, answers questions."""

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
    bio = models.TextField(
        "short bio", blank=True, help_text="Two or three sentences, in plain words."
    )
    specialties = models.CharField(
        max_length=200,
        blank=True,
        help_text='Comma-separated, as a patient would say it: "knee pain, running injuries".',
    )
    clinics = models.ManyToManyField(Clinic, blank=True, related_name="therapists")
    question_regions = models.ManyToManyField(
        BodyRegion,
        blank=True,
        related_name="+",
        verbose_name="told about new questions on",
        help_text="The body regions whose new questions this therapist is emailed about. "
        "Leave empty to hear of every new question.",
    )
    is_active = models.BooleanField(
        "shown at clinics",
        default=True,
        help_text="Untick when a therapist leaves; their articles and answers keep their name.",
    )
    photo = models.ImageField(upload_to="therapists/", blank=True, validators=[validate_image])
    photo_alt = models.CharField(
        "photo alt text",
        max_length=200,
        blank=True,
        help_text="Describe the photo for people who cannot see it.",
    )
    photo_renditions = renditions_field()

    objects = TherapistQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name

    @property
    def specialty_list(self):
        return [part.strip() for part in self.specialties.split(",") if part.strip()]

    @property
    def photo_description(self):
        return self.photo_alt or gettext("Photo of %(name)s") % {"name": self.name}

    @property
    def initials(self):
        return "".join(word[0] for word in self.name.split()[:2]).upper()

    def json_ld(self):
        """schema.org Person, as articles and answers name their authors and reviewers."""
        return {
            "@type": "Person",
            "name": self.name,
            "honorificSuffix": self.credentials,
            "jobTitle": "Physical therapist",
        }


class AppointmentRequest(models.Model):
    """A patient asking for a visit; the front desk calls or emails them back."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        CONTACTED = "contacted", "Contacted"
        SCHEDULED = "scheduled", "Scheduled"
        NO_ANSWER = "no_answer", "No answer"
        CLOSED = "closed", "Closed"

    class Referral(models.TextChoices):
        # Labels in the page's language: the patient picks one on the booking form.
        YES = "yes", _("Yes")
        NO = "no", _("No")
        UNSURE = "unsure", _("Not sure")

    DAYS = [
        ("mon", "Monday"),
        ("tue", "Tuesday"),
        ("wed", "Wednesday"),
        ("thu", "Thursday"),
        ("fri", "Friday"),
        ("sat", "Saturday"),
    ]
    # In the page's language: the booking form offers them (the front desk's email is
    # written in English, clinic.services).
    TIMES = [
        ("morning", _("Morning (before 12)")),
        ("afternoon", _("Afternoon (12–5)")),
        ("evening", _("Evening (after 5)")),
    ]

    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )
    name = models.CharField(max_length=120)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    clinic = models.ForeignKey(
        Clinic,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appointment_requests",
        verbose_name="preferred clinic",
    )
    preferred_days = models.JSONField(default=list, blank=True)
    preferred_times = models.JSONField(default=list, blank=True)
    body_region = models.ForeignKey(
        BodyRegion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appointment_requests",
    )
    reason = models.TextField(blank=True)
    has_referral = models.CharField(
        "referral from a doctor", max_length=10, choices=Referral.choices, blank=True
    )
    insurance = models.CharField(max_length=120, blank=True)
    # The language of the page it was sent from: the front desk calls back in it.
    # db_default: the previous release's code inserts rows without it.
    language = models.CharField(
        max_length=8, choices=settings.LANGUAGES, default="en", db_default="en"
    )
    consented_at = models.DateTimeField(help_text="When the patient agreed to be contacted.")
    source_path = models.CharField(
        "came from",
        max_length=200,
        blank=True,
        db_index=True,
        help_text="The page of this site the patient was reading when they asked to book.",
    )
    # Its title when they booked (an article's, an exercise's…); "" for other pages.
    source_title = models.CharField("came from (title)", max_length=200, blank=True, db_default="")
    notes = models.TextField(
        blank=True, help_text="For the front desk; never shown to the patient."
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    status_changed_at = models.DateTimeField(default=timezone.now)
    # The id of the form it was sent from: the same form posted twice is one request.
    submission = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        # Never the person: this is written to the admin's log of changes, which no
        # retention purge reaches (the list shows the name in its own column).
        return self.audit_label

    @property
    def audit_label(self):
        return f"Appointment request {self.pk}"

    # A booking from a patient's private page records its kind (clinic.forms.local_path).
    PRIVATE_SOURCES = {
        "/answers/": "a private answer page (our patient)",
        "/my-program/": "a home exercise program (our patient)",
    }

    @property
    def came_from(self):
        """Where the patient was, in words: a private page's kind, a page's title, or
        the path of another page of the site."""
        return (
            self.PRIVATE_SOURCES.get(self.source_path)
            or self.source_title
            or self.source_path
            or "unknown"
        )

    @property
    def came_from_url(self):
        """The page, to open it; "" for a private page or none."""
        if not self.source_path or self.source_path in self.PRIVATE_SOURCES:
            return ""
        return self.source_path

    def _labels(self, choices, values):
        names = dict(choices)
        return ", ".join(str(names.get(value, value)) for value in values)

    @property
    def preferred_days_display(self):
        return self._labels(self.DAYS, self.preferred_days)

    @property
    def preferred_times_display(self):
        return self._labels(self.TIMES, self.preferred_times)

"""The exercise library: exercises, their ordered steps, and the equipment they need.

Related conditions and articles point here from the education app
(`exercise.conditions`, `exercise.articles`); this app does not know them.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse

from core.history import published_history
from core.images import ImageRenditionsMixin, renditions_field, validate_image
from exercises import drawings
from exercises.video import PROVIDER_CHOICES, Video, parse_video_url, validate_video_url

# A number of sets, repetitions, seconds, times or days written into an exercise's words.
# The dose fields hold those, and a patient's own dose replaces them on their page and
# printout, so the steps and the progression must not say another number (one dose a page).
_NUMBER = (
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    r"|thirty|forty|forty-five|sixty)"
)
DOSE_IN_WORDS = re.compile(
    rf"\b{_NUMBER}(?:\s*(?:to|-|–|or)\s*{_NUMBER})?\s+(?:more\s+)?"
    r"(?:sets?|rep(?:etition)?s?|times?|seconds?|secs?|minutes?|mins?|days?)\b"
    r"|\b(?:once|twice)\s+(?:a|per|each)\s+(?:day|week)\b",
    re.IGNORECASE,
)
DOSE_IN_WORDS_MESSAGE = (
    "Leave numbers of sets, repetitions, seconds, times or days out of the words: put them in "
    "the dose fields (found: “{found}”). A patient's page shows their own dose, and a number "
    "here would contradict it."
)


def dose_in_words(text):
    """The dose numbers written into `text` ("hold for 2 seconds", "2 sets"), if any."""
    return [match.group(0) for match in DOSE_IN_WORDS.finditer(text or "")]


# "none" is the list filter for exercises that need no equipment at all.
NO_EQUIPMENT = "none"


class Equipment(models.Model):
    """Something an exercise needs: a resistance band, a step, a wall, a chair, ..."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(
        max_length=80,
        unique=True,
        validators=[
            RegexValidator(
                rf"^{NO_EQUIPMENT}$",
                inverse_match=True,
                message=f"“{NO_EQUIPMENT}” is kept for exercises that need no equipment.",
            )
        ],
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "equipment"

    def __str__(self):
        return self.name


class ExerciseQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Exercise.Status.PUBLISHED)

    def with_cards(self):
        """What an exercise card shows, in a fixed number of queries."""
        return self.prefetch_related("body_regions", "equipment")

    def with_page(self):
        """What the exercise page and the handout show, in a fixed number of queries."""
        return self.prefetch_related("steps", "body_regions", "equipment")


class Dose(models.Model):
    """How much of an exercise: any part may be left empty. An exercise's default dose,
    or the one a physical therapist sets for one patient (which overrides it)."""

    sets = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    reps = models.PositiveSmallIntegerField(
        "repetitions",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    hold_seconds = models.PositiveSmallIntegerField(
        "hold (seconds)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    times_per_day = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    days_per_week = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(7)]
    )

    class Meta:
        abstract = True

    def dose(self):
        """The dose as (label, words) pairs, leaving out what staff left empty."""
        return dose_lines(
            self.sets, self.reps, self.hold_seconds, self.times_per_day, self.days_per_week
        )

    def dose_summary(self):
        """The dose in one short line ("2 sets of 10, hold 2 seconds, 3 days a week"), the
        same words wherever the exercise is listed: its card on articles and answers too."""
        parts = []
        if self.sets and self.reps:
            parts.append(f"{_count(self.sets, 'set')} of {self.reps}")
        elif self.reps:
            parts.append(_count(self.reps, "time"))
        elif self.sets:
            parts.append(_count(self.sets, "set"))
        if self.hold_seconds:
            parts.append("hold " + _count(self.hold_seconds, "second"))
        parts += _how_often(self.times_per_day, self.days_per_week)
        return ", ".join(parts)


class Exercise(ImageRenditionsMixin, Dose):
    """A home exercise a physical therapist may give a patient, with its default dose."""

    class Difficulty(models.TextChoices):
        EASY = "easy", "Easy"
        MODERATE = "moderate", "Moderate"
        HARD = "hard", "Hard"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft (only staff can see it)"
        PUBLISHED = "published", "Published"

    image_fields = ("thumbnail",)

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    purpose = models.CharField(
        "what it is for",
        max_length=200,
        help_text="One plain sentence, e.g. “Strengthens the side hip muscles that keep "
        "the knee from drifting inward.”",
    )
    difficulty = models.CharField(
        max_length=10, choices=Difficulty.choices, default=Difficulty.EASY, db_index=True
    )
    equipment = models.ManyToManyField(
        Equipment,
        blank=True,
        related_name="exercises",
        help_text="Leave empty if the exercise needs no equipment.",
    )
    body_regions = models.ManyToManyField(
        "clinic.BodyRegion",
        related_name="exercises",
        help_text="The first region (in the regions' own order) picks the booking call-to-action.",
    )
    target_muscles = models.CharField(
        max_length=200,
        blank=True,
        help_text="In plain words, e.g. “side hip muscles (gluteus medius)”.",
    )
    precautions = models.TextField(
        help_text="When to stop and who should ask first, e.g. “Stop if you feel sharp pain…”."
    )
    progression = models.CharField(
        "when it feels easy",
        max_length=300,
        blank=True,
        help_text="How to make it harder once it is easy, e.g. “Hold the top for 5 seconds, "
        "or add a third set.”",
    )
    video_url = models.CharField(
        "video link",
        max_length=300,
        blank=True,
        validators=[validate_video_url],
        help_text="A YouTube or Vimeo link to one video. Nothing is loaded from the video "
        "site until a patient presses play.",
    )
    # Taken from video_url on save; the pages use only these two.
    video_provider = models.CharField(
        max_length=10, choices=PROVIDER_CHOICES, blank=True, editable=False
    )
    video_id = models.CharField("video id", max_length=20, blank=True, editable=False)
    transcript = models.TextField(
        "transcript or text alternative",
        blank=True,
        help_text="What the video says and shows, for people who cannot watch or hear it.",
    )
    thumbnail = models.ImageField(
        upload_to="exercises/",
        blank=True,
        validators=[validate_image],
        help_text="Our own picture shown before the video plays (never one from the video site).",
    )
    thumbnail_alt = models.CharField(
        "thumbnail alt text",
        max_length=200,
        blank=True,
        help_text="Describe the picture for people who cannot see it.",
    )
    thumbnail_renditions = renditions_field()
    drawing = models.CharField(
        "line drawing",
        max_length=40,
        blank=True,
        choices=drawings.CHOICES,
        help_text="Our own drawing of the start and end position, with its description for "
        "people who cannot see it. Shown on the exercise's card, page, handouts and programs.",
    )
    checked_by = models.ForeignKey(
        "clinic.Therapist",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="exercises_checked",
        help_text="The physical therapist who checked the steps, dose and precautions.",
    )
    checked_against = models.CharField(
        max_length=300,
        blank=True,
        help_text="What they were checked against, e.g. “JOSPT 2019 patellofemoral pain "
        "guideline”. For staff: not shown on the page.",
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = ExerciseQuerySet.as_manager()
    history = published_history(excluded_fields=["thumbnail_renditions"])

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Refuses a foreign or hostile link even when the form was bypassed.
        if self.video_url:
            video = parse_video_url(self.video_url)
            self.video_provider, self.video_id = video.provider, video.id
            self.video_url = video.watch_url
        else:
            self.video_provider = self.video_id = ""
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "video_provider", "video_id"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("exercises:detail", kwargs={"slug": self.slug})

    @property
    def drawing_svg(self):
        """The line drawing as inline SVG, described for screen readers; "" without one."""
        return drawings.svg(self.drawing) if self.drawing else ""

    @property
    def drawing_on_card(self):
        """The line drawing for a card: decorative there, the name beside it says what it is."""
        return drawings.svg(self.drawing, described=False) if self.drawing else ""

    def clean(self):
        errors = {}
        if self.thumbnail and not self.thumbnail_alt.strip():
            errors["thumbnail_alt"] = "Describe the picture for people who cannot see it."
        found = dose_in_words(self.progression)
        if found:
            errors["progression"] = DOSE_IN_WORDS_MESSAGE.format(found=found[0])
        if self.video_url and not self.transcript.strip():
            errors["transcript"] = (
                "Add a transcript or a text description of the video, for people who "
                "cannot watch or hear it."
            )
        if errors:
            raise ValidationError(errors)

    def get_print_url(self):
        return reverse("exercises:print", kwargs={"slug": self.slug})

    # The demo's stand-in videos ("EXAMPLE0001"): never shown as playable.
    EXAMPLE_VIDEO_PREFIX = "EXAMPLE"

    @property
    def has_example_video(self):
        return self.video_id.startswith(self.EXAMPLE_VIDEO_PREFIX)

    @property
    def video(self):
        """The video to play, or None (none set, or still one of the demo's examples)."""
        if not self.video_id or self.has_example_video:
            return None
        return Video(self.video_provider, self.video_id)

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def first_region(self):
        """The region for the call-to-action; uses prefetched regions when there are some."""
        regions = list(self.body_regions.all())
        return regions[0] if regions else None


def dose_lines(sets, reps, hold_seconds, times_per_day, days_per_week):
    """A dose in words, as (label, words) pairs; an empty part is left out."""
    lines = []
    if sets:
        lines.append(("Sets", _count(sets, "set")))
    if reps:
        lines.append(("Repetitions", _count(reps, "time") + (" in each set" if sets else "")))
    if hold_seconds:
        lines.append(("Hold", _count(hold_seconds, "second")))
    often = _how_often(times_per_day, days_per_week)
    if often:
        lines.append(("How often", ", ".join(often)))
    return lines


def _how_often(times_per_day, days_per_week):
    often = []
    if times_per_day:
        often.append(
            {1: "once a day", 2: "twice a day"}.get(times_per_day, f"{times_per_day} times a day")
        )
    if days_per_week:
        often.append(
            "every day" if days_per_week == 7 else _count(days_per_week, "day") + " a week"
        )
    return often


def _count(number, word):
    return f"{number} {word}{'' if number == 1 else 's'}"


class ExerciseStep(models.Model):
    """One numbered step of an exercise."""

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(default=0, help_text="Steps are shown lowest first.")
    text = models.TextField(max_length=600)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text[:60]

    def clean(self):
        found = dose_in_words(self.text)
        if found:
            raise ValidationError({"text": DOSE_IN_WORDS_MESSAGE.format(found=found[0])})

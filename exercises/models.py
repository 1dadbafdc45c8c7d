"""The exercise library: exercises, their ordered steps, and the equipment they need.

Related conditions and articles point here from the education app
(`exercise.conditions`, `exercise.articles`); this app does not know them.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.history import published_history
from core.images import ImageRenditionsMixin, renditions_field, validate_image
from core.translations import (
    TranslatableModel,
    TranslatedQuerySet,
    Translation,
    VocabularyQuerySet,
    VocabularyTranslation,
)
from exercises import drawings
from exercises.video import PROVIDER_CHOICES, Video, parse_video_url, validate_video_url

# A number of sets, repetitions, seconds, times or days written into an exercise's words.
# The dose fields hold those, and a patient's own dose replaces them on their page and
# printout, so the steps and the progression must not say another number (one dose a page).
_NUMBER = (
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    r"|thirty|forty|forty-five|sixty)"
)
# The same in Spanish, for a translation's steps ("dos series", "10 repeticiones", "una
# vez al día"); "un"/"una" alone are articles ("agregue una serie": add a set).
_NUMERO = (
    r"(?:\d+|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|quince|veinte"
    r"|treinta|cuarenta|sesenta)"
)
DOSE_IN_WORDS = re.compile(
    rf"\b{_NUMBER}(?:\s*(?:to|-|–|or)\s*{_NUMBER})?\s+(?:more\s+)?"
    r"(?:sets?|rep(?:etition)?s?|times?|seconds?|secs?|minutes?|mins?|days?)\b"
    r"|\b(?:once|twice)\s+(?:a|per|each)\s+(?:day|week)\b"
    rf"|\b{_NUMERO}(?:\s*(?:a|-|–|o)\s*{_NUMERO})?\s+(?:más\s+)?"
    r"(?:series?|repeticion(?:es)?|veces|segundos?|minutos?|días?)\b"
    r"|\b(?:una|dos)\s+vez(?:es)?\s+(?:al|por|a\s+la|cada)\s+(?:día|semana)\b",
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


class Equipment(TranslatableModel):
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

    # The site's vocabulary: in the page's language wherever it is listed.
    objects = VocabularyQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "equipment"

    def __str__(self):
        return self.name


class ExerciseQuerySet(TranslatedQuerySet):
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
            parts.append(
                ngettext("%(sets)s set of %(reps)s", "%(sets)s sets of %(reps)s", self.sets)
                % {"sets": self.sets, "reps": self.reps}
            )
        elif self.reps:
            parts.append(_times(self.reps))
        elif self.sets:
            parts.append(_sets(self.sets))
        if self.hold_seconds:
            parts.append(
                ngettext("hold %(count)s second", "hold %(count)s seconds", self.hold_seconds)
                % {"count": self.hold_seconds}
            )
        parts += _how_often(self.times_per_day, self.days_per_week)
        return ", ".join(parts)


class Exercise(ImageRenditionsMixin, TranslatableModel, Dose):
    """A home exercise a physical therapist may give a patient, with its default dose."""

    class Difficulty(models.TextChoices):
        EASY = "easy", _("Easy")
        MODERATE = "moderate", _("Moderate")
        HARD = "hard", _("Hard")

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft (only staff can see it)"
        PUBLISHED = "published", "Published"

    image_fields = ("thumbnail",)
    text_changed_field = "updated"

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

    @property
    def step_texts(self):
        """The steps in the language shown (uses prefetched steps)."""
        translated = getattr(self, "translated_steps", None)
        if translated is not None:
            return translated
        return [step.text for step in self.steps.all()]

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
        lines.append((gettext("Sets"), _sets(sets)))
    if reps:
        words = (
            ngettext("%(count)s time in each set", "%(count)s times in each set", reps)
            % {"count": reps}
            if sets
            else _times(reps)
        )
        lines.append((gettext("Repetitions"), words))
    if hold_seconds:
        lines.append(
            (
                gettext("Hold"),
                ngettext("%(count)s second", "%(count)s seconds", hold_seconds)
                % {"count": hold_seconds},
            )
        )
    often = _how_often(times_per_day, days_per_week)
    if often:
        lines.append((gettext("How often"), ", ".join(often)))
    return lines


def _how_often(times_per_day, days_per_week):
    often = []
    if times_per_day == 1:
        often.append(gettext("once a day"))
    elif times_per_day == 2:
        often.append(gettext("twice a day"))
    elif times_per_day:
        often.append(
            ngettext("%(count)s time a day", "%(count)s times a day", times_per_day)
            % {"count": times_per_day}
        )
    if days_per_week == 7:
        often.append(gettext("every day"))
    elif days_per_week:
        often.append(
            ngettext("%(count)s day a week", "%(count)s days a week", days_per_week)
            % {"count": days_per_week}
        )
    return often


def _sets(number):
    """The number of sets in words: 1 set, 3 sets."""
    return ngettext("%(count)s set", "%(count)s sets", number) % {"count": number}


def _times(number):
    """The number of repetitions in words: 1 time, 10 times."""
    return ngettext("%(count)s time", "%(count)s times", number) % {"count": number}


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


class ExerciseTranslation(Translation):
    """An exercise in another language, checked by a PT who reads it (core.translations).

    Its steps, one a line, follow the English steps' order."""

    source_field = "exercise"
    shown_with = ("reviewer",)
    TEXT_FIELDS = (
        "name",
        "purpose",
        "target_muscles",
        "precautions",
        "progression",
        "transcript",
    )

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="translations")
    reviewer = models.ForeignKey(
        "clinic.Therapist",
        on_delete=models.PROTECT,
        related_name="exercise_translations_reviewed",
        help_text="The physical therapist who checked the translation against the English.",
    )
    name = models.CharField(max_length=120)
    purpose = models.CharField(max_length=200)
    target_muscles = models.CharField(max_length=200, blank=True)
    steps = models.TextField(help_text="One step per line, in the English steps' order.")
    progression = models.CharField(max_length=300, blank=True)
    precautions = models.TextField(blank=True, help_text="One per line.")
    transcript = models.TextField(blank=True)
    thumbnail_alt = models.CharField("thumbnail alt text", max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["exercise", "language"], name="one_translation_per_exercise_language"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.language})"

    def clean(self):
        found = dose_in_words(f"{self.steps} {self.progression}")
        if found:
            raise ValidationError(DOSE_IN_WORDS_MESSAGE.format(found=found[0]))

    def step_list(self):
        return [line.strip() for line in self.steps.splitlines() if line.strip()]

    def show_on(self, exercise):
        for field in self.TEXT_FIELDS:
            setattr(exercise, field, getattr(self, field))
        exercise.thumbnail_alt = self.thumbnail_alt or exercise.thumbnail_alt
        exercise.translated_steps = self.step_list()


class EquipmentTranslation(VocabularyTranslation):
    """A piece of equipment's name in another language ("Escalón")."""

    source_field = "equipment"

    equipment = models.ForeignKey(Equipment, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(max_length=80)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["equipment", "language"], name="one_translation_per_equipment_language"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.language})"

    def show_on(self, equipment):
        equipment.name = self.name

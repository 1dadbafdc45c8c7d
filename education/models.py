"""Conditions and the plain-language condition articles."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import safety
from core.history import published_history
from core.images import ImageRenditionsMixin, renditions_field, validate_image
from core.markdown import plain_text, render_markdown, split_after_first_block
from core.translations import (
    TranslatableModel,
    TranslatedQuerySet,
    Translation,
    VocabularyQuerySet,
    VocabularyTranslation,
)
from education.readability import (
    reading_grade,
    reading_minutes,
    spanish_reading_ease,
)

REVIEW_INTERVAL = timedelta(days=730)


class Condition(TranslatableModel):
    """A problem patients come with, such as knock knees / patellofemoral pain."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    region = models.ForeignKey(
        "clinic.BodyRegion", on_delete=models.PROTECT, related_name="conditions"
    )
    also_known_as = models.CharField(
        max_length=250, blank=True, help_text="Other names, comma-separated (lay and clinical)."
    )
    exercises = models.ManyToManyField(
        "exercises.Exercise",
        blank=True,
        related_name="conditions",
        help_text="Exercises that help with this condition.",
    )

    # The site's vocabulary: in the page's language wherever it is listed.
    objects = VocabularyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ArticleQuerySet(TranslatedQuerySet):
    def published(self):
        """Published and due: what the public may see now."""
        return self.filter(status=Article.Status.PUBLISHED, publish_at__lte=timezone.now())

    def due_for_review(self):
        return self.filter(next_review_due__lte=timezone.localdate())


class Article(ImageRenditionsMixin, TranslatableModel):
    """A plain-language condition article, written and reviewed by physical therapists."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        PUBLISHED = "published", "Published"

    # The sections patients know from the best health sites, in reading order.
    SECTIONS = [
        ("what_it_is", _("What it is")),
        ("symptoms", _("Symptoms")),
        ("causes", _("Causes")),
        ("when_to_see_pt", _("When to see a physical therapist")),
        ("treatment", _("Treatment and self-care")),
        ("exercises_intro", _("Exercises that can help")),
    ]
    # Sections that fold after their first part when long. Never "What it is" (it holds
    # what a parent or patient must read first) nor when to see someone.
    FOLDABLE = ("symptoms", "causes", "treatment")

    title = models.CharField(max_length=150)
    slug = models.SlugField(max_length=150, unique=True)
    summary = models.TextField(
        max_length=300, help_text="One short paragraph. Also the description search engines show."
    )
    what_it_is = models.TextField("what it is", help_text="Markdown.")
    symptoms = models.TextField(blank=True, help_text="Markdown.")
    causes = models.TextField(blank=True, help_text="Markdown.")
    when_to_see_pt = models.TextField(
        "when to see a physical therapist", blank=True, help_text="Markdown."
    )
    treatment = models.TextField("treatment and self-care", blank=True, help_text="Markdown.")
    exercises_intro = models.TextField(
        "exercises", blank=True, help_text="Markdown. Shown above the related exercises."
    )
    red_flags = models.TextField("when to get help", blank=True, help_text=safety.RED_FLAGS_HELP)
    regions = models.ManyToManyField("clinic.BodyRegion", related_name="articles")
    conditions = models.ManyToManyField(Condition, related_name="articles", blank=True)
    exercises = models.ManyToManyField(
        "exercises.Exercise",
        blank=True,
        related_name="articles",
        verbose_name="related exercises",
    )
    hero_image = models.ImageField(upload_to="articles/", blank=True, validators=[validate_image])
    hero_alt = models.CharField(
        "hero image alt text",
        max_length=200,
        blank=True,
        help_text="Required with an image: describe it for people who cannot see it.",
    )
    hero_image_renditions = renditions_field()
    author = models.ForeignKey(
        "clinic.Therapist", on_delete=models.PROTECT, related_name="articles_written"
    )
    reviewer = models.ForeignKey(
        "clinic.Therapist",
        on_delete=models.PROTECT,
        related_name="articles_reviewed",
        help_text="The physical therapist who checked the article.",
    )
    last_reviewed = models.DateField(default=date.today)
    checked_against = models.CharField(
        max_length=300,
        blank=True,
        help_text="What the reviewer checked each fact against, e.g. “JOSPT 2019 "
        "patellofemoral pain guideline; 2018 consensus”. For staff: not shown on the page.",
    )
    next_review_due = models.DateField(
        blank=True, help_text="Leave empty for two years after the last review."
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(
        "publish on",
        default=timezone.now,
        db_index=True,
        help_text="A date in the future schedules the article.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # When the words a reader sees last changed (a status change or a new image is not).
    content_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Computed on save.
    rendered = models.JSONField(default=dict, editable=False)
    reading_grade = models.DecimalField(max_digits=4, decimal_places=1, default=0, editable=False)
    reading_minutes = models.PositiveSmallIntegerField(default=1, editable=False)

    image_fields = ("hero_image",)
    text_changed_field = "content_changed_at"
    objects = ArticleQuerySet.as_manager()
    # Each save is a version (derived fields left out: they follow the text on restore).
    history = published_history(
        excluded_fields=["rendered", "reading_grade", "reading_minutes", "hero_image_renditions"]
    )

    class Meta:
        ordering = ["-publish_at"]
        indexes = [models.Index(fields=["status", "-publish_at"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        text_fields = ["title", "summary", *(key for key, _ in self.SECTIONS)]
        before = (
            type(self).objects.filter(pk=self.pk).values(*text_fields).first() if self.pk else None
        )
        if before and any(before[field] != getattr(self, field) for field in text_fields):
            self.content_changed_at = timezone.now()
        if not self.next_review_due:
            self.next_review_due = self.last_reviewed + REVIEW_INTERVAL
        self.rendered = {key: render_markdown(getattr(self, key)) for key, _ in self.SECTIONS}
        words = self.plain_body()
        self.reading_grade = reading_grade(words)
        self.reading_minutes = reading_minutes(f"{self.summary} {words}")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("education:article_detail", args=[self.slug])

    @property
    def key_point_texts(self):
        """The key points in the language shown (uses prefetched key points)."""
        translated = getattr(self, "translated_key_points", None)
        if translated is not None:
            return translated
        return [point.text for point in self.key_points.all()]

    @property
    def updated_after_review(self):
        """The date the text changed after its last review, if it did (shown as "Updated")."""
        if self.content_changed_at:
            changed = timezone.localdate(self.content_changed_at)
            if changed > self.last_reviewed:
                return changed
        return None

    def clean(self):
        if self.hero_image and not self.hero_alt.strip():
            raise ValidationError({"hero_alt": "Describe the image for people who cannot see it."})

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED and self.publish_at <= timezone.now()

    @property
    def red_flag_list(self):
        """Every warning sign, without its urgency."""
        return [sign for _, signs in self.red_flag_groups() for sign in signs]

    def red_flag_groups(self):
        """[(how soon, signs)], most urgent first, in the words of core.safety."""
        return safety.red_flag_groups(self.red_flags)

    def cautions_by_exercise(self):
        """{exercise id: ExerciseCaution} of the exercises this article's readers should
        leave out or wait with (uses prefetched cautions when there are some)."""
        return {caution.exercise_id: caution for caution in self.exercise_cautions.all()}

    def sections(self):
        """(key, heading, safe HTML) of the sections that have text."""
        return [
            (key, heading, self.rendered.get(key, ""))
            for key, heading in self.SECTIONS
            if self.rendered.get(key)
        ]

    def reading_sections(self):
        """(key, heading, first part, the rest) of the sections, as safe HTML: a long
        section shows its first paragraph or list, and folds the rest (<details>) so that
        a phone gets to the point; the rest stays in the page for search, find and print."""
        return [
            (key, heading, *(split_after_first_block(html) if key in self.FOLDABLE else (html, "")))
            for key, heading, html in self.sections()
        ]

    def plain_body(self):
        return " ".join(plain_text(getattr(self, key)) for key, _ in self.SECTIONS)

    def json_ld(self, page_url):
        """schema.org MedicalWebPage for search engines (uses prefetched regions and conditions)."""
        conditions = list(self.conditions.all())
        return {
            "@context": "https://schema.org",
            "@type": "MedicalWebPage",
            "url": page_url,
            "name": self.title,
            "headline": self.title,
            "description": self.summary,
            "inLanguage": getattr(self, "shown_language", "en"),
            "datePublished": self.publish_at.date().isoformat(),
            "dateModified": self.updated_at.date().isoformat(),
            "lastReviewed": self.last_reviewed.isoformat(),
            "reviewedBy": self.reviewer.json_ld(),
            "author": self.author.json_ld(),
            "audience": {"@type": "PeopleAudience", "audienceType": "Patient"},
            "about": [
                {"@type": "MedicalCondition", "name": c.name, "alternateName": c.also_known_as}
                for c in conditions
            ]
            or [{"@type": "MedicalCondition", "name": self.title}],
            "keywords": ", ".join(region.name for region in self.regions.all()),
        }


class KeyPoint(models.Model):
    """One of the 3 to 6 "Things to Know" of an article: a short sentence."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="key_points")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(max_length=200)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "thing to know"
        verbose_name_plural = "things to know"

    def __str__(self):
        return self.text


class ExerciseCaution(models.Model):
    """An exercise that readers of one article should leave out, or wait with, for its
    problem (side-of-hip tendon pain: the clamshell squeezes the tendon). Its card on the
    article and the article's printout say so, with the reason."""

    class Kind(models.TextChoices):
        AVOID = "avoid", _("Not with this problem")
        DELAY = "delay", _("Wait until your physical therapist says so")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="exercise_cautions")
    exercise = models.ForeignKey("exercises.Exercise", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=5, choices=Kind.choices, default=Kind.DELAY)
    note = models.CharField(
        "why, in plain words",
        max_length=200,
        help_text="Shown on the exercise's card on this article, e.g. “It squeezes the sore "
        "tendon. Start with the side-hip hold instead.”",
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = "exercise to avoid or wait with"
        verbose_name_plural = "exercises to avoid or wait with"
        constraints = [
            models.UniqueConstraint(fields=["article", "exercise"], name="one_caution_per_exercise")
        ]

    def __str__(self):
        return f"{self.exercise}: {self.get_kind_display().lower()}"


class Citation(models.Model):
    """A numbered source a page relies on: an article's, or a published answer's."""

    order = models.PositiveSmallIntegerField(default=0)
    citation = models.CharField(
        max_length=600,
        help_text="The full title, authors, journal or publisher and year, e.g. a guideline.",
    )
    url = models.URLField(blank=True, max_length=500)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    def __str__(self):
        return self.citation


class Reference(Citation):
    """A numbered source an article relies on."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="references")

    class Meta(Citation.Meta):
        pass


def next_scheduled_article():
    """When the next scheduled article goes public by itself (None if none is due)."""
    return (
        Article.objects.filter(status=Article.Status.PUBLISHED, publish_at__gt=timezone.now())
        .order_by("publish_at")
        .values_list("publish_at", flat=True)
        .first()
    )


class ArticleTranslation(Translation):
    """An article in another language, checked by a PT who reads it (core.translations)."""

    source_field = "article"
    shown_with = ("reviewer",)
    TEXT_FIELDS = ("title", "summary", *(key for key, _ in Article.SECTIONS), "red_flags")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="translations")
    reviewer = models.ForeignKey(
        "clinic.Therapist",
        on_delete=models.PROTECT,
        related_name="article_translations_reviewed",
        help_text="The physical therapist who checked the translation against the English.",
    )
    title = models.CharField(max_length=150)
    summary = models.TextField(max_length=300)
    what_it_is = models.TextField("what it is", help_text="Markdown.")
    symptoms = models.TextField(blank=True, help_text="Markdown.")
    causes = models.TextField(blank=True, help_text="Markdown.")
    when_to_see_pt = models.TextField(
        "when to see a physical therapist", blank=True, help_text="Markdown."
    )
    treatment = models.TextField("treatment and self-care", blank=True, help_text="Markdown.")
    exercises_intro = models.TextField("exercises", blank=True, help_text="Markdown.")
    red_flags = models.TextField("when to get help", blank=True, help_text=safety.RED_FLAGS_HELP)
    key_points = models.TextField(blank=True, help_text="One key point per line.")
    hero_alt = models.CharField("hero image alt text", max_length=200, blank=True)
    # Computed on save.
    rendered = models.JSONField(default=dict, editable=False)
    reading_ease = models.DecimalField(
        "reading ease (INFLESZ)", max_digits=4, decimal_places=1, default=0, editable=False
    )
    reading_minutes = models.PositiveSmallIntegerField(default=1, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["article", "language"], name="one_translation_per_article_language"
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.language})"

    def save(self, *args, **kwargs):
        self.rendered = {key: render_markdown(getattr(self, key)) for key, _ in Article.SECTIONS}
        words = " ".join(plain_text(getattr(self, key)) for key, _ in Article.SECTIONS)
        self.reading_ease = spanish_reading_ease(words) if self.language == "es" else 0
        self.reading_minutes = reading_minutes(f"{self.summary} {words}")
        super().save(*args, **kwargs)

    def key_point_list(self):
        return [line.strip() for line in self.key_points.splitlines() if line.strip()]

    def show_on(self, article):
        for field in self.TEXT_FIELDS:
            setattr(article, field, getattr(self, field))
        article.hero_alt = self.hero_alt or article.hero_alt
        article.rendered = self.rendered
        article.reading_minutes = self.reading_minutes
        article.translated_key_points = self.key_point_list()
        # The clinical review stays the English text's; the page names the translation's
        # reviewer beside it (templates/includes/translation_note.html).
        article.content_changed_at = None


class ConditionTranslation(VocabularyTranslation):
    """A condition's name in another language ("Dolor de rótula (dolor patelofemoral)")."""

    source_field = "condition"

    condition = models.ForeignKey(Condition, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(max_length=120)
    also_known_as = models.CharField(max_length=250, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["condition", "language"], name="one_translation_per_condition_language"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.language})"

    def show_on(self, condition):
        condition.name = self.name
        condition.also_known_as = self.also_known_as or condition.also_known_as

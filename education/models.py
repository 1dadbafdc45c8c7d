"""Conditions, condition articles and the Ask Our Experts questions."""

import secrets
from datetime import date, timedelta

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from clinic.images import ImageRenditionsMixin, renditions_field, validate_image
from education.markdown import plain_text, render_markdown
from education.readability import reading_grade, reading_minutes

REVIEW_INTERVAL = timedelta(days=730)


class Condition(models.Model):
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

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Published and due: what the public may see now."""
        return self.filter(status=Article.Status.PUBLISHED, publish_at__lte=timezone.now())

    def due_for_review(self):
        return self.filter(next_review_due__lte=timezone.localdate())


class Article(ImageRenditionsMixin, models.Model):
    """A plain-language condition article, written and reviewed by physical therapists."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        PUBLISHED = "published", "Published"

    # The sections patients know from the best health sites, in reading order.
    SECTIONS = [
        ("what_it_is", "What it is"),
        ("symptoms", "Symptoms"),
        ("causes", "Causes"),
        ("when_to_see_pt", "When to see a physical therapist"),
        ("treatment", "Treatment and self-care"),
        ("exercises_intro", "Exercises that can help"),
    ]

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
    red_flags = models.TextField(
        "when to get help now",
        blank=True,
        help_text="One warning sign per line (sudden swelling, a locked knee, numbness, fever…).",
    )
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
    # Computed on save.
    rendered = models.JSONField(default=dict, editable=False)
    reading_grade = models.DecimalField(max_digits=4, decimal_places=1, default=0, editable=False)
    reading_minutes = models.PositiveSmallIntegerField(default=1, editable=False)

    image_fields = ("hero_image",)
    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at"]
        indexes = [models.Index(fields=["status", "-publish_at"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.next_review_due:
            self.next_review_due = self.last_reviewed + REVIEW_INTERVAL
        self.rendered = {key: render_markdown(getattr(self, key)) for key, _ in self.SECTIONS}
        words = self.plain_body()
        self.reading_grade = reading_grade(words)
        self.reading_minutes = reading_minutes(f"{self.summary} {words}")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("education:article_detail", args=[self.slug])

    def clean(self):
        if self.hero_image and not self.hero_alt.strip():
            raise ValidationError({"hero_alt": "Describe the image for people who cannot see it."})

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED and self.publish_at <= timezone.now()

    @property
    def red_flag_list(self):
        return [line.strip(" -*•") for line in self.red_flags.splitlines() if line.strip(" -*•")]

    def sections(self):
        """(key, heading, safe HTML) of the sections that have text."""
        return [
            (key, heading, self.rendered.get(key, ""))
            for key, heading in self.SECTIONS
            if self.rendered.get(key)
        ]

    def plain_body(self):
        return " ".join(plain_text(getattr(self, key)) for key, _ in self.SECTIONS)


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


class Reference(models.Model):
    """A numbered source an article relies on."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="references")
    order = models.PositiveSmallIntegerField(default=0)
    citation = models.CharField(max_length=400)
    url = models.URLField(blank=True, max_length=500)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.citation


def new_reference():
    """A short, unguessable code a patient can quote: 8 characters, no look-alikes."""
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(8))


class QuestionQuerySet(models.QuerySet):
    def published(self):
        """Published and due: what the public may see now."""
        return self.filter(status=Question.Status.PUBLISHED, published_at__lte=timezone.now())

    def waiting(self):
        return self.filter(status__in=[Question.Status.NEW, Question.Status.ASSIGNED])


class Question(models.Model):
    """A patient's question to the clinic's physical therapists, and its answer.

    The asker's name, email and original text are personal data: they never reach a
    public page. Only `public_title` and `public_text`, edited by a PT, are published.
    """

    class Status(models.TextChoices):
        NEW = "new", "New"
        ASSIGNED = "assigned", "Assigned"
        ANSWERED = "answered", "Answered"
        PUBLISHED = "published", "Published"
        DECLINED = "declined", "Declined"
        SPAM = "spam", "Spam"

    CLOSED_STATUSES = (Status.ANSWERED, Status.PUBLISHED, Status.DECLINED, Status.SPAM)
    TEXT_MIN = 20
    TEXT_MAX = 2000

    reference = models.CharField(max_length=12, unique=True, default=new_reference, editable=False)
    # What the patient sent: personal data.
    name = models.CharField(max_length=100)
    email = models.EmailField()
    text = models.TextField("question", max_length=TEXT_MAX)
    region = models.ForeignKey(
        "clinic.BodyRegion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name="body region",
    )
    may_publish = models.BooleanField(
        "may publish without name",
        default=False,
        help_text="The patient agreed that we publish the question without their name.",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    # The clinic's work on it.
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )
    assigned_to = models.ForeignKey(
        "auth.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_questions",
        limit_choices_to={"is_staff": True},
    )
    things_to_know = models.TextField(
        "things to know",
        blank=True,
        help_text="3 to 6 short sentences, one per line.",
    )
    answer = models.TextField(blank=True, help_text="Markdown. Plain words, short sentences.")
    answer_html = models.TextField(blank=True, editable=False)
    answered_by = models.ForeignKey(
        "clinic.Therapist",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="answered_questions",
        help_text="The physical therapist named on the answer.",
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    related_articles = models.ManyToManyField(Article, blank=True, related_name="questions")
    related_exercises = models.ManyToManyField(
        "exercises.Exercise", blank=True, related_name="questions"
    )
    decline_reason = models.TextField(blank=True, help_text="Told to the patient by email.")
    closed_at = models.DateTimeField(null=True, blank=True, db_index=True)

    # What the public sees, once published.
    public_title = models.CharField(max_length=150, blank=True)
    public_text = models.TextField(
        "public question",
        blank=True,
        help_text="The question as edited for publication: no names, places, dates or anything "
        "else that could identify the patient.",
    )
    slug = models.SlugField(max_length=150, unique=True, null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)

    personal_data_erased_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        permissions = [("publish_question", "Can publish a question and its answer")]

    def __str__(self):
        return self.public_title or f"Question {self.reference}"

    def save(self, *args, **kwargs):
        self.answer_html = render_markdown(self.answer)
        if not self.slug:
            self.slug = None  # several unpublished questions may have no slug
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("education:question_detail", args=[self.slug])

    @property
    def key_points(self):
        return [
            line.strip(" -*•") for line in self.things_to_know.splitlines() if line.strip(" -*•")
        ]

    @property
    def is_closed(self):
        return self.status in self.CLOSED_STATUSES


def next_scheduled_publication():
    """When the next scheduled article or answer goes public by itself (None if none is due)."""
    now = timezone.now()
    moments = [
        Article.objects.filter(status=Article.Status.PUBLISHED, publish_at__gt=now)
        .order_by("publish_at")
        .values_list("publish_at", flat=True)
        .first(),
        Question.objects.filter(status=Question.Status.PUBLISHED, published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first(),
    ]
    return min((moment for moment in moments if moment), default=None)


class SearchDocument(models.Model):
    """One public page as the site search sees it: a denormalised copy, rebuilt on save.

    Only public fields are copied here (never a question's asker, email or original
    text). Scheduled items are stored with the time they go public and filtered at
    query time, so nothing has to run when that time comes. See education/search/.
    """

    kind = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField()
    url = models.CharField(max_length=300)
    title = models.CharField(max_length=300)
    keywords = models.TextField(blank=True, help_text="Weight B: summary, other names, key points.")
    body = models.TextField(blank=True, help_text="Weight C: the plain text of the page.")
    regions = models.CharField(max_length=300, blank=True, help_text="Body region slugs.")
    public_from = models.DateTimeField(db_index=True)
    # PostgreSQL only: weighted A/B/C by a trigger (migration 0003). SQLite uses FTS5 instead.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="unique_search_document")
        ]

    def __str__(self):
        return f"{self.kind}: {self.title}"


class SearchSynonym(models.Model):
    """Words patients use and words clinicians use for the same thing, for the site search."""

    term = models.CharField(
        max_length=100, unique=True, help_text='A word or phrase, e.g. "kneecap" or "knock knees".'
    )
    equivalents = models.CharField(
        max_length=300,
        help_text='Other ways to say it, comma-separated, e.g. "patella" or "genu valgum".',
    )

    class Meta:
        ordering = ["term"]
        verbose_name = "search synonym"

    def __str__(self):
        return f"{self.term} = {self.equivalents}"

    def phrases(self):
        """The term and its equivalents, as one list."""
        return [self.term, *(p.strip() for p in self.equivalents.split(",") if p.strip())]

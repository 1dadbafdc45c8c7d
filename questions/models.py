"""Ask Our Experts: a patient's question, the clinic's answer, and its public page."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation

from core import safety
from core.history import published_history
from core.markdown import markdown_to_text, render_markdown
from core.translations import TranslatableModel, TranslatedQuerySet, Translation
from education.models import Article, Citation


def new_reference():
    """A short, unguessable code a patient can quote: 8 characters, no look-alikes."""
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(8))


class QuestionQuerySet(TranslatedQuerySet):
    def published(self):
        """Published and due: what the public may see now."""
        return self.filter(status=Question.Status.PUBLISHED, published_at__lte=timezone.now())

    def waiting(self):
        """Not answered yet: new, or assigned to a PT with no answer written."""
        return self.filter(status__in=[Question.Status.NEW, Question.Status.ASSIGNED])

    def not_sent(self):
        """The queue: the patient has no answer yet (drafts included)."""
        return self.filter(status__in=Question.NOT_SENT)


class Question(TranslatableModel):
    """A patient's question to the clinic's physical therapists, and its answer.

    The asker's name, email and original text are personal data: they never reach a
    public page. Only `public_title` and `public_text`, edited by a PT, are published.
    """

    class Status(models.TextChoices):
        NEW = "new", "New"
        ASSIGNED = "assigned", "Assigned"
        DRAFTED = "drafted", "Answer drafted"
        ANSWERED = "answered", "Answer sent"
        PUBLISHED = "published", "Published"
        DECLINED = "declined", "Declined"
        SPAM = "spam", "Spam"

    CLOSED_STATUSES = (Status.ANSWERED, Status.PUBLISHED, Status.DECLINED, Status.SPAM)
    NOT_SENT = (Status.NEW, Status.ASSIGNED, Status.DRAFTED)  # the queue
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
    # The language they asked in: their emails and private page are in it, and the PT
    # answers in it. db_default: the previous release's code inserts rows without it.
    language = models.CharField(
        max_length=8, choices=settings.LANGUAGES, default="en", db_default="en"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # The id of the form it was sent from: the same form posted twice is one question.
    submission = models.UUIDField(null=True, blank=True, unique=True, editable=False)

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
    # db_default: the previous release's code inserts questions without this column.
    red_flags = models.TextField(
        "when to get help", blank=True, help_text=safety.RED_FLAGS_HELP, db_default=""
    )
    checked_against = models.CharField(
        max_length=300,
        blank=True,
        help_text="What the answer's facts were checked against, e.g. “JOSPT 2019 "
        "patellofemoral pain guideline”. For staff: not shown on the page.",
    )
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
    answer_sent_at = models.DateTimeField("sent to the patient", null=True, blank=True)
    answer_sent_by = models.ForeignKey(
        "auth.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="sent by",
    )
    # The key of the patient's private page (`questions:private`), made when the answer
    # or a decline is sent, removed when the personal data is erased.
    private_key = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
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
    # When the texts the public reads last changed (what a translation is checked against).
    public_text_changed_at = models.DateTimeField(null=True, blank=True, editable=False)

    personal_data_erased_at = models.DateTimeField(null=True, blank=True, editable=False)

    text_changed_field = "public_text_changed_at"
    PUBLIC_TEXTS = ("public_title", "public_text", "things_to_know", "answer", "red_flags")
    objects = QuestionQuerySet.as_manager()
    # Versions of the answer and the public text; the asker's own data is never copied.
    history = published_history(
        excluded_fields=[
            "name",
            "email",
            "text",
            "decline_reason",
            "private_key",
            "submission",
            "answer_html",
        ]
    )

    class Meta:
        db_table = "education_question"  # the table it had before it had its own app
        ordering = ["created_at"]
        permissions = [("publish_question", "Can publish a question and its answer")]

    def __str__(self):
        return self.public_title or f"Question {self.reference}"

    def save(self, *args, **kwargs):
        if self.pk and kwargs.get("update_fields") is None:
            before = type(self).objects.filter(pk=self.pk).values(*self.PUBLIC_TEXTS).first()
            if before and any(before[f] != getattr(self, f) for f in self.PUBLIC_TEXTS):
                self.public_text_changed_at = timezone.now()
        self.answer_html = render_markdown(self.answer)
        if not self.slug:
            self.slug = None  # several unpublished questions may have no slug
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("questions:detail", args=[self.slug])

    @property
    def audit_label(self):
        return f"Question {self.reference}"

    @property
    def key_points(self):
        return [
            line.strip(" -*•") for line in self.things_to_know.splitlines() if line.strip(" -*•")
        ]

    def red_flag_groups(self):
        """[(how soon, signs)] of the answer's own warning signs, in the words of core.safety."""
        return safety.red_flag_groups(self.red_flags)

    @property
    def is_closed(self):
        return self.status in self.CLOSED_STATUSES

    @property
    def first_name(self):
        return self.name.split()[0] if self.name.split() else ""

    def private_url(self):
        """The patient's private page, in the language they asked in."""
        if not self.private_key:
            return ""
        with translation.override(self.language):
            return reverse("questions:private", args=[self.private_key])

    @property
    def private_link_expires_at(self):
        """When the patient's private page stops working: the end of the retention period."""
        start = self.closed_at or self.answer_sent_at
        if not start:
            return None
        return start + timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS)

    def json_ld(self, page_url):
        """schema.org MedicalWebPage with the question and its accepted answer (public fields only)."""
        author = (
            self.answered_by.json_ld()
            if self.answered_by
            else {"@type": "Organization", "name": settings.SITE_NAME}
        )
        return {
            "@context": "https://schema.org",
            "@type": "MedicalWebPage",
            "url": page_url,
            "name": self.public_title,
            "inLanguage": getattr(self, "shown_language", self.language),
            "datePublished": self.published_at.date().isoformat(),
            "audience": {"@type": "PeopleAudience", "audienceType": "Patient"},
            "mainEntity": {
                "@type": "Question",
                "name": self.public_title,
                "text": self.public_text,
                "answerCount": 1,
                "acceptedAnswer": {
                    "@type": "Answer",
                    "text": markdown_to_text(self.answer),
                    "dateCreated": self.answered_at.date().isoformat()
                    if self.answered_at
                    else None,
                    "author": author,
                },
            },
        }


class QuestionTranslation(Translation):
    """A published answer in another language, checked by a PT (core.translations)."""

    source_field = "question"
    shown_with = ("reviewer",)
    TEXT_FIELDS = ("public_title", "public_text", "things_to_know", "answer", "red_flags")

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="translations")
    reviewer = models.ForeignKey(
        "clinic.Therapist",
        on_delete=models.PROTECT,
        related_name="question_translations_reviewed",
        help_text="The physical therapist who checked the translation against the original.",
    )
    public_title = models.CharField("title", max_length=150)
    public_text = models.TextField("public question")
    things_to_know = models.TextField(blank=True, help_text="3 to 6 short sentences, one per line.")
    answer = models.TextField(help_text="Markdown. Plain words, short sentences.")
    red_flags = models.TextField("when to get help", blank=True, help_text=safety.RED_FLAGS_HELP)
    answer_html = models.TextField(blank=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["question", "language"], name="one_translation_per_question_language"
            )
        ]

    def __str__(self):
        return f"{self.public_title} ({self.language})"

    def save(self, *args, **kwargs):
        self.answer_html = render_markdown(self.answer)
        super().save(*args, **kwargs)

    def show_on(self, question):
        for field in (*self.TEXT_FIELDS, "answer_html"):
            setattr(question, field, getattr(self, field))


class AnswerReference(Citation):
    """A numbered source a published answer relies on."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="references")

    class Meta(Citation.Meta):
        pass


def next_scheduled_answer():
    """When the next scheduled answer goes public by itself (None if none is due)."""
    return (
        Question.objects.filter(status=Question.Status.PUBLISHED, published_at__gt=timezone.now())
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )

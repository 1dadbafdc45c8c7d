"""The kinds of page the site search covers, registered in one place: SOURCES.

Each source says which items may be public (now or at a scheduled time), which of
their fields go into the index with which weight (A: title, B: summary and other
names, C: the body), and which body regions they belong to. Only the fields named
here are ever copied into the index: a question's asker, email, original text and
reference are not, and must never be added.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models
from django.utils import timezone

from core.markdown import plain_text


@dataclass(frozen=True)
class Source:
    kind: str  # stored in SearchDocument.kind, used in ?kind=
    label: str  # "Article", shown next to each result
    label_plural: str  # "Articles", the filter link
    model: str  # "app_label.ModelName"
    # Every item that is public or will be at a scheduled time (see public_from).
    queryset: Callable[[], models.QuerySet]
    title: str | Callable  # weight A
    keywords: tuple = ()  # weight B
    body: tuple = ()  # weight C
    regions: str | None = None  # a ForeignKey or ManyToManyField to clinic.BodyRegion
    # The field holding when the item goes public; None means "it is public once indexable".
    public_from: str | None = None
    # Many-to-many fields whose changes re-index the item.
    m2m: tuple = ()
    # Other models whose changes re-index items: {"app.Model": instance -> items}.
    depends_on: dict = field(default_factory=dict)
    # Their many-to-many fields likewise: {"app.Model.field": instance -> items}.
    depends_on_m2m: dict = field(default_factory=dict)
    # The exercises an item links (ids, best first): for "exercises for …" searches.
    exercises: Callable | None = None
    # A test on a new instance, without a query: False means it is not in `queryset`,
    # so creating it needs no indexing (a patient's new question, say).
    may_be_indexed: Callable | None = None

    def get_model(self):
        return apps.get_model(self.model)

    def text(self, item, fields):
        return "\n".join(filter(None, (_value(item, f) for f in fields)))

    def exercise_ids(self, item):
        ids = self.exercises(item) if self.exercises else []
        return " ".join(str(pk) for pk in dict.fromkeys(ids))

    def region_slugs(self, item):
        if not self.regions:
            return ""
        value = getattr(item, self.regions)
        regions = value.all() if isinstance(value, models.Manager) else [value] if value else []
        return " ".join(sorted(region.slug for region in regions))

    def when_public(self, item):
        when = getattr(item, self.public_from) if self.public_from else None
        return when or timezone.now()


def _value(item, name):
    """A field's text: an attribute, a method, a related manager or a list, or a callable."""
    value = name(item) if callable(name) else getattr(item, name)
    if isinstance(value, models.Manager):
        value = list(value.all())
    elif callable(value):
        value = value()
    if isinstance(value, list | tuple):
        return "\n".join(str(v) for v in value if v)
    return str(value or "").strip()


def _published_articles():
    Article = apps.get_model("education", "Article")
    # Scheduled ones too: they are stored with publish_at and hidden until then.
    return Article.objects.filter(status=Article.Status.PUBLISHED).prefetch_related(
        "regions", "conditions__exercises", "key_points", "exercises"
    )


def _article_exercises(article):
    """The article's own exercises, then its conditions' (ids)."""
    linked = [exercise.pk for exercise in article.exercises.all()]
    for condition in article.conditions.all():
        linked += [exercise.pk for exercise in condition.exercises.all()]
    return linked


def _condition_names(article):
    return ", ".join(
        f"{c.name}, {c.also_known_as}" if c.also_known_as else c.name
        for c in article.conditions.all()
    )


def _published_exercises():
    return (
        apps.get_model("exercises", "Exercise")
        .objects.published()
        .prefetch_related("body_regions", "steps")
    )


def _exercise_steps(exercise):
    return "\n".join(step.text for step in exercise.steps.all())


def _published_questions():
    Question = apps.get_model("questions", "Question")
    return (
        Question.objects.filter(status=Question.Status.PUBLISHED, published_at__isnull=False)
        .exclude(slug=None)
        .select_related("region")
        .prefetch_related("related_exercises")
        # The asker's data is not even loaded.
        .defer("name", "email", "text", "decline_reason")
    )


SOURCES = [
    Source(
        kind="article",
        label="Article",
        label_plural="Articles",
        model="education.Article",
        queryset=_published_articles,
        title="title",
        keywords=("summary", _condition_names, "key_points"),
        body=("plain_body", lambda a: "\n".join(a.red_flag_list)),
        regions="regions",
        public_from="publish_at",
        m2m=("regions", "conditions", "exercises"),
        exercises=_article_exercises,
        depends_on={
            "education.KeyPoint": lambda point: [point.article],
            "education.Condition": lambda condition: condition.articles.all(),
        },
        # A condition's exercises are the article's too ("exercises for …").
        depends_on_m2m={"education.Condition.exercises": lambda c: c.articles.all()},
    ),
    Source(
        kind="exercise",
        label="Exercise",
        label_plural="Exercises",
        model="exercises.Exercise",
        queryset=_published_exercises,
        title="name",
        keywords=("purpose", "target_muscles"),
        body=(_exercise_steps, "precautions", "transcript"),
        regions="body_regions",
        m2m=("body_regions",),
        depends_on={"exercises.ExerciseStep": lambda step: [step.exercise]},
    ),
    Source(
        kind="question",
        label="Question",
        label_plural="Answered questions",
        model="questions.Question",
        queryset=_published_questions,
        title="public_title",
        keywords=("public_text", "key_points"),
        body=(lambda q: plain_text(q.answer),),
        regions="region",
        public_from="published_at",
        m2m=("related_exercises",),
        exercises=lambda question: [e.pk for e in question.related_exercises.all()],
        may_be_indexed=lambda question: question.status == question.Status.PUBLISHED,
    ),
]


def get_source(kind):
    return next((source for source in SOURCES if source.kind == kind), None)


def source_for_model(model):
    label = model._meta.label
    return next((source for source in SOURCES if source.model == label), None)

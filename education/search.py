"""What the site search indexes of education: published articles (search.sources)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clinic.models import BodyRegion
from education.models import Article, Condition, KeyPoint
from search.sources import Source


def _published_articles():
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


def _newest_articles():
    return Article.objects.published().only("title", "slug").order_by("-publish_at")[:5]


def _articles_by_region():
    regions = BodyRegion.objects.filter(articles__in=Article.objects.published()).distinct()
    articles = reverse("education:article_list")
    return [(region.name, f"{articles}?region={region.slug}") for region in regions]


ARTICLES = Source(
    kind="article",
    label=_("Article"),
    label_plural=_("Articles"),
    model=Article,
    queryset=_published_articles,
    title="title",
    keywords=("summary", _condition_names, "key_point_texts"),
    body=("plain_body", lambda a: "\n".join(a.red_flag_list)),
    order=1,
    regions="regions",
    public_from="publish_at",
    m2m=("regions", "conditions", "exercises"),
    exercises=_article_exercises,
    depends_on={
        KeyPoint: lambda point: [point.article],
        Condition: lambda condition: condition.articles.all(),
    },
    # A condition's exercises are the article's too ("exercises for …").
    depends_on_m2m={(Condition, "exercises"): lambda c: c.articles.all()},
    suggest_label=_("Article"),
    newest=_newest_articles,
    browse_by_region=_articles_by_region,
)

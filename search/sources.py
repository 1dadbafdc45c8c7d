"""The kinds of page the site search covers, each registered by the app that owns it.

Search sits below the apps whose pages it finds and names none of them. Each app
describes its pages as a Source and registers it from its AppConfig.ready()
(search.indexing.register), as Wagtail's models list their own search_fields:

    register(Source(kind="article", model=Article, queryset=..., title="title", ...))

A source says which items may be public (now or at a scheduled time), which of their
fields go into the index with which weight (A: title, B: summary and other names, C: the
body), and which body regions they belong to. Only the fields named in a source are ever
copied into the index: a question's asker, email, original text and reference are not,
and must never be added.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone

# The kind of the exercise library's pages: what an "exercises for …" search puts first
# (search/intent.py), and what the ids of `Source.exercises` name.
EXERCISE_KIND = "exercise"


@dataclass(frozen=True)
class Source:
    kind: str  # stored in SearchDocument.kind, used in ?kind=
    label: str  # "Article", shown next to each result
    label_plural: str  # "Articles", the filter link
    model: type[models.Model]
    # Every item that is public or will be at a scheduled time (see public_from).
    queryset: Callable[[], models.QuerySet]
    title: str | Callable  # weight A
    keywords: tuple = ()  # weight B
    body: tuple = ()  # weight C
    # Where its filter link comes among the kinds (lowest first), and so its documents
    # in a rebuilt index.
    order: int = 0
    regions: str | None = None  # a ForeignKey or ManyToManyField to clinic.BodyRegion
    # The field holding when the item goes public; None means "it is public once indexable".
    public_from: str | None = None
    # Many-to-many fields whose changes re-index the item.
    m2m: tuple = ()
    # Other models whose changes re-index items: {Model: instance -> items}.
    depends_on: dict = field(default_factory=dict)
    # Their many-to-many fields likewise: {(Model, "field name"): instance -> items}.
    depends_on_m2m: dict = field(default_factory=dict)
    # The exercises an item links (ids, best first): for "exercises for …" searches.
    exercises: Callable | None = None
    # A test on a new instance, without a query: False means it is not in `queryset`,
    # so creating it needs no indexing (a patient's new question, say).
    may_be_indexed: Callable | None = None
    # While a patient writes a question (/ask/, "These answers may help"): the label its
    # pages are offered under; None: not offered there.
    suggest_label: str | None = None
    # Where a search that finds nothing sends the patient instead, if the source offers it:
    # its newest public items (a queryset, newest first), and its lists by body region
    # ([(region name, URL)]).
    newest: Callable[[], models.QuerySet] | None = None
    browse_by_region: Callable[[], list] | None = None

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

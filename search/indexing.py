"""Keeping the search documents in step with the pages they describe.

Each app registers the kinds of page it owns (`register()`, from its AppConfig.ready();
a Source says what to index, search/sources.py). From then on, saving or deleting an
item of a source (or of a model it depends on) re-indexes it at once through signals;
`rebuild_index()` (the `rebuild_search_index` command) rebuilds everything. Items that
are not public are removed from the index; items scheduled for later are stored with
their publish time and filtered at query time.
Note that `QuerySet.update()` sends no signals: run `rebuild_search_index` after one.

Each item has a document in English and one in each other language it has a published
translation in (core.translations), made from the item as that language's pages show it;
saving or deleting a translation re-indexes its item.
"""

import logging

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import translation

from core.translations import TranslatedQuerySet
from search.backends import get_backend
from search.models import SearchDocument

logger = logging.getLogger(__name__)
BATCH = 1000
_registered = {}


def register(source):
    """Add a kind of page to the site search, and keep its items indexed as they are saved
    and deleted from now on. Call it from the owning app's AppConfig.ready()."""
    if _registered.get(source.kind, source) is not source:
        raise ImproperlyConfigured(f"Two search sources of the kind {source.kind!r}.")
    _registered[source.kind] = source
    connect_signals(source)


def registered():
    """Every registered source, in the order of their filter links."""
    return sorted(_registered.values(), key=lambda source: (source.order, source.kind))


def get_source(kind):
    return _registered.get(kind)


def _other_languages(source):
    """The languages besides English that `source`'s items may be translated into."""
    if not isinstance(source.model.objects.none(), TranslatedQuerySet):
        return []
    return [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def _translated(queryset, language):
    """`queryset`'s items shown in `language`, those that have a published translation."""
    return [item for item in queryset.translated(language) if item.translation is not None]


def build_document(source, item, language=None):
    """The unsaved SearchDocument for one item of `source` (shown in `language`)."""
    # The address in the default language, whatever page saved the item: a search shows
    # it in the searcher's language (search.engine.in_page_language).
    with translation.override(settings.LANGUAGE_CODE):
        url = item.get_absolute_url()
    language = language or settings.LANGUAGE_CODE
    with translation.override(language):  # the words of its page in that language
        return SearchDocument(
            kind=source.kind,
            object_id=item.pk,
            language=language,
            url=url,
            title=source.text(item, [source.title])[:300],
            keywords=source.text(item, source.keywords),
            body=source.text(item, source.body),
            regions=source.region_slugs(item)[:300],
            exercises=source.exercise_ids(item)[:300],
            public_from=source.when_public(item),
        )


def remove_items(source, ids):
    documents = SearchDocument.objects.filter(kind=source.kind, object_id__in=list(ids))
    doomed = list(documents.values_list("pk", flat=True))
    if doomed:
        get_backend().documents_deleted(doomed)
        SearchDocument.objects.filter(pk__in=doomed).delete()


@transaction.atomic
def index_item(source, item):
    """Index one item if it is (or is scheduled to be) public, else remove it; in English
    and in each language it has a published translation in. Returns the English document."""
    fresh = source.queryset().filter(pk=item.pk).first()
    if fresh is None:
        remove_items(source, [item.pk])
        return None
    documents = [build_document(source, fresh)]
    for language in _other_languages(source):
        for shown in _translated(source.queryset().filter(pk=item.pk), language):
            documents.append(build_document(source, shown, language))
    fields = ["url", "title", "keywords", "body", "regions", "exercises", "public_from"]
    stored = []
    for document in documents:
        row, _ = SearchDocument.objects.update_or_create(
            kind=source.kind,
            object_id=fresh.pk,
            language=document.language,
            defaults={name: getattr(document, name) for name in fields},
        )
        stored.append(row)
    untranslated = SearchDocument.objects.filter(kind=source.kind, object_id=fresh.pk).exclude(
        language__in=[document.language for document in documents]
    )
    doomed = list(untranslated.values_list("pk", flat=True))
    if doomed:
        get_backend().documents_deleted(doomed)
        SearchDocument.objects.filter(pk__in=doomed).delete()
    get_backend().documents_saved([row.pk for row in stored])
    return stored[0]


@transaction.atomic
def rebuild_index(*, sources=None):
    """Replace every search document with fresh ones; returns {kind: count}."""
    sources = sources or registered()
    counts = {}
    for source in sources:
        SearchDocument.objects.filter(kind=source.kind).delete()
        batch = []
        counts[source.kind] = 0
        for item in source.queryset().order_by("pk").iterator(chunk_size=BATCH):
            batch.append(build_document(source, item))
            if len(batch) >= BATCH:
                SearchDocument.objects.bulk_create(batch)
                counts[source.kind] += len(batch)
                batch = []
        for language in _other_languages(source):
            for items in _batches(source.queryset()):
                batch += [
                    build_document(source, item, language) for item in _translated(items, language)
                ]
                if len(batch) >= BATCH:
                    SearchDocument.objects.bulk_create(batch)
                    counts[source.kind] += len(batch)
                    batch = []
        SearchDocument.objects.bulk_create(batch)
        counts[source.kind] += len(batch)
    # Documents of kinds no longer registered would otherwise linger.
    SearchDocument.objects.exclude(kind__in=[s.kind for s in registered()]).delete()
    get_backend().rebuild()
    return counts


def _batches(queryset):
    """`queryset` in querysets of BATCH items each, by primary key."""
    last = None
    while True:
        batch = queryset.order_by("pk")
        if last is not None:
            batch = batch.filter(pk__gt=last)
        pks = list(batch.values_list("pk", flat=True)[:BATCH])
        if not pks:
            return
        yield queryset.filter(pk__in=pks).order_by("pk")
        last = pks[-1]


# --- Signals ------------------------------------------------------------------


def _reindex(source, items):
    for item in items:
        try:
            index_item(source, item)
        except ObjectDoesNotExist:  # the item is being deleted with what it depends on
            continue


def _links_changed(source, owner_model, name, items_of, uid):
    """An m2m_changed handler for `owner_model.<name>`: re-index `source`'s items of every
    owner whose links changed, from either side. Seen from the other side, a clear
    (exercise.conditions.clear()) names no owners afterwards: they are noted before."""
    accessor = owner_model._meta.get_field(name).remote_field.get_accessor_name()
    noted = f"_search_owners_{uid}"

    def changed(sender, instance, action, reverse, pk_set, **kwargs):
        if reverse and action == "pre_clear":
            setattr(instance, noted, list(getattr(instance, accessor).all()))
            return
        if action not in ("post_add", "post_remove", "post_clear"):
            return
        if not reverse:
            owners = [instance]
        elif action == "post_clear":
            owners = getattr(instance, noted, [])
        else:  # from the other side (exercise.conditions.add(…)), pk_set names them
            owners = owner_model.objects.filter(pk__in=pk_set or ())
        _reindex(source, {item for owner in owners for item in items_of(owner)})

    return changed


def connect_signals(source):
    """Keep `source`'s items indexed: its model, its m2m fields and its dependencies."""
    model = source.model
    uid = f"search-{source.kind}"

    def saved(sender, instance, created=False, raw=False, **kwargs):
        if raw or (created and source.may_be_indexed and not source.may_be_indexed(instance)):
            return
        index_item(source, instance)

    def deleted(sender, instance, **kwargs):
        remove_items(source, [instance.pk])

    post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"{uid}-save")
    post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=f"{uid}-delete")
    if _other_languages(source):
        # A translation written, changed or deleted: its item's documents again.
        translations = model.translations.rel.related_model

        def translation_changed(sender, instance, raw=False, **kwargs):
            if raw:
                return
            try:
                _reindex(source, [instance.source])
            except ObjectDoesNotExist:
                return

        for signal, suffix in ((post_save, "save"), (post_delete, "delete")):
            signal.connect(
                translation_changed,
                sender=translations,
                weak=False,
                dispatch_uid=f"{uid}-translation-{suffix}",
            )
    for name in source.m2m:
        through = model._meta.get_field(name).remote_field.through
        m2m_changed.connect(
            _links_changed(source, model, name, lambda owner: [owner], f"{uid}-{name}"),
            sender=through,
            weak=False,
            dispatch_uid=f"{uid}-{name}",
        )

    for dependency, items_of in source.depends_on.items():

        def changed(sender, instance, raw=False, items_of=items_of, **kwargs):
            if raw:
                return
            try:
                items = list(items_of(instance))
            except ObjectDoesNotExist:
                return
            _reindex(source, items)

        label = dependency._meta.label
        for signal, suffix in ((post_save, "save"), (post_delete, "delete")):
            signal.connect(
                changed,
                sender=dependency,
                weak=False,
                dispatch_uid=f"{uid}-{label}-{suffix}",
            )

    for (dependency, name), items_of in source.depends_on_m2m.items():
        path = f"{dependency._meta.label}.{name}"
        through = dependency._meta.get_field(name).remote_field.through
        m2m_changed.connect(
            _links_changed(source, dependency, name, items_of, f"{uid}-{path}"),
            sender=through,
            weak=False,
            dispatch_uid=f"{uid}-{path}",
        )

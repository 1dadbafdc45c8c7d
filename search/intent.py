"""What a search is for, beyond its words: "exercises for X", "X stretches", "hip exercises".

`rerank()` reorders the first results of a search (the window the engine shows on its
first pages). A search that asks for exercises puts first the exercises named by the
words, then the exercises that the pages about the problem link (the article, the
condition, the answer whose title names it), then the exercises of a body region the
words name; then the problem's own pages. Any other search puts first the pages whose
titles name more of the words, else keeps the database's order, filled with pages that
have most of the words when few have them all.
"""

from search import query as q
from search.languages import current
from search.models import SearchDocument
from search.sources import EXERCISE_KIND

FEW = 3
# The words that ask for exercises and the other names of body regions are each
# language's own (search.languages).


def _stems_of(text):
    return {q.stem(word) for word in q.words(text)}


def title_words(document, query):
    """How many groups of `query` appear in the document's title (as a word's start)."""
    title = _stems_of(document.title)
    return sum(
        any(all(any(t.startswith(s) for t in title) for s in alternative) for alternative in group)
        for group in query.groups
    )


def title_hit(document, query):
    """Does every group of `query` appear in the document's title?"""
    return title_words(document, query) == len(query.groups)


def by_title_words(documents, query):
    """The pages whose titles name more of the words first ("knee pain stairs": the pages
    named for knee pain before one that only mentions it), else in the database's order."""
    return sorted(documents, key=lambda document: -title_words(document, query))


def _asks_for_exercises(group):
    return len(group) == 1 and len(group[0]) == 1 and group[0][0] in current().exercise_words


def asks_for_exercises(query):
    return any(_asks_for_exercises(group) for group in query.groups)


def topic_of(query):
    """The query without its "exercises" words: what the exercises are for."""
    groups = [group for group in query.groups if not _asks_for_exercises(group)]
    return q.ParsedQuery(text=query.text, groups=groups, spelled=query.spelled)


def region_words(regions):
    """{stem: region slug} for the regions' names ("Ankle and foot" -> ankle, foot)."""
    table = {}
    other_names = current().region_words
    for region in regions:
        for word in q.words(region.name):
            if word not in q.stop_words() and word not in ("lower", "parte", "baja"):
                table[q.stem(other_names.get(word, word))] = region.slug
    return table


def regions_named(query, table):
    """(slugs the query names, True if its words name nothing but regions).

    A group names a region when one of its alternatives is nothing but region words
    ("hip", "low back"), not when a region word is part of a name ("knock knees")."""

    other_names = current().region_words

    def region_of(stem):
        return table.get(q.stem(other_names.get(stem, stem)))

    slugs, only_regions = [], True
    for group in query.groups:
        named = [
            region_of(alternative[-1])
            for alternative in group
            if region_of(alternative[-1]) and all(region_of(s) or s == "low" for s in alternative)
        ]
        if named:
            slugs.append(named[0])
        else:
            only_regions = False
    return list(dict.fromkeys(slugs)), only_regions and bool(slugs)


def _exercise_documents(ids, now):
    found = SearchDocument.objects.filter(
        kind=EXERCISE_KIND, object_id__in=ids, public_from__lte=now, language=current().code
    ).defer("search_vector")
    by_id = {document.object_id: document for document in found}
    return [by_id[pk] for pk in ids if pk in by_id]


def _region_exercises(slugs, topic_order, now):
    documents = []
    for slug in slugs:
        candidates = SearchDocument.objects.filter(
            kind=EXERCISE_KIND,
            regions__contains=slug,
            public_from__lte=now,
            language=current().code,
        ).defer("search_vector")
        documents += [d for d in candidates if slug in d.regions.split()]
    # The exercises of that region alone first, then by how well they match the words.
    return sorted(
        documents,
        key=lambda d: (len(d.regions.split()), topic_order.get(d.pk, len(topic_order)), d.title),
    )


def exercises_first(topic_documents, topic, *, regions, now):
    """The documents an "exercises for …" search shows first, best first."""
    slugs, only_regions = regions_named(topic, regions)
    order = {document.pk: rank for rank, document in enumerate(topic_documents)}
    named = [d for d in topic_documents if d.kind == EXERCISE_KIND and title_hit(d, topic)]
    linked = []
    if not only_regions:
        ids = [
            int(pk)
            for document in topic_documents
            if document.kind != EXERCISE_KIND and title_hit(document, topic)
            for pk in document.exercises.split()
        ]
        linked = _exercise_documents(list(dict.fromkeys(ids)), now)
    in_region = _region_exercises(slugs, order, now) if slugs else []
    others = [d for d in topic_documents if d.kind == EXERCISE_KIND]
    pages = [d for d in topic_documents if d.kind != EXERCISE_KIND]
    return named + linked + in_region + others + pages


def rerank(documents, *, first, extra):
    """`first`, then `documents`, then `extra`, each document once."""
    seen, ordered = set(), []
    for document in [*first, *documents, *extra]:
        if document.pk not in seen:
            seen.add(document.pk)
            ordered.append(document)
    return ordered

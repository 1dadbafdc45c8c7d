"""One search over every public page type: the interface the views use.

    results = search("kneecap pain", kind=None, page=1)

The page types are registered in education/search/sources.py (SOURCES); the
database work is done by a backend chosen by the database vendor
(education/search/backends.py); the index is kept in step by signals and
`rebuild_search_index` (education/search/indexing.py).
"""

from collections import Counter
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.utils import timezone

from education.models import SearchSynonym
from education.search import query as query_module
from education.search.backends import get_backend
from education.search.snippets import highlight, snippet
from education.search.sources import SOURCES, get_source

PER_PAGE = 10
# Counting every match of a very common word costs more than it tells anyone: past
# this many, the page says "more than 1,000" (and offers the first 100 pages).
COUNT_CAP = 1000


@dataclass
class Result:
    kind: str
    label: str
    url: str
    title: str  # safe HTML: escaped, with <mark>
    snippet: str  # safe HTML: escaped, with <mark>


class _Matches:
    """The matching documents as a lazy sequence, so Paginator fetches only one page."""

    def __init__(self, search, total):
        self.search, self.total = search, total

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, window):
        return self.search.fetch(
            window.start or 0, (window.stop or self.total) - (window.start or 0)
        )


class Search:
    """A search for `text`, optionally one `kind` only; see `mode` for how it matched.

    mode: "empty" (no usable words), "all" (every word matched), "any" (some words
    matched, when no page has them all), "similar" (titles that look alike: PostgreSQL
    only, for misspellings) or "none".
    """

    def __init__(self, text, *, kind=None, page=1, per_page=PER_PAGE):
        self.backend = get_backend()
        self.now = timezone.now()
        self.query = query_module.parse(text, SearchSynonym.objects.all())
        self.text = self.query.text
        self.kind = kind if get_source(kind) else None
        self.any_group = False
        self.similar = None
        self.mode, self.counts = self._count()
        self.capped = sum(self.counts.values()) > COUNT_CAP
        if not self.kind:
            total = sum(self.counts.values())
        elif self.capped:
            total = sum(self._counts(kind=self.kind).values())
        else:
            total = self.counts.get(self.kind, 0)
        total = self.total = min(total, COUNT_CAP)
        self.page_obj = Paginator(_Matches(self, total), per_page).get_page(page)
        self.results = [self.result(document) for document in self.page_obj.object_list]

    def _count(self):
        if not self.query:
            return "empty", {}
        counts = self._counts()
        if counts:
            return "all", counts
        if len(self.query.groups) > 1:
            self.any_group = True
            counts = self._counts()
            if counts:
                return "any", counts
        similar = self.backend.similar_titles(self.query, limit=PER_PAGE, now=self.now)
        if similar:
            self.similar = [d for d in similar if not self.kind or d.kind == self.kind]
            return "similar", dict(Counter(d.kind for d in similar))
        return "none", {}

    def _counts(self, kind=None):
        return self.backend.counts(
            self.query, any_group=self.any_group, now=self.now, kind=kind, cap=COUNT_CAP + 1
        )

    def fetch(self, offset, limit):
        if self.mode == "similar":
            return self.similar[offset : offset + limit]
        return self.backend.page(
            self.query,
            kind=self.kind,
            offset=offset,
            limit=limit,
            any_group=self.any_group,
            now=self.now,
        )

    def result(self, document):
        source = get_source(document.kind)
        stems = self.query.highlight_stems
        # The first keyword field (a summary, the public question) reads best.
        summary, _, other_keywords = document.keywords.partition("\n")
        return Result(
            kind=document.kind,
            label=source.label if source else document.kind.title(),
            url=document.url,
            title=highlight(document.title, stems),
            snippet=snippet([summary, document.body, other_keywords], stems),
        )

    @property
    def kinds(self):
        """(source, count) of every registered page type, for the filter links."""
        return [(source, self.counts.get(source.kind, 0)) for source in SOURCES]


def search(text, *, kind=None, page=1, per_page=PER_PAGE):
    """Search every public page type for `text`; the one entry point for views and scripts."""
    return Search(text, kind=kind, page=page, per_page=per_page)

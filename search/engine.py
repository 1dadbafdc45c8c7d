"""One search over every public page type: the interface the views use.

    results = search("kneecap pain", kind=None, page=1)

The page types are registered by the apps that own them (search.indexing.register,
from each app's AppConfig.ready(); search/sources.py says what a Source holds); the
database work is done by a backend chosen by the database vendor (search/backends.py);
the index is kept in step by signals and `rebuild_search_index` (search/indexing.py).
"""

from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.urls import translate_url
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import get_language

from clinic.models import BodyRegion
from search import intent, languages, spelling
from search import query as query_module
from search.backends import get_backend
from search.indexing import get_source, registered
from search.models import SearchSynonym
from search.snippets import highlight, snippet
from search.sources import EXERCISE_KIND

PER_PAGE = 10
MAX_PAGE = 10_000
# The first results are reordered in Python (search/intent.py); later pages follow them
# in the database's order.
WINDOW = 30


def in_page_language(url):
    """A stored page address (indexed in the default language, /articles/…) in the language
    of the page being written (/es/articles/…)."""
    language = get_language()
    if not language or language == settings.LANGUAGE_CODE:
        return url
    with translation.override(settings.LANGUAGE_CODE):  # where the stored address resolves
        return translate_url(url, language)


@dataclass
class Result:
    kind: str
    label: str
    url: str
    title: str  # safe HTML: escaped, with <mark>
    snippet: str  # safe HTML: escaped, with <mark>


class _Matches:
    """The matches as a sequence for Paginator: its count is known, one page is fetched."""

    def __init__(self, search, total, offset, documents):
        self.search, self.total = search, total
        self.fetched = (offset, documents)

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, window):
        offset = window.start or 0
        if offset == self.fetched[0]:
            return self.fetched[1]
        if offset >= self.total:  # nothing there (no words at all, say): ask nothing
            return []
        return self.search.fetch(offset, (window.stop or self.total) - offset)[0]


class Search:
    """A search for `text`, optionally one `kind` only; see `mode` for how it matched.

    mode: "empty" (no usable words), "all" (every word matched), "any" (some words
    matched, when no page has them all; with `most_telling`, pages with two of the
    words first), "similar" (titles that look alike: PostgreSQL only, for
    misspellings) or "none".

    Queries: the synonyms, then one query that ranks, pages and counts by kind. Only
    a fallback (some words, similar titles), a page number past the end or a kind
    filter (counts of the other kinds for the filter links) adds one.
    """

    def __init__(
        self,
        text,
        *,
        kind=None,
        page=1,
        per_page=PER_PAGE,
        correct=True,
        window=WINDOW,
        fields="all",
        most_telling=None,
    ):
        self.backend = get_backend()
        self.now = timezone.now()
        # The page's language: its synonyms, its stems, its documents (search.languages).
        self.language = languages.current()
        self.synonyms = list(SearchSynonym.objects.filter(language=self.language.code))
        self.query = query_module.parse(text, self.synonyms)
        self.query.fields = fields
        self.most_telling = most_telling
        if most_telling and len(self.query.groups) > 1:
            self.query = spelling.most_telling(self.query, most_telling, self.synonyms)
        self.text = self.query.text
        self.kind = kind if get_source(kind) else None
        self.any_group = False
        self.similar = None
        self._windows = {}
        self.window_size = max(window, per_page)
        # Set when the patient's words were misspelled and corrected ones were searched.
        self.searched_instead_of = None
        self.correct = correct
        self.fields = fields
        try:
            # A page far past the end shows the last page; the offset stays a small integer
            # for the database (a 64-bit overflow on PostgreSQL and SQLite otherwise).
            number = min(max(1, int(page)), MAX_PAGE)
        except (TypeError, ValueError):
            number = 1
        self.offset = (number - 1) * per_page
        self.mode, documents, counts = self._first_page(per_page)
        self.total = sum(counts.values())
        offset = self.offset
        if self.kind and self.mode in ("all", "any"):
            counts = self.backend.counts(self.query, any_group=self.any_group, now=self.now)
        self.counts = counts
        matches = _Matches(self, self.total, offset, documents)
        self.page_obj = Paginator(matches, per_page).get_page(offset // per_page + 1)

    @cached_property
    def results(self):
        """The page's Results, with highlighted titles and snippets (made when first asked:
        a quick look-up needs only the documents, page_obj.object_list)."""
        return [self.result(document) for document in self.page_obj.object_list]

    def _first_page(self, limit):
        if not self.query:
            return "empty", [], {}
        documents, counts = self._fetch_page(limit)
        if counts:
            return "all", documents, counts
        if self.correct and self._corrected():
            documents, counts = self._fetch_page(limit)
            if counts:
                return "all", documents, counts
        if self.most_telling and len(self.query.groups) > 2:
            # A question's few telling words: pages with two of them before pages with one.
            self.any_group = query_module.ANY_TWO
            documents, counts = self._fetch_page(limit)
            if counts:
                return "any", documents, counts
        if len(self.query.groups) > 1:
            self.any_group = True
            documents, counts = self._fetch_page(limit)
            if counts:
                return "any", documents, counts
        similar = self.backend.similar_titles(self.query, limit=PER_PAGE, now=self.now)
        if similar:
            self.similar = [d for d in similar if not self.kind or d.kind == self.kind]
            documents, counts = self._fetch_page(limit)
            return "similar", documents, counts
        return "none", [], {}

    def _corrected(self):
        """When no page has every word: search the words corrected from the site's own
        vocabulary instead, if that finds something (then say so on the page)."""
        corrected, changed = spelling.correct(self.text, self.synonyms)
        if not changed or corrected == self.text.lower():
            return False
        better = query_module.parse(corrected, self.synonyms)
        better.fields = self.fields
        found, _ = self._page(better, limit=1)
        if not found:
            return False
        self.searched_instead_of = self.text
        self.query, self.text = better, better.text
        self._windows = {}
        return True

    def _fetch_page(self, limit):
        """The page at self.offset; past the end, the last page (and self.offset moves)."""
        documents, counts = self.fetch(self.offset, limit)
        if not documents and self.offset:
            documents, counts = self.fetch(0, limit)
            total = sum(counts.values())
            self.offset = (total - 1) // limit * limit if total else 0
            if self.offset:
                documents, counts = self.fetch(self.offset, limit)
        return documents, counts

    def fetch(self, offset, limit):
        """(documents, counts) of one page."""
        if not self.query:
            return [], {}
        if self.similar is not None:
            return self.similar[offset : offset + limit], dict(
                Counter(d.kind for d in self.similar)
            )
        window, counts, added = self._window()
        if offset < len(window) or offset >= sum(counts.values()):
            return window[offset : offset + limit], counts
        documents, _ = self._page(self.query, offset=offset - added, limit=limit)
        return documents, counts

    def _page(self, query, *, offset=0, limit=None, any_group=None, kind=...):
        """One page of `query` (this search's kind filter unless `kind` is given; None: all)."""
        return self.backend.page(
            query,
            kinds=[source.kind for source in registered()],
            kind=self.kind if kind is ... else kind,
            offset=offset,
            limit=limit or self.window_size,
            any_group=self.any_group if any_group is None else any_group,
            now=self.now,
        )

    def _window(self):
        """The first WINDOW results in the order shown, their counts by kind, and how many
        documents the reordering added to the database's matches."""
        if self.any_group not in self._windows:
            documents, counts = self._page(self.query)
            first, extra = [], []
            wants_exercises = self.kind in (None, EXERCISE_KIND)
            if wants_exercises and intent.asks_for_exercises(self.query):
                topic = intent.topic_of(self.query)
                if topic:
                    found, _ = self._page(topic, any_group=False, kind=None)
                    if not found and len(topic.groups) > 1:
                        found, _ = self._page(topic, any_group=True, kind=None)
                    regions = intent.region_words(BodyRegion.objects.all())
                    first = intent.exercises_first(found, topic, regions=regions, now=self.now)
            elif self.most_telling and self.any_group is not True and len(self.query.groups) > 1:
                # A question's telling words (few pages have them): the pages with all or
                # two of them, then those with one, to fill the short list.
                if documents and len(documents) < self.window_size:
                    extra, _ = self._page(self.query, any_group=True)
            elif (
                documents
                and len(documents) < intent.FEW
                and not self.any_group
                and len(self.query.groups) > 1
            ):
                # Few pages have every word: those, then pages with most of them.
                extra, _ = self._page(self.query, any_group=True, limit=intent.FEW * 3)
            if self.kind:
                first = [d for d in first if d.kind == self.kind]
                extra = [d for d in extra if d.kind == self.kind]
            window = intent.rerank(
                intent.by_title_words(documents, self.query), first=first, extra=extra
            )
            matched = {d.pk for d in documents}
            added = [d for d in window if d.pk not in matched]
            counts = dict(counts)
            for document in added:
                counts[document.kind] = counts.get(document.kind, 0) + 1
            self._windows[self.any_group] = (
                window[: self.window_size + len(added)],
                counts,
                len(added),
            )
        return self._windows[self.any_group]

    def result(self, document):
        source = get_source(document.kind)
        stems = self.query.highlight_stems
        # The first keyword field (a summary, the public question) reads best.
        summary, _, other_keywords = document.keywords.partition("\n")
        return Result(
            kind=document.kind,
            label=source.label if source else document.kind.title(),
            url=in_page_language(document.url),
            title=highlight(document.title, stems),
            snippet=snippet([summary, document.body], stems, fallback=[other_keywords]),
        )

    @property
    def kinds(self):
        """(source, count) of every registered page type, for the filter links."""
        return [(source, self.counts.get(source.kind, 0)) for source in registered()]


def search(
    text,
    *,
    kind=None,
    page=1,
    per_page=PER_PAGE,
    correct=True,
    window=WINDOW,
    fields="all",
    most_telling=None,
):
    """Search every public page type for `text`; the one entry point for views and scripts.

    `correct=False` searches the words as typed ("search instead for …"); `window` is how
    many first results are reordered (a small one for a quick look-up); `fields="titles"`
    looks in titles and keywords only; `most_telling=N` searches only the rarest words
    of a long text, on at most about N pages together (search.spelling.most_telling)."""
    return Search(
        text,
        kind=kind,
        page=page,
        per_page=per_page,
        correct=correct,
        window=window,
        fields=fields,
        most_telling=most_telling,
    )

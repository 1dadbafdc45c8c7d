"""Two search backends behind one interface, chosen by the database vendor.

- PostgreSQL: a weighted tsvector column on SearchDocument (A title, B keywords, C body),
  filled by a trigger (migration 0003), with a GIN index, ranked with ts_rank (what
  SearchRank compiles to, written out so that ranking and counting share one narrow
  pass); trigram similarity on titles (pg_trgm) when full text finds nothing.
- SQLite: an FTS5 table (porter stemmer) holding the same three columns, ranked with
  bm25 weighted towards the title.

Each language's documents are searched apart, in the language of the page
(search.languages): PostgreSQL's configuration and SQLite's table are that language's.

Both put title matches first, then order by relevance, and hide documents whose
`public_from` is still in the future (scheduled articles).
"""

from abc import ABC, abstractmethod

from django.contrib.postgres.search import (
    SearchQuery,
    TrigramWordSimilarity,
)
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import Count, FloatField, Q, Value
from django.utils import timezone

from search import languages
from search import query as q
from search.models import SearchDocument

# The tables, named by the model (their names date from before search had its own app).
DOCUMENTS = SearchDocument._meta.db_table
FTS_TABLE = f"{DOCUMENTS}_fts"  # English; each language's in search.languages
# Column weights: title, keywords (summary, other names), body.
TITLE_WEIGHT, KEYWORDS_WEIGHT, BODY_WEIGHT = 10.0, 4.0, 1.0


class SearchBackend(ABC):
    """What the rest of the site may ask of a backend."""

    def documents_saved(self, ids):  # noqa: B027 - a no-op unless the backend keeps its own index
        """Bring the backend's index up to date with these SearchDocument rows."""

    def documents_deleted(self, ids):  # noqa: B027 - a no-op unless the backend keeps its own index
        """Forget these SearchDocument rows (called before or after their deletion)."""

    def rebuild(self):  # noqa: B027 - a no-op unless the backend keeps its own index
        """Re-derive the whole backend index from the SearchDocument table."""

    @abstractmethod
    def counts(self, query, *, any_group=False, now=None):
        """{kind: number of matching public documents}."""

    @abstractmethod
    def page(self, query, *, kinds, kind=None, offset=0, limit=10, any_group=False, now=None):
        """(documents, counts): one page of matching public documents, title matches first,
        then by relevance; and the number of matches of each of `kinds` (only of `kind`
        when given), counted in the same pass over the matches."""

    def similar_titles(self, query, *, limit=10, now=None):
        """Documents whose title looks like the query's words (misspellings); [] if unsupported."""
        return []


class SQLiteBackend(SearchBackend):
    """One FTS5 table per language (search.languages), each with its own tokenizer."""

    def documents_saved(self, ids):
        ids = list(ids)
        if not ids:
            return
        self.documents_deleted(ids)
        by_language = {}
        for pk, code in SearchDocument.objects.filter(pk__in=ids).values_list("pk", "language"):
            by_language.setdefault(code, []).append(pk)
        with connection.cursor() as cursor:
            for code, saved in by_language.items():
                table = languages.get(code).fts_table
                marks = ", ".join(["%s"] * len(saved))
                cursor.execute(
                    f"INSERT INTO {table} (rowid, title, keywords, body) "  # noqa: S608
                    f"SELECT id, title, keywords, body FROM {DOCUMENTS} WHERE id IN ({marks})",
                    saved,
                )

    def documents_deleted(self, ids):
        ids = list(ids)
        if ids:
            marks = ", ".join(["%s"] * len(ids))
            with connection.cursor() as cursor:
                for language in languages.languages().values():
                    table = language.fts_table
                    cursor.execute(f"DELETE FROM {table} WHERE rowid IN ({marks})", ids)  # noqa: S608

    def rebuild(self):
        with connection.cursor() as cursor:
            for code, language in languages.languages().items():
                table = language.fts_table
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608
                cursor.execute(
                    f"INSERT INTO {table} (rowid, title, keywords, body) "  # noqa: S608
                    f"SELECT id, title, keywords, body FROM {DOCUMENTS} WHERE language = %s",
                    [code],
                )
                cursor.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")  # noqa: S608

    def _where(self, query, *, any_group, now, kind=None):
        language = languages.current()
        table = language.fts_table
        sql = (
            f"FROM {table} JOIN {DOCUMENTS} AS d ON d.id = {table}.rowid "
            f"WHERE {table} MATCH %s AND d.public_from <= %s AND d.language = %s"
        )
        params = [
            q.to_fts5(query, any_group=any_group),
            connection.ops.adapt_datetimefield_value(now or timezone.now()),
            language.code,
        ]
        if kind:
            sql += " AND d.kind = %s"
            params.append(kind)
        return sql, params

    def counts(self, query, *, any_group=False, now=None):
        where, params = self._where(query, any_group=any_group, now=now)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT d.kind, COUNT(*) {where} GROUP BY d.kind", params)
            return dict(cursor.fetchall())

    def page(self, query, *, kinds, kind=None, offset=0, limit=10, any_group=False, now=None):
        where, params = self._where(query, any_group=any_group, now=now, kind=kind)
        table = languages.current().fts_table
        kinds = [kind] if kind else list(kinds)
        per_kind = "".join(f", SUM(m.kind = %s) OVER () AS n{i}" for i in range(len(kinds)))
        # bm25() cannot sit next to window functions, so it is computed in a subquery.
        # Title matches first: the whole query found in the title column alone.
        # Only fixed names go into the SQL text; the query is always a parameter.
        sql = (
            f"SELECT m.*{per_kind} FROM ("  # noqa: S608
            "SELECT d.id, d.kind, d.object_id, d.url, d.title, d.keywords, d.body, d.regions, "
            "d.public_from, "
            f"d.id IN (SELECT rowid FROM {table} WHERE {table} MATCH %s) AS title_hit, "
            f"bm25({table}, {TITLE_WEIGHT}, {KEYWORDS_WEIGHT}, {BODY_WEIGHT}) AS score "
            f"{where}) AS m "
            "ORDER BY m.title_hit DESC, m.score, m.id LIMIT %s OFFSET %s"
        )
        title_only = f"title : ({q.to_fts5(query, any_group=any_group, columns=False)})"
        documents = list(
            SearchDocument.objects.raw(sql, [*kinds, title_only, *params, limit, offset])
        )
        return documents, _counts(documents, kinds)


def _counts(documents, kinds):
    """The per-kind window counts (n0, n1, ...) carried by every row; {} without rows."""
    if not documents:
        return {}
    first = documents[0]
    counts = {k: int(getattr(first, f"n{i}") or 0) for i, k in enumerate(kinds)}
    return {k: n for k, n in counts.items() if n}


class PostgresBackend(SearchBackend):
    """One vector column for every language, made with each row's language's
    configuration by the trigger (search migration 0003); a search matches the rows of
    its own language with that configuration."""

    # SearchRank weights in the order D, C, B, A.
    WEIGHTS = [0.05, 0.2, 0.5, 1.0]

    def documents_saved(self, ids):
        """Nothing to do: a trigger (migration 0003) fills search_vector as rows are written."""

    def rebuild(self):
        """Nothing to do either; `rebuild_index()` rewrites every row, which runs the trigger."""

    def _matches(self, query, *, any_group, now, kind=None):
        language = languages.current()
        tsquery = SearchQuery(
            q.to_tsquery(query, any_group=any_group),
            search_type="raw",
            config=language.postgres_config,
        )
        documents = SearchDocument.objects.filter(
            search_vector=tsquery, public_from__lte=now or timezone.now(), language=language.code
        )
        if kind:
            documents = documents.filter(kind=kind)
        return documents, tsquery

    def counts(self, query, *, any_group=False, now=None):
        documents, _ = self._matches(query, any_group=any_group, now=now)
        return dict(documents.order_by().values_list("kind").annotate(n=Count("id")))

    def page(self, query, *, kinds, kind=None, offset=0, limit=10, any_group=False, now=None):
        kinds = [kind] if kind else list(kinds)
        per_kind = "".join(
            f", COUNT(*) FILTER (WHERE m.kind = %s) OVER () AS n{i}" for i in range(len(kinds))
        )
        # Ranked on narrow rows (id, kind, rank) so the window counts stay in memory; the
        # OFFSET 0 keeps PostgreSQL from folding the subquery into the window query. Title
        # matches first: the whole query found among the title's (weight A) lexemes.
        # Only fixed names go into the SQL text; the query is always a parameter.
        sql = (
            f"SELECT m.id{per_kind} FROM ("  # noqa: S608
            "SELECT d.id, d.kind, d.search_vector @@ to_tsquery(%s::regconfig, %s) AS title_hit, "
            "ts_rank(%s::real[], d.search_vector, to_tsquery(%s::regconfig, %s)) AS rank "
            f"FROM {DOCUMENTS} AS d "
            "WHERE d.search_vector @@ to_tsquery(%s::regconfig, %s) AND d.public_from <= %s "
            "AND d.language = %s"
            + (" AND d.kind = %s" if kind else "")
            + " OFFSET 0) AS m ORDER BY m.title_hit DESC, m.rank DESC, m.id LIMIT %s OFFSET %s"
        )
        tsquery = q.to_tsquery(query, any_group=any_group)
        language = languages.current()
        config = language.postgres_config
        params = [
            *kinds,
            config,
            q.to_tsquery(query, any_group=any_group, weights="A"),
            self.WEIGHTS,
            config,
            tsquery,
            config,
            tsquery,
            now or timezone.now(),
            language.code,
            *([kind] if kind else []),
            limit,
            offset,
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if not rows:
            return [], {}
        by_id = SearchDocument.objects.defer("search_vector").in_bulk([row[0] for row in rows])
        documents = [by_id[row[0]] for row in rows if row[0] in by_id]
        counts = {k: n for k, n in zip(kinds, rows[0][1:], strict=True) if n}
        return documents, counts

    def similar_titles(self, query, *, limit=10, now=None):
        # `%>` (word similarity, threshold 0.6) uses the trigram GIN index on the title;
        # each word on its own, so one misspelt word among good ones still finds the page.
        if not query.spelled:
            return []
        close = Q()
        for word in query.spelled:
            close |= Q(title__trigram_word_similar=word)
        similarity = sum(
            (TrigramWordSimilarity(word, "title") for word in query.spelled),
            start=Value(0.0, output_field=FloatField()),
        )
        documents = (
            SearchDocument.objects.filter(
                close, public_from__lte=now or timezone.now(), language=languages.current().code
            )
            .annotate(similarity=similarity)
            .defer("search_vector")
            .order_by("-similarity", "pk")
        )
        return list(documents[:limit])


def get_backend():
    """The backend for the default database."""
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    raise ImproperlyConfigured(
        f"Search supports PostgreSQL and SQLite, not {connection.vendor}: set DATABASE_URL."
    )

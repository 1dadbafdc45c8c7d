"""Detail pages rendered once per content change and kept, whole, in their own row.

An article, exercise or question page shows many rows besides its own: key points,
references, therapists, regions, related exercises, articles and questions, the main
clinic's phone. Building it takes 6 to 9 queries and a few milliseconds of templates,
so each of those models keeps the last page a visitor was served in `stored_body`,
and in `stored_page` (JSON) what it was rendered under:

- the content version: `clinic.models.ContentVersion`, one number that every change
  to a content model (save, delete, many-to-many change, from the admin or the ORM)
  raises in the change's own transaction;
- the moment it goes out of date by itself: the next scheduled publication (an
  answer or article that goes public later) or local midnight (the footer's year),
  whichever comes first;
- the code version (`clinic.page_cache.code_version`), so a new release renders anew;
- the page's own address, scheme and host included (its canonical link, JSON-LD and
  share tags print it).

A visitor's request reads the stored page and the current number in one query and
sends the page as it is while all four still hold; otherwise the view renders the
page from the database as usual and stores it again. Because the number is read in
the same query as the row, and rendering only reads after it, a stored page is never
older than the number it carries.

Only plain visitors get stored pages: staff (previews), and anyone whose request
carries a session or messages cookie (a message may be waiting for them) get a page
rendered live, which is never stored; so is a response that sets a cookie, asks for a
CSRF token or is marked private. Unlike the page cache this needs no cache server and
serves every query string: it works the same for one process or many. With
`STORED_PAGES` off every request renders the page (`make bench` measures both).
"""

import json
import logging
import time

from django.conf import settings
from django.db import DatabaseError, connections, models, transaction
from django.db.models.expressions import RawSQL
from django.http import Http404, HttpResponse

from clinic import page_cache

logger = logging.getLogger(__name__)


class StoredPageModel(models.Model):
    """The two columns of a model whose public page is stored (empty until a visit)."""

    # The whole page's HTML.
    stored_body = models.TextField(blank=True, editable=False)
    # JSON text: what the page was rendered under (version, code, until, url).
    stored_page = models.TextField(blank=True, editable=False)

    class Meta:
        abstract = True


class StoredPageManager(models.Manager):
    """Leaves the stored page unread unless a query asks for it (only the detail view does).

    Lists, the admin and everything else never load the stored pages, and saving an
    instance loaded this way cannot write an old one back.
    """

    def get_queryset(self):
        return super().get_queryset().defer("stored_body", "stored_page")


# The current ContentVersion number as a column of the page's own query (NULL before
# the first change). Standard SQL quoting (SQLite, PostgreSQL).
CONTENT_VERSION_SQL = 'SELECT "number" FROM "clinic_contentversion" WHERE "id" = 1'


def _content_version():
    return RawSQL(CONTENT_VERSION_SQL, ())  # noqa: S611 - a constant, no input


def _plain_visitor(request):
    """No session (so not signed in, no message waiting in it) and no messages cookie."""
    return not ({settings.SESSION_COOKIE_NAME, "messages"} & request.COOKIES.keys())


def _may_store(request, response):
    # The page cache's rule, and one more: the view runs inside the CSRF middleware,
    # which sets its cookie only later, so a page that asked for a token says so here.
    return page_cache.may_store(request, response) and not request.META.get(
        "CSRF_COOKIE_NEEDS_UPDATE"
    )


class StoredPageMixin:
    """For a DetailView found by slug: plain visitors get the stored page while it is current.

    Subclasses may override `with_everything()` (the select/prefetch the page needs)
    and `is_preview()`. The visitor's query is the same SQL on every request but for
    the slug, so it is built by the ORM once per view class, from `get_queryset()` as
    a visitor gets it, and then run with the slug (a fifth of the ORM's cost). That
    queryset must therefore not depend on the request or the clock for visitors:
    filter by time with `Now()`, not `timezone.now()`.
    """

    _visitor_queries = {}  # view class -> (database alias, sql, params, slug index)

    def is_preview(self):
        """True for staff, who may see unpublished items: their pages are rendered live."""
        return False

    def with_everything(self, queryset):
        return queryset

    def get_object(self, queryset=None):
        queryset = self.get_queryset() if queryset is None else queryset
        return super().get_object(self.with_everything(queryset))

    def get(self, request, *args, **kwargs):
        if self.is_preview() or not settings.STORED_PAGES or not _plain_visitor(request):
            return super().get(request, *args, **kwargs)
        found = self._visitor_row(self.kwargs[self.slug_url_kwarg])
        if found is None:
            raise Http404("No page found matching the query")
        pk, html, stamp, version = found
        current = {
            "version": version,
            "code": page_cache.code_version(),
            "url": request.build_absolute_uri(request.path),
        }
        stored = json.loads(stamp) if stamp else {}
        still_current = all(stored.get(name) == value for name, value in current.items())
        if still_current and (stored.get("until") or 0) > time.time():
            return HttpResponse(html)
        # `until` is worked out before rendering, which only reads what is current by then.
        until = page_cache.next_midnight()
        scheduled = page_cache.next_scheduled_change()
        if scheduled:
            until = min(until, scheduled)
        response = super().get(request, *args, **kwargs)
        response.render()
        if _may_store(request, response):
            stamp = {**current, "until": until.timestamp()}
            self._store(type(self.object), pk, response.content.decode(), stamp)
        return response

    @staticmethod
    def _store(model, pk, html, stamp):
        try:
            with transaction.atomic():
                # update(): no signal, so storing a page is not itself a content change.
                model._default_manager.filter(pk=pk).update(
                    stored_body=html, stored_page=json.dumps(stamp)
                )
        except DatabaseError:  # a busy database must not cost the visitor the page
            logger.warning("Could not store the page of %s %s", model._meta.label, pk)

    def _visitor_row(self, slug):
        """(pk, stored page, its stamp, the content version) of the published row, or None."""
        key = type(self)
        if key not in self._visitor_queries:
            marker = "\x00slug\x00"
            row = (
                self.get_queryset()
                .annotate(content_version=_content_version())
                .filter(slug=marker)
                .values_list("pk", "stored_body", "stored_page", "content_version")[:1]
            )
            sql, params = row.query.sql_with_params()
            self._visitor_queries[key] = (row.db, sql, params, params.index(marker))
        db, sql, params, index = self._visitor_queries[key]
        params = [*params[:index], slug, *params[index + 1 :]]
        with connections[db].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()

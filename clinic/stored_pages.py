"""Detail pages whose body is rendered once per content change and kept in its own row.

An article, exercise or question page shows many rows besides its own: key points,
references, therapists, regions, related exercises, articles and questions. Building
its body takes 6 to 9 queries and several milliseconds of templates, so each of
those models keeps its last rendering in a `stored_body` column and, in `stored_page`:

- the content version it was rendered under: `clinic.models.ContentVersion`, one
  number that every change to a content model (save, delete, many-to-many change,
  from the admin or the ORM) raises in the change's own transaction;
- the next scheduled publication at that time (an answer or article that goes public
  by itself later), after which the rendering is out of date;
- the code version (`clinic.page_cache.code_version`), so a new release renders anew.

A visitor's request reads the row and the current number in one query and uses the
stored body while all three still hold; otherwise it renders the body from the
database and stores it again. Because the number is read in the same query as the
row, and rendering only reads after it, a stored body is never older than the number
it carries. Staff previews are always rendered live and never stored.

Unlike the page cache this serves every visitor and query string and needs no cache
server: it works the same for one process or many. With `STORED_PAGES` off every
request renders the body (`make bench` measures both).
"""

import json
import logging
import time

from django.conf import settings
from django.db import DatabaseError, models, transaction
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from clinic import page_cache

logger = logging.getLogger(__name__)


class StoredPageModel(models.Model):
    """The two columns of a model whose public page body is stored (empty until a visit)."""

    # The body's HTML: a text column, so reading it costs no JSON decoding.
    stored_body = models.TextField(blank=True, editable=False)
    # JSON text (not a JSONField: PostgreSQL's jsonb would reorder the keys of the
    # page's JSON-LD): what the body was rendered under (version, code, until) and the
    # page's other parts.
    stored_page = models.TextField(blank=True, editable=False)

    class Meta:
        abstract = True


class StoredPageManager(models.Manager):
    """Leaves the stored page unread unless a query asks for it (only the detail view does).

    Lists, the admin and everything else never load the stored bodies, and saving an
    instance loaded this way cannot write an old one back.
    """

    def get_queryset(self):
        return super().get_queryset().defer("stored_body", "stored_page")


# The current ContentVersion number as a column of the page's own query (NULL before
# the first change). Raw SQL rather than a Subquery: it is built on every request, and
# costs a tenth of the ORM's subquery compilation. Standard SQL quoting (SQLite, PostgreSQL).
CONTENT_VERSION_SQL = 'SELECT "number" FROM "clinic_contentversion" WHERE "id" = 1'


def _content_version():
    return RawSQL(CONTENT_VERSION_SQL, ())  # noqa: S611 - a constant, no input


def current_parts(obj, render):
    """`obj`'s stored parts when they are current, else `render()`'s, stored for the next request.

    `obj` was read with `content_version` annotated (see StoredPageMixin.get_object).
    """
    stored = json.loads(obj.stored_page) if obj.stored_page else {}
    if (
        stored.get("version") == obj.content_version
        and stored.get("code") == page_cache.code_version()
        and (stored.get("until") is None or stored["until"] > time.time())
    ):
        return {**stored, "html": obj.stored_body}
    until = page_cache.next_scheduled_change()
    parts = render()
    stamped = {
        **{name: value for name, value in parts.items() if name != "html"},
        "version": obj.content_version,
        "code": page_cache.code_version(),
        "until": until.timestamp() if until else None,
    }
    try:
        with transaction.atomic():
            # update(): no signal, so storing a rendering is not itself a content change.
            type(obj).objects.filter(pk=obj.pk).update(
                stored_body=parts["html"], stored_page=json.dumps(stamped)
            )
    except DatabaseError:  # a busy database must not cost the visitor the page
        logger.warning("Could not store the rendered page of %s %s", obj._meta.label, obj.pk)
    return parts


class StoredPageMixin:
    """For a DetailView found by slug: the body comes from `stored_page` when it is current.

    Subclasses set `body_template_name` (the page's content, rendered with the object
    as `context_object_name` and `body_context()`), `row_fields` (the columns the
    page's own template reads outside the body) and may override `with_everything()`
    (the select/prefetch the body needs), `head_parts()` (JSON-able values the
    template needs besides the body, stored with it; a "json_ld" part gets the page's
    absolute "url" per request) and `is_preview()`.

    The visitor's query is the same SQL on every request but for the slug, so it is
    built by the ORM once per view class, then run as raw SQL with the slug
    (a fifth of the cost). `get_queryset()` must therefore not depend on the request
    or the clock for visitors: filter by time with `Now()`, not `timezone.now()`.
    """

    body_template_name = None
    row_fields = ()
    _row_queries = {}  # view class -> (model, database alias, sql, params, slug index)

    def is_preview(self):
        """True for staff, who may see unpublished items: their pages are rendered live."""
        return False

    def with_everything(self, queryset):
        return queryset

    def body_context(self, obj):
        return {}

    def head_parts(self, obj):
        return {}

    def render_parts(self, obj):
        context = {"object": obj, self.get_context_object_name(obj): obj, **self.body_context(obj)}
        return {
            "html": render_to_string(self.body_template_name, context, self.request),
            **self.head_parts(obj),
        }

    def get_object(self, queryset=None):
        slug = self.kwargs[self.slug_url_kwarg]
        if self.is_preview() or not settings.STORED_PAGES:
            queryset = self.get_queryset() if queryset is None else queryset
            obj = get_object_or_404(self.with_everything(queryset), slug=slug)
            self.page = self.render_parts(obj)
        else:
            obj = self._visitor_row(slug)
            self.page = current_parts(
                obj,
                lambda: self.render_parts(self.with_everything(self.get_queryset()).get(pk=obj.pk)),
            )
        self.page = {**self.page, "html": mark_safe(self.page["html"])}  # noqa: S308 (our own rendering)
        return obj

    def _visitor_row(self, slug):
        """The row with the stored page and the content version, or 404."""
        key = type(self)
        if key not in self._row_queries:
            marker = "\x00slug\x00"
            row = (
                self.get_queryset()
                .defer(None)
                .only("pk", "slug", "stored_body", "stored_page", *self.row_fields)
                .annotate(content_version=_content_version())
                .filter(slug=marker)[:1]
            )
            sql, params = row.query.sql_with_params()
            self._row_queries[key] = (row.model, row.db, sql, params, params.index(marker))
        model, db, sql, params, index = self._row_queries[key]
        params = [*params[:index], slug, *params[index + 1 :]]
        found = list(model._default_manager.db_manager(db).raw(sql, params))
        if not found:
            raise Http404(f"No {model._meta.verbose_name} found matching the query")
        return found[0]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(page=self.page, **kwargs)
        if "json_ld" in self.page:
            # Stored with an empty "url": the address is the visitor's host.
            url = self.request.build_absolute_uri(self.object.get_absolute_url())
            context["json_ld"] = {**self.page["json_ld"], "url": url}
        return context

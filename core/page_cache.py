"""Whole-page cache for anonymous visitors, which never serves stale or private pages.

Only GET/HEAD requests for the pages whose view is marked `cache_for_visitors` are
cached, with only the query parameters that view understands, and only when the
request carries no session, CSRF or messages cookie (so it cannot belong to a
signed-in PT or to someone in the middle of a form). A response is stored only when
it is a plain 200 without cookies and without private/no-store caching headers.

Each entry is stored with the site-wide content version it was rendered under and
is used only while that is still the current version. Each app connects the models
its public pages show (`forget_pages_when_changed`, from its AppConfig.ready()):
any save, delete or many-to-many change of one starts a new version, so the next
request renders afresh and replaces the entry. Content that changes with time alone
is handled by expiry: every entry ends at local midnight (the footer year, "today"
in opening hours), views may shorten it (`response.page_cache_seconds`, e.g. until a
clinic opens or closes), and the version itself ends when the next scheduled article
or answer goes public (the function named by the PAGE_CACHE_NEXT_PUBLICATION setting).

Without REDIS_URL the cache is local to one process, which is how the README says
to run the site then; with Redis every app process sees the same version.
"""

import functools
import hashlib
import threading
import uuid
from contextlib import contextmanager
from datetime import datetime, time, timedelta
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.module_loading import import_string

VERSION_KEY = "page-cache:version"
HEADER = "X-Page-Cache"


def cache_for_visitors(view, *, query=("region", "equipment", "difficulty", "page")):
    """Mark `view` as a public content page whose responses visitors may get from the cache.

    `query` names the query parameters the page understands; a request with any other
    (utm_*, a random cache-buster) is served uncached rather than filling the cache.
    """
    view.page_cache_parameters = frozenset(query)
    return view


def next_scheduled_change():
    """The next moment at which content goes public by itself, or None."""
    return import_string(settings.PAGE_CACHE_NEXT_PUBLICATION)()


def enabled():
    return settings.PAGE_CACHE_SECONDS > 0


@functools.cache
def code_version():
    """A digest of the code, templates, static files' manifest and shown settings this
    process serves.

    Part of every version, so that pages rendered by an earlier release (kept in
    Redis or in the database across a deployment) are not served by a new one.
    """
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    manifest = Path(settings.STATIC_ROOT or base / "staticfiles") / "staticfiles.json"
    files = [manifest] if manifest.exists() else []
    # Our own apps (top-level folders of the project, not the ones installed in .venv).
    folders = [Path(config.path) for config in apps.get_app_configs()]
    folders = [folder for folder in folders if folder.parent == base] + [base / "templates"]
    for folder in folders:
        files += folder.rglob("*")
    for path in sorted(p for p in files if p.suffix in {".py", ".html", ".txt", ".json"}):
        digest.update(str(path.relative_to(base)).encode())
        digest.update(path.read_bytes())
    # Settings that pages print (a renamed clinic is a new release too).
    for name in (
        "SITE_NAME",
        "SITE_URL",
        "CLINIC_PHONE",
        "EMERGENCY_NUMBER",
        "TIME_ZONE",
        "STATIC_URL",
        "MEDIA_URL",
    ):
        digest.update(repr(getattr(settings, name, None)).encode())
    return digest.hexdigest()[:12]


def current_version(entry=None):
    """The site-wide content version: a new one after every content change or scheduled
    publication, and another one for every release of the code.

    `entry` is the version key's value when the caller fetched it already.
    """
    entry = entry if entry is not None else cache.get(VERSION_KEY)
    if entry is None or (entry[1] is not None and entry[1] <= timezone.now()):
        entry = (uuid.uuid4().hex, next_scheduled_change())
        cache.set(VERSION_KEY, entry, None)
    return f"{entry[0]}-{code_version()}"


def start_new_version():
    cache.delete(VERSION_KEY)


def content_changed(sender, **kwargs):
    """Signal receiver: a model shown on public pages changed, so every cached page is forgotten.

    Forgotten at once and again after the commit, so a page rendered in between from
    the old, still committed, rows is not kept under the new version.
    """
    if getattr(_one_change, "active", False):
        return  # counted once, at the end of one_content_change()
    content_changed_without_signal()


def forget_pages_when_changed(*models, saved=content_changed):
    """Connect `content_changed` to the saves, deletes and many-to-many changes of `models`.

    Called by each app, from its AppConfig.ready(), with the models its public pages show.
    `saved` replaces the receiver of saves, for a model whose new rows are on no page yet.
    """
    for model in models:
        label = model._meta.label_lower
        post_save.connect(saved, sender=model, dispatch_uid=f"page-cache-{label}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"page-cache-{label}")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                content_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"page-cache-{label}-{field.name}",
            )


def content_changed_without_signal():
    """Forget every cached page: for writes that send no signal (`QuerySet.update()`,
    raw SQL) to content shown on public pages."""
    start_new_version()
    transaction.on_commit(start_new_version)


_one_change = threading.local()


@contextmanager
def one_content_change():
    """Many writes (a bulk delete with its cascade) that count as one content change.

    Each write would otherwise forget the cached pages on its own (a cache call and a
    commit hook per row). Inside, the signals still run but do nothing; the pages are
    forgotten once, after the writes, and again after the commit.
    """
    outer = getattr(_one_change, "active", False)
    with transaction.atomic():
        _one_change.active = True
        try:
            yield
        finally:
            _one_change.active = outer
        if not outer:  # a nested block is part of the outer one's change
            content_changed_without_signal()


def next_midnight(now=None):
    """The next local midnight: pages print the year and what is open "today"."""
    local = timezone.localtime(now)
    return timezone.make_aware(datetime.combine(local.date() + timedelta(days=1), time.min))


def _seconds_until_midnight(now):
    return max(1, int((next_midnight(now) - now).total_seconds()))


def _cookie_names():
    return {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, "messages"}


def _cache_key(request):
    # The path and query only: pages write absolute links with SITE_URL, so the Host
    # header a request claims (another port, say) gets the same page, not one more entry.
    url = request.get_full_path()
    return f"page-cache:{hashlib.sha256(url.encode()).hexdigest()}"


def _may_serve(request):
    if request.method not in ("GET", "HEAD") or not enabled():
        return False
    try:
        # A Host not in ALLOWED_HOSTS gets Django's 400, never a stored page.
        request.get_host()
    except DisallowedHost:
        return False
    if _cookie_names() & request.COOKIES.keys() or "HTTP_AUTHORIZATION" in request.META:
        return False
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    parameters = getattr(match.func, "page_cache_parameters", None)
    return parameters is not None and parameters.issuperset(request.GET.keys())


def may_store(request, response):
    """A plain 200 for anyone: no cookie set, not private, not for a signed-in user."""
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    if vary - {"cookie"}:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


class PageCacheMiddleware:
    """Serve and store whole pages for anonymous visitors (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _may_serve(request):
            return self.get_response(request)
        key = _cache_key(request)
        # One round trip to Redis: the version and the page together.
        found = cache.get_many([VERSION_KEY, key])
        version = current_version(found.get(VERSION_KEY))
        stored = found.get(key)
        if stored is not None and stored[0] == version:
            _, status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if may_store(request, response):
            now = timezone.now()
            seconds = min(settings.PAGE_CACHE_SECONDS, _seconds_until_midnight(now))
            seconds = min(seconds, getattr(response, "page_cache_seconds", seconds))
            headers = [(name, value) for name, value in response.items() if name != HEADER]
            cache.set(key, (version, response.status_code, headers, response.content), seconds)
            response[HEADER] = "miss"
        return response

"""Whole-page cache for anonymous visitors: never a private page, and a changed page at
most a few seconds late.

Only GET/HEAD requests for the pages whose view is marked `cache_for_visitors` are
cached, with only the query parameters that view understands (tracking parameters such
as utm_* and fbclid are ignored: a shared link gets the cached page), and only when the
request carries no session or messages cookie (so it cannot belong to a signed-in PT).
A CSRF cookie alone (a patient who opened a form) still gets cached pages: a page that
renders a CSRF token is never stored, so no visitor is ever served another's token. A
response is stored only when it is a plain 200 without cookies and without
private/no-store caching headers.

What a page shows decides what forgets it. A view names the objects its page shows
(`shows(request, article, article.public_exercises, Question)`: instances, or a model
for "a list of them"), and the entry is stored with the version of each of those tags.
Each app connects the models of its public pages (`forget_pages_showing`, from its
AppConfig.ready()): saving a published article forgets the pages that showed it and the
lists of articles, and nothing else; a draft, or a question still in the PT's queue,
forgets nothing. Models every page shows (the brand, the clinics, body regions, the home
page's choices) start a new site-wide version instead (`forget_pages_when_changed`).
When a page is forgotten, one request renders it again while the others get the previous
copy for a few seconds (`STALE_SECONDS`), never a stampede of renders. Content that
changes with time alone is handled by expiry: every entry ends at local midnight (the
footer year, "today" in opening hours), views may shorten it
(`response.page_cache_seconds`, e.g. until a clinic opens or closes), and the version
itself ends when the next scheduled article or answer goes public (each content app
tells when, with `publishes_later`, from its AppConfig.ready()).

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
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone, translation

VERSION_KEY = "page-cache:version"
TAG_KEY = "page-cache:tag:{}"
HEADER = "X-Page-Cache"
# While one request renders a forgotten page again, others get the previous copy this long.
STALE_SECONDS = 10
# Parameters that say where a link was shared, not what the page shows.
TRACKING_PREFIXES = ("utm_",)
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "mc_eid",
        "mc_cid",
        "igshid",
        "yclid",
        "twclid",
        "ttclid",
        "li_fat_id",
        "_ga",
        "_gl",
        "ref_src",
    }
)


# The query parameters that say what a list shows (a filter, a page of results).
PAGE_PARAMETERS = ("region", "equipment", "difficulty", "page")


def cache_for_visitors(view, *, query=PAGE_PARAMETERS):
    """Mark `view` as a public content page whose responses visitors may get from the cache.

    `query` names the query parameters the page understands; a request with any other
    (utm_*, a random cache-buster) is served uncached rather than filling the cache.
    """
    view.page_cache_parameters = frozenset(query)
    return view


# Functions returning the next moment an app's content goes public by itself, or None.
_scheduled = []


def publishes_later(next_publication):
    """Register an app's `next_publication()`: the cache's version ends at that moment."""
    if next_publication not in _scheduled:
        _scheduled.append(next_publication)


def next_scheduled_change():
    """The next moment at which content goes public by itself, or None."""
    moments = [moment for moment in (when() for when in _scheduled) if moment]
    return min(moments, default=None)


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
        "MEDIA_ORIGIN",
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


# More objects of one kind than this on a page are tagged as a list of that kind.
SHOWN_ONE_BY_ONE = 12


def tag_of(obj):
    return f"{obj._meta.label_lower}:{obj.pk}"


def list_tag(model):
    return f"{model._meta.label_lower}:list"


def shows(request, *things):
    """Say what this page shows: model instances (or lists of them, already loaded), a
    model class for "a list of them", or a tag. Its cached copy is forgotten when one
    changes. `shows(request)` alone: nothing that changes on its own (a clinic page)."""
    tags = request.__dict__.setdefault("page_cache_tags", set())
    for thing in things:
        if isinstance(thing, str):
            tags.add(thing)
        elif isinstance(thing, type) and issubclass(thing, models.Model):
            tags.add(list_tag(thing))
        elif isinstance(thing, models.Model):
            tags.add(tag_of(thing))
        elif thing is not None:
            shown = list(thing)
            if len(shown) > SHOWN_ONE_BY_ONE:
                # A long list (an exercise that 60 articles link) is a list of that model:
                # one tag to check on every hit instead of sixty.
                tags.add(list_tag(type(shown[0])))
            else:
                tags.update(tag_of(obj) for obj in shown)


def _tag_versions(tags, *, create=False):
    """{tag: its current version}; with `create`, a tag with none gets one."""
    if not tags:
        return {}
    keys = {TAG_KEY.format(tag): tag for tag in tags}
    versions = {keys[key]: value for key, value in cache.get_many(list(keys)).items()}
    missing = [key for key, tag in keys.items() if tag not in versions]
    if create and missing:
        for key in missing:
            cache.add(key, uuid.uuid4().hex[:12], None)  # another process's stays
        versions |= {keys[key]: value for key, value in cache.get_many(missing).items()}
    return versions


def forget(*tags):
    """Forget the cached pages that showed any of `tags`: at once, and again after the
    commit, so a page rendered in between from the old rows is not kept."""
    if getattr(_one_change, "active", False) or not tags:
        return  # a site-wide change at the end of one_content_change() covers it
    keys = [TAG_KEY.format(tag) for tag in tags]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


# The list tags of every model connected by forget_pages_showing(): a page that says
# nothing of what it shows (the home page, the sitemap, a feed) is taken to show lists of
# all of them.
_EVERY_LIST = set()


def forget_pages_showing(model, *, public=None, parent=None, also=None):
    """Connect the saves, deletes and many-to-many changes of `model` to `forget()`.

    `public`: a function giving the queryset of the rows the public sees (e.g.
    `Article.objects.published`): a row that is not public, before or after the change,
    forgets nothing; one that is forgets the pages that showed it and the lists of its
    model. `parent`: for a part of something else (an article's key point), the function
    giving that whole, whose pages are forgotten instead. `also`: a function giving the
    other pages' objects (or tags) that list this one (a published answer is listed on
    the articles it links), forgotten with it.
    """
    label = model._meta.label_lower
    if parent is None:
        _EVERY_LIST.add(list_tag(model))

    def was_public(instance):
        return bool(instance.pk) and public().filter(pk=instance.pk).exists()

    def before(sender, instance, **kwargs):
        if public is not None:
            instance._page_cache_was_public = was_public(instance)
        if also is not None and kwargs.get("signal") is pre_delete:
            instance._page_cache_also = list(also(instance))  # gone after the delete

    def changed(sender, instance, **kwargs):
        if parent is not None:
            whole = parent(instance)
            if whole is not None:
                forget(tag_of(whole))
            return
        if public is not None and not (
            getattr(instance, "_page_cache_was_public", False)
            or (kwargs.get("signal") is post_save and was_public(instance))
        ):
            return
        others = getattr(instance, "_page_cache_also", None)
        if others is None:
            others = also(instance) if also is not None else ()
        forget(
            tag_of(instance),
            list_tag(model),
            *(other if isinstance(other, str) else tag_of(other) for other in others),
        )

    def relations_changed(sender, instance, action, pk_set, model, **kwargs):
        if action.startswith("post_") or action == "pre_clear":
            forget(tag_of(instance), *(f"{model._meta.label_lower}:{pk}" for pk in pk_set or ()))

    pre_save.connect(before, sender=model, weak=False, dispatch_uid=f"page-tags-pre-{label}")
    pre_delete.connect(before, sender=model, weak=False, dispatch_uid=f"page-tags-pred-{label}")
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"page-tags-{label}")
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"page-tags-del-{label}")
    for field in model._meta.local_many_to_many:
        m2m_changed.connect(
            relations_changed,
            sender=field.remote_field.through,
            weak=False,
            dispatch_uid=f"page-tags-{label}-{field.name}",
        )


def content_changed(sender, **kwargs):
    """Signal receiver: a model every public page shows changed (the brand, a clinic), so
    every cached page is forgotten.

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
    # Not the CSRF cookie: a page that renders a token is never stored (may_store).
    return {settings.SESSION_COOKIE_NAME, "messages"}


def _tracking(name):
    return name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIXES)


def _page_parameters(request):
    return [(name, value) for name, value in request.GET.items() if not _tracking(name)]


def _cache_key(request):
    # The path and the query the page understands only: pages write absolute links with
    # SITE_URL, so the Host a request claims (another port, say) gets the same page, and
    # a link with utm_source gets the page the link without it gets.
    # The language too, though the address says it (/es/…): a page is never stored under
    # another language's key, whatever the URLconf becomes.
    query = urlencode(_page_parameters(request))
    url = f"{request.path}?{query}" if query else request.path
    url = f"{translation.get_language()}:{url}"
    return f"page-cache:v3:{hashlib.sha256(url.encode()).hexdigest()}"


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
    names = {name for name, _ in _page_parameters(request)}
    return parameters is not None and parameters.issuperset(names)


def may_store(request, response):
    """A plain 200 for anyone: no cookie set, not private, not for a signed-in user."""
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # a cookie, or a CSRF token in the page: this visitor's own
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
        # One round trip to Redis: the version, the page and its tags' versions together
        # (the tags this process last saw on this address).
        tag_keys = _tag_keys_seen.get(key, ())
        found = cache.get_many([VERSION_KEY, key, *tag_keys])
        try:
            version = current_version(found.get(VERSION_KEY))
        except DatabaseError:
            # The next publication's date comes from the database: without it there is
            # no cache, and the view's own answer (the 503 page) follows.
            return self.get_response(request)
        stored = found.get(key)
        if stored is not None:
            tags = stored[1]
            keys = {tag: TAG_KEY.format(tag) for tag in tags}
            if set(keys.values()) <= set(tag_keys):
                current = {tag: found.get(tag_key) for tag, tag_key in keys.items()}
            else:  # tags this process has not seen here yet: a second round trip
                current = _tag_versions(tags)
                _remember_tag_keys(key, keys.values())
            if stored[0] == version and current == tags:
                return _stored_response(stored, "hit")
            # Forgotten: one request renders it again; until it has, others get the
            # previous copy of the same release, for STALE_SECONDS at most.
            same_release = stored[0].endswith(code_version())
            if same_release and not cache.add(f"{key}:rendering", 1, STALE_SECONDS):
                return _stored_response(stored, "stale")
        response = self.get_response(request)
        if may_store(request, response):
            now = timezone.now()
            seconds = min(settings.PAGE_CACHE_SECONDS, _seconds_until_midnight(now))
            seconds = min(seconds, getattr(response, "page_cache_seconds", seconds))
            headers = [(name, value) for name, value in response.items() if name != HEADER]
            shown = getattr(request, "page_cache_tags", None)
            tags = _tag_versions(_EVERY_LIST if shown is None else shown, create=True)
            entry = (version, tags, response.status_code, headers, response.content)
            cache.set(key, entry, seconds)
            _remember_tag_keys(key, [TAG_KEY.format(tag) for tag in tags])
            response[HEADER] = "miss"
        if stored is not None:
            cache.delete(f"{key}:rendering")
        return response


# The tag keys of each cached address, as this process last stored or checked them, so
# that a hit asks for the page and its tags' versions in one round trip. Only names: a
# stale note costs a second round trip, never a stale page.
_tag_keys_seen = {}
TAG_KEYS_SEEN_MAX = 20_000


def _remember_tag_keys(key, tag_keys):
    if len(_tag_keys_seen) >= TAG_KEYS_SEEN_MAX:
        _tag_keys_seen.clear()
    _tag_keys_seen[key] = tuple(tag_keys)


def _stored_response(stored, state):
    _, _, status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response[HEADER] = state
    return response

"""Site-wide views: the health check, the error pages, the rate-limit page."""

import logging

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def _database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return True
    except Exception as error:
        logger.error("Health check: database failed: %s", error)
        return False


@never_cache
@require_GET
def healthz(request):
    """Liveness: 200 while the process can serve pages, i.e. the database answers. Redis
    down is "degraded", still 200: the site serves from the database meanwhile, and a
    balancer that took every server out for a Redis blip would make it an outage."""
    checks = {"database": "ok" if _database_answers() else "failed"}
    if settings.REDIS_URL:
        try:
            cache = caches["default"]
            cache.set("healthz", "ok", 10)
            checks["cache"] = "ok" if cache.get("healthz") == "ok" else "failed"
        except Exception as error:
            logger.error("Health check: cache failed: %s", error)
            checks["cache"] = "failed"
    if checks["database"] != "ok":
        status = "failed"
    else:
        status = "ok" if all(value == "ok" for value in checks.values()) else "degraded"
    return JsonResponse({"status": status, **checks}, status=503 if status == "failed" else 200)


_migrated = False


def _migrations_applied():
    """Whether every migration this code knows is applied; once true, it stays so in this
    process (its code cannot learn of newer ones)."""
    global _migrated
    if not _migrated:
        from django.db.migrations.executor import MigrationExecutor

        executor = MigrationExecutor(connection)
        _migrated = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    return _migrated


@never_cache
@require_GET
def readyz(request):
    """Readiness: 200 when this server may take traffic: the database answers and every
    migration of this release is applied (a new release before `migrate` stays out)."""
    checks = {"database": "ok" if _database_answers() else "failed"}
    if checks["database"] == "ok":
        try:
            checks["migrations"] = "ok" if _migrations_applied() else "not applied"
        except Exception as error:
            logger.error("Readiness check: migrations unknown: %s", error)
            checks["migrations"] = "failed"
    ready = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "not ready", **checks}, status=200 if ready else 503
    )


def bench_bare(request):
    """A bare view for `make bench` to compare pages with (only with BENCH_BARE_VIEW=1)."""
    return HttpResponse("ok", content_type="text/plain")


# How long to wait, as the callers of rate_limited() say it (search.views: "a minute"):
# marked here for translation, translated in the page's language when it is shown.
WAITS = (gettext_noop("an hour"), gettext_noop("a minute"))


def rate_limited(request, exception=None, *, wait=WAITS[0], retry_after=3600):
    """A kind page for a patient who sent too much too fast (HTTP 429), saying how long
    to wait as the limit that was reached counts it (in English, as in WAITS, or already
    translated)."""
    response = render(request, "429.html", {"wait": gettext(str(wait))}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def csrf_failure(request, reason=""):
    """A form sent without its cookie or token (open too long, cookies blocked): a page
    that says nothing was saved and what to do, not Django's bare one (CSRF_FAILURE_VIEW)."""
    response = render(request, "403_csrf.html", status=403)
    add_never_cache_headers(response)
    return response


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without a request context: no database, no session, no user.
    template = loader.get_template("500.html")
    return HttpResponse(template.render({"site_name": settings.SITE_NAME}), status=500)


@require_GET
def brand_stylesheet(request):
    """/brand.css: the clinic's colours as CSS custom properties, from our own origin.

    Pages link it with ?v=<the brand's version>: that address never changes its content,
    so browsers may keep it for a year; without the right version, for a minute.
    """
    from core.brand import brand_css, current_brand

    brand = current_brand()
    response = HttpResponse(brand_css(brand), content_type="text/css; charset=utf-8")
    fresh = request.GET.get("v") == brand["version"]
    response["Cache-Control"] = (
        "public, max-age=31536000, immutable" if fresh else "public, max-age=60"
    )
    return response

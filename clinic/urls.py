"""Root URLconf. Apps are included by dotted path, so this module imports none of them."""

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.decorators.cache import cache_control
from django.views.static import serve

from clinic import views
from clinic.sitemaps import sitemaps

handler404 = "clinic.views.page_not_found"
handler500 = "clinic.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("privacy/", views.privacy, name="privacy"),
    path(
        "sitemap.xml",
        cache_control(max_age=3600)(sitemap),
        {"sitemaps": sitemaps},
        name="sitemap",
    ),
    path(settings.ADMIN_URL, admin.site.urls),
    path("", include("clinic.public_urls")),
    path("", include("exercises.urls")),
    path("", include("education.urls")),
]

# The benchmark's yardstick: a short text through the whole middleware stack.
if settings.BENCH_BARE_VIEW:
    urlpatterns += [path("bench/bare", views.bench_bare)]

# Uploaded images. A large site puts a web server or object storage in front;
# serving them here keeps the one-command install complete.
urlpatterns += [
    path(
        f"{settings.MEDIA_URL.strip('/')}/<path:path>",
        cache_control(max_age=86400, public=True)(serve),
        {"document_root": settings.MEDIA_ROOT},
    )
]

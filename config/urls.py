"""The root URLconf: every app's pages, the site-wide ones, the admin and uploaded images."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_control
from django.views.generic import RedirectView
from django.views.static import serve
from two_factor.urls import urlpatterns as two_factor_urls

from config.sitemaps import sitemaps
from core import views as core_views
from core.page_cache import cache_for_visitors
from portal import invitations, views
from portal.admin_site import ClinicQRGeneratorView, ClinicSetupCompleteView, ClinicSetupView
from portal.invitations import enrol_only_when_invited

handler400 = "core.views.bad_request"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"

MOVED_ADMIN_PAGES = [
    ("education/question", "questions/question"),
    ("education/searchsynonym", "search/searchsynonym"),
    ("clinic/outboundemail", "core/outboundemail"),
]

# django-two-factor-auth's pages without "disable" (the second factor is required for
# staff), and whose set-up only a staff member who came through their invitation reaches.
staff_sign_in_urls = (
    [
        pattern
        for pattern in two_factor_urls[0]
        if pattern.name not in ("disable", "setup", "qr", "setup_complete")
    ]
    + [
        path(
            "account/two_factor/setup/",
            enrol_only_when_invited(ClinicSetupView.as_view()),
            name="setup",
        ),
        path("account/two_factor/qrcode/", ClinicQRGeneratorView.as_view(), name="qr"),
        path(
            "account/two_factor/setup/complete/",
            ClinicSetupCompleteView.as_view(),
            name="setup_complete",
        ),
    ],
    two_factor_urls[1],
)

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("brand.css", core_views.brand_stylesheet, name="brand_css"),
    path("robots.txt", cache_for_visitors(views.robots_txt), name="robots_txt"),
    path(
        "sitemap.xml",
        cache_for_visitors(cache_control(max_age=3600)(sitemap)),
        {"sitemaps": sitemaps},
        name="sitemap",
    ),
    # Staff bookmarks from before these models had their own apps.
    *[
        re_path(
            rf"^{settings.ADMIN_URL}{old}/(?P<rest>.*)$",
            admin.site.admin_view(
                RedirectView.as_view(url=f"/{settings.ADMIN_URL}{new}/%(rest)s", query_string=True)
            ),
        )
        for old, new in MOVED_ADMIN_PAGES
    ],
    # Staff sign-in with a second factor, its setup and recovery codes, beside the admin.
    path(f"{settings.ADMIN_URL}welcome/<str:key>/", invitations.welcome, name="staff_welcome"),
    path(settings.ADMIN_URL, include(staff_sign_in_urls)),
    path(settings.ADMIN_URL, admin.site.urls),
]

# The patients' pages: in English at the addresses they always had, in Spanish under /es/.
urlpatterns += i18n_patterns(
    path("", cache_for_visitors(views.HomeView.as_view()), name="home"),
    path("privacy/", cache_for_visitors(views.privacy), name="privacy"),
    path("", include("clinic.urls")),
    path("", include("exercises.urls")),
    path("", include("education.urls")),
    path("", include("questions.urls")),
    path("", include("programs.urls")),
    path("", include("search.urls")),
    prefix_default_language=False,
)

# The benchmark's yardstick: a short text through the whole middleware stack.
if settings.BENCH_BARE_VIEW:
    urlpatterns += [path("bench/bare", core_views.bench_bare)]

# Uploaded images, when they are files on this server (not in a bucket). A large site
# puts a web server in front; serving them here keeps the one-command install complete.
if not settings.AWS_STORAGE_BUCKET_NAME:
    urlpatterns += [
        path(
            f"{settings.MEDIA_URL.strip('/')}/<path:path>",
            cache_control(max_age=86400, public=True)(serve),
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

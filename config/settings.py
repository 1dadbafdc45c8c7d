"""Settings for the clinic portal, read from the environment.

Every variable is listed in the README's configuration table. With nothing set,
these are the safe production settings; `make run` sets DEBUG for itself.
"""

import os
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# An env file (deploy/clinic.env.example shows one) when ENV_FILE names it; a variable
# set in the process's own environment wins over the file.
if os.environ.get("ENV_FILE"):
    if not Path(os.environ["ENV_FILE"]).is_file():
        raise ImproperlyConfigured(f"ENV_FILE names {os.environ['ENV_FILE']}, which is not a file.")
    environ.Env.read_env(os.environ["ENV_FILE"], overwrite=False)

# --- Core -------------------------------------------------------------------
DEBUG = env.bool("DEBUG", default=False)

# A development key only when DEBUG is on; production refuses to start without one.
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=1 for local development).")
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

SITE_NAME = env.str("SITE_NAME", default="Riverbend Physical Therapy")
# The public address, for links in emails (which have no request to build them from).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# The phone number printed on exercise handouts (555-01xx numbers are reserved for fiction).
CLINIC_PHONE = env.str("CLINIC_PHONE", default="(312) 555-0134")
# The emergency number every page, printout and email names (112 in Europe, 000 in Australia).
EMERGENCY_NUMBER = env.str("EMERGENCY_NUMBER", default="911").strip()
if not EMERGENCY_NUMBER.isdigit() or not 2 <= len(EMERGENCY_NUMBER) <= 6:
    raise ImproperlyConfigured("EMERGENCY_NUMBER must be the digits of a phone number, e.g. 911.")
# The admin lives at a URL set here, not at the guessable /admin/ only.
ADMIN_URL = env.str("ADMIN_URL", default="admin/").strip("/") + "/"

# Our apps, lowest first: each may use the ones above it in this list (README, "Architecture").
INSTALLED_APPS = [
    "core",
    "clinic",
    "search",
    "exercises",
    "education",
    "questions",
    "programs",
    "portal",
    "config",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # The clinic's brand (core.SiteBrand): one row, edited in the admin.
    "solo",
    # A request id on every log line and in X-Request-ID (or the proxy's, when it sends one).
    "django_guid",
    # Full-text search on PostgreSQL; harmless on SQLite.
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "django_ratelimit",
    "axes",
    # A second factor for staff: TOTP (an authenticator app) and single-use recovery codes.
    "django_otp",
    "django_otp.plugins.otp_static",
    "django_otp.plugins.otp_totp",
    "two_factor",
    # Versions of articles, exercises, answers and clinics, with who saved them.
    "simple_history",
]

MIDDLEWARE = [
    # Outermost: every log line of the request carries its id, cached pages included.
    "django_guid.middleware.guid_middleware",
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.RejectNullBytesMiddleware",
    "core.middleware.ClientAddressMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous content pages from the cache; inside it everything that builds a page.
    # The language before the cache: the cache and the URLconf read it.
    "core.middleware.LanguageFromAddressMiddleware",
    "core.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "core.middleware.StaffIdleTimeoutMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so it is the first to see a view's exception: a database error becomes a 503.
    "core.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "clinic.context_processors.site",
                "core.brand.brand",
                "portal.context_processors.staff",
                "core.links.links",
            ],
            # The safety wording (core.safety) in every template and email, without a load.
            "builtins": ["core.templatetags.safety"],
        },
    },
]

# --- Database: PostgreSQL (or a SQLite file) through DATABASE_URL ---------------
# Only DEBUG falls back to db.sqlite3 here: in production a forgotten variable (a cron
# job without the environment) must stop with a message, never start an empty database.
if not DEBUG and "DATABASE_URL" not in os.environ:
    raise ImproperlyConfigured(
        "Set DATABASE_URL, e.g. postgres://clinic@db/clinic (or sqlite:////srv/clinic/db.sqlite3 "
        "on a single server): without DEBUG the site never falls back to a SQLite file."
    )
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# Connections stay open between requests; health checks drop dead ones.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=600)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # WAL lets readers and one writer work at once; IMMEDIATE avoids
            # "database is locked" when two processes write.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
    # Tests get Django's default for SQLite, a database in memory; a test that needs two
    # processes on one database makes a file of its own (tests/core/test_outbox.py).
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions and rate limits ---------------------------------------
# With REDIS_URL, every app process shares the cache, the sessions and the rate
# limits. Without it the site runs as ONE process (make run, or gunicorn with a
# single worker and threads): the local-memory cache is then the whole truth.
REDIS_URL = env.str("REDIS_URL", default="")


def redis_caches(url):
    """The shared caches on the Redis at `url`.

    django-redis rather than Django's own Redis backend: it keeps one client per
    process, where Django's builds a new one (170 response callbacks) for every call,
    a fifth of the cost of a page served from the cache; django-ratelimit needs it too
    (its INCR is atomic). A Redis that is down or frozen costs one request at most a
    second, then the circuit breaker (core/cache.py) leaves it alone for a while and the
    outage is logged once, never an error page: pages are then built from the database,
    sessions read from it (cached_db), and rate limits let the submission through
    (RATELIMIT_FAIL_OPEN) rather than lose a patient's question.
    """
    options = {
        "CLIENT_CLASS": "core.cache.CircuitBreakerClient",
        "IGNORE_EXCEPTIONS": True,
        "SOCKET_CONNECT_TIMEOUT": 1,
        "SOCKET_TIMEOUT": 1,
    }
    return {
        name: {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
            "OPTIONS": options,
        }
        for name, prefix in (("default", "clinic"), ("ratelimit", "clinic-rl"))
    }


# The breaker logs an outage once; django-redis would log a traceback per call.
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False
RATELIMIT_FAIL_OPEN = True
if REDIS_URL:
    CACHES = redis_caches(REDIS_URL)
    # In the database too, so that staff stay signed in while Redis is away.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    SILENCED_SYSTEM_CHECKS = []
else:
    CACHES = {
        # Room for every page of a clinic's site and the page cache's tags (Django's
        # default of 300 entries would evict pages as fast as they are stored).
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "ratelimit",
        },
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
    # Single-process mode, documented in the README: the local cache is shared
    # by every request of the one process, so the limits hold. These checks are
    # silenced only here, never when REDIS_URL is set.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# Whole pages for anonymous visitors (core/page_cache.py); 0 turns the page cache off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=60 * 60)
# /bench/bare, the yardstick of `make bench`; never set in production.
BENCH_BARE_VIEW = env.bool("BENCH_BARE_VIEW", default=False)

RATELIMIT_USE_CACHE = "ratelimit"
RATELIMIT_ENABLE = env.bool("RATELIMIT_ENABLE", default=True)
RATELIMIT_VIEW = "core.views.rate_limited"
# The client address comes from ClientAddressMiddleware (trusted proxies only).
RATELIMIT_IP_META_KEY = "CLIENT_ADDRESS"
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])

# --- Passwords, login lockout, staff sessions -------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5  # hours
# Lock the (username, address) pair, so nobody can lock a PT out from elsewhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "core.middleware.client_address"
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
# Staff sessions end after a working day, or after STAFF_IDLE_MINUTES without a request.
SESSION_COOKIE_AGE = 60 * 60 * 9
STAFF_IDLE_MINUTES = env.int("STAFF_IDLE_MINUTES", default=30)

# Staff sign in with a password and a code from an authenticator app (django-two-factor-auth
# over django-otp), set up at the first sign-in; each staff member can print single-use
# recovery codes. STAFF_TWO_FACTOR=0 turns the requirement off (a local demo only).
STAFF_TWO_FACTOR = env.bool("STAFF_TWO_FACTOR", default=True)
# A new staff member sets their password and authenticator through an invitation link
# (portal.invitations) that works once, for this many days.
STAFF_INVITATION_DAYS = env.int("STAFF_INVITATION_DAYS", default=7)
# Whom staff call when locked out or without an invitation, e.g. "Sam Lee, (312) 555-0100".
STAFF_HELP = env.str("STAFF_HELP", default="")
LOGIN_URL = "two_factor:login"
LOGIN_REDIRECT_URL = "admin:index"
TWO_FACTOR_REMEMBER_COOKIE_AGE = None  # no "trust this browser": every sign-in asks
OTP_TOTP_ISSUER = SITE_NAME
OTP_TOTP_THROTTLE_FACTOR = 1  # each wrong code doubles the wait before the next try

# --- Internationalisation --------------------------------------------------
# English at the addresses the site always had, Spanish under /es/ (config/urls.py). The
# address alone says the language (core.middleware.LanguageFromAddressMiddleware): never a
# cookie or the browser's Accept-Language, so a cached page and a shared link are the
# same for everyone. The interface's Spanish is in locale/es/ (make messages).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", gettext_lazy("English")), ("es", gettext_lazy("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="America/Chicago")
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ---------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Bootstrap from the npm registry, compiled by the set-up step (never a CDN):
    # build/vendor/bootstrap/css/bootstrap.min.css (assets/scss/bootstrap.scss).
    BASE_DIR / "build",
]
# Uploaded images: files under MEDIA_ROOT on one server; with AWS_STORAGE_BUCKET_NAME, an
# S3-compatible bucket that every app server shares (django-storages), public-read
# objects at stable addresses.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default="") or None
AWS_S3_CUSTOM_DOMAIN = env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None
AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default="") or None
if AWS_STORAGE_BUCKET_NAME:
    MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": AWS_S3_ENDPOINT_URL,
            "custom_domain": AWS_S3_CUSTOM_DOMAIN,
            "region_name": AWS_S3_REGION_NAME,
            # django-storages reads AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY itself.
            "querystring_auth": False,
            "file_overwrite": False,
            # Images are public: a bucket policy that lets anyone read, or this ACL where
            # the provider still allows ACLs (AWS_DEFAULT_ACL=public-read).
            "default_acl": env.str("AWS_DEFAULT_ACL", default="") or None,
            "object_parameters": {"CacheControl": "public, max-age=86400"},
        },
    }
    # The origin images are served from, for the CSP and for absolute image addresses.
    if AWS_S3_CUSTOM_DOMAIN:
        MEDIA_ORIGIN = f"https://{AWS_S3_CUSTOM_DOMAIN}"
    elif AWS_S3_ENDPOINT_URL:
        MEDIA_ORIGIN = AWS_S3_ENDPOINT_URL.rstrip("/")
    else:
        MEDIA_ORIGIN = f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    MEDIA_ORIGIN = ""
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": "core.storage.StaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Uploaded images: at most this many bytes and pixels (see core/images.py).
IMAGE_MAX_BYTES = env.int("IMAGE_MAX_BYTES", default=8 * 1024 * 1024)
IMAGE_MAX_PIXELS = env.int("IMAGE_MAX_PIXELS", default=25_000_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
WHITENOISE_KEEP_ONLY_HASHED_FILES = True

# --- Email -----------------------------------------------------------------
# Console by default; set EMAIL_URL (smtp://user:pass@host:587/?tls=True) for real mail.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default=f"{SITE_NAME} <no-reply@example.com>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
FRONT_DESK_EMAIL = env.str("FRONT_DESK_EMAIL", default="frontdesk@example.com")
# Where a patient's reply to any email goes (set it empty if nobody reads replies: the
# emails then point to the privacy page instead of saying "reply to this email").
REPLY_TO_EMAIL = env.str("REPLY_TO_EMAIL", default=FRONT_DESK_EMAIL)
# New questions: "each" emails the PTs of the body region (or all PTs) at once, "daily"
# leaves it to `send_question_digest` (run it once a day), "off" tells nobody.
QUESTION_NOTIFICATIONS = env.str("QUESTION_NOTIFICATIONS", default="each")
# Home exercise programs: email the program's PT when one newly needs attention (no
# health details in the email, only a link to the admin).
PROGRAM_FLAG_EMAILS = env.bool("PROGRAM_FLAG_EMAILS", default=True)
# The country whose phone numbers the privacy check and the booking limits expect.
PHONE_REGION = env.str("PHONE_REGION", default="US")
EMAIL_TIMEOUT = 10
# An email claimed by a sender that died is sent again after this long (well above EMAIL_TIMEOUT).
OUTBOX_CLAIM_SECONDS = env.int("OUTBOX_CLAIM_SECONDS", default=120)

# --- Privacy ---------------------------------------------------------------
# Days after a question is closed before the asker's name and email are erased.
PERSONAL_DATA_RETENTION_DAYS = env.int("PERSONAL_DATA_RETENTION_DAYS", default=180)

# --- Security headers ------------------------------------------------------
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 0 if DEBUG else 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"

# Privacy-enhanced video hosts, the only frames a page may load.
VIDEO_FRAME_HOSTS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "frame-src": VIDEO_FRAME_HOSTS,
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

# --- Forms -----------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Logging: everything to the console, where the process manager collects it.
# The pages behind a private link: their key is kept out of every log line.
# A staff invitation (portal.invitations) is one too.
PRIVATE_LINK_PREFIXES = ["/answers/", "/my-program/", "/reminders/", f"/{ADMIN_URL}welcome/"]
DJANGO_GUID = {"GUID_HEADER_NAME": "X-Request-ID", "VALIDATE_GUID": True, "EXPOSE_HEADER": False}
# LOG_FORMAT=json: one JSON object a line (time, level, logger, message, request_id) for a
# log collector; the default is the plain message.
LOG_FORMAT = env.str("LOG_FORMAT", default="text")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured("LOG_FORMAT must be text or json.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(correlation_id)s",
            "rename_fields": {
                "asctime": "time",
                "levelname": "level",
                "name": "logger",
                "correlation_id": "request_id",
            },
        },
    },
    "filters": {
        "request_id": {"()": "django_guid.log_filters.CorrelationId"},
        "private_links": {"()": "core.log_filters.RedactPrivateLinks"},
        "one_line_4xx": {"()": "core.log_filters.NoClientErrorTracebacks"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id", "private_links"],
            "formatter": LOG_FORMAT,
        },
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "django_guid": {"level": "WARNING"},  # not a line per request
        # Django's own loggers (runserver's request lines, "Not Found: /path") through
        # the same filter, instead of Django's default handlers, which would print them
        # unfiltered.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # A 403 or 404 is one line, not a traceback that buries the outages.
        "django.request": {"filters": ["one_line_4xx"]},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

"""Request-wide middleware: the client address, security headers, staff idle time-out,
and the 503 page for a database that is down."""

import ipaddress
import logging
import time

from django import forms
from django.conf import settings
from django.contrib.auth import logout
from django.core.exceptions import TooManyFieldsSent
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.cache import add_never_cache_headers

from core.private_links import private_prefix
from core.views import bad_request

logger = logging.getLogger(__name__)


class LanguageFromAddressMiddleware:
    """The page's language from its address: /es/… is Spanish, every other address English.

    Not Django's LocaleMiddleware, which falls back on a cookie and the browser's
    Accept-Language: here the English addresses stay English for everyone (the public
    URLs are a contract), a shared link shows what its sender saw, and a cached page is
    the same for every visitor, with no `Vary: Accept-Language`. The language switcher
    on every page is how a visitor changes language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = translation.get_language_from_path(request.path_info)
        language = language or settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # Only for this request: what the thread runs next (a test, a job) starts in English.
        with translation.override(language, deactivate=True):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


def _is_trusted_proxy(address):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    for entry in settings.TRUSTED_PROXIES:
        try:
            if ip in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def client_address(request):
    """The address of the client, trusting X-Forwarded-For only from our own proxies.

    Walks the forwarded chain from the right and stops at the first address that
    is not a trusted proxy, so a client cannot choose its address by sending the
    header itself. Used by the rate limits and the admin lockout alike.
    """
    cached = request.META.get("CLIENT_ADDRESS")
    if cached:
        return cached
    address = request.META.get("REMOTE_ADDR", "") or "0.0.0.0"  # noqa: S104 - unknown client
    if _is_trusted_proxy(address):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        for hop in reversed(hops):
            try:
                ipaddress.ip_address(hop)
            except ValueError:
                break
            address = hop
            if not _is_trusted_proxy(hop):
                break
    return address


class ClientAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META["CLIENT_ADDRESS"] = client_address(request)
        return self.get_response(request)


# Everything off, except what a video the patient started needs.
_VIDEO_ALLOW = "(self " + " ".join(f'"{host}"' for host in settings.VIDEO_FRAME_HOSTS) + ")"
PERMISSIONS_POLICY = ", ".join(
    [
        f"{feature}=()"
        for feature in (
            "accelerometer",
            "camera",
            "display-capture",
            "geolocation",
            "gyroscope",
            "magnetometer",
            "microphone",
            "midi",
            "payment",
            "publickey-credentials-get",
            "screen-wake-lock",
            "usb",
            "xr-spatial-tracking",
        )
    ]
    + [
        f"{feature}={_VIDEO_ALLOW}"
        for feature in ("autoplay", "encrypted-media", "fullscreen", "picture-in-picture")
    ]
)


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if private_prefix(request.path):
            # Every page at a private address (a 404, the 503 and CSRF pages too), unless
            # its view chose a stricter one: the address is never sent on as a Referer
            # (a proxy would log it; it is the whole secret), and never indexed.
            response.headers.setdefault("Referrer-Policy", "strict-origin")
            response.headers.setdefault("X-Robots-Tag", "noindex, nofollow")
        return response


class RejectNullBytesMiddleware:
    """A NUL character in a query string is never a person's input, and PostgreSQL refuses
    it in any text it compares: the visitor gets the 400 page, not a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            fields = request.GET.lists()
        except TooManyFieldsSent:  # over DATA_UPLOAD_MAX_NUMBER_FIELDS: never a person's
            return bad_request(request)
        if any("\x00" in key + "".join(values) for key, values in fields):
            return bad_request(request)
        return self.get_response(request)


class StaffIdleTimeoutMiddleware:
    """Signs a signed-in user out after STAFF_IDLE_MINUTES without a request.

    The session's own age (SESSION_COOKIE_AGE, a working day) still caps the whole
    session; this ends one left open on a shared front-desk computer. The time of the
    last request is written to the session at most once a minute.
    """

    KEY = "_last_request_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(self.KEY)
            if last is not None and now - last > settings.STAFF_IDLE_MINUTES * 60:
                logout(request)
            elif last is None or now - last >= 60:
                request.session[self.KEY] = now
        return self.get_response(request)


# Posted fields a person did not type: sent again as they came, never shown.
_NOT_TYPED = {"csrfmiddlewaretoken", "started", "website"}


class DatabaseUnavailableMiddleware:
    """A view that meets a database that is down or restarting answers 503, not 500.

    Nothing was saved, so the page says so. The POST of a view that sets
    `keep_form_when_database_is_down` (the patients' forms) comes back on the page, every
    field as sent, with one button to send it again (the form's own token makes a second
    arrival of the same form the same question or booking, never one more). The page
    needs no database: it is rendered like the 500 page, from the template alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        # One line, no traceback and nothing the patient typed.
        logger.warning(
            "Database unavailable during %s %s: %s",
            request.method,
            request.path,
            type(exception).__name__,
        )
        view_class = getattr(getattr(request.resolver_match, "func", None), "view_class", None)
        # Only a form that asks for it is sent back on the page (never a password, say).
        keeps_form = getattr(view_class, "keep_form_when_database_is_down", False)
        fields = list(request.POST.lists()) if request.method == "POST" and keeps_form else []
        labels = _typed_field_labels(view_class)
        context = {
            "site_name": settings.SITE_NAME,
            "action": request.path,
            "fields": fields,
            "typed": [
                (labels[name], value)
                for name, values in fields
                if name in labels
                for value in values
                if value.strip()
            ],
        }
        response = HttpResponse(loader.render_to_string("503.html", context), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        return response


RETRY_AFTER_SECONDS = 10


def _typed_field_labels(view_class):
    """{field name: label} of the text fields a person typed in the view's form, to show
    them back; the hidden, honeypot and choice fields are sent again without being shown."""
    form_class = getattr(view_class, "form_class", None)
    if form_class is None:
        return {}
    return {
        name: field.label or name.capitalize()
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.CharField)
        and not field.widget.is_hidden
        and name not in _NOT_TYPED
    }

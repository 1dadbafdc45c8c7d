"""The security headers and cookie rules on EVERY URL pattern, as an anonymous visitor meets them.

The URL patterns are read from the resolver, so a page added later is checked without
anyone remembering to list it here. Path converters are filled with the slugs of the
demo content, so the detail pages answer 200 and not just 404.
"""

import io
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

# Pages that hold a form or show what a form sent: never cached, and allowed a CSRF cookie.
FORM_PAGES = {"/ask/", "/ask/thanks/", "/book/", "/book/thanks/"}
# Content pages where a cookie would be a tracker in all but name. Admin pages are for staff.
NOT_CONTENT = FORM_PAGES | {"/healthz"}

HSTS = "max-age=31536000; includeSubDomains; preload"
UNSAFE_SOURCES = {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "data:", "blob:"}
UNSAFE_SCHEMES = {"http:", "https:", "ws:", "wss:", "filesystem:"}


def unsafe_sources(header):
    """Every source in a CSP header that would let in more than named origins."""
    found = []
    for directive in header.split(";"):
        name, *sources = directive.split() or [""]
        for source in sources:
            lowered = source.lower()
            if (
                lowered in UNSAFE_SOURCES
                or lowered in UNSAFE_SCHEMES
                or lowered.startswith("http://")
                or "*" in lowered
            ):
                found.append(f"{name} {source}")
    return found


def parse_csp(header):
    return {words[0]: words[1:] for part in header.split(";") if (words := part.split())}


# --- Walking the URL patterns ---------------------------------------------------

_ROUTE_PARAM = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>[^()]*(?:\([^()]*\)[^()]*)*)\)")


def walk(patterns, prefix="", names=()):
    """(route with placeholders, pattern name) for every URL pattern, recursively."""
    for entry in patterns:
        route = str(entry.pattern)
        if route.startswith("^"):
            route = route[1:]
        route = route.removesuffix("$").removesuffix("\\Z")
        if isinstance(entry, URLResolver):
            namespace = (*names, entry.namespace) if entry.namespace else names
            yield from walk(entry.url_patterns, prefix + route, namespace)
        elif isinstance(entry, URLPattern):
            name = ":".join([*names, entry.name]) if entry.name else None
            yield prefix + route, name


def fill(route, name, slugs):
    """A real path for a route: slugs from the demo, harmless values elsewhere."""

    def value(param):
        if param in ("slug",):
            return slugs.get(name, "no-such-slug")
        return {
            "object_id": "1",
            "content_type_id": "1",
            "path": "no-such-file.jpg",
            "url": "no-such-admin-page/",
        }.get(param, "1")

    def regex_value(match):
        if match["name"] == "app_label":
            return match["body"].split("|")[0]
        return value(match["name"])

    # Regular-expression groups first: "(?P<name>...)" also looks like a "<name>" converter.
    route = _REGEX_GROUP.sub(regex_value, route)
    route = _ROUTE_PARAM.sub(lambda m: value(m["name"]), route)
    return "/" + route.replace("\\", "")


def demo_slugs():
    from clinic.models import Clinic
    from education.models import Article
    from exercises.models import Exercise
    from questions.models import Question

    return {
        "education:article_detail": Article.objects.published().first().slug,
        "questions:detail": Question.objects.published().first().slug,
        "exercises:detail": Exercise.objects.published().first().slug,
        "exercises:print": Exercise.objects.published().first().slug,
        "clinic:clinic_detail": Clinic.objects.active().first().slug,
        # The printouts of a page's exercises: a page that has some.
        "education:article_exercises_print": Article.objects.published()
        .exclude(exercises=None)
        .first()
        .slug,
        "questions:exercises_print": Question.objects.published()
        .exclude(related_exercises=None)
        .first()
        .slug,
    }


def all_routes():
    return sorted(set(walk(get_resolver().url_patterns)), key=lambda item: item[0])


@pytest.fixture
def responses(client, settings):
    """An anonymous GET over https to every URL pattern, with the demo content loaded."""
    settings.DEBUG = False
    call_command("seed_demo", stdout=io.StringIO())
    slugs = demo_slugs()
    seen = {}
    for route, name in all_routes():
        path = fill(route, name, slugs)
        if path in seen:
            continue
        seen[path] = client.get(path, secure=True)
        client.cookies.clear()
    return seen


def test_the_walk_reaches_every_public_page_and_the_admin():
    paths = {fill(route, name, {}) for route, name in all_routes()}
    for expected in (
        "/",
        "/articles/",
        "/articles/no-such-slug/",
        "/exercises/no-such-slug/print/",
        "/ask/",
        "/ask/thanks/",
        "/questions/",
        "/clinics/",
        "/book/",
        "/book/thanks/",
        "/sitemap.xml",
        "/feeds/articles/",
        "/robots.txt",
        "/healthz",
        "/privacy/",
        f"/{settings.ADMIN_URL}",
        f"/{settings.ADMIN_URL}login/",
        f"/{settings.ADMIN_URL}education/article/1/change/",
    ):
        assert expected in paths, expected


def test_every_url_pattern_answers_with_the_security_headers(responses):
    failures = []
    statuses = {}
    for path, response in responses.items():
        statuses[path] = response.status_code
        expected = {
            "Strict-Transport-Security": HSTS,
            "X-Content-Type-Options": "nosniff",
            # Private pages send none at all (a patient's answer), or only the site's
            # origin, never their address (a patient's program, whose forms need an Origin).
            "Referrer-Policy": (
                {"no-referrer", "strict-origin"}
                if path.startswith(tuple(settings.PRIVATE_LINK_PREFIXES))
                else {"same-origin"}
            ),
            "Cross-Origin-Opener-Policy": "same-origin",
        }
        for header, value in expected.items():
            allowed = value if isinstance(value, set) else {value}
            if response.get(header) not in allowed:
                failures.append(f"{path}: {header} is {response.get(header)!r}")
        policy = response.get("Permissions-Policy", "")
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
            if feature not in policy:
                failures.append(f"{path}: Permissions-Policy lacks {feature}")
        csp = response.get("Content-Security-Policy")
        if not csp:
            failures.append(f"{path}: no enforced Content-Security-Policy")
        elif unsafe_sources(csp) or parse_csp(csp).get("default-src") != ["'none'"]:
            failures.append(f"{path}: CSP {csp}")
        if "Content-Security-Policy-Report-Only" in response:
            failures.append(f"{path}: a report-only CSP besides the enforced one")
    assert failures == []
    assert not [path for path, status in statuses.items() if status >= 500]


def test_the_detail_pages_were_filled_with_real_demo_slugs(responses):
    for path in ("/articles/knock-knees/", "/exercises/hip-hike/", "/exercises/hip-hike/print/"):
        if path in responses:  # the walk took the first published slug, which may differ
            assert responses[path].status_code == 200
    details = [
        path
        for path, response in responses.items()
        if re.fullmatch(r"/(articles|exercises|questions|clinics)/[\w-]+/(print/)?", path)
    ]
    assert len(details) == 7, details
    assert {path: responses[path].status_code for path in details} == dict.fromkeys(details, 200)


def test_anonymous_content_pages_set_no_cookie_at_all(responses):
    admin = f"/{settings.ADMIN_URL}"
    offenders = {
        path: list(response.cookies)
        for path, response in responses.items()
        if path not in NOT_CONTENT and not path.startswith(admin) and response.cookies
    }
    assert offenders == {}


def test_form_and_thank_you_pages_are_never_stored(responses):
    for path in FORM_PAGES:
        cache_control = responses[path].get("Cache-Control", "")
        assert "no-store" in cache_control, (path, cache_control)
        assert responses[path].status_code == 200, path


def test_the_admin_answers_anonymous_visitors_with_a_login_page_only(responses):
    admin = f"/{settings.ADMIN_URL}"
    # The sign-in pages themselves: the admin's (which sends on to the two-factor one),
    # the two-factor sign-in, and sign-out.
    open_pages = {f"{admin}login/", f"{admin}logout/", f"{admin}account/login/"}
    for path, response in responses.items():
        # A staff invitation is opened before any sign-in: its link is the credential.
        invitation = path.startswith(f"{admin}welcome/")
        if path.startswith(admin) and path not in open_pages and not invitation:
            assert response.status_code in (302, 404, 405), (path, response.status_code)
            if response.status_code == 302:
                location = response["Location"]
                assert location.startswith((f"{admin}login/", f"{admin}account/login/")), path


@pytest.mark.parametrize(
    "header",
    [
        "default-src 'none'; script-src 'self' 'unsafe-inline'",
        "default-src 'none'; script-src 'self' 'unsafe-eval'",
        "default-src 'none'; img-src 'self' data:",
        "default-src *",
        "default-src 'none'; img-src http:",
        "default-src 'none'; frame-src https:",
        "default-src 'none'; script-src https://*.example.com",
        "default-src 'none'; script-src http://cdn.example.com",
        "default-src 'none'; worker-src blob:",
    ],
)
def test_the_csp_parser_catches_every_unsafe_source(header):
    assert unsafe_sources(header) != []


def test_our_csp_has_no_unsafe_source(client):
    header = client.get("/")["Content-Security-Policy"]
    assert unsafe_sources(header) == []
    csp = parse_csp(header)
    assert csp["default-src"] == ["'none'"]
    assert csp["frame-src"] == settings.VIDEO_FRAME_HOSTS
    for directive in ("frame-ancestors", "base-uri", "object-src"):
        assert csp[directive] == ["'none'"]

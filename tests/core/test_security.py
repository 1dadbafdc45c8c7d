"""Headers, the real client address and the cookie rules, as a browser sees them."""

import pytest
from django.test import RequestFactory, override_settings

from core.middleware import client_address

pytestmark = pytest.mark.django_db


def parse_csp(header):
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def test_every_response_carries_the_security_headers(client):
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


def test_content_security_policy_allows_only_our_origin_and_the_private_video_hosts(client):
    csp = parse_csp(client.get("/")["Content-Security-Policy"])
    assert csp["default-src"] == ["'none'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["img-src"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["frame-src"] == ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
    for directive in ("frame-ancestors", "base-uri", "object-src"):
        assert csp[directive] == ["'none'"]
    sources = [source for values in csp.values() for source in values]
    assert not [s for s in sources if "unsafe" in s or s in {"*", "data:", "http:", "https:"}]


def test_an_unknown_host_gets_400(client):
    assert client.get("/", HTTP_HOST="evil.example.com").status_code == 400


def test_anonymous_content_pages_set_no_cookie(client):
    for url in ("/", "/privacy/", "/no-such-page/"):
        response = client.get(url)
        assert not response.cookies, (url, response.cookies)


def test_plain_http_is_redirected_to_https_in_production(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/privacy/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/privacy/"


def test_a_client_cannot_choose_its_own_address_with_x_forwarded_for():
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_address(request) == "203.0.113.9"


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
def test_the_forwarded_address_is_used_only_behind_a_trusted_proxy():
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7"
    )
    # 198.51.100.7 is the last hop our proxy saw; 1.2.3.4 was written by the client.
    assert client_address(request) == "198.51.100.7"
    garbage = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="not-an-ip")
    assert client_address(garbage) == "10.0.0.5"


def test_the_middleware_puts_the_client_address_where_the_rate_limits_read_it(client, settings):
    from django.http import HttpResponse

    from core.middleware import ClientAddressMiddleware

    seen = {}

    def view(request):
        seen["address"] = request.META[settings.RATELIMIT_IP_META_KEY]
        return HttpResponse()

    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="1.1.1.1")
    ClientAddressMiddleware(view)(request)
    assert seen["address"] == "192.0.2.1"


@pytest.mark.parametrize(
    "url",
    [
        "/ask/?region=%00",
        "/book/?region=%00",
        "/book/?clinic=%00",
        "/book/?from=%00",
        "/exercises/?region=%00",
        "/articles/?region=a%00b",
        "/search/?q=knee%00",
        "/?%00=1",
    ],
)
def test_a_nul_in_the_query_string_gets_the_400_page_not_a_server_error(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "We could not read that request" in response.content.decode()


def test_more_query_fields_than_django_reads_get_the_400_page_even_with_debug_on(client, settings):
    settings.DEBUG = True  # as `make run` serves: the debug page must not be the answer
    response = client.get("/exercises/?" + "&".join(["d"] * 1001))
    assert response.status_code == 400
    assert "We could not read that request" in response.content.decode()

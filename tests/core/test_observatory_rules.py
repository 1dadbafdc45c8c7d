"""The HTTP Observatory's rules, applied to the home page in the test client.

`make observatory` runs Mozilla's real scanner over TLS (A+, 130/100 when last run);
this keeps CI on the same rules without the network tool. Each rule gives the
scanner's modifier; A+ needs 100 or more with no failed test.
"""

import re

import pytest

from tests.core.test_headers_everywhere import parse_csp, unsafe_sources

pytestmark = pytest.mark.django_db


def observatory_score(response):
    """(score, failures) by the Observatory's scoring for the tests a single response decides."""
    modifiers, failures = {}, []
    csp = parse_csp(response.get("Content-Security-Policy", ""))
    if not csp:
        failures.append("content-security-policy: not implemented")
    elif unsafe_sources(response["Content-Security-Policy"]):
        failures.append("content-security-policy: unsafe source")
    elif csp.get("default-src") == ["'none'"]:
        modifiers["csp"] = 10
    if "frame-ancestors" not in csp and response.get("X-Frame-Options") not in (
        "DENY",
        "SAMEORIGIN",
    ):
        failures.append("x-frame-options: not implemented")
    elif csp.get("frame-ancestors") in (["'none'"], ["'self'"]):
        modifiers["x-frame-options"] = 5
    if response.get("Cross-Origin-Resource-Policy") in ("same-origin", "same-site"):
        modifiers["corp"] = 10
    if response.get("Referrer-Policy") in ("no-referrer", "same-origin", "strict-origin"):
        modifiers["referrer-policy"] = 5
    hsts = re.search(r"max-age=(\d+)", response.get("Strict-Transport-Security", ""))
    if not hsts or int(hsts[1]) < 15_768_000:  # six months
        failures.append("strict-transport-security: missing or shorter than six months")
    if response.get("X-Content-Type-Options") != "nosniff":
        failures.append("x-content-type-options: missing")
    for cookie in response.cookies.values():
        if not (cookie["secure"] and cookie["httponly"] and cookie["samesite"]):
            failures.append(f"cookies: {cookie.key} without Secure, HttpOnly and SameSite")
    if "Access-Control-Allow-Origin" in response:
        failures.append("cross-origin-resource-sharing: open")
    return 100 + sum(modifiers.values()) - 20 * len(failures), failures


def test_the_home_page_scores_a_plus_by_the_observatorys_rules(client):
    response = client.get("/", secure=True)
    score, failures = observatory_score(response)
    assert failures == []
    assert score >= 100  # A+
    assert score == 130  # what the real scanner gave


def test_the_rules_would_notice_a_weaker_site(client, settings):
    settings.SECURE_HSTS_SECONDS = 3600
    settings.SECURE_CONTENT_TYPE_NOSNIFF = False
    score, failures = observatory_score(client.get("/", secure=True))
    assert len(failures) == 2 and score < 100


def test_robots_txt_which_the_scanner_also_fetches_sets_no_cookie(client):
    assert not client.get("/robots.txt", secure=True).cookies

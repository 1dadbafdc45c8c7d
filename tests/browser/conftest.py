"""Browser tests: Playwright driving a real Chromium against pytest-django's live server.

Chromium comes from CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's
own download (`playwright install chromium`). With none of them the suite fails with
a message that says what to install; it never skips.
"""

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
QUIET_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Without this Debian's Chromium looks up Google's hosts at start.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]


def find_chromium():
    candidates = [os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium")]
    for candidate in candidates:
        if candidate and Path(candidate).exists():
            return candidate
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            own = playwright.chromium.executable_path
        if Path(own).exists():
            return None  # Playwright's own download is installed: use it.
    except Exception:  # noqa: S110 - reported just below
        pass
    pytest.fail(
        "No Chromium for the browser tests. Install one: `apt-get install chromium` "
        "(or set CHROMIUM_PATH to a Chromium binary), or `.venv/bin/playwright install "
        "chromium` on a machine with internet access.",
        pytrace=False,
    )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    executable = find_chromium()
    args = {**browser_type_launch_args, "args": QUIET_FLAGS}
    if executable:
        args["executable_path"] = executable
    return args


@pytest.fixture(autouse=True)
def _static_files_from_finders(settings):
    # The live server serves static files from the finders, which know no hashed names.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(params=["phone", "desktop"])
def viewport(request):
    return request.param, PHONE if request.param == "phone" else DESKTOP


# A flow that does not change with the width runs at the one its users have: patients'
# flows on a phone, staff's on a desktop. The axe walk, reflow and focus checks run at both.
phone_only = pytest.mark.parametrize("viewport", ["phone"], indirect=True)
desktop_only = pytest.mark.parametrize("viewport", ["desktop"], indirect=True)


@pytest.fixture
def site(live_server, page, viewport):
    """A page at phone or desktop width that records every request it makes."""
    page.set_viewport_size(viewport[1])
    page.requests_seen = []
    page.on("request", lambda request: page.requests_seen.append(request.url))
    page.set_default_timeout(10_000)
    page.base = live_server.url
    return page


def third_party_requests(page):
    own = urlsplit(page.base).netloc
    return [
        url
        for url in page.requests_seen
        if urlsplit(url).scheme in {"http", "https"} and urlsplit(url).netloc != own
    ]


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
_axe = Axe()


def axe_violations(page):
    """Run axe-core with the WCAG 2.0/2.1/2.2 A and AA rules; return the violations."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [
        f"{v['id']}: {v['help']} ({[n['target'] for n in v['nodes']][:3]})"
        for v in results.response["violations"]
    ]


def sign_in_with_two_factors(page, base, username, password, next_url="/admin/"):
    """Sign a staff member in as they do: the admin's sign-in sends them to the two-factor
    one; the password, then the code their authenticator app shows (an app set up for them
    here, with a generated code)."""
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.factories import make_totp_device, totp_code

    user = get_user_model().objects.get(username=username)
    device = TOTPDevice.objects.filter(user=user).first() or make_totp_device(user)
    page.goto(f"{base}/admin/login/?next={next_url}")
    page.fill("#id_auth-username", username)
    page.fill("#id_auth-password", password)
    page.get_by_role("button", name="Next").click()
    page.fill("#id_token-otp_token", totp_code(device))
    with page.expect_navigation():
        page.get_by_role("button", name="Next").click()
    page.wait_for_url(f"**{next_url}")


def walk_pages(page, paths, statuses=(200,)):
    """Open each path; {path: problems} for those with axe violations, requests to another
    origin, an unexpected status or our stylesheet not applied (blocked by the CSP)."""
    failures = {}
    for path in paths:
        page.requests_seen.clear()
        response = page.goto(page.base + path)
        page.wait_for_load_state("networkidle")
        problems = axe_violations(page) + third_party_requests(page)
        if response.status not in statuses:
            problems.append(f"status {response.status}")
        weight = page.evaluate("getComputedStyle(document.querySelector('.site-brand')).fontWeight")
        if weight != "700":
            problems.append("site.css not applied")
        if problems:
            failures[path] = problems
    return failures

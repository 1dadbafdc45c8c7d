"""Every public page type: zero axe violations and no request to another origin."""

import pytest

from tests.browser.conftest import axe_violations, third_party_requests

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/", "/privacy/", "/no-such-page/", "/search/", "/search/?q=knee"]


@pytest.mark.parametrize("path", PAGES)
def test_page_is_accessible_and_asks_nothing_of_another_origin(site, path):
    response = site.goto(site.base + path)
    assert response.status in (200, 404)
    site.wait_for_load_state("networkidle")
    assert axe_violations(site) == []
    assert third_party_requests(site) == []
    # The page's own stylesheet loaded (the CSP did not block it).
    assert (
        site.evaluate("getComputedStyle(document.querySelector('.site-brand')).fontWeight") == "700"
    )


def test_skip_link_is_the_first_stop_for_the_keyboard(site):
    site.goto(site.base + "/")
    site.keyboard.press("Tab")
    focused = site.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    assert site.evaluate("getComputedStyle(document.activeElement).position") == "absolute"
    site.keyboard.press("Enter")
    assert site.evaluate("document.activeElement.id") == "main"


def test_the_accessibility_check_does_catch_violations(site):
    # Guards the harness itself: an unlabelled input and an image without alt must be reported.
    site.goto(site.base + "/privacy/")
    site.set_content(
        '<html lang="en"><body><main><input type="text"><img src="/x.png"></main></body></html>'
    )
    found = " ".join(axe_violations(site))
    assert "label" in found
    assert "image-alt" in found

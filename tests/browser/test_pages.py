"""Every public page type: zero axe violations and no request to another origin."""

import pytest

from tests.browser.conftest import (
    axe_violations,
    desktop_only,
    phone_only,
    third_party_requests,
    walk_pages,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/", "/privacy/", "/no-such-page/", "/search/", "/search/?q=knee"]


def test_pages_are_accessible_and_ask_nothing_of_another_origin(site):
    assert walk_pages(site, PAGES, statuses=(200, 404)) == {}


def test_skip_link_is_the_first_stop_for_the_keyboard(site):
    site.goto(site.base + "/")
    site.keyboard.press("Tab")
    focused = site.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    assert site.evaluate("getComputedStyle(document.activeElement).position") == "absolute"
    site.keyboard.press("Enter")
    assert site.evaluate("document.activeElement.id") == "main"


@desktop_only
def test_the_accessibility_check_does_catch_violations(site):
    # Guards the harness itself: an unlabelled input and an image without alt must be reported.
    site.goto(site.base + "/privacy/")
    site.set_content(
        '<html lang="en"><body><main><input type="text"><img src="/x.png"></main></body></html>'
    )
    found = " ".join(axe_violations(site))
    assert "label" in found
    assert "image-alt" in found


@phone_only
def test_read_the_knock_knees_article_and_follow_a_related_exercise(site, settings):
    from django.core.management import call_command

    settings.DEBUG = False
    call_command("seed_demo")
    site.goto(site.base + "/articles/")
    site.get_by_role("link", name="Knock knees and pain around the kneecap").click()
    site.wait_for_url("**/articles/knock-knees/")
    assert site.locator("h2", has_text="Things to Know").is_visible()
    assert axe_violations(site) == []
    site.locator("#section-exercises_intro").scroll_into_view_if_needed()
    site.get_by_role("link", name="Hip hike").first.click()
    site.wait_for_url("**/exercises/hip-hike/")
    assert site.locator("h1").inner_text() == "Hip hike"
    assert site.get_by_role("link", name="Knock knees and pain around the kneecap").count() == 1
    assert third_party_requests(site) == []


@desktop_only
def test_on_a_wide_screen_the_booking_box_stays_beside_the_text_and_folds_print_whole(
    site, settings
):
    from django.core.management import call_command

    settings.DEBUG = False
    call_command("seed_demo")
    site.set_viewport_size({"width": 1366, "height": 900})
    site.goto(site.base + "/articles/runners-knee/")
    booking = site.locator(".side .cta")
    text = site.locator("article.article")
    assert booking.bounding_box()["x"] > text.bounding_box()["x"] + text.bounding_box()["width"]
    # Deep into the article, the booking box is still on the screen.
    site.locator("#section-treatment").scroll_into_view_if_needed()
    site.evaluate("window.scrollBy(0, 400)")
    box = booking.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 900
    site.get_by_role("link", name="Treatment and self-care").click()
    assert site.evaluate("location.hash") == "#section-treatment"
    # A folded section opens with the keyboard and prints whole.
    folded = site.locator("details.more").first
    assert not folded.locator("ul, p").first.is_visible()
    site.emulate_media(media="print")
    assert folded.locator("ul, p").first.is_visible()
    site.emulate_media(media="screen")
    folded.locator("summary").focus()
    site.keyboard.press("Enter")
    assert folded.locator("ul, p").first.is_visible()
    assert axe_violations(site) == []


@phone_only
def test_on_a_phone_the_side_of_hip_advice_shows_without_opening_anything(site, settings):
    from django.core.management import call_command

    settings.DEBUG = False
    call_command("seed_demo")
    site.goto(site.base + "/articles/hip-weakness/")
    caution = site.locator("article blockquote", has_text="Pain on the outside of the hip")
    assert caution.is_visible()
    assert caution.locator("xpath=ancestor::details").count() == 0
    for words in ("cross your legs", "lie on the sore side"):
        assert site.get_by_text(words, exact=False).first.is_visible(), words
    # The exercises to wait with say so on their cards, right below.
    card = site.locator(".exercise-card", has_text="Clamshell")
    assert card.locator(".card-caution").is_visible()

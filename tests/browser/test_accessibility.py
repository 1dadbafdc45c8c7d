"""Every public page type with the demo content: axe-core, keyboard, focus, 320 px and 200% zoom.

Each page type is checked at phone and desktop width with the WCAG 2.0/2.1/2.2 A and AA
rules (zero violations), for requests to another origin (none) and console errors
(none). The number of axe rules that ran is printed (`pytest -s`) for the closing note.

Search results join the page types by themselves once /search/ exists (search branch).
"""

import re

import pytest
from django.core.management import call_command

from core.colors import NON_TEXT_AA, contrast
from tests.browser.conftest import (
    AXE_TAGS,
    QUIET_FLAGS,
    _axe,
    desktop_only,
    third_party_requests,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGE_TYPES = {
    "home": "/",
    "article-list": "/articles/",
    "article-detail": "/articles/knock-knees/",
    "exercise-list": "/exercises/",
    "exercise-detail": "/exercises/hip-hike/",
    "exercise-print": "/exercises/hip-hike/print/",
    "ask-form-with-errors": "/ask/",
    "ask-thanks": "/ask/",
    "question-list": "/questions/",
    "question-detail": "{question}",
    "clinic-list": "/clinics/",
    "clinic-detail": "/clinics/riverside/",
    "booking-form-with-errors": "/book/?from=/articles/knock-knees/",
    "booking-thanks": "/book/thanks/?clinic=riverside",
    "search-results": "/search/?q=kneecap+pain",
    "not-found": "/no-such-page/",
}


@pytest.fixture
def demo(settings, monkeypatch):
    from questions.models import Question

    settings.DEBUG = False
    monkeypatch.setattr("core.antispam.MIN_SECONDS_TO_SUBMIT", 0)
    call_command("seed_demo", verbosity=0)
    return {"question": Question.objects.published().first().get_absolute_url()}


def watch(page):
    """Collect console errors, page errors and failed requests on `page`."""
    page.problems = []
    page.console_listener = lambda m: (
        m.type == "error"
        # The 404 page's own status, which Chromium logs; its other errors still count.
        and not (m.location.get("url", "").endswith("/no-such-page/") and "404" in m.text)
        and page.problems.append(m.text)
    )
    page.error_listener = lambda error: page.problems.append(str(error))
    page.response_listener = lambda r: (
        r.status >= 400
        and not r.url.endswith("/no-such-page/")
        and page.problems.append(f"{r.status} {r.url}")
    )
    page.on("console", page.console_listener)
    page.on("pageerror", page.error_listener)
    page.on("response", page.response_listener)
    return page


def open_page_type(page, base, name, demo):
    """Go to a page type, doing what a patient would to reach it (send a form, make an error)."""
    path = PAGE_TYPES[name].format(**demo)
    response = page.goto(base + path)
    if name == "ask-form-with-errors":
        with page.expect_navigation():
            page.get_by_role("button", name="Send my question").click()
        assert page.locator(".invalid-feedback, .alert-danger").count() > 0
    elif name == "ask-thanks":
        page.get_by_label("Your first name").fill("Pat")
        page.get_by_label("Your email").fill("pat@example.com")
        page.get_by_label("Your question").fill("My knee hurts on the stairs. What can I do?")
        page.locator("#id_not_an_emergency").check()
        with page.expect_navigation(url="**/ask/thanks/"):
            page.get_by_role("button", name="Send my question").click()
        assert page.locator(".reference-code").count() == 1
    elif name == "booking-form-with-errors":
        with page.expect_navigation():
            page.get_by_role("button", name="Send my request").click()
        assert page.get_by_text("Please give us a phone number or an email address").count()
    else:
        assert response.status == (404 if name == "not-found" else 200), path
    page.wait_for_load_state("networkidle")


def run_axe(page):
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}}).response
    rules = {
        rule["id"]
        for group in ("passes", "violations", "incomplete", "inapplicable")
        for rule in results[group]
    }
    violations = [
        f"{v['id']}: {v['help']} ({[n['target'] for n in v['nodes']][:3]})"
        for v in results["violations"]
    ]
    return violations, rules


def test_every_page_type_passes_axe_and_asks_nothing_of_another_origin(site, demo):
    # One walk over every page type per width, as a patient would click through: the demo
    # is loaded once (a test of its own per page type loaded it 32 times, minutes of CI).
    failures = {}
    for name in PAGE_TYPES:
        site.requests_seen.clear()
        watch(site)
        open_page_type(site, site.base, name, demo)
        violations, rules = run_axe(site)
        print(f"\naxe: {len(rules)} WCAG A/AA rules checked on {name}")
        problems = violations + site.problems + third_party_requests(site)
        if len(rules) < 50:  # the rule set really ran
            problems.append(f"only {len(rules)} axe rules ran")
        if problems:
            failures[name] = problems
        site.remove_listener("console", site.console_listener)
        site.remove_listener("pageerror", site.error_listener)
        site.remove_listener("response", site.response_listener)
    assert failures == {}


# --- Small screens and zoom ---------------------------------------------------------

SMALL_SCREENS = {
    # WCAG 1.4.10 Reflow: 320 CSS pixels wide.
    "320px": {"viewport": {"width": 320, "height": 800}, "device_scale_factor": 1},
    # A 1280 x 900 desktop at 200% zoom lays out as 640 x 450 CSS pixels at scale 2.
    "zoom-200": {"viewport": {"width": 640, "height": 450}, "device_scale_factor": 2},
}


@pytest.mark.parametrize("screen", SMALL_SCREENS)
def test_no_page_type_scrolls_sideways_at_320px_or_200_percent_zoom(
    browser, live_server, demo, screen
):
    context = browser.new_context(**SMALL_SCREENS[screen])
    page = context.new_page()
    page.set_default_timeout(10_000)
    too_wide = {}
    for name in PAGE_TYPES:
        open_page_type(page, live_server.url, name, demo)
        widths = page.evaluate(
            "[document.documentElement.scrollWidth, window.innerWidth,"
            " [...document.querySelectorAll('main *')]"
            "   .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
            "   .slice(0, 3).map(e => e.tagName + '.' + e.className)]"
        )
        if widths[0] > widths[1]:
            too_wide[name] = widths
    context.close()
    assert too_wide == {}


# --- Keyboard ---------------------------------------------------------------------

FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  // What the ring is drawn on: the nearest background that is not transparent.
  let behind = 'rgb(255, 255, 255)';
  for (let node = el.parentElement; node; node = node.parentElement) {
    const background = getComputedStyle(node).backgroundColor;
    if (!/^rgba\\(.*, 0\\)$/.test(background) && background !== 'transparent') {
      behind = background;
      break;
    }
  }
  return {
    id: el.id, tag: el.tagName, text: (el.innerText || el.value || '').trim().slice(0, 40),
    button: el.classList.contains('btn'),
    ring: style.outlineStyle === 'solid' ? parseFloat(style.outlineWidth) : 0,
    color: style.outlineColor, behind, glow: style.boxShadow,
    accent: getComputedStyle(document.documentElement).getPropertyValue('--accent').trim(),
  };
}"""


def as_hex(css_color):
    red, green, blue = re.findall(r"[\d.]+", css_color)[:3]
    return "#" + "".join(f"{round(float(part)):02x}" for part in (red, green, blue))


def focus_problem(focused):
    """Why the focus on the element is not clearly visible, or None: a ring of 2 px or more
    in the clinic's accent, at 3:1 or more on what it is drawn on (WCAG 1.4.11, 2.4.13)."""
    if focused["ring"] < 2:
        return f"no focus ring on {focused}"
    if as_hex(focused["color"]) != focused["accent"].lower():
        return f"the ring is not the accent colour on {focused}"
    ratio = contrast(as_hex(focused["color"]), as_hex(focused["behind"]))
    if ratio < NON_TEXT_AA:
        return f"the ring has {ratio:.2f}:1 on {focused['behind']} on {focused}"
    if re.search(r"rgba\((49, 132, 253|13, 110, 253)", focused["glow"]):
        return f"Bootstrap's pale glow on {focused}"
    return None


def tab_to(page, element_id, limit=60):
    """Press Tab until the element has focus; every stop on the way must show its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_STYLE)
        assert focus_problem(focused) is None, focus_problem(focused)
        if focused["id"] == element_id:
            return
    raise AssertionError(f"#{element_id} cannot be reached with Tab")


def test_focus_is_visible_on_every_stop_of_the_tab_order(site, demo):
    for name in ("home", "article-detail", "exercise-detail", "clinic-detail"):
        open_page_type(site, site.base, name, demo)
        stops = set()
        for _ in range(25):
            site.keyboard.press("Tab")
            focused = site.evaluate(FOCUS_STYLE)
            if focused["tag"] == "BODY":
                break  # past the last stop: the browser's own controls are next
            assert focus_problem(focused) is None, (name, focus_problem(focused))
            stops.add((focused["tag"], focused["id"], focused["text"]))
        assert len(stops) > 5, name


def test_every_link_button_and_field_shows_the_clinics_own_accent_when_tabbed_to(site, demo):
    """Seen in the walk: the buttons ("Book a visit", "Send my request") and the fields
    showed Bootstrap's pale blue glow (1.83:1 and 1.41:1 on white), whatever accent the
    clinic chose; only links had the accent."""
    from core.models import SiteBrand

    brand = SiteBrand.get_solo()
    brand.brand_color, brand.accent_color = "#5b2a86", "#8a4b00"
    brand.full_clean()
    brand.save()
    site.goto(site.base + "/book/")
    kinds = set()
    for _ in range(80):
        site.keyboard.press("Tab")
        focused = site.evaluate(FOCUS_STYLE)
        if focused["tag"] == "BODY":
            break
        assert focused["accent"] == "#8a4b00"
        assert focus_problem(focused) is None, focus_problem(focused)
        kinds.add("button" if focused["button"] else focused["tag"])
    assert {"A", "button", "INPUT", "SELECT", "TEXTAREA"} <= kinds


@desktop_only
def test_a_patient_books_a_visit_with_the_keyboard_only(site, demo):
    from clinic.models import AppointmentRequest

    site.goto(site.base + "/articles/knock-knees/")
    cta = site.locator(".cta").get_by_role("link", name="Request an appointment")
    href = cta.get_attribute("href")
    cta.focus()
    with site.expect_navigation(url="**/book/**"):
        site.keyboard.press("Enter")
    assert "from=/articles/knock-knees/" in href

    tab_to(site, "id_name")
    site.keyboard.type("Pat Doe")
    tab_to(site, "id_phone")
    site.keyboard.type("(312) 555-0199")
    tab_to(site, "id_clinic")
    site.keyboard.press("ArrowDown")  # the first clinic after "Any clinic"
    tab_to(site, "id_preferred_days_1")
    site.keyboard.press("Space")
    tab_to(site, "id_preferred_times_0")
    site.keyboard.press("Space")
    tab_to(site, "id_reason")
    site.keyboard.type("Pain under the kneecap on stairs.")
    tab_to(site, "id_consent")
    site.keyboard.press("Space")
    site.keyboard.press("Tab")
    assert site.evaluate("document.activeElement.type") == "submit"
    with site.expect_navigation(url="**/book/thanks/**"):
        site.keyboard.press("Enter")

    assert site.get_by_role("heading", level=1).inner_text() == "Thank you: we have your request"
    request = AppointmentRequest.objects.get()
    assert request.name == "Pat Doe"
    assert request.source_path == "/articles/knock-knees/"
    assert request.clinic is not None
    assert request.preferred_days and request.preferred_times


def test_the_quiet_flags_keep_chromium_local():
    # The same flags drive `make screenshots`; without the resolver rule Chromium calls Google.
    assert any(flag.startswith("--host-resolver-rules=MAP * ~NOTFOUND") for flag in QUIET_FLAGS)


def test_the_header_leaves_room_for_the_page_on_a_phone(browser, live_server):
    # Seen on the phone screenshots: the brand, the button, two rows of menu and the search
    # took a quarter of the screen. The brand and the button now share a row.
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server.url + "/privacy/")
    brand, button = (page.locator(s).bounding_box() for s in (".site-brand", ".book-button"))
    assert abs(brand["y"] + brand["height"] / 2 - (button["y"] + button["height"] / 2)) < 8
    assert page.locator(".site-header").bounding_box()["height"] <= 200
    assert page.get_by_role("link", name="Book a visit").count() == 1  # no twin in the menu
    page.set_viewport_size({"width": 1280, "height": 800})
    assert page.get_by_role("link", name="Book a visit").count() == 1  # nor on a desktop
    context.close()

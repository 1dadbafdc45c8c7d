"""Booking a visit in a real browser, and the clinic and booking pages checked with axe-core."""

import pytest

from clinic.models import AppointmentRequest
from tests.browser.conftest import (
    axe_violations,
    desktop_only,
    phone_only,
    sign_in_with_two_factors,
    third_party_requests,
)
from tests.factories import make_clinic, make_therapist

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def clinic(db):
    clinic = make_clinic(
        name="Riverside",
        phone="(312) 555-0142",
        email="riverside@example.com",
        services="Running injury clinic\nTaping",
        booking_url="https://scheduler.example.com/riverside",
    )
    make_therapist(name="Maya Okafor", specialties="knee pain, running").clinics.add(clinic)
    return clinic


@pytest.fixture
def console_errors(site):
    errors = []
    site.on(
        "console",
        lambda message: message.type == "error" and errors.append(message.text),
    )
    site.on("pageerror", lambda error: errors.append(str(error)))
    site.on("response", lambda r: r.status >= 400 and errors.append(f"{r.status} {r.url}"))
    return errors


def assert_clean(page, console_errors):
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []
    assert third_party_requests(page) == []
    assert console_errors == []  # no CSP report, not even for the JSON-LD block


@phone_only
def test_a_patient_books_a_visit_from_the_article_they_were_reading(
    site, clinic, console_errors, monkeypatch, regions
):
    from portal.roles import FRONT_DESK
    from tests.factories import make_article, make_staff

    monkeypatch.setattr("core.antispam.MIN_SECONDS_TO_SUBMIT", 0)
    make_article(title="Knock knees", slug="knock-knees", regions=[regions["knee"]])
    site.goto(site.base + "/articles/knock-knees/")
    cta = site.locator(".cta")
    assert "Knee pain that won't settle?" in cta.inner_text()
    cta.get_by_role("link", name="Request an appointment").click()
    site.wait_for_url("**/book/?from=/articles/knock-knees/**")
    assert (
        site.get_by_label("Where is the problem?").locator("option:checked").inner_text() == "Knee"
    )
    site.get_by_label("Your name").fill("Pat Doe")
    site.get_by_label("Phone").fill("(312) 555-0199")
    site.get_by_label("Preferred clinic").select_option(label="Riverside")
    site.get_by_label("Tuesday").check()
    site.get_by_label("Morning (before 12)").check()
    site.get_by_label("What would you like help with?").fill("Pain under the kneecap on stairs.")
    site.get_by_label("You may call or email me about this request.").check()
    site.get_by_role("button", name="Send my request").click()

    site.wait_for_url("**/book/thanks/**")
    assert site.get_by_role("heading", level=1).inner_text() == "Thank you: we have your request"
    assert site.get_by_role("link", name="(312) 555-0142").get_attribute("href") == "tel:3125550142"
    assert_clean(site, console_errors)
    request = AppointmentRequest.objects.get()
    assert request.source_path == "/articles/knock-knees/"
    assert request.clinic == clinic
    assert request.preferred_days == ["tue"]

    # The front desk sees the request, with the page it came from.
    make_staff("jordan", group=FRONT_DESK, password="a-long-front-desk-password")
    sign_in_with_two_factors(site, site.base, "jordan", "a-long-front-desk-password")
    site.goto(site.base + "/admin/clinic/appointmentrequest/")
    row = site.locator("#result_list tbody tr").first
    assert "Pat Doe" in row.inner_text()
    came_from = row.get_by_role("link", name="Knock knees")  # the page's title, a link
    assert came_from.get_attribute("href") == "/articles/knock-knees/"


@desktop_only
def test_the_front_desk_reads_every_column_and_where_patients_came_from(site, regions):
    """Walk findings 10 and 11: at 1366 px the contact column was cut off (here 1280); "came from"
    was a raw path, and a patient of ours booking from their private answer or program
    page looked like any reader."""
    from portal.roles import FRONT_DESK
    from tests.factories import make_appointment_request, make_staff

    make_appointment_request(
        name="Alexandra Montgomery-Fitzgerald",
        phone="(312) 555-0199",
        email="alexandra.montgomery-fitzgerald@example-university.edu",
        source_path="/articles/knock-knees/",
        source_title="Knock knees and kneecap pain: why it happens and what helps",
    )
    make_appointment_request(name="Pat Doe", source_path="/answers/")
    make_appointment_request(name="Sam Roe", source_path="/my-program/")
    make_staff("jordan", group=FRONT_DESK, password="a-long-front-desk-password")
    sign_in_with_two_factors(site, site.base, "jordan", "a-long-front-desk-password")
    site.goto(site.base + "/admin/clinic/appointmentrequest/")
    table = site.locator("#result_list")
    box = site.locator(".results")
    assert box.evaluate("e => e.scrollWidth <= e.clientWidth"), "the list scrolls sideways"
    assert table.get_by_text("alexandra.montgomery-fitzgerald@example-university.edu").is_visible()
    rows = {r.locator("th").inner_text(): r for r in site.locator("#result_list tbody tr").all()}
    article = rows["Alexandra Montgomery-Fitzgerald"].get_by_role("link", name="Knock knees")
    assert article.get_attribute("href") == "/articles/knock-knees/"
    assert "a private answer page (our patient)" in rows["Pat Doe"].inner_text()
    assert "a home exercise program (our patient)" in rows["Sam Roe"].inner_text()
    assert axe_violations(site) == []


@phone_only
def test_the_booking_form_with_errors_is_accessible(site, clinic, console_errors):
    site.goto(site.base + "/book/?from=/&region=knee")
    assert_clean(site, console_errors)
    site.get_by_role("button", name="Send my request").click()
    site.wait_for_load_state()
    assert site.get_by_text("Please give us a phone number or an email address").is_visible()
    assert_clean(site, console_errors)
    assert not AppointmentRequest.objects.exists()


def test_clinic_pages_are_accessible_and_ask_nothing_of_another_origin(
    site, clinic, console_errors
):
    for path, ld_scripts in (("/clinics/", 0), (f"/clinics/{clinic.slug}/", 1)):
        site.requests_seen.clear()
        response = site.goto(site.base + path)
        assert response.status == 200, path
        assert_clean(site, console_errors)
        assert site.locator('script[type="application/ld+json"]').count() == ld_scripts, path

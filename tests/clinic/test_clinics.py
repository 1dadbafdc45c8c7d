"""Clinic pages as a patient and a search engine see them: hours, open now, contact, JSON-LD."""

import json
import re
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tests.factories import make_clinic, make_therapist

pytestmark = pytest.mark.django_db

CHICAGO = ZoneInfo("America/Chicago")


def json_ld(content):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    assert match, "no JSON-LD block on the page"
    return json.loads(match.group(1))


def test_clinic_list_shows_every_active_clinic_with_its_phone_as_a_tel_link(client):
    make_clinic(name="Riverside", phone="(312) 555-0142")
    make_clinic(name="Closed for good", is_active=False)
    content = client.get("/clinics/").content.decode()
    assert "Riverside" in content
    assert 'href="tel:3125550142"' in content
    assert "Closed for good" not in content


def test_clinic_page_shows_hours_contact_map_services_and_its_therapists(client):
    clinic = make_clinic(
        name="Riverside",
        email="riverside@example.com",
        services="Running injury clinic\nTaping",
        booking_url="https://scheduler.example.com/riverside",
        hours={0: [(time(8), time(12)), (time(13), time(18))]},
    )
    maya = make_therapist(name="Maya Okafor", credentials="PT, DPT, OCS", specialties="knee pain")
    maya.clinics.add(clinic)
    gone = make_therapist(name="Left Already", is_active=False)
    gone.clinics.add(clinic)

    content = client.get(f"/clinics/{clinic.slug}/").content.decode()
    assert "8:00 AM – 12:00 PM, 1:00 PM – 6:00 PM" in content  # two intervals on Monday
    assert content.count(">Closed<") == 6  # every other day
    assert 'href="tel:3125550100"' in content
    assert 'href="mailto:riverside@example.com"' in content
    assert "https://www.openstreetmap.org/search?query=1+Main+Street" in content
    assert "<iframe" not in content  # a link to the map, never an embedded one
    assert "Running injury clinic" in content and "Taping" in content
    assert "Maya Okafor, PT, DPT, OCS" in content and "knee pain" in content
    assert "Left Already" not in content
    assert 'href="https://scheduler.example.com/riverside"' in content
    assert f"/book/?clinic={clinic.slug}&amp;from=/clinics/{clinic.slug}/" in content


def test_todays_row_is_highlighted(client):
    clinic = make_clinic()
    content = client.get(f"/clinics/{clinic.slug}/").content.decode()
    today = timezone.localtime().strftime("%A")
    assert content.count('class="today"') == 1
    assert re.search(rf'<tr class="today">\s*<th scope="row">{today} ', content)


def test_open_now_is_computed_in_the_clinics_time_zone(settings):
    settings.TIME_ZONE = "America/Chicago"
    clinic = make_clinic(hours={0: [(time(7), time(19))]})  # Mondays 7 a.m. to 7 p.m.
    monday_8am_chicago = datetime(2026, 11, 23, 8, 0, tzinfo=CHICAGO)
    monday_630am_chicago = datetime(2026, 11, 23, 6, 30, tzinfo=CHICAGO)  # 12:30 UTC
    monday_7pm_chicago = datetime(2026, 11, 23, 19, 0, tzinfo=CHICAGO)
    assert clinic.is_open_at(monday_8am_chicago)
    assert not clinic.is_open_at(monday_630am_chicago)
    assert not clinic.is_open_at(monday_7pm_chicago)  # closing time is closed
    assert not clinic.is_open_at(datetime(2026, 11, 24, 8, 0, tzinfo=CHICAGO))  # Tuesday


def test_json_ld_parses_and_lists_the_opening_hours(client):
    clinic = make_clinic(
        name="Riverside </script><script>alert(1)</script>",
        latitude="41.878100",
        longitude="-87.629800",
        services="Taping",
        hours={0: [(time(8), time(12)), (time(13), time(18))], 5: [(time(8), time(12))]},
    )
    content = client.get(f"/clinics/{clinic.slug}/").content.decode()
    assert "<script>alert(1)" not in content  # the name cannot close the data block
    data = json_ld(content)
    assert data["@type"] == "MedicalClinic"
    assert data["name"] == "Riverside </script><script>alert(1)</script>"
    assert data["telephone"] == "(312) 555-0100"
    assert data["address"]["streetAddress"] == "1 Main Street"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 41.8781, "longitude": -87.6298}
    assert data["openingHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": "https://schema.org/Monday",
            "opens": "08:00",
            "closes": "12:00",
        },
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": "https://schema.org/Monday",
            "opens": "13:00",
            "closes": "18:00",
        },
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": "https://schema.org/Saturday",
            "opens": "08:00",
            "closes": "12:00",
        },
    ]


def test_a_hidden_clinic_is_not_found(client):
    clinic = make_clinic(is_active=False)
    assert client.get(f"/clinics/{clinic.slug}/").status_code == 404


def test_map_link_uses_coordinates_when_known():
    clinic = make_clinic(latitude="41.878100", longitude="-87.629800")
    assert clinic.map_url.startswith(
        "https://www.openstreetmap.org/?mlat=41.878100&mlon=-87.629800"
    )


def _count_queries(client, url, django_assert_num_queries, expected):
    client.get(url)  # warm the call-to-action cache
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


def _clinic_with_team(size):
    clinic = make_clinic(
        hours={day: [(time(8), time(12)), (time(13), time(18))] for day in range(6)}
    )
    for _ in range(size):
        make_therapist().clinics.add(clinic)
    return clinic


def test_clinic_list_costs_the_same_queries_for_one_or_many_clinics(
    client, django_assert_num_queries
):
    _clinic_with_team(1)
    _count_queries(client, "/clinics/", django_assert_num_queries, 2)
    for _ in range(6):
        _clinic_with_team(3)
    _count_queries(client, "/clinics/", django_assert_num_queries, 2)


def test_clinic_page_costs_the_same_queries_for_one_or_many_therapists(
    client, django_assert_num_queries
):
    small = _clinic_with_team(1)
    big = _clinic_with_team(8)
    _count_queries(client, f"/clinics/{small.slug}/", django_assert_num_queries, 3)
    _count_queries(client, f"/clinics/{big.slug}/", django_assert_num_queries, 3)


def test_demo_has_two_clinics_with_hours_and_links_the_demo_pts_to_therapists(
    settings, tmp_path, monkeypatch
):
    from django.core.management import call_command

    from clinic.models import Clinic, Therapist

    monkeypatch.setattr("portal.demo.CREDENTIALS_FILE", tmp_path / "credentials")
    call_command("seed_demo", "--users")
    assert Clinic.objects.active().count() == 2
    assert all(clinic.opening_hours.exists() for clinic in Clinic.objects.all())
    assert Therapist.objects.get(user__username="demo-pt").clinics.exists()
    assert Therapist.objects.filter(user__username="demo-pt2").exists()


@pytest.mark.django_db
def test_active_clinics_are_in_the_sitemap(client):
    shown = make_clinic(name="Riverside", slug="riverside")
    make_clinic(name="Closed for good", slug="old-site", is_active=False)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"http://testserver{shown.get_absolute_url()}" in sitemap
    assert "/clinics/old-site/" not in sitemap

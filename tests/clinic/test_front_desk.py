"""The front desk's admin: requests and clinics, nothing else; status actions; the source report."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from clinic.models import AppointmentRequest
from portal.roles import FRONT_DESK
from tests.factories import make_appointment_request, make_clinic, make_staff

pytestmark = pytest.mark.django_db

CHICAGO = ZoneInfo("America/Chicago")


@pytest.fixture
def front_desk(client):
    client.force_login(make_staff(group=FRONT_DESK))
    return client


def test_front_desk_sees_requests_and_clinics_and_nothing_else(front_desk):
    index = front_desk.get("/admin/").content.decode()
    assert "/admin/clinic/appointmentrequest/" in index
    assert "/admin/clinic/clinic/" in index
    for hidden in ("therapist", "outboundemail", "bodyregion", "auth/user", "auth/group"):
        assert f"/{hidden}/" not in index
    assert front_desk.get("/admin/clinic/appointmentrequest/").status_code == 200
    assert front_desk.get("/admin/clinic/clinic/").status_code == 200
    for url in (
        "/admin/clinic/therapist/",
        "/admin/core/outboundemail/",
        "/admin/clinic/bodyregion/",
        "/admin/auth/user/",
    ):
        assert front_desk.get(url).status_code == 403, url


def test_front_desk_can_read_a_clinic_but_not_change_it(front_desk):
    clinic = make_clinic(name="Riverside")
    page = front_desk.get(f"/admin/clinic/clinic/{clinic.pk}/change/")
    assert page.status_code == 200
    front_desk.post(f"/admin/clinic/clinic/{clinic.pk}/change/", {"name": "Renamed"})
    clinic.refresh_from_db()
    assert clinic.name == "Riverside"


def test_the_request_list_shows_where_each_patient_came_from_and_how_long_they_wait(front_desk):
    make_appointment_request(name="Pat Doe", source_path="/articles/knock-knees/")
    content = front_desk.get("/admin/clinic/appointmentrequest/").content.decode()
    assert "Pat Doe" in content
    assert "/articles/knock-knees/" in content
    assert "0\xa0minutes" in content  # waiting
    assert "Where requests come from" in content


def test_front_desk_moves_requests_through_the_statuses(front_desk):
    first = make_appointment_request()
    second = make_appointment_request()
    for action, status in [
        ("mark_contacted", AppointmentRequest.Status.CONTACTED),
        ("mark_scheduled", AppointmentRequest.Status.SCHEDULED),
        ("mark_no_answer", AppointmentRequest.Status.NO_ANSWER),
        ("mark_closed", AppointmentRequest.Status.CLOSED),
    ]:
        front_desk.post(
            "/admin/clinic/appointmentrequest/",
            {"action": action, "_selected_action": [first.pk, second.pk]},
        )
        assert set(AppointmentRequest.objects.values_list("status", flat=True)) == {status}


def test_front_desk_writes_notes_but_cannot_change_what_the_patient_sent(front_desk):
    request = make_appointment_request(name="Pat Doe")
    front_desk.post(
        f"/admin/clinic/appointmentrequest/{request.pk}/change/",
        {"status": "contacted", "notes": "Left a voicemail.", "name": "Someone else"},
    )
    request.refresh_from_db()
    assert request.notes == "Left a voicemail."
    assert request.status == "contacted"
    assert request.name == "Pat Doe"


def test_front_desk_cannot_delete_requests(front_desk):
    request = make_appointment_request()
    assert (
        front_desk.get(f"/admin/clinic/appointmentrequest/{request.pk}/delete/").status_code == 403
    )


def test_the_report_counts_requests_per_source_page_and_per_month(front_desk):
    def on(month, day, source):
        make_appointment_request(
            source_path=source, created_at=datetime(2026, month, day, 12, tzinfo=CHICAGO)
        )

    on(9, 3, "/articles/knock-knees/")
    on(10, 1, "/articles/knock-knees/")
    on(10, 31, "/articles/knock-knees/")
    on(10, 15, "/exercises/hip-hike/")
    on(10, 20, "")
    # 11:30 p.m. on 31 October in Chicago is already November in UTC: counted in October.
    make_appointment_request(
        source_path="/exercises/hip-hike/",
        created_at=datetime(2026, 10, 31, 23, 30, tzinfo=CHICAGO),
    )

    response = front_desk.get("/admin/clinic/appointmentrequest/report/")
    assert response.status_code == 200
    months = [f"{month:%b %Y}" for month in response.context["months"]]
    assert months == ["Oct 2026", "Sep 2026"]
    table = {line["source"]: (line["cells"], line["total"]) for line in response.context["table"]}
    assert table == {
        "/articles/knock-knees/": ([2, 1], 3),
        "/exercises/hip-hike/": ([2, 0], 2),
        "(unknown)": ([1, 0], 1),
    }
    assert response.context["month_totals"] == [5, 1]
    assert response.context["total"] == 6


def test_the_report_names_each_source_by_its_title_or_kind(front_desk):
    make_appointment_request(
        source_path="/articles/knock-knees/", source_title="Knock knees and kneecap pain"
    )
    make_appointment_request(source_path="/my-program/")
    page = front_desk.get("/admin/clinic/appointmentrequest/report/").content.decode()
    assert (
        'Knock knees and kneecap pain <span class="quiet">(/articles/knock-knees/)</span>' in page
    )
    assert "A home exercise program (our patient)" in page


def test_the_report_is_for_staff_who_may_see_requests_only(client):
    client.force_login(make_staff())  # staff, but in no group
    assert client.get("/admin/clinic/appointmentrequest/report/").status_code == 403
    client.logout()
    response = client.get("/admin/clinic/appointmentrequest/report/")
    assert response.status_code == 302  # to the admin login

"""Versions in the admin: viewing one needs the view permission, restoring one ("Revert")
the change permission, for every admin with history and every role. The penetration test
of 2026-12-04 changed a clinic's booking email through its history page as front desk."""

import pytest
from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from core.admin import HistoryAdmin
from core.models import AccessRecord
from portal.roles import FRONT_DESK, PHYSICAL_THERAPISTS
from tests.factories import make_article, make_clinic, make_exercise, make_question, make_staff

pytestmark = pytest.mark.django_db


def _history_admins():
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, SimpleHistoryAdmin)
    ]


def test_every_admin_with_history_refuses_a_revert_without_the_change_permission():
    admins = _history_admins()
    assert {model._meta.model_name for model, _ in admins} >= {
        "clinic",
        "article",
        "exercise",
        "question",
    }
    assert all(isinstance(model_admin, HistoryAdmin) for _, model_admin in admins)


@pytest.fixture
def records(regions):
    clinic = make_clinic(name="Riverside", email="bookings@clinic.example.com")
    return {
        "clinic": clinic,
        "article": make_article(),
        "exercise": make_exercise(),
        "question": make_question(),
    }


def _version_url(obj):
    meta = obj._meta
    version = obj.history.first()
    return reverse(
        f"admin:{meta.app_label}_{meta.model_name}_simple_history", args=[obj.pk, version.pk]
    )


@pytest.mark.parametrize("group", [FRONT_DESK, PHYSICAL_THERAPISTS])
def test_a_role_without_change_permission_cannot_revert(client, records, group):
    user = make_staff(group=group)
    client.force_login(user)
    for name, obj in records.items():
        perm = f"{obj._meta.app_label}.change_{obj._meta.model_name}"
        if user.has_perm(perm):
            continue
        url = _version_url(obj)
        before = type(obj).objects.values().get(pk=obj.pk)
        page = client.get(url)
        data = {"name": "HACKED", "email": "bookings@evil.example", "_save": "Save"}
        response = client.post(url, data)
        assert response.status_code == 403, (group, name, page.status_code)
        assert type(obj).objects.values().get(pk=obj.pk) == before, (group, name)


def test_front_desk_cannot_change_a_clinic_through_its_history(client, records):
    client.force_login(make_staff(group=FRONT_DESK))
    clinic = records["clinic"]
    url = _version_url(clinic)
    assert client.get(url).status_code == 200  # they may view it
    assert client.post(url, {"email": "bookings@evil.example"}).status_code == 403
    clinic.refresh_from_db()
    assert clinic.email == "bookings@clinic.example.com"


def test_looking_at_a_questions_history_or_versions_is_in_the_audit_trail(client, records):
    pt = make_staff(group=PHYSICAL_THERAPISTS)
    client.force_login(pt)
    question = records["question"]
    meta = question._meta
    history = reverse(f"admin:{meta.app_label}_{meta.model_name}_history", args=[question.pk])
    assert client.get(history).status_code == 200
    assert client.get(_version_url(question)).status_code == 200
    looks = AccessRecord.objects.filter(user=pt, action=AccessRecord.Action.VIEW)
    assert sorted(looks.values_list("detail", flat=True)) == sorted(
        ["history", f"version {question.history.first().pk}"]
    )

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.test import Client

from portal.roles import FRONT_DESK, PHYSICAL_THERAPISTS

pytestmark = pytest.mark.django_db


def snapshot():
    from django.apps import apps

    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"clinic", "education", "exercises", "auth"}
    }


def test_every_install_has_the_staff_groups_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) >= {PHYSICAL_THERAPISTS, FRONT_DESK}


def test_seed_demo_twice_changes_nothing(settings, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("portal.demo.CREDENTIALS_FILE", tmp_path / "credentials")
    settings.DEBUG = True
    call_command("seed_demo")
    first = snapshot()
    printed = capsys.readouterr().out
    call_command("seed_demo")
    assert snapshot() == first
    # Each run prints each demo account a new invitation link; the newest one works.
    again = capsys.readouterr().out
    first, last = (
        re.search(r"demo-pt +(\S+/welcome/\S+)", output).group(1) for output in (printed, again)
    )
    assert Client().get(urlsplit(last).path).status_code == 200
    assert Client().get(urlsplit(first).path).status_code == 410


def test_without_the_second_factor_the_demo_prints_passwords(
    settings, tmp_path, monkeypatch, capsys
):
    monkeypatch.setattr("portal.demo.CREDENTIALS_FILE", tmp_path / "credentials")
    settings.DEBUG, settings.STAFF_TWO_FACTOR = True, False
    call_command("seed_demo")
    passwords = capsys.readouterr().out
    call_command("seed_demo")
    # The second run prints the same generated passwords again.
    again = capsys.readouterr().out
    admin_line = next(line for line in passwords.splitlines() if "demo-admin" in line)
    assert admin_line in again
    password = admin_line.split()[-1]
    assert len(password) >= 12
    assert User.objects.get(username="demo-admin").check_password(password)


def test_seed_demo_makes_no_staff_accounts_outside_demo_mode(settings):
    settings.DEBUG = False
    call_command("seed_demo")
    assert not User.objects.exists()
    assert Group.objects.filter(name=PHYSICAL_THERAPISTS).exists()


def test_demo_staff_are_in_their_groups(settings, tmp_path, monkeypatch):
    monkeypatch.setattr("portal.demo.CREDENTIALS_FILE", tmp_path / "credentials")
    call_command("seed_demo", "--users")
    assert User.objects.get(username="demo-pt").groups.filter(name=PHYSICAL_THERAPISTS).exists()
    assert User.objects.get(username="demo-frontdesk").groups.filter(name=FRONT_DESK).exists()
    assert User.objects.get(username="demo-admin").is_superuser


def test_the_demo_programs_flag_is_on_the_dashboard(client, settings, tmp_path, monkeypatch):
    """The walk: the demo program was listed as flagged, yet the dashboard counted 0."""
    from programs.models import Program

    monkeypatch.setattr("portal.demo.CREDENTIALS_FILE", tmp_path / "credentials")
    call_command("seed_demo", "--users")
    assert Program.objects.needing_attention().count() == 1
    client.force_login(User.objects.get(username="demo-pt"))
    assert (
        "<strong>1</strong> home exercise program to look at"
        in client.get("/admin/").content.decode()
    )


def _codenames(group_name):
    return set(Group.objects.get(name=group_name).permissions.values_list("codename", flat=True))


def test_migrate_keeps_what_an_administrator_changed_in_the_groups():
    """Review: roles.py reset every group's permissions on each migrate, so an
    operator's additions vanished (and their removals came back)."""
    from django.contrib.auth.models import Permission

    front_desk = Group.objects.get(name=FRONT_DESK)
    front_desk.permissions.add(Permission.objects.get(codename="view_therapist"))
    front_desk.permissions.remove(Permission.objects.get(codename="view_openinghours"))
    call_command("migrate", verbosity=0)
    codenames = _codenames(FRONT_DESK)
    assert "view_therapist" in codenames and "view_openinghours" not in codenames
    # Set back to exactly the site's own, on request only.
    call_command("reset_staff_groups", stdout=None)
    codenames = _codenames(FRONT_DESK)
    assert "view_therapist" not in codenames and "view_openinghours" in codenames


def test_migrate_gives_the_groups_the_permissions_of_a_new_model():
    """A permission that a migrate creates (a new model's) reaches its group."""
    from django.contrib.auth.models import Permission

    Permission.objects.filter(codename="export_program").delete()  # as before that model
    assert "export_program" not in _codenames(PHYSICAL_THERAPISTS)
    call_command("migrate", verbosity=0)
    assert "export_program" in _codenames(PHYSICAL_THERAPISTS)
    assert "export_program" not in _codenames(FRONT_DESK)

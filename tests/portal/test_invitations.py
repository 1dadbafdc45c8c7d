"""A new staff account sets its password and authenticator through a one-time, expiring
invitation; a password alone never sets one up. An administrator invites and unlocks."""

import re
from base64 import b32decode
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp

from core.outbox import send_queued
from portal.invitations import invitation_url
from portal.models import StaffInvitation
from portal.roles import PHYSICAL_THERAPISTS
from tests.factories import make_staff, sign_in

pytestmark = pytest.mark.django_db

SETUP = "/admin/account/two_factor/setup/"
NEW_PASSWORD = "a-brand-new-long-password-7"


@pytest.fixture
def newcomer():
    user = make_staff("sam", group=PHYSICAL_THERAPISTS, password="given-by-email-123")
    user.email = "sam@clinic.example.com"
    user.save()
    return user


def enrol(client):
    """Go through the authenticator set-up as a person with a phone would."""
    client.post(SETUP, {"setup_view-current_step": "welcome"})
    page = client.post(SETUP, {"setup_view-current_step": "method", "method-method": "generator"})
    assert b"TOTP Secret" in page.content
    # The authenticator app lists the account under the clinic's name, not a host.
    assert page.context["otpauth_url"].startswith("otpauth://totp/Riverbend%20Physical%20Therapy")
    assert "issuer=Riverbend" in page.context["otpauth_url"]
    secret = client.session["django_two_factor-qr_secret_key"]
    code = f"{totp(b32decode(secret + '=' * (-len(secret) % 8))):06d}"
    return client.post(SETUP, {"setup_view-current_step": "generator", "generator-token": code})


def test_a_password_alone_never_sets_up_an_authenticator(newcomer):
    client = Client()
    sign_in(client, "sam", "given-by-email-123")
    page = client.get("/admin/", follow=True)
    assert page.status_code == 403
    assert "ask an administrator" in page.content.decode().lower()
    assert client.get(SETUP).status_code in (302, 403)  # signed out: no set-up
    assert not newcomer.totpdevice_set.exists()


def test_the_invitation_sets_the_password_and_the_authenticator_once(newcomer):
    link = invitation_url(newcomer)
    client = Client()
    page = client.get(link)
    assert page.status_code == 200 and "Choose your password" in page.content.decode()
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    response = client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302 and response["Location"] == SETUP
    # Stopped half-way (the phone rang, the browser closed): the same link takes it up.
    again = Client()
    assert again.get(link).status_code == 200
    again.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert enrol(again).status_code == 302
    assert newcomer.totpdevice_set.filter(confirmed=True).count() == 1
    assert again.get("/admin/").status_code == 200
    newcomer.refresh_from_db()
    assert newcomer.check_password(NEW_PASSWORD)
    # Used: the account has its authenticator, and the link says it no longer works.
    used = Client().get(link)
    assert used.status_code == 410 and "no longer works" in used.content.decode()
    assert not StaffInvitation.objects.exists()


def test_a_new_invitation_replaces_the_earlier_one_and_only_a_digest_is_kept(newcomer):
    first = invitation_url(newcomer)
    second = invitation_url(newcomer)
    assert Client().get(first).status_code == 410
    assert Client().get(second).status_code == 200
    key = second.rstrip("/").rsplit("/", 1)[1]
    assert not StaffInvitation.objects.filter(key_digest__contains=key).exists()
    assert StaffInvitation.objects.get().key_digest != key


def test_the_first_administrator_gets_a_link_from_the_command_line(capsys):
    from django.core.management import call_command

    make_staff("first-admin", superuser=True)
    call_command("invite_staff", "first-admin")
    link = re.search(r"(http\S+/welcome/\S+)", capsys.readouterr().out).group(1)
    assert Client().get(urlsplit(link).path).status_code == 200


def test_an_invitation_expires(newcomer, settings):
    link = invitation_url(newcomer)
    with time_machine.travel(timezone.now() + timedelta(days=settings.STAFF_INVITATION_DAYS + 1)):
        assert Client().get(link).status_code == 410
    assert Client().get(link.replace("welcome/", "welcome/x")).status_code == 410


def test_an_administrator_invites_and_the_link_is_shown_and_emailed(newcomer):
    admin = Client()
    admin.force_login(make_staff("boss", superuser=True))
    page = admin.post(
        "/admin/auth/user/", {"action": "invite", "_selected_action": [newcomer.pk]}
    ).content.decode()
    [link] = re.findall(r"<code>(http[^<]+)</code>", page)
    assert "/admin/welcome/" in link
    send_queued()
    [email] = [m for m in mail.outbox if m.to == ["sam@clinic.example.com"]]
    assert link in email.body
    assert Client().get(urlsplit(link).path).status_code == 200


def test_an_administrator_unlocks_a_locked_out_colleague(newcomer, client, settings):
    settings.AXES_ENABLED = True
    for _ in range(5):
        sign_in(client, "sam", "wrong-password")
    locked = sign_in(client, "sam", "given-by-email-123")
    assert locked.status_code == 429
    assert "ask an administrator" in locked.content.decode().lower()
    admin = Client()
    admin.force_login(make_staff("boss", superuser=True))
    done = admin.post(
        "/admin/auth/user/", {"action": "unlock", "_selected_action": [newcomer.pk]}, follow=True
    )
    assert "Unlocked 1 account" in done.content.decode()
    again = Client()
    response = sign_in(again, "sam", "given-by-email-123")
    assert response.status_code != 429

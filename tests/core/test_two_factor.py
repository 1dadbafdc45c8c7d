"""Staff sign in with a password and a second factor; sessions end when left alone."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from portal.roles import PHYSICAL_THERAPISTS
from tests.factories import SIGN_IN_URL, make_staff, make_totp_device, sign_in, totp_code

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-password-42"
ADMIN_PAGES = ["/admin/", "/admin/questions/question/", "/admin/education/article/add/"]


@pytest.fixture
def maya():
    return make_staff("maya", group=PHYSICAL_THERAPISTS, password=PASSWORD)


def reaches_the_admin(client):
    return [client.get(page).status_code for page in ADMIN_PAGES] == [200, 200, 200]


def test_a_password_alone_reaches_no_admin_page(maya):
    make_totp_device(maya)
    client = Client()
    response = sign_in(client, "maya", PASSWORD)
    assert b'name="token-otp_token"' in response.content  # asked for the code
    for page in ADMIN_PAGES:
        response = client.get(page)
        assert response.status_code == 302 and "login" in response["Location"], page


def test_the_password_and_the_authenticator_code_sign_in(maya):
    device = make_totp_device(maya)
    client = Client()
    response = sign_in(client, "maya", PASSWORD, code=totp_code(device))
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert reaches_the_admin(client)


def test_a_wrong_code_is_refused(maya):
    make_totp_device(maya)
    client = Client()
    response = sign_in(client, "maya", PASSWORD, code="000000")
    assert response.status_code == 200 and b"token-otp_token" in response.content
    assert client.get("/admin/").status_code == 302


def test_a_recovery_code_works_once(maya):
    make_totp_device(maya)
    device = StaticDevice.objects.create(user=maya, name="backup")
    StaticToken.objects.create(device=device, token="rec0very1")

    def with_recovery_code(code):
        client = Client()
        sign_in(client, "maya", PASSWORD)
        client.post(SIGN_IN_URL, {"login_view-current_step": "token", "wizard_goto_step": "backup"})
        client.post(SIGN_IN_URL, {"login_view-current_step": "backup", "backup-otp_token": code})
        return client

    assert reaches_the_admin(with_recovery_code("rec0very1"))
    assert client_is_out(with_recovery_code("rec0very1"))


def client_is_out(client):
    return client.get("/admin/").status_code == 302


def test_a_new_staff_member_is_not_offered_the_set_up_without_an_invitation(maya):
    # tests/config/test_invitations.py: the invitation link is the way to set one up.
    client = Client()
    sign_in(client, "maya", PASSWORD)
    page = client.get("/admin/", follow=True)
    assert page.status_code == 403 and b"invitation link" in page.content
    assert not maya.totpdevice_set.exists()


def test_a_session_left_alone_for_half_an_hour_is_signed_out(maya, settings):
    device = make_totp_device(maya)
    client = Client()
    sign_in(client, "maya", PASSWORD, code=totp_code(device))
    with time_machine.travel(timezone.now() + timedelta(minutes=20)):
        assert reaches_the_admin(client)
    with time_machine.travel(
        timezone.now() + timedelta(minutes=20 + settings.STAFF_IDLE_MINUTES + 1)
    ):
        assert client_is_out(client)


def test_a_password_change_signs_out_every_other_session(maya):
    device = make_totp_device(maya)
    desk, laptop = Client(), Client()
    sign_in(desk, "maya", PASSWORD, code=totp_code(device))
    with time_machine.travel(timezone.now() + timedelta(seconds=60)):  # a code works once
        sign_in(laptop, "maya", PASSWORD, code=totp_code(device))
    assert reaches_the_admin(desk) and reaches_the_admin(laptop)
    new = "another-long-password-77"
    response = desk.post(
        "/admin/password_change/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert reaches_the_admin(desk)
    assert client_is_out(laptop)


def test_a_password_alone_opens_no_draft_preview(maya, settings):
    from tests.factories import make_article, make_exercise

    article = make_article(slug="draft-article", status="draft")
    exercise = make_exercise(slug="draft-exercise", status="draft")
    client = Client()
    sign_in(client, "maya", PASSWORD)  # no authenticator yet: signed in by the password only
    assert client.session.get("_auth_user_id") == str(maya.pk)
    for url in (article.get_absolute_url(), exercise.get_absolute_url(), exercise.get_print_url()):
        assert client.get(url).status_code == 404, url
    verified = Client()
    verified.force_login(maya)
    assert verified.get(article.get_absolute_url()).status_code == 200
    settings.STAFF_TWO_FACTOR = False  # a local demo: the password is the whole sign-in
    assert client.get(article.get_absolute_url()).status_code == 200

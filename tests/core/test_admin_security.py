"""The staff side: lockout after failed logins, strong passwords, a working day's session."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests.factories import make_staff, make_totp_device, sign_in, totp_code

pytestmark = pytest.mark.django_db


def login(client, password, address="198.51.100.1", username="maya", **extra):
    """The password step of the two-factor sign-in."""
    return sign_in(client, username, password, REMOTE_ADDR=address, **extra)


def asks_for_the_code(response):
    return response.status_code == 200 and b'name="token-otp_token"' in response.content


def test_five_failed_logins_lock_the_account_from_that_address_for_30_minutes(client, settings):
    make_staff("maya", password="the-right-password-42")
    responses = [login(client, "wrong").status_code for _ in range(5)]
    assert responses == [200, 200, 200, 200, 429]  # the fifth failure locks
    locked = login(client, "the-right-password-42")
    assert locked.status_code == 429
    assert "Sign-in paused" in locked.content.decode()
    assert settings.AXES_COOLOFF_TIME == 0.5  # hours


def test_an_attacker_elsewhere_cannot_lock_a_pt_out(client):
    make_totp_device(make_staff("maya", password="the-right-password-42"))
    for _ in range(6):
        login(client, "wrong", address="203.0.113.66")
    response = login(client, "the-right-password-42", address="198.51.100.1")
    assert asks_for_the_code(response)


def test_a_spoofed_forwarded_header_does_not_escape_the_lockout(client):
    make_staff("maya", password="the-right-password-42")
    for i in range(5):
        login(client, "wrong", address="203.0.113.66", HTTP_X_FORWARDED_FOR=f"10.9.9.{i}")
    response = login(
        client, "the-right-password-42", address="203.0.113.66", HTTP_X_FORWARDED_FOR="10.9.9.99"
    )
    assert response.status_code == 429


@pytest.mark.parametrize("password", ["short-pw", "123456789012345", "password1234"])
def test_weak_staff_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_staff_sessions_end_after_a_working_day(client, settings):
    device = make_totp_device(make_staff("maya", password="the-right-password-42"))
    sign_in(client, "maya", "the-right-password-42", code=totp_code(device))
    assert settings.SESSION_COOKIE_AGE == 9 * 60 * 60
    assert client.session.get_expiry_age() <= 9 * 60 * 60


def test_the_admin_lives_at_the_url_the_settings_choose():
    import os
    import subprocess
    import sys

    from tests.core.test_site import PRODUCTION_ENV, ROOT, TEST_ONLY

    env = {k: v for k, v in os.environ.items() if k not in TEST_ONLY}
    env.update(
        PRODUCTION_ENV, ADMIN_URL="staff-7f3c/", DATABASE_URL="sqlite:////tmp/unused.sqlite3"
    )
    env.pop("REDIS_URL")
    script = (
        "import django; django.setup(); from django.urls import resolve, Resolver404;"
        "print(resolve('/staff-7f3c/login/').url_name);"
        "\ntry:\n    resolve('/admin/login/'); print('found')\nexcept Resolver404:\n    print('gone')"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["login", "gone"], result.stderr


def test_a_403_in_the_admin_is_one_log_line_without_a_traceback(client, caplog):
    from portal.roles import FRONT_DESK
    from tests.factories import make_staff

    client.force_login(make_staff(group=FRONT_DESK))
    with caplog.at_level("WARNING", logger="django.request"):
        assert client.post("/admin/clinic/clinic/add/", {}).status_code == 403
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.exc_info is None and "Forbidden" in record.getMessage()

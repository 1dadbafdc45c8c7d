"""Staff sign-in in a real browser: password, then the authenticator code; first-time setup."""

from urllib.parse import urlsplit

import pytest

from portal.roles import PHYSICAL_THERAPISTS
from tests.browser.conftest import (
    axe_violations,
    desktop_only,
    sign_in_with_two_factors,
    third_party_requests,
)
from tests.factories import make_staff, make_totp_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-pt-password-1"


@desktop_only
def test_a_pt_signs_in_with_password_and_code_and_the_password_alone_opens_nothing(site):
    make_totp_device(make_staff("maya", group=PHYSICAL_THERAPISTS, password=PASSWORD))
    site.goto(site.base + "/admin/questions/question/")
    assert "/admin/account/login/" in site.url  # sent to the two-factor sign-in
    assert axe_violations(site) == []
    site.fill("#id_auth-username", "maya")
    site.fill("#id_auth-password", PASSWORD)
    site.get_by_role("button", name="Next").click()
    site.locator("#id_token-otp_token").wait_for()
    assert axe_violations(site) == []
    # Stop here, with only the password given: no admin page opens.
    for path in ("/admin/", "/admin/questions/question/", "/admin/education/article/"):
        site.goto(site.base + path)
        assert "/admin/account/login/" in site.url, path
    sign_in_with_two_factors(site, site.base, "maya", PASSWORD, "/admin/questions/question/")
    assert site.get_by_role("heading", name="Select question to change").is_visible()
    assert third_party_requests(site) == []


@desktop_only
def test_a_new_pt_sets_up_the_authenticator_from_their_invitation_with_our_own_qr_code(site):
    from portal.invitations import invitation_url

    dan = make_staff("dan", group=PHYSICAL_THERAPISTS, password=PASSWORD)
    # The password alone: told to ask for an invitation, never offered the set-up.
    site.goto(site.base + "/admin/")
    site.fill("#id_auth-username", "dan")
    site.fill("#id_auth-password", PASSWORD)
    with site.expect_navigation():
        site.get_by_role("button", name="Next").click()
    site.get_by_role("heading", name="Your account has no authenticator yet").wait_for()
    site.goto(site.base + "/admin/")
    assert "/admin/account/login/" in site.url  # and signed out again
    # The invitation: a password of their own, then the app.
    site.goto(site.base + invitation_url(dan))
    assert axe_violations(site) == []
    site.fill("#id_new_password1", "dans-own-long-password-3")
    site.fill("#id_new_password2", "dans-own-long-password-3")
    with site.expect_navigation():
        site.get_by_role("button", name="Save my password and go on").click()
    assert "/admin/account/two_factor/setup/" in site.url
    site.get_by_role("button", name="Next").click()  # welcome; the app is the one method
    qr = site.locator("img[alt='QR Code']")
    qr.wait_for()
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    assert axe_violations(site) == []
    assert third_party_requests(site) == []


@desktop_only
def test_set_up_from_the_admin_offers_recovery_codes_and_the_admin_links_them(site):
    """Walk finding 4: set-up started from /admin/ went straight back to /admin/, so the
    recovery codes were never offered, and no admin page linked to them."""
    from base64 import b32decode

    from django_otp.oath import totp

    from portal.invitations import invitation_url

    dan = make_staff("dan", group=PHYSICAL_THERAPISTS, password=PASSWORD)
    site.goto(site.base + invitation_url(dan))
    site.fill("#id_new_password1", "dans-own-long-password-3")
    site.fill("#id_new_password2", "dans-own-long-password-3")
    with site.expect_navigation():
        site.get_by_role("button", name="Save my password and go on").click()
    # The set-up as reached from the admin's sign-in, on the way to /admin/.
    site.goto(site.url.split("?")[0] + "?next=/admin/")
    site.get_by_role("button", name="Next").click()  # welcome
    secret = site.locator("a[href^='otpauth://']").inner_text().strip()
    site.fill("#id_generator-token", f"{totp(b32decode(secret + '=' * (-len(secret) % 8))):06d}")
    with site.expect_navigation():
        site.get_by_role("button", name="Next").click()
    site.get_by_role("heading", name="Two-factor sign-in is on").wait_for()
    later = site.get_by_role("link", name="Later: go on to the admin")
    assert later.get_attribute("href") == "/admin/"  # where they were going
    assert axe_violations(site) == []
    site.get_by_role("link", name="Make recovery codes").click()
    site.get_by_role("heading", name="Recovery codes").wait_for()
    with site.expect_navigation():
        site.get_by_role("button", name="Make recovery codes").click()
    codes = site.locator(".recovery-codes li").all_inner_texts()
    assert len(codes) == 10 and len(set(codes)) == 10
    assert axe_violations(site) == []
    with site.expect_navigation():
        site.get_by_role("link", name="Go on to the admin").click()
    assert urlsplit(site.url).path == "/admin/"
    # Every admin page offers them again, beside "Change password".
    site.get_by_role("link", name="Recovery codes").click()
    site.get_by_role("heading", name="Recovery codes").wait_for()
    assert site.locator(".recovery-codes li").all_inner_texts() == codes


@desktop_only
def test_a_recovery_code_signs_in_once(site):
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    user = make_staff("maya", group=PHYSICAL_THERAPISTS, password=PASSWORD)
    make_totp_device(user)
    StaticToken.objects.create(
        device=StaticDevice.objects.create(user=user, name="backup"), token="r3covery9"
    )

    def with_recovery_code():
        site.context.clear_cookies()
        site.goto(site.base + "/admin/")
        site.fill("#id_auth-username", "maya")
        site.fill("#id_auth-password", PASSWORD)
        site.get_by_role("button", name="Next").click()
        site.get_by_role("button", name="Use Backup Token").click()
        site.fill("#id_backup-otp_token", "r3covery9")
        with site.expect_navigation():
            site.get_by_role("button", name="Next").click()
        site.goto(site.base + "/admin/questions/question/")
        return urlsplit(site.url).path == "/admin/questions/question/"

    assert with_recovery_code()
    assert not with_recovery_code()  # used up

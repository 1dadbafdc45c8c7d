"""The admin's user tools offer the recovery codes on every admin page, Django's own
password pages included (the walk found them missing there)."""

import pytest

from portal.roles import PHYSICAL_THERAPISTS
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", ["/admin/", "/admin/questions/question/", "/admin/password_change/",
             "/admin/password_change/done/"],
)  # fmt: skip
def test_every_admin_page_links_the_recovery_codes(client, path):
    client.force_login(make_staff("maya", group=PHYSICAL_THERAPISTS, password="a-long-pass-1"))
    page = client.get(path).content.decode()
    assert '<a href="/admin/account/two_factor/backup/tokens/">Recovery codes</a>' in page
    assert "View site" in page and "Log out" in page

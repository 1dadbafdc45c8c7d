"""The admin as a PT and the front desk use it every day: axe-core with the same WCAG
A/AA rules as the public pages, zero violations, at desktop width.

The article and question change pages are not here: their many-to-many pickers are
Django's bundled select2 and SelectFilter widgets, whose own markup axe flags (an
unnamed search box, a <span> inside a <ul>, aria-label on a plain <span>). Our own
parts of those pages (labels of inline rows and of date-and-time inputs) are checked
in tests/core/test_admin_labels.py.
"""

import pytest
from django.core.management import call_command

from tests.browser.conftest import DESKTOP, sign_in_with_two_factors
from tests.browser.test_accessibility import run_axe
from tests.factories import make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-enough-password-for-axe"


def staff_pages():
    from clinic.models import Clinic
    from exercises.models import Exercise

    return [
        "/admin/",
        "/admin/questions/question/",
        "/admin/questions/question/?queue=all",
        "/admin/education/article/",
        "/admin/exercises/exercise/",
        f"/admin/exercises/exercise/{Exercise.objects.first().pk}/change/",
        "/admin/exercises/exercise/add/",
        "/admin/clinic/appointmentrequest/",
        f"/admin/clinic/clinic/{Clinic.objects.first().pk}/change/",
        "/admin/password_change/",
    ]


@pytest.fixture
def signed_in(live_server, page, settings):
    settings.DEBUG = False
    call_command("seed_demo", verbosity=0)
    make_staff("axe-admin", password=PASSWORD, superuser=True)
    page.set_viewport_size(DESKTOP)
    sign_in_with_two_factors(page, live_server.url, "axe-admin", PASSWORD)
    page.base = live_server.url
    return page


def test_the_staff_pages_pass_axe(signed_in):
    failures = {}
    for path in staff_pages():
        response = signed_in.goto(signed_in.base + path)
        assert response.status == 200, path
        violations, rules = run_axe(signed_in)
        assert len(rules) > 30, path
        if violations:
            failures[path] = violations
    assert failures == {}

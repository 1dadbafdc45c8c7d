import pytest

from portal.roles import PHYSICAL_THERAPISTS
from tests.factories import make_staff, make_therapist


@pytest.fixture
def pt(client):
    """A physical therapist signed in to the admin, named on the answers they write."""
    user = make_staff("maya", group=PHYSICAL_THERAPISTS)
    user.email = "maya@clinic.example.com"
    user.save()
    make_therapist(name="Maya Okafor", credentials="PT, DPT", user=user)
    client.force_login(user)
    return user

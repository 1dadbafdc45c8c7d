import pytest

from portal.roles import PHYSICAL_THERAPISTS
from tests.factories import make_exercise, make_staff


@pytest.fixture
def pt(client):
    """A physical therapist signed in to the admin."""
    user = make_staff("maya", group=PHYSICAL_THERAPISTS)
    user.first_name, user.email = "Maya", "maya@clinic.example.com"
    user.save()
    client.force_login(user)
    return user


@pytest.fixture
def exercises(db):
    return [
        make_exercise(name="Hip hike", days_per_week=5, sets=2, reps=10),
        make_exercise(name="Runner's march", days_per_week=5, reps=12),
        make_exercise(name="Wall sit", days_per_week=3, hold_seconds=30),
    ]

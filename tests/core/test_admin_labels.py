"""Admin inputs that Django leaves without a label name themselves (clinic/admin.py)."""

import re

import pytest

from tests.factories import make_exercise

pytestmark = pytest.mark.django_db


def aria_labels(html):
    return re.findall(r'aria-label="([^"]+)"', html)


def test_each_step_of_an_exercise_is_named_by_its_column_and_row(admin_client, regions):
    exercise = make_exercise(name="Clamshell", steps=("Lie on your side.", "Lift the knee."))
    html = admin_client.get(f"/admin/exercises/exercise/{exercise.pk}/change/").content.decode()
    labels = aria_labels(html)
    for row in (1, 2):
        assert f"Order, row {row}" in labels
        assert f"Text, row {row}" in labels
        assert f"Delete, row {row}" in labels


def test_an_articles_publish_date_and_time_are_named(admin_client):
    labels = aria_labels(admin_client.get("/admin/education/article/add/").content.decode())
    assert "Publish on: date" in labels
    assert "Publish on: time" in labels

"""Each exercise's own line drawing: start and end position, described, on every page it is on."""

import io
import re

import pytest
from django.core.management import call_command

from exercises import demo
from exercises.drawings import DRAWINGS, svg
from exercises.models import Exercise
from tests.factories import make_exercise, make_program

pytestmark = pytest.mark.django_db


def drawings_in(html):
    """The accessible names of the line drawings on a page."""
    return re.findall(r'<svg class="exercise-drawing"[^>]* role="img" aria-label="([^"]+)"', html)


def test_every_demo_exercise_has_its_own_drawing_of_start_and_end():
    assert {data["slug"] for data in demo.EXERCISES} <= set(DRAWINGS)
    pictures = [svg(key) for key in DRAWINGS]
    assert len(set(pictures)) == len(pictures)
    for key, drawing in DRAWINGS.items():
        picture = str(svg(key))
        assert ">Start</text>" in picture and ">End</text>" in picture, key
        assert drawing.alt.startswith(("Start:", "Seen from", "A bare foot")), key
        assert "Start" in drawing.alt and "End" in drawing.alt, key
        # Several drawings on one page: no ids to repeat, and nothing the CSP refuses.
        assert " id=" not in picture and "style=" not in picture and "<script" not in picture


def test_the_drawing_is_on_the_card_the_page_the_handouts_and_the_program(client):
    call_command("seed_demo", "--no-users", stdout=io.StringIO())
    wall_sit = Exercise.objects.get(slug="wall-sit")
    described = DRAWINGS["wall-sit"].alt
    # On a card the drawing is decorative: the exercise's name beside it says what it is.
    listing = client.get("/exercises/").content.decode()
    assert drawings_in(listing) == []
    assert listing.count('<svg class="exercise-drawing"') == Exercise.objects.count()
    assert listing.count('aria-hidden="true" focusable="false">') >= Exercise.objects.count()
    assert drawings_in(client.get("/exercises/wall-sit/").content.decode()) == [described]
    assert drawings_in(client.get("/exercises/wall-sit/print/").content.decode()) == [described]
    article = client.get("/articles/knock-knees/print/").content.decode()
    assert described in drawings_in(article)
    program = make_program(exercises=[wall_sit, Exercise.objects.get(slug="hip-hike")])
    page = client.get(program.patient_url()).content.decode()
    assert drawings_in(page) == [described, DRAWINGS["hip-hike"].alt]


def test_an_exercise_without_a_drawing_keeps_the_plain_picture(client, regions):
    make_exercise(slug="new-one", name="New one", regions=[regions["knee"]])
    page = client.get("/exercises/new-one/").content.decode()
    assert drawings_in(page) == []
    assert "exercise-placeholder" not in page  # the page shows no empty picture
    assert "exercise-placeholder" in client.get("/exercises/").content.decode()


def test_staff_pick_a_drawing_in_the_admin(admin_client, regions):
    exercise = make_exercise(slug="new-one", name="New one", regions=[regions["knee"]])
    form = admin_client.get(f"/admin/exercises/exercise/{exercise.pk}/change/").content.decode()
    assert 'name="drawing"' in form and "Wall sit" in form
    # Who checked the exercise and against what, kept beside it for staff.
    assert 'name="checked_by"' in form and 'name="checked_against"' in form

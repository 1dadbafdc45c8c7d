"""An exercise's precautions travel with it: its card wherever it is listed, its page, its
handout, the combined printout and the program printout; and an article can say which of
its exercises to leave out or wait with for its problem."""

import re

import pytest

from education.models import ExerciseCaution
from tests.factories import make_article, make_exercise, make_program, make_question

pytestmark = pytest.mark.django_db

CAREFUL = "Always hold on to something."


@pytest.fixture
def hike():
    return make_exercise(
        name="Hip hike", slug="hip-hike", precautions=CAREFUL, progression="Go a bit higher."
    )


def test_the_card_shows_the_precautions_on_every_list(client, hike):
    article = make_article(slug="weak-hips")
    article.exercises.set([hike])
    question = make_question()
    question.related_exercises.set([hike])
    for url in ("/exercises/", article.get_absolute_url(), question.get_absolute_url()):
        page = client.get(url).content.decode()
        card = page.split('class="card exercise-card', 1)[1].split("</article>", 1)[0]
        text = re.sub(r"<[^>]+>", "", card)  # what the card reads, without its markup
        assert f"Be careful: {CAREFUL}" in text, url


def test_every_printout_carries_the_precautions(client, hike):
    article = make_article(slug="weak-hips")
    article.exercises.set([hike])
    program = make_program(exercises=[hike])
    for url in (
        "/exercises/hip-hike/",
        "/exercises/hip-hike/print/",
        "/articles/weak-hips/print/",
        f"/my-program/{program.link_key}/",
        f"/my-program/{program.link_key}/print/",
    ):
        assert CAREFUL in client.get(url).content.decode(), url


def test_an_article_marks_an_exercise_to_wait_with_on_its_card_and_printout(client, hike):
    bridge = make_exercise(name="Glute bridge", precautions="Stop if your back hurts.")
    article = make_article(slug="side-hip-pain")
    article.exercises.set([hike, bridge])
    ExerciseCaution.objects.create(
        article=article,
        exercise=hike,
        kind=ExerciseCaution.Kind.DELAY,
        note="It squeezes the sore tendon. Start with the glute bridge.",
    )
    page = client.get("/articles/side-hip-pain/").content.decode()
    cards = page.split('class="card exercise-card')[1:]
    [hike_card] = [card for card in cards if "Hip hike" in card.split("</h3>", 1)[0]]
    [bridge_card] = [card for card in cards if "Glute bridge" in card.split("</h3>", 1)[0]]
    assert "Wait until your physical therapist says so." in hike_card
    assert "It squeezes the sore tendon." in hike_card
    assert "Wait until" not in bridge_card
    printout = client.get("/articles/side-hip-pain/print/").content.decode()
    assert "It squeezes the sore tendon." in printout
    # No "make it harder" for an exercise the reader should not do yet.
    assert "Go a bit higher." not in printout
    # Elsewhere the same exercise carries no such caution: it belongs to this article.
    assert "It squeezes" not in client.get("/exercises/hip-hike/").content.decode()

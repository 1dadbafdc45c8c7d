"""All the exercises of an article or an answer on one printout, with a QR code back."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_article, make_exercise, make_question

pytestmark = pytest.mark.django_db


def test_an_articles_exercises_print_together_with_a_qr_code_back(client):
    article = make_article(title="Knock knees", slug="knock-knees")
    hike = make_exercise(name="Hip hike", sets=2, reps=10, progression="Hold for 5 seconds.")
    draft = make_exercise(name="Secret draft", status="draft")
    article.exercises.set([hike, draft])
    page = client.get("/articles/knock-knees/").content.decode()
    assert 'href="/articles/knock-knees/print/"' in page
    printout = client.get("/articles/knock-knees/print/").content.decode()
    assert "Home exercises: Knock knees" in printout
    assert "Hip hike" in printout and "2 sets" in printout
    assert "To make it harder:</strong> Hold for 5 seconds." in printout
    assert "Secret draft" not in printout
    assert 'class="qr-code"' in printout
    assert "Call 911" in printout


def test_a_page_without_exercises_has_no_printout(client):
    make_article(slug="no-exercises")
    assert client.get("/articles/no-exercises/print/").status_code == 404
    page = client.get("/articles/no-exercises/").content.decode()
    assert "/articles/no-exercises/print/" not in page


def test_an_answers_exercises_print_together(client):
    question = make_question()
    question.related_exercises.set([make_exercise(name="Wall sit"), make_exercise(name="Clam")])
    page = client.get(question.get_absolute_url()).content.decode()
    assert f'href="{question.get_absolute_url()}print/"' in page
    printout = client.get(f"{question.get_absolute_url()}print/").content.decode()
    assert "Wall sit" in printout and "Clam" in printout
    assert "Home exercises from our answer" in printout


def test_the_printout_costs_the_same_queries_for_2_or_8_exercises(client):
    def queries(count):
        article = make_article()
        article.exercises.set([make_exercise() for _ in range(count)])
        url = f"{article.get_absolute_url()}print/"
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    assert queries(2) == queries(8)

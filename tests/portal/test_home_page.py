"""The home page the clinic chooses: featured articles, exercises and answers, in order."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.models import FeaturedAnswer, FeaturedArticle, FeaturedExercise, HomePage
from tests.factories import make_article, make_exercise, make_question

pytestmark = pytest.mark.django_db


def positions(page, *names):
    return [page.index(name) for name in names]


def test_without_choices_the_home_page_shows_the_newest_content(client):
    make_article(title="Shin splints")
    make_exercise(name="Toe curls")
    page = client.get("/").content.decode()
    assert "Shin splints" in page and "Toe curls" in page


def test_the_home_page_shows_what_staff_featured_in_their_order(client):
    home = HomePage.get_solo()
    first, second = make_article(title="Zebra knees"), make_article(title="Aardvark feet")
    make_article(title="Not featured")
    draft = make_article(title="A draft", status="draft")
    for order, article in enumerate([first, second, draft], start=1):
        FeaturedArticle.objects.create(home=home, article=article, order=order)
    FeaturedExercise.objects.create(home=home, exercise=make_exercise(name="Wall sit"), order=2)
    FeaturedExercise.objects.create(home=home, exercise=make_exercise(name="Hip hike"), order=1)
    question = make_question(public_title="Why do my knees turn in?")
    FeaturedAnswer.objects.create(home=home, question=question, order=1)
    page = client.get("/").content.decode()
    a, b = positions(page, "Zebra knees", "Aardvark feet")
    assert a < b
    hike, sit = positions(page, "Hip hike", "Wall sit")
    assert hike < sit
    assert "Why do my knees turn in?" in page
    assert "Not featured" not in page and "A draft" not in page


def test_the_home_page_costs_the_same_queries_for_1_or_6_featured_items(client):
    home = HomePage.get_solo()

    def queries(count):
        for order in range(count):
            FeaturedArticle.objects.create(home=home, article=make_article(), order=order)
            FeaturedExercise.objects.create(home=home, exercise=make_exercise(), order=order)
            FeaturedAnswer.objects.create(home=home, question=make_question(), order=order)
        client.get("/")
        with CaptureQueriesContext(connection) as captured:
            client.get("/")
        return len(captured)

    assert queries(1) == queries(5)


def test_the_demo_features_the_knock_knees_content_first(client, settings):
    settings.DEBUG = False
    call_command("seed_demo", "--no-users", verbosity=0)
    page = client.get("/").content.decode()
    assert page.index("Knock knees and pain around the kneecap") < page.index("Runner")
    assert FeaturedAnswer.objects.first().question.slug == "why-do-my-knees-turn-in-and-hurt"


def test_a_new_choice_reaches_visitors_of_the_cached_home_page(client, page_cache):
    home = HomePage.get_solo()
    make_article(title="Old news")
    assert "Old news" in client.get("/").content.decode()
    FeaturedArticle.objects.create(home=home, article=make_article(title="Fresh pick"), order=1)
    page = client.get("/").content.decode()
    assert "Fresh pick" in page and "Old news" not in page

"""The demo content a new install shows: plain language, reviewed, complete."""

import pytest
from django.core.management import call_command

from education.models import Article
from education.readability import TARGET_GRADE, reading_grade

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = False  # content only, no staff accounts
    call_command("seed_demo")


def test_every_demo_article_reads_at_grade_8_or_lower(demo):
    articles = list(Article.objects.all())
    assert len(articles) >= 5
    for article in articles:
        text = f"{article.summary} {article.plain_body()}"
        assert reading_grade(text) <= TARGET_GRADE, article.slug
        assert article.reading_grade <= TARGET_GRADE, article.slug


def test_the_knock_knees_article_is_public_and_complete(demo, client):
    article = Article.objects.get(slug="knock-knees")
    assert 3 <= article.key_points.count() <= 6
    assert article.reviewer != article.author
    assert article.red_flag_list
    response = client.get("/articles/knock-knees/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "hip" in content and "foot" in content
    assert "Reviewed by" in content

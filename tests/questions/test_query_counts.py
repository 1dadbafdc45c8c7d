"""Questions and the home page run a fixed number of queries, however much content there is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_article, make_exercise, make_question, make_therapist

pytestmark = pytest.mark.django_db


def content(count, regions):
    """A question with `count` related articles and exercises, and `count` others in its region."""
    knee = regions["knee"]
    therapist = make_therapist()
    question = make_question(region=knee, answered_by=therapist)
    question.related_articles.set([make_article(regions=[knee]) for _ in range(count)])
    question.related_exercises.set(
        [make_exercise(regions=[knee, regions["hip"]]) for _ in range(count)]
    )
    from questions.models import AnswerReference

    AnswerReference.objects.bulk_create(
        AnswerReference(question=question, order=n, citation=f"Source {n}.") for n in range(count)
    )
    for _ in range(count):
        make_question(region=knee, answered_by=therapist)
    return question


def queries(client, url):
    client.get("/ask/thanks/")  # warm the call-to-action's cached clinic
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["detail", "/questions/", "/questions/?region=knee", "/"])
def test_question_pages_and_home_run_the_same_queries_with_1_or_20_related_items(
    client, regions, django_assert_num_queries, page
):
    small = content(1, regions)
    few = queries(client, small.get_absolute_url() if page == "detail" else page)
    big = content(20, regions)  # more than a page of the list (15)
    target = big.get_absolute_url() if page == "detail" else page
    client.get(target)
    with django_assert_num_queries(few):
        assert client.get(target).status_code == 200
    if page == "detail":
        assert few == 8  # one of them: the languages it is written in (for hreflang)

"""Stored pages (clinic/stored_pages.py): read in one query, never older than the content.

The page cache is off here (tests/conftest.py), so every request goes to the view and
every page below comes from the stored page once it has been rendered.
"""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import OperationalError, connection
from django.db.models import QuerySet
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clinic import page_cache, stored_pages
from clinic.models import BodyRegion, ContentVersion
from education.models import Article, KeyPoint, Question
from education.views import ArticleDetailView
from exercises.models import Exercise
from tests.clinic.test_page_cache import admin_edit, make_published_question
from tests.factories import make_article, make_clinic, make_exercise, make_staff

pytestmark = pytest.mark.django_db


def visit(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def stored_html(model, pk):
    return model.objects.defer(None).get(pk=pk).stored_body


@pytest.fixture
def article(regions):
    article = make_article(title="Knock knees", regions=[regions["knee"]])
    article.exercises.add(make_exercise(name="Hip hike", regions=[regions["hip"]]))
    return article


def test_the_second_visit_reads_the_stored_page_in_one_query(
    client, article, django_assert_num_queries
):
    first = visit(client, article.get_absolute_url())
    assert "Hip hike" in stored_html(Article, article.pk)
    with django_assert_num_queries(1):
        assert visit(client, article.get_absolute_url()) == first


def _rename_exercise(article, regions):
    exercise = article.exercises.get()
    exercise.name = "Standing hip hike"
    exercise.save()
    return "Standing hip hike", "Hip hike<"


def _unpublish_exercise(article, regions):
    exercise = article.exercises.get()
    exercise.status = Exercise.Status.DRAFT
    exercise.save()
    return None, "Hip hike"


def _edit_key_point(article, regions):
    point = KeyPoint.objects.filter(article=article).first()
    point.text = "Most knees get better with the right exercise."
    point.save()
    return "Most knees get better with the right exercise.", "Point 0."


def _new_credentials(article, regions):
    therapist = article.author
    therapist.credentials = "PT, DPT, OCS"
    therapist.save()
    return "PT, DPT, OCS", None


def _publish_linked_question(article, regions):
    question = make_published_question(
        region=regions["knee"], public_title="Why do my knees touch?"
    )
    question.related_articles.add(article)
    return "Why do my knees touch?", None


def _rename_region(article, regions):
    region = BodyRegion.objects.get(slug="knee")
    region.name = "Knee and kneecap"
    region.save()
    return "Knee and kneecap", None


def _new_clinic_phone(article, regions):
    make_clinic(name="Riverside", phone="(312) 555-0199")
    return "555-0199", None


@pytest.mark.parametrize(
    "change",
    [
        _rename_exercise,
        _unpublish_exercise,
        _edit_key_point,
        _new_credentials,
        _publish_linked_question,
        _rename_region,
        _new_clinic_phone,
    ],
)
def test_anything_the_article_shows_changes_on_the_next_request(client, article, regions, change):
    visit(client, article.get_absolute_url())
    visit(client, article.get_absolute_url())
    present, gone = change(article, regions)
    page = visit(client, article.get_absolute_url())
    if present:
        assert present in page
    if gone:
        assert gone not in page


def test_a_change_made_by_another_process_shows_without_any_shared_cache(client, article):
    visit(client, article.get_absolute_url())
    # What another app process's save leaves behind: new rows and a raised number in the
    # database, and nothing in this process's (local memory) cache.
    Exercise.objects.filter(name="Hip hike").update(name="Standing hip hike")
    ContentVersion.raise_number()
    assert "Standing hip hike" in visit(client, article.get_absolute_url())


def test_a_write_without_signals_is_announced_in_one_call(client, article):
    visit(client, article.get_absolute_url())
    Exercise.objects.filter(name="Hip hike").update(name="Side-lying hip hike")
    assert "Side-lying hip hike" not in visit(client, article.get_absolute_url())
    page_cache.content_changed_without_signal()
    assert "Side-lying hip hike" in visit(client, article.get_absolute_url())


def test_an_article_edited_in_the_admin_shows_on_the_next_request(client, admin_client, article):
    visit(client, article.get_absolute_url())
    admin_edit(admin_client, article, title="Knees that angle inward")
    assert "Knees that angle inward" in visit(client, article.get_absolute_url())


def test_a_scheduled_answer_appears_on_its_article_when_its_time_comes(client, article, regions):
    soon = timezone.now() + timedelta(seconds=1)
    question = make_published_question(region=regions["knee"], public_title="Can I still run?")
    Question.objects.filter(pk=question.pk).update(published_at=soon)
    question.related_articles.add(article)
    assert "Can I still run?" not in visit(client, article.get_absolute_url())
    assert "Can I still run?" not in visit(client, article.get_absolute_url())
    while timezone.now() <= soon:
        pass
    assert "Can I still run?" in visit(client, article.get_absolute_url())


def test_an_exercise_page_shows_a_new_step_and_a_newly_linked_article(client, regions):
    exercise = make_exercise(name="Clamshell", regions=[regions["hip"]])
    visit(client, exercise.get_absolute_url())
    exercise.steps.create(order=9, text="Rest for ten seconds.")
    assert "Rest for ten seconds." in visit(client, exercise.get_absolute_url())
    make_article(title="Weak hips", regions=[regions["hip"]]).exercises.add(exercise)
    assert "Weak hips" in visit(client, exercise.get_absolute_url())


def test_a_question_page_shows_a_new_answer_in_its_region(client, regions):
    question = make_published_question(region=regions["knee"])
    visit(client, question.get_absolute_url())
    make_published_question(
        region=regions["knee"], slug="stairs", public_title="Why do stairs hurt?"
    )
    assert "Why do stairs hurt?" in visit(client, question.get_absolute_url())
    Question.objects.get(slug="stairs").delete()
    assert "Why do stairs hurt?" not in visit(client, question.get_absolute_url())


def test_staff_previews_are_rendered_live_and_never_stored(client, regions):
    draft = make_article(title="Shin splints", status=Article.Status.DRAFT, regions=[])
    client.force_login(make_staff(superuser=True))
    assert "Preview: this article is draft" in visit(client, draft.get_absolute_url())
    published = make_article(title="Flat feet", regions=[regions["ankle-foot"]])
    visit(client, published.get_absolute_url())
    assert stored_html(Article, draft.pk) == stored_html(Article, published.pk) == ""


def test_a_new_release_renders_the_pages_again(client, article, monkeypatch):
    visit(client, article.get_absolute_url())
    Article.objects.filter(pk=article.pk).update(stored_body="<p>old release</p>")
    assert "old release" in visit(client, article.get_absolute_url())
    monkeypatch.setattr(page_cache, "code_version", lambda: "next-release")
    page = visit(client, article.get_absolute_url())
    assert "old release" not in page and "Knock knees" in page


def test_a_busy_database_costs_the_visitor_nothing(client, article, monkeypatch):
    update = QuerySet.update

    def busy(self, **kwargs):
        if "stored_body" in kwargs:
            raise OperationalError("database is locked")
        return update(self, **kwargs)

    monkeypatch.setattr(QuerySet, "update", busy)
    assert "Hip hike" in visit(client, article.get_absolute_url())
    assert "Hip hike" in visit(client, article.get_absolute_url())
    assert stored_html(Article, article.pk) == ""


def test_the_stored_page_is_the_same_page_as_a_live_rendering(client, article, settings):
    visit(client, article.get_absolute_url())
    stored = visit(client, article.get_absolute_url())
    settings.STORED_PAGES = False
    assert visit(client, article.get_absolute_url()) == stored


def test_the_stored_page_is_sent_with_the_same_headers_as_a_live_one(client, article, settings):
    visit(client, article.get_absolute_url())
    stored = client.get(article.get_absolute_url())
    settings.STORED_PAGES = False
    live = client.get(article.get_absolute_url())
    assert {k: v for k, v in stored.items() if k != "Date"} == {
        k: v for k, v in live.items() if k != "Date"
    }


@pytest.mark.parametrize("kind", ["article", "exercise", "question"])
def test_each_host_gets_its_own_addresses_in_the_stored_page(client, article, regions, kind):
    page = {
        "article": article,
        "exercise": article.exercises.get(),
        "question": make_published_question(region=regions["knee"]),
    }[kind]
    url = page.get_absolute_url()
    for host, other in [("localhost", "127.0.0.1"), ("127.0.0.1", "localhost")] * 2:
        html = client.get(url, HTTP_HOST=host).content.decode()
        assert f"http://{host}{url}" in html  # the canonical link, share tags, JSON-LD
        assert f"http://{other}" not in html


def test_a_visitor_with_a_message_waiting_sees_it_and_nobody_else_does(client, article):
    visit(client, article.get_absolute_url())
    message = Message(constants.INFO, "We got your request.")
    client.cookies["messages"] = CookieStorage(HttpRequest())._encode([message])
    assert "We got your request." in visit(client, article.get_absolute_url())
    del client.cookies["messages"]
    assert "We got your request." not in visit(client, article.get_absolute_url())
    assert "We got your request." not in stored_html(Article, article.pk)


def test_a_stored_page_is_rendered_again_after_local_midnight(client, article, monkeypatch):
    """The footer prints the year: each page is rendered again once a day."""

    def queries_of_a_visit():
        with CaptureQueriesContext(connection) as queries:
            visit(client, article.get_absolute_url())
        return len(queries)

    visit(client, article.get_absolute_url())
    assert queries_of_a_visit() == 1
    after_midnight = page_cache.next_midnight().timestamp() + 1
    monkeypatch.setattr(stored_pages, "time", SimpleNamespace(time=lambda: after_midnight))
    assert queries_of_a_visit() > 1


def _asks_for_a_csrf_token(view, response):
    get_token(view.request)


def _sets_a_cookie(view, response):
    response.set_cookie("seen", "1")


def _is_private(view, response):
    response["Cache-Control"] = "private"


@pytest.mark.parametrize("personal", [_asks_for_a_csrf_token, _sets_a_cookie, _is_private])
def test_a_page_meant_for_one_visitor_is_never_stored(client, article, monkeypatch, personal):
    render_to_response = ArticleDetailView.render_to_response

    def personalised(self, context, **kwargs):
        response = render_to_response(self, context, **kwargs)
        personal(self, response)
        return response

    monkeypatch.setattr(ArticleDetailView, "render_to_response", personalised)
    visit(client, article.get_absolute_url())
    visit(client, article.get_absolute_url())
    assert stored_html(Article, article.pk) == ""


def test_deleting_many_answers_in_the_admin_is_one_content_change(
    client, admin_client, article, regions
):
    answers = [
        make_published_question(region=regions["knee"], slug=f"a-{n}", public_title=f"Answer {n}")
        for n in range(30)
    ]
    article.questions.add(*answers)
    assert "Answer 1" in visit(client, article.get_absolute_url())
    before = ContentVersion.objects.get().number
    response = admin_client.post(
        "/admin/education/question/?queue=all",
        {"action": "delete_selected", "_selected_action": [a.pk for a in answers], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Question.objects.exists()
    # One raise for 30 answers and their links, not 60 updates of the same row.
    assert ContentVersion.objects.get().number == before + 1
    assert "Answer 1" not in visit(client, article.get_absolute_url())


def test_a_bulk_change_inside_another_is_still_one_change(client, article):
    visit(client, article.get_absolute_url())
    before = ContentVersion.objects.get().number
    with page_cache.one_content_change():
        Exercise.objects.filter(name="Hip hike").get().delete()
        with page_cache.one_content_change():
            KeyPoint.objects.filter(article=article).delete()
        article.regions.clear()
    assert ContentVersion.objects.get().number == before + 1
    page = visit(client, article.get_absolute_url())
    assert "Hip hike" not in page and "Point 0." not in page

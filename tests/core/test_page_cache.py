"""The page cache: anonymous content pages come from the cache, and are never stale or private."""

from datetime import time, timedelta

import pytest
import time_machine
from django.db.models.fields.files import FieldFile
from django.forms import MultiWidget
from django.utils import timezone

from core.page_cache import may_store
from questions.models import Question
from tests.factories import (
    make_article,
    make_clinic,
    make_exercise,
    make_question,
    make_staff,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


@pytest.fixture(autouse=True)
def _at_noon(time_machine):
    """Each test runs from noon today: every entry ends at local midnight, so in the last
    seconds before it a page stored is gone before the test asks for it again."""
    time_machine.move_to(timezone.localtime().replace(hour=12, minute=0, second=0))


def cache_state(response):
    return response.headers.get("X-Page-Cache")


def make_published_question(region=None, **fields):
    fields.setdefault("slug", "why-do-my-knees-hurt")
    fields.setdefault("public_title", "Why do my knees hurt?")
    return make_question(region=region, **fields)


def change_form_data(response):
    """What the admin change form would send back unchanged, inlines included."""
    data = {}

    def add(form):
        for bound in form:
            value = bound.value()
            if isinstance(value, FieldFile) or value is None:
                continue
            if value is False:
                continue
            widget = bound.field.widget
            if isinstance(widget, MultiWidget):  # the admin's date + time
                for i, (sub, part) in enumerate(
                    zip(widget.widgets, widget.decompress(value), strict=True)
                ):
                    data[f"{bound.html_name}_{i}"] = sub.format_value(part) or ""
                continue
            if value is True:
                data[bound.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[bound.html_name] = [str(v) for v in value]
            else:
                data[bound.html_name] = (
                    value if isinstance(value, str) else bound.field.widget.format_value(value)
                )

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        add(formset.management_form)
        for form in formset.forms:
            add(form)
    return data


def admin_edit(admin_client, obj, **changes):
    url = f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"
    data = change_form_data(admin_client.get(url))
    data.update(changes)
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def test_the_second_anonymous_request_is_a_hit_without_any_query(
    client, regions, django_assert_num_queries
):
    article = make_article(title="Knock knees", regions=[regions["knee"]])
    first = client.get(article.get_absolute_url())
    assert cache_state(first) == "miss"
    with django_assert_num_queries(0):
        second = client.get(article.get_absolute_url())
    assert cache_state(second) == "hit"
    assert second.content == first.content
    for header in (
        "Content-Type",
        "Content-Language",
        "Content-Security-Policy",
        "X-Frame-Options",
    ):
        assert second.headers.get(header) == first.headers.get(header), header
    assert not second.cookies
    head = client.head(article.get_absolute_url())
    assert cache_state(head) == "hit" and head.content == b""


def test_every_content_page_is_a_hit_on_the_second_visit_and_search_never_is(client, regions):
    clinic = make_clinic()
    article = make_article(regions=[regions["knee"]])
    exercise = make_exercise(regions=[regions["hip"]])
    question = make_published_question(region=regions["knee"])
    pages = [
        "/",
        "/articles/",
        article.get_absolute_url(),
        "/feeds/articles/",
        "/exercises/",
        exercise.get_absolute_url(),
        exercise.get_print_url(),
        "/questions/",
        question.get_absolute_url(),
        "/clinics/",
        clinic.get_absolute_url(),
        "/sitemap.xml",
        "/robots.txt",
        "/privacy/",
    ]
    for url in pages:
        assert cache_state(client.get(url)) == "miss", url
        assert cache_state(client.get(url)) == "hit", url
    for url in ("/search/?q=knee", "/ask/", "/book/"):
        client.get(url)
        assert cache_state(client.get(url)) is None, url


def test_query_string_variants_are_separate_entries(client, regions):
    make_exercise(name="Hip hike", regions=[regions["hip"]])
    make_exercise(name="Calf raise", regions=[regions["ankle-foot"]])
    assert cache_state(client.get("/exercises/")) == "miss"
    hip = client.get("/exercises/?region=hip")
    assert cache_state(hip) == "miss"
    assert "Hip hike" in hip.content.decode() and "Calf raise" not in hip.content.decode()
    assert cache_state(client.get("/exercises/?region=hip")) == "hit"
    # Parameters no cached page knows are served fresh, never stored.
    assert cache_state(client.get("/exercises/?cachebuster=x")) is None
    # Tracking parameters say where a link was shared, not what it shows: the cached page.
    for shared in ("?utm_source=facebook&utm_medium=social", "?fbclid=IwAR0x", "?gclid=abc"):
        assert cache_state(client.get(f"/exercises/{shared}")) == "hit", shared
    tracked = client.get("/exercises/?region=hip&utm_campaign=spring")
    assert cache_state(tracked) == "hit" and "Calf raise" not in tracked.content.decode()


@pytest.mark.parametrize("path", ["/articles/knock-knees/", "/sitemap.xml", "/feeds/articles/"])
def test_the_host_headers_port_neither_multiplies_entries_nor_reaches_the_links(
    client, regions, settings, path
):
    settings.SITE_URL = "https://clinic.example.org"
    make_article(title="Knock knees", slug="knock-knees")
    first = client.get(path, HTTP_HOST="127.0.0.1:1")
    assert cache_state(first) == "miss"
    for port in range(2, 6):
        again = client.get(path, HTTP_HOST=f"127.0.0.1:{port}")
        assert cache_state(again) == "hit"
        assert again.content == first.content
    content = first.content.decode()
    assert "https://clinic.example.org/articles/knock-knees/" in content
    assert "127.0.0.1" not in content


def test_a_cached_page_answers_400_to_a_host_not_allowed(client, regions):
    article = make_article(title="Knock knees")
    assert cache_state(client.get(article.get_absolute_url())) == "miss"
    assert cache_state(client.get(article.get_absolute_url())) == "hit"
    for host in ("evil.example", "127.0.0.1:8320@evil.example"):
        response = client.get(article.get_absolute_url(), HTTP_HOST=host)
        assert response.status_code == 400, host
        assert cache_state(response) is None
        assert b"Knock knees" not in response.content


def test_an_article_changed_in_the_admin_shows_on_the_next_request(client, admin_client, regions):
    article = make_article(title="Knock knees", regions=[regions["knee"]])
    url = article.get_absolute_url()
    client.get(url)
    client.get("/articles/")
    assert cache_state(client.get(url)) == "hit"
    admin_edit(admin_client, article, title="Knees that angle inward")
    page = client.get(url)
    assert cache_state(page) == "miss"
    assert "Knees that angle inward" in page.content.decode()
    assert "Knees that angle inward" in client.get("/articles/").content.decode()


def test_an_exercise_changed_in_the_admin_shows_on_the_next_request(client, admin_client, regions):
    exercise = make_exercise(name="Hip hike", regions=[regions["hip"]])
    url = exercise.get_absolute_url()
    client.get(url)
    client.get(exercise.get_print_url())
    assert cache_state(client.get(url)) == "hit"
    admin_edit(admin_client, exercise, purpose="Wakes up the sleepy side hip muscles.")
    assert "Wakes up the sleepy side hip muscles." in client.get(url).content.decode()
    assert (
        "Wakes up the sleepy side hip muscles."
        in client.get(exercise.get_print_url()).content.decode()
    )


def test_an_exercise_linked_to_an_article_shows_on_the_article(client, regions):
    article = make_article(title="Knock knees", regions=[regions["knee"]])
    client.get(article.get_absolute_url())
    article.exercises.add(make_exercise(name="Runner's march", regions=[regions["hip"]]))
    assert "march" in client.get(article.get_absolute_url()).content.decode()


def test_a_question_changed_in_the_admin_or_the_orm_shows_on_the_next_request(
    client, admin_client, regions
):
    question = make_published_question(region=regions["knee"])
    url = question.get_absolute_url()
    client.get(url)
    client.get("/questions/")
    assert cache_state(client.get(url)) == "hit"
    admin_edit(admin_client, question, public_title="Why do my knees turn in?")
    assert "Why do my knees turn in?" in client.get(url).content.decode()
    assert "Why do my knees turn in?" in client.get("/questions/").content.decode()
    Question.objects.filter(pk=question.pk).get().delete()
    assert client.get(url).status_code == 404
    assert "Why do my knees turn in?" not in client.get("/questions/").content.decode()


def test_a_new_waiting_question_keeps_the_cache_but_a_published_one_does_not(client, regions):
    client.get("/")
    make_question(
        published=False, name="Pat", email="p@example.com", text="My knee hurts on stairs."
    )
    assert cache_state(client.get("/")) == "hit"
    make_published_question(public_title="Knee pain on stairs?")
    page = client.get("/")
    assert cache_state(page) == "miss" and "Knee pain on stairs?" in page.content.decode()


def test_a_clinic_changed_in_the_admin_shows_on_every_cached_page(client, admin_client, regions):
    clinic = make_clinic(name="Riverside", phone="(312) 555-0142")
    article = make_article(regions=[regions["knee"]])
    for url in ("/clinics/", clinic.get_absolute_url(), article.get_absolute_url()):
        client.get(url)
        assert cache_state(client.get(url)) == "hit"
    admin_edit(admin_client, clinic, phone="(312) 555-0111")
    for url in ("/clinics/", clinic.get_absolute_url(), article.get_absolute_url()):
        page = client.get(url)
        assert "555-0111" in page.content.decode() and "555-0142" not in page.content.decode()


def test_a_scheduled_article_appears_when_its_time_comes(client, regions):
    soon = timezone.now() + timedelta(minutes=10)
    make_article(title="Shin splints", publish_at=soon, regions=[regions["knee"]])
    assert "Shin splints" not in client.get("/articles/").content.decode()
    assert cache_state(client.get("/articles/")) == "hit"
    with time_machine.travel(soon + timedelta(seconds=1)):
        assert "Shin splints" in client.get("/articles/").content.decode()


def test_clinic_pages_are_kept_only_until_a_clinic_opens_or_closes():
    from clinic.views import seconds_until_hours_change

    clinic = make_clinic(hours={0: [(time(8), time(12)), (time(13), time(18))]})
    monday_morning = timezone.make_aware(timezone.datetime(2026, 11, 23, 11, 59, 30))
    assert seconds_until_hours_change([clinic], monday_morning) == 31
    monday_night = timezone.make_aware(timezone.datetime(2026, 11, 23, 19, 0))
    assert seconds_until_hours_change([clinic], monday_night) is None


def test_staff_never_get_a_cached_page_and_their_pages_are_never_stored(
    client, regions, django_assert_num_queries
):
    article = make_article(title="Knock knees", regions=[regions["knee"]])
    url = article.get_absolute_url()
    client.get(url)
    staff = make_staff(superuser=True)
    client.force_login(staff)
    article.title = "Knock knees (draft edit)"
    Article = type(article)
    Article.objects.filter(pk=article.pk).update(title=article.title)  # no signal on purpose
    for _ in range(2):
        page = client.get(url)
        assert cache_state(page) is None
        assert "(draft edit)" in page.content.decode()
    client.logout()
    client.cookies.clear()
    # The staff visits stored nothing: the anonymous entry is the one from before.
    assert cache_state(client.get(url)) == "hit"


@pytest.mark.parametrize("url", ["/ask/", "/book/", "/ask/thanks/", "/book/thanks/", "/healthz"])
def test_form_and_private_pages_are_never_cached(client, url):
    client.get(url)
    assert cache_state(client.get(url)) is None


def test_a_visitor_with_a_csrf_cookie_gets_the_cached_page_but_never_anothers_token(
    client, regions
):
    article = make_article(regions=[regions["knee"]])
    client.get(article.get_absolute_url())
    client.get("/ask/")  # sets the CSRF cookie: a patient who opened a form
    assert "csrftoken" in client.cookies
    page = client.get(article.get_absolute_url(), {"utm_source": "newsletter"})
    assert cache_state(page) == "hit"
    # A page that renders a form (a CSRF token) is never stored, with the cookie or without.
    for _ in range(2):
        ask = client.get("/ask/")
        assert cache_state(ask) is None and "csrfmiddlewaretoken" in ask.content.decode()


def test_a_page_that_rendered_a_csrf_token_is_never_stored(rf):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    request = rf.get("/articles/x/")
    request.user = None
    response = HttpResponse("<form>…</form>")
    assert may_store(request, response)
    get_token(request)
    assert not may_store(request, response)


def test_a_draft_exercise_preview_is_never_stored(client, regions):
    exercise = make_exercise(name="Secret draft", status="draft", regions=[regions["hip"]])
    staff = make_staff(superuser=True)
    client.force_login(staff)
    client.get(exercise.get_absolute_url())
    client.logout()
    client.cookies.clear()
    assert client.get(exercise.get_absolute_url()).status_code == 404


def test_the_page_cache_can_be_turned_off(client, settings, regions):
    settings.PAGE_CACHE_SECONDS = 0
    article = make_article(regions=[regions["knee"]])
    client.get(article.get_absolute_url())
    assert cache_state(client.get(article.get_absolute_url())) is None


def _warm(client, urls):
    for url in urls:
        client.get(url)
    return {url: cache_state(client.get(url)) for url in urls}


def test_saving_an_unpublished_question_or_a_draft_forgets_no_page(client, regions):
    from questions.services import assign_question, mark_spam, submit_question

    article = make_article(regions=[regions["knee"]])
    published = make_question()
    draft = make_article(status="draft")
    urls = ["/", "/articles/", article.get_absolute_url(), published.get_absolute_url()]
    assert set(_warm(client, urls).values()) == {"hit"}
    waiting = submit_question(name="Jo", email="jo@example.org", text="My knee hurts.")
    assign_question(waiting, make_staff())
    waiting.answer = "A draft answer."
    waiting.save()
    mark_spam(submit_question(name="Al", email="al@example.org", text="Buy now"))
    draft.title = "Still a draft"
    draft.save()
    assert {url: cache_state(client.get(url)) for url in urls} == dict.fromkeys(urls, "hit")


def test_editing_one_article_forgets_only_the_pages_that_show_it(client, regions):
    articles = [make_article(regions=[regions["knee"]]) for _ in range(12)]
    exercises = [make_exercise() for _ in range(12)]
    questions = [make_question() for _ in range(6)]
    edited = articles[0]
    edited.exercises.add(exercises[0])
    questions[0].related_articles.add(edited)
    other_pages = (
        [a.get_absolute_url() for a in articles[1:]]
        + [e.get_absolute_url() for e in exercises[1:]]
        + [q.get_absolute_url() for q in questions[1:]]
        + ["/clinics/", "/privacy/", "/exercises/", "/questions/"]
    )
    showing_it = [
        edited.get_absolute_url(),
        exercises[0].get_absolute_url(),  # lists it under "related articles"
        questions[0].get_absolute_url(),  # links it under "Read more"
        "/articles/",
        "/",
    ]
    assert set(_warm(client, other_pages + showing_it).values()) == {"hit"}
    edited.title = "Knock knees, rewritten"
    edited.save()
    kept = [url for url in other_pages if cache_state(client.get(url)) == "hit"]
    assert len(kept) / len(other_pages) >= 0.9, set(other_pages) - set(kept)
    for url in showing_it:
        response = client.get(url)
        assert cache_state(response) == "miss", url
        if url != "/":  # the home page shows the newest few articles only
            assert "Knock knees, rewritten" in response.content.decode(), url


def test_a_newly_published_answer_shows_at_once_on_the_article_it_links(client, regions):
    article = make_article(regions=[regions["knee"]])
    question = make_question(published=False)
    question.related_articles.add(article)
    assert cache_state(client.get(article.get_absolute_url())) == "miss"
    assert cache_state(client.get(article.get_absolute_url())) == "hit"
    question.status = Question.Status.PUBLISHED
    question.public_title = "Why do my knees click?"
    question.slug = "why-do-my-knees-click"
    question.published_at = timezone.now()
    question.save()
    page = client.get(article.get_absolute_url())
    assert cache_state(page) == "miss" and "Why do my knees click?" in page.content.decode()


def test_a_forgotten_page_is_rendered_once_while_others_get_the_previous_copy(client, regions):
    from django.core.cache import cache

    from core.page_cache import _cache_key

    article = make_article(title="Knock knees", regions=[regions["knee"]])
    url = article.get_absolute_url()
    _warm(client, [url])
    article.title = "Knock knees and kneecap pain"
    article.save()
    # Another request is rendering it right now: this one gets the previous copy.
    from django.test import RequestFactory

    cache.add(f"{_cache_key(RequestFactory().get(url))}:rendering", 1, 10)
    stale = client.get(url)
    assert cache_state(stale) == "stale" and "Knock knees</h1>" in stale.content.decode()
    cache.delete(f"{_cache_key(RequestFactory().get(url))}:rendering")
    fresh = client.get(url)
    assert cache_state(fresh) == "miss" and "Knock knees and kneecap pain" in fresh.content.decode()
    assert cache_state(client.get(url)) == "hit"


def test_a_hit_asks_the_cache_once(client, regions, monkeypatch):
    from core import page_cache

    article = make_article(regions=[regions["knee"]])
    article.exercises.set([make_exercise() for _ in range(3)])
    url = article.get_absolute_url()
    _warm(client, [url])
    calls = []
    real = page_cache.cache.get_many
    monkeypatch.setattr(page_cache.cache, "get_many", lambda keys: calls.append(keys) or real(keys))
    assert cache_state(client.get(url)) == "hit"
    assert len(calls) == 1  # the version, the page and its tags' versions together


def test_a_long_list_on_a_page_is_one_tag_and_still_forgotten(client, regions):
    exercise = make_exercise(name="Hip hike")
    articles = [make_article(regions=[regions["knee"]]) for _ in range(14)]
    for article in articles:
        article.exercises.add(exercise)
    url = exercise.get_absolute_url()
    _warm(client, [url])
    articles[5].title = "Weak hips, rewritten"
    articles[5].save()
    page = client.get(url)
    assert cache_state(page) == "miss" and "Weak hips, rewritten" in page.content.decode()

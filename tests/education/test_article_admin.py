"""Writing and reviewing articles in the admin, as a physical therapist would."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from education.models import Article, KeyPoint
from portal.roles import PHYSICAL_THERAPISTS
from tests.factories import image_file, make_article, make_staff, make_therapist

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def pt_client(client):
    client.force_login(make_staff(group=PHYSICAL_THERAPISTS))
    return client


def article_form(regions, therapist, points=3, **overrides):
    data = {
        "title": "Shin splints",
        "slug": "shin-splints",
        "summary": "Pain along the shin after running.",
        "status": "published",
        "publish_at_0": "2026-01-01",
        "publish_at_1": "09:00:00",
        "author": therapist.pk,
        "reviewer": therapist.pk,
        "last_reviewed": "2026-01-01",
        "next_review_due": "",
        "what_it_is": "Your shin hurts after you run. It often gets better with rest.",
        "regions": [regions["knee"].pk],
        "hero_alt": "",
        "key_points-TOTAL_FORMS": str(points),
        "key_points-INITIAL_FORMS": "0",
        "key_points-MIN_NUM_FORMS": "3",
        "key_points-MAX_NUM_FORMS": "6",
        "exercise_cautions-TOTAL_FORMS": "0",
        "exercise_cautions-INITIAL_FORMS": "0",
        "references-TOTAL_FORMS": "0",
        "references-INITIAL_FORMS": "0",
    }
    for i in range(points):
        data[f"key_points-{i}-order"] = str(i)
        data[f"key_points-{i}-text"] = f"Point number {i}."
    data.update(overrides)
    return data


def test_a_pt_marks_an_exercise_to_wait_with_and_its_card_says_so(pt_client, client, regions):
    from tests.factories import make_exercise

    clam = make_exercise(name="Clamshell")
    data = article_form(
        regions,
        make_therapist(),
        exercises=[clam.pk],
        **{
            "exercise_cautions-TOTAL_FORMS": "1",
            "exercise_cautions-0-exercise": str(clam.pk),
            "exercise_cautions-0-kind": "delay",
            "exercise_cautions-0-note": "It squeezes the sore tendon.",
        },
    )
    response = pt_client.post("/admin/education/article/add/", data)
    assert response.status_code == 302, response.context["errors"]
    [caution] = Article.objects.get(slug="shin-splints").exercise_cautions.all()
    assert (caution.exercise, caution.kind) == (clam, "delay")
    page = client.get("/articles/shin-splints/").content.decode()
    assert (
        "Wait until your physical therapist says so.</strong> It squeezes the sore tendon." in page
    )


def test_a_pt_writes_an_article_and_sees_its_reading_grade(pt_client, regions):
    therapist = make_therapist()
    response = pt_client.post(
        "/admin/education/article/add/", article_form(regions, therapist), follow=True
    )
    assert response.status_code == 200
    article = Article.objects.get(slug="shin-splints")
    assert article.key_points.count() == 3
    assert article.next_review_due == date(2027, 12, 31) or article.next_review_due == date(
        2028, 1, 1
    )
    change = pt_client.get(f"/admin/education/article/{article.pk}/change/").content.decode()
    assert "US school grade <strong>" in change
    assert "easy enough for most patients" in change
    assert f'href="{article.get_absolute_url()}"' in change  # the preview link


def test_things_to_know_needs_three_to_six_points(pt_client, regions):
    therapist = make_therapist()
    too_few = pt_client.post("/admin/education/article/add/", article_form(regions, therapist, 2))
    assert "Please submit at least 3 forms" in too_few.content.decode()
    too_many = pt_client.post("/admin/education/article/add/", article_form(regions, therapist, 7))
    assert "Please submit at most 6 forms" in too_many.content.decode()
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: SimpleUploadedFile("knee.jpg", b"not an image at all"), "Upload a valid image"),
        (lambda: image_file("big.png", size=(6000, 5000), fmt="PNG"), "megapixels"),
    ],
)
def test_a_bad_image_is_refused_with_a_clear_message_and_nothing_is_saved(
    pt_client, regions, upload, message
):
    therapist = make_therapist()
    data = article_form(regions, therapist, hero_image=upload(), hero_alt="A knee")
    response = pt_client.post("/admin/education/article/add/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Article.objects.exists()
    assert not KeyPoint.objects.exists()


def test_an_image_needs_alt_text(pt_client, regions):
    data = article_form(regions, make_therapist(), hero_image=image_file("knee.jpg"))
    response = pt_client.post("/admin/education/article/add/", data)
    assert "Describe the image for people who cannot see it." in response.content.decode()
    assert not Article.objects.exists()


def test_a_good_image_is_served_as_a_srcset_of_resized_copies(pt_client, client, regions):
    data = article_form(
        regions,
        make_therapist(),
        hero_image=image_file("knee.jpg", size=(1600, 1200)),
        hero_alt="A runner holding her knee",
    )
    pt_client.post("/admin/education/article/add/", data)
    article = Article.objects.get()
    content = client.get(article.get_absolute_url()).content.decode()
    assert 'alt="A runner holding her knee"' in content
    assert "-640w.webp 640w" in content and "-1280w.webp 1280w" in content
    assert article.hero_image.url not in content  # never the original


def test_review_due_filter_and_the_count_on_the_admin_index(pt_client):
    overdue = make_article(title="Old advice", last_reviewed=date(2020, 1, 1))
    make_article(title="Fresh advice")
    listing = pt_client.get("/admin/education/article/?review=due").content.decode()
    assert overdue.title in listing and "Fresh advice" not in listing
    index = pt_client.get("/admin/").content.decode()
    assert "<strong>1</strong> article past the review date" in index


def test_a_new_review_date_moves_the_next_review(pt_client, regions):
    therapist = make_therapist()
    pt_client.post("/admin/education/article/add/", article_form(regions, therapist))
    article = Article.objects.get()
    data = article_form(
        regions,
        therapist,
        last_reviewed="2026-06-01",
        next_review_due=article.next_review_due.isoformat(),
    )
    data["key_points-INITIAL_FORMS"] = "0"
    data["slug"] = "shin-splints"
    for i, point in enumerate(article.key_points.all()):
        data[f"key_points-{i}-id"] = str(point.pk)
        data[f"key_points-{i}-article"] = str(article.pk)
    data["key_points-INITIAL_FORMS"] = "3"
    pt_client.post(f"/admin/education/article/{article.pk}/change/", data)
    article.refresh_from_db()
    assert article.last_reviewed == date(2026, 6, 1)
    assert article.next_review_due == date(2026, 6, 1) + timedelta(days=730)


def test_the_reading_grade_is_computed_as_the_pt_writes(pt_client):
    from django.test import Client

    url = "/admin/education/article/reading-grade/"
    easy = pt_client.post(url, {"what_it_is": "The knee hurts. Rest it. Move it a bit."}).json()
    hard = pt_client.post(
        url,
        {
            "what_it_is": "Patellofemoral pain syndrome constitutes a multifactorial "
            "musculoskeletal condition characterised by retropatellar discomfort exacerbated "
            "by activities increasing patellofemoral compressive loading."
        },
    ).json()
    assert easy["easy"] is True and hard["easy"] is False
    assert hard["grade"] > 8 >= easy["grade"]
    assert pt_client.get(url).status_code == 405
    assert Client().post(url, {"what_it_is": "x"}).status_code == 302  # to the admin login


def test_each_save_is_a_version_a_pt_sees_what_changed_and_restores_the_first(
    pt_client, client, regions
):
    therapist = make_therapist()
    first_text = "Your shin hurts after you run. It often gets better with rest."
    pt_client.post("/admin/education/article/add/", article_form(regions, therapist))
    article = Article.objects.get(slug="shin-splints")
    points = list(article.key_points.order_by("order"))

    def edit(text):
        data = article_form(regions, therapist, what_it_is=text)
        data["key_points-INITIAL_FORMS"] = "3"
        for i, point in enumerate(points):
            data[f"key_points-{i}-id"] = str(point.pk)
            data[f"key_points-{i}-article"] = str(article.pk)
        response = pt_client.post(f"/admin/education/article/{article.pk}/change/", data)
        assert response.status_code == 302

    edit("Shin pain comes from running too much, too soon.")
    edit("A wrong text that went out by mistake.")
    assert "A wrong text" in client.get(article.get_absolute_url()).content.decode()

    history = pt_client.get(f"/admin/education/article/{article.pk}/history/").content.decode()
    versions = list(article.history.order_by("history_date"))
    assert len(versions) == 3
    assert all(v.history_user.groups.filter(name=PHYSICAL_THERAPISTS).exists() for v in versions)
    assert "first version" in history and "What it is" in history  # what each save changed

    first = versions[0]
    revert_url = f"/admin/education/article/{article.pk}/history/{first.history_id}/"
    page = pt_client.get(revert_url).content.decode()
    assert first_text in page
    response = pt_client.post(revert_url, article_form(regions, therapist, what_it_is=first_text))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.what_it_is == first_text
    public = client.get(article.get_absolute_url()).content.decode()
    assert first_text in public and "A wrong text" not in public
    assert article.history.count() == 4  # the restore is a version too


def test_a_published_article_says_updated_when_its_text_changed_after_review(client):
    article = make_article(last_reviewed=date.today() - timedelta(days=30))
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Updated on" not in page
    article.what_it_is = "New words, after the review."
    article.save()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Updated on" in page
    article.status = "draft"
    article.save()
    article.status = "published"
    article.last_reviewed = date.today()
    article.save()
    assert "Updated on" not in client.get(article.get_absolute_url()).content.decode()

"""Condition articles as patients, search engines and feed readers meet them."""

import json
import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from education.models import Article, KeyPoint, Reference
from portal.roles import FRONT_DESK, PHYSICAL_THERAPISTS
from tests.factories import make_article, make_region, make_staff, make_therapist

pytestmark = pytest.mark.django_db


def json_ld(content):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    return json.loads(match.group(1))


def test_a_published_article_shows_its_whole_anatomy(client, regions):
    author = make_therapist(name="Ana Diaz", credentials="PT, DPT")
    reviewer = make_therapist(name="Ben Cho", credentials="PT, DPT, OCS")
    article = make_article(
        title="Knock knees",
        slug="knock-knees",
        summary="Why the knee drifts in.",
        symptoms="- Pain on stairs",
        red_flags="A locked knee\nFever",
        author=author,
        reviewer=reviewer,
        regions=[regions["knee"]],
    )
    Reference.objects.create(
        article=article, order=1, citation="A guideline", url="https://doi.org/10.1/x"
    )
    content = client.get("/articles/knock-knees/").content.decode()
    assert "<h1>Knock knees</h1>" in content
    assert "Why the knee drifts in." in content
    assert "Things to Know" in content and "<li>Point 0.</li>" in content
    assert "Pain on stairs" in content
    assert "When to get help</h2>" in content and "A locked knee" in content
    assert "Ana Diaz, PT, DPT" in content and "Reviewed by Ben Cho, PT, DPT, OCS" in content
    assert 'href="https://doi.org/10.1/x"' in content
    assert "This page gives general information, not medical advice" in content
    assert (
        "Knee pain that won&#x27;t settle?" in content or "Knee pain that won't settle?" in content
    )
    assert "/book/?from=/articles/knock-knees/" in content
    assert '<meta name="description" content="Why the knee drifts in.">' in content
    assert '<link rel="canonical" href="http://testserver/articles/knock-knees/">' in content
    assert '<meta property="og:title" content="Knock knees">' in content


@pytest.mark.parametrize(
    ("status", "publish_in"),
    [
        (Article.Status.DRAFT, timedelta(days=-1)),
        (Article.Status.IN_REVIEW, timedelta(days=-1)),
        (Article.Status.PUBLISHED, timedelta(hours=1)),
    ],
)
def test_drafts_reviews_and_scheduled_articles_are_hidden_but_staff_can_preview(
    client, status, publish_in
):
    article = make_article(status=status, publish_at=timezone.now() + publish_in)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert article.title not in client.get("/articles/").content.decode()
    client.force_login(make_staff(group=FRONT_DESK))  # staff, but not an editor
    assert client.get(article.get_absolute_url()).status_code == 404
    client.force_login(make_staff(group=PHYSICAL_THERAPISTS))
    preview = client.get(article.get_absolute_url())
    assert preview.status_code == 200
    assert "The public cannot see it yet" in preview.content.decode()
    assert preview["Cache-Control"] == "private, no-store"
    assert preview["X-Robots-Tag"] == "noindex"


def test_a_scheduled_article_appears_when_its_time_comes(client):
    soon = timezone.now() + timedelta(hours=1)
    article = make_article(publish_at=soon)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert article.title not in client.get("/articles/").content.decode()
    with time_machine.travel(soon + timedelta(seconds=1)):
        assert client.get(article.get_absolute_url()).status_code == 200
        assert article.title in client.get("/articles/").content.decode()


HOSTILE = """
<script>alert('x')</script>
<img src=x onerror="alert(1)">
[click me](javascript:alert(2))
<a href="javascript:alert(3)" onclick="alert(4)">link</a>
<iframe src="https://evil.example"></iframe>
<svg onload=alert(5)></svg>
<p style="background:url(javascript:alert(6))">styled</p>
**bold stays**
"""


def test_hostile_markdown_and_html_cannot_inject_script(client):
    article = make_article(what_it_is=HOSTILE, symptoms=HOSTILE, treatment=HOSTILE)
    content = client.get(article.get_absolute_url()).content.decode()
    main = content.split('<main id="main"', 1)[1]
    assert "<script>" not in main
    assert "javascript:" not in main
    for attribute in ("onerror", "onclick", "onload", "style="):
        assert attribute not in main
    assert "<iframe" not in main and "<svg" not in main
    assert "<strong>bold stays</strong>" in main


def test_the_article_list_shows_published_articles_newest_first_and_filters_by_region(
    client, regions
):
    older = make_article(
        title="Older knee", regions=[regions["knee"]], publish_at=timezone.now() - timedelta(days=5)
    )
    newer = make_article(title="Newer hip", regions=[regions["hip"]])
    make_article(title="Secret draft", status=Article.Status.DRAFT, regions=[regions["knee"]])
    content = client.get("/articles/").content.decode()
    assert content.index(newer.title) < content.index(older.title)
    assert "Secret draft" not in content
    knee = client.get("/articles/?region=knee").content.decode()
    assert "Older knee" in knee and "Newer hip" not in knee
    assert 'href="?region=knee" aria-current="true"' in knee
    assert client.get("/articles/?region=elbow").status_code == 404


def test_the_article_list_is_paginated(client):
    for i in range(13):
        make_article(title=f"Paged {i:02d}", publish_at=timezone.now() - timedelta(hours=i + 1))
    first = client.get("/articles/").content.decode()
    assert "Page 1 of 2" in first and "Paged 12" not in first
    assert "Paged 12" in client.get("/articles/?page=2").content.decode()


def test_json_ld_is_a_medical_web_page_that_names_the_reviewer(client, regions):
    from education.models import Condition

    reviewer = make_therapist(name="Ben Cho", credentials="PT, DPT, OCS")
    article = make_article(reviewer=reviewer, title="Heel </script><script>alert(1)</script>")
    article.conditions.add(
        Condition.objects.create(name="Heel pain", slug="heel", region=regions["ankle-foot"])
    )
    content = client.get(article.get_absolute_url()).content.decode()
    data = json_ld(content)
    assert data["@type"] == "MedicalWebPage"
    assert data["reviewedBy"]["name"] == "Ben Cho"
    assert data["lastReviewed"] == article.last_reviewed.isoformat()
    assert data["about"][0]["name"] == "Heel pain"
    assert data["name"] == "Heel </script><script>alert(1)</script>"
    assert "<script>alert(1)" not in content


def test_the_sitemap_and_the_feed_list_exactly_the_public_articles(client):
    public = [make_article(title=f"Public {i}") for i in range(2)]
    hidden = [
        make_article(title="Draft one", status=Article.Status.DRAFT),
        make_article(title="Later one", publish_at=timezone.now() + timedelta(days=1)),
    ]
    sitemap = client.get("/sitemap.xml").content.decode()
    feed = client.get("/feeds/articles/").content.decode()
    for article in public:
        assert f"http://testserver{article.get_absolute_url()}" in sitemap
        assert article.title in feed
    for article in hidden:
        assert article.get_absolute_url() not in sitemap
        assert article.title not in feed
    assert sitemap.count("<loc>http://testserver/articles/") == 2  # each once, in English


def test_next_review_defaults_to_two_years_after_the_last_review():
    article = make_article()
    assert article.next_review_due == article.last_reviewed + timedelta(days=730)


def test_reading_time_and_grade_are_computed_on_save():
    easy = make_article(what_it_is="The knee hurts. Rest it. Move it a bit each day. " * 40)
    hard = make_article(
        what_it_is=(
            "Patellofemoral pain syndrome constitutes a multifactorial musculoskeletal "
            "condition characterised by retropatellar or peripatellar discomfort exacerbated "
            "by activities increasing patellofemoral joint compressive loading. "
        )
        * 5
    )
    assert easy.reading_grade < 5 < hard.reading_grade
    assert easy.reading_minutes >= 2


def _related(count, regions_count):
    """An article with `count` key points, references and conditions, and regions."""
    from clinic.models import BodyRegion
    from education.models import Condition

    regions = [make_region() for _ in range(regions_count)]
    article = make_article(key_points=0, regions=regions)
    KeyPoint.objects.bulk_create(KeyPoint(article=article, text=f"p{i}") for i in range(count))
    Reference.objects.bulk_create(
        Reference(article=article, citation=f"r{i}") for i in range(count)
    )
    from tests.factories import make_exercise

    article.exercises.set([make_exercise(regions=regions[:3]) for _ in range(min(count, 50))])
    region = BodyRegion.objects.first()
    article.conditions.set(
        [
            Condition.objects.create(name=f"c{i}", slug=f"c-{article.pk}-{i}", region=region)
            for i in range(count)
        ]
    )
    return article


@pytest.mark.parametrize("url", ["detail", "/articles/", "/articles/?region=knee", "/"])
def test_article_pages_run_the_same_number_of_queries_with_1_or_20_related_items(
    client, django_assert_num_queries, regions, url
):
    def count_queries(target):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client.get(target)  # warm the call-to-action's clinic
        with CaptureQueriesContext(connection) as queries:
            assert client.get(target).status_code == 200
        return len(queries)

    small = _related(1, 1)
    small.regions.add(regions["knee"])
    few = count_queries(small.get_absolute_url() if url == "detail" else url)
    # 20: more than a page of the lists (12), and more than a prefetch could hide.
    big = _related(20, 20)
    big.regions.add(regions["knee"])
    for _ in range(20):
        make_article(regions=[regions["knee"]])
    target = big.get_absolute_url() if url == "detail" else url
    client.get(target)
    with django_assert_num_queries(few):
        assert client.get(target).status_code == 200
    if url == "detail":
        # Among them: the exercises this article says to avoid or wait with, and the
        # languages it is written in (for hreflang).
        assert few == 11


def test_an_article_shows_its_published_exercises_with_thumbnails(client, regions):
    from exercises.models import Exercise
    from tests.factories import make_exercise

    article = make_article(exercises_intro="Try these.")
    shown = make_exercise(name="Hip hike", regions=[regions["hip"]])
    hidden = make_exercise(name="Secret draft move", status=Exercise.Status.DRAFT)
    article.exercises.set([shown, hidden])
    content = client.get(article.get_absolute_url()).content.decode()
    section = content.split("Exercises that can help")[1]
    assert "Try these." in section
    assert f'href="{shown.get_absolute_url()}"' in section
    assert "exercise-placeholder card-img-top" in section  # its picture, in the brand colour
    assert "Secret draft move" not in content
    exercise_page = client.get(shown.get_absolute_url()).content.decode()
    assert f'href="{article.get_absolute_url()}"' in exercise_page


def test_on_the_article_page_urgent_advice_and_booking_come_before_the_long_sections(
    client, regions
):
    # On a phone the page is read top to bottom: the red flags right after Things to Know,
    # and a short way to book at the top as well as the full box at the end.
    make_article(
        slug="knee-pain",
        what_it_is="A long explanation of what it is.",
        red_flags="A locked knee",
        regions=[regions["knee"]],
    )
    page = client.get("/articles/knee-pain/").content.decode()
    things, flags, body = (
        page.index("Things to Know"),
        page.index("When to get help</h2>"),
        page.index("A long explanation"),
    )
    assert things < flags < body
    quick = page.index("Book a visit with a physical therapist")
    assert page.index("<h1>") < quick < things
    assert 'href="/book/?from=/articles/knee-pain/&amp;region=knee"' in page


def test_a_long_section_folds_after_its_first_part_and_keeps_all_its_words(client, regions):
    from core.markdown import split_after_first_block

    long_list = "\n".join(
        f"- Step {n}: keep moving and build up slowly, day by day." for n in range(20)
    )
    treatment = f"Most people get better.\n\n{long_list}"
    what_it_is = " ".join(["Knees turn in."] * 60)
    make_article(slug="long", title="Long", treatment=treatment, what_it_is=what_it_is)
    page = client.get("/articles/long/").content.decode()
    treatment_html = page.split('id="section-treatment"', 1)[1].split("</section>", 1)[0]
    assert "<p>Most people get better.</p>" in treatment_html.split("<details", 1)[0]
    folded = treatment_html.split('<details class="more">', 1)[1]
    assert "<summary>Read more: treatment and self-care</summary>" in folded
    assert "Step 19: keep moving" in folded  # in the page, for search, find and print
    # "What it is" is never folded, however long.
    what_html = page.split('id="section-what_it_is"', 1)[1].split("</section>", 1)[0]
    assert "<details" not in what_html
    # Short text, or one block, is left whole.
    assert split_after_first_block("<p>Short.</p>\n<p>Also short.</p>") == (
        "<p>Short.</p>\n<p>Also short.</p>",
        "",
    )
    nested = "<ul>\n<li>a <ul><li>b</li></ul></li>\n</ul>\n<p>" + "word " * 130 + "</p>"
    first, rest = split_after_first_block(nested)
    assert first == "<ul>\n<li>a <ul><li>b</li></ul></li>\n</ul>" and rest.startswith("<p>word")


def test_on_a_wide_screen_the_side_column_follows_the_article_in_the_page(client, regions):
    make_article(slug="side", title="Side", red_flags="A hot knee")
    page = client.get("/articles/side/").content.decode()
    article_end, side = page.index("</article>"), page.index('<div class="side">')
    assert article_end < side  # a phone and a screen reader meet it after the text
    nav = page[side:].split("</nav>", 1)[0]
    for target in re.findall(r'href="#([^"]+)"', nav):
        assert f'id="{target}"' in page, target
    assert 'aria-labelledby="cta-heading"' in page[side:]

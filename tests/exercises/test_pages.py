"""The exercise list, an exercise page and its handout, as a patient's browser gets them."""

import re

import pytest
from django.conf import settings

from exercises.models import Exercise
from tests.factories import make_equipment, make_exercise, make_staff

pytestmark = pytest.mark.django_db

YOUTUBE_ID = "aB3dE5fG7hJ"
VIDEO_HOSTS = re.compile(
    r"(youtube\.com|youtube-nocookie\.com|youtu\.be|vimeo\.com|ytimg\.com|vimeocdn\.com)",
    re.IGNORECASE,
)


def names_on(response):
    return [exercise.name for exercise in response.context["exercises"]]


# --- The exercise page -----------------------------------------------------


def test_exercise_page_shows_every_part_a_patient_needs(client, regions):
    band = make_equipment(name="Resistance band", slug="band")
    exercise = make_exercise(
        name="Hip hike",
        slug="hip-hike",
        purpose="Strengthens the side hip muscles.",
        regions=[regions["knee"], regions["hip"]],
        equipment=[band],
        steps=["Stand sideways on a step.", "Let one side of the pelvis drop.", "Lift it up."],
        sets=2,
        reps=10,
        hold_seconds=2,
        times_per_day=1,
        days_per_week=5,
        difficulty=Exercise.Difficulty.MODERATE,
        precautions="Stop if you feel sharp pain in the knee.",
        video_url=f"https://youtu.be/{YOUTUBE_ID}",
        transcript="A person stands sideways on a stair.",
    )
    response = client.get("/exercises/hip-hike/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Hip hike</h1>" in html
    assert "Strengthens the side hip muscles." in html
    steps = re.findall(r"<li>(.*?)</li>", html.split('class="step-list"')[1].split("</ol>")[0])
    assert steps == [
        "Stand sideways on a step.",
        "Let one side of the pelvis drop.",
        "Lift it up.",
    ]
    for words in ("2 sets", "10 times in each set", "2 seconds", "once a day, 5 days a week"):
        assert words in html
    assert "Resistance band" in html
    assert "Moderate" in html
    assert "Stop if you feel sharp pain in the knee." in html
    assert "A person stands sideways on a stair." in html
    assert 'href="/exercises/hip-hike/print/"' in html
    assert "Please read" in html  # the medical disclaimer
    # The call-to-action names the exercise's first region in the regions' own order.
    assert "Hip pain that won't settle?" in html
    assert "region=hip" in html
    assert '<meta name="description" content="Strengthens the side hip muscles.">' in html
    assert '<link rel="canonical" href="http://testserver/exercises/hip-hike/">' in html
    assert '<meta property="og:title" content="Hip hike">' in html
    assert exercise.video_id == YOUTUBE_ID


def test_exercise_page_as_first_served_loads_nothing_from_a_video_host(client, regions):
    make_exercise(
        slug="runners-march",
        regions=[regions["hip"]],
        video_url=f"https://www.youtube.com/shorts/{YOUTUBE_ID}",
    )
    response = client.get("/exercises/runners-march/")
    html = response.content.decode()
    assert "<iframe" not in html.lower()
    # The only video-host URL is the plain link behind the play button.
    urls = re.findall(r"""(?:https?:)?//[^\s"'<>]+""", html)
    host_urls = [url for url in urls if VIDEO_HOSTS.search(url)]
    assert host_urls == [f"https://www.youtube.com/watch?v={YOUTUBE_ID}"]
    assert re.search(
        rf'<a class="[^"]*play-button[^"]*" href="https://www.youtube.com/watch\?v={YOUTUBE_ID}"',
        html,
    )
    # No image from the video host either: our placeholder stands in for a thumbnail.
    assert '<svg class="exercise-placeholder"' in html
    assert re.search(r"/static/js/exercises\.\w+\.js", html)


def test_exercise_pages_keep_to_the_content_security_policy(client, regions):
    make_exercise(slug="clamshell", regions=[regions["hip"]], video_url=f"youtu.be/{YOUTUBE_ID}")
    for url in ("/exercises/", "/exercises/clamshell/", "/exercises/clamshell/print/"):
        response = client.get(url)
        html = response.content.decode()
        assert " style=" not in html and "<style" not in html, url
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), url
        assert not response.cookies, url
    csp = client.get("/exercises/clamshell/")["Content-Security-Policy"]
    assert "frame-src https://www.youtube-nocookie.com https://player.vimeo.com" in csp


def test_a_transcript_shows_only_with_the_video_it_is_the_text_of(client, regions):
    # The demo's stand-in videos (EXAMPLE ids) are never shown, so neither is their text.
    make_exercise(
        slug="hip-hike",
        regions=[regions["hip"]],
        video_url="https://www.youtube.com/watch?v=EXAMPLE0001",
        transcript="A person stands sideways on a stair.",
    )
    html = client.get("/exercises/hip-hike/").content.decode()
    assert "play-button" not in html
    assert "Video transcript" not in html and "A person stands sideways" not in html


def test_exercise_without_video_shows_no_player(client, regions):
    make_exercise(slug="wall-sit", regions=[regions["knee"]], video_url="")
    html = client.get("/exercises/wall-sit/").content.decode()
    assert "play-button" not in html
    assert "Video transcript" not in html


def test_exercise_with_a_thumbnail_shows_our_own_resized_copy_with_its_alt_text(
    client, regions, settings, tmp_path
):
    from tests.factories import image_file

    settings.MEDIA_ROOT = tmp_path
    make_exercise(
        slug="glute-bridge",
        regions=[regions["hip"]],
        video_url=f"https://youtu.be/{YOUTUBE_ID}",
        thumbnail=image_file("bridge.jpg", size=(1280, 720)),
        thumbnail_alt="A woman on her back lifting her hips",
    )
    html = client.get("/exercises/glute-bridge/").content.decode()
    assert 'alt="A woman on her back lifting her hips"' in html
    assert re.search(r'src="/media/exercises/bridge-\d+w\.webp"', html)
    assert "exercise-placeholder" not in html
    assert '<meta property="og:image" content="http://testserver/media/exercises/' in html


# --- Drafts ------------------------------------------------------------------


def test_draft_exercise_is_hidden_from_the_public(client, regions):
    make_exercise(slug="secret-plank", name="Secret plank", status=Exercise.Status.DRAFT)
    assert client.get("/exercises/secret-plank/").status_code == 404
    assert client.get("/exercises/secret-plank/print/").status_code == 404
    assert "Secret plank" not in client.get("/exercises/").content.decode()
    assert "secret-plank" not in client.get("/sitemap.xml").content.decode()


def test_staff_can_preview_a_draft_which_is_marked_and_never_cached(client, db):
    from portal.roles import PHYSICAL_THERAPISTS, sync_groups

    sync_groups()
    make_exercise(slug="secret-plank", name="Secret plank", status=Exercise.Status.DRAFT)
    client.force_login(make_staff(group=PHYSICAL_THERAPISTS))
    response = client.get("/exercises/secret-plank/")
    assert response.status_code == 200
    assert "Draft preview." in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    assert client.get("/exercises/secret-plank/print/").status_code == 200


def test_staff_without_exercise_permission_cannot_preview_a_draft(client, db):
    make_exercise(slug="secret-plank", status=Exercise.Status.DRAFT)
    client.force_login(make_staff())
    assert client.get("/exercises/secret-plank/").status_code == 404


def test_published_exercises_are_in_the_sitemap(client, regions):
    make_exercise(slug="calf-raise")
    assert "http://testserver/exercises/calf-raise/" in client.get("/sitemap.xml").content.decode()


# --- The list and its filters -------------------------------------------------


@pytest.fixture
def library(regions):
    band = make_equipment(name="Resistance band", slug="band")
    step = make_equipment(name="Step", slug="step")
    hip, knee, foot = regions["hip"], regions["knee"], regions["ankle-foot"]
    easy, hard = Exercise.Difficulty.EASY, Exercise.Difficulty.HARD
    make_exercise(name="Clamshell", regions=[hip], equipment=[band], difficulty=easy)
    make_exercise(name="Hip hike", regions=[hip, knee], equipment=[step], difficulty=hard)
    make_exercise(name="Step-down", regions=[knee], equipment=[step], difficulty=hard)
    make_exercise(name="Wall sit", regions=[knee], difficulty=easy)
    make_exercise(name="Short foot", regions=[foot], difficulty=easy)
    make_exercise(name="Band walk draft", regions=[hip], equipment=[band], status="draft")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Clamshell", "Hip hike", "Short foot", "Step-down", "Wall sit"]),
        ("?region=hip", ["Clamshell", "Hip hike"]),
        ("?region=knee", ["Hip hike", "Step-down", "Wall sit"]),
        ("?equipment=step", ["Hip hike", "Step-down"]),
        ("?equipment=none", ["Short foot", "Wall sit"]),
        ("?difficulty=easy", ["Clamshell", "Short foot", "Wall sit"]),
        ("?region=knee&equipment=step", ["Hip hike", "Step-down"]),
        ("?region=knee&difficulty=easy", ["Wall sit"]),
        ("?region=knee&equipment=none&difficulty=easy", ["Wall sit"]),
        ("?region=hip&equipment=step&difficulty=hard", ["Hip hike"]),
        ("?region=hip&equipment=none", []),
        ("?region=ankle-foot&difficulty=hard", []),
        # Unknown values are ignored rather than failing the page.
        (
            "?region=elbow&difficulty=impossible",
            ["Clamshell", "Hip hike", "Short foot", "Step-down", "Wall sit"],
        ),
    ],
)
def test_filters_combine_and_show_only_published_exercises(client, library, query, expected):
    response = client.get("/exercises/" + query)
    assert response.status_code == 200
    assert names_on(response) == expected


def test_filter_form_works_without_javascript_and_keeps_its_state(client, library):
    html = client.get("/exercises/?region=knee&equipment=step").content.decode()
    assert (
        '<form class="exercise-filters card card-body mb-4" method="get" action="/exercises/">'
        in html
    )
    assert re.search(r'<option value="knee" selected>Knee</option>', html)
    assert re.search(r'<option value="step" selected>Step</option>', html)
    assert '<label class="form-label" for="id_region">Body region</label>' in html
    assert "2 exercises for: Knee, Step" in html
    assert 'href="/exercises/">Clear filters</a>' in html
    # Only regions and equipment that published exercises have are offered.
    assert 'value="shoulder"' not in html


def test_no_match_says_so_and_offers_the_way_back(client, library):
    html = client.get("/exercises/?region=hip&equipment=none").content.decode()
    assert "No exercises match all of these filters." in html


def test_pages_of_the_list_keep_the_filters(client, regions):
    for number in range(14):
        make_exercise(name=f"Knee move {number:02d}", regions=[regions["knee"]])
    make_exercise(name="Hip only", regions=[regions["hip"]])
    first = client.get("/exercises/?region=knee")
    assert len(first.context["exercises"]) == 12
    assert 'href="?region=knee&amp;page=2"' in first.content.decode()
    second = client.get("/exercises/?region=knee&page=2")
    assert names_on(second) == ["Knee move 12", "Knee move 13"]
    assert (
        '<link rel="canonical" href="http://testserver/exercises/?region=knee&amp;page=2">'
        in second.content.decode()
    )
    assert client.get("/exercises/?page=9").status_code == 404


# --- A fixed number of queries --------------------------------------------


def make_library(regions, count, *, steps_each):
    equipment = [make_equipment() for _ in range(min(count, 5))]
    all_regions = list(regions.values())
    for number in range(count):
        # Every exercise is for the hip and needs the first piece of equipment, plus more.
        make_exercise(
            regions=all_regions[: 1 + number % len(all_regions)],
            equipment=equipment[: 1 + number % len(equipment)],
            steps=[f"Step {n}" for n in range(steps_each)],
            video_url=f"https://youtu.be/EXAMPLE{number:04d}",
        )
    return equipment


LIST_QUERIES = 6  # count, page, regions and equipment of the page, filter choices (2)
# Rendering the page: the exercise, its steps, regions and equipment, its published
# articles and its conditions, and the languages it is written in (for hreflang).
DETAIL_QUERIES = 7
PRINT_QUERIES = 5  # no related articles; its languages too (hreflang)


@pytest.fixture(autouse=True)
def _warm_call_to_action(client, db):
    # The call-to-action's clinic is cached site-wide; count the page's own queries.
    client.get("/ask/thanks/")


@pytest.mark.parametrize("count", [1, 50])
def test_list_query_count_does_not_grow_with_the_library(
    client, regions, django_assert_num_queries, count
):
    equipment_slug = make_library(regions, count, steps_each=count)[0].slug
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get("/exercises/")
    assert len(response.context["exercises"]) == min(count, 12)
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(f"/exercises/?region=hip&difficulty=easy&equipment={equipment_slug}")
    assert len(response.context["exercises"]) == min(count, 12)


@pytest.mark.parametrize("count", [1, 50])
def test_exercise_page_query_count_does_not_grow_with_steps_or_regions(
    client, regions, django_assert_num_queries, count
):
    make_library(regions, 1, steps_each=count)
    exercise = Exercise.objects.get()
    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(exercise.get_absolute_url())
    assert response.content.decode().count("<li>Step ") == count
    with django_assert_num_queries(PRINT_QUERIES):
        client.get(exercise.get_print_url())


# --- The printable handout ------------------------------------------------


def test_handout_has_what_a_patient_takes_home(client, regions):
    make_exercise(
        name="Runner's march",
        slug="runners-march",
        purpose="Trains balance on one leg.",
        regions=[regions["hip"]],
        steps=["Stand next to a wall.", "Lift one knee to hip height."],
        sets=2,
        reps=10,
        precautions="Stop if you feel dizzy.",
        video_url=f"https://youtu.be/{YOUTUBE_ID}",
    )
    response = client.get("/exercises/runners-march/print/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Runner&#x27;s march</h1>" in html
    assert "Trains balance on one leg." in html
    assert "<li>Stand next to a wall.</li><li>Lift one knee to hip height.</li>" in html
    assert "2 sets" in html and "10 times in each set" in html
    assert "Stop if you feel dizzy." in html
    assert settings.SITE_NAME in html
    assert settings.CLINIC_PHONE in html
    assert 'href="tel:' in html
    assert "testserver/exercises/runners-march" in html  # the short URL
    assert '<meta name="robots" content="noindex">' in html
    # The QR code is our own inline SVG: no image request, no style attribute.
    svg = re.search(r"<svg[^>]*class=\"qr-code\".*?</svg>", html, re.DOTALL).group(0)
    assert 'role="img"' in svg and "aria-label=" in svg
    assert "style" not in svg
    # No video and no video-host URL on paper.
    assert "play-button" not in html
    assert not VIDEO_HOSTS.search(html)
    assert re.search(r"/static/css/handout\.\w+\.css", html)


def test_handout_qr_code_encodes_the_exercise_page(client, regions):
    import segno

    make_exercise(slug="calf-raise")
    html = client.get("/exercises/calf-raise/print/").content.decode()
    expected = segno.make("http://testserver/exercises/calf-raise/", error="m")
    path = re.search(r'<path[^>]* d="([^"]+)"', html).group(1)
    assert path in expected.svg_inline(border=2)


def test_handout_gives_the_main_clinics_own_name_and_phone(client, regions):
    from tests.factories import make_clinic

    make_clinic(name="Riverside Physical Therapy", phone="(312) 555-0142")
    exercise = make_exercise(name="Hip hike", regions=[regions["hip"]])
    html = client.get(exercise.get_print_url()).content.decode()
    assert "Riverside Physical Therapy" in html
    assert 'href="tel:3125550142"' in html


def test_an_example_video_id_shows_no_play_button_and_the_admin_warns(
    client, admin_client, regions
):
    exercise = make_exercise(
        slug="demo-march", video_url="https://www.youtube.com/watch?v=EXAMPLE0007"
    )
    page = client.get("/exercises/demo-march/").content.decode()
    assert "play-button" not in page and "EXAMPLE0007" not in page
    change = admin_client.get(f"/admin/exercises/exercise/{exercise.pk}/change/", follow=True)
    assert "example video links" in change.content.decode()
    listing = admin_client.get("/admin/exercises/exercise/").content.decode()
    assert "Example id: replace it" in listing

"""The exercise library in a real Chromium: click-to-load video, accessibility, one-page handout."""

import re
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import phone_only, third_party_requests, walk_pages
from tests.factories import make_equipment, make_exercise

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_STEPS = [
    "Stand sideways on the bottom step. Hold the rail or a wall for balance.",
    "Stand on one leg. Let the other foot hang just off the edge of the step.",
    "Keep both knees straight. Let the hanging side of your pelvis drop down a little.",
    "Now lift that side up by tightening the side of the hip you stand on. Hold for 2 seconds.",
    "Lower slowly. Keep your upper body still: the movement comes from the hip.",
    "Do all the repetitions, then switch legs.",
]


@pytest.fixture
def hip_hike(regions):
    return make_exercise(
        name="Hip hike",
        slug="hip-hike",
        purpose="Strengthens the side hip muscles that keep your knee from drifting inward.",
        regions=[regions["hip"], regions["knee"]],
        equipment=[make_equipment(name="Step or stair", slug="step")],
        steps=LONG_STEPS,
        sets=2,
        reps=10,
        hold_seconds=2,
        times_per_day=1,
        days_per_week=5,
        precautions=(
            "Stop if you feel sharp pain, or pain that is worse than a 3 out of 10 and does "
            "not settle within a day.\nAlways hold on to something. Skip this one if your "
            "balance is poor; ask your physical therapist for a version on the floor."
        ),
        video_url="https://youtu.be/aB3dE5fG7hJ",
        transcript="A person stands sideways on the bottom stair. " * 12,
        target_muscles="Side hip muscles (gluteus medius)",
    )


@phone_only
def test_pressing_play_loads_only_the_privacy_enhanced_player(site, hip_hike):
    site.goto(site.base + "/exercises/hip-hike/")
    site.wait_for_load_state("networkidle")
    assert site.locator("iframe").count() == 0
    assert third_party_requests(site) == []

    play = site.get_by_role("button", name="Play video: Hip hike")
    box = play.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    play.click()

    frame = site.locator(".video iframe")
    frame.wait_for(state="attached")
    src = frame.get_attribute("src")
    assert src == "https://www.youtube-nocookie.com/embed/aB3dE5fG7hJ?autoplay=1"
    assert frame.get_attribute("title") == "Video: Hip hike"
    assert site.evaluate("document.activeElement.tagName") == "IFRAME"
    # Offline the player cannot load; what matters is where it tried to go.
    hosts = {urlsplit(url).netloc for url in third_party_requests(site)}
    assert hosts <= {"www.youtube-nocookie.com"}


@phone_only
def test_the_video_transcript_is_there_only_with_its_video(site, hip_hike):
    site.goto(site.base + "/exercises/hip-hike/")
    heading = site.get_by_role("heading", name="Video transcript")
    assert heading.is_visible()
    site.get_by_role("link", name="Read the transcript instead").click()
    site.wait_for_url("**#transcript")
    # Scrolled to it (smoothly: the test waits for the end).
    site.wait_for_function(
        "() => { const top = document.getElementById('transcript-heading')"
        ".getBoundingClientRect().top; return top >= 0 && top < innerHeight / 2; }"
    )

    # A clinic that has not replaced the demo's stand-in link: no video, so no transcript.
    hip_hike.video_url = "https://www.youtube.com/watch?v=EXAMPLE0001"
    hip_hike.save()
    site.goto(site.base + "/exercises/hip-hike/")
    assert site.locator(".video").count() == 0
    assert site.get_by_role("heading", name="Video transcript").count() == 0
    assert site.get_by_role("heading", name="How to do it").is_visible()


def test_a_blocked_video_leaves_a_message_and_a_link_to_the_steps(page, live_server, hip_hike):
    page.route("https://www.youtube-nocookie.com/**", lambda route: route.abort("blockedbyclient"))
    page.goto(live_server.url + "/exercises/hip-hike/")
    page.get_by_role("button", name="Play video: Hip hike").click()
    note = page.locator(".video-fallback")
    assert "may be blocked" in note.inner_text()
    note.get_by_role("link", name="Follow the written steps instead").click()
    assert page.evaluate("location.hash") == "#steps"
    assert page.locator("#steps").is_visible()


def test_offline_the_play_button_says_so_instead_of_a_broken_frame(page, live_server, hip_hike):
    page.goto(live_server.url + "/exercises/hip-hike/")
    page.context.set_offline(True)
    page.get_by_role("button", name="Play video: Hip hike").click()
    assert "you seem to be offline" in page.locator(".video-fallback").inner_text()
    assert page.locator("iframe").count() == 0
    page.context.set_offline(False)


def test_without_javascript_the_play_control_is_a_link_to_the_video(browser, live_server, hip_hike):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/exercises/hip-hike/")
    link = page.get_by_role("link", name="Play video: Hip hike")
    assert link.get_attribute("href") == "https://www.youtube.com/watch?v=aB3dE5fG7hJ"
    assert page.locator("iframe").count() == 0
    context.close()


def test_exercise_pages_are_accessible_and_ask_nothing_of_another_origin(site, hip_hike):
    make_exercise(name="Wall sit", regions=[hip_hike.body_regions.last()])
    paths = [
        "/exercises/",
        "/exercises/?region=knee&equipment=none",
        "/exercises/hip-hike/",
        "/exercises/hip-hike/print/",
    ]
    assert walk_pages(site, paths) == {}


def pdf_page_count(pdf):
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_handout_prints_on_one_page(page, live_server, hip_hike, paper):
    page.goto(live_server.url + "/exercises/hip-hike/print/")
    page.emulate_media(media="print")
    assert page.locator(".site-header").is_hidden()
    assert page.locator(".qr-code").is_visible()
    pdf = page.pdf(format=paper, prefer_css_page_size=True)
    assert pdf_page_count(pdf) == 1


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_knee_answers_three_exercises_with_their_precautions_print_on_one_page(
    page, live_server, settings, paper
):
    from django.core.management import call_command

    settings.DEBUG = False  # content only
    call_command("seed_demo")
    page.goto(live_server.url + "/questions/why-do-my-knees-turn-in-and-hurt/print/")
    assert page.locator(".handout-careful").count() == 3  # each exercise's "Be careful"
    pdf = page.pdf(format=paper, prefer_css_page_size=True)
    assert pdf_page_count(pdf) == 1

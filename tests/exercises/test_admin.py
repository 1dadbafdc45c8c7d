"""The exercise admin as a physical therapist uses it."""

import pytest

from exercises.models import Exercise
from tests.factories import image_file, make_equipment, make_exercise

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/exercises/exercise/add/"


def form_data(regions, **overrides):
    data = {
        "name": "Hip hike",
        "slug": "hip-hike",
        "purpose": "Strengthens the side hip muscles.",
        "status": "published",
        "body_regions": [regions["hip"].pk, regions["knee"].pk],
        "target_muscles": "Side hip muscles",
        "difficulty": "moderate",
        "sets": "2",
        "reps": "10",
        "hold_seconds": "",
        "times_per_day": "",
        "days_per_week": "5",
        "precautions": "Stop if you feel sharp pain.",
        "video_url": "https://youtu.be/EXAMPLE0001?si=tracking",
        "transcript": "A person stands sideways on a stair.",
        "thumbnail_alt": "",
        "steps-TOTAL_FORMS": "3",
        "steps-INITIAL_FORMS": "0",
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "1000",
        "steps-0-order": "2",
        "steps-0-text": "Lift that side up.",
        "steps-1-order": "1",
        "steps-1-text": "Stand sideways on a step.",
        "steps-2-order": "0",  # the untouched extra row, as the admin posts it
        "steps-2-text": "",
        # No translation yet (the inline below the steps).
        "translations-TOTAL_FORMS": "0",
        "translations-INITIAL_FORMS": "0",
        "translations-MIN_NUM_FORMS": "0",
        "translations-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_pt_adds_an_exercise_with_ordered_steps_and_the_video_id_is_extracted(
    admin_client, regions
):
    response = admin_client.post(ADD_URL, form_data(regions))
    assert response.status_code == 302, response.context["adminform"].form.errors
    exercise = Exercise.objects.get(slug="hip-hike")
    assert [step.text for step in exercise.steps.all()] == [
        "Stand sideways on a step.",
        "Lift that side up.",
    ]
    assert (exercise.video_provider, exercise.video_id) == ("youtube", "EXAMPLE0001")
    # The stored link is the clean one, without the tracking parameter.
    assert exercise.video_url == "https://www.youtube.com/watch?v=EXAMPLE0001"
    assert exercise.days_per_week == 5 and exercise.hold_seconds is None


def test_change_page_shows_the_parsed_id_and_a_privacy_enhanced_preview(admin_client, regions):
    exercise = make_exercise(video_url="https://vimeo.com/76979871")
    html = admin_client.get(f"/admin/exercises/exercise/{exercise.pk}/change/").content.decode()
    assert "76979871" in html
    assert "Vimeo" in html
    assert '<iframe src="https://player.vimeo.com/video/76979871?dnt=1&amp;autoplay=0"' in html


def test_pt_edits_steps_inline(admin_client, regions):
    exercise = make_exercise(regions=[regions["hip"]], steps=["Old first step."])
    step = exercise.steps.get()
    data = form_data(
        regions,
        name=exercise.name,
        slug=exercise.slug,
        **{
            "steps-TOTAL_FORMS": "2",
            "steps-INITIAL_FORMS": "1",
            "steps-0-id": str(step.pk),
            "steps-0-exercise": str(exercise.pk),
            "steps-0-order": "2",
            "steps-0-text": "Now the second step.",
            "steps-1-order": "1",
            "steps-1-text": "A new first step.",
        },
    )
    data.pop("steps-2-order")
    data.pop("steps-2-text")
    response = admin_client.post(f"/admin/exercises/exercise/{exercise.pk}/change/", data)
    assert response.status_code == 302
    assert [s.text for s in exercise.steps.all()] == ["A new first step.", "Now the second step."]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("javascript:alert(1)", "This is not a web link."),
        ("https://www.youtube.com/playlist?list=PL123", "This is a YouTube playlist"),
        ("https://videos.example.com/hip.mp4", "Links to other sites cannot be shown"),
        ("https://www.youtube.com/watch?v=tooShort", "no valid video id"),
    ],
)
def test_a_wrong_video_link_is_refused_with_a_clear_message(admin_client, regions, url, message):
    response = admin_client.post(ADD_URL, form_data(regions, video_url=url))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["video_url"]
    assert message in " ".join(errors)
    assert not Exercise.objects.exists()


def test_a_video_needs_a_transcript(admin_client, regions):
    response = admin_client.post(ADD_URL, form_data(regions, transcript=""))
    assert response.status_code == 200
    assert "transcript" in response.context["adminform"].form.errors


def test_a_thumbnail_needs_alt_text(admin_client, regions, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    data = form_data(regions, thumbnail=image_file("hike.jpg"))
    response = admin_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "thumbnail_alt" in response.context["adminform"].form.errors


def test_model_save_refuses_a_hostile_link_even_without_the_form(db):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        make_exercise(video_url="javascript:alert(1)")


def test_list_filters_and_search_find_exercises(admin_client, regions):
    band = make_equipment(name="Band", slug="band")
    make_exercise(name="Clamshell", regions=[regions["hip"]], equipment=[band])
    make_exercise(name="Wall sit", regions=[regions["knee"]], status="draft")
    url = "/admin/exercises/exercise/"
    for query, shown, hidden in [
        (f"?body_regions__id__exact={regions['hip'].pk}", "Clamshell", "Wall sit"),
        (f"?equipment__id__exact={band.pk}", "Clamshell", "Wall sit"),
        ("?status__exact=draft", "Wall sit", "Clamshell"),
        ("?difficulty__exact=easy&q=wall", "Wall sit", "Clamshell"),
    ]:
        html = admin_client.get(url + query).content.decode()
        assert shown in html and hidden not in html, query


def test_equipment_cannot_take_the_slug_kept_for_no_equipment(admin_client):
    response = admin_client.post(
        "/admin/exercises/equipment/add/", {"name": "None", "slug": "none", "order": "0"}
    )
    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors

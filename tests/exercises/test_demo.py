"""The demo exercises: there, complete, plainly written, and loaded once."""

import io

import pyphen
import pytest
import textstat
from django.core.management import call_command

from exercises import demo
from exercises.models import Exercise

pytestmark = pytest.mark.django_db


def test_seed_demo_loads_the_exercises_once(client):
    call_command("seed_demo", "--no-users", stdout=io.StringIO())
    call_command("seed_demo", "--no-users", stdout=io.StringIO())
    exercises = Exercise.objects.published()
    assert exercises.count() == len(demo.EXERCISES) >= 8
    for slug in ("hip-hike", "runners-march"):
        assert client.get(f"/exercises/{slug}/").status_code == 200
        assert client.get(f"/exercises/{slug}/print/").status_code == 200
    regions = set(exercises.values_list("body_regions__slug", flat=True))
    assert {"hip", "knee", "ankle-foot"} <= regions
    for exercise in exercises.with_page():
        assert exercise.steps.count() >= 3, exercise
        assert exercise.dose(), exercise
        assert exercise.precautions and exercise.transcript, exercise
        assert exercise.video_id.startswith("EXAMPLE"), exercise


def flesch_kincaid_grade(text):
    # textstat's own syllable count needs an NLTK download; its pyphen fallback does not.
    hyphenator = pyphen.Pyphen(lang="en_US")
    words = textstat.lexicon_count(text)
    syllables = sum(
        len(hyphenator.positions(word)) + 1 for word in textstat.remove_punctuation(text).split()
    )
    return 0.39 * words / textstat.sentence_count(text) + 11.8 * syllables / words - 15.59


@pytest.mark.parametrize("data", demo.EXERCISES, ids=lambda data: data["slug"])
def test_demo_text_reads_at_us_grade_8_or_lower(data):
    text = " ".join(
        [
            data["purpose"],
            *data["steps"],
            data["precautions"],
            data["progression"],
            data["transcript"],
        ]
    )
    assert flesch_kincaid_grade(text) <= 8


def test_the_reading_level_check_does_catch_jargon():
    jargon = (
        "Patellofemoral pain syndrome is characterised by retropatellar discomfort, "
        "exacerbated by activities that increase patellofemoral compressive loading."
    )
    assert flesch_kincaid_grade(jargon) > 8

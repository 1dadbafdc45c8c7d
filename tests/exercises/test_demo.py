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


def test_one_dose_a_page_no_numbers_in_the_steps_progression_or_transcript():
    """The dose lives in the dose fields only: a patient's own dose replaces it on their
    page, so no step, progression or transcript may say another number of sets,
    repetitions, seconds, times or days."""
    from exercises.models import dose_in_words

    call_command("seed_demo", "--no-users", stdout=io.StringIO())
    exercises = list(Exercise.objects.prefetch_related("steps"))
    assert len(exercises) == len(demo.EXERCISES)
    found = {}
    for exercise in exercises:
        texts = [step.text for step in exercise.steps.all()]
        texts += [exercise.progression, exercise.transcript]
        words = [w for text in texts for w in dose_in_words(text)]
        if words:
            found[exercise.slug] = words
        assert exercise.dose(), exercise.slug
    assert found == {}
    # The check itself finds what it should.
    assert dose_in_words("Hold for 2 seconds. When 2 sets of 10 feel easy, twice a day.") == [
        "2 seconds",
        "2 sets",
        "twice a day",
    ]


def test_precautions_are_the_exercises_own_without_the_pain_rule():
    """The pages show the pain rule (core.safety) above each exercise's own cautions."""
    from core.safety import PAIN_RULE

    for data in demo.EXERCISES:
        lines = data["precautions"].splitlines()
        assert lines and all(line.strip() for line in lines), data["slug"]
        assert PAIN_RULE not in data["precautions"], data["slug"]
        assert "3 out of 10" not in data["precautions"], data["slug"]
        assert all(len(line) <= 160 for line in lines), data["slug"]


def test_the_side_hip_hold_is_its_own_exercise_dosed_as_the_leap_protocol():
    call_command("seed_demo", "--no-users", stdout=io.StringIO())
    hold = Exercise.objects.published().get(slug="side-hip-hold")
    assert hold.name == "Side-hip hold (belt)"
    assert hold.difficulty == Exercise.Difficulty.EASY
    assert list(hold.equipment.values_list("name", flat=True)) == ["Belt or strap"]
    assert list(hold.body_regions.values_list("slug", flat=True)) == ["hip"]
    # Mellor 2016 (LEAP protocol), Table 3, week 1: hold 5-10 s, 3-5 times, twice a day.
    assert (hold.reps, hold.hold_seconds, hold.times_per_day) == (5, 10, 2)
    assert hold.steps.count() >= 4 and hold.progression and hold.transcript
    assert "quarter of your strength" in " ".join(s.text for s in hold.steps.all())
    assert "Mellor 2016" in hold.checked_against and "Table 3" in hold.checked_against
    from exercises.drawings import DRAWINGS

    assert hold.drawing == ("side-hip-hold" if "side-hip-hold" in DRAWINGS else "")

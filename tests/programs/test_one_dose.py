"""One dose per page: a PT's prescribed dose is the only dose a patient reads for an
exercise, on their program page and on its printout; the steps and the progression never
carry a number that contradicts it. Run over every demo exercise, at its own default dose
and at a changed one."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils.html import escape

from exercises.models import Exercise, ExerciseStep, dose_in_words
from tests.factories import make_exercise, make_program

pytestmark = pytest.mark.django_db

CHANGED = {"sets": 4, "reps": 7, "hold_seconds": 9, "times_per_day": 2, "days_per_week": 6}


@pytest.fixture
def demo_exercises(settings):
    settings.DEBUG = False
    call_command("seed_demo")
    exercises = list(Exercise.objects.published().order_by("pk"))
    assert len(exercises) >= 9
    return exercises


def _words(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _parts(page, items, start, end):
    """{item: the text of its part of the page}."""
    parts = {}
    for item in items:
        part = page.split(start.format(pk=item.pk, name=escape(item.exercise.name)), 1)[1]
        parts[item] = _words(part.split(end, 1)[0])
    return parts


def _contradictions(text, dose_words):
    """Dose numbers in `text` that are not the prescribed dose's own words."""
    return [found for found in dose_in_words(text) if found not in dose_words]


@pytest.mark.parametrize("changed", [False, True], ids=["default dose", "changed dose"])
def test_no_number_on_the_program_page_or_printout_contradicts_the_dose(
    client, demo_exercises, changed
):
    program = make_program(exercises=demo_exercises)
    items = list(program.items.select_related("exercise"))
    if changed:
        for item in items:
            for field, value in CHANGED.items():
                setattr(item, field, value)
            item.save()
    page = client.get(f"/my-program/{program.link_key}/").content.decode()
    printout = client.get(f"/my-program/{program.link_key}/print/").content.decode()
    # What the page says of the exercise (not the week's tally of days done, below it).
    on_page = _parts(page, items, 'id="item-{pk}"', 'class="week-progress"')
    on_paper = _parts(printout, items, "<h2>{name}</h2>", "</li>\n")
    for item in items:
        dose_words = " ".join(words for _, words in item.dose())
        if changed:
            assert "4 sets" in dose_words and "9 seconds" in dose_words
        for where, text in (("page", on_page[item]), ("printout", on_paper[item])):
            assert _contradictions(text, dose_words) == [], (item.exercise.slug, where)


def test_a_step_or_progression_with_a_dose_number_is_refused():
    exercise = make_exercise(name="Wall sit")
    step = ExerciseStep(exercise=exercise, order=1, text="Hold for 20 seconds, then slide up.")
    with pytest.raises(ValidationError, match="dose fields"):
        step.full_clean()
    exercise.progression = "When 2 sets of 10 feel easy, add a set."
    with pytest.raises(ValidationError) as refused:
        exercise.full_clean()
    assert "progression" in refused.value.message_dict
    # Numbers that are not a dose stay: the pain scale, distances, ages, counts of a tempo.
    assert dose_in_words("Pain up to 3 out of 10. Feet 30 cm out. Lower, counting to three.") == []

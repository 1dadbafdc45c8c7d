"""What the site search indexes of the exercise library: published exercises (search.sources)."""

from django.utils.translation import gettext_lazy as _

from exercises.models import Exercise, ExerciseStep
from search.sources import EXERCISE_KIND, Source


def _published_exercises():
    return Exercise.objects.published().prefetch_related("body_regions", "steps")


def _exercise_steps(exercise):
    return "\n".join(exercise.step_texts)  # in the language the exercise is shown in


EXERCISES = Source(
    kind=EXERCISE_KIND,
    label=_("Exercise"),
    label_plural=_("Exercises"),
    model=Exercise,
    queryset=_published_exercises,
    title="name",
    keywords=("purpose", "target_muscles"),
    body=(_exercise_steps, "precautions", "transcript"),
    order=2,
    regions="body_regions",
    m2m=("body_regions",),
    depends_on={ExerciseStep: lambda step: [step.exercise]},
)

from django.apps import AppConfig


class ExercisesConfig(AppConfig):
    name = "exercises"
    verbose_name = "Exercise library"

    def ready(self):
        from core.page_cache import forget_pages_showing, forget_pages_when_changed
        from exercises.models import Equipment, Exercise, ExerciseStep
        from exercises.search import EXERCISES
        from search.indexing import register

        # Equipment names are on every list's filters: every page.
        forget_pages_when_changed(Equipment)
        # An exercise: the pages that show it (its own, its cards) and the lists.
        forget_pages_showing(
            Exercise,
            public=Exercise.objects.published,
            # The articles and answers that list it (relations those apps declare).
            also=lambda exercise: [*exercise.articles.all(), *exercise.questions.all()],
        )
        forget_pages_showing(ExerciseStep, parent=lambda step: Exercise(pk=step.exercise_id))

        # Its published pages in the site search (exercises/search.py).
        register(EXERCISES)

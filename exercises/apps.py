from django.apps import AppConfig


class ExercisesConfig(AppConfig):
    name = "exercises"
    verbose_name = "Exercise library"

    def ready(self):
        from core.page_cache import forget_pages_when_changed
        from exercises.models import Equipment, Exercise, ExerciseStep

        forget_pages_when_changed(Equipment, Exercise, ExerciseStep)

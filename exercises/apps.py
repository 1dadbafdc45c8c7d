from django.apps import AppConfig


class ExercisesConfig(AppConfig):
    name = "exercises"
    verbose_name = "Exercise library"

    def ready(self):
        from clinic import sitemaps
        from exercises.sitemaps import ExerciseSitemap

        sitemaps.register("exercises", ExerciseSitemap)

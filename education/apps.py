from django.apps import AppConfig


class EducationConfig(AppConfig):
    name = "education"
    verbose_name = "Education"

    def ready(self):
        from core.page_cache import forget_pages_when_changed
        from education.models import Article, Condition, KeyPoint, Reference

        forget_pages_when_changed(Condition, Article, KeyPoint, Reference)

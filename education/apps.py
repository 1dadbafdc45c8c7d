from django.apps import AppConfig


class EducationConfig(AppConfig):
    name = "education"
    verbose_name = "Education"

    def ready(self):
        from clinic.sitemaps import register
        from education.sitemaps import ArticleSitemap, QuestionSitemap

        register("articles", ArticleSitemap)
        register("questions", QuestionSitemap)

        from clinic.page_cache import register_schedule
        from education.models import next_scheduled_publication

        register_schedule(next_scheduled_publication)

        from education.search.indexing import connect_signals

        connect_signals()

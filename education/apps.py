from django.apps import AppConfig


class EducationConfig(AppConfig):
    name = "education"
    verbose_name = "Education"

    def ready(self):
        from clinic.sitemaps import register
        from education.sitemaps import ArticleSitemap, QuestionSitemap

        register("articles", ArticleSitemap)
        register("questions", QuestionSitemap)

        from education.search.indexing import connect_signals

        connect_signals()

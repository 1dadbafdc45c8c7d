from django.apps import AppConfig


class EducationConfig(AppConfig):
    name = "education"
    verbose_name = "Education"

    def ready(self):
        from core.page_cache import forget_pages_showing, forget_pages_when_changed, publishes_later
        from education.models import (
            Article,
            Condition,
            ExerciseCaution,
            KeyPoint,
            Reference,
            next_scheduled_article,
        )
        from education.search import ARTICLES
        from search.indexing import register

        # Conditions are named on articles, exercises and the search's words: every page.
        forget_pages_when_changed(Condition)
        # An article: the pages that show it (its own, answers and exercises that link
        # it) and the lists; a draft forgets nothing.
        forget_pages_showing(
            Article,
            public=Article.objects.published,
            # The exercise pages and answers that list it (a relation questions declares).
            also=lambda article: [*article.exercises.all(), *article.questions.all()],
        )
        for part in (KeyPoint, Reference, ExerciseCaution):
            forget_pages_showing(part, parent=lambda row: Article(pk=row.article_id))

        # Its published pages in the site search (education/search.py).
        register(ARTICLES)
        publishes_later(next_scheduled_article)  # the page cache's version ends when it is due

from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "questions"
    verbose_name = "Ask Our Experts"

    def ready(self):
        from core.page_cache import forget_pages_showing, publishes_later
        from questions.models import AnswerReference, Question, next_scheduled_answer
        from questions.search import QUESTIONS
        from search.indexing import register

        # A published answer: the pages that show it and the lists. A question in the
        # PT's queue (new, assigned, drafted, sent, declined, spam) is on no public page
        # and forgets nothing.
        forget_pages_showing(
            Question,
            public=Question.objects.published,
            # The articles that list it, and the answers of its region ("Other questions").
            also=lambda question: [
                *question.related_articles.all(),
                f"questions.question:region:{question.region_id}",
            ],
        )
        forget_pages_showing(AnswerReference, parent=lambda row: Question(pk=row.question_id))

        # Its published pages in the site search (questions/search.py).
        register(QUESTIONS)
        publishes_later(next_scheduled_answer)  # the page cache's version ends when it is due

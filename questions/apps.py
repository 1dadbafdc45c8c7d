from django.apps import AppConfig


def question_saved(sender, instance, created=False, **kwargs):
    """A new question from the ask form waits in the queue: it is on no public page."""
    from core.page_cache import content_changed

    if created and instance.status != instance.Status.PUBLISHED:
        return
    content_changed(sender, **kwargs)


class QuestionsConfig(AppConfig):
    name = "questions"
    verbose_name = "Ask Our Experts"

    def ready(self):
        from core.page_cache import forget_pages_when_changed
        from questions.models import AnswerReference, Question

        forget_pages_when_changed(Question, saved=question_saved)
        forget_pages_when_changed(AnswerReference)

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
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from core.page_cache import content_changed
        from questions.models import Question

        post_save.connect(question_saved, sender=Question, dispatch_uid="page-cache-question")
        post_delete.connect(content_changed, sender=Question, dispatch_uid="page-cache-question")
        for through in (Question.related_articles.through, Question.related_exercises.through):
            m2m_changed.connect(
                content_changed,
                sender=through,
                dispatch_uid=f"page-cache-{through._meta.label_lower}",
            )

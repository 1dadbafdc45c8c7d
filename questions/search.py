"""What the site search indexes of Ask Our Experts: published answers (search.sources).

Only public fields: the asker's name, email, original text and reference are never
copied into the index, nor even loaded.
"""

from django.utils.translation import gettext_lazy as _

from core.markdown import plain_text
from questions.models import Question
from search.sources import Source


def _published_questions():
    return (
        Question.objects.filter(status=Question.Status.PUBLISHED, published_at__isnull=False)
        .exclude(slug=None)
        .select_related("region")
        .prefetch_related("related_exercises")
        # The asker's data is not even loaded.
        .defer("name", "email", "text", "decline_reason")
    )


QUESTIONS = Source(
    kind="question",
    label=_("Question"),
    label_plural=_("Answered questions"),
    model=Question,
    queryset=_published_questions,
    title="public_title",
    keywords=("public_text", "key_points"),
    body=(lambda q: plain_text(q.answer),),
    order=3,
    regions="region",
    public_from="published_at",
    m2m=("related_exercises",),
    exercises=lambda question: [e.pk for e in question.related_exercises.all()],
    may_be_indexed=lambda question: question.status == question.Status.PUBLISHED,
    suggest_label=_("Answered question"),
)

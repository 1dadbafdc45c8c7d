from django import template
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.db.models import Count, Min

from education.models import Article
from questions.models import Question

register = template.Library()


@register.inclusion_tag("admin/staff_dashboard.html", takes_context=True)
def staff_dashboard(context):
    """What needs a person's attention, at the top of the admin index."""
    user = context["request"].user
    items = []
    if user.has_perm("questions.view_question"):
        waiting = Question.objects.waiting().aggregate(count=Count("pk"), oldest=Min("created_at"))
        items.append(
            {
                "count": waiting["count"],
                "text": f"question{'s' if waiting['count'] != 1 else ''} waiting for an answer",
                "detail": f"the oldest arrived {naturaltime(waiting['oldest'])}"
                if waiting["oldest"]
                else "",
                "url": "questions/question/",
                "urgent": waiting["count"] > 0,
            }
        )
    if user.has_perm("education.view_article"):
        overdue = Article.objects.due_for_review().count()
        items.append(
            {
                "count": overdue,
                "text": f"article{'s' if overdue != 1 else ''} past the review date",
                "url": "education/article/?review=due",
                "urgent": overdue > 0,
            }
        )
    return {"items": items}

from django import template

from education.models import Article

register = template.Library()


@register.inclusion_tag("admin/staff_dashboard.html", takes_context=True)
def staff_dashboard(context):
    """What needs a person's attention, at the top of the admin index."""
    user = context["request"].user
    items = []
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

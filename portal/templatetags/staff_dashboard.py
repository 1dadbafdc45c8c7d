from django import template
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.db.models import Count, Min, Q
from django.urls import reverse

from clinic.models import AppointmentRequest
from core.models import OutboundEmail
from education.models import Article
from programs.models import Program
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
                "url": reverse("admin:questions_question_changelist"),
                "urgent": waiting["count"] > 0,
            }
        )
        drafts = Question.objects.filter(status=Question.Status.DRAFTED).count()
        items.append(
            {
                "count": drafts,
                "text": f"answer{'s' if drafts != 1 else ''} drafted, not sent to the patient",
                "url": reverse("admin:questions_question_changelist") + "?status__exact=drafted",
                "urgent": drafts > 0,
            }
        )
    if user.has_perm("programs.view_program"):
        flagged = Program.objects.needing_attention().count()
        items.append(
            {
                "count": flagged,
                "text": f"home exercise program{'s' if flagged != 1 else ''} to look at",
                "detail": "pain above the rule, too hard, or nothing logged for a week"
                if flagged
                else "",
                "url": reverse("admin:programs_program_changelist") + "?attention=yes",
                "urgent": flagged > 0,
            }
        )
    if user.has_perm("clinic.view_appointmentrequest"):
        new = AppointmentRequest.objects.filter(status=AppointmentRequest.Status.NEW).aggregate(
            count=Count("pk"), oldest=Min("created_at")
        )
        items.append(
            {
                "count": new["count"],
                "text": f"new appointment request{'s' if new['count'] != 1 else ''} to call back",
                "detail": f"the oldest arrived {naturaltime(new['oldest'])}"
                if new["oldest"]
                else "",
                "url": reverse("admin:clinic_appointmentrequest_changelist") + "?status__exact=new",
                "urgent": new["count"] > 0,
            }
        )
    if user.has_perm("education.view_article"):
        overdue = Article.objects.due_for_review().count()
        items.append(
            {
                "count": overdue,
                "text": f"article{'s' if overdue != 1 else ''} past the review date",
                "url": reverse("admin:education_article_changelist") + "?review=due",
                "urgent": overdue > 0,
            }
        )
    if user.has_perm("core.view_outboundemail"):
        # Emails the mail server keeps refusing, or that were given up on: a person looks.
        failing = OutboundEmail.objects.filter(
            Q(status=OutboundEmail.Status.FAILED)
            | Q(status=OutboundEmail.Status.QUEUED, attempts__gt=0)
        ).count()
        if failing:
            items.append(
                {
                    "count": failing,
                    "text": f"email{'s' if failing != 1 else ''} not delivered yet",
                    "detail": "the mail server refused them; see the last error on each",
                    "url": reverse("admin:core_outboundemail_changelist"),
                    "urgent": True,
                }
            )
    return {"items": items}

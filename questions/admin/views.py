"""The answer's workflow pages in the admin, each showing first exactly what will leave:
the email to the patient (`send_view`) and the public page (`publish_view`).
QuestionAdmin routes to them (`get_urls`)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from core import audit
from core.models import AccessRecord
from questions import services
from questions.models import Question


def _question_or_404(model_admin, request, object_id, perm):
    question = model_admin.get_object(request, object_id)
    if question is None:
        raise Http404("No such question")
    if not request.user.has_perm(perm):
        raise PermissionDenied
    return question


def _change_url(question):
    return reverse("admin:questions_question_change", args=[question.pk])


def send_view(model_admin, request, object_id):
    """What the patient will receive, then "Send to patient" (POST)."""
    question = _question_or_404(model_admin, request, object_id, "questions.change_question")
    problems = services.check_sendable(question)
    if request.method == "POST" and not problems:
        services.send_answer(question, by=request.user)
        audit.record(request, AccessRecord.Action.EMAIL, question, detail="answer sent")
        model_admin.message_user(
            request,
            f"Sent: {question.first_name or 'the patient'} gets an email with a link to "
            "the answer. Later edits show on their page without a new email.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(_change_url(question))
    subject, body = services.answer_email_preview(question)
    audit.record(request, AccessRecord.Action.VIEW, question, detail="the email to send")
    return TemplateResponse(
        request,
        "admin/questions/question/send.html",
        {
            **model_admin.admin_site.each_context(request),
            "title": f"Send the answer to question {question.reference}",
            "question": question,
            "problems": problems,
            "subject": subject,
            "body": body,
            "opts": model_admin.model._meta,
            "original": question,
            "change_url": _change_url(question),
        },
    )


def publish_view(model_admin, request, object_id):
    """A preview of the public page and the checks, then "Publish" (POST)."""
    question = _question_or_404(model_admin, request, object_id, "questions.publish_question")
    if request.method == "POST" and "unpublish" in request.POST:
        if question.status == Question.Status.PUBLISHED:
            services.unpublish_question(question)
            model_admin.message_user(request, "Taken off the site.", messages.SUCCESS)
        return HttpResponseRedirect(_change_url(question))
    problems = (
        [] if question.status == Question.Status.PUBLISHED
        else services.check_publishable(question, by=request.user)
    )  # fmt: skip
    if request.method == "POST" and not problems:
        services.publish_question(question, by=request.user)
        audit.record(request, AccessRecord.Action.PUBLISH, question)
        model_admin.message_user(
            request,
            format_html('Published: <a href="{0}">{0}</a>', question.get_absolute_url()),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(_change_url(question))
    return TemplateResponse(
        request,
        "admin/questions/question/publish.html",
        {
            **model_admin.admin_site.each_context(request),
            "title": f"Publish question {question.reference}",
            "question": question,
            "problems": problems,
            "opts": model_admin.model._meta,
            "original": question,
            "change_url": _change_url(question),
        },
    )

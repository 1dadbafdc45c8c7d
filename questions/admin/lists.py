"""The question queue in the admin: its filters, its columns and its actions (assign,
spam, decline, erase), which act only where they make sense."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils import timezone

from questions import services
from questions.admin.forms import DeclineForm


class QueueFilter(admin.SimpleListFilter):
    """The queue opens on the questions still waiting; everything else is one click away."""

    title = "queue"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [("all", "Everything")]

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": "Not sent yet (new, assigned, drafted)",
        }
        yield {
            "selected": self.value() == "all",
            "query_string": changelist.get_query_string({self.parameter_name: "all"}),
            "display": "Everything",
        }

    def queryset(self, request, queryset):
        if self.value() == "all" or any(key.startswith("status") for key in request.GET):
            return queryset
        return queryset.not_sent()


class AssignedToMeFilter(admin.SimpleListFilter):
    title = "assignment"
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("yes", "Assigned to me"), ("nobody", "Not assigned")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(assigned_to=request.user)
        if self.value() == "nobody":
            return queryset.filter(assigned_to__isnull=True)
        return queryset


class QueueColumnsAndActions:
    """The queue's columns and actions, mixed into QuestionAdmin."""

    @admin.display(description="question")
    def short_text(self, obj):
        return (obj.public_title or obj.text or "(erased)")[:80]

    @admin.display(description="waited", ordering="created_at")
    def waited(self, obj):
        end = obj.closed_at or timezone.now()
        hours = int((end - obj.created_at).total_seconds() // 3600)
        return f"{hours // 24} d {hours % 24} h" if hours >= 24 else f"{hours} h"

    @admin.action(description="Assign to me")
    def assign_to_me(self, request, queryset):
        for question in queryset:
            services.assign_question(question, request.user)
        self.message_user(request, f"{queryset.count()} question(s) assigned to you.")

    def _only_not_sent(self, request, queryset, doing):
        """The chosen questions that have no answer yet; the others are named and left."""
        skipped = list(
            queryset.exclude(pk__in=queryset.not_sent()).values_list("reference", flat=True)
        )
        if skipped:
            self.message_user(
                request,
                f"Not {doing} (they have an answer already, or are closed): "
                f"{', '.join(skipped)}. Only questions not sent yet can be {doing}.",
                messages.WARNING,
            )
        return queryset.not_sent()

    def _each(self, request, queryset, act):
        """`act` on each question; one another PT answered meanwhile is named, not acted on."""
        done = 0
        for question in queryset:
            try:
                act(question)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.WARNING)
            else:
                done += 1
        return done

    @admin.action(description="Mark as spam (only questions not sent yet)")
    def mark_as_spam(self, request, queryset):
        queryset = self._only_not_sent(request, queryset, "marked as spam")
        done = self._each(request, queryset, services.mark_spam)
        if done:
            self.message_user(request, f"{done} question(s) marked as spam.")

    @admin.action(description="Decline (only questions not sent yet; the patient is told why)")
    def decline(self, request, queryset):
        answered = queryset.exclude(pk__in=queryset.not_sent())
        if "apply" in request.POST:
            form = DeclineForm(request.POST)
            if form.is_valid():
                queryset = self._only_not_sent(request, queryset, "declined")
                reason = form.cleaned_data["reason"]
                done = self._each(
                    request, queryset, lambda q: services.decline_question(q, reason=reason)
                )
                if done:
                    self.message_user(
                        request, f"{done} question(s) declined; the patients are emailed."
                    )
                return None
        else:
            form = DeclineForm()
        return TemplateResponse(
            request,
            "admin/questions/question/decline.html",
            {
                **self.admin_site.each_context(request),
                "title": "Decline questions",
                "questions": queryset.not_sent(),
                "left_alone": answered,
                "form": form,
                "opts": self.model._meta,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.action(description="Erase the asker's name, email and unpublished text")
    def erase_asker_data(self, request, queryset):
        for question in queryset:
            services.erase_personal_data(question)
        self.message_user(request, f"Personal data erased from {queryset.count()} question(s).")

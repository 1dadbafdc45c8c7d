"""The question queue in the admin, where physical therapists answer."""

from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html, linebreaks
from django.utils.safestring import mark_safe

from core.admin import DeleteAsOneContentChange
from questions import services
from questions.models import Question


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
            "display": "Waiting (new or assigned)",
        }
        yield {
            "selected": self.value() == "all",
            "query_string": changelist.get_query_string({self.parameter_name: "all"}),
            "display": "Everything",
        }

    def queryset(self, request, queryset):
        if self.value() == "all" or any(key.startswith("status") for key in request.GET):
            return queryset
        return queryset.waiting()


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


class QuestionAdminForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = "__all__"  # noqa: DJ007 - the fieldsets below choose what shows
        widgets = {
            "things_to_know": forms.Textarea(attrs={"rows": 6}),
            "answer": forms.Textarea(attrs={"rows": 14}),
            "public_text": forms.Textarea(attrs={"rows": 5}),
            "decline_reason": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_things_to_know(self):
        text = self.cleaned_data["things_to_know"]
        if text.strip() or self.data.get("answer", "").strip():
            services.check_key_points(text)
        return text

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Question.Status.PUBLISHED and (
            "status" in self.changed_data or self.instance.status == Question.Status.PUBLISHED
        ):
            draft = Question(
                may_publish=self.instance.may_publish,
                answer=cleaned.get("answer", ""),
                public_title=cleaned.get("public_title", ""),
                public_text=cleaned.get("public_text", ""),
                slug=cleaned.get("slug"),
            )
            problems = services.check_publishable(draft, by=self.request.user)
            if problems:
                raise forms.ValidationError(["This question cannot be published yet:", *problems])
        return cleaned


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label="Why we cannot answer (the patient reads this)",
        widget=forms.Textarea(attrs={"rows": 4, "cols": 70}),
        initial=(
            "Your question needs an examination to answer safely, so we cannot answer it "
            "by email. We would be glad to see you at the clinic."
        ),
    )


@admin.register(Question)
class QuestionAdmin(DeleteAsOneContentChange, admin.ModelAdmin):
    form = QuestionAdminForm
    list_display = ["reference", "short_text", "status", "region", "waited", "assigned_to"]
    list_display_links = ["reference", "short_text"]
    list_filter = [QueueFilter, "status", "region", AssignedToMeFilter, "assigned_to"]
    search_fields = ["reference", "text", "public_title", "public_text"]
    ordering = ["created_at"]
    list_select_related = ["region", "assigned_to"]
    autocomplete_fields = ["related_articles", "related_exercises"]
    prepopulated_fields = {"slug": ["public_title"]}
    readonly_fields = [
        "reference",
        "created_at",
        "waited",
        "name",
        "email",
        "patient_question",
        "may_publish",
        "answered_by",
        "answered_at",
        "published_at",
        "public_link",
    ]
    actions = ["assign_to_me", "mark_as_spam", "decline", "erase_asker_data"]
    save_on_top = True
    fieldsets = [
        (
            "The patient's question",
            {
                "fields": [
                    ("reference", "created_at", "waited"),
                    ("name", "email"),
                    "patient_question",
                    ("region", "may_publish"),
                ]
            },
        ),
        ("Who works on it", {"fields": [("status", "assigned_to")]}),
        (
            "Your answer",
            {
                "description": "Saving an answer emails it to the patient once, with your name.",
                "fields": [
                    "things_to_know",
                    "answer",
                    "related_articles",
                    "related_exercises",
                    ("answered_by", "answered_at"),
                ],
            },
        ),
        (
            "Publication (only if the patient agreed)",
            {
                "description": "Rewrite the question so that nobody can tell who asked: no "
                "names, places, dates, jobs or family details. Then set the status to "
                "Published.",
                "fields": ["public_title", "public_text", "slug", "published_at", "public_link"],
            },
        ),
        ("Declining", {"fields": ["decline_reason"], "classes": ["collapse"]}),
    ]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class RequestForm(form):
            def __init__(self, *args, **inner):
                super().__init__(*args, request=request, **inner)

        return RequestForm

    @admin.display(description="question")
    def short_text(self, obj):
        return (obj.public_title or obj.text or "(erased)")[:80]

    @admin.display(description="waited", ordering="created_at")
    def waited(self, obj):
        end = obj.closed_at or timezone.now()
        hours = int((end - obj.created_at).total_seconds() // 3600)
        return f"{hours // 24} d {hours % 24} h" if hours >= 24 else f"{hours} h"

    @admin.display(description="what the patient wrote")
    def patient_question(self, obj):
        if obj.personal_data_erased_at and not obj.text:
            return "(erased)"
        # linebreaks escapes the patient's text itself (autoescape=True) before adding <p>.
        return format_html(
            '<div class="patient-question">{}</div>',
            mark_safe(linebreaks(obj.text, autoescape=True)),  # noqa: S308 - escaped above
        )

    @admin.display(description="public page")
    def public_link(self, obj):
        if obj.status == Question.Status.PUBLISHED and obj.slug:
            return format_html('<a href="{0}">{0}</a>', obj.get_absolute_url())
        return "Not published"

    def save_related(self, request, form, formsets, change):
        # After the links to articles are saved, so that the answer email lists them.
        super().save_related(request, form, formsets, change)
        services.save_question(form.instance, by=request.user)

    @admin.action(description="Assign to me")
    def assign_to_me(self, request, queryset):
        for question in queryset:
            services.assign_question(question, request.user)
        self.message_user(request, f"{queryset.count()} question(s) assigned to you.")

    @admin.action(description="Mark as spam")
    def mark_as_spam(self, request, queryset):
        for question in queryset:
            services.mark_spam(question)
        self.message_user(request, f"{queryset.count()} question(s) marked as spam.")

    @admin.action(description="Decline (the patient is told why by email)")
    def decline(self, request, queryset):
        if "apply" in request.POST:
            form = DeclineForm(request.POST)
            if form.is_valid():
                for question in queryset:
                    services.decline_question(question, reason=form.cleaned_data["reason"])
                self.message_user(
                    request, f"{queryset.count()} question(s) declined; the patients are emailed."
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
                "questions": queryset,
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

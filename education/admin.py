from datetime import timedelta

from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.db import models
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, linebreaks
from django.utils.safestring import mark_safe

from clinic.admin import DeleteAsOneContentChange, LabelledTabularInline, NamedInputs
from education import services
from education.markdown import plain_text
from education.models import (
    REVIEW_INTERVAL,
    Article,
    Condition,
    KeyPoint,
    Question,
    Reference,
    SearchSynonym,
)
from education.readability import TARGET_GRADE, reading_grade, reading_minutes


@admin.register(Condition)
class ConditionAdmin(admin.ModelAdmin):
    autocomplete_fields = ["exercises"]
    list_display = ["name", "region", "also_known_as"]
    list_filter = ["region"]
    search_fields = ["name", "also_known_as"]
    prepopulated_fields = {"slug": ["name"]}


class KeyPointInline(LabelledTabularInline):
    model = KeyPoint
    extra = 0
    min_num = 3
    max_num = 6
    fields = ["order", "text"]
    verbose_name = "thing to know (a short sentence)"

    def get_formset(self, request, obj=None, **kwargs):
        # 3 to 6 points, enforced on save and not only in the page's JavaScript.
        return super().get_formset(request, obj, validate_min=True, validate_max=True, **kwargs)


class ReferenceInline(LabelledTabularInline):
    model = Reference
    extra = 0
    fields = ["order", "citation", "url"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class ReviewDueFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("due", "Past its review date"), ("soon", "Due within 60 days")]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "due":
            return queryset.due_for_review()
        if self.value() == "soon":
            return queryset.filter(
                next_review_due__gt=today, next_review_due__lte=today + timedelta(days=60)
            )
        return queryset


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 - the admin shows every editable field by design

    def clean(self):
        cleaned = super().clean()
        # A new review date moves the next one, unless the PT set it by hand.
        if (
            "last_reviewed" in self.changed_data
            and "next_review_due" not in self.changed_data
            and cleaned.get("last_reviewed")
        ):
            cleaned["next_review_due"] = cleaned["last_reviewed"] + REVIEW_INTERVAL
            self.instance.next_review_due = cleaned["next_review_due"]
        return cleaned


@admin.register(Article)
class ArticleAdmin(NamedInputs, DeleteAsOneContentChange, admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = [
        "title",
        "status",
        "region_list",
        "reviewer",
        "last_reviewed",
        "review_state",
        "publish_at",
        "grade",
    ]
    list_filter = ["status", ReviewDueFilter, "regions", "reviewer"]
    search_fields = ["title", "summary", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["author", "reviewer", "conditions", "exercises"]
    filter_horizontal = ["regions"]
    readonly_fields = ["reading_level", "preview_link", "created_at", "updated_at"]

    class Media:
        # Recomputes the reading grade as the PT types (same library as on save).
        js = ["js/reading-grade.js"]

    def get_urls(self):
        return [
            path(
                "reading-grade/",
                self.admin_site.admin_view(self.reading_grade_view),
                name="education_article_reading_grade",
            ),
            *super().get_urls(),
        ]

    def reading_grade_view(self, request):
        """POST the article's sections; answers the grade and minutes as JSON."""
        if request.method != "POST" or not self.has_view_or_change_permission(request):
            return JsonResponse({"error": "POST the article text."}, status=405)
        text = " ".join(
            plain_text(request.POST.get(key, "")[:100_000]) for key, _ in Article.SECTIONS
        )
        grade = reading_grade(text)
        return JsonResponse(
            {
                "grade": grade,
                "minutes": reading_minutes(f"{request.POST.get('summary', '')} {text}"),
                "easy": grade <= TARGET_GRADE,
                "target": TARGET_GRADE,
            }
        )

    date_hierarchy = "publish_at"
    inlines = [KeyPointInline, ReferenceInline]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "status", "publish_at", "preview_link"]}),
        (
            "Who wrote and checked it",
            {"fields": ["author", "reviewer", "last_reviewed", "next_review_due"]},
        ),
        (
            "The article (Markdown)",
            {
                "description": "Short sentences and everyday words. Explain any medical word the first time you use it.",
                "fields": [
                    "reading_level",
                    "what_it_is",
                    "symptoms",
                    "causes",
                    "when_to_see_pt",
                    "treatment",
                    "exercises_intro",
                    "red_flags",
                ],
            },
        ),
        ("Topics and related exercises", {"fields": ["regions", "conditions", "exercises"]}),
        ("Image", {"fields": ["hero_image", "hero_alt"]}),
        ("Record", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("reviewer").prefetch_related("regions")

    @admin.display(description="regions")
    def region_list(self, obj):
        return ", ".join(region.name for region in obj.regions.all())

    @admin.display(description="next review", ordering="next_review_due")
    def review_state(self, obj):
        if obj.next_review_due and obj.next_review_due <= timezone.localdate():
            return format_html("<strong>Overdue since {}</strong>", obj.next_review_due)
        return obj.next_review_due

    @admin.display(description="grade", ordering="reading_grade")
    def grade(self, obj):
        return obj.reading_grade

    @admin.display(description="reading level")
    def reading_level(self, obj):
        if not obj.pk:
            return format_html(
                '<span class="reading-level" data-url="{}" aria-live="polite">{}</span>',
                reverse("admin:education_article_reading_grade"),
                "Shown as you write.",
            )
        verdict = (
            "easy enough for most patients"
            if obj.reading_grade <= TARGET_GRADE
            else f"too hard: aim for grade {TARGET_GRADE} or lower with shorter sentences and words"
        )
        return format_html(
            '<span class="reading-level" data-url="{}" aria-live="polite">'
            "US school grade <strong>{}</strong> ({}). About {} min to read.</span>",
            reverse("admin:education_article_reading_grade"),
            obj.reading_grade,
            verdict,
            obj.reading_minutes,
        )

    @admin.display(description="preview")
    def preview_link(self, obj):
        if not obj.pk:
            return "Save first to preview."
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">Open the page as patients will see it</a>',
            obj.get_absolute_url(),
        )


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
            if not self.request.user.has_perm("education.publish_question"):
                raise forms.ValidationError("You do not have permission to publish questions.")
            draft = Question(
                may_publish=self.instance.may_publish,
                answer=cleaned.get("answer", ""),
                public_title=cleaned.get("public_title", ""),
                public_text=cleaned.get("public_text", ""),
                slug=cleaned.get("slug"),
            )
            problems = services.check_publishable(draft)
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
        question = form.instance
        if question.answer.strip() and question.status in (
            Question.Status.NEW,
            Question.Status.ASSIGNED,
            Question.Status.ANSWERED,
            Question.Status.PUBLISHED,
        ):
            services.answer_question(question, by=request.user)
        if question.status == Question.Status.PUBLISHED:
            services.publish_question(question)

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
            "admin/education/question/decline.html",
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


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    """Words patients use next to words clinicians use; the site search treats them as one."""

    list_display = ["term", "equivalents"]
    search_fields = ["term", "equivalents"]

from datetime import timedelta

from django import forms
from django.contrib import admin
from django.db import models
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from core.admin import (
    DeleteAsOneContentChange,
    HistoryAdmin,
    LabelledTabularInline,
    NamedInputs,
    TranslationInline,
    TranslationsAdmin,
    TranslationStateFilter,
)
from core.markdown import plain_text
from education.models import (
    REVIEW_INTERVAL,
    Article,
    ArticleTranslation,
    Condition,
    ConditionTranslation,
    ExerciseCaution,
    KeyPoint,
    Reference,
)
from education.readability import TARGET_GRADE, reading_grade, reading_minutes


class ConditionTranslationInline(admin.TabularInline):
    model = ConditionTranslation
    fields = ["language", "name", "also_known_as"]
    extra = 0


@admin.register(Condition)
class ConditionAdmin(admin.ModelAdmin):
    inlines = [ConditionTranslationInline]
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


class CitationInline(LabelledTabularInline):
    """The numbered sources of a page (an article's references, an answer's)."""

    extra = 0
    fields = ["order", "citation", "url"]
    formfield_overrides = {
        models.URLField: {"assume_scheme": "https"},
        # A full title, authors, journal and year: room to read it whole.
        models.CharField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 60})},
    }


class ReferenceInline(CitationInline):
    model = Reference


class ExerciseCautionInline(LabelledTabularInline):
    """Exercises this article's readers should leave out or wait with: their cards say so."""

    model = ExerciseCaution
    extra = 0
    fields = ["exercise", "kind", "note"]
    autocomplete_fields = ["exercise"]


class ArticleTranslationInline(TranslationInline):
    model = ArticleTranslation
    autocomplete_fields = ["reviewer"]
    fields = [
        "language",
        "published",
        "reviewer",
        "last_reviewed",
        "english_state",
        "matches_current_english",
        "title",
        "summary",
        *(key for key, _ in Article.SECTIONS),
        "red_flags",
        "key_points",
        "hero_alt",
        "reading_ease",
    ]
    readonly_fields = [*TranslationInline.readonly_fields, "reading_ease"]


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
        widgets = {"checked_against": forms.TextInput(attrs={"size": 80})}

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
class ArticleAdmin(NamedInputs, TranslationsAdmin, DeleteAsOneContentChange, HistoryAdmin):
    history_list_display = ["status", "changed_fields"]
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
        "translation_state",
    ]
    list_filter = ["status", ReviewDueFilter, TranslationStateFilter, "regions", "reviewer"]
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
    inlines = [KeyPointInline, ExerciseCautionInline, ReferenceInline, ArticleTranslationInline]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "status", "publish_at", "preview_link"]}),
        (
            "Who wrote and checked it",
            {
                "fields": [
                    "author",
                    "reviewer",
                    "last_reviewed",
                    "next_review_due",
                    "checked_against",
                ]
            },
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

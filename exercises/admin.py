from django import forms
from django.contrib import admin, messages
from django.db import models
from django.utils.html import format_html

from core.admin import (
    DeleteAsOneContentChange,
    HistoryAdmin,
    LabelledTabularInline,
    TranslationInline,
    TranslationsAdmin,
    TranslationStateFilter,
)
from exercises.models import (
    Equipment,
    EquipmentTranslation,
    Exercise,
    ExerciseStep,
    ExerciseTranslation,
)


class ExerciseStepInline(LabelledTabularInline):
    model = ExerciseStep
    fields = ["order", "text"]
    extra = 1
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 70})}
    }


class EquipmentTranslationInline(admin.TabularInline):
    model = EquipmentTranslation
    fields = ["language", "name"]
    extra = 0


@admin.register(Equipment)
class EquipmentAdmin(admin.ModelAdmin):
    inlines = [EquipmentTranslationInline]
    list_display = ["name", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class ExerciseTranslationInline(TranslationInline):
    model = ExerciseTranslation
    autocomplete_fields = ["reviewer"]
    fields = [
        "language",
        "published",
        "reviewer",
        "last_reviewed",
        "english_state",
        "matches_current_english",
        *ExerciseTranslation.TEXT_FIELDS,
        "steps",
        "thumbnail_alt",
    ]


@admin.register(Exercise)
class ExerciseAdmin(TranslationsAdmin, DeleteAsOneContentChange, HistoryAdmin):
    history_list_display = ["status", "changed_fields"]

    @admin.display(description="video")
    def video_state(self, obj):
        if obj.has_example_video:
            return "Example id: replace it"
        return obj.get_video_provider_display() if obj.video_id else "None yet"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        exercise = self.get_object(request, object_id) if request.method == "GET" else None
        if exercise is not None and exercise.status == exercise.Status.PUBLISHED:
            if exercise.has_example_video:
                messages.warning(
                    request,
                    "This exercise still has one of the demo's example video links: patients "
                    "see no video until you paste the clinic's own.",
                )
            elif not exercise.video_id:
                messages.warning(request, "This published exercise has no video yet.")
        return super().change_view(request, object_id, form_url, extra_context)

    inlines = [ExerciseStepInline, ExerciseTranslationInline]
    list_display = [
        "name",
        "status",
        "difficulty",
        "regions",
        "video_state",
        "updated",
        "translation_state",
    ]
    list_filter = ["status", "difficulty", TranslationStateFilter, "body_regions", "equipment"]
    # By name, body region or condition (the autocomplete of a home exercise program too).
    search_fields = [
        "name",
        "slug",
        "purpose",
        "target_muscles",
        "body_regions__name",
        "conditions__name",
        "conditions__also_known_as",
    ]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["video_provider", "video_id", "video_preview", "created", "updated"]
    formfield_overrides = {
        models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple},
        # Long one-line fields get room for a whole sentence or link.
        models.CharField: {"widget": forms.TextInput(attrs={"size": 80})},
    }
    save_on_top = True

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        # A home exercise program's autocomplete offers published exercises only.
        if request.GET.get("app_label") == "programs" and request.GET.get("field_name"):
            queryset = queryset.filter(status=Exercise.Status.PUBLISHED)
        return queryset, may_have_duplicates

    fieldsets = [
        (None, {"fields": ["name", "slug", "purpose", "status"]}),
        (
            "Who it is for",
            {"fields": ["body_regions", "target_muscles", "difficulty", "equipment"]},
        ),
        (
            "Default dose (leave empty what does not apply)",
            {
                "fields": [
                    ("sets", "reps", "hold_seconds"),
                    ("times_per_day", "days_per_week"),
                    "progression",
                ]
            },
        ),
        ("Safety", {"fields": ["precautions"]}),
        ("Picture", {"fields": ["drawing"]}),
        ("Checked by", {"fields": ["checked_by", "checked_against"]}),
        (
            "Video",
            {
                "fields": [
                    "video_url",
                    ("video_provider", "video_id"),
                    "video_preview",
                    "transcript",
                    "thumbnail",
                    "thumbnail_alt",
                ]
            },
        ),
        ("History", {"fields": [("created", "updated")]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("body_regions")

    @admin.display(description="body regions")
    def regions(self, exercise):
        return ", ".join(region.name for region in exercise.body_regions.all())

    @admin.display(description="video preview")
    def video_preview(self, exercise):
        # Staff only: the privacy-enhanced player, without autoplay.
        video = exercise.video
        if video is None:
            return "Save a video link to see it here."
        return format_html(
            '<iframe src="{}" title="Preview: {}" width="480" height="270" '
            'allow="encrypted-media; fullscreen; picture-in-picture" '
            'referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe>',
            video.embed_url.replace("autoplay=1", "autoplay=0"),
            exercise.name,
        )

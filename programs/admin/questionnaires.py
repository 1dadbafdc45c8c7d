"""The outcome questionnaires a PT can give: the built-in ones (NPRS, PSFS, LEFS) and a
clinic's own licensed ones, added here without code (questions, answer scale, scoring,
minimal clinically important difference, source and terms of use)."""

from django.contrib import admin, messages

from core.admin import LabelledTabularInline
from programs.models import ProgramQuestionnaire, Questionnaire, QuestionnaireItem


class QuestionnaireItemInline(LabelledTabularInline):
    model = QuestionnaireItem
    fields = ["order", "text"]
    extra = 1
    verbose_name_plural = "questions (none when the patient names the activities, as in the PSFS)"


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "short_name",
        "language",
        "scoring",
        "minimal_important_change",
        "is_active",
    ]
    list_filter = ["language", "is_active"]
    search_fields = ["name", "short_name"]
    inlines = [QuestionnaireItemInline]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "code", "language", "is_active"]}),
        ("What the patient reads", {"fields": ["instructions"]}),
        (
            "Answers and score",
            {
                "fields": [
                    "scale_min",
                    "scale_max",
                    "answer_labels",
                    "patient_names_items",
                    "scoring",
                    "higher_is_better",
                    "minimal_important_change",
                ]
            },
        ),
        ("Where it comes from", {"fields": ["source", "terms_of_use"]}),
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        questionnaire = form.instance
        if not questionnaire.patient_names_items and not questionnaire.items.exists():
            self.message_user(
                request,
                "This questionnaire has no questions yet: patients are not offered it until "
                "it has some.",
                messages.WARNING,
            )

    def has_delete_permission(self, request, obj=None):
        # One that a program uses stays (its answers point at it): untick "offered" instead.
        if obj is not None and ProgramQuestionnaire.objects.filter(questionnaire=obj).exists():
            return False
        return super().has_delete_permission(request, obj)

"""The program form's parts in the admin: the exercises (with their doses), the PT's
messages to the patient, and the read-only list of what the patient logged."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet

from core.admin import LabelledTabularInline
from programs.models import (
    ExerciseLog,
    ProgramExercise,
    ProgramMessage,
    ProgramQuestionnaire,
    Questionnaire,
    ReviewTime,
)


class ProgramExerciseForm(forms.ModelForm):
    def clean_exercise(self):
        exercise = self.cleaned_data["exercise"]
        # A program keeps an exercise that was set to draft after it was chosen (the
        # patient still sees it); a new choice must be published.
        if "exercise" in self.changed_data and not exercise.is_published:
            raise ValidationError("This exercise is a draft: publish it first, or choose another.")
        return exercise


class ProgramExerciseFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [
            form
            for form in self.forms
            if form.cleaned_data.get("exercise") and not form.cleaned_data.get("DELETE")
        ]
        if not kept:
            raise ValidationError("Add at least one exercise: the patient's page would be empty.")


class ProgramExerciseInline(LabelledTabularInline):
    model = ProgramExercise
    form = ProgramExerciseForm
    formset = ProgramExerciseFormSet
    extra = 1
    autocomplete_fields = ["exercise"]
    fields = [
        "order",
        "exercise",
        "sets",
        "reps",
        "hold_seconds",
        "times_per_day",
        "days_per_week",
        "note",
    ]
    verbose_name_plural = "exercises (leave a dose box empty to use the exercise's own)"


class ExerciseLogInline(LabelledTabularInline):
    model = ExerciseLog
    fields = ["day", "exercise", "pain", "effort", "comment"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["-day", "-logged_at"]
    verbose_name_plural = "what the patient logged"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("exercise")


class ProgramMessageInline(LabelledTabularInline):
    """A short word to the patient, shown at the top of their page until they mark it
    read. Sent messages are not edited (the patient may have read them); one can be
    deleted, and it leaves their page."""

    model = ProgramMessage
    fields = ["text", "author", "written_at", "read_at"]
    readonly_fields = ["author", "written_at", "read_at"]
    extra = 0
    verbose_name = "message to the patient"
    verbose_name_plural = "messages to the patient (newest first)"
    formfield_overrides = {
        # Short: a word after a flag or a change of dose, not a letter.
        models.TextField: {
            "widget": forms.Textarea(attrs={"rows": 2, "cols": 60, "maxlength": 600})
        }
    }

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="written by")
    def author(self, message):
        user = message.written_by
        return (user.get_full_name() or user.get_username()) if user else "-"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("written_by")


class ProgramQuestionnaireInline(LabelledTabularInline):
    """The outcome questionnaires given to the patient: due on their page at the start,
    then every 2 or 4 weeks. One taken out keeps nothing: its answers go with it."""

    model = ProgramQuestionnaire
    fields = ["questionnaire", "every_weeks", "starts_on"]
    extra = 0
    verbose_name_plural = "outcome questionnaires (the patient fills them in on their page)"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "questionnaire":
            kwargs["queryset"] = Questionnaire.objects.filter(is_active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ReviewTimeInline(LabelledTabularInline):
    """Minutes spent on the program outside a visit, for the monthly monitoring record.
    The page suggests the time it has been open (js/admin-review-time.js)."""

    model = ReviewTime
    fields = ["day", "minutes", "note", "reviewer"]
    readonly_fields = ["reviewer"]
    extra = 1
    ordering = ["-day", "-pk"]
    verbose_name_plural = "time spent reviewing (for the monthly monitoring record)"

    @admin.display(description="by")
    def reviewer(self, review):
        user = review.by
        return (user.get_full_name() or user.get_username()) if user else "-"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")

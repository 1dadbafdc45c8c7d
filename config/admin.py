"""The home page's choices in the admin (the project's own model)."""

from django import forms
from django.contrib import admin
from solo.admin import SingletonModelAdmin

from config.models import FeaturedAnswer, FeaturedArticle, FeaturedExercise, HomePage
from core.admin import LabelledTabularInline
from questions.models import Question


class FeaturedArticleInline(LabelledTabularInline):
    model = FeaturedArticle
    fields = ["order", "article"]
    autocomplete_fields = ["article"]
    extra = 0


class FeaturedExerciseInline(LabelledTabularInline):
    model = FeaturedExercise
    fields = ["order", "exercise"]
    autocomplete_fields = ["exercise"]
    extra = 0


class AnswerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.public_title  # never the patient's own words


class FeaturedAnswerInline(LabelledTabularInline):
    model = FeaturedAnswer
    fields = ["order", "question"]
    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "question":
            kwargs["queryset"] = Question.objects.published().only("public_title")
            kwargs["form_class"] = AnswerChoice
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(HomePage)
class HomePageAdmin(SingletonModelAdmin):
    inlines = [FeaturedArticleInline, FeaturedExerciseInline, FeaturedAnswerInline]

    class Media:
        js = ["js/admin-autocomplete-labels.js"]

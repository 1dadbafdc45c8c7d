"""The home page's choices in the admin (the project's own model)."""

from django.contrib import admin
from solo.admin import SingletonModelAdmin

from config.models import FeaturedAnswer, FeaturedArticle, FeaturedExercise, HomePage
from core.admin import LabelledTabularInline


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


class FeaturedAnswerInline(LabelledTabularInline):
    model = FeaturedAnswer
    fields = ["order", "question"]
    # Searched by the question admin, published answers only (limit_choices_to), each
    # named by its public title.
    autocomplete_fields = ["question"]
    extra = 0


@admin.register(HomePage)
class HomePageAdmin(SingletonModelAdmin):
    inlines = [FeaturedArticleInline, FeaturedExerciseInline, FeaturedAnswerInline]

    class Media:
        js = ["js/admin-autocomplete-labels.js"]

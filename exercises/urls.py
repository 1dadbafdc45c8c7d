"""The exercise library."""

from django.urls import path

from core.page_cache import cache_for_visitors
from exercises import views

app_name = "exercises"

urlpatterns = [
    path("exercises/", cache_for_visitors(views.ExerciseListView.as_view()), name="list"),
    path(
        "exercises/<slug:slug>/",
        cache_for_visitors(views.ExerciseDetailView.as_view()),
        name="detail",
    ),
    path(
        "exercises/<slug:slug>/print/",
        cache_for_visitors(views.ExerciseHandoutView.as_view()),
        name="print",
    ),
]

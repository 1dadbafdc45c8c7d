"""The exercise library."""

from django.urls import path

from exercises import views

app_name = "exercises"

urlpatterns = [
    path("exercises/", views.ExerciseListView.as_view(), name="list"),
    path("exercises/<slug:slug>/", views.ExerciseDetailView.as_view(), name="detail"),
    path("exercises/<slug:slug>/print/", views.ExerciseHandoutView.as_view(), name="print"),
]

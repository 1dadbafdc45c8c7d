from django.urls import path

from core.page_cache import cache_for_visitors
from questions import views

app_name = "questions"

urlpatterns = [
    path("ask/", views.AskView.as_view(), name="ask"),
    path("ask/thanks/", views.ask_thanks, name="ask_thanks"),
    # The patient's private answer page: the key is the whole secret (never cached).
    path("answers/<str:key>/", views.private_answer, name="private"),
    path("questions/", cache_for_visitors(views.QuestionListView.as_view()), name="list"),
    path(
        "questions/<slug:slug>/print/",
        cache_for_visitors(views.QuestionExercisesHandoutView.as_view()),
        name="exercises_print",
    ),
    path(
        "questions/<slug:slug>/",
        cache_for_visitors(views.QuestionDetailView.as_view()),
        name="detail",
    ),
]

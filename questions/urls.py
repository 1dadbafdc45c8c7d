from django.urls import path

from core.page_cache import cache_for_visitors
from questions import views

app_name = "questions"

urlpatterns = [
    path("ask/", views.AskView.as_view(), name="ask"),
    path("ask/thanks/", views.ask_thanks, name="ask_thanks"),
    path("questions/", cache_for_visitors(views.QuestionListView.as_view()), name="list"),
    path(
        "questions/<slug:slug>/",
        cache_for_visitors(views.QuestionDetailView.as_view()),
        name="detail",
    ),
]

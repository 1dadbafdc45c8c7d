from django.urls import path

from core.page_cache import cache_for_visitors
from education import feeds, views

app_name = "education"

urlpatterns = [
    path("articles/", cache_for_visitors(views.ArticleListView.as_view()), name="article_list"),
    path(
        "articles/<slug:slug>/",
        cache_for_visitors(views.ArticleDetailView.as_view()),
        name="article_detail",
    ),
    path(
        "articles/<slug:slug>/print/",
        cache_for_visitors(views.ArticleExercisesHandoutView.as_view()),
        name="article_exercises_print",
    ),
    path("feeds/articles/", cache_for_visitors(feeds.LatestArticlesFeed()), name="article_feed"),
]

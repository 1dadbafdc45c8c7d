from django.urls import path

from education import feeds, views

app_name = "education"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("articles/", views.ArticleListView.as_view(), name="article_list"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="article_detail"),
    path("feeds/articles/", feeds.LatestArticlesFeed(), name="article_feed"),
    path("ask/", views.AskView.as_view(), name="ask"),
    path("ask/thanks/", views.ask_thanks, name="ask_thanks"),
    path("questions/", views.QuestionListView.as_view(), name="question_list"),
    path("questions/<slug:slug>/", views.QuestionDetailView.as_view(), name="question_detail"),
    path("search/", views.search, name="search"),
]

from django.urls import path

from education import views

app_name = "education"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
]

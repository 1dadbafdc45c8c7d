"""The clinic's pages: clinic locations and the booking form."""

from django.urls import path

from clinic import views
from core.page_cache import cache_for_visitors

app_name = "clinic"

urlpatterns = [
    path("clinics/", cache_for_visitors(views.ClinicListView.as_view()), name="clinic_list"),
    path(
        "clinics/<slug:slug>/",
        cache_for_visitors(views.ClinicDetailView.as_view()),
        name="clinic_detail",
    ),
    path("book/", views.BookView.as_view(), name="book"),
    path("book/thanks/", views.BookThanksView.as_view(), name="book_thanks"),
]

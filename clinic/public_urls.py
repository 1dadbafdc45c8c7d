"""The clinic app's public pages: clinic locations and the booking form."""

from django.urls import path

from clinic import views

app_name = "clinic"

urlpatterns = [
    path("clinics/", views.ClinicListView.as_view(), name="clinic_list"),
    path("clinics/<slug:slug>/", views.ClinicDetailView.as_view(), name="clinic_detail"),
    path("book/", views.BookView.as_view(), name="book"),
    path("book/thanks/", views.BookThanksView.as_view(), name="book_thanks"),
]

from django.urls import path

from programs import views

app_name = "programs"

# The key is the whole secret: never cached, never indexed, kept out of the logs.
urlpatterns = [
    path("my-program/<str:key>/", views.program_page, name="program"),
    path("my-program/<str:key>/done/<int:item_id>/", views.LogExerciseView.as_view(), name="log"),
    path("my-program/<str:key>/print/", views.program_print, name="print"),
    path("my-program/<str:key>/reminders.ics", views.program_calendar, name="calendar"),
]

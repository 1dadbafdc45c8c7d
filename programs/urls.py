from django.urls import path

from programs import views

app_name = "programs"

# The key is the whole secret: never cached, never indexed, kept out of the logs.
urlpatterns = [
    path("my-program/<str:key>/", views.program_page, name="program"),
    path("my-program/<str:key>/done/<int:item_id>/", views.LogExerciseView.as_view(), name="log"),
    path("my-program/<str:key>/print/", views.program_print, name="print"),
    path("my-program/<str:key>/reminders.ics", views.program_calendar, name="calendar"),
    path("my-program/<str:key>/email-reminders/", views.ask_for_reminders, name="reminders"),
    path(
        "my-program/<str:key>/messages/<int:message_id>/read/",
        views.mark_message_read,
        name="message_read",
    ),
    path(
        "my-program/<str:key>/questionnaires/<int:assignment_id>/",
        views.fill_in_questionnaire,
        name="questionnaire",
    ),
    # The key of these is the reminders' own (programs.models.Reminders.key).
    path("reminders/<str:key>/confirm/", views.confirm_reminders, name="reminders_confirm"),
    path("reminders/<str:key>/stop/", views.stop_reminders, name="reminders_stop"),
]

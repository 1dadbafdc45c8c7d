"""The admin's log of changes names an appointment request by its number, never by the
person (its object_repr was "Jane Roe (2026-12-04)", kept forever, past the retention
purge). Rewrites the entries written so far."""

from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Concat


def name_requests_by_number(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    LogEntry = apps.get_model("admin", "LogEntry")
    kind = ContentType.objects.filter(app_label="clinic", model="appointmentrequest").first()
    if kind is not None:
        LogEntry.objects.filter(content_type=kind).update(
            object_repr=Concat(Value("Appointment request "), "object_id")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0008_history"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(name_requests_by_number, migrations.RunPython.noop)]

"""The admin's log of changes names a program by its number, never by the patient's label
(its object_repr was "Program 2: Victim V.", kept forever, past the retention purge).
Rewrites the entries written so far."""

from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Concat


def name_programs_by_number(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    LogEntry = apps.get_model("admin", "LogEntry")
    kind = ContentType.objects.filter(app_label="programs", model="program").first()
    if kind is not None:
        LogEntry.objects.filter(content_type=kind).update(
            object_repr=Concat(Value("Program "), "object_id")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0003_flags_emailed"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(name_programs_by_number, migrations.RunPython.noop)]

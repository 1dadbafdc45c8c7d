"""The pain rule is now shown by the pages themselves (core.safety.PAIN_RULE), above each
exercise's own precautions: take the demo's copy of it out of the precautions, so that no
page says it twice. Only that exact text goes; anything staff wrote stays."""

from django.db import migrations

OLD_PAIN_RULE = (
    "Pain up to 3 out of 10 (0 is no pain, 10 the worst you can imagine) is okay. Stop if "
    "it goes above 3 or feels sharp. If it is worse the next morning, do less next time."
)


def take_out_the_pain_rule(apps, schema_editor):
    Exercise = apps.get_model("exercises", "Exercise")
    for exercise in Exercise.objects.filter(precautions__startswith=OLD_PAIN_RULE):
        rest = exercise.precautions[len(OLD_PAIN_RULE) :].strip()
        exercise.precautions = rest or "Stop if it hurts more than the pain rule allows."
        exercise.save(update_fields=["precautions"])


def put_back_the_pain_rule(apps, schema_editor):
    Exercise = apps.get_model("exercises", "Exercise")
    for exercise in Exercise.objects.exclude(precautions__startswith=OLD_PAIN_RULE):
        exercise.precautions = f"{OLD_PAIN_RULE}\n{exercise.precautions}".strip()
        exercise.save(update_fields=["precautions"])


class Migration(migrations.Migration):
    dependencies = [("exercises", "0007_checked_by")]

    operations = [migrations.RunPython(take_out_the_pain_rule, put_back_the_pain_rule)]
